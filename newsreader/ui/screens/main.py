"""The main screen: article list, article view and quote pane, and the workers that feed them."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from newsreader.importer import ImportSummary

from newsreader.extract import extract
from newsreader.models import Article, Extraction
from newsreader.store import ListFilter, Store
from newsreader.ui.widgets.article_list import ArticleList, Clock, utc_now
from newsreader.ui.widgets.article_view import ArticleView
from newsreader.ui.widgets.quote_pane import QuotePane

EXTRACTION_CACHE_SIZE = 128


class MainScreen(Screen[None]):
    """Three panes; owns the store calls and the import worker."""

    BINDINGS = [
        Binding("n", "next_unread", "Next unread", id="next_unread"),
        Binding("p", "previous_unread", "Prev unread", id="previous_unread"),
        Binding("m,N", "toggle_read", "Read/unread", id="toggle_read"),
        Binding("s", "toggle_star", "Star", id="toggle_star"),
        Binding("space,pagedown", "page_article(1)", "Scroll article", id="page_article"),
        Binding("b,pageup", "page_article(-1)", "Scroll back", show=False, id="page_back"),
        Binding("]", "step_quote(1)", "Next quote", id="next_quote"),
        Binding("[", "step_quote(-1)", "Prev quote", show=False, id="previous_quote"),
        Binding("t", "toggle_quote_pane", "Quote pane", show=False, id="toggle_quote_pane"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="focus_next"),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, id="focus_prev"),
    ]

    def __init__(
        self,
        store: Store,
        *,
        pending_imports: list[Path],
        show_only_imported: bool = False,
        show_quote_pane: bool = True,
        mark_read_on_open: bool = True,
        clock: Clock = utc_now,
    ) -> None:
        super().__init__()
        self.clock = clock
        self.store = store
        self.list_filter = ListFilter()
        self._pending_imports = pending_imports
        self._show_only_imported = show_only_imported
        self._show_quote_pane = show_quote_pane
        self._mark_read_on_open = mark_read_on_open
        self._extractions: OrderedDict[int, Extraction] = OrderedDict()
        self.open_article_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="panes"):
            yield ArticleList(self._fetch_rows, clock=self.clock, id="article-list")
            yield ArticleView(clock=self.clock, id="article-view")
            yield QuotePane(id="quote-pane")
        yield Footer()

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

    def on_mount(self) -> None:
        if not self._show_quote_pane:
            # Otherwise the stylesheet decides: shown, except on narrow terminals.
            self.quote_pane.display = False
        self.reload_list()
        self.article_list.focus()
        if self._pending_imports:
            self.article_list.empty_message = "Loading articles…"
            self.run_import(self._pending_imports)

    # --- the list ----------------------------------------------------------------------------

    def _fetch_rows(self, offset: int, limit: int) -> list:
        return self.store.rows(self.list_filter, offset, limit)

    def reload_list(self) -> None:
        """Re-read the list from the store, keeping the cursor on the same article if it can."""
        article_list = self.article_list
        current = article_list.current
        article_list.reset(self.store.count(self.list_filter))
        if current is not None:
            position = self.store.position(current.id, self.list_filter)
            if position is not None:
                article_list.move_to(position)
        self.update_counts()

    def update_counts(self) -> None:
        """Show how many articles are unread in the header."""
        total = self.article_list.row_count
        unread = self.store.unread_count(self.list_filter)
        self.app.sub_title = f"{unread} unread · {total} articles"

    # --- importing ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def run_import(self, paths: list[Path]) -> ImportSummary:
        """Load and save `paths` off the UI thread."""
        # Imported here, not at the top: the loaders pull in feedparser, which the first paint
        # does not need.
        from newsreader.importer import import_paths

        if self.store.path is None:
            raise RuntimeError("imports need a database file, not :memory:")
        return import_paths(self.store.path, paths)

    @on(Worker.StateChanged)
    def import_finished(self, event: Worker.StateChanged) -> None:
        """Refresh the list after an import and report what could not be read."""
        if event.worker.group != "import":
            return
        if event.state == WorkerState.ERROR:
            self.notify(f"Import failed: {event.worker.error}", severity="error", markup=False)
        if event.state != WorkerState.SUCCESS:
            return
        summary = cast("ImportSummary", event.worker.result)
        self.article_list.empty_message = "No articles found."
        if self._show_only_imported:
            ids = self.store.source_ids_for_keys(summary.source_keys)
            self.list_filter = replace(self.list_filter, source_ids=ids)
        self.reload_list()
        for line in summary.errors[:5]:
            self.notify(line, title="Skipped", severity="warning", markup=False, timeout=8)
        if len(summary.errors) > 5:
            self.notify(f"… and {len(summary.errors) - 5} more", severity="warning", markup=False)

    # --- opening -----------------------------------------------------------------------------

    @on(ArticleList.Selected)
    async def show_selected(self, event: ArticleList.Selected) -> None:
        """Open the article the user chose in the list."""
        await self.open_article(event.article_id)

    async def open_article(self, article_id: int) -> None:
        """Show an article with its quotes, and mark it read."""
        article = self.store.article(article_id)
        if article is None:
            self.notify("That article is gone from the store.", severity="warning")
            return
        self.open_article_id = article_id
        extraction = self.extraction_for(article)
        await self.article_view.show(article, extraction)
        self.quote_pane.show(extraction)
        if self._mark_read_on_open and not article.read:
            self.set_state(article_id, read=True)

    def extraction_for(self, article: Article) -> Extraction:
        """What the extractor finds in `article`, cached per article."""
        cached = self._extractions.get(article.id)
        if cached is None:
            cached = extract(article.paragraphs)
            self._extractions[article.id] = cached
            if len(self._extractions) > EXTRACTION_CACHE_SIZE:
                self._extractions.popitem(last=False)
        self._extractions.move_to_end(article.id)
        return cached

    def set_state(
        self, article_id: int, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """Write read/starred state, then redraw the row and the counts."""
        if read is not None:
            self.store.set_read(article_id, read)
        if starred is not None:
            self.store.set_starred(article_id, starred)
        article_list = self.article_list
        row = article_list.current
        state = self.store.state(article_id)
        if row is not None and row.id == article_id and state is not None:
            article_list.update_row(
                article_list.cursor, replace(row, read=state[0], starred=state[1])
            )
        self.update_counts()

    # --- actions -----------------------------------------------------------------------------

    async def _jump_to_unread(self, *, backwards: bool) -> None:
        current = self.article_list.current
        after = current.id if current is not None else None
        target = self.store.next_unread(after, self.list_filter, backwards=backwards)
        if target is None:
            self.notify("No more unread articles.", timeout=3)
            return
        position = self.store.position(target, self.list_filter)
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
