"""Refreshing subscriptions: fetch feeds, rescan local sources, save each in its own transaction.

Used by `newsreader refresh` and by the app (from a worker thread). One call opens its own
`Store` connection and runs its own event loop, so it is safe from any thread that is not
already running an asyncio loop; results are reported per feed through `progress` as they
arrive, from the calling thread.

A feed's articles are committed before its new HTTP validators, so a kill between the two
costs one re-download, never a missed article. Parsing is `newsreader.ingest.feeds`, given
the response headers and final URL so charset and base rules apply.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import BrokenExecutor, Executor
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.config import Config
from newsreader.ingest.feeds import FeedSource, read_feed
from newsreader.links import display_text, redact_url
from newsreader.models import SourceDraft
from newsreader.sources.fetch import FetchRequest, FetchResult, FetchStatus, fetch_all
from newsreader.store import Store
from newsreader.store.feeds import FEED_KIND, FeedState, FetchRecord
from newsreader.store.pages import PageWanted
from newsreader.store.rows import PlainRow, from_plain_rows, plain_rows
from newsreader.store.settings import FeedSettings
from newsreader.text import clean_line

if TYPE_CHECKING:
    from newsreader.services.fulltext import PageFetcher, PageOutcome
    from newsreader.sources.local import FilesProgress

logger = logging.getLogger(__name__)

__all__ = [
    "FeedOutcome",
    "OutcomeKind",
    "PageProgressCallback",
    "ProgressCallback",
    "RefreshSummary",
    "refresh_sources",
]


class OutcomeKind(StrEnum):
    """How one source's refresh ended."""

    SAVED = "saved"
    """Fetched (or rescanned) and saved; `added`/`updated` say what changed."""
    NOT_MODIFIED = "not-modified"
    """304: nothing new."""
    FAILED = "failed"
    """Nothing saved; `error` says why."""
    DEFERRED = "deferred"
    """Skipped: the server asked us to wait (Retry-After) and that time has not come."""


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """What refreshing one source did."""

    source_id: int
    title: str
    location: str
    kind: OutcomeKind
    added: int = 0
    updated: int = 0
    removed: int = 0
    """Articles dropped by retention."""
    error: str | None = None
    moved_to: str | None = None
    """The feed's new URL after a permanent redirect."""
    pages: int = 0
    """Entries whose page's main text was stored (feeds set to full text)."""
    page_failures: int = 0
    """Entries whose page could not be fetched or read: their summaries stay."""
    page_error: str | None = None
    """The first page failure's line, when there was one."""
    page_errors: tuple[str, ...] = ()
    """Every page failure's line (one per entry that kept its summary)."""

    @property
    def failed(self) -> bool:
        """Whether nothing could be fetched or read."""
        return self.kind is OutcomeKind.FAILED


@dataclass(frozen=True, slots=True)
class RefreshSummary:
    """Every source's outcome, in the order they finished."""

    outcomes: tuple[FeedOutcome, ...]

    @property
    def added(self) -> int:
        """New articles across all sources."""
        return sum(outcome.added for outcome in self.outcomes)

    @property
    def failures(self) -> tuple[FeedOutcome, ...]:
        """The sources that failed."""
        return tuple(outcome for outcome in self.outcomes if outcome.failed)

    @property
    def all_failed(self) -> bool:
        """True when there was something to refresh and every source failed."""
        return bool(self.outcomes) and len(self.failures) == len(self.outcomes)


ProgressCallback = Callable[[FeedOutcome, int, int], None]
"""Called with (outcome, finished so far, total) after each source, on the refreshing thread."""
PageProgressCallback = Callable[[FeedOutcome, int, int], None]
"""Called with (the feed's outcome so far, pages done, pages wanted) after each page of a
full-text feed, before the feed's own (final) progress call."""


