"""The counts the list header and the sources pane read are the counts of the rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsreader.models import ArticleDraft, Document, SourceDraft
from newsreader.store import ListFilter, Store


def drafts(prefix: str, count: int) -> tuple[ArticleDraft, ...]:
    return tuple(
        ArticleDraft(
            guid=f"{prefix}{n}",
            title=f"{prefix} story {n}",
            source_name=prefix,
            document=Document.from_paragraphs((f"Text {n}.",)),
        )
        for n in range(count)
    )


def counted(database: Path, where: str = "1") -> tuple[int, int]:
    with sqlite3.connect(database) as connection:
        row = connection.execute(
            f"SELECT count(*), coalesce(sum(read = 0), 0) FROM articles WHERE {where}"
        ).fetchone()
    return int(row[0]), int(row[1])


def test_kept_counts_follow_every_insert_read_change_and_delete(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    store = Store(database)
    first = store.save_source(SourceDraft("local:/a", "a", "/a", drafts("a", 6))).source_id
    second = store.save_source(SourceDraft("local:/b", "b", "/b", drafts("b", 4))).source_id
    store.set_read(1, True)
    store.set_read(1, True)  # no change, no count change
    store.set_read(7, True)
    store.set_read(7, False)
    store.mark_all_read(ListFilter(source_ids=(second,)))
    # Another program (or connection) deletes rows behind the store's back.
    with sqlite3.connect(database) as connection:
        connection.execute("DELETE FROM articles WHERE id IN (2, 3)")
    for source_ids, where in [((), "1"), ((first,), f"source_id = {first}")]:
        total, unread = counted(database, where)
        assert store.count(ListFilter(source_ids=source_ids)) == total
        assert store.unread_count(ListFilter(source_ids=source_ids)) == unread
        assert store.count(ListFilter(unread_only=True, source_ids=source_ids)) == unread
    by_source = {info.id: (info.article_count, info.unread_count) for info in store.sources()}
    assert by_source == {first: (4, 3), second: (4, 0)}
