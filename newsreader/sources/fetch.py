"""Fetching feed documents over HTTP, politely and with hard bounds.

Every feed gets a total deadline (connect, redirects and body together), a cap on the
*decoded* body size (decompression is done here, in bounded steps, so a gzip bomb stops at the
cap instead of filling memory), at most five redirects, and conditional GET from the validators
stored last time. Failures come back as one clear line in `FetchResult.error`, never as an
exception, so one broken feed never stops the others.
"""

from __future__ import annotations

import asyncio
import logging
import time
import zlib
from collections.abc import AsyncGenerator, Iterable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from enum import StrEnum

import brotli
import httpx

from newsreader import __version__
from newsreader.config import Config
from newsreader.links import display_text
from newsreader.sources.bounded import BodyRefused, BoundedDecoder
from newsreader.subscriptions import feed_url_problem
from newsreader.text import clean_line

__all__ = [
    "FetchLimits",
    "FetchRequest",
    "FetchResult",
    "FetchStatus",
    "fetch_all",
    "fetch_feed",
    "fetch_page",
    "make_client",
    "retry_after_seconds",
]

logger = logging.getLogger(__name__)
USER_AGENT = f"newsreader/{__version__}"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
MAX_REDIRECTS = 5
DEFAULT_RETRY_AFTER_429 = 600
"""Seconds to wait after a 429 that names no Retry-After."""
MAX_RETRY_AFTER = 7 * 86_400
UNCONSUMED_PER_CONNECTION = 2
"""Fetched bodies that may wait for the caller, per connection: bounds memory, keeps it busy."""
_PERMANENT_REDIRECTS = frozenset({301, 308})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_NOT_FEED_TYPES = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip")
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body")
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"


class FetchStatus(StrEnum):
    """How a fetch ended."""

    FETCHED = "fetched"
    """A body came back and should be parsed."""
    NOT_MODIFIED = "not-modified"
    """304: nothing new since the stored validators."""
    FAILED = "failed"
    """Nothing usable; `FetchResult.error` says why."""


@dataclass(frozen=True, slots=True)
class FetchRequest:
    """One feed to fetch, with the validators stored after its last successful fetch."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """Bounds on one fetch."""

    total_seconds: float = 15.0
    """Deadline for the whole fetch: connect, every redirect and the body."""
    max_bytes: int = 20 * 1024 * 1024
    """Largest decoded body accepted."""
    max_redirects: int = MAX_REDIRECTS

    @classmethod
    def from_config(cls, config: Config) -> FetchLimits:
        """The limits the user configured."""
        return cls(config.fetch_timeout_seconds, config.max_feed_megabytes * 1024 * 1024)


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What came back for one feed."""

    request: FetchRequest
    status: FetchStatus
    body: bytes = b""
    final_url: str = ""
    """The URL the body came from, after redirects."""
    moved_to: str | None = None
    """Where the feed now lives when every redirect on the way was permanent (301/308); set
    for FETCHED and NOT_MODIFIED."""
    etag: str | None = None
    last_modified: str | None = None
    retry_after: int | None = None
    """Seconds the server asked us to wait (429/503)."""
    error: str | None = None
    """One line saying what went wrong, for FAILED."""
    content_type: str = ""
    """The media type alone, lower case (`application/rss+xml`)."""
    content_type_header: str = ""
    """The whole `Content-Type` header, charset included, for the charset rules."""
    content_location: str = ""
    """The `Content-Location` header, a base for relative links."""


