"""Full text for summary-only feeds: fetch each entry's page, extract its main text, store it.

Fetching is polite and bounded: the feeds' own limits (size cap, total deadline, redirect
limit, User-Agent; see `newsreader.sources.fetch.fetch_page`), at most `PER_HOST` requests
to one host at a time, a conditional GET when a stored page is asked for again, and no fetch
for an entry whose page was fetched (or failed) already. Only http and https links are
followed, and a redirect to another scheme stops the fetch.

Extraction (`newsreader.ingest.pages`, trafilatura) is CPU work: from `PARALLEL_PAGES` pages
on it runs in worker processes while other pages download; fewer run here. A failed page
leaves the feed's summary as the body and one line in `pages.error`, shown beside the feed in
`newsreader feeds` and in the article view.

Blocking entry points (`fetch_pages`, `fetch_article_page`) run their own event loop: call
them from a worker thread. `PageFetcher` is the async core that `sources.refresh` shares.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import BrokenExecutor, Executor
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

import httpx

from newsreader.config import Config
from newsreader.ingest.pages import PageText, page_text, without_title
from newsreader.links import redact_url
from newsreader.sources.fetch import (
    FetchLimits,
    FetchRequest,
    FetchResult,
    FetchStatus,
    fetch_page,
    make_client,
)
from newsreader.store import Store
from newsreader.store.pages import PAGE_NOT_FETCHED, PageWanted

__all__ = [
    "PER_HOST",
    "PageFetcher",
    "PageOutcome",
    "PageStatus",
    "PagesSummary",
    "fetch_article_page",
    "fetch_pages",
]

logger = logging.getLogger(__name__)

PER_HOST = 2
"""Most page requests in flight to one host: a feed's 50 new entries all live on its site."""
PARALLEL_PAGES = 8
"""From this many pages in one run on, extraction runs in worker processes."""
IN_FLIGHT_PER_CONNECTION = 2
"""Pages downloaded or being extracted at once, per connection: bounds the bodies held."""
NO_LINK = "no link to a web page"
"""The failure line of an entry without a link (its summary is all there is)."""
REFUSED_LINK = "link refused: not an http(s) link"
"""The failure line of an entry whose link is not http(s) (`file:`, `ftp:`...): never asked
for; the link stays stored and shown as text."""
_WEB_SCHEMES = ("http", "https")
PAGES_PER_FEED = 100
"""Most pages one refresh fetches for one feed (the newest entries): turning full text on
for a feed with years of stored entries does not fetch years of pages at once."""


class PageStatus(StrEnum):
    """How one page fetch ended."""

    STORED = "stored"
    """The page's main text is now the body."""
    NOT_MODIFIED = "not-modified"
    """304: the stored page text is current."""
    FAILED = "failed"
    """The summary stays; `error` says why."""
    SKIPPED = "skipped"
    """Not asked for: the run was stopped first (the page waits for the next run)."""
    NO_PAGE = "no-page"
    """The article has no web link at all (a local file's, or an entry without one)."""


@dataclass(frozen=True, slots=True)
class PageOutcome:
    """What fetching one entry's page did."""

    article_id: int
    source_id: int
    status: PageStatus
    error: str | None = None
    page_kept: bool = False
    """For a failed fetch: the body stays the page's text stored by an earlier fetch (the
    summary otherwise)."""
    url: str = ""
    """The link asked for (or refused)."""


@dataclass(frozen=True, slots=True)
class PagesSummary:
    """Every page handled in one run."""

    outcomes: tuple[PageOutcome, ...]

    @property
    def fetched(self) -> int:
        """Pages whose text was stored."""
        return sum(outcome.status is PageStatus.STORED for outcome in self.outcomes)

    @property
    def failed(self) -> int:
        """Pages that failed (their summaries stay)."""
        return sum(outcome.status is PageStatus.FAILED for outcome in self.outcomes)


