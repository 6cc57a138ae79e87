"""Fetching against a real HTTP server on 127.0.0.1: statuses, validators, hostile bodies."""

from __future__ import annotations

import asyncio
import resource
import time
from collections.abc import Iterator

import pytest

from newsreader import __version__
from newsreader.config import Config
from newsreader.sources.fetch import (
    FetchRequest,
    FetchResult,
    FetchStatus,
    fetch_all,
    retry_after_seconds,
)
from tests.feedserver import (
    FeedServer,
    Route,
    endless,
    gzip_bomb,
    gzipped,
    redirect,
    rss,
    send,
    serving,
    slow_loris,
    stall,
    static,
    with_validators,
)

FEED = rss("Harbour Gazette", [("a1", "Bridge reopens", "<p>The bridge reopens.</p>")])
CONFIG = Config(fetch_timeout_seconds=1.0, max_feed_megabytes=2, max_connections=8)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from serving()


def fetch(server: FeedServer, path: str, **validators: str) -> FetchResult:
    request = FetchRequest(server.url(path), **validators)

    async def run() -> list[FetchResult]:
        return [result async for result in fetch_all([request], CONFIG)]

    (result,) = asyncio.run(run())
    return result


def test_200_returns_the_body_and_validators_with_our_user_agent(server: FeedServer) -> None:
    server.routes["/feed"] = with_validators(FEED, etag='"v1"', last_modified=None)
    result = fetch(server, "/feed")
    assert result.status is FetchStatus.FETCHED
    assert result.body == FEED and result.etag == '"v1"'
    assert server.headers_for("/feed")[0]["user-agent"] == f"newsreader/{__version__}"


def test_304_with_etag_sends_if_none_match(server: FeedServer) -> None:
    server.routes["/feed"] = with_validators(FEED, etag='"v1"', last_modified=None)
    result = fetch(server, "/feed", etag='"v1"')
    assert result.status is FetchStatus.NOT_MODIFIED and result.body == b""
    assert server.headers_for("/feed")[0]["if-none-match"] == '"v1"'


def test_304_with_last_modified_sends_if_modified_since(server: FeedServer) -> None:
    stamp = "Mon, 12 Oct 2026 10:00:00 GMT"
    server.routes["/feed"] = with_validators(FEED, etag=None, last_modified=stamp)
    assert fetch(server, "/feed").last_modified == stamp
    assert fetch(server, "/feed", last_modified=stamp).status is FetchStatus.NOT_MODIFIED
    assert server.headers_for("/feed")[1]["if-modified-since"] == stamp


@pytest.mark.parametrize("status", [301, 308])
def test_permanent_redirect_reports_the_new_url(server: FeedServer, status: int) -> None:
    server.routes["/old"] = redirect(status, "/new")
    server.routes["/new"] = static(FEED)
    result = fetch(server, "/old")
    assert result.status is FetchStatus.FETCHED
    assert result.moved_to == server.url("/new")


def test_temporary_redirect_keeps_the_url(server: FeedServer) -> None:
    server.routes["/old"] = redirect(302, "/new")
    server.routes["/new"] = static(FEED)
    result = fetch(server, "/old")
    assert result.status is FetchStatus.FETCHED and result.moved_to is None


def test_redirect_loop_and_long_chain_fail_clearly(server: FeedServer) -> None:
    server.routes["/a"] = redirect(302, "/b")
    server.routes["/b"] = redirect(302, "/a")
    for hop in range(8):
        server.routes[f"/hop{hop}"] = redirect(302, f"/hop{hop + 1}")
    assert "redirect loop" in (fetch(server, "/a").error or "")
    assert "more than 5 redirects" in (fetch(server, "/hop0").error or "")


@pytest.mark.parametrize(
    ("status", "expected"),
    [(404, "HTTP 404 Not Found"), (410, "removed for good"), (500, "HTTP 500")],
)
def test_error_statuses_give_one_line(server: FeedServer, status: int, expected: str) -> None:
    server.routes["/feed"] = static(b"oops", "text/plain", status=status)
    result = fetch(server, "/feed")
    assert result.status is FetchStatus.FAILED
    assert expected in (result.error or "") and "\n" not in (result.error or "")


def test_429_with_retry_after_reports_the_wait(server: FeedServer) -> None:
    server.routes["/feed"] = lambda handler: send(handler, 429, headers={"Retry-After": "120"})
    result = fetch(server, "/feed")
    assert result.status is FetchStatus.FAILED and result.retry_after == 120
    assert "429" in (result.error or "")


def test_retry_after_accepts_http_dates_and_clamps() -> None:
    assert retry_after_seconds("Thu, 01 Jan 1970 00:02:00 GMT", now=60) == 60
    assert retry_after_seconds("99999999") == 7 * 86_400
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_a_stalled_server_times_out_at_the_deadline(server: FeedServer) -> None:
    server.routes["/feed"] = stall(server)
    started = time.monotonic()
    result = fetch(server, "/feed")
    assert "timed out" in (result.error or "")
    assert time.monotonic() - started < 10