def refresh_sources(
    database: Path,
    source_ids: Sequence[int] | None = None,
    config: Config | None = None,
    progress: ProgressCallback | None = None,
    *,
    cancel: threading.Event | None = None,
    page_progress: PageProgressCallback | None = None,
    files_progress: FilesProgress | None = None,
) -> RefreshSummary:
    """Refresh feeds and local sources and save what changed.

    Blocking: call it from a worker thread (never from a thread running an event loop).

    Args:
        database: The SQLite file; a connection of this call's own is opened and closed.
        source_ids: Only these sources (None: every feed and local source).
        config: Concurrency, timeouts, size cap and retention (defaults when None).
        progress: Called after each source finishes, on this thread.
        cancel: When set, no more results are saved and the call returns early.
        page_progress: Called after each page of a feed set to full text (whose entries'
            pages are fetched once the entries are saved, then its outcome is reported).
        files_progress: Told (files done, files in the folder) as a local folder is read
            (a folder just added may take seconds).

    Returns:
        One outcome per source handled.
    """
    run = _Refresh(database, config or Config(), progress, cancel)
    run.page_progress = page_progress
    run.files_progress = files_progress
    return asyncio.run(run.all(source_ids))


class _Refresh:
    """One refresh run: the store connection, the settings and the progress reporting."""

    def __init__(
        self,
        database: Path,
        config: Config,
        progress: ProgressCallback | None,
        cancel: threading.Event | None,
    ) -> None:
        self.database = database
        self.config = config
        self.progress = progress
        self.cancel = cancel or threading.Event()
        self.outcomes: list[FeedOutcome] = []
        self.total = 0
        self.parse_slots = asyncio.Semaphore(2 * (os.cpu_count() or 1))
        self.page_jobs: list[asyncio.Future[None]] = []
        self.page_progress: PageProgressCallback | None = None
        self.files_progress: FilesProgress | None = None
        self.pages: PageFetcher | None = None

    async def all(self, source_ids: Sequence[int] | None) -> RefreshSummary:
        store = Store(self.database)
        try:
            states = store.feed_states(source_ids)
            if source_ids is None:  # asked for by name, a paused or recent feed is fetched
                states = _due(store, states, int(time.time()))
            self.total = len(states)
            feeds = [state for state in states if state.kind == FEED_KIND]
            try:
                await self._feeds(store, feeds)
                await self._pages_done()
            finally:
                if self.pages is not None:
                    await self.pages.close()
            for state in states:
                if state.kind != FEED_KIND and not self.cancel.is_set():
                    rescan = _guarded(
                        store, state, _rescan_local, store, state, self.files_progress
                    )
                    self._report(rescan)
        finally:
            store.close()
        return RefreshSummary(tuple(self.outcomes))

    def _saved(self, store: Store, outcome: FeedOutcome) -> None:
        """Report a feed's outcome, after fetching its entries' pages when it is full text."""
        wanted: list[PageWanted] = []
        if outcome.kind is OutcomeKind.SAVED and not self.cancel.is_set():
            try:
                if store.full_text(outcome.source_id):
                    from newsreader.services.fulltext import PAGES_PER_FEED

                    wanted = store.pages_wanted([outcome.source_id], per_source=PAGES_PER_FEED)
            except Exception:  # a busy store: the pages wait for the next refresh
                logger.exception("listing the pages of source %s failed", outcome.source_id)
        if not wanted:
            self._report(outcome)
            return
        self.page_jobs.append(
            asyncio.ensure_future(self._pages_then_report(store, outcome, wanted))
        )

    async def _pages_then_report(
        self, store: Store, outcome: FeedOutcome, wanted: list[PageWanted]
    ) -> None:
        """Fetch a full-text feed's new pages (beside other feeds' fetches), then report it."""
        if self.pages is None:
            from newsreader.services.fulltext import PageFetcher

            self.pages = PageFetcher(
                store, self.config, expected=len(wanted), cancel=self.cancel
            ).open()
        fetcher = self.pages

        def advance(page: PageOutcome, done: int, total: int) -> None:
            if self.page_progress is not None:
                self.page_progress(outcome, done, total)

        try:
            results = await fetcher.fetch(wanted, advance)
        except Exception:  # the fetcher's own bug: the feed's entries are saved regardless
            logger.exception("fetching the pages of source %s failed", outcome.source_id)
            results = []
        if self.cancel.is_set():
            return
        failures = [result for result in results if result.error]
        stored = sum(result.status == "stored" for result in results)
        self._report(
            replace(
                outcome,
                pages=stored,
                page_failures=len(failures),
                page_error=failures[0].error if failures else None,
                page_errors=tuple(result.error or "" for result in failures),
            )
        )

    async def _pages_done(self) -> None:
        """Wait for the full-text feeds' pages; on cancel, stop the fetches under way (their
        entries keep the summary and are fetched next time)."""
        pending = set(self.page_jobs)
        while pending and not self.cancel.is_set():
            _, pending = await asyncio.wait(pending, timeout=CANCEL_CHECK_SECONDS)
        for job in pending:
            job.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    def _report(self, outcome: FeedOutcome) -> None:
        self.outcomes.append(outcome)
        if self.progress is not None:
            self.progress(outcome, len(self.outcomes), self.total)

    async def _feeds(self, store: Store, feeds: list[FeedState]) -> None:
        now = int(time.time())
        due: dict[int, FeedState] = {}
        requests: list[FetchRequest] = []
        for state in feeds:
            if state.not_before is not None and state.not_before > now:
                self._report(_deferred(state))
                continue
            request = FetchRequest(state.location, state.etag, state.last_modified)
            due[id(request)] = state
            requests.append(request)
        if not requests:
            return
        pool = _parse_pool(len(requests))
        parsing: list[asyncio.Future[None]] = []
        try:
            # aclosing: on cancel, the client closes and unfinished fetches stop right here.
            async with contextlib.aclosing(fetch_all(requests, self.config)) as results:
                async for result in results:
                    if self.cancel.is_set():
                        break
                    state = due[id(result.request)]
                    if pool is not None and result.status is FetchStatus.FETCHED:
                        job = self._parse_then_save(pool, store, state, result)
                        parsing.append(asyncio.ensure_future(job))
                        continue
                    self._saved(
                        store,
                        _guarded(store, state, _apply_fetch, store, state, result, self.config),
                    )
            await asyncio.gather(*parsing)
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)

    async def _parse_then_save(
        self, pool: Executor, store: Store, state: FeedState, result: FetchResult
    ) -> None:
        """Parse a fetched feed in a worker process while others download, then save it here."""
        parsed: _Parsed | None = None
        failure: Exception | None = None
        try:
            # A few parses in flight at a time: each holds a copy of its body in the queue.
            async with self.parse_slots:
                parsed = await asyncio.get_running_loop().run_in_executor(
                    pool, _parse_fetched, result, state.title
                )
        except (BrokenExecutor, OSError, RuntimeError):
            parsed = None  # the pool is gone: parse here instead
        except Exception as error:  # the parser's own bug, met in the worker: this feed only
            failure = error
        if self.cancel.is_set():
            return
        now = int(time.time())
        if failure is not None:
            self._report(_guarded(store, state, _raise, failure))
            return
        self._saved(
            store,
            _guarded(store, state, _save_feed, store, state, result, self.config, now, parsed),
        )


