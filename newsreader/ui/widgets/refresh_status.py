"""The status line under the panes, and the background work it reports on.

It owns the workers that bring articles in — importing files, refreshing sources, finding the
quotes of new articles — shows their progress (`Refreshing 12/200 · 3 new · 1 failed`), says
what failed, and posts `Imported` and `Refreshed` so the screen re-reads the list. A new kind
of background job (a sync, say) is one more `@work` method here with its own message, and one
more branch in `job_changed`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from newsreader.config import Config
from newsreader.links import display_text
from newsreader.store import Store
from newsreader.subscriptions import Subscription
from newsreader.text import clean_line
from newsreader.ui.screens.add_feed import AddFeedScreen
from newsreader.ui.wording import plural
from newsreader.versions import EXTRACTOR_VERSION

if TYPE_CHECKING:
    from newsreader.importer import ImportSummary
    from newsreader.sources.refresh import FeedOutcome, RefreshSummary
    from newsreader.sync.job import SyncJob

logger = logging.getLogger(__name__)

SUMMARY_SECONDS = 6.0
SHOWN_FAILURES = 5
"""Failures listed one notification each; the rest are counted in one more."""


class RefreshStatus(Static):
    """Hidden until work starts; imports, refreshes and indexes, and says how it went."""

    DEFAULT_CSS = """
    RefreshStatus {
        height: 1;
        padding: 0 1;
        background: $boost;
        color: $text-muted;
        display: none;
    }
    """

    class Imported(Message):
        """An import finished (`summary` None: it failed as a whole, already reported)."""

        def __init__(self, summary: ImportSummary | None) -> None:
            super().__init__()
            self.summary = summary

    class Refreshed(Message):
        """A refresh finished (`summary` None: it failed as a whole, already reported)."""

        def __init__(self, summary: RefreshSummary | None) -> None:
            super().__init__()
            self.summary = summary

    def __init__(
        self,
        store: Store,
        config: Config,
        source_meant: Callable[[], int | None],
        *,
        id: str | None = None,
    ) -> None:
        """`source_meant` says which source `r` refreshes (None: every one)."""
        super().__init__(id=id)
        self.store = store
        self.config = config
        self.source_meant = source_meant
        self.added = 0
        self.failed = 0
        self._sync_job: SyncJob | None = None

    def on_mount(self) -> None:
        """Sync at start when config.toml's [sync] asks (a refresh at start syncs anyway)."""
        if self.config.sync.sync_on_start and not self.config.refresh_on_start:
            self.run_refresh([], sync=True)

    def start_jobs(self, pending_imports: list[Path]) -> None:
        """The jobs due at start: importing the paths given, else finding quotes still
        missing; a first refresh and the periodic ones when config.toml asks for them."""
        if pending_imports:
            self.run_import(pending_imports)
        elif self.store.pending_index_count(EXTRACTOR_VERSION):
            # After the first frame: starting the worker processes takes the CPU the first
            # paint needs (0.9 s instead of 0.3 on a busy 2-core machine).
            self.call_after_refresh(self.run_indexing)
        if self.config.refresh_on_start:
            self.run_refresh(None)
        if self.config.refresh_interval_minutes > 0:
            self.set_interval(self.config.refresh_interval_minutes * 60, self.action_refresh_all)

    def action_refresh_all(self) -> None:
        """Refresh every feed and rescan every local source."""
        self.run_refresh(None)

    def action_refresh_source(self) -> None:
        """Refresh the source the user means (see `source_meant`)."""
        source_id = self.source_meant()
        self.run_refresh(None if source_id is None else [source_id])

    def action_add_feed(self) -> None:
        """Ask for a feed URL or a local path (`a`), subscribe, and fetch it."""

        def subscribe(subscription: Subscription | None) -> None:
            if subscription is not None:
                self.run_refresh(None, subscription)

        self.app.push_screen(AddFeedScreen(), subscribe)

    # --- the jobs (worker threads; they touch widgets only through call_from_thread) ----------

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def run_import(self, paths: list[Path]) -> ImportSummary:
        """Load and save `paths` off the UI thread."""
        # Imported here: the loaders pull in feedparser, which the first paint does not need.
        from newsreader.importer import import_paths

        if self.store.path is None:
            raise RuntimeError("imports need a database file, not :memory:")

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self.show_importing, done, total)

        return import_paths(self.store.path, paths, progress)

    @work(thread=True, exclusive=True, exit_on_error=False, group="index")
    def run_indexing(self) -> int:
        """Find the quotes of new and stale articles, in processes; returns how many.

        The extractor runs in processes (`newsreader.services.indexing`); this thread only
        waits for them and saves, so the UI keeps its frames.
        """
        from newsreader.services.indexing import index_quotes

        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self.show_indexing, done, total)

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
            line = f"Quotes found in {plural(summary.indexed, 'article')}{failed}"
            self.app.call_from_thread(self.finish, line)
        return summary.indexed

    @work(thread=True, exclusive=True, exit_on_error=False, group="refresh")
    def run_refresh(
        self,
        source_ids: list[int] | None,
        subscription: Subscription | None = None,
        *,
        sync: bool | None = None,
    ) -> RefreshSummary:
        """Fetch and save off the UI thread; progress arrives as calls on the UI thread.

        Args:
            source_ids: The sources to refresh (None: all of them).
            subscription: A new subscription to add first, then refresh alone (with a sync
                account, a web feed is subscribed on the server and synced instead).
            sync: Sync the account afterwards (default: when refreshing everything).
        """
        from newsreader.sources.refresh import refresh_sources

        if self.store.path is None:
            raise RuntimeError("refreshing needs a database file, not :memory:")
        self.app.call_from_thread(self.start)
        if subscription is not None and self._synced_subscription(subscription):
            source_ids, sync = [], True
        elif subscription is not None:
            source_ids = [self._subscribe(self.store.path, subscription)]

        def progress(outcome: FeedOutcome, finished: int, total: int) -> None:
            self.app.call_from_thread(self.advance, outcome, finished, total)

        def pages(outcome: FeedOutcome, done: int, wanted: int) -> None:
            self.app.call_from_thread(self.show_pages, outcome, done, wanted)

        def files(done: int, total: int) -> None:
            if done < total:  # a folder with nothing new to read is done at once: say nothing
                self.app.call_from_thread(self.show_importing, done, total)

        summary = refresh_sources(
            self.store.path,
            source_ids,
            self.config,
            progress,
            page_progress=pages,
            files_progress=files,
        )
        if sync if sync is not None else source_ids is None and subscription is None:
            self._sync(self.store.path)
        return summary

    def _sync_job_for(self, database: Path) -> SyncJob | None:
        """The account's sync job (kept, with its session, between runs), if one is set."""
        from newsreader import paths
        from newsreader.sync.job import SyncJob

        if not self.config.sync.configured:
            return None
        if self._sync_job is None:
            self._sync_job = SyncJob(database, self.config.sync, str(paths.config_path()))
        return self._sync_job

    def _sync(self, database: Path) -> None:
        """Sync the account in this worker; the outcome is one notification."""
        job = self._sync_job_for(database)
        if job is None:
            return

        def progress(done: int, total: int, what: str) -> None:
            self.app.call_from_thread(self.show_sync, done, total, what)

        outcome = job.run(progress)
        severity = "warning" if outcome.failed else "information"
        self.app.call_from_thread(
            self.notify, display_text(outcome.line), title="Sync", severity=severity, markup=False
        )

    def _synced_subscription(self, subscription: Subscription) -> bool:
        """Subscribe a web feed on the sync server (the sync that follows brings it here);
        False when no account is set or the subscription is a local path."""
        from newsreader.store.feeds import FEED_KIND
        from newsreader.sync.client import SyncError
        from newsreader.sync.remote import subscribe_on_server

        job = self._sync_job_for(self.store.path) if self.store.path else None
        if job is None or subscription.kind != FEED_KIND:
            return False
        store = Store(job.database)
        try:
            subscribe_on_server(store, job.settings, job.where, subscription.location)
        except SyncError as failure:
            self.app.call_from_thread(
                self.notify,
                display_text(str(failure)),
                title="Sync",
                severity="warning",
                markup=False,
            )
        finally:
            store.close()
        return True

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

    # --- when a job ends (the one handler for every worker this widget owns) -----------------

    @on(Worker.StateChanged)
    def job_changed(self, event: Worker.StateChanged) -> None:
        """Report how a job ended and post what it brought."""
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        group, error = event.worker.group, event.worker.error
        if event.state == WorkerState.ERROR:
            logger.error("%s failed", group, exc_info=error)
            if group == "index":
                self.finish(f"Finding quotes failed: {error}")
                return
            self.finish(f"{group.capitalize()} failed: {error}")
            self.notify(f"{group.capitalize()} failed: {error}", severity="error", markup=False)
        if group == "import":
            self._imported(event.worker.result if event.state == WorkerState.SUCCESS else None)
        elif group == "refresh":
            self._refreshed(event.worker.result if event.state == WorkerState.SUCCESS else None)

    def _imported(self, summary: ImportSummary | None) -> None:
        self.post_message(self.Imported(summary))
        if summary is None:
            return
        self.run_indexing()
        self._report_failures([display_text(line) for line in summary.errors], "Skipped")

    def _refreshed(self, summary: RefreshSummary | None) -> None:
        self.post_message(self.Refreshed(summary))
        if summary is None:
            return
        failures = summary.failures
        self.finish(
            f"Refreshed {plural(len(summary.outcomes), 'source')}: "
            f"{plural(summary.added, 'new article')}"
            + (f", {len(failures)} failed" if failures else "")
        )
        self._report_failures(
            [f"{clean_line(o.title)}: {clean_line(o.error or 'failed')}" for o in failures],
            "Refresh",
        )
        self.run_indexing()

    def _report_failures(self, lines: list[str], title: str) -> None:
        """One notification per failure, the first few; a count of the rest."""
        for line in lines[:SHOWN_FAILURES]:
            self.notify(line, title=title, severity="warning", timeout=8)
        if len(lines) > SHOWN_FAILURES:
            self.notify(
                f"… and {len(lines) - SHOWN_FAILURES} more", severity="warning", markup=False
            )

    # --- drawing -------------------------------------------------------------------------------

    def start(self) -> None:
        """A refresh began."""
        self.added = self.failed = 0
        self.display = True
        self.update(Text("Refreshing…"))

    def advance(self, outcome: FeedOutcome, finished: int, total: int) -> None:
        """One more source finished."""
        self.added += outcome.added
        self.failed += int(outcome.failed)
        line = Text(f"Refreshing {finished}/{total} · {self.added} new")
        if self.failed:
            line.append(f" · {self.failed} failed", "bold")
        line.append(f" · {display_text(outcome.title)[:60]}", "dim")
        self.update(line)

    def show_pages(self, outcome: FeedOutcome, done: int, wanted: int) -> None:
        """A full-text feed's pages, fetched once its new entries are saved."""
        line = Text(f"Refreshing · {display_text(outcome.title)[:60]}: ")
        line.append(f"full text {done}/{wanted} pages", "dim")
        self.update(line)

    def show_sync(self, done: int, total: int, what: str) -> None:
        """Sync progress: what it is doing, and how many articles of how many."""
        self.display = True
        count = f" {done:,}/{total:,}" if total else ""
        self.update(Text(f"Syncing {display_text(what)}{count}"))

    def show_importing(self, done: int, total: int) -> None:
        """Import progress: files of the folder read so far."""
        self.display = True
        self.update(Text(f"Importing {done:,}/{total:,} files"))

    def show_indexing(self, done: int, total: int) -> None:
        """Quote analysis progress (in processes, in the background)."""
        self.display = True
        self.update(Text(f"Finding quotes {done:,}/{total:,}"))

    def finish(self, summary: str) -> None:
        """Show the summary for a few seconds, then hide."""
        self.update(Text(display_text(summary)[:200]))
        self.set_timer(SUMMARY_SECONDS, self._hide)

    def _hide(self) -> None:
        self.display = False
