"""The article view: header, paragraphs with quotes highlighted, and embedded posts as cards."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from newsreader.models import Article, Extraction, Post, Quote, QuoteKind
from newsreader.text import clean_line, clean_text
from newsreader.ui.widgets.article_list import Clock, local_moment, terms_pattern, utc_now

KIND_CLASSES = {
    QuoteKind.STATEMENT: "article-view--statement",
    QuoteKind.FRAGMENT: "article-view--fragment",
    QuoteKind.SCARE: "article-view--scare",
}


def relative_age(moment: datetime, now: datetime | None = None) -> str:
    """`just now`, `5 minutes ago`, `3 hours ago`, `2 days ago` …, or `in the future`."""
    seconds = ((now or datetime.now(UTC)) - moment).total_seconds()
    if seconds < 0:
        return "in the future"
    for unit_seconds, unit in ((31536000, "year"), (2592000, "month"), (86400, "day"),
                               (3600, "hour"), (60, "minute")):  # fmt: skip
        if seconds >= unit_seconds:
            count = int(seconds // unit_seconds)
            return f"{count} {unit}{'s' if count > 1 else ''} ago"
    return "just now"


def long_date(moment: datetime) -> str:
    """`Wed 14 Oct 2026 09:40` in local time; the time is left out for date-only values."""
    local = local_moment(moment)
    if local is moment and moment.tzinfo == UTC:
        return moment.strftime("%a %d %b %Y")
    return local.strftime("%a %d %b %Y %H:%M")


class PostCard(Static):
    """An embedded post drawn as a card: author, @handle, date, then the text."""

    DEFAULT_CSS = """
    PostCard {
        border: round $accent 60%;
        padding: 0 1;
        margin: 0 2 1 2;
        max-width: 88;
        &.-chosen { border: heavy $accent; }
    }
    """

    def __init__(self, post: Post) -> None:
        super().__init__()
        self.post = post
        self.update(self.card_text(post))

    @staticmethod
    def card_text(post: Post) -> Text:
        """The card's content as safe Text."""
        card = Text()
        card.append(clean_line(post.author) or "Unknown", Style(bold=True))
        card.append(f"  @{clean_line(post.handle)}", Style(dim=True))
        if post.date:
            card.append(f" · {post.date}", Style(dim=True))
        card.append(f"  {post.platform}\n", Style(dim=True, italic=True))
        card.append(clean_text(post.text))
        return card