PageProgress = Callable[[PageOutcome, int, int], None]
"""Called with (outcome, pages done so far, pages in the run) after each page."""


class PageFetcher:
    """One run's page fetching: an HTTP client, per-host slots, extraction workers.

    Use as `async with PageFetcher(store, config) as fetcher: await fetcher.fetch(pages)`, in
    the thread that owns `store`.
    """

    def __init__(
        self,
        store: Store,
        config: Config,
        *,
        expected: int = 0,
        cancel: threading.Event | None = None,
    ) -> None:
        """Prepare a run (nothing is opened until `open` or `async with`).

        Args:
            store: Where pages are stored (this thread's connection).
            config: Connection count, deadline and size cap (the feeds' own limits).
            expected: Pages the run will probably fetch; workers start from PARALLEL_PAGES.
            cancel: When set, pages not yet asked for are skipped (and stay wanted).
        """
        self.store = store
        self.cancel = cancel or threading.Event()
        self.config = config
        self.limits = FetchLimits.from_config(config)
        self.expected = expected
        self._client: httpx.AsyncClient | None = None
        self._hosts: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(PER_HOST)
        )
        self._slots = asyncio.Semaphore(max(1, config.max_connections))
        self._in_flight = asyncio.Semaphore(
            max(1, config.max_connections) * IN_FLIGHT_PER_CONNECTION
        )
        self._pool: Executor | None = None
        self._pool_tried = False

    def open(self) -> PageFetcher:
        """Open the HTTP client (`close` closes it and the workers)."""
        if self._client is None:
            self._client = make_client(self.config)
        return self

    async def close(self) -> None:
        """Close the client and stop the extraction workers."""
        if self._client is not None:
            await self._client.aclose()
            self._client = None
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    async def __aenter__(self) -> PageFetcher:
        return self.open()

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self.close()

    async def fetch(
        self, pages: Sequence[PageWanted], progress: PageProgress | None = None
    ) -> list[PageOutcome]:
        """Fetch, extract and store these pages, several at a time; never raises for a page.

        Returns:
            One outcome per page, in the order they finished.
        """
        if len(pages) + self.expected >= PARALLEL_PAGES:
            self._start_pool()
        outcomes: list[PageOutcome] = []
        for job in asyncio.as_completed([self._one(page) for page in pages]):
            outcome = await job
            outcomes.append(outcome)
            if progress is not None:
                progress(outcome, len(outcomes), len(pages))
        return outcomes

    def _start_pool(self) -> None:
        if self._pool_tried:
            return
        self._pool_tried = True
        from newsreader.processes import process_pool

        try:
            self._pool = process_pool()
        except OSError:
            logger.warning("cannot start worker processes; extracting pages here", exc_info=True)

    async def _one(self, page: PageWanted) -> PageOutcome:
        """One page: fetch within its host's slots, extract, store; failures are recorded."""
        if not page.url:
            return self._failed(page, NO_LINK)
        if _scheme(page.url) not in _WEB_SCHEMES:
            return self._failed(page, REFUSED_LINK)  # never requested, whatever the scheme
        try:
            async with self._in_flight:
                if self.cancel.is_set():
                    return PageOutcome(page.article_id, page.source_id, PageStatus.SKIPPED)
                result = await self._download(page)
                return await self._store(page, result)
        except Exception as error:  # one page's surprise must not lose the others
            logger.exception(
                "page of article %s (%s) failed", page.article_id, redact_url(page.url)
            )
            line = f"unexpected {type(error).__name__} (details in the log)"
            return self._failed(page, line)

    async def _download(self, page: PageWanted) -> FetchResult:
        assert self._client is not None, "use PageFetcher in `async with`"
        host = (urlsplit(page.url).hostname or "").lower()
        request = FetchRequest(page.url, page.etag, page.last_modified)
        async with self._hosts[host], self._slots:
            return await fetch_page(self._client, request, self.limits)

    async def _store(self, page: PageWanted, result: FetchResult) -> PageOutcome:
        now = int(time.time())
        if result.status is FetchStatus.NOT_MODIFIED:
            self.store.record_page_fetch(page, fetched_at=now)
            return PageOutcome(page.article_id, page.source_id, PageStatus.NOT_MODIFIED)
        if result.status is FetchStatus.FAILED:
            return self._failed(page, f"{PAGE_NOT_FETCHED}{result.error or 'failed'}")
        text = await self._extract(result)
        document = without_title(text.document, page.title)
        if not document.blocks:
            return self._failed(page, "page fetched, but it holds no readable text")
        saved = self.store.save_page(
            page,
            document,
            fetched_at=now,
            etag=result.etag,
            last_modified=result.last_modified,
        )
        if not saved:  # the article went (retention) while its page was on the way
            return PageOutcome(page.article_id, page.source_id, PageStatus.FAILED, "gone")
        return PageOutcome(page.article_id, page.source_id, PageStatus.STORED)

    async def _extract(self, result: FetchResult) -> PageText:
        """The page's main text, in a worker process when there is a pool."""
        arguments = (
            result.body,
            result.final_url or result.request.url,
            result.content_type_header,
        )
        if self._pool is not None:
            try:
                return await asyncio.get_running_loop().run_in_executor(
                    self._pool, page_text, *arguments
                )
            except (BrokenExecutor, OSError, RuntimeError):
                logger.warning("extraction workers are gone; extracting pages here", exc_info=True)
                self._pool = None
        return page_text(*arguments)

    def _failed(self, page: PageWanted, line: str) -> PageOutcome:
        try:
            self.store.record_page_fetch(page, fetched_at=int(time.time()), error=line)
        except Exception:  # the store itself is failing: the outcome still says why
            logger.exception("recording the page failure of article %s failed", page.article_id)
        return PageOutcome(page.article_id, page.source_id, PageStatus.FAILED, line, url=page.url)


