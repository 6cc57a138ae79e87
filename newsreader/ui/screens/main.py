"""The main screen: sources pane, article list, article view and quote pane, and the keys.

The screen composes widgets that each own their behaviour and connects their messages. What
is listed, searched and open lives in `ReaderState` (`ui/state.py`, no Textual); background
jobs in `RefreshStatus`; read/star changes in `ListColumn`; `F`/`v` in `FullText`; pane sizes
in `plan_layout` (`ui/layout.py`), applied by `main_layout.py`.

A new key: a `Binding` with an `id` in `main_keys.py` and an `action_*` method below that
calls the widget doing the work (help, footer, palette and `[keys]` pick it up).
"""

from __future__ import annotations

import logging
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header

from newsreader import paths
from newsreader.config import Config
from newsreader.models import Extraction
from newsreader.rules.feeds import QueryFeed, hidden_condition
from newsreader.store import Store
from newsreader.store.search import search_terms
from newsreader.ui.article_actions import (
    choose_link,
    copy_citation,
    mark_listed_read,
    open_article_link,
)
from newsreader.ui.clock import Clock, utc_now
from newsreader.ui.extractions import ReadingOffsets
from newsreader.ui.list_source import ListSource
from newsreader.ui.page_text import origin_line
from newsreader.ui.query_feeds import edit_feed_settings, save_query_feed
from newsreader.ui.screens.main_keys import MAIN_BINDINGS
from newsreader.ui.screens.main_layout import LayoutKeeper
from newsreader.ui.screens.speakers import QuoteLocation, SpeakersScreen
from newsreader.ui.state import ReaderState
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.article_view import ArticleView
from newsreader.ui.widgets.exporter import ArticleExporter
from newsreader.ui.widgets.full_text import FullText
from newsreader.ui.widgets.key_footer import KeyFooter
from newsreader.ui.widgets.list_column import ListColumn
from newsreader.ui.widgets.quote_pane import QuotePane
from newsreader.ui.widgets.refresh_status import RefreshStatus
from newsreader.ui.widgets.saver import Saver
from newsreader.ui.widgets.search_box import SearchBox
from newsreader.ui.widgets.sources_pane import SourcesPane
from newsreader.ui.writes import Change, StateWriter

logger = logging.getLogger(__name__)


