"""The quote pane: every statement and embedded post of the open article, with who said it."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from newsreader.models import Extraction, Post, Quote, QuoteKind
from newsreader.text import clean_line, clean_text
from newsreader.ui.cells import steady_text
from newsreader.ui.screens.main_layout import back_to_list
from newsreader.ui.widgets.article_blocks import post_byline

QuoteItem = Quote | Post


def pane_items(extraction: Extraction) -> list[QuoteItem]:
    """Statements, fragments someone is credited with, and posts, in reading order (scare
    quotes and unattributed fragments stay in the text)."""
    said = [quote for quote in extraction.quotes if _listed(quote)]
    items: list[QuoteItem] = [*said, *extraction.posts]

    def position(item: QuoteItem) -> tuple[int, int]:
        if isinstance(item, Post):
            return (item.paragraph, 0)
        return (item.spans[0].paragraph, item.spans[0].start) if item.spans else (0, 0)

    return sorted(items, key=position)


def item_text(item: QuoteItem) -> Text:
    """How one quote or post reads in the pane: who, then what."""
    if isinstance(item, Post):
        text = post_byline(item)
        text.append("\n" + clean_text(item.text))
        return steady_text(text)
    text = Text()
    if item.speaker:
        text.append(clean_line(item.speaker), Style(bold=True))
    else:
        text.append("unattributed", Style(dim=True, italic=True))
    opening = "\n“…" if item.kind == QuoteKind.FRAGMENT else "\n“"
    text.append(opening + clean_text(item.text).strip() + "”")
    return steady_text(text)


def _listed(quote: Quote) -> bool:
    """Whether the pane lists a quote: a statement, or a fragment of someone's words."""
    if quote.kind == QuoteKind.FRAGMENT:
        return quote.speaker is not None
    return quote.kind == QuoteKind.STATEMENT


class QuotePane(Vertical):
    """Lists quotes and posts; choosing one posts `QuoteChosen`."""

    BINDINGS = [Binding("q,escape", "back_to_list", "Back to list", id="quotes_back")]

    DEFAULT_CSS = """
    QuotePane {
        #quote-pane-title { color: $text-accent; text-style: bold; padding: 0 1; width: 1fr; }
        #quote-options { height: 1fr; border: none; background: $surface; }
        #quote-options > .option-list--option { padding: 0 1; }
    }
    """

    class QuoteChosen(Message):
        """The user chose a quote or post in the pane."""

        def __init__(self, item: QuoteItem) -> None:
            super().__init__()
            self.item = item

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[QuoteItem] = []

    def compose(self) -> ComposeResult:
        yield Label("Quotes", id="quote-pane-title", markup=False)
        yield OptionList(id="quote-options")

    async def action_back_to_list(self) -> None:
        """Back to the list (`q`, `esc`), as from the article view."""
        await back_to_list(self.screen)

    @property
    def options(self) -> OptionList:
        """The list of quotes."""
        return self.query_one("#quote-options", OptionList)

    def show(self, extraction: Extraction | None) -> None:
        """List what was found in the open article (None: no article open)."""
        self.items = pane_items(extraction) if extraction else []
        options = self.options
        options.clear_options()
        title = self.query_one("#quote-pane-title", Label)
        if extraction is None:
            title.update("Quotes")
            return
        quotes = sum(isinstance(item, Quote) for item in self.items)
        posts = len(self.items) - quotes
        title.update(f"Quotes {quotes} · Posts {posts}")
        if not self.items:
            options.add_option(Option(Text("No quotes or posts in this article.", "dim italic"),
                                      disabled=True))  # fmt: skip
            return
        spaced: list[Option | None] = []
        for index, item in enumerate(self.items):
            if index:
                spaced.append(None)  # a separator line between entries
            spaced.append(Option(item_text(item), id=f"item-{index}"))
        options.add_options(spaced)

    def select_position(self, extraction: Extraction, position: int | None) -> QuoteItem | None:
        """Highlight the quote or post at `position` of `extraction` (quotes first, then
        posts, as the store numbers them); returns it (None: no position, or out of range)."""
        items: list[QuoteItem] = [*extraction.quotes, *extraction.posts]
        if position is None or not 0 <= position < len(items):
            return None
        self.select(items[position])
        return items[position]

    def select(self, item: QuoteItem) -> None:
        """Highlight `item` in the pane (without announcing it)."""
        for index, candidate in enumerate(self.items):
            if candidate is item:
                with self.options.prevent(OptionList.OptionHighlighted):
                    self.options.highlighted = self.options.get_option_index(f"item-{index}")
                return

    def action_step(self, delta: int) -> None:
        """`]` / `[` from any pane: the next or previous quote of the open article."""
        if self.step(delta) is None:
            self.notify("No quotes in this article.", timeout=2)

    def step(self, delta: int) -> QuoteItem | None:
        """Move the highlight `delta` items and choose that item; None when none is listed."""
        if not self.items:
            return None
        options = self.options
        current = self._item_index(options.highlighted)
        target = 0 if current is None else (current + delta) % len(self.items)
        options.highlighted = options.get_option_index(f"item-{target}")
        self.post_message(self.QuoteChosen(self.items[target]))
        return self.items[target]

    def _item_index(self, option_index: int | None) -> int | None:
        if option_index is None:
            return None
        option_id = self.options.get_option_at_index(option_index).id
        return int(option_id.removeprefix("item-")) if option_id else None

    @on(OptionList.OptionSelected, "#quote-options")
    @on(OptionList.OptionHighlighted, "#quote-options")
    def choose_item(self, event: OptionList.OptionSelected | OptionList.OptionHighlighted) -> None:
        """Tell the article view which quote to show."""
        event.stop()
        index = self._item_index(event.option_index)
        if index is not None and self.options.has_focus:
            self.post_message(self.QuoteChosen(self.items[index]))
