"""The store keeps articles and their state in a real SQLite file."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader.models import ArticleDraft, Document, SourceDraft
from newsreader.store import SCHEMA_VERSION, ListFilter, Store, StoreError


def draft(guid: str, day: int, title: str = "", body: str = "Body text.") -> ArticleDraft:
    return ArticleDraft(
        guid=guid,
        title=title or f"Article {guid}",
        source_name="Harbour Gazette",
        document=Document.from_paragraphs(body.split("\n\n")),
        published=datetime(2026, 10, day, tzinfo=UTC),
        location=f"/tmp/{guid}.txt",
    )


def source(*articles: ArticleDraft, key: str = "local:news") -> SourceDraft:
    return SourceDraft(key=key, title="news", location="/tmp/news", articles=articles)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "db.sqlite3")


def test_rows_are_newest_first_and_paged(store: Store) -> None:
    store.save_source(source(*(draft(f"a{day}", day) for day in range(1, 21))))
    titles = [row.title for row in store.rows(offset=0, limit=3)]
    assert titles == ["Article a20", "Article a19", "Article a18"]
    assert [row.title for row in store.rows(offset=19, limit=5)] == ["Article a1"]
    assert store.count() == 20


def test_article_body_round_trips(store: Store) -> None:
    store.save_source(source(draft("a", 1, body="First paragraph.\n\nSecond “quoted” one.")))
    (row,) = store.rows()
    article = store.article(row.id)
    assert article is not None
    assert article.paragraphs == ("First paragraph.", "Second “quoted” one.")
    assert article.published == datetime(2026, 10, 1, tzinfo=UTC)


def test_state_survives_reimport_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    first = Store(path)
    first.save_source(source(draft("a", 1), draft("b", 2)))
    by_title = {row.title: row.id for row in first.rows()}
    first.set_read(by_title["Article a"], True)
    first.set_starred(by_title["Article b"], True)
    first.close()

    second = Store(path)
    # The same file imported again (changed text too) keeps its identity and state.
    result = second.save_source(source(draft("a", 1, body="Edited."), draft("b", 2)))
    assert (result.added, result.updated, result.unchanged) == (0, 1, 1)
    assert second.state(by_title["Article a"]) == (True, False)
    assert second.state(by_title["Article b"]) == (False, True)


def test_filters_and_unread_navigation(store: Store) -> None:
    store.save_source(source(*(draft(f"a{day}", day) for day in range(1, 6))))
    ids = [row.id for row in store.rows()]  # a5, a4, a3, a2, a1
    store.set_read(ids[1], True)
    store.set_starred(ids[2], True)
    assert store.count(ListFilter(unread_only=True)) == 4
    assert [row.id for row in store.rows(ListFilter(starred_only=True))] == [ids[2]]
    assert store.next_unread(ids[0]) == ids[2]
    assert store.next_unread(ids[2], backwards=True) == ids[0]
    assert store.next_unread(None) == ids[0]
    assert store.next_unread(ids[4]) is None
    assert store.position(ids[3]) == 3
    assert store.position(ids[1], ListFilter(unread_only=True)) is None


def test_second_connection_sees_committed_state(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    app_store, cli_store = Store(path), Store(path)
    app_store.save_source(source(draft("a", 1)))
    (row,) = cli_store.rows()
    cli_store.set_read(row.id, True)
    assert app_store.state(row.id) == (True, False)


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer newsreader"):
        Store(path)
    assert path.read_bytes() == before


def test_corrupt_file_is_refused_and_left_in_place(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="left untouched"):
        Store(path)
    assert path.read_bytes() == b"this is not a database" * 100


def test_sources_report_counts(store: Store) -> None:
    store.save_source(source(draft("a", 1), draft("b", 2)))
    store.save_source(source(draft("c", 3), key="local:other"))
    first = store.rows()[-1]
    store.set_read(first.id, True)
    counts = {info.key: (info.article_count, info.unread_count) for info in store.sources()}
    assert counts == {"local:news": (2, 1), "local:other": (1, 1)}


def test_version_1_database_is_backed_up_and_upgraded_in_place(tmp_path: Path) -> None:
    from newsreader.store.schema import SCHEMA_V1

    path = tmp_path / "db.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.executescript(SCHEMA_V1)
        connection.execute(
            "INSERT INTO sources (id, key, title, location, added_at) "
            "VALUES (1, 'local:news', 'news', '/tmp/news', 0)"
        )
        connection.execute(
            "INSERT INTO articles (id, source_id, guid, source_name, title, sort_key, location, "
            "content_hash, read, starred, added_at) "
            "VALUES (7, 1, 'a.txt', 'Gazette', 'Old title', 10, '/tmp/news/a.txt', 'x', 1, 1, 0)"
        )
        connection.execute("PRAGMA user_version = 1")
    connection.close()

    store = Store(path)
    assert store.state(7) == (True, True)
    with sqlite3.connect(tmp_path / "db.sqlite3.v1.bak") as backup:
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
        assert backup.execute("SELECT title, read FROM articles").fetchall() == [("Old title", 1)]
    version = store._connection.execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION


def test_pages_read_from_the_far_end_match_pages_read_from_the_start(store: Store) -> None:
    store.save_source(source(*(draft(f"a{day}", day) for day in range(1, 29))))
    total = store.count()
    for offset in (0, 5, 13, 14, 20, 25, 27):
        forward = store.rows(offset=offset, limit=4)
        assert store.rows(offset=offset, limit=4, total=total) == forward


def test_source_title_and_mark_all_read_for_one_source(store: Store) -> None:
    store.save_source(source(draft("a", 1), draft("b", 2)))
    store.save_source(source(draft("c", 3), key="local:other"))
    news = store.source_ids_for_keys(["local:news"])[0]
    assert store.source_title(news) == "news"
    assert store.source_title(9999) is None
    assert store.mark_all_read(ListFilter(source_ids=(news,))) == 2
    assert store.unread_count() == 1


def test_the_last_day_leaves_undated_articles_out(store: Store) -> None:
    undated = replace(draft("undated", 1), published=None)
    store.save_source(source(draft("dated", 30), undated))
    since = int(datetime(2026, 10, 29, tzinfo=UTC).timestamp())
    assert [row.title for row in store.rows()] == ["Article undated", "Article dated"]
    recent = store.listed(ListFilter(since=since))
    assert [item.row.title for item in recent] == ["Article dated"]


def test_a_saved_feed_with_a_warning_counts_as_a_success(store: Store) -> None:
    from newsreader.store.feeds import FetchRecord

    source_id, _ = store.add_subscription(
        "https://x.test/feed", title="X", location="https://x.test/feed", kind="feed"
    )
    store.record_fetch(source_id, FetchRecord(100, error="3 entries skipped", saved=True))
    store.record_fetch(source_id, FetchRecord(200, error="HTTP 500"))
    (feed,) = store.feed_listing()
    assert (feed.refreshed_at, feed.succeeded_at, feed.last_error) == (200, 100, "HTTP 500")
