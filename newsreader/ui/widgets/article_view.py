"""The article view: header, the body's blocks drawn as what they are, quotes highlighted.

Each block of the article's `Document` becomes a widget: paragraphs and blockquotes (with a
bar) keep their line breaks, headings show their level, list items hang their text beside
the marker, code keeps its lines and spaces (folded, never reflowed), images are one line,
and embedded posts are cards. After each link a dim `[N]` gives its number in `u`; the
article's enclosures (podcast audio and the like) follow the body, numbered after the links.
"""

from __future__ import annotations

import logging
import re

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from newsreader.links import browser_url, display_text
from newsreader.models import (
    Article,
    Block,
    BlockKind,
    Document,
    Extraction,
    Post,
    Quote,
    QuoteKind,
)
from newsreader.text import clean_line
from newsreader.ui.article_actions import choose_link, copy_citation, open_article_link
from newsreader.ui.cells import steady_text
from newsreader.ui.clock import Clock, utc_now
from newsreader.ui.extractions import ExtractionCache, ReadingOffsets
from newsreader.ui.screens.main_layout import back_to_list
from newsreader.ui.widgets.article_blocks import (
    ListItemRow,
    PostCard,
    describe_enclosure,
    ends_list,
    image_link_numbers,
    long_date,
    relative_age,
    with_link_numbers,
)
from newsreader.ui.widgets.article_list import terms_pattern

__all__ = ["ArticleView", "ListItemRow", "PostCard", "with_link_numbers"]

logger = logging.getLogger(__name__)

KIND_CLASSES = {
    QuoteKind.STATEMENT: "article-view--statement",
    QuoteKind.FRAGMENT: "article-view--fragment",
    QuoteKind.SCARE: "article-view--scare",
}