def _guarded(
    store: Store, state: FeedState, step: Callable[..., FeedOutcome], *arguments: object
) -> FeedOutcome:
    """Run one source's step; any error fails that source alone, logged and reported."""
    try:
        return step(*arguments)
    except Exception as error:  # one source's surprise must not lose the others' work
        logger.exception("refreshing source %s (%s) failed", state.id, redact_url(state.location))
        line = f"{_error_line(error)} (details in the log)"
        try:
            return _record_failure(store, state, line, int(time.time()))
        except Exception:  # the store itself is failing (locked, disk full): report only
            logger.exception("recording the failure of source %s failed", state.id)
            return _outcome(state, OutcomeKind.FAILED, error=line)


def _raise(error: Exception) -> FeedOutcome:
    """A step that fails with an error met elsewhere (so `_guarded` logs and records it)."""
    raise error


def _error_line(error: BaseException) -> str:
    """One line for an error that escaped a source's refresh."""
    if isinstance(error, sqlite3.OperationalError):
        text = str(error).lower()
        if "full" in text:
            return "not saved: the disk is full"
        if "locked" in text or "busy" in text:
            return "not saved: the database is busy (another program is writing); try again"
    return f"unexpected {type(error).__name__}: {display_text(str(error))[:160]}"


def _outcome(
    state: FeedState,
    kind: OutcomeKind,
    *,
    added: int = 0,
    updated: int = 0,
    error: str | None = None,
    moved_to: str | None = None,
) -> FeedOutcome:
    return FeedOutcome(
        state.id, state.title, state.location, kind, added, updated, error=error, moved_to=moved_to
    )