class MainScreen(Screen[None]):
    """The reader: every key of the main screen is bound here (see `main_keys`)."""

    BINDINGS = MAIN_BINDINGS

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
        self.state = ReaderState(store, clock, self.config.ignores)
        self.layout_keeper = LayoutKeeper(
            self, quote_pane=show_quote_pane, sources_pane=show_sources_pane
        )
        self._pending_imports = pending_imports
        self._show_only_imported = show_only_imported
        self._mark_read_on_open = mark_read_on_open
        self.saver = Saver(store)
        self.exporter = ArticleExporter(store, self.config.save_folder, self.config.pipe_to)
        self.full_text = FullText(store, self.config)
        self.sources_pane = SourcesPane(
            store=store, queries=self.config.queries, ignores=self.config.ignores, id="sources-pane"
        )
        self.list_column = ListColumn(self.state, self.save, id="list-column")
        offsets = ReadingOffsets(store, self.save)
        self.article_view = ArticleView(offsets, clock=clock, id="article-view")
        self.quote_pane = QuotePane(id="quote-pane")
        self.refresh_status = RefreshStatus(store, self.config, id="refresh-status")

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="panes"):
            yield self.sources_pane
            yield self.list_column
            yield self.article_view
            yield self.quote_pane
        yield self.refresh_status
        yield KeyFooter()
        yield self.saver
        yield self.exporter
        yield self.full_text

    def on_mount(self) -> None:
        self.layout_keeper.apply()
        self.reload_list()
        self.article_list.focus()
        if self._pending_imports:
            self.article_list.empty_message = "Loading articles…"
        self.refresh_status.start_jobs(self._pending_imports)

    # --- the widgets ---------------------------------------------------------------------------

    @property
    def article_list(self) -> ArticleList:
        """The list pane."""
        return self.query_one(ArticleList)

    @property
    def search_input(self) -> SearchBox:
        """The search box above the list."""
        return self.query_one(SearchBox)

    @property
    def listing(self) -> ListSource:
        """What the list shows now."""
        return self.state.listing

    @property
    def open_article_id(self) -> int | None:
        """The article in the article view."""
        return self.state.open_article_id

    # --- the list ------------------------------------------------------------------------------

    def reload_list(self) -> None:
        """Re-read the list from the store, keeping the cursor on the same article if it can."""
        self.list_column.reload()

    @on(ListColumn.Listed)
    def update_counts(self, event: ListColumn.Listed) -> None:
        """Say in the header what is listed; the sources pane's counts follow the list's."""
        self.app.sub_title = event.header
        if self.sources_pane.display:
            self.count_sources()

    def count_sources(self) -> None:
        """Count the sources pane's unread articles again, keeping what the list shows chosen."""
        self.sources_pane.load(self.state.chosen_source, self.state.mode.rule_title)

    # --- saving --------------------------------------------------------------------------------

    @property
    def writer(self) -> StateWriter | None:
        """The writer thread's front (None for a `:memory:` store)."""
        return self.saver.writer

    def save(self, change: Change, what: str) -> bool:
        """Save a change (see `Saver.save`); True when it is saved already."""
        return self.saver.save(change, what)

    @on(Saver.SavedAfterAll)
    @on(RefreshStatus.Refreshed)
    def reread(self) -> None:
        """Show the changes that had to wait, now saved, or what a refresh brought."""
        self.reload_list()

    # --- opening an article --------------------------------------------------------------------

    @on(ArticleList.Selected)
    async def show_selected(self, event: ArticleList.Selected) -> None:
        """Open the article the user chose in the list."""
        await self.open_article(event.article_id)

    async def open_article(self, article_id: int, *, quote_position: int | None = None) -> None:
        """Show an article with its quotes, and mark it read.

        A long article is shown at once and its quotes follow (`ArticleView.QuotesFound`),
        so the screen never waits for the extractor.

        Args:
            article_id: The article.
            quote_position: Index of a quote (or post, after the quotes) to scroll to.
        """
        article = self.store.article(article_id)
        if article is None:
            self.notify("That article is gone from the store.", severity="warning")
            return
        self.state.open_article_id = article_id
        terms = search_terms(self.state.mode.query)
        self.article_view.origin = origin_line(self.store.page_state(article_id))
        extraction = await self.article_view.open(article, terms, quote_position)
        self.quote_pane.show(extraction or Extraction())
        self.layout_keeper.article_opened()
        if self._mark_read_on_open and not article.read:
            self.list_column.set_state(article_id, read=True)
        if extraction is not None:
            self.article_view.choose(self.quote_pane.select_position(extraction, quote_position))

    @on(ArticleView.QuotesFound)
    def show_quotes_found(self, event: ArticleView.QuotesFound) -> None:
        """List the quotes of a long article once the background analysis found them."""
        if event.found is not None and self.state.open_article_id == event.article.id:
            self.quote_pane.show(event.found)
            self.article_view.choose(self.quote_pane.select_position(event.found, event.position))

    def remember_reading_offset(self) -> None:
        """Save how far down the open article the reader got, for the next time it opens."""
        self.article_view.remember_offset()

    @on(QuotePane.QuoteChosen)
    def show_quote(self, event: QuotePane.QuoteChosen) -> None:
        """Scroll the article to the chosen quote and highlight it."""
        self.article_view.choose(event.item)

    # --- what other widgets report -------------------------------------------------------------

    @on(RefreshStatus.Imported)
    def imported(self, event: RefreshStatus.Imported) -> None:
        """Show what the import brought (only it, when the reader was started on paths)."""
        if event.summary is None:
            self.article_list.empty_message = "Nothing imported (see the message above)."
            self.reload_list()
            return
        self.article_list.empty_message = "No articles found."
        if self._show_only_imported:
            ids = self.store.source_ids_for_keys(event.summary.source_keys)
            self.list_column.show(self.state.list_only_sources(ids))
        else:
            self.reload_list()

    @on(SearchBox.Done)
    def to_results(self) -> None:
        """From the search box to the results."""
        self.layout_keeper.go_to("list")

    @on(SourcesPane.SourceChosen)
    def filter_to_source(self, event: SourcesPane.SourceChosen) -> None:
        """List only the chosen source (or all), and move to the list."""
        self._list_chosen(self.state.choose_source(event.source_id))

    @on(SourcesPane.QueryChosen)
    def open_query_feed(self, event: SourcesPane.QueryChosen) -> None:
        """List the chosen query feed like a feed (ending a search), and move to the list."""
        if self.state.searching:
            self.list_column.end_search()
        self._list_chosen(self.state.choose_query(event.query))

    def _list_chosen(self, listing: ListSource) -> None:
        self.list_column.show(listing)
        if not self.layout_keeper.shown("list"):
            self.layout_keeper.go_to("list")

    @on(FullText.BodyChanged)
    async def show_new_body(self, event: FullText.BodyChanged) -> None:
        """After `F`: show the article again if it is open (its page's text, or the error
        line under the header), and find the quotes of a stored page."""
        if event.stored:
            self.article_view.extractions.forget(event.article_id)
        if self.open_article_id == event.article_id:
            await self.open_article(event.article_id)
        if event.stored:
            self.refresh_status.run_indexing()  # its quotes, for search and speakers

    def on_descendant_focus(self, event: object) -> None:
        self.layout_keeper.focused(self.focused)

    def on_resize(self) -> None:
        self.layout_keeper.apply()

    # --- actions (the keys in main_keys.py) ---------------------------------------------------

    async def action_jump_unread(self, direction: int) -> None:
        """Open the next (1) or previous (-1) unread article from the cursor, across sources."""
        if (target := self.list_column.move_to_unread(direction)) is None:
            self.notify("No more unread articles.", timeout=3)
        else:
            await self.open_article(target)

    def action_flip(self, field: str) -> None:
        """Flip `read` or `starred` of the article under the cursor."""
        self.list_column.flip(field)

    def action_page_article(self, direction: int) -> None:
        """Scroll the article one screen down (1) or up (-1), from any pane."""
        self.article_view.page(direction)

    def action_step_quote(self, delta: int) -> None:
        """Jump to the next or previous quote of the open article."""
        if self.quote_pane.step(delta) is None:
            self.notify("No quotes in this article.", timeout=2)

    def action_search(self) -> None:
        """Show the search box (esc leaves search)."""
        self.layout_keeper.go_to("list", focus=False)
        self.list_column.begin_search()

    def action_leave_search(self) -> None:
        """Leave the search for the list as it was; on a one-pane screen, back to the list."""
        if self.list_column.end_search():
            self.layout_keeper.go_to("list")
        else:
            self.layout_keeper.back()

    def action_cycle_view(self) -> None:
        """All → unread → starred."""
        self.list_column.show(self.state.next_view())

    def action_cycle_dates(self) -> None:
        """Any time → 24 hours → 7 days → 30 days."""
        self.list_column.show(self.state.next_date_range())

    def action_toggle_sources(self) -> None:
        """Open or close the sources pane (it takes the list's place when both do not fit)."""
        if not self.layout_keeper.shown("sources"):  # closed, or out of sight since counted
            self.count_sources()
        self.notify(self.layout_keeper.toggle_sources_pane(), timeout=3)

    def action_toggle_quote_pane(self) -> None:
        """Show or hide the quote pane (floating over the article when it does not fit)."""
        self.notify(self.layout_keeper.toggle_quote_pane(), timeout=3)

    def action_resize_list(self, delta: int) -> None:
        """Make the list column narrower or wider (the article view takes the rest)."""
        if limit := self.layout_keeper.resize_list(delta):
            self.notify(limit, timeout=3)

    def action_cycle_pane(self, delta: int) -> None:
        """Move to the next (1) or previous (-1) pane, showing it if the layout hid it."""
        self.layout_keeper.cycle(delta, quotes_listed=bool(self.quote_pane.items))

    def action_mark_source_read(self) -> None:
        """Mark every article of the current source read (asks first when it is many)."""
        screenful = max(1, self.article_list.size.height // 2)
        row = self.article_list.current
        mark_listed_read(self, self.state, row, screenful, self.save, self.reload_list)

    def action_speakers(self) -> None:
        """Everyone quoted in the stored articles, and what they said."""

        async def open_location(location: QuoteLocation | None) -> None:
            if location is not None:
                await self.open_article(location.article_id, quote_position=location.position)

        hidden = hidden_condition(self.config.ignores)
        self.app.push_screen(SpeakersScreen(self.store, hidden), open_location)

    def action_copy(self) -> None:
        """Copy the chosen quote (with speaker, source and date), else the article's link."""
        copy_citation(self, self.article_view.article, self.article_view.chosen)

    def action_open_link(self) -> None:
        """Open the article's link in the web browser, else its first enclosure (a podcast)."""
        open_article_link(self, self.article_view.article)

    def action_links(self) -> None:
        """List the links of the open article; the chosen one opens in the browser."""
        choose_link(self, self.article_view.article)

    def action_fetch_page(self) -> None:
        """Fetch the web page of the article under the cursor and keep its main text."""
        self.full_text.fetch(self.article_list.current)

    async def action_toggle_summary(self) -> None:
        """Switch the open article between the page's full text and the feed's summary."""
        view = self.article_view
        if view.article is not None and view.summary_shown:
            await self.open_article(view.article.id)
        elif await self.full_text.show_summary(view, search_terms(self.state.mode.query)):
            self.quote_pane.show(Extraction())

    def action_add_feed(self) -> None:
        """Ask for a feed URL or a local path, subscribe, and fetch it."""
        self.refresh_status.add_feed()

    def action_refresh_source(self) -> None:
        """Refresh the chosen source, or the source of the article under the cursor."""
        source_id = self.state.source_meant(self.article_list.current)
        self.refresh_status.run_refresh(None if source_id is None else [source_id])

    def action_refresh_all(self) -> None:
        """Refresh every feed and rescan every local source."""
        self.refresh_status.refresh_all()

    def action_save_article(self) -> None:
        """Save the open article (else the one under the cursor) as Markdown."""
        if (article_id := self.state.article_meant(self.article_list.current)) is not None:
            self.exporter.save(article_id)

    def action_pipe_article(self) -> None:
        """Hand the open article (Markdown) to config.toml's pipe_to command."""
        if (article_id := self.state.article_meant(self.article_list.current)) is not None:
            self.exporter.pipe(article_id)

    def action_save_query(self) -> None:
        """Save what the list shows (a search or a filter) as a query feed in config.toml."""

        def saved(query: QueryFeed) -> None:
            self.sources_pane.add_query(query)
            self.count_sources()

        queries = self.sources_pane.queries
        save_query_feed(self, self.state.mode, queries, paths.config_path(), saved)

    def action_feed_settings(self) -> None:
        """Edit the settings of the chosen source, or of the article under the cursor's."""

        def saved() -> None:
            self.count_sources()
            self.reload_list()

        source_id = self.state.source_meant(self.article_list.current)
        edit_feed_settings(self, self.store, source_id, self.save, saved)