class ArticleView(VerticalScroll, can_focus=True):
    """Shows one article; scrolls with space/page keys; highlights quotes."""

    BINDINGS = [
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="article_down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="article_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="article_top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="article_bottom"),
        # newsboat's `q` goes back one level: from an article to the list (only the list quits).
        Binding("q,escape", "back_to_list", "Back to list", id="article_back"),
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
        "article-view--link",
        "article-view--link-number",
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
        & > .article-view--link { text-style: underline; }
        & > .article-view--link-number { color: $text-muted; }
        .block { margin: 0 0 1 0; max-width: 88; }
        .-heading { text-style: bold; color: $text-primary; margin: 1 0 0 0; }
        .-blockquote { border-left: outer $primary 60%; padding: 0 0 0 1; margin: 0 0 1 1; }
        /* No left padding or border: Textual 8.2 drops a character at each fold when there is. */
        .-code { text-wrap: nowrap; text-overflow: fold; background: $boost; padding: 0 1 0 0; }
        .-image { color: $text-muted; text-style: italic; }
        .-attachments { text-style: bold; color: $text-primary; margin: 1 0 0 0; }
        .-enclosure { margin: 0; }
        .list-item { height: auto; max-width: 88; }
        .list-item.-last { margin-bottom: 1; }
        .list-marker { width: auto; padding-right: 1; color: $text-muted; }
        .block.-list-item { width: 1fr; margin: 0; }
        #article-header { margin: 1 0 1 0; max-width: 88; }
        #article-placeholder { color: $text-muted; margin: 1 0; }
    }
    """

    def __init__(
        self,
        offsets: ReadingOffsets | None = None,
        *,
        clock: Clock = utc_now,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.clock = clock
        self.offsets = offsets
        self.article: Article | None = None
        self.extraction = Extraction()
        self._paragraph_widgets: dict[int, Static] = {}
        self._chosen: Quote | Post | None = None
        self._search_pattern: re.Pattern[str] | None = None
        self._search_terms: list[str] = []
        self.extractions = ExtractionCache()
        self.origin: Text | None = None
        """Where the body came from (the page's full text, the feed's summary), shown under
        the header; None for an article whose page was never fetched."""
        self.summary_shown = False
        """Whether the feed's summary is shown instead of the page's text (`v`)."""

    class QuotesFound(Message):
        """The quotes of a long article were found in the background (`found` None: too long
        to look for quotes in)."""

        def __init__(self, article: Article, found: Extraction | None, position: int | None):
            super().__init__()
            self.article = article
            self.found = found
            self.position = position
            """The quote (or post, after the quotes) to choose, as `open` was asked."""

    async def open(
        self, article: Article, search_terms: list[str], position: int | None = None
    ) -> Extraction | None:
        """Show `article` with its quotes, when they are cached or quick to find.

        A long article is shown at once, its quotes are found in a worker process and
        `QuotesFound` follows, so the screen never waits for the extractor.

        Args:
            article: The article to show.
            search_terms: Words to mark (the current search).
            position: The quote to choose once the quotes are found in the background.

        Returns:
            The article's quotes, or None when they follow in `QuotesFound`.
        """
        self.remember_offset()
        self.summary_shown = False
        extraction = self.extractions.at_hand(article)
        await self.show(article, extraction or Extraction(), search_terms)
        if self.offsets is not None and (offset := self.offsets.get(article.id)):
            # After the next refresh the new paragraphs have a height to scroll within.
            self.call_after_refresh(self.scroll_to, y=offset, animate=False)
        if extraction is None:
            self._analyse(article, position)
        return extraction

    async def action_back_to_list(self) -> None:
        """Back to the list (`q`, `esc`)."""
        await back_to_list(self.screen)

    def action_page(self, direction: int) -> None:
        """Scroll one screen down (1) or up (-1) (`space`, `b`: bound on the screen, so they
        scroll the article from every pane)."""
        if direction > 0:
            self.scroll_page_down(animate=False)
        else:
            self.scroll_page_up(animate=False)

    def action_copy(self) -> None:
        """Copy the chosen quote (with speaker, source and date), else the article's link."""
        copy_citation(self, self.article, self.chosen)

    def action_open_link(self) -> None:
        """Open the article's web page in the browser, else its first enclosure (a podcast)."""
        open_article_link(self, self.article)

    def action_links(self) -> None:
        """List the links of the article; the chosen one opens in the browser."""
        choose_link(self, self.article)

    def remember_offset(self) -> None:
        """Keep how far down the open article the reader got, for the next time it opens."""
        if self.article is not None and self.offsets is not None:
            self.offsets.set(self.article.id, round(self.scroll_y))

    @work(thread=True, exclusive=True, exit_on_error=False, group="extract")
    def _analyse(self, article: Article, position: int | None) -> None:
        """Run the extractor on a long article off the UI thread, then post what it found."""
        from newsreader.services.indexing import extract_elsewhere

        try:
            # In a worker process: the analysis never takes the lock the UI draws with.
            found = extract_elsewhere(article.paragraphs)
        except Exception:  # the article still shows, without quotes; the log says why
            logger.exception("finding the quotes of article %d failed", article.id)
            found = Extraction()
        self.post_message(self.QuotesFound(article, found, position))

    @on(QuotesFound)
    async def _redraw_with_quotes(self, event: QuotesFound) -> None:
        """Keep what was found; redraw the article with it if it is still the one open."""
        from newsreader.extract.bounded import MAX_EXTRACTION_CHARS

        extraction = self.extractions.remember(event.article.id, event.found or Extraction())
        if self.article is None or self.article.id != event.article.id:
            return
        if event.found is None:
            event.stop()
            self.notify(
                f"Longer than {MAX_EXTRACTION_CHARS:,} characters: shown without looking for "
                "quotes.",
                timeout=6,
            )
            return
        scrolled = self.scroll_y
        await self.show(event.article, extraction, self._search_terms)
        self.call_after_refresh(self.scroll_to, y=scrolled, animate=False)

    def compose_placeholder(self) -> Static:
        """The text shown before any article is open."""
        return Static("Choose an article with j/k and press enter.", id="article-placeholder")

    def on_mount(self) -> None:
        self.mount(self.compose_placeholder())
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._restyle())

    def part_style(self, component: str) -> Style:
        """The colours and text style of `component`, from the theme's variables, without the
        pane's background baked in (the Text drawn with it stays right on any theme)."""
        return self.get_component_rich_style(component, partial=True)

    def _restyle(self) -> None:
        """Draw the open article again in the colours of a newly chosen theme."""
        if self.article is None:
            return

        def redraw() -> None:
            for index, widget in self._paragraph_widgets.items():
                if not isinstance(widget, PostCard):
                    widget.update(self._block_text(index))
            if self.article is not None:
                header = self.query("#article-header").results(Static)
                for static in header:
                    static.update(steady_text(self._header(self.article)))

        self.call_after_refresh(redraw)

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
        self._search_terms = list(search_terms or [])
        self._search_pattern = terms_pattern(self._search_terms)
        widgets: list[Widget] = [Static(steady_text(self._header(article)), id="article-header")]
        widgets.extend(self._body_widgets(article))
        widgets.extend(self._enclosure_widgets(article.document))
        with self.app.batch_update():
            await self.remove_children()
            await self.mount_all(widgets)
            self.scroll_home(animate=False, immediate=True)

    def _body_widgets(self, article: Article) -> list[Widget]:
        """One widget per block; a post is one card at its byline."""
        posts_by_paragraph = {post.paragraph: post for post in self.extraction.posts}
        # A post whose text spans several paragraphs is drawn once, as a card at its byline.
        inside_posts = {
            index
            for post in self.extraction.posts
            if post.first_paragraph is not None
            for index in range(post.first_paragraph, post.paragraph)
        }
        blocks = article.document.blocks
        widgets: list[Widget] = []
        self._paragraph_widgets = {}
        for index, block in enumerate(blocks):
            if index in inside_posts:
                continue
            post = posts_by_paragraph.get(index)
            if post is not None:
                card = self._paragraph_widgets[index] = PostCard(post)
                widgets.append(card)
                continue
            body = self._paragraph_widgets[index] = self._block_widget(index, block)
            if block.kind == BlockKind.LIST_ITEM:
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                widgets.append(ListItemRow(block, body, last=ends_list(block, following)))
            else:
                widgets.append(body)
        return widgets

    def _block_widget(self, index: int, block: Block) -> Static:
        classes = f"block -{block.kind.value.replace('_', '-')}"
        if block.kind == BlockKind.PARAGRAPH:
            classes += " paragraph"
        return Static(self._block_text(index), classes=classes)

    def _enclosure_widgets(self, document: Document) -> list[Widget]:
        """The attachments after the body, numbered after the links as `u` lists them."""
        if not document.enclosures:
            return []
        widgets: list[Widget] = [Static(Text("Attachments"), classes="block -attachments")]
        number_style = self.part_style("article-view--link-number")
        for number, enclosure in enumerate(document.enclosures, start=len(document.links) + 1):
            line = Text(f"[{number}] ", number_style)
            line.append(display_text(enclosure.url))
            details = describe_enclosure(enclosure)
            if details:
                line.append(f"  ({details})", Style(dim=True))
            widgets.append(Static(line, classes="block -enclosure"))
        return widgets

    def _header(self, article: Article) -> Text:
        header = Text()
        header.append(clean_line(article.title), self.part_style("article-view--title"))
        meta = [clean_line(article.source_name)]
        if article.author:
            meta.append(f"by {clean_line(article.author)}")
        if article.published:
            meta.append(
                f"{long_date(article.published)} ({relative_age(article.published, self.clock())})"
            )
        header.append("\n" + " · ".join(meta), self.part_style("article-view--meta"))
        if article.dateline:
            style = self.part_style("article-view--dateline")
            header.append("\n" + clean_line(article.dateline), style)
        if article.link:
            header.append("\n" + clean_line(article.link), Style(dim=True))
            if not browser_url(article.link):  # a file: or ftp: link is kept, never opened
                header.append("  (not a web page)", self.part_style("article-view--meta"))
        if self.origin is not None:
            header.append("\n")
            header.append_text(self.origin)
            header.stylize(Style(italic=True), len(header) - len(self.origin))
        return header

    def _block_text(self, index: int) -> Text:
        """Block `index` drawn as its kind, with quotes, search matches and link numbers, in
        characters every terminal draws at the width measured (`steady_text`)."""
        return steady_text(self._styled_block(index))

    def _styled_block(self, index: int) -> Text:
        assert self.article is not None
        document = self.article.document
        block = document.blocks[index]
        text = self._paragraph_text(index, block.text)
        number_style = self.part_style("article-view--link-number")
        if block.kind == BlockKind.IMAGE:
            numbers = "".join(f"[{n}]" for n in image_link_numbers(block, document))
            return Text.assemble("[image: ", text, "]", (numbers, number_style))
        link_style = self.part_style("article-view--link")
        for span in block.links:
            text.stylize(link_style, span.start, span.end)
        text = with_link_numbers(text, block.links, number_style)
        if block.kind == BlockKind.HEADING:
            marks = "#" * max(min(block.level, 6), 1)
            return Text.assemble((f"{marks} ", number_style), text)
        return text

    def _paragraph_text(self, index: int, paragraph: str) -> Text:
        """A block's text with every quote span in it styled by kind, the chosen one stronger."""
        # Span offsets index the stored paragraph, so clean_text must not shift them: it only
        # drops characters, and stored text is already clean, so this is a no-op in practice.
        text = Text(paragraph)
        for quote in self.extraction.quotes:
            style = self.part_style(KIND_CLASSES[quote.kind])
            if quote is self._chosen:
                style = style + self.part_style("article-view--chosen")
            for span in quote.spans:
                if span.paragraph == index:
                    text.stylize(style, span.start, span.end)
        if self._search_pattern is not None:
            text.highlight_regex(self._search_pattern, self.part_style("article-view--match"))
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
                widget.update(self._block_text(index))

    def action_scroll_down(self) -> None:
        """Scroll one line down."""
        self.scroll_relative(y=1, animate=False)

    def action_scroll_up(self) -> None:
        """Scroll one line up."""
        self.scroll_relative(y=-1, animate=False)
