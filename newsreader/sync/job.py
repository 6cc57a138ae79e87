"""A sync as the app runs it: on its own connection, keeping the session between runs.

The app's refresh worker calls `SyncJob.run` after refreshing everything (`R`, the refresh
interval, `sync_on_start`); it never raises for a server that cannot be used: the outcome is
one line to show, and queued changes wait for the next run.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from newsreader.config import SyncSettings
from newsreader.store import Store
from newsreader.sync.account import syncer_for
from newsreader.sync.client import ProgressCallback, SyncError
from newsreader.sync.engine import Syncer, SyncReport

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """How one sync went, for the status line."""

    line: str
    """What to show: the summary, or why it failed."""
    failed: bool
    report: SyncReport | None = None


class SyncJob:
    """Syncs the configured account from a worker thread, one run at a time."""

    def __init__(self, database: Path, settings: SyncSettings, where: str) -> None:
        """Args:
        database: The store's file (the job opens its own connection per run).
        settings: The `[sync]` table.
        where: The config file, named in messages.
        """
        self.database = database
        self.settings = settings
        self.where = where
        self._syncer: Syncer | None = None
        self._lock = threading.Lock()

    @property
    def configured(self) -> bool:
        """Whether an account is set."""
        return self.settings.configured

    def run(self, progress: ProgressCallback) -> SyncOutcome:
        """Sync once; never raises for the server's or the account's trouble."""
        with self._lock:
            store = Store(self.database)
            try:
                if self._syncer is None:
                    self._syncer = syncer_for(store, self.settings, self.where)
                self._syncer.store = store
                report = self._syncer.sync(progress)
            except SyncError as failure:
                waiting = store.pending_count()
                queued = f"; {waiting} changes wait for the next sync" if waiting else ""
                logger.warning("sync failed: %s", failure)
                return SyncOutcome(f"Sync failed: {failure}{queued}", True)
            finally:
                store.close()
        return SyncOutcome(report.summary().capitalize(), False, report)

    def close(self) -> None:
        """Close the connections kept for the next run."""
        if self._syncer is not None:
            self._syncer.client.close()
            self._syncer = None