def _scheme(url: str) -> str:
    try:
        return urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""


def fetch_pages(
    database: Path,
    source_ids: Sequence[int] | None = None,
    config: Config | None = None,
    progress: PageProgress | None = None,
) -> PagesSummary:
    """Fetch the pages of every entry of full-text feeds that has none yet (blocking).

    Args:
        database: The SQLite file (a connection of this call's own is opened and closed).
        source_ids: Only these feeds (None: every feed set to full text).
        config: Limits (defaults when None).
        progress: Called after each page, on this thread.

    Returns:
        One outcome per page.
    """
    config = config or Config()

    async def run(store: Store) -> list[PageOutcome]:
        wanted = store.pages_wanted(source_ids, per_source=PAGES_PER_FEED)
        async with PageFetcher(store, config) as fetcher:
            return await fetcher.fetch(wanted, progress)

    store = Store(database)
    try:
        return PagesSummary(tuple(asyncio.run(run(store))))
    finally:
        store.close()


def fetch_article_page(
    database: Path, article_id: int, config: Config | None = None
) -> PageOutcome:
    """Fetch one article's page now (the app's fetch key), whatever its feed's setting.

    A page stored before is asked for with a conditional GET; a 304 keeps it.

    Returns:
        The outcome; NO_PAGE when the article has no link, FAILED with REFUSED_LINK (and
        `url`, never requested) when its link is not http(s).
    """
    config = config or Config()
    store = Store(database)
    try:
        page = store.page_request(article_id)
        if page is None:
            source_id = store.source_of(article_id) or 0
            return PageOutcome(article_id, source_id, PageStatus.NO_PAGE, NO_LINK)

        async def run() -> list[PageOutcome]:
            async with PageFetcher(store, config) as fetcher:
                return await fetcher.fetch([page])

        before = store.page_state(article_id)
        outcome = asyncio.run(run())[0]
        if outcome.status is PageStatus.FAILED and before is not None and before.from_page:
            return replace(outcome, page_kept=True)
        return outcome
    finally:
        store.close()
