"""Saving many articles at once: batched inserts keep every rule of saving one by one."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from newsreader.models import ArticleDraft, Document, SourceDraft
from newsreader.store import Store
from newsreader.store.rows import encode_article


def draft(guid: str, body: str, *, day: int = 1) -> ArticleDraft:
    return ArticleDraft(
        guid=guid,
        title=f"Article {guid}",
        source_name="Harbour Gazette",
        document=Document.from_paragraphs([body]),
        published=datetime(2026, 10, day, 12, tzinfo=UTC),
        link=f"https://example.org/{guid}",
        location="/tmp/feed.xml",
    )


def test_a_large_draft_crossing_batches_is_stored_once_per_entry(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    drafts = [draft(f"g{n}", f"Body w{n}x harbour.") for n in range(2_500)]
    # An entry repeated far apart (in another batch) and close by (in the same batch).
    drafts.insert(2_200, draft("g5", "Body repeated pelican."))
    drafts.insert(7, draft("g6", "Body repeated cormorant."))
    result = store.save_source(
        SourceDraft(key="local:news", title="news", location="/tmp", articles=tuple(drafts))
    )
    assert (result.added, result.updated, result.unchanged) == (2_500, 1, 0)
    assert store.count() == 2_500
    # Searchable at once, the last content of a repeated entry winning.
    assert len(store.search("harbour", limit=5_000)) == 2_498
    assert [store.article(i).title for i in store.search("pelican")] == ["Article g5"]  # type: ignore[union-attr]
    assert [store.article(i).title for i in store.search("cormorant")] == ["Article g6"]  # type: ignore[union-attr]
    assert store.search("w5x") == store.search("w6x") == []
    (info,) = store.sources()
    assert (info.article_count, info.unread_count) == (2_500, 2_500)


def test_resaving_changes_only_what_changed_and_keeps_state(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    drafts = [draft(f"g{n}", f"Body w{n}x harbour.") for n in range(1_200)]
    store.save_source(SourceDraft("local:news", "news", "/tmp", articles=tuple(drafts)))
    (target,) = store.search("w1100x")
    store.set_read(target, True)
    drafts[1_100] = draft("g1100", "Body rewritten lighthouse.")
    drafts.append(draft("g-new", "Body brand new gannet.", day=2))
    result = store.save_source(SourceDraft("local:news", "news", "/tmp", articles=tuple(drafts)))
    assert (result.added, result.updated, result.unchanged) == (1, 1, 1_199)
    assert store.search("lighthouse") == [target]
    assert store.search("w1100x") == []
    article = store.article(target)
    assert article is not None and article.read
    (info,) = store.sources()
    assert (info.article_count, info.unread_count) == (1_201, 1_200)


def test_articles_encoded_by_workers_are_stored_like_drafts(tmp_path: Path) -> None:
    drafts = tuple(
        draft(f"g{n}", f"Body {n} “quoted,” said Ada.", day=1 + n % 9) for n in range(50)
    )
    as_drafts = Store(tmp_path / "drafts.sqlite3")
    as_drafts.save_source(SourceDraft("local:news", "news", "/tmp", articles=drafts))
    as_drafts.close()
    encoded = tuple(map(encode_article, drafts))
    as_encoded = Store(tmp_path / "encoded.sqlite3")
    as_encoded.save_source(SourceDraft("local:news", "news", "/tmp", encoded=encoded))
    as_encoded.close()

    def rows(name: str) -> list[tuple[object, ...]]:
        connection = sqlite3.connect(tmp_path / name)
        found = connection.execute(
            "SELECT a.id, a.guid, a.source_name, a.title, a.published, a.sort_key, a.link,"
            " a.content_hash, a.indexed, a.quotes_version, b.body, b.document FROM articles a"
            " JOIN bodies b ON b.article_id = a.id ORDER BY a.id"
        ).fetchall()
        connection.close()
        return found

    assert rows("drafts.sqlite3") == rows("encoded.sqlite3")
    assert len(rows("drafts.sqlite3")) == 50


def test_a_moved_folder_read_by_workers_keeps_its_source_and_state(tmp_path: Path) -> None:
    # A folder's articles reach the store encoded (worker processes); its move is still seen.
    store = Store(tmp_path / "db.sqlite3")
    encoded = tuple(encode_article(draft(f"note{n}.md", f"Body {n}.")) for n in range(4))
    gone = str(tmp_path / "gone" / "news")
    store.save_source(SourceDraft(f"local:{gone}", "news", gone, encoded=encoded))
    (newest,) = store.rows(limit=1)
    store.set_read(newest.id, True)
    here = str(tmp_path / "here" / "news")
    result = store.save_source(SourceDraft(f"local:{here}", "news", here, encoded=encoded))
    assert (result.added, result.unchanged) == (0, 4)
    (info,) = store.sources()
    assert (info.key, info.article_count, info.unread_count) == (f"local:{here}", 4, 3)


def test_saves_in_a_joined_transaction_commit_together_or_not_at_all(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    (cache,) = store._connection.execute("PRAGMA cache_size").fetchone()
    first = SourceDraft("local:a", "a", "/tmp/a", articles=(draft("a1", "Body osprey."),))
    second = SourceDraft("local:b", "b", "/tmp/b", articles=(draft("b1", "Body heron."),))
    try:
        with store.joined_transaction(cache_kib=4096):
            assert store._connection.execute("PRAGMA cache_size").fetchone() == (-4096,)
            store.save_source(first)
            store.save_source(second)
            # Joined, not savepoints: another connection sees nothing before the commit.
            other = sqlite3.connect(tmp_path / "db.sqlite3")
            assert other.execute("SELECT count(*) FROM articles").fetchone() == (0,)
            other.close()
            raise RuntimeError("disk on fire")
    except RuntimeError:
        pass
    assert store.count() == 0 and store.sources() == []
    assert store._connection.execute("PRAGMA cache_size").fetchone() == (cache,)
    with store.joined_transaction():
        store.save_source(first)
        store.save_source(second)
    assert store.count() == 2
    assert [info.article_count for info in store.sources()] == [1, 1]


def test_a_joined_transaction_inside_another_leaves_it_joining(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    with store.joined_transaction():
        with store.joined_transaction():
            store.save_source(SourceDraft("local:a", "a", "/tmp/a", (draft("a1", "Osprey."),)))
        # Still joined: this save is part of the outer transaction, not a savepoint.
        assert store._joining
        store.save_source(SourceDraft("local:b", "b", "/tmp/b", (draft("b1", "Heron."),)))
    assert not store._joining
    assert store.count() == 2
