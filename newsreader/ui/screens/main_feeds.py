"""The main screen's feeds part: importing files, indexing, subscribing and refreshing."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.worker import Worker, WorkerState, get_current_worker

from newsreader.store import Store
from newsreader.subscriptions import Subscription
from newsreader.text import clean_line
from newsreader.ui.screens.add_feed import AddFeedScreen
from newsreader.ui.screens.main_base import MainScreenBase
from newsreader.ui.widgets.refresh_status import RefreshStatus
from newsreader.ui.wording import plural

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from newsreader.importer import ImportSummary
    from newsreader.sources.refresh import FeedOutcome, RefreshSummary


class FeedsPart(MainScreenBase):
    """Workers that bring articles in: imports, refreshes, and the search/quote indexer."""

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
            logger.error("import failed", exc_info=event.worker.error)
            self.notify(f"Import failed: {event.worker.error}", severity="error", markup=False)
            self.article_list.empty_message = "Nothing imported (see the message above)."
            self.reload_list()
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
        """Find the quotes of new and stale articles for the speakers view and search.

        The extractor runs in processes (`newsreader.services.indexing`); this thread only
        waits for them and saves, so the UI keeps its frames. Progress shows under the panes.
        """
        from newsreader.services.indexing import index_quotes

        status = self.query_one(RefreshStatus)
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(status.indexing, done, total)

        store = self.store if self.store.path is None else Store(self.store.path)
        try:
            summary = index_quotes(
                store, progress=progress, should_stop=lambda: worker.is_cancelled
            )
        finally:
            if store is not self.store:
                store.close()
        if summary.indexed or summary.failed:
            failed = f" ({summary.failed:,} failed, see the log)" if summary.failed else ""
            line = f"Quotes found in {summary.indexed:,} articles{failed}"
            self.app.call_from_thread(status.finish, line)
        return summary.indexed

    # --- subscribing and refreshing ------------------------------------------------------------

    def action_add_feed(self) -> None:
        """Ask for a feed URL or a local path, subscribe, and fetch it."""

        def subscribe(subscription: Subscription | None) -> None:
            if subscription is not None:
                self.run_refresh(None, subscription)

        self.app.push_screen(AddFeedScreen(), subscribe)

    def action_refresh_source(self) -> None:
        """Refresh the chosen source, or the source of the article under the cursor."""
        source_id = self.current_source_id()
        if source_id is None:
            self.action_refresh_all()
        else:
            self.run_refresh([source_id])

    def action_refresh_all(self) -> None:
        """Refresh every feed and rescan every local source."""
        self.run_refresh(None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="refresh")
    def run_refresh(
        self, source_ids: list[int] | None, subscription: Subscription | None = None
    ) -> RefreshSummary:
        """Fetch and save off the UI thread; progress arrives as calls on the UI thread.

        Args:
            source_ids: The sources to refresh (None: all of them).
            subscription: A new subscription to add first, then refresh alone.
        """
        from newsreader.sources.refresh import refresh_sources

        if self.store.path is None:
            raise RuntimeError("refreshing needs a database file, not :memory:")
        status = self.query_one(RefreshStatus)
        self.app.call_from_thread(status.start)
        if subscription is not None:
            source_ids = [self._subscribe(self.store.path, subscription)]

        def progress(outcome: FeedOutcome, finished: int, total: int) -> None:
            self.app.call_from_thread(status.advance, outcome, finished, total)

        return refresh_sources(self.store.path, source_ids, self.config, progress)

    def _subscribe(self, database: Path, subscription: Subscription) -> int:
        """Add the subscription on this worker's own connection; returns its source id."""
        store = Store(database)
        try:
            source_id, created = store.add_subscription(
                subscription.key,
                title=subscription.title,
                location=subscription.location,
                kind=subscription.kind,
            )
        finally:
            store.close()
        if not created:
            self.app.call_from_thread(self.notify, "Already subscribed; refreshing it.", timeout=3)
        return source_id

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
            logger.error("refresh failed", exc_info=event.worker.error)
            status.finish(f"Refresh failed: {event.worker.error}")
            # An exception's text can hold a URL or a path: never markup.
            self.notify(f"Refresh failed: {event.worker.error}", severity="error", markup=False)
            self.reload_list()
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
