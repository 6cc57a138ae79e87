"""Per-feed settings: parsed from key=value, kept in the store, honoured by a real refresh."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.config import Config
from newsreader.services.feed_settings import (
    SettingChange,
    SettingError,
    apply_settings,
    parse_setting,
)
from newsreader.sources.refresh import refresh_sources
from newsreader.store import Store
from tests.feedserver import FeedServer, rss, serving, static

CONFIG = Config(fetch_timeout_seconds=2.0, keep_days=0, keep_per_feed=0)
ITEMS = [(f"id-{n}", f"Story {n}", f"<p>Body {n}.</p>") for n in range(5)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title=Harbour news", SettingChange("title", "Harbour news")),
        ("Title = =odd= ", SettingChange("title", "=odd=")),
        ("refresh=90", SettingChange("refresh", 90)),
        ("refresh=2h", SettingChange("refresh", 120)),
        ("refresh_minutes=1d", SettingChange("refresh", 1440)),
        ("keep_days=0", SettingChange("keep_days", 0)),
        ("keep_per_feed=default", SettingChange("keep_per_feed", None)),
        ("full_text=on", SettingChange("full_text", True)),
        ("paused=off", SettingChange("paused", False)),
        ("category=", SettingChange("category", None)),
    ],
)
def test_settings_parse(text: str, expected: SettingChange) -> None:
    assert parse_setting(text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("paused", "write key=value"),
        ("colour=red", "unknown setting 'colour'"),
        ("paused=maybe", "paused is on or off"),
        ("refresh=0", "refresh is minutes"),
        ("keep_days=-3", "keep_days is a whole number"),
        ("keep_days=1e9", "keep_days is a whole number"),
    ],
)
def test_bad_settings_say_why_in_one_line(text: str, words: str) -> None:
    with pytest.raises(SettingError, match=words):
        parse_setting(text)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from serving()


def _subscribe(database: Path, url: str) -> int:
    store = Store(database)
    source_id, _ = store.add_subscription(url, title=url, location=url, kind="feed")
    store.close()
    return source_id


def _set(database: Path, source_id: int, *texts: str) -> None:
    store = Store(database)
    assert apply_settings(store, source_id, [parse_setting(text) for text in texts])
    store.close()


def test_settings_survive_a_restart_and_a_refresh(server: FeedServer, tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    server.routes["/feed"] = static(rss("Gazette", ITEMS))
    source_id = _subscribe(database, server.url("/feed"))
    _set(database, source_id, "title=My harbour", "category=Local", "keep_days=7",
         "full_text=on", "refresh=45")  # fmt: skip
    refresh_sources(database, None, CONFIG)
    store = Store(database)
    settings = store.feed_settings(source_id)
    assert settings is not None
    assert (settings.title, settings.title_override, settings.category) == (
        "My harbour",
        "My harbour",
        "Local",
    )
    assert (settings.keep_days, settings.refresh_minutes, settings.full_text) == (7, 45, True)
    assert [source.title for source in store.sources()] == ["My harbour"]
    assert {row.source_name for row in store.rows()} == {"My harbour"}
    assert store.feed_listing()[0].title == "My harbour"
    store.close()
    _set(database, source_id, "title=")
    store = Store(database)
    assert [source.title for source in store.sources()] == ["Gazette"]
    store.close()


def test_a_paused_feed_is_left_out_unless_asked_for(server: FeedServer, tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    server.routes["/feed"] = static(rss("Gazette", ITEMS))
    source_id = _subscribe(database, server.url("/feed"))
    _set(database, source_id, "paused=on")
    assert refresh_sources(database, None, CONFIG).outcomes == ()
    assert server.headers_for("/feed") == []
    summary = refresh_sources(database, [source_id], CONFIG)
    assert summary.added == 5
    _set(database, source_id, "paused=off")
    assert len(refresh_sources(database, None, CONFIG).outcomes) == 1


def test_a_feed_waits_for_its_own_refresh_interval(server: FeedServer, tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    server.routes["/feed"] = static(rss("Gazette", ITEMS))
    source_id = _subscribe(database, server.url("/feed"))
    _set(database, source_id, "refresh=60")
    assert len(refresh_sources(database, None, CONFIG).outcomes) == 1  # never refreshed yet
    assert refresh_sources(database, None, CONFIG).outcomes == ()  # refreshed a moment ago
    assert len(server.headers_for("/feed")) == 1
    _set(database, source_id, "refresh=default")
    assert len(refresh_sources(database, None, CONFIG).outcomes) == 1


def test_per_feed_retention_beats_the_config(server: FeedServer, tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    server.routes["/a"] = static(rss("A", ITEMS))
    server.routes["/b"] = static(rss("B", ITEMS))
    a = _subscribe(database, server.url("/a"))
    b = _subscribe(database, server.url("/b"))
    refresh_sources(database, None, CONFIG)
    _set(database, a, "keep_per_feed=2")
    server.routes["/a"] = static(rss("A", ITEMS[:1]))
    server.routes["/b"] = static(rss("B", ITEMS[:1]))
    outcomes = {o.source_id: o for o in refresh_sources(database, None, CONFIG).outcomes}
    # the two newest stay, and the entry still in the feed (never dropped while it is there)
    assert (outcomes[a].removed, outcomes[b].removed) == (2, 0)
    store = Store(database)
    counts = {source.id: source.article_count for source in store.sources()}
    assert counts == {a: 3, b: 5}
    store.close()
