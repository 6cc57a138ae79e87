"""What every part of the main screen shares: its state, its widgets and the article list.

The main screen is assembled from parts, one job each (`main_feeds`, `main_finding`,
`main_extras`, and `main` itself for reading); they all build on this base.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input

from newsreader.config import Config
from newsreader.links import display_text
from newsreader.models import ArticleRow, Extraction
from newsreader.store import Store
from newsreader.store.search import search_terms
from newsreader.ui.list_source import ListMode, ListSource
from newsreader.ui.widgets.article_list import ArticleList, Clock, utc_now
from newsreader.ui.widgets.article_view import ArticleView
from newsreader.ui.widgets.quote_pane import QuotePane
from newsreader.ui.widgets.sources_pane import SourcesPane
from newsreader.ui.wording import empty_message
from newsreader.ui.writes import Change, StateWriter


class MainScreenBase(Screen[None]):
    """State and widgets of the three-pane screen, and the list they show."""

    class WriteReported(Message):
        """The writer thread has news about saving: busy, disk full, saved after all."""

        def __init__(self, text: str, problem: bool) -> None:
            super().__init__()
            self.text = text
            self.problem = problem

    def __init__(
        self,
        store: Store,
        *,
        pending_imports: list[Path],
        show_only_imported: bool = False,
        show_quote_pane: bool = True,
        show_sources_pane: bool = False,
        mark_read_on_open: bool = True,
        clock: Clock = utc_now,
        config: Config | None = None,
    ) -> None:
        super().__init__()
        self.config = config or Config()
        self.clock = clock
        self.store = store
        self.mode = ListMode()
        self.listing = ListSource(store, self.mode, clock())
        self._mode_before_search = self.mode
        self._show_sources_pane = show_sources_pane
        self._quote_pane_lent = False
        self._pending_imports = pending_imports
        self._show_only_imported = show_only_imported
        self._show_quote_pane = show_quote_pane
        self._mark_read_on_open = mark_read_on_open
        self._extractions: OrderedDict[int, Extraction] = OrderedDict()
        self.open_article_id: int | None = None
        self.writer = StateWriter(store.path, self._writer_reported) if store.path else None

    # --- saving changes ------------------------------------------------------------------------

    def save(self, change: Change, what: str) -> bool:
        """Save a change off the UI thread, waiting only a moment for it.

        Returns:
            True when it is saved; False when it waits for a busy or full database (the
            writer retries it and says so).
        """
        if self.writer is None:  # a `:memory:` store has no second connection to write with
            change(self.store)
            return True
        return self.writer.submit(change, what)

    def _writer_reported(self, text: str, problem: bool) -> None:
        self.post_message(self.WriteReported(text, problem))  # thread-safe, never blocks

    @on(WriteReported)
    def show_write_report(self, event: WriteReported) -> None:
        """Say what happened to a change that could not be saved at once."""
        self.notify(event.text, severity="warning" if event.problem else "information")
        if not event.problem:
            self.reload_list()

    def on_unmount(self) -> None:
        if self.writer is not None:
            self.writer.close()

    @property
    def article_list(self) -> ArticleList:
        """The list pane."""
        return self.query_one(ArticleList)

    @property
    def article_view(self) -> ArticleView:
        """The article pane."""
        return self.query_one(ArticleView)

    @property
    def quote_pane(self) -> QuotePane:
        """The quote pane."""
        return self.query_one(QuotePane)

    @property
    def sources_pane(self) -> SourcesPane:
        """The sources pane (hidden until asked for)."""
        return self.query_one(SourcesPane)

    @property
    def search_input(self) -> Input:
        """The search box above the list."""
        return self.query_one("#search", Input)

    # --- the list ----------------------------------------------------------------------------

    def _fetch_rows(self, offset: int, limit: int) -> list[ArticleRow]:
        return self.listing.fetch(offset, limit)

    def set_mode(self, mode: ListMode, result_ids: list[int] | None = None) -> None:
        """Show the list in another mode (filter, source or search results)."""
        self.mode = mode
        self.listing = ListSource(self.store, mode, self.clock())
        self.listing.result_ids = result_ids or []
        self.article_list.highlight_terms = search_terms(mode.query)
        self.article_list.empty_message = empty_message(mode)
        self.reload_list(keep_cursor=not mode.query)

    def reload_list(self, *, keep_cursor: bool = True) -> None:
        """Re-read the list from the store, keeping the cursor on the same article if it can."""
        self._reset_list(self.listing.count(), keep_cursor=keep_cursor)
        self.update_counts()
        if self.sources_pane.display:
            self.sources_pane.show_sources(self.store.sources(), self._chosen_source())

    def _reset_list(self, total: int, *, keep_cursor: bool = True) -> None:
        article_list = self.article_list
        current = article_list.current
        article_list.reset(total)
        if keep_cursor and current is not None:
            position = self.listing.position(current.id)
            if position is not None:
                article_list.move_to(position)
        else:
            article_list.move_to(0)

    def _chosen_source(self) -> int | None:
        return self.mode.source_ids[0] if len(self.mode.source_ids) == 1 else None

    def current_source_id(self) -> int | None:
        """The source the user means: the one chosen in the sources pane, else the source of
        the article under the cursor."""
        source_id = self._chosen_source()
        row = self.article_list.current
        if source_id is None and row is not None:
            source_id = self.store.source_of(row.id)
        return source_id

    def update_counts(self) -> None:
        """Show what is listed and how many are unread in the header."""
        # Both counts are read now, from the same filter: the list's own row count may be
        # older (another program or a refresh added articles since it was drawn).
        total, unread = self.listing.counts()
        noun = ("result" if self.listing.searching else "article") + ("" if total == 1 else "s")
        described = display_text(self.mode.describe())  # a pasted query may hold escapes
        self.app.sub_title = (f"{described} — " if described else "") + (
            f"{unread} unread · {total} {noun}"
        )

    if TYPE_CHECKING:

        async def open_article(self, article_id: int, *, quote_position: int | None = None) -> None:
            """Defined by MainScreen; the parts call it."""

        def run_indexing(self) -> object:
            """Defined by the feeds part; others start it after changes."""