class ArticleView(VerticalScroll, can_focus=True):
    """Shows one article; scrolls with space/page keys; highlights quotes."""

    BINDINGS = [
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="article_down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="article_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="article_top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="article_bottom"),
    ]

    COMPONENT_CLASSES = {
        "article-view--statement",
        "article-view--fragment",
        "article-view--scare",
        "article-view--chosen",
        "article-view--title",
        "article-view--meta",
        "article-view--dateline",
        "article-view--match",
    }

    DEFAULT_CSS = """
    ArticleView {
        padding: 0 1;
        & > .article-view--statement { color: $text-success; }
        & > .article-view--fragment { color: $text-success; text-style: italic; }
        & > .article-view--scare { text-style: italic; }
        & > .article-view--chosen { background: $success 30%; text-style: bold; }
        & > .article-view--title { text-style: bold; color: $text; }
        & > .article-view--meta { color: $text-accent; }
        & > .article-view--dateline { color: $text-muted; text-style: italic; }
        & > .article-view--match { background: $warning 40%; }
        .paragraph { margin: 0 0 1 0; max-width: 88; }
        #article-header { margin: 1 0 1 0; max-width: 88; }
        #article-placeholder { color: $text-muted; margin: 1 0; }
    }
    """

    def __init__(self, *, clock: Clock = utc_now, id: str | None = None) -> None:
        super().__init__(id=id)
        self.clock = clock
        self.article: Article | None = None
        self.extraction = Extraction()
        self._paragraph_widgets: dict[int, Static] = {}
        self._chosen: Quote | Post | None = None
        self._search_pattern: re.Pattern[str] | None = None

    def compose_placeholder(self) -> Static:
        """The text shown before any article is open."""
        return Static("Choose an article with j/k and press enter.", id="article-placeholder")

    def on_mount(self) -> None:
        self.mount(self.compose_placeholder())

    @property
    def chosen(self) -> Quote | Post | None:
        """The quote or post the user chose in the quote pane, if any."""
        return self._chosen

    async def show(
        self, article: Article, extraction: Extraction, search_terms: list[str] | None = None
    ) -> None:
        """Replace the view with `article`, highlighting what `extraction` found.

        Args:
            article: The article to show.
            extraction: Its quotes and posts.
            search_terms: Words to mark (the current search), if any.
        """
        self.article, self.extraction, self._chosen = article, extraction, None
        self._search_pattern = terms_pattern(search_terms or [])
        posts_by_paragraph = {post.paragraph: post for post in extraction.posts}
        # A post whose text spans several paragraphs is drawn once, as a card at its byline.
        inside_posts = {
            index
            for post in extraction.posts
            if post.first_paragraph is not None
            for index in range(post.first_paragraph, post.paragraph)
        }
        widgets: list[Static] = [Static(self._header(article), id="article-header")]
        self._paragraph_widgets = {}
        for index, paragraph in enumerate(article.paragraphs):
            if index in inside_posts:
                continue
            post = posts_by_paragraph.get(index)
            widget: Static = (
                PostCard(post)
                if post
                else Static(self._paragraph_text(index, paragraph), classes="paragraph")
            )
            self._paragraph_widgets[index] = widget
            widgets.append(widget)
        with self.app.batch_update():
            await self.remove_children()
            await self.mount_all(widgets)
            self.scroll_home(animate=False, immediate=True)

    def _header(self, article: Article) -> Text:
        header = Text()
        header.append(
            clean_line(article.title), self.get_component_rich_style("article-view--title")
        )
        meta = [clean_line(article.source_name)]
        if article.author:
            meta.append(f"by {clean_line(article.author)}")
        if article.published:
            meta.append(
                f"{long_date(article.published)} ({relative_age(article.published, self.clock())})"
            )
        header.append("\n" + " · ".join(meta), self.get_component_rich_style("article-view--meta"))
        if article.dateline:
            style = self.get_component_rich_style("article-view--dateline")
            header.append("\n" + clean_line(article.dateline), style)
        if article.link:
            header.append("\n" + clean_line(article.link), Style(dim=True))
        return header

    def _paragraph_text(self, index: int, paragraph: str) -> Text:
        """A paragraph with every quote span in it styled by kind, the chosen one stronger."""
        # Span offsets index the stored paragraph, so clean_text must not shift them: it only
        # drops characters, and stored text is already clean, so this is a no-op in practice.
        text = Text(paragraph)
        for quote in self.extraction.quotes:
            style = self.get_component_rich_style(KIND_CLASSES[quote.kind])
            if quote is self._chosen:
                style = style + self.get_component_rich_style("article-view--chosen")
            for span in quote.spans:
                if span.paragraph == index:
                    text.stylize(style, span.start, span.end)
        if self._search_pattern is not None:
            text.highlight_regex(
                self._search_pattern, self.get_component_rich_style("article-view--match")
            )
        return text

    def choose(self, item: Quote | Post | None) -> None:
        """Highlight one quote or post and scroll it into view."""
        previous, self._chosen = self._chosen, item
        for changed in (previous, item):
            self._redraw(changed)
        target = self._first_widget(item)
        if target is not None:
            self.scroll_to_widget(target, animate=False, top=True)

    def _paragraph_indexes(self, item: Quote | Post | None) -> list[int]:
        if item is None:
            return []
        if isinstance(item, Post):
            return [item.paragraph]
        return [span.paragraph for span in item.spans]

    def _first_widget(self, item: Quote | Post | None) -> Static | None:
        indexes = self._paragraph_indexes(item)
        return self._paragraph_widgets.get(indexes[0]) if indexes else None

    def _redraw(self, item: Quote | Post | None) -> None:
        if self.article is None:
            return
        for index in self._paragraph_indexes(item):
            widget = self._paragraph_widgets.get(index)
            if isinstance(widget, PostCard):
                widget.set_class(item is self._chosen, "-chosen")
            elif widget is not None:
                widget.update(self._paragraph_text(index, self.article.paragraphs[index]))

    def action_scroll_down(self) -> None:
        """Scroll one line down."""
        self.scroll_relative(y=1, animate=False)

    def action_scroll_up(self) -> None:
        """Scroll one line up."""
        self.scroll_relative(y=-1, animate=False)