def _deferred(state: FeedState) -> FeedOutcome:
    try:
        until = time.strftime("%H:%M", time.localtime(state.not_before))
    except (OverflowError, OSError, ValueError):
        until = "later"  # a stored time this platform cannot convert
    return _outcome(
        state, OutcomeKind.DEFERRED, error=f"skipped: the server asked us to wait until {until}"
    )


def _apply_fetch(
    store: Store, state: FeedState, result: FetchResult, config: Config
) -> FeedOutcome:
    """Save a fetch result: parse and store a body, or record the 304 or the error."""
    now = int(time.time())
    if result.status is FetchStatus.NOT_MODIFIED:
        store.record_fetch(
            state.id, FetchRecord(now, location=result.moved_to, keep_validators=True)
        )
        return _outcome(state, OutcomeKind.NOT_MODIFIED, moved_to=result.moved_to)
    if result.status is FetchStatus.FAILED:
        return _record_failure(store, state, result.error or "failed", now, result.retry_after)
    return _save_feed(store, state, result, config, now)


def _record_failure(
    store: Store, state: FeedState, error: str, now: int, retry_after: int | None = None
) -> FeedOutcome:
    logger.info("source %s (%s) failed: %s", state.id, redact_url(state.location), error)
    not_before = now + retry_after if retry_after else None
    record = FetchRecord(now, error=error, not_before=not_before, keep_validators=True)
    store.record_fetch(state.id, record)
    return _outcome(state, OutcomeKind.FAILED, error=error)


def _display_title(state: FeedState, parsed_title: str) -> str:
    """The stored title unless it is still the URL placeholder `add` gave it."""
    placeholders = {state.key, state.location, redact_url(state.key), redact_url(state.location)}
    if state.title and state.title not in placeholders:
        return state.title
    return parsed_title or state.title


CANCEL_CHECK_SECONDS = 0.2
"""How often a refresh waiting for pages looks whether it was cancelled (the app quits)."""
PARALLEL_FEEDS = 6
"""From this many feeds in one refresh on, they are parsed in worker processes (measured on an
idle 2-core machine, 200 feeds x 30 items: cold refresh 3.2 s, against 4.6 s in one process)."""


def _parse_pool(feed_count: int) -> Executor | None:
    """Worker processes for parsing, when the refresh is big enough to pay for starting them."""
    if feed_count < PARALLEL_FEEDS or (os.cpu_count() or 1) < 2:
        return None
    from newsreader.processes import process_pool

    try:
        return process_pool()
    except OSError:
        logger.warning("cannot start worker processes; parsing feeds here", exc_info=True)
        return None


@dataclass(frozen=True, slots=True)
class _Parsed:
    """A fetched feed read and its articles encoded for the store (`plain_rows`): a worker
    hands the writer strings (a document unpickled cost the event loop 53 us an article)."""

    title: str
    articles: Sequence[PlainRow]
    errors: list[str]
    site_url: str


def _parse_fetched(result: FetchResult, fallback_title: str) -> _Parsed:
    """Parse a fetched body (in a worker process or here), with its headers and final URL."""
    source = FeedSource(
        result.final_url or result.request.url,
        content_type=result.content_type_header,
        content_location=result.content_location,
        fallback_title=fallback_title,
    )
    feed = read_feed(result.body, source)
    return _Parsed(feed.title, plain_rows(feed.articles), feed.errors, feed.site_url)


