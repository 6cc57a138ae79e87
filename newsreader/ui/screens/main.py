"""The main screen: article list, article view and quote pane, and the workers that feed them."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from newsreader.importer import ImportSummary
    from newsreader.sources.refresh import FeedOutcome, RefreshSummary

from newsreader.config import Config
from newsreader.models import Article, ArticleRow, Extraction, Post, Quote
from newsreader.store import Store
from newsreader.store.search import search_terms
from newsreader.subscriptions import Subscription
from newsreader.text import clean_line
from newsreader.ui.list_source import ListMode, ListSource
from newsreader.ui.screens.add_feed import AddFeedScreen
from newsreader.ui.screens.confirm import ConfirmScreen
from newsreader.ui.screens.links import LinksScreen, article_links
from newsreader.ui.screens.speakers import QuoteLocation, SpeakersScreen
from newsreader.ui.widgets.article_list import ArticleList, Clock, utc_now
from newsreader.ui.widgets.article_view import ArticleView
from newsreader.ui.widgets.quote_pane import QuotePane
from newsreader.ui.widgets.refresh_status import RefreshStatus
from newsreader.ui.widgets.sources_pane import SourcesPane

EXTRACTION_CACHE_SIZE = 128
SEARCH_RESULT_LIMIT = 500


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
        elif self.store.pending_index_count():
            self.run_indexing()
        if self.config.refresh_on_start:
            self.action_refresh_all()
        if self.config.refresh_interval_minutes > 0:
            self.set_interval(self.config.refresh_interval_minutes * 60, self.action_refresh_all)

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
        article_list = self.article_list
        current = article_list.current
        article_list.reset(self.listing.count())
        if keep_cursor and current is not None:
            position = self.listing.position(current.id)
            if position is not None:
                article_list.move_to(position)
        else:
            article_list.move_to(0)
        self.update_counts()
        if self.sources_pane.display:
            self.sources_pane.show_sources(self.store.sources(), self._chosen_source())

    def _chosen_source(self) -> int | None:
        return self.mode.source_ids[0] if len(self.mode.source_ids) == 1 else None

    def update_counts(self) -> None:
        """Show what is listed and how many are unread in the header."""
        total = self.article_list.row_count
        unread = self.listing.unread_count()
        noun = ("result" if self.listing.searching else "article") + ("" if total == 1 else "s")
        described = self.mode.describe()
        self.app.sub_title = (f"{described} — " if described else "") + (
            f"{unread} unread · {total} {noun}"
        )

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
            self.set_mode(replace(self.mode, source_ids=ids))
        else:
            self.reload_list()
        self.run_indexing()
        for line in summary.errors[:5]:
            self.notify(line, title="Skipped", severity="warning", markup=False, timeout=8)
        if len(summary.errors) > 5:
            self.notify(f"… and {len(summary.errors) - 5} more", severity="warning", markup=False)

    @work(thread=True, exclusive=True, exit_on_error=False, group="index")
    def run_indexing(self) -> int:
        """Extract and index new articles for search and the speakers view, off the UI thread."""
        if self.store.path is None:
            return self.store.index_all()
        store = Store(self.store.path)
        try:
            return store.index_all()
        finally:
            store.close()

    # --- subscribing and refreshing ------------------------------------------------------------

    def action_add_feed(self) -> None:
        """Ask for a feed URL or a local path, subscribe, and fetch it."""

        def subscribe(subscription: Subscription | None) -> None:
            if subscription is None:
                return
            source_id, created = self.store.add_subscription(
                subscription.key,
                title=subscription.title,
                location=subscription.location,
                kind=subscription.kind,
            )
            if not created:
                self.notify("Already subscribed; refreshing it.", timeout=3)
            self.run_refresh([source_id])

        self.app.push_screen(AddFeedScreen(), subscribe)

    def action_refresh_source(self) -> None:
        """Refresh the chosen source, or the source of the article under the cursor."""
        source_id = self._chosen_source()
        row = self.article_list.current
        if source_id is None and row is not None:
            source_id = self.store.source_of(row.id)
        if source_id is None:
            self.action_refresh_all()
        else:
            self.run_refresh([source_id])

    def action_refresh_all(self) -> None:
        """Refresh every feed and rescan every local source."""
        self.run_refresh(None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="refresh")
    def run_refresh(self, source_ids: list[int] | None) -> RefreshSummary:
        """Fetch and save off the UI thread; progress arrives as calls on the UI thread."""
        from newsreader.sources.refresh import refresh_sources

        if self.store.path is None:
            raise RuntimeError("refreshing needs a database file, not :memory:")
        status = self.query_one(RefreshStatus)
        self.app.call_from_thread(status.start)

        def progress(outcome: FeedOutcome, finished: int, total: int) -> None:
            self.app.call_from_thread(status.advance, outcome, finished, total)

        return refresh_sources(self.store.path, source_ids, self.config, progress)

    @on(Worker.StateChanged)
    def refresh_finished(self, event: Worker.StateChanged) -> None:
        """Show what the refresh brought and which feeds failed, one line each."""
        if event.worker.group != "refresh" or event.state not in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
        ):
            return
        status = self.query_one(RefreshStatus)
        if event.state == WorkerState.ERROR:
            status.finish(f"Refresh failed: {event.worker.error}")
            return
        summary = cast("RefreshSummary", event.worker.result)
        failures = summary.failures
        status.finish(
            f"Refreshed {plural(len(summary.outcomes), 'source')}: "
            f"{plural(summary.added, 'new article')}"
            + (f", {len(failures)} failed" if failures else "")
        )
        for outcome in failures[:5]:
            self.notify(
                f"{clean_line(outcome.title)}: {clean_line(outcome.error or 'failed')}",
                title="Refresh",
                severity="warning",
                markup=False,
                timeout=8,
            )
        self.reload_list()
        self.run_indexing()

    # --- searching ---------------------------------------------------------------------------

    def action_search(self) -> None:
        """Show the search box (esc leaves search)."""
        if not self.mode.query:
            self._mode_before_search = self.mode
        search = self.search_input
        search.display = True
        # Focus now, not after the next refresh: keys typed right after `/` belong to the box.
        self.set_focus(search)

    @on(Input.Changed, "#search")
    def search_as_typed(self, event: Input.Changed) -> None:
        """Search again on every keystroke (the worker drops stale queries)."""
        if event.value.strip():
            self.run_search(event.value)
        else:
            self.set_mode(self._mode_before_search)

    @on(Input.Submitted, "#search")
    def leave_search_box(self) -> None:
        """Enter moves from the search box to the results."""
        self.article_list.focus()

    @work(thread=True, exclusive=True, exit_on_error=False, group="search")
    def run_search(self, query: str) -> tuple[str, list[int]]:
        """Query the index on a connection of its own, so typing never waits on SQLite."""
        store = Store(self.store.path) if self.store.path is not None else self.store
        try:
            return query, store.search(query, limit=SEARCH_RESULT_LIMIT)
        finally:
            if store is not self.store:
                store.close()

    @on(Worker.StateChanged)
    def search_finished(self, event: Worker.StateChanged) -> None:
        """Show the results of the newest search."""
        if event.worker.group != "search" or event.state != WorkerState.SUCCESS:
            return
        query, result_ids = cast("tuple[str, list[int]]", event.worker.result)
        if query != self.search_input.value:
            return  # a newer keystroke is on its way
        self.set_mode(replace(self._mode_before_search, query=query.strip()), result_ids)

    def action_leave_search(self) -> None:
        """Back to the list as it was before searching."""
        if not self.mode.query and not self.search_input.display:
            return
        self.search_input.display = False
        self.search_input.value = ""
        self.set_mode(self._mode_before_search)
        self.article_list.focus()

    # --- filters -----------------------------------------------------------------------------

    def action_cycle_view(self) -> None:
        """All → unread → starred."""
        self.set_mode(self.mode.next_view())

    def action_cycle_dates(self) -> None:
        """Any time → 24 hours → 7 days → 30 days."""
        self.set_mode(self.mode.next_date_range())

    def action_toggle_sources(self) -> None:
        """Show or hide the sources pane (on terminals under 140 columns it borrows the
        quote pane's room, and gives it back when closed)."""
        pane = self.sources_pane
        pane.display = not pane.display
        if pane.display:
            pane.show_sources(self.store.sources(), self._chosen_source())
            pane.focus()
            self._quote_pane_lent = self.size.width < 140 and self.quote_pane.display
            if self._quote_pane_lent:
                self.quote_pane.display = False
        else:
            if self._quote_pane_lent:
                self.quote_pane.display = True
                self._quote_pane_lent = False
            self.article_list.focus()

    @on(SourcesPane.SourceChosen)
    def filter_to_source(self, event: SourcesPane.SourceChosen) -> None:
        """List only the chosen source (or all)."""
        title = ""
        if event.source_id is not None:
            title = next((s.title for s in self.store.sources() if s.id == event.source_id), "")
        ids = () if event.source_id is None else (event.source_id,)
        self.set_mode(replace(self.mode, source_ids=ids, source_title=clean_line(title)))

    def action_mark_source_read(self) -> None:
        """Mark every article of the current source read (asks first when it is many)."""
        source_id = self._chosen_source()
        row = self.article_list.current
        if source_id is None and row is not None:
            source_id = self.store.source_of(row.id)
        if source_id is None:
            return
        source_filter = replace(self.listing.list_filter, source_ids=(source_id,), since=None)
        unread = self.store.unread_count(source_filter)
        if unread == 0:
            self.notify("Nothing unread in this source.", timeout=2)
            return
        title = next((s.title for s in self.store.sources() if s.id == source_id), "this source")

        def mark(confirmed: bool | None) -> None:
            if confirmed:
                self.store.mark_all_read(source_filter)
                self.reload_list()
                self.notify(f"Marked {unread} articles read.", timeout=3, markup=False)

        if unread > max(1, self.article_list.size.height // 2):
            question = f"Mark all {unread} unread articles in {clean_line(title)} read?"
            self.app.push_screen(ConfirmScreen(question), mark)
        else:
            mark(True)

    # --- speakers, links, clipboard ----------------------------------------------------------

    def action_speakers(self) -> None:
        """Everyone quoted in the stored articles, and what they said."""

        async def open_location(location: QuoteLocation | None) -> None:
            if location is not None:
                await self.open_article(location.article_id, quote_position=location.position)

        self.app.push_screen(SpeakersScreen(self.store), open_location)

    def action_copy(self) -> None:
        """Copy the chosen quote (with speaker, source and date), else the article's link."""
        article = self.article_view.article
        if article is None:
            self.notify("Open an article first.", timeout=2)
            return
        chosen = self.article_view.chosen
        if chosen is not None:
            text = quote_citation(chosen, article)
        elif article.link:
            text = article.link
        else:
            self.notify("This article has no link; choose a quote with ] to copy it.")
            return
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied: {clean_line(text)[:80]}", timeout=3, markup=False)

    def action_open_link(self) -> None:
        """Open the article's link in the web browser."""
        article = self.article_view.article
        if article is None or not article.link:
            self.notify("This article has no link to open.", timeout=2)
            return
        self.app.open_url(article.link)

    def action_links(self) -> None:
        """List the links of the open article; the chosen one opens in the browser."""
        article = self.article_view.article
        links = article_links(article) if article is not None else []
        if not links:
            self.notify("No links in this article.", timeout=2)
            return

        def open_chosen(url: str | None) -> None:
            if url:
                self.app.open_url(url)

        self.app.push_screen(LinksScreen(links), open_chosen)

    def action_resize_list(self, delta: int) -> None:
        """Make the list column narrower or wider (the article view takes the rest)."""
        column = self.query_one("#list-column")
        width = column.outer_size.width + delta
        column.styles.width = max(24, min(width, self.size.width - 40))

    # --- opening -----------------------------------------------------------------------------

    @on(ArticleList.Selected)
    async def show_selected(self, event: ArticleList.Selected) -> None:
        """Open the article the user chose in the list."""
        await self.open_article(event.article_id)

    async def open_article(self, article_id: int, *, quote_position: int | None = None) -> None:
        """Show an article with its quotes, and mark it read.

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
        extraction = self.extraction_for(article)
        await self.article_view.show(article, extraction, search_terms(self.mode.query))
        if offset := self.store.reading_offset(article_id):
            # After the next refresh the new paragraphs have a height to scroll within.
            self.article_view.call_after_refresh(
                self.article_view.scroll_to, y=offset, animate=False
            )
        self.quote_pane.show(extraction)
        if self._mark_read_on_open and not article.read:
            self.set_state(article_id, read=True)
        if quote_position is not None:
            items: list[Quote | Post] = [*extraction.quotes, *extraction.posts]
            if 0 <= quote_position < len(items):
                self.quote_pane.select(items[quote_position])
                self.article_view.choose(items[quote_position])

    def remember_reading_offset(self) -> None:
        """Save how far down the open article the reader got, for the next time it opens."""
        view = self.article_view
        if view.article is not None:
            offset = round(view.scroll_y)
            if offset != self.store.reading_offset(view.article.id):
                self.store.set_reading_offset(view.article.id, offset)

    def extraction_for(self, article: Article) -> Extraction:
        """What the extractor finds in `article`, cached per article."""
        cached = self._extractions.get(article.id)
        if cached is None:
            # Imported on first use so the first paint does not wait for the extractor.
            from newsreader.extract import extract

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


def plural(count: int, noun: str) -> str:
    """`1 source`, `2 sources`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def empty_message(mode: ListMode) -> str:
    """What the list says when it has nothing to show in `mode`."""
    if mode.query:
        return f"No matches for “{clean_line(mode.query)}” (esc leaves search)."
    if mode.view != "all" or mode.days is not None or mode.source_ids:
        return "Nothing matches this filter (f, d and S change it)."
    return "No articles yet: run newsreader PATH to open files or folders."


def quote_citation(item: Quote | Post, article: Article) -> str:
    """`“Text” — Speaker, Source, 2026-10-12` for the clipboard."""
    when = article.published.strftime("%Y-%m-%d") if article.published else ""
    if isinstance(item, Post):
        who = f"{item.author} (@{item.handle})"
        when = item.date or when
    else:
        who = item.speaker or "unattributed"
    parts = [part for part in (who, clean_line(article.source_name), when) if part]
    return f"“{item.text.strip()}” — {', '.join(parts)}"