class _FetchError(Exception):
    """A fetch that cannot succeed; the message is the error line."""

    def __init__(self, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def make_client(config: Config) -> httpx.AsyncClient:
    """An HTTP client for feed fetching: our User-Agent, no automatic redirects or decoding.

    Concurrency is bounded by `fetch_all`'s semaphore, so the pool itself never makes a feed
    wait (a wait there would eat into that feed's deadline).
    """
    seconds = config.fetch_timeout_seconds
    return httpx.AsyncClient(
        headers={
            "User-Agent": USER_AGENT,
            "Accept": ACCEPT,
            "Accept-Encoding": "gzip, deflate, br",
        },
        timeout=httpx.Timeout(seconds, connect=min(seconds, 10.0), pool=None),
        limits=httpx.Limits(
            max_connections=config.max_connections,
            max_keepalive_connections=config.max_connections,
        ),
        follow_redirects=False,
    )


def retry_after_seconds(value: str | None, now: float | None = None) -> int | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date), clamped.

    Args:
        value: The header value, if any.
        now: Unix seconds for "now" (defaults to the clock).

    Returns:
        Whole seconds between 0 and a week, or None when the header is absent or unreadable.
    """
    if not value:
        return None
    value = value.strip()[:100]
    if value.isascii() and value.isdigit():  # not `²` or `٣`: str.isdigit takes those
        return min(int(value), MAX_RETRY_AFTER)
    if not value.isascii():
        return None
    try:
        moment = parsedate_to_datetime(value)
        seconds = moment.timestamp() - (time.time() if now is None else now)
    except (TypeError, ValueError, IndexError, OverflowError, OSError):
        return None
    return max(0, min(int(seconds), MAX_RETRY_AFTER))


def _conditional_headers(request: FetchRequest) -> dict[str, str]:
    headers = {}
    if request.etag:
        headers["If-None-Match"] = request.etag
    if request.last_modified:
        headers["If-Modified-Since"] = request.last_modified
    return headers


async def fetch_feed(
    client: httpx.AsyncClient, request: FetchRequest, limits: FetchLimits
) -> FetchResult:
    """Fetch one feed within its deadline; never raises for network or server trouble.

    Args:
        client: A client from `make_client`.
        request: The URL and stored validators.
        limits: Deadline, size cap and redirect limit.

    Returns:
        The body (FETCHED), NOT_MODIFIED for a 304, or FAILED with a one-line error.
    """
    problem = feed_url_problem(request.url)
    if problem is not None:
        return _failed(request, problem)
    try:
        async with asyncio.timeout(limits.total_seconds):
            return await _follow_redirects(client, request, limits)
    except _FetchError as error:
        return _failed(request, str(error), error.retry_after)
    except Exception as error:  # one feed's surprise must not end everyone's refresh
        return _failed(request, _describe(_first_cause(error), limits))


async def fetch_page(
    client: httpx.AsyncClient, request: FetchRequest, limits: FetchLimits
) -> FetchResult:
    """Fetch an entry's web page within the same bounds as a feed; never raises.

    Only http and https are requested, and a redirect to any other scheme (`file:`, `ftp:`,
    `javascript:`) ends the fetch before anything is requested from it.

    Args:
        client: A client from `make_client` (the page's own `Accept` is sent per request).
        request: The page URL and the validators stored from its last fetch.
        limits: Deadline, size cap and redirect limit (the feeds' own).

    Returns:
        The HTML (FETCHED), NOT_MODIFIED for a 304, or FAILED with a one-line error (a status
        that is not a page, a body that is not HTML, a size or time limit passed).
    """
    problem = feed_url_problem(request.url)
    if problem is not None:
        return _failed(request, problem)
    try:
        async with asyncio.timeout(limits.total_seconds):
            return await _follow_redirects(client, request, limits, page=True)
    except _FetchError as error:
        return _failed(request, str(error), error.retry_after)
    except Exception as error:  # one page's surprise must not end the others' fetches
        return _failed(request, _describe(_first_cause(error), limits))


def _first_cause(error: BaseException) -> BaseException:
    """The first real error inside exception groups (a task group in the connection code)."""
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        error = error.exceptions[0]
    return error


def _describe(error: BaseException, limits: FetchLimits) -> str:
    """One line for a failed fetch."""
    if isinstance(error, TimeoutError | httpx.TimeoutException):
        return f"timed out after {limits.total_seconds:g} s"
    if isinstance(error, _FetchError | BodyRefused):
        return str(error)
    if isinstance(error, httpx.ConnectError):
        return f"cannot connect: {_reason(error)}"
    if isinstance(error, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return f"invalid URL: {_reason(error)}"
    if isinstance(error, httpx.HTTPError):
        return f"network error: {_reason(error)}"
    if isinstance(error, zlib.error | brotli.error):
        return f"corrupt compressed body ({_reason(error)})"
    if isinstance(error, OverflowError) or (
        isinstance(error, ValueError) and "port" in str(error).lower()
    ):
        return "invalid URL: port out of range"
    logger.warning("unexpected fetch error", exc_info=error)
    return f"unexpected {type(error).__name__}: {_reason(error)}"


def _reason(error: BaseException) -> str:
    return display_text(str(error))[:160] or type(error).__name__


def _failed(request: FetchRequest, message: str, retry_after: int | None = None) -> FetchResult:
    return FetchResult(request, FetchStatus.FAILED, error=message, retry_after=retry_after)


async def _follow_redirects(
    client: httpx.AsyncClient, request: FetchRequest, limits: FetchLimits, *, page: bool = False
) -> FetchResult:
    """GET the URL, following up to `max_redirects` redirects by hand."""
    url, all_permanent, visited = request.url, True, {request.url}
    headers = _conditional_headers(request)
    if page:
        headers["Accept"] = PAGE_ACCEPT
    for _hop in range(limits.max_redirects + 1):
        async with client.stream("GET", url, headers=headers) as response:
            target = _redirect_target(response)
            if target is None:
                moved_to = url if all_permanent and url != request.url else None
                return await _read_response(request, response, limits, moved_to, page=page)
        if target in visited:
            raise _FetchError(f"redirect loop ({display_text(url)} -> {display_text(target)})")
        all_permanent = all_permanent and response.status_code in _PERMANENT_REDIRECTS
        visited.add(target)
        url = target
    raise _FetchError(f"more than {limits.max_redirects} redirects")


def _redirect_target(response: httpx.Response) -> str | None:
    """The absolute URL a redirect points to, or None when the response is not a redirect."""
    if response.status_code not in _REDIRECTS:
        return None
    location = response.headers.get("location")
    if not location:
        raise _FetchError(f"HTTP {response.status_code} redirect without a Location")
    try:
        target = str(response.url.join(location))
    except (httpx.InvalidURL, ValueError) as error:
        raise _FetchError(f"redirect to an invalid URL ({_reason(error)})") from None
    problem = feed_url_problem(target)
    if problem is not None and not target.lower().startswith(("http://", "https://")):
        raise _FetchError(f"redirect to a non-HTTP URL ({display_text(target)[:100]})")
    if problem is not None:
        raise _FetchError(f"redirect to {display_text(target)[:100]}: {problem}")
    return target


async def _read_response(
    request: FetchRequest,
    response: httpx.Response,
    limits: FetchLimits,
    moved_to: str | None,
    *,
    page: bool = False,
) -> FetchResult:
    """Turn a final (non-redirect) response into a result (a feed's, or a page's)."""
    status = response.status_code
    if status == 304:
        return FetchResult(
            request, FetchStatus.NOT_MODIFIED, final_url=str(response.url), moved_to=moved_to
        )
    if status >= 400 or status < 200:
        raise _status_error(response)
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    # Servers label pages loosely (text/plain, octet-stream): only media is refused here.
    if content_type.startswith(_NOT_FEED_TYPES):
        what = "a web page" if page else "a feed"
        raise _FetchError(f"wrong content type {clean_line(content_type)[:60]}, not {what}")
    body = await _read_body(response, limits.max_bytes, "page" if page else "feed")
    if page and not body.strip():
        raise _FetchError("empty page")
    if not page:
        _check_body(body)
    return FetchResult(
        request,
        FetchStatus.FETCHED,
        body=body,
        final_url=str(response.url),
        moved_to=moved_to,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        content_type=content_type,
        content_type_header=response.headers.get("content-type", "")[:200],
        content_location=response.headers.get("content-location", "")[:2048],
    )


def _status_error(response: httpx.Response) -> _FetchError:
    status = response.status_code
    line = f"HTTP {status} {clean_line(response.reason_phrase)}".strip()
    if status == 410:
        return _FetchError(f"{line}: the feed was removed for good; unsubscribe from it")
    if status in (429, 503):
        wait = retry_after_seconds(response.headers.get("retry-after"))
        if wait is None and status == 429:
            wait = DEFAULT_RETRY_AFTER_429
        if wait is not None:
            return _FetchError(f"{line}; the server asked to wait {wait} s", wait)
    return _FetchError(line)


def _check_body(body: bytes) -> None:
    """Refuse bodies that cannot be a feed before the parser sees them."""
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head:
        raise _FetchError("empty body")
    if head.startswith(_HTML_STARTS):
        raise _FetchError("an HTML page, not a feed")


async def _read_body(response: httpx.Response, max_bytes: int, what: str = "feed") -> bytes:
    """The decoded body, stopping as soon as it grows past `max_bytes`."""
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    decoder = BoundedDecoder(encoding, max_bytes, what)
    async for raw in response.aiter_raw():
        decoder.feed(raw)
    return decoder.finish()


async def fetch_all(
    requests: Iterable[FetchRequest],
    config: Config,
) -> AsyncGenerator[FetchResult, None]:
    """Fetch many feeds, at most `config.max_connections` at a time, yielding as each ends.

    A feed's deadline starts when it gets a connection slot, so a queue of slow feeds never
    eats into the time of those waiting behind them.

    Args:
        requests: The feeds to fetch.
        config: Concurrency, deadline and size settings.

    Yields:
        One result per request, in completion order.
    """
    limits = FetchLimits.from_config(config)
    connections = max(1, config.max_connections)
    slots = asyncio.Semaphore(connections)
    # Fetching outruns parsing; without a window every fetched body would wait in memory.
    window = asyncio.Semaphore(connections * UNCONSUMED_PER_CONNECTION)
    async with make_client(config) as client:

        async def fetch_one(request: FetchRequest) -> FetchResult:
            await window.acquire()
            async with slots:
                return await fetch_feed(client, request, limits)

        # Finished tasks leave `running` at once and are handed over through a queue: holding
        # them anywhere (asyncio.as_completed keeps its argument) would keep every body alive.
        running: set[asyncio.Future[FetchResult]] = set()
        finished: asyncio.Queue[asyncio.Future[FetchResult]] = asyncio.Queue()
        for request in requests:
            task = asyncio.ensure_future(fetch_one(request))
            running.add(task)
            task.add_done_callback(running.discard)
            task.add_done_callback(finished.put_nowait)
        try:
            for _ in range(len(running)):
                result = (await finished.get()).result()
                yield result
                window.release()
        finally:
            for unfinished in list(running):
                unfinished.cancel()
