"""The main screen: article list, article view and quote pane, assembled from its parts.

This module keeps reading itself — opening articles, read and starred state, moving between
unread articles and quotes; `main_feeds`, `main_finding` and `main_extras` add the rest.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Footer, Header, Input

from newsreader.models import Article, Extraction, Post, Quote
from newsreader.store import Store
from newsreader.store.search import search_terms
from newsreader.ui.screens.main_extras import ExtrasPart
from newsreader.ui.screens.main_feeds import FeedsPart
from newsreader.ui.screens.main_finding import FindingPart
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.article_view import ArticleView
from newsreader.ui.widgets.quote_pane import QuotePane
from newsreader.ui.widgets.refresh_status import RefreshStatus
from newsreader.ui.widgets.sources_pane import SourcesPane
from newsreader.versions import EXTRACTOR_VERSION

logger = logging.getLogger(__name__)

EXTRACTION_CACHE_SIZE = 128
INLINE_EXTRACTION_CHARS = 30_000
"""Articles up to this size are analysed as they open (a few milliseconds); longer ones are
shown at once and their quotes follow from a worker."""


class MainScreen(FeedsPart, FindingPart, ExtrasPart):
    """Three panes; every key of the reader is bound here."""

    BINDINGS = [
        Binding("n", "next_unread", "Next unread", id="next_unread"),
        Binding("p", "previous_unread", "Prev unread", id="previous_unread"),
        Binding("m,N", "toggle_read", "Read/unread", id="toggle_read"),
        Binding("s", "toggle_star", "Star", id="toggle_star"),
        Binding("space,pagedown", "page_article(1)", "Scroll article", id="page_article"),
        Binding("b,pageup", "page_article(-1)", "Scroll back", show=False, id="page_back"),
        Binding("]", "step_quote(1)", "Next quote", id="next_quote"),
        Binding("[", "step_quote(-1)", "Prev quote", show=False, id="previous_quote"),
        # A priority binding runs before the next key is forwarded, so text typed straight
        # after `/` (fast typing, a paste, a macro) lands in the search box.
        Binding("slash", "search", "Search", id="search", priority=True),
        Binding("f", "cycle_view", "All/unread/starred", show=False, id="cycle_view"),
        Binding("d", "cycle_dates", "Date range", show=False, id="cycle_dates"),
        Binding("S", "toggle_sources", "Sources pane", show=False, id="toggle_sources"),
        Binding("A", "mark_source_read", "Mark source read", show=False, id="mark_source_read"),
        Binding("w", "speakers", "Speakers", id="speakers"),
        Binding("y", "copy", "Copy quote/link", show=False, id="copy"),
        Binding("o", "open_link", "Open in browser", show=False, id="open_link"),
        Binding("u", "links", "Links in article", show=False, id="links"),
        Binding("less_than_sign", "resize_list(-4)", "Narrower list", show=False, id="narrower"),
        Binding("greater_than_sign", "resize_list(4)", "Wider list", show=False, id="wider"),
        Binding("escape", "leave_search", "Leave search", show=False, id="leave_search"),
        Binding("a", "add_feed", "Add feed", show=False, id="add_feed"),
        Binding("r", "refresh_source", "Refresh source", show=False, id="refresh_source"),
        Binding("R", "refresh_all", "Refresh all", id="refresh_all"),
        Binding("t", "toggle_quote_pane", "Quote pane", show=False, id="toggle_quote_pane"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="focus_next"),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, id="focus_prev"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="panes"):
            yield SourcesPane(id="sources-pane")
            with Vertical(id="list-column"):
                yield Input(placeholder="search title, text, quotes, speakers", id="search")
                yield ArticleList(self._fetch_rows, clock=self.clock, id="article-list")
            yield ArticleView(clock=self.clock, id="article-view")
            yield QuotePane(id="quote-pane")
        yield RefreshStatus(id="refresh-status")
        yield Footer()

    def on_mount(self) -> None:
        if not self._show_quote_pane:
            # Otherwise the stylesheet decides: shown, except on narrow terminals.
            self.quote_pane.display = False
        self.sources_pane.display = self._show_sources_pane
        self.search_input.display = False
        self.reload_list()
        self.article_list.focus()
        if self._pending_imports:
            self.article_list.empty_message = "Loading articles…"
            self.run_import(self._pending_imports)
        elif self.store.pending_index_count(EXTRACTOR_VERSION):
            self.run_indexing()
        if self.config.refresh_on_start:
            self.action_refresh_all()
        if self.config.refresh_interval_minutes > 0:
            self.set_interval(self.config.refresh_interval_minutes * 60, self.action_refresh_all)

    # --- opening -----------------------------------------------------------------------------

    @on(ArticleList.Selected)
    async def show_selected(self, event: ArticleList.Selected) -> None:
        """Open the article the user chose in the list."""
        await self.open_article(event.article_id)

    async def open_article(self, article_id: int, *, quote_position: int | None = None) -> None:
        """Show an article with its quotes, and mark it read.

        A long article is shown at once and its quotes follow from a worker, so the screen
        never waits for the extractor (see `INLINE_EXTRACTION_CHARS`).

        Args:
            article_id: The article.
            quote_position: Index of a quote (or post, after the quotes) to scroll to.
        """
        article = self.store.article(article_id)
        if article is None:
            self.notify("That article is gone from the store.", severity="warning")
            return
        self.remember_reading_offset()
        self.open_article_id = article_id
        extraction = self.extraction_at_hand(article)
        await self.article_view.show(
            article, extraction or Extraction(), search_terms(self.mode.query)
        )
        if offset := self.store.reading_offset(article_id):
            # After the next refresh the new paragraphs have a height to scroll within.
            self.article_view.call_after_refresh(
                self.article_view.scroll_to, y=offset, animate=False
            )
        self.quote_pane.show(extraction or Extraction())
        if self._mark_read_on_open and not article.read:
            self.set_state(article_id, read=True)
        if extraction is None:
            self.analyse_in_background(article, quote_position)
        else:
            self.choose_position(extraction, quote_position)

    def choose_position(self, extraction: Extraction, quote_position: int | None) -> None:
        """Select the quote or post at `quote_position` (quotes first, then posts), if any."""
        if quote_position is None:
            return
        items: list[Quote | Post] = [*extraction.quotes, *extraction.posts]
        if 0 <= quote_position < len(items):
            self.quote_pane.select(items[quote_position])
            self.article_view.choose(items[quote_position])

    @work(thread=True, exclusive=True, exit_on_error=False, group="extract")
    def analyse_in_background(self, article: Article, quote_position: int | None) -> None:
        """Run the extractor on a long article off the UI thread, then show what it found."""
        from newsreader.services.indexing import extract_elsewhere

        try:
            # In a worker process: the analysis never takes the lock the UI draws with.
            found = extract_elsewhere(article.paragraphs)
        except Exception:  # the article still shows, without quotes; the log says why
            logger.exception("finding the quotes of article %d failed", article.id)
            found = Extraction()
        self.post_message(self.Analysed(article, found, quote_position))

    @dataclass
    class Analysed(Message):
        """The quotes of a long article were found in the background (None: too long)."""

        article: Article
        found: Extraction | None
        quote_position: int | None

    @on(Analysed)
    async def show_analysis(self, event: Analysed) -> None:
        """Redraw the open article with the quotes found in the background."""
        from newsreader.extract.bounded import MAX_EXTRACTION_CHARS

        article, found, quote_position = event.article, event.found, event.quote_position
        extraction = self.remember_extraction(article.id, found or Extraction())
        if self.open_article_id != article.id:
            return  # the reader moved on; the result stays cached for later
        if found is None:
            self.notify(
                f"Longer than {MAX_EXTRACTION_CHARS:,} characters: shown without looking for "
                "quotes.",
                timeout=6,
            )
            return
        view = self.article_view
        scrolled = view.scroll_y
        await view.show(article, extraction, search_terms(self.mode.query))
        view.call_after_refresh(view.scroll_to, y=scrolled, animate=False)
        self.quote_pane.show(extraction)
        self.choose_position(extraction, quote_position)

    def remember_reading_offset(self) -> None:
        """Save how far down the open article the reader got, for the next time it opens."""
        view = self.article_view
        if view.article is not None:
            article_id, offset = view.article.id, round(view.scroll_y)
            if offset != self.store.reading_offset(article_id):
                self.save(
                    lambda store: store.set_reading_offset(article_id, offset),
                    "the reading position",
                )

    def extraction_at_hand(self, article: Article) -> Extraction | None:
        """The article's quotes if cached or quick to find here; None for a long article,
        whose quotes are found in a worker."""
        cached = self._extractions.get(article.id)
        if cached is not None:
            self._extractions.move_to_end(article.id)
            return cached
        if sum(len(text) for text in article.paragraphs) > INLINE_EXTRACTION_CHARS:
            return None
        # Imported on first use so the first paint does not wait for the extractor.
        from newsreader.extract import extract

        return self.remember_extraction(article.id, extract(article.paragraphs))

    def remember_extraction(self, article_id: int, extraction: Extraction) -> Extraction:
        """Cache `extraction` for `article_id` (the least recently used one goes)."""
        self._extractions[article_id] = extraction
        self._extractions.move_to_end(article_id)
        if len(self._extractions) > EXTRACTION_CACHE_SIZE:
            self._extractions.popitem(last=False)
        return extraction

    def set_state(
        self, article_id: int, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """Save read/starred state, then redraw the row and the counts.

        The row shows the new state at once; if the database is busy the change is saved
        when it can be (see `save`).
        """

        def change(store: Store) -> None:
            if read is not None:
                store.set_read(article_id, read)
            if starred is not None:
                store.set_starred(article_id, starred)

        self.save(change, "marking read" if starred is None else "starring")
        article_list = self.article_list
        row = article_list.current
        if row is not None and row.id == article_id:
            new_read = row.read if read is None else read
            new_starred = row.starred if starred is None else starred
            article_list.update_row(
                article_list.cursor, replace(row, read=new_read, starred=new_starred)
            )
        self.update_counts()

    # --- actions -----------------------------------------------------------------------------

    async def _jump_to_unread(self, *, backwards: bool) -> None:
        current = self.article_list.current
        if current is not None and not current.read and current.id != self.open_article_id:
            # The cursor sits on an unread article nobody opened yet: that one is next.
            await self.open_article(current.id)
            return
        after = current.id if current is not None else None
        target = self.listing.next_unread(after, backwards=backwards)
        if target is None:
            self.notify("No more unread articles.", timeout=3)
            return
        position = self.listing.position(target)
        if position is not None:
            self.article_list.move_to(position)
        await self.open_article(target)

    async def action_next_unread(self) -> None:
        """Open the next unread article below the cursor, across sources."""
        await self._jump_to_unread(backwards=False)

    async def action_previous_unread(self) -> None:
        """Open the previous unread article above the cursor."""
        await self._jump_to_unread(backwards=True)

    def action_toggle_read(self) -> None:
        """Mark the article under the cursor read or unread."""
        row = self.article_list.current
        if row is not None:
            self.set_state(row.id, read=not row.read)

    def action_toggle_star(self) -> None:
        """Star or unstar the article under the cursor."""
        row = self.article_list.current
        if row is not None:
            self.set_state(row.id, starred=not row.starred)

    def action_page_article(self, direction: int) -> None:
        """Scroll the article one screen down (1) or up (-1), from any pane."""
        view = self.article_view
        if direction > 0:
            view.scroll_page_down(animate=False)
        else:
            view.scroll_page_up(animate=False)

    def action_step_quote(self, delta: int) -> None:
        """Jump to the next or previous quote of the open article."""
        if self.quote_pane.step(delta) is None:
            self.notify("No quotes in this article.", timeout=2)

    def action_toggle_quote_pane(self) -> None:
        """Show or hide the quote pane."""
        self.quote_pane.display = not self.quote_pane.display

    @on(QuotePane.QuoteChosen)
    def show_quote(self, event: QuotePane.QuoteChosen) -> None:
        """Scroll the article to the chosen quote and highlight it."""
        self.article_view.choose(event.item)
