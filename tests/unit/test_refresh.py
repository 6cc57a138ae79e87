"""Refresh against a real HTTP server and a real SQLite file: state, validators, hostility."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.config import Config
from newsreader.services.indexing import index_quotes
from newsreader.sources.refresh import FeedOutcome, OutcomeKind, refresh_sources
from newsreader.store import Store
from tests.conftest import SAMPLE_FEEDS
from tests.feedserver import (
    FeedServer,
    redirect,
    rss,
    send,
    serving,
    stall,
    static,
    with_validators,
)

CONFIG = Config(fetch_timeout_seconds=1.0, max_feed_megabytes=2)
ITEMS = [(f"id-{n}", f"Story {n}", f"<p>Body of story {n} &amp; more.</p>") for n in range(3)]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from serving()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "news.sqlite3"


def subscribe(database: Path, url: str) -> int:
    store = Store(database)
    try:
        source_id, _ = store.add_subscription(url, title=url, location=url, kind="feed")
    finally:
        store.close()
    return source_id


def refresh(database: Path, config: Config = CONFIG) -> dict[int, FeedOutcome]:
    summary = refresh_sources(database, None, config)
    return {outcome.source_id: outcome for outcome in summary.outcomes}


def test_a_refresh_saves_articles_and_the_feed_title(server: FeedServer, database: Path) -> None:
    server.routes["/feed"] = static(rss("Harbour Gazette", ITEMS))
    source_id = subscribe(database, server.url("/feed"))
    outcome = refresh(database)[source_id]
    assert (outcome.kind, outcome.added) == (OutcomeKind.SAVED, 3)
    store = Store(database)
    listing = {feed.id: feed for feed in store.feed_listing()}[source_id]
    assert listing.title == "Harbour Gazette" and listing.unread_count == 3
    assert listing.refreshed_at is not None and listing.last_error is None
    store.close()


def test_read_and_starred_state_survive_an_updated_entry(
    server: FeedServer, database: Path
) -> None:
    server.routes["/feed"] = static(rss("Gazette", ITEMS))
    subscribe(database, server.url("/feed"))
    refresh(database)
    store = Store(database)
    first = next(row for row in store.rows() if row.title == "Story 0")
    store.set_read(first.id, True)
    store.set_starred(first.id, True)
    changed = [("id-0", "Story 0 (corrected)", "<p>New text.</p>"), *ITEMS[1:]]
    server.routes["/feed"] = static(rss("Gazette", changed))
    outcome = next(iter(refresh(database).values()))
    assert (outcome.added, outcome.updated) == (0, 1)
    article = store.article(first.id)
    assert article is not None and article.title == "Story 0 (corrected)"
    assert (article.read, article.starred) == (True, True)
    store.close()


def test_conditional_get_sends_the_stored_validators(server: FeedServer, database: Path) -> None:
    stamp = "Mon, 12 Oct 2026 10:00:00 GMT"
    server.routes["/feed"] = with_validators(rss("G", ITEMS), etag='"abc"', last_modified=stamp)
    source_id = subscribe(database, server.url("/feed"))
    refresh(database)
    outcome = refresh(database)[source_id]
    assert outcome.kind is OutcomeKind.NOT_MODIFIED
    second = server.headers_for("/feed")[1]
    assert second["if-none-match"] == '"abc"' and second["if-modified-since"] == stamp


@pytest.mark.parametrize("status", [301, 308])
def test_a_permanent_redirect_updates_the_location_but_not_the_key(
    server: FeedServer, database: Path, status: int
) -> None:
    server.routes["/old"] = redirect(status, "/new")
    server.routes["/new"] = static(rss("Moved", ITEMS))
    source_id = subscribe(database, server.url("/old"))
    assert refresh(database)[source_id].moved_to == server.url("/new")
    store = Store(database)
    (state,) = store.feed_states([source_id])
    assert (state.key, state.location) == (server.url("/old"), server.url("/new"))
    store.close()
    refresh(database)
    assert [path for path, _ in server.requests] == ["/old", "/new", "/new"]


def test_retry_after_defers_the_feed_until_then(server: FeedServer, database: Path) -> None:
    server.routes["/feed"] = lambda handler: send(handler, 429, headers={"Retry-After": "3600"})
    source_id = subscribe(database, server.url("/feed"))
    assert refresh(database)[source_id].failed
    outcome = refresh(database)[source_id]
    assert outcome.kind is OutcomeKind.DEFERRED and "wait until" in (outcome.error or "")
    assert len(server.headers_for("/feed")) == 1
    store = Store(database)
    (state,) = store.feed_states([source_id])
    assert state.not_before is not None and state.not_before > time.time() + 3000
    store.close()


def test_failures_are_recorded_per_feed_and_lose_nothing(
    server: FeedServer, database: Path
) -> None:
    server.routes["/feed"] = static(rss("G", ITEMS))
    source_id = subscribe(database, server.url("/feed"))
    refresh(database)
    server.routes["/feed"] = static(b"oops", "text/plain", status=500)
    outcome = refresh(database)[source_id]
    assert outcome.failed and outcome.error == "HTTP 500 Internal Server Error"
    store = Store(database)
    listing = {feed.id: feed for feed in store.feed_listing()}[source_id]
    assert listing.article_count == 3 and listing.last_error == "HTTP 500 Internal Server Error"
    store.close()


def test_twenty_hanging_feeds_do_not_block_thirty_good_ones(
    server: FeedServer, database: Path
) -> None:
    server.routes["/good"] = static(rss("Good", ITEMS))
    server.routes["/hang"] = stall(server)
    ids = [subscribe(database, server.url(f"/good?{n}")) for n in range(30)]
    ids += [subscribe(database, server.url(f"/hang?{n}")) for n in range(20)]
    started = time.monotonic()
    outcomes = refresh(database)
    assert time.monotonic() - started < 30
    saved = [source for source in ids[:30] if outcomes[source].kind is OutcomeKind.SAVED]
    assert len(saved) == 30
    assert all("timed out" in (outcomes[source].error or "") for source in ids[30:])


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<rss><channel><title>x</title><item><title>broken", "application/rss+xml"),
        (b"\x00\x01\x02binary", "application/octet-stream"),
        (b"<?xml version='1.0'?><note>not a feed</note>", "text/xml"),
    ],
)
def test_unreadable_documents_give_one_error_line(
    server: FeedServer, database: Path, body: bytes, content_type: str
) -> None:
    server.routes["/feed"] = static(body, content_type)
    source_id = subscribe(database, server.url("/feed"))
    outcome = refresh(database)[source_id]
    assert outcome.kind in (OutcomeKind.FAILED, OutcomeKind.SAVED)
    if outcome.failed:
        assert outcome.error and "\n" not in outcome.error


def test_a_charset_that_lies_is_recovered(server: FeedServer, database: Path) -> None:
    body = rss("Café", [("c1", "Crème brûlée", "<p>Déjà vu</p>")]).decode().encode("latin-1")
    server.routes["/feed"] = static(body, "application/rss+xml; charset=utf-8")
    source_id = subscribe(database, server.url("/feed"))
    assert refresh(database)[source_id].added == 1
    store = Store(database)
    assert store.rows()[0].title == "Crème brûlée"
    store.close()


def test_retention_keeps_starred_and_current_articles(server: FeedServer, database: Path) -> None:
    many = [(f"old-{n}", f"Old {n}", "<p>x</p>") for n in range(5)]
    server.routes["/feed"] = static(rss("G", many))
    source_id = subscribe(database, server.url("/feed"))
    config = Config(fetch_timeout_seconds=1.0, keep_per_feed=2)
    assert refresh(database, config)[source_id].removed == 0  # all still in the feed
    store = Store(database)
    starred = next(row for row in store.rows() if row.title == "Old 4")
    store.set_starred(starred.id, True)
    server.routes["/feed"] = static(rss("G", [("new-1", "New", "<p>y</p>")]))
    outcome = refresh(database, config)[source_id]
    # Same dates everywhere, so "newest" is the latest saved: New and Old 3, plus starred Old 4.
    assert {row.title for row in store.rows()} == {"New", "Old 3", "Old 4"}
    assert outcome.removed == 3
    store.close()


def test_a_local_folder_is_rescanned_keeping_read_state(tmp_path: Path, database: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "one.txt").write_text("date 2026-10-01 Notes\n\nFirst note body.\n", "utf-8")
    store = Store(database)
    store.add_subscription("local:notes", title="notes", location=str(folder), kind="local")
    store.close()
    refresh(database)
    store = Store(database)
    first = store.rows()[0]
    store.set_read(first.id, True)
    (folder / "two.txt").write_text("date 2026-10-02 Notes\n\nSecond note body.\n", "utf-8")
    outcome = next(iter(refresh(database).values()))
    assert outcome.added == 1
    state = store.state(first.id)
    assert state is not None and state[0] is True
    store.close()


def test_a_local_folder_reports_its_files_as_they_are_read(tmp_path: Path, database: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    for number in range(1, 4):
        (folder / f"{number}.txt").write_text(f"Note {number}\n\nBody {number}.\n", "utf-8")
    store = Store(database)
    store.add_subscription("local:notes", title="notes", location=str(folder), kind="local")
    store.close()
    told: list[tuple[int, int]] = []
    refresh_sources(database, files_progress=lambda done, total: told.append((done, total)))
    assert told and told[-1] == (3, 3)
    assert [done for done, _ in told] == sorted(done for done, _ in told)
    told.clear()
    refresh_sources(database, files_progress=lambda done, total: told.append((done, total)))
    assert told == [(3, 3)]  # nothing changed: done at once


def test_progress_is_reported_once_per_source(server: FeedServer, database: Path) -> None:
    server.routes["/feed"] = static(rss("G", ITEMS))
    for n in range(3):
        subscribe(database, server.url(f"/feed?{n}"))
    seen: list[tuple[int, int]] = []
    refresh_sources(database, None, CONFIG, lambda _o, done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


@pytest.mark.parametrize(
    "module",
    [
        "newsreader.sources.fetch",
        "newsreader.sources.refresh",
        "newsreader.sources.opml",
        "newsreader.ingest.feeds",
        "newsreader.ingest.html",
        "newsreader.store.feeds",
    ],
)
def test_refresh_modules_do_not_import_ui_libraries(module: str) -> None:
    import subprocess
    import sys

    probe = (
        f"import sys, {module}; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_atom_and_json_feeds_refresh_too(server: FeedServer, database: Path) -> None:
    atom = (SAMPLE_FEEDS / "science-notes.atom").read_bytes()
    json_feed = (SAMPLE_FEEDS / "morning-brief.json").read_bytes()
    server.routes["/atom"] = static(atom, "application/atom+xml")
    server.routes["/json"] = static(json_feed, "application/feed+json")
    atom_id = subscribe(database, server.url("/atom"))
    json_id = subscribe(database, server.url("/json"))
    outcomes = refresh(database)
    assert outcomes[atom_id].added > 0 and outcomes[json_id].added > 0


def test_cancel_stops_saving_further_feeds(server: FeedServer, database: Path) -> None:
    import threading

    server.routes["/feed"] = static(rss("G", ITEMS))
    for n in range(5):
        subscribe(database, server.url(f"/feed?{n}"))
    cancel = threading.Event()
    summary = refresh_sources(
        database, None, CONFIG, lambda _o, _done, _total: cancel.set(), cancel=cancel
    )
    assert len(summary.outcomes) == 1


def test_removed_and_expired_articles_leave_the_search_index(
    server: FeedServer, database: Path
) -> None:
    items = [("z1", "Zebra crossing", "<p>Zebra news.</p>"), ("y1", "Yak", "<p>Yak news.</p>")]
    server.routes["/feed"] = static(rss("G", items))
    source_id = subscribe(database, server.url("/feed"))
    refresh(database)
    store = Store(database)
    index_quotes(store, workers=1)
    assert len(store.search("zebra")) == 1
    server.routes["/feed"] = static(rss("G", items[1:]))
    refresh(database, Config(fetch_timeout_seconds=1.0, keep_per_feed=1))
    assert store.search("zebra") == [] and len(store.search("yak")) == 1
    store.remove_source(source_id)
    assert store.search("yak") == []
    store.close()
