"""The main screen: sources pane, article list, article view and quote pane, and the keys.

The screen composes widgets that each own their behaviour and connects their messages. What
is listed, searched and open lives in `ReaderState` (`ui/state.py`, no Textual); background
jobs in `RefreshStatus`; read/star changes in `ListColumn`; `F`/`v` in `FullText`; pane sizes
in `plan_layout` (`ui/layout.py`), applied by `LayoutKeeper` (`main_layout.py`).

Every key is bound here, so it works from every pane (`main_keys.py`); a key that acts in one
widget runs that widget's action (`delegate`), and only keys that join several widgets have
an `action_*` method below. Help, footer, palette and `[keys]` pick them all up.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header

from newsreader.config import Config
from newsreader.models import Extraction
from newsreader.rules.feeds import hidden_condition
from newsreader.store import Store
from newsreader.store.search import search_terms
from newsreader.ui.clock import Clock, utc_now
from newsreader.ui.extractions import ReadingOffsets
from newsreader.ui.list_source import ListSource
from newsreader.ui.page_text import origin_line
from newsreader.ui.screens.main_keys import MAIN_BINDINGS, Owner
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
        self._pending_imports = pending_imports
        self._show_only_imported = show_only_imported
        self._mark_read_on_open = mark_read_on_open
        self.saver = Saver(store)
        self.sources_pane = SourcesPane(
            self.state, queries=self.config.queries, ignores=self.config.ignores, id="sources-pane"
        )
        self.list_column = ListColumn(self.state, self.saver.save, id="list-column")
        offsets = ReadingOffsets(store, self.saver.save)
        self.article_view = ArticleView(offsets, clock=clock, id="article-view")
        self.quote_pane = QuotePane(id="quote-pane")
        self.layout_keeper = LayoutKeeper(
            self,
            lambda: bool(self.quote_pane.items),
            quote_pane=show_quote_pane,
            sources_pane=show_sources_pane,
        )
        column = self.list_column
        self.refresh_status = RefreshStatus(
            store, self.config, column.source_meant, id="refresh-status"
        )
        folder, pipe_to = self.config.save_folder, self.config.pipe_to
        self.exporter = ArticleExporter(store, folder, pipe_to, column.article_meant)
        self.full_text = FullText(store, self.config, lambda: column.article_list.current)

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
        yield self.layout_keeper

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

    # --- the list ------------------------------------------------------------------------------

    def reload_list(self) -> None:
        """Re-read the list from the store, keeping the cursor on the same article if it can."""
        self.list_column.reload()

    @on(ListColumn.Listed)
    def update_counts(self, event: ListColumn.Listed) -> None:
        """Say in the header what is listed; the sources pane's counts follow the list's."""
        self.app.sub_title = event.header
        if self.sources_pane.display:
            self.sources_pane.recount()

    @on(LayoutKeeper.SourcesShown)
    def count_sources(self) -> None:
        """The sources pane came on screen: count its unread articles again."""
        self.sources_pane.recount()

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

    @on(QuotePane.QuoteChosen)
    def show_quote(self, event: QuotePane.QuoteChosen) -> None:
        """Scroll the article to the chosen quote and highlight it."""
        self.article_view.choose(event.item)

    # --- what other widgets report -------------------------------------------------------------

    @on(RefreshStatus.Imported)
    def imported(self, event: RefreshStatus.Imported) -> None:
        """Show what the import brought (only it, when the reader was started on paths)."""
        only: tuple[int, ...] | None = None
        if event.summary is not None and self._show_only_imported:
            only = self.store.source_ids_for_keys(event.summary.source_keys)
        self.list_column.show_imported(event.summary is not None, only)

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
        if self.state.open_article_id == event.article_id:
            await self.open_article(event.article_id)
        if event.stored:
            self.refresh_status.run_indexing()  # its quotes, for search and speakers

    def on_descendant_focus(self, event: object) -> None:
        self.layout_keeper.focused(self.focused)

    def on_resize(self) -> None:
        self.layout_keeper.apply()

    # --- actions (the keys in main_keys.py) ---------------------------------------------------

    @property
    def owners(self) -> dict[Owner, Widget]:
        """The widgets that own the actions of the keys (`main_keys.to`), by name."""
        return {
            "list_column": self.list_column,
            "sources_pane": self.sources_pane,
            "article_view": self.article_view,
            "quote_pane": self.quote_pane,
            "layout_keeper": self.layout_keeper,
            "refresh_status": self.refresh_status,
            "exporter": self.exporter,
            "full_text": self.full_text,
        }

    async def action_delegate(self, owner: Owner, action: str) -> None:
        """Run `action` (e.g. `flip('read')`) on the widget `owner`: a key bound on the screen
        works from every pane, and what it does stays in the widget that owns it."""
        await self.owners[owner].run_action(action)

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

    def action_speakers(self) -> None:
        """Everyone quoted in the stored articles, and what they said."""

        async def open_location(location: QuoteLocation | None) -> None:
            if location is not None:
                await self.open_article(location.article_id, quote_position=location.position)

        hidden = hidden_condition(self.config.ignores)
        self.app.push_screen(SpeakersScreen(self.store, hidden), open_location)

    async def action_toggle_summary(self) -> None:
        """Switch the open article between the page's full text and the feed's summary."""
        view = self.article_view
        if view.article is not None and view.summary_shown:
            await self.open_article(view.article.id)
        elif await self.full_text.show_summary(view, search_terms(self.state.mode.query)):
            self.quote_pane.show(Extraction())