def _save_feed(
    store: Store,
    state: FeedState,
    result: FetchResult,
    config: Config,
    now: int,
    parsed: _Parsed | None = None,
) -> FeedOutcome:
    location = result.moved_to or state.location
    try:
        if parsed is None:
            parsed = _parse_fetched(
                replace(result, final_url=result.final_url or location), state.title
            )
        title, errors = parsed.title, parsed.errors
        articles = from_plain_rows(parsed.articles)
    except (RecursionError, MemoryError, ValueError, TypeError) as error:
        # The parsers report bad documents as error lines; this is for their own bugs.
        logger.exception("parsing source %s (%s) failed", state.id, redact_url(location))
        failure = f"cannot parse: {type(error).__name__}: {clean_line(str(error))[:160]}"
        return _record_failure(store, state, failure, now)
    if not articles:
        return _record_failure(store, state, _without_location(errors, result), now)
    draft = SourceDraft(state.key, _display_title(state, title), location, encoded=articles)
    saved = store.save_source(draft, kind=FEED_KIND)
    # Entries skipped past the cap, a wrong charset declaration, one broken entry: the feed
    # is saved, and the line stays beside it in `feeds` and the refresh summary.
    warning = "; ".join(_without_location([line], result) for line in errors) or None
    record = FetchRecord(
        now,
        result.etag,
        result.last_modified,
        location=result.moved_to,
        error=warning,
        saved=True,
        site_url=parsed.site_url or None,
    )
    store.record_fetch(state.id, record)
    removed = store.drop_old_articles(
        state.id,
        **_retention(store, state.id, config),
        current_guids={article.guid for article in articles},
    )
    return FeedOutcome(
        state.id,
        draft.title,
        location,
        OutcomeKind.SAVED,
        saved.added,
        saved.updated,
        removed,
        error=warning,
        moved_to=result.moved_to,
    )


def _without_location(errors: list[str], result: FetchResult) -> str:
    """The parser's error line without the URL prefix (the feed list shows the URL already)."""
    line = errors[0] if errors else "no entries"
    prefix = f"{result.final_url}: "
    return clean_line(line[len(prefix) :] if line.startswith(prefix) else line)


def _due(store: Store, states: list[FeedState], now: int) -> list[FeedState]:
    """The sources a refresh of everything fetches: not paused, and not refreshed within
    their own refresh interval (per-feed settings; unset: every time)."""
    settings = store.all_feed_settings()
    return [state for state in states if _is_due(settings.get(state.id), now)]


def _is_due(own: FeedSettings | None, now: int) -> bool:
    if own is None:
        return True
    if own.paused:
        return False
    waited = own.refreshed_at is None or now >= own.refreshed_at + (own.refresh_minutes or 0) * 60
    return waited


def _retention(store: Store, source_id: int, config: Config) -> dict[str, int]:
    """keep_days and keep_per_feed for one feed: its own settings, else the config's."""
    own = store.feed_settings(source_id)
    keep_days = own.keep_days if own is not None and own.keep_days is not None else None
    keep_per_feed = own.keep_per_feed if own is not None else None
    return {
        "keep_days": config.keep_days if keep_days is None else keep_days,
        "keep_per_feed": config.keep_per_feed if keep_per_feed is None else keep_per_feed,
    }


def _rescan_local(
    store: Store, state: FeedState, progress: FilesProgress | None = None
) -> FeedOutcome:
    """Reload a local file or folder, keeping its key, title and location."""
    from newsreader.services.library import save_local

    try:
        saved = save_local(
            store,
            Path(state.location),
            key=state.key,
            title=state.title,
            location=state.location,
            kind=state.kind,
            progress=progress,
        )
    except OSError as error:
        now = int(time.time())
        return _record_failure(store, state, f"cannot read: {error.strerror or error}", now)
    return _outcome(
        state,
        OutcomeKind.SAVED,
        added=saved.added,
        updated=saved.updated,
        error="; ".join(saved.errors) or None,
    )