def test_slow_loris_body_is_bounded_by_the_total_deadline(server: FeedServer) -> None:
    server.routes["/feed"] = slow_loris(server)
    started = time.monotonic()
    assert "timed out" in (fetch(server, "/feed").error or "")
    assert time.monotonic() - started < 10


def test_gzip_body_is_decoded(server: FeedServer) -> None:
    server.routes["/feed"] = gzipped(FEED)
    assert fetch(server, "/feed").body == FEED


def test_gzip_bomb_stops_at_the_cap_with_bounded_memory(server: FeedServer) -> None:
    server.routes["/feed"] = gzip_bomb(200)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = fetch(server, "/feed")
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert result.status is FetchStatus.FAILED and "larger than 2 MB" in (result.error or "")
    assert grown_kib < 64 * 1024


def test_endless_body_stops_at_the_cap(server: FeedServer) -> None:
    server.routes["/feed"] = endless(server)
    assert "larger than 2 MB" in (fetch(server, "/feed").error or "")


def test_oversized_plain_body_stops_at_the_cap(server: FeedServer) -> None:
    server.routes["/feed"] = static(FEED + b" " * (3 * 1024 * 1024))
    assert "larger than 2 MB" in (fetch(server, "/feed").error or "")


def test_html_page_and_empty_body_are_refused(server: FeedServer) -> None:
    server.routes["/html"] = static(b"<!DOCTYPE html><html><body>Log in</body></html>", "text/html")
    server.routes["/empty"] = static(b"")
    server.routes["/blank"] = static(b"  \n ")
    assert fetch(server, "/html").error == "an HTML page, not a feed"
    assert fetch(server, "/empty").error == "empty body"
    assert fetch(server, "/blank").error == "empty body"


def test_a_feed_served_as_text_plain_is_accepted(server: FeedServer) -> None:
    server.routes["/feed"] = static(FEED, "text/plain; charset=us-ascii")
    assert fetch(server, "/feed").status is FetchStatus.FETCHED


def test_an_image_content_type_is_refused(server: FeedServer) -> None:
    server.routes["/feed"] = static(b"\x89PNG\r\n", "image/png")
    assert "wrong content type image/png" in (fetch(server, "/feed").error or "")


def test_connection_refused_is_one_line() -> None:
    request = FetchRequest("http://127.0.0.1:9/feed")

    async def run() -> list[FetchResult]:
        return [result async for result in fetch_all([request], CONFIG)]

    (result,) = asyncio.run(run())
    assert result.status is FetchStatus.FAILED and "cannot connect" in (result.error or "")


def test_brotli_and_deflate_bodies_are_decoded(server: FeedServer) -> None:
    import zlib

    import brotli

    def encoded(data: bytes, encoding: str) -> Route:
        return lambda handler: send(handler, 200, data, headers={"Content-Encoding": encoding})

    server.routes["/br"] = encoded(brotli.compress(FEED), "br")
    server.routes["/deflate"] = encoded(zlib.compress(FEED), "deflate")
    raw = zlib.compressobj(wbits=-15)
    server.routes["/raw"] = encoded(raw.compress(FEED) + raw.flush(), "deflate")
    for path in ("/br", "/deflate", "/raw"):
        assert fetch(server, path).body == FEED, path


def test_a_brotli_bomb_stops_at_the_cap(server: FeedServer) -> None:
    import brotli

    bomb = brotli.compress(b"\0" * (64 * 1024 * 1024), quality=5)
    server.routes["/feed"] = lambda handler: send(
        handler, 200, bomb, headers={"Content-Encoding": "br"}
    )
    assert "larger than 2 MB" in (fetch(server, "/feed").error or "")


def test_an_unknown_content_encoding_is_refused(server: FeedServer) -> None:
    server.routes["/feed"] = lambda handler: send(
        handler, 200, FEED, headers={"Content-Encoding": "compress"}
    )
    assert "unsupported Content-Encoding compress" in (fetch(server, "/feed").error or "")


def test_a_malformed_redirect_or_url_is_one_line(server: FeedServer) -> None:
    server.routes["/feed"] = redirect(301, "http://127.0.0.1:99999/feed")
    result = fetch(server, "/feed")
    assert result.status is FetchStatus.FAILED and "\n" not in (result.error or "\n")
    server.routes["/ftp"] = redirect(302, "ftp://example.org/feed")
    assert "non-HTTP" in (fetch(server, "/ftp").error or "")


def test_a_corrupt_compressed_body_is_one_line(server: FeedServer) -> None:
    def garbage(encoding: str) -> Route:
        body = b"\xff\x00 not compressed at all"
        return lambda handler: send(handler, 200, body, headers={"Content-Encoding": encoding})

    for encoding in ("gzip", "deflate", "br"):
        server.routes[f"/{encoding}"] = garbage(encoding)
        assert "corrupt compressed body" in (fetch(server, f"/{encoding}").error or ""), encoding
