"""The speakers view: everyone quoted in the stored articles, and what each of them said."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from newsreader.store import Store
from newsreader.store.search import SpeakerCount, StoredQuote
from newsreader.text import clean_line, clean_text, plural
from newsreader.ui.cells import steady_text
from newsreader.versions import EXTRACTOR_VERSION


@dataclass(frozen=True, slots=True)
class QuoteLocation:
    """Where to open: an article and the position of a quote in it."""

    article_id: int
    position: int


def speaker_prompt(count: SpeakerCount) -> Text:
    """`Dana Ortiz  12 quotes · 5 articles`."""
    text = Text(clean_line(count.speaker), Style(bold=True))
    quotes = "quote" if count.quote_count == 1 else "quotes"
    articles = "article" if count.article_count == 1 else "articles"
    text.append(f"\n{count.quote_count} {quotes} · {count.article_count} {articles}", "dim")
    return steady_text(text)


def quote_prompt(quote: StoredQuote) -> Text:
    """The quote, then the article it is from and its date."""
    opening = "“…" if quote.kind == "fragment" else "“"  # a fragment is part of what was said
    text = Text(opening + clean_text(quote.text).strip() + "”")
    when = quote.published.strftime("%Y-%m-%d") if quote.published else "undated"
    text.append(f"\n{clean_line(quote.source_name)} · {when} · {clean_line(quote.title)}", "dim")
    return steady_text(text)


class SpeakersScreen(Screen[QuoteLocation | None]):
    """Pick a speaker, then a quote; dismisses with where to open it (None: back)."""

    BINDINGS = [
        Binding("escape", "close", "Clear filter / back", id="speakers.close"),
        Binding("q", "back", "Back", show=False, id="speakers.back"),
        Binding("slash", "focus_filter", "Filter names", id="speakers.filter"),
        Binding("tab", "app.focus_next", "Next pane", show=False),
    ]

    DEFAULT_CSS = """
    SpeakersScreen {
        #speakers-columns { height: 1fr; }
        #speaker-column { width: 40%; border-right: solid $panel; }
        #speaker-filter { margin: 0 1; }
        #speaker-list, #speaker-quotes { height: 1fr; border: none; }
        #speaker-title, #quotes-title { padding: 0 1; color: $text-accent; text-style: bold; }
        OptionList > .option-list--option { padding: 0 1; }
    }
    """

    def __init__(self, store: Store, hidden: tuple[str, tuple[object, ...]] | None = None) -> None:
        """`hidden`: the killfile's condition; the quotes of articles it hides are left out."""
        super().__init__()
        self.store = store
        self.hidden = hidden
        self.counts: list[SpeakerCount] = []
        self.quotes: list[StoredQuote] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="speakers-columns"):
            with Vertical(id="speaker-column"):
                yield Label("Speakers", id="speaker-title")
                yield Input(placeholder="filter names", id="speaker-filter")
                yield OptionList(id="speaker-list")
            with Vertical():
                yield Label("Choose a speaker", id="quotes-title", markup=False)
                yield OptionList(id="speaker-quotes")
        yield Footer()

    def on_mount(self) -> None:
        self.load_speakers("")
        self.query_one("#speaker-list").focus()

    @work(exclusive=True, group="speakers")
    async def load_speakers(self, name_filter: str) -> None:
        """Fill the speaker list (most quoted first)."""
        self.counts = self.store.speakers(name_filter, hidden=self.hidden)
        speaker_list = self.query_one("#speaker-list", OptionList)
        options: list[Option | None] = []
        for index, count in enumerate(self.counts):
            if index:
                options.append(None)
            options.append(Option(speaker_prompt(count), id=f"speaker-{index}"))
        speaker_list.set_options(options)
        title = self.query_one("#speaker-title", Label)
        pending = self.store.pending_index_count(EXTRACTOR_VERSION)
        waiting = f" · {plural(pending, 'article')} still being analysed" if pending else ""
        title.update(f"Speakers ({len(self.counts)}){waiting}")
        if self.counts:
            speaker_list.highlighted = 0

    @on(Input.Changed, "#speaker-filter")
    def filter_speakers(self, event: Input.Changed) -> None:
        """Narrow the list as the user types."""
        self.load_speakers(event.value)

    @on(Input.Submitted, "#speaker-filter")
    def leave_filter(self) -> None:
        """Enter in the filter moves to the list."""
        self.query_one("#speaker-list").focus()

    @on(OptionList.OptionHighlighted, "#speaker-list")
    def show_speaker(self, event: OptionList.OptionHighlighted) -> None:
        """List the highlighted speaker's quotes, newest first."""
        option_id = event.option.id or ""
        index = int(option_id.removeprefix("speaker-")) if option_id else 0
        if not self.counts:
            return
        speaker = self.counts[index].speaker
        self.quotes = self.store.quotes_by(speaker, hidden=self.hidden)
        options: list[Option | None] = []
        for number, quote in enumerate(self.quotes):
            if number:
                options.append(None)
            options.append(Option(quote_prompt(quote), id=f"quote-{number}"))
        quote_list = self.query_one("#speaker-quotes", OptionList)
        quote_list.set_options(options)
        if self.quotes:
            quote_list.highlighted = 0
        self.query_one("#quotes-title", Label).update(
            Text(f"{clean_line(speaker)} — {plural(len(self.quotes), 'quote')}")
        )

    @on(OptionList.OptionSelected, "#speaker-list")
    def enter_quotes(self) -> None:
        """Enter on a speaker moves to their quotes."""
        self.query_one("#speaker-quotes").focus()

    @on(OptionList.OptionSelected, "#speaker-quotes")
    def open_quote(self, event: OptionList.OptionSelected) -> None:
        """Open the article at the chosen quote."""
        number = int((event.option.id or "quote-0").removeprefix("quote-"))
        quote = self.quotes[number]
        self.dismiss(QuoteLocation(quote.article_id, quote.position))

    def action_close(self) -> None:
        """Clear the name filter if there is one (and stay), else go back to the reader."""
        name_filter = self.query_one("#speaker-filter", Input)
        if name_filter.value:
            name_filter.value = ""  # lists every speaker again (Input.Changed)
            return
        self.dismiss(None)

    def action_back(self) -> None:
        """Back to the reader, whatever is typed in the filter."""
        self.dismiss(None)

    def action_focus_filter(self) -> None:
        """Type to narrow the speakers."""
        self.query_one("#speaker-filter").focus()
