"""Saving what the reader changes (read, starred, reading offsets) without ever freezing or ending.

Every change goes to one writer thread with its own connection, in order. The UI waits a
moment for it (so the normal case is saved before the next key), then goes on: a database
locked by another program, a refresh holding the lock, or a full disk make the change wait in
the queue and be retried, with one line saying so ("database busy — will retry", "disk full"),
and one more when every waiting change is saved. A change that can never be saved (a read-only
database) is reported, never dropped silently; quitting with changes still waiting asks first.
No textual import: the screen passes a `report` callback that is thread-safe.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from newsreader.store import Store, StoreError

logger = logging.getLogger(__name__)

Change = Callable[[Store], object]
"""A write to run against the store (e.g. `lambda store: store.set_read(7, True)`)."""
Report = Callable[[str, bool], None]
"""Called from the writer thread with (message, is_problem)."""

QUICK_WAIT_SECONDS = 0.3
"""How long the UI waits for a change before leaving it to the writer."""
LOCK_WAIT_SECONDS = 1.0
"""How long one attempt waits for another connection's lock (then the writer retries)."""
FIRST_RETRY_SECONDS = 0.5
MAX_RETRY_SECONDS = 5.0
BUSY = "database busy — will retry"
FULL = "disk full — changes are kept and retried; free some space"


def write_problem(error: BaseException) -> str | None:
    """The retryable condition behind `error` (BUSY or FULL), or None when retrying won't help."""
    text = str(error).lower()
    if isinstance(error, sqlite3.OperationalError | StoreError):
        if "full" in text:
            return FULL
        if "locked" in text or "busy" in text:
            return BUSY
    if isinstance(error, OSError) and getattr(error, "errno", None) == 28:  # ENOSPC
        return FULL
    return None


class StateWriter:
    """One thread that saves changes in order, retrying while the database is busy or full."""

    def __init__(self, database: Path, report: Report) -> None:
        self.database = database
        self.report = report
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="writes")
        self._local = threading.local()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._pending = 0
        self._problem: str | None = None
        """The trouble last reported (BUSY or FULL), until every waiting change is saved."""
        # Opened now, while nobody is likely to hold a lock (opening can wait for one).
        self._executor.submit(self._open_quietly)

    @property
    def pending(self) -> int:
        """Changes submitted and not yet saved (nor given up)."""
        with self._lock:
            return self._pending

    def submit(self, change: Change, what: str) -> bool:
        """Queue `change`; wait briefly for it unless earlier changes are already waiting.

        When it is not saved within the wait, "database busy — will retry" is reported (once,
        unless the writer already said why), and one "saved" line follows when every waiting
        change is in.

        Args:
            change: The write.
            what: A few words for messages ("marking read").

        Returns:
            True when it was saved within the short wait; False when it is still queued.
        """
        with self._lock:
            backlog = self._pending
            self._pending += 1
        future: Future[None] = self._executor.submit(self._run, change, what)
        try:
            future.result(timeout=0 if backlog else QUICK_WAIT_SECONDS)
        except FutureTimeout:
            with self._lock:
                quiet = self._problem is not None  # already said why changes wait
            if not quiet and not future.done():
                self._trouble(BUSY)
            return False
        return True

    def wait(self, seconds: float) -> int:
        """Wait up to `seconds` for the queue to empty; returns how many changes still wait."""
        deadline = time.monotonic() + seconds
        while self.pending and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.pending

    def close(self) -> None:
        """Stop retrying and close the writer's connection (changes still queued are dropped).

        Safe to call more than once; the app calls it on the way out so the writer thread never
        keeps the process alive.
        """
        if self._stopping.is_set():
            return
        self._stopping.set()
        self._executor.submit(self._close_store)
        self._executor.shutdown(wait=True, cancel_futures=True)
        if self.pending:
            logger.warning(
                "%d changes were not saved (the database stayed busy or full)", self.pending
            )

    # --- on the writer thread ----------------------------------------------------------------

    def _trouble(self, problem: str) -> None:
        """Say what keeps changes waiting, once per kind of trouble."""
        with self._lock:
            if self._problem == problem:
                return
            self._problem = problem
        self.report(problem, True)

    def _run(self, change: Change, what: str) -> None:
        try:
            self._save(change, what)
        finally:
            with self._lock:
                self._pending -= 1
                drained = self._pending == 0 and self._problem is not None
                problem, self._problem = self._problem, (None if drained else self._problem)
            if drained and not self._stopping.is_set():
                self.report(f"All changes saved (the database was {_condition(problem)})", False)

    def _save(self, change: Change, what: str) -> None:
        delay = FIRST_RETRY_SECONDS
        while not self._stopping.is_set():
            try:
                change(self._store())
            except Exception as error:
                problem = write_problem(error)
                if problem is None:
                    logger.exception("saving a change (%s) failed", what)
                    self.report(f"Could not save ({what}): {error}", True)
                    return
                if problem == FULL:
                    self._drop_store()  # a failed COMMIT may leave its transaction open
                self._trouble(problem)
                self._stopping.wait(delay)
                delay = min(delay * 2, MAX_RETRY_SECONDS)
                continue
            return

    def _open_quietly(self) -> None:
        with contextlib.suppress(StoreError, sqlite3.Error):
            self._store()  # on failure the first change tries again and says what is wrong

    def _store(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.database)
            store.set_lock_timeout(LOCK_WAIT_SECONDS)
            self._local.store = store
        return store

    def _drop_store(self) -> None:
        """Forget the connection after a failure: a half-open transaction must not linger."""
        store: Store | None = getattr(self._local, "store", None)
        self._local.store = None
        if store is not None:
            with contextlib.suppress(sqlite3.Error):
                store.close()

    def _close_store(self) -> None:
        self._drop_store()


def state_change(article_id: int, read: bool | None, starred: bool | None) -> Change:
    """The write that sets an article's read and/or starred state (None: leave it)."""

    def change(store: Store) -> None:
        if read is not None:
            store.set_read(article_id, read)
        if starred is not None:
            store.set_starred(article_id, starred)

    return change


def _condition(problem: str | None) -> str:
    return "full" if problem == FULL else "busy"
