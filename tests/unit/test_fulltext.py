"""Full text from entries' pages, end to end: a real loopback server, a real SQLite file.

A summary-only feed links to pages the same server serves; a refresh of a feed set to full
text stores each page's main text as the body (summary kept), searchable and quote-indexed,
and readable with the server gone. Every failure leaves the summary and one clear line.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from newsreader.config import Config
from newsreader.ingest.pages import page_text
from newsreader.services.fulltext import PageStatus, fetch_article_page, fetch_pages
from newsreader.services.indexing import index_quotes
from newsreader.sources.refresh import FeedOutcome, refresh_sources
from newsreader.store import Store
from newsreader.store.feeds import FEED_KIND
from tests.feedserver import FeedServer, redirect, send, serving, stall, static

CONFIG = Config(fetch_timeout_seconds=1.5, max_feed_megabytes=1)
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "pages"
QUOTE = "We will rebuild the harbour wall before the winter storms"


def story_page(number: int, *, extra: str = "") -> bytes:
    """A page with navigation, a footer and comments around a quoted article."""
    paragraphs = "".join(
        f"<p>Paragraph {i} of story {number} tells how the council met on Tuesday evening "
        f"to weigh the cost of repairs along the quay, sentence number {i}.</p>"
        for i in range(6)
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Story | Gazette</title></head>"
        "<body><nav><ul><li><a href='/'>Home</a></li><li><a href='/sport'>Sport</a></li>"
        "<li><a href='/weather'>Weather</a></li></ul></nav>"
        f"<article><h1>Story {number}</h1>"
        f"<p>“{QUOTE},” said Mayor Jane Smith on Tuesday.</p>{paragraphs}"
        f"<p>Read the <a href='/report-{number}'>council report</a> in full.</p>{extra}</article>"
        "<section class='comments'><h2>Comments</h2><p>Navigationword commenter says first!</p>"
        "</section><footer><p>Footerword copyright Gazette Media, all rights reserved.</p>"
        "</footer></body></html>"
    ).encode()


def summary_feed(server: FeedServer, paths: list[str]) -> bytes:
    """A summary-only RSS feed whose links point at `paths` on the server."""
    items = "".join(
        f"<item><guid>entry-{n}</guid><title>Story {n}</title>"
        f"<link>{server.url(path) if path.startswith('/') else path}</link>"
        f"<description>Two sentences of summary {n}. Read more.</description></item>"
        for n, path in enumerate(paths)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Summaries</title><link>{server.url('/')}</link>{items}</channel></rss>"
    ).encode()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from serving()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "news.sqlite3"


def subscribe_full_text(database: Path, url: str) -> int:
    store = Store(database)
    try:
        source_id, _ = store.add_subscription(url, title=url, location=url, kind=FEED_KIND)
        store.set_full_text(source_id, True)
    finally:
        store.close()
    return source_id


def refresh(database: Path) -> FeedOutcome:
    (outcome,) = refresh_sources(database, None, CONFIG).outcomes
    return outcome


def article_by_guid(store: Store, guid: str) -> int:
    (found,) = [row.row.id for row in store.listed() if store.article(row.row.id).guid == guid]  # type: ignore[union-attr]
    return found


def test_a_full_text_refresh_stores_each_page_and_reads_offline(database: Path) -> None:
    running = serving()
    server = next(running)
    for n in range(3):
        server.routes[f"/story/{n}"] = static(story_page(n), "text/html; charset=utf-8")
    server.routes["/feed"] = static(summary_feed(server, [f"/story/{n}" for n in range(3)]))
    source_id = subscribe_full_text(database, server.url("/feed"))
    outcome = refresh(database)
    assert (outcome.added, outcome.pages, outcome.page_failures) == (3, 3, 0)
    assert len(server.headers_for("/story/1")) == 1
    running.close()  # the server stops: everything below reads what was stored
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=5).close()

    store = Store(database)
    try:
        article_id = article_by_guid(store, "entry-1")
        article = store.article(article_id)
        assert article is not None
        body = "\n".join(article.document.paragraphs)
        assert article.document.paragraphs[0].startswith("“We will rebuild")  # no headline
        assert QUOTE in body and "Paragraph 5 of story 1" in body
        assert "Navigationword" not in body and "Footerword" not in body and "Sport" not in body
        link_urls = {link.url for link in article.document.links}
        assert server.url("/report-1") in link_urls
        summary = store.summary_document(article_id)
        assert summary is not None and summary.paragraphs == (
            "Two sentences of summary 1. Read more.",
        )
        state = store.page_state(article_id)
        assert state is not None and state.from_page and state.error is None
        assert article_id in store.search("quay repairs council")
        index_quotes(store, workers=1)
        quotes = store.quotes_by("Jane Smith")
        assert article_id in {quote.article_id for quote in quotes if QUOTE in quote.text}
        assert store.pages_wanted([source_id]) == []
    finally:
        store.close()


def test_a_second_refresh_fetches_no_page_again_and_keeps_the_page_text(
    server: FeedServer, database: Path
) -> None:
    server.routes["/story/0"] = static(story_page(0), "text/html")
    server.routes["/feed"] = static(summary_feed(server, ["/story/0"]))
    subscribe_full_text(database, server.url("/feed"))
    refresh(database)
    refresh(database)
    assert len(server.headers_for("/story/0")) == 1
    store = Store(database)
    try:
        (listed,) = store.listed()
        article = store.article(listed.row.id)
        assert article is not None and QUOTE in "\n".join(article.document.paragraphs)
    finally:
        store.close()


def test_an_updated_entry_keeps_its_page_text_and_updates_its_summary(
    server: FeedServer, database: Path
) -> None:
    server.routes["/story/0"] = static(story_page(0), "text/html")
    server.routes["/feed"] = static(summary_feed(server, ["/story/0"]))
    subscribe_full_text(database, server.url("/feed"))
    refresh(database)
    server.routes["/feed"] = static(
        summary_feed(server, ["/story/0"]).replace(b"Two sentences", b"Three sentences")
    )
    outcome = refresh(database)
    assert outcome.updated == 1
    store = Store(database)
    try:
        (listed,) = store.listed()
        article = store.article(listed.row.id)
        assert article is not None and QUOTE in "\n".join(article.document.paragraphs)
        summary = store.summary_document(listed.row.id)
        assert summary is not None and summary.paragraphs[0].startswith("Three sentences")
        assert listed.row.id in store.search("quay")
        assert listed.row.id not in store.search("three sentences")
    finally:
        store.close()


def test_the_fetch_key_asks_again_with_a_conditional_get(
    server: FeedServer, database: Path
) -> None:
    def page(handler: BaseHTTPRequestHandler) -> None:
        if handler.headers.get("If-None-Match") == '"v1"':
            send(handler, 304, headers={"ETag": '"v1"'})
        else:
            send(handler, 200, story_page(0), "text/html", headers={"ETag": '"v1"'})

    server.routes["/story/0"] = page
    server.routes["/feed"] = static(summary_feed(server, ["/story/0"]))
    subscribe_full_text(database, server.url("/feed"))
    refresh(database)
    store = Store(database)
    (listed,) = store.listed()
    store.close()
    outcome = fetch_article_page(database, listed.row.id, CONFIG)
    assert outcome.status is PageStatus.NOT_MODIFIED
    assert server.headers_for("/story/0")[-1].get("if-none-match") == '"v1"'
    server.routes["/story/0"] = static(b"gone", "text/plain", status=410)
    failed = fetch_article_page(database, listed.row.id, CONFIG)
    assert (failed.status, failed.page_kept) == (PageStatus.FAILED, True)
    store = Store(database)
    try:
        article = store.article(listed.row.id)
        assert article is not None and QUOTE in "\n".join(article.document.paragraphs)
        assert store.page_counts(store.source_of(listed.row.id) or 0)[:2] == (1, 0)
    finally:
        store.close()


def test_a_feed_without_full_text_fetches_no_page_but_the_key_does(
    server: FeedServer, database: Path
) -> None:
    server.routes["/story/0"] = static(story_page(0), "text/html")
    server.routes["/feed"] = static(summary_feed(server, ["/story/0"]))
    store = Store(database)
    url = server.url("/feed")
    store.add_subscription(url, title=url, location=url, kind=FEED_KIND)
    store.close()
    refresh(database)
    assert server.headers_for("/story/0") == []
    store = Store(database)
    (listed,) = store.listed()
    store.close()
    assert fetch_article_page(database, listed.row.id, CONFIG).status is PageStatus.STORED
    store = Store(database)
    try:
        article = store.article(listed.row.id)
        assert article is not None and QUOTE in "\n".join(article.document.paragraphs)
    finally:
        store.close()


def _failing_routes(server: FeedServer) -> dict[str, str]:
    """Paths that fail, each with a word its error line must hold."""
    big = b"<html><body><article>" + b"<p>word word word</p>" * 80_000 + b"</article></body></html>"
    server.routes["/big"] = static(big, "text/html")
    server.routes["/to-file"] = redirect(302, "file:///etc/passwd")
    server.routes["/stalls"] = stall(server)
    server.routes["/image"] = static(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")
    server.routes["/empty"] = static(
        b"<html><body><script>app()</script></body></html>", "text/html"
    )
    return {
        "/missing": "404",
        "/big": "larger than 1 MB",
        "/to-file": "non-HTTP",
        "/stalls": "timed out",
        "/image": "not a web page",
        "/empty": "no readable text",
    }


def test_each_failure_leaves_the_summary_and_one_clear_line(
    server: FeedServer, database: Path
) -> None:
    expected = _failing_routes(server)
    paths = list(expected)
    server.routes["/feed"] = static(summary_feed(server, [*paths, "ftp://127.0.0.1/x.html"]))
    source_id = subscribe_full_text(database, server.url("/feed"))
    outcome = refresh(database)
    assert (outcome.added, outcome.pages, outcome.page_failures) == (7, 0, 7)
    assert not outcome.failed  # the feed itself was read
    store = Store(database)
    try:
        for n, path in enumerate([*paths, "ftp:"]):
            article_id = article_by_guid(store, f"entry-{n}")
            article = store.article(article_id)
            assert article is not None
            assert article.document.paragraphs == (f"Two sentences of summary {n}. Read more.",)
            state = store.page_state(article_id)
            assert state is not None and not state.from_page and state.error
            assert "\n" not in state.error
            assert expected.get(path, "link refused: not an http(s) link") in state.error
        count, line = store.page_failures()[source_id]
        assert count == 7 and line.startswith(("page", "link refused"))
    finally:
        store.close()
    assert not any(path.startswith("/etc") for path, _ in server.requests)


def test_fetching_pages_twice_asks_nothing_the_second_time(
    server: FeedServer, database: Path
) -> None:
    server.routes["/story/0"] = static(story_page(0), "text/html")
    server.routes["/feed"] = static(summary_feed(server, ["/story/0", "/missing"]))
    source_id = subscribe_full_text(database, server.url("/feed"))
    store = Store(database)
    store.set_full_text(source_id, False)
    store.close()
    refresh(database)
    store = Store(database)
    store.set_full_text(source_id, True)
    store.close()
    first = fetch_pages(database, [source_id], CONFIG)
    assert (first.fetched, first.failed) == (1, 1)
    assert fetch_pages(database, [source_id], CONFIG).outcomes == ()


def test_one_host_never_gets_more_than_two_page_requests_at_once(
    server: FeedServer, database: Path
) -> None:
    in_flight, most = [0], [0]
    lock = threading.Lock()

    def slow_page(handler: BaseHTTPRequestHandler) -> None:
        with lock:
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
        time.sleep(0.05)  # long enough for the others to arrive if they were let through
        with lock:
            in_flight[0] -= 1
        send(handler, 200, story_page(1), "text/html")

    paths = [f"/slow/{n}" for n in range(8)]
    for path in paths:
        server.routes[path] = slow_page
    server.routes["/feed"] = static(summary_feed(server, paths))
    subscribe_full_text(database, server.url("/feed"))
    assert refresh(database).pages == 8
    assert 1 <= most[0] <= 2


def test_a_cancelled_refresh_stops_its_page_fetches_and_leaves_them_for_next_time(
    server: FeedServer, database: Path
) -> None:
    server.routes["/stalls"] = stall(server)
    server.routes["/feed"] = static(summary_feed(server, ["/stalls"]))
    subscribe_full_text(database, server.url("/feed"))
    cancel = threading.Event()
    patient = Config(fetch_timeout_seconds=60.0)
    run = threading.Thread(
        target=refresh_sources, args=(database, None, patient), kwargs={"cancel": cancel}
    )
    run.start()
    while not server.headers_for("/stalls"):
        time.sleep(0.01)
    cancel.set()
    run.join()
    store = Store(database)
    try:
        (listed,) = store.listed()
        assert store.page_state(listed.row.id) is None  # not recorded as failed
        assert [page.url for page in store.pages_wanted()] == [server.url("/stalls")]
    finally:
        store.close()


def _word_f1(gold: str, text: str) -> float:
    gold_words = Counter(re.findall(r"\w+", gold.lower()))
    words = Counter(re.findall(r"\w+", text.lower()))
    overlap = sum((gold_words & words).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(words.values()), overlap / sum(gold_words.values())
    return 2 * precision * recall / (precision + recall)


@pytest.mark.skipif(not (CORPUS / "gold.json").is_file(), reason="../shared corpus is absent")
def test_real_pages_served_by_a_feed_are_stored_as_their_main_text(
    server: FeedServer, database: Path
) -> None:
    gold = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
    names = sorted(gold)[:8]
    for name in names:
        server.routes[f"/{name}"] = static((CORPUS / name).read_bytes(), "text/html")
    server.routes["/feed"] = static(summary_feed(server, [f"/{name}" for name in names]))
    subscribe_full_text(database, server.url("/feed"))
    outcome = refresh(database)
    assert outcome.pages == len(names)
    server.routes.clear()
    store = Store(database)
    try:
        scores = []
        for n, name in enumerate(names):
            article = store.article(article_by_guid(store, f"entry-{n}"))
            assert article is not None
            scores.append(_word_f1(gold[name]["body"], "\n\n".join(article.document.paragraphs)))
        assert sum(scores) / len(scores) >= 0.9, scores
    finally:
        store.close()


def test_page_text_keeps_quotes_and_links_and_drops_the_chrome() -> None:
    text = page_text(story_page(7), "https://example.org/story/7", "text/html")
    body = "\n".join(text.document.paragraphs)
    assert QUOTE in body and "Footerword" not in body and "Navigationword" not in body
    assert "https://example.org/report-7" in {link.url for link in text.document.links}


def test_an_article_after_megabytes_of_inline_script_is_found() -> None:
    script = "<script>var state = '" + "x" * 2_000_000 + "';</script><style>p{}</style>"
    page = story_page(2).replace(b"</head>", script.encode() + b"</head>")
    text = page_text(page, "https://example.org/story/2", "text/html")
    assert QUOTE in "\n".join(text.document.paragraphs)


def test_a_page_with_no_article_still_gives_its_words() -> None:
    text = page_text(b"<html><body><p>Just one line.</p></body></html>", "https://e.org/")
    assert text.document.paragraphs == ("Just one line.",)


def test_a_saved_page_opened_as_a_file_is_read_in_reader_mode(tmp_path: Path) -> None:
    from newsreader.sources.local import load_path

    (tmp_path / "page.html").write_bytes(story_page(3))
    (article,) = load_path(tmp_path / "page.html").articles
    assert article.title == "Story 3"
    body = "\n".join(article.paragraphs)
    assert QUOTE in body and "Paragraph 5 of story 3" in body
    assert "Navigationword" not in body and "Footerword" not in body and "Weather" not in body


def test_starting_the_app_or_the_cli_does_not_import_trafilatura() -> None:
    code = (
        "import sys, newsreader.ui.app, newsreader.__main__, newsreader.sources.refresh\n"
        "from newsreader.cli import build_parser\n"
        "build_parser()\n"
        "assert 'trafilatura' not in sys.modules, 'trafilatura imported at start'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
