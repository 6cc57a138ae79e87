"""SQLite storage: sources, articles, read and starred state.

One file under the user data directory, in WAL mode with a busy timeout, so a second running
instance or a CLI command can read and write beside the app. Every write is one transaction:
a kill in the middle of an import loses that import, never a state change already committed.

The article list reads rows in pages (`rows`), ordered newest first by `sort_key` (publication
time, else the time first seen) then id; bodies live in their own table and load on demand.
"""

from __future__ import annotations

import itertools
import logging
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from newsreader.ingest.formats import ARTICLE_SUFFIXES, source_folder
from newsreader.models import (
    Article,
    ArticleDraft,
    ArticleRow,
    EncodedArticle,
    LocalFile,
    SourceDraft,
)
from newsreader.store.base import StoreBase
from newsreader.store.counting import count_statement, needs_whole_pass
from newsreader.store.documents import (
    document_from_row,
)
from newsreader.store.feeds import FeedRecords
from newsreader.store.open_errors import describe_open_error
from newsreader.store.pages import PageRecords, feed_digest
from newsreader.store.rows import (
    MAX_SOURCE_NAME_CHARS,
    MAX_TITLE_CHARS,
    encode_article,
)
from newsreader.store.rows import capped as _capped
from newsreader.store.schema import MIGRATIONS, SCHEMA_VERSION
from newsreader.store.search import SOURCE_NAME, SOURCE_NAME_A, SearchIndex
from newsreader.store.settings import FeedSettingsRecords
from newsreader.store.sync import SyncRecords
from newsreader.store.times import stored_datetime

PARAGRAPH_SEPARATOR = "\n\n"
logger = logging.getLogger(__name__)


class StoreError(Exception):
    """The database cannot be used; the message says why and what was left untouched."""


SqlCondition = tuple[str, tuple[object, ...]]
"""An SQL condition over `articles` (columns unqualified) and its parameters."""


@dataclass(frozen=True, slots=True)
class ListFilter:
    """Which articles the list shows."""

    unread_only: bool = False
    starred_only: bool = False
    source_ids: tuple[int, ...] = ()
    """Only these sources; empty means all."""
    since: int | None = None
    """Only articles published at or after this unix time; undated ones are left out."""
    conditions: tuple[SqlCondition, ...] = ()
    """Compiled filters that must all hold (`newsreader.rules.filter_condition`)."""
    hidden: SqlCondition | None = None
    """The killfile: articles it matches are left out (and not counted)."""
    only_hidden: bool = False
    """Show only what `hidden` leaves out (`list --ignored`); nothing when there is none."""

    def where(self) -> tuple[str, list[object]]:
        """Return the SQL condition and its parameters."""
        clauses: list[str] = []
        parameters: list[object] = []
        for sql, values in self.conditions:
            clauses.append(f"({sql})")
            parameters.extend(values)
        if self.hidden is not None:
            sql, values = self.hidden
            clauses.append(f"({sql})" if self.only_hidden else f"NOT ({sql})")
            parameters.extend(values)
        elif self.only_hidden:
            clauses.append("0")
        if self.unread_only:
            clauses.append("read = 0")
        if self.starred_only:
            clauses.append("starred = 1")
        if self.source_ids:
            clauses.append(f"source_id IN ({','.join('?' * len(self.source_ids))})")
            parameters.extend(self.source_ids)
        if self.since is not None:
            # An undated article sorts by when it was first seen, which says nothing of when
            # it was published; the sort key still bounds the scan.
            clauses.append("sort_key >= ? AND published IS NOT NULL")
            parameters.append(self.since)
        return (" AND ".join(clauses) or "1"), parameters


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What saving one source changed."""

    source_id: int
    added: int
    updated: int
    unchanged: int


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """A stored source with its counts."""

    id: int
    key: str
    title: str
    location: str
    kind: str
    article_count: int
    unread_count: int


@dataclass(frozen=True, slots=True)
class ListedArticle:
    """An article row for `newsreader list`: the list row plus where it came from."""

    row: ArticleRow
    location: str


def _datetime(seconds: int | None) -> datetime | None:
    """An aware UTC datetime from unix seconds, clamped; never raises (see `stored_datetime`)."""
    return stored_datetime(seconds)


PAGE_SIZE = 8192
"""Bytes per database page, for new databases (SQLite's default is 4096)."""
_GUID_BATCH = 500
"""Guids looked up per statement (SQLite allows 32,766 parameters; 500 keeps each small)."""
_INSERT_BATCH = 1_000
"""New articles written per statement: few statements, and a large draft's encoded articles
are not all held at once."""


def content_hash(draft: ArticleDraft) -> str:
    """A digest of everything shown of an article, to skip rewriting unchanged ones."""
    return encode_article(draft).digest


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration script, one by one (a trigger's body keeps its `;`)."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""


class Store(FeedRecords, FeedSettingsRecords, PageRecords, SearchIndex, SyncRecords, StoreBase):
    """The article database. One instance per thread: sqlite3 connections are not shared."""

    def __init__(self, path: Path | str) -> None:
        """Open (creating or upgrading) the database at `path`.

        Raises:
            StoreError: the file is not a usable database or has a newer schema.
        """
        self.path = Path(path) if str(path) != ":memory:" else None
        self._connection = self._connect(str(path))
        self._migrate()

    def _connect(self, target: str) -> sqlite3.Connection:
        """Open the file and check it is ours before changing anything in it."""
        try:
            connection = sqlite3.connect(target, timeout=10.0, isolation_level=None)
        except sqlite3.Error as error:
            raise StoreError(describe_open_error(target, error)) from error
        try:
            connection.execute("PRAGMA busy_timeout = 10000")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                # Before anything is written (a page size is fixed with the first page): a
                # body row (text and document, 3-4 KB) overflowed 4 KB pages; with 8 KB pages
                # a 20,000-entry import is 66 MB instead of 88 and writes half as often.
                connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            if version <= SCHEMA_VERSION:
                # WAL lets readers and one writer work at once (a second instance, the CLI).
                connection.execute("PRAGMA journal_mode = WAL")
                connection.execute("PRAGMA synchronous = NORMAL")
                connection.execute("PRAGMA foreign_keys = ON")
                # Statement journals (an FTS5 insert that merges segments needs one) spilled
                # to temp files wrote 1.1 GB for an 88 MB import of 20,000 entries; in memory
                # 0.26 GB, and the import spends a third of the system time.
                connection.execute("PRAGMA temp_store = MEMORY")
        except sqlite3.Error as error:
            connection.close()
            raise StoreError(describe_open_error(target, error)) from error
        if version > SCHEMA_VERSION:
            connection.close()
            raise StoreError(
                f"{target}: made by a newer newsreader (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); it was left untouched. Upgrade newsreader to read it."
            )
        return connection

    def _migrate(self) -> None:
        """Bring the schema up to date; a failure (disk full, read-only) says its real cause."""
        try:
            self._upgrade_schema()
        except sqlite3.Error as error:
            self._connection.close()
            raise StoreError(describe_open_error(str(self.path or ":memory:"), error)) from error

    def _upgrade_schema(self) -> None:
        """Bring the schema to SCHEMA_VERSION, backing the file up before changing old data."""
        version = self._connection.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if version > 0 and self.path is not None:
            self._back_up(self.path.with_name(f"{self.path.name}.v{version}.bak"))
        with self.transaction():
            for script in MIGRATIONS[version:]:
                for statement in _statements(script):
                    self._connection.execute(statement)
            if version < 4:
                self._rekey_local_sources()
            self._connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _back_up(self, target: Path) -> None:
        """Copy the whole database (WAL included) to `target` with SQLite's backup API."""
        backup = sqlite3.connect(target)
        try:
            self._connection.backup(backup)
        finally:
            backup.close()

    def close(self) -> None:
        """Close the connection, refreshing the query planner's statistics first."""
        self.optimize()
        self._connection.close()

    def optimize(self) -> None:
        """Let SQLite refresh its statistics where they are missing or stale (sampled, a few
        milliseconds). Without them the planner cannot tell a full-text list of 10,000 ids
        from the 60,000 unread articles, and counts a query feed by the slower of the two."""
        try:
            self._connection.execute("PRAGMA busy_timeout = 100")
            self._connection.execute("PRAGMA analysis_limit = 400")
            self._connection.execute("PRAGMA optimize")
        except sqlite3.Error:
            # Only statistics: another writer holds the lock, or the file is read-only.
            logger.info("query planner statistics not refreshed", exc_info=True)

    # --- sources -----------------------------------------------------------------------------

    def save_source(self, draft: SourceDraft, kind: str = "local") -> ImportResult:
        """Insert or update a source and all its articles in one transaction.

        Articles are matched by (source, guid); read and starred state is kept, and unchanged
        articles are not rewritten. Articles missing from the draft are left in place. New
        articles are written in batches (a statement each for articles, bodies and search);
        an entry repeated in the draft is stored once, with its last content.
        """
        now = int(time.time())
        added = updated = unchanged = 0
        with self.transaction():
            if kind == "local":
                self._adopt_moved_source(draft)
            source_id = self._upsert_source(draft, kind, now)
            title = _capped(draft.title, MAX_TITLE_CHARS) or draft.key
            known = self._stored_digests(source_id, draft.guids)
            new: dict[str, EncodedArticle] = {}
            for article in itertools.chain(map(encode_article, draft.articles), draft.encoded):
                previous = known.get(article.guid)
                # A page's text stored as the body adds its digest; the feed's part decides.
                if previous is not None and feed_digest(previous) == article.digest:
                    unchanged += 1
                elif previous is None or article.guid in new:
                    new[article.guid] = article  # first place, last content
                    if len(new) >= _INSERT_BATCH:
                        added += self._insert_articles(source_id, new, now, source_title=title)
                        new = {}
                else:
                    self._update_article(source_id, article, now, source_title=title)
                    updated += 1
                known[article.guid] = article.digest
            added += self._insert_articles(source_id, new, now, source_title=title)
            self._record_local_files(source_id, draft.files)
        return ImportResult(source_id, added, updated, unchanged)

    def _stored_digests(self, source_id: int, guids: list[str]) -> dict[str, str]:
        """{guid: content_hash} of the stored articles among `guids` in this source.

        Only the draft's own guids are read: a large folder arrives in parts, and reading the
        whole source for each part made an import quadratic (100,000 entries: 26 s of 50).
        """
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(guids))
        for start in range(0, len(unique), _GUID_BATCH):
            batch = unique[start : start + _GUID_BATCH]
            marks = ",".join("?" * len(batch))
            found.update(
                self._connection.execute(
                    "SELECT guid, content_hash FROM articles "
                    f"WHERE source_id = ? AND guid IN ({marks})",
                    (source_id, *batch),
                ).fetchall()
            )
        return found

    def local_files(self, key: str) -> dict[str, LocalFile]:
        """The files of the local source `key` as last read, by path inside its folder.

        Returns:
            {path: LocalFile}; empty when no such source is stored.
        """
        rows = self._connection.execute(
            """
            SELECT f.path, f.size, f.modified_ns, f.reader, f.errors FROM local_files f
            JOIN sources s ON s.id = f.source_id WHERE s.key = ?
            """,
            (key,),
        )
        return {
            path: LocalFile(
                path, size, modified_ns, reader, tuple(filter(None, errors.split("\n")))
            )
            for path, size, modified_ns, reader, errors in rows
        }

    def _record_local_files(self, source_id: int, files: tuple[LocalFile, ...]) -> None:
        self._connection.executemany(
            """
            INSERT OR REPLACE INTO local_files (source_id, path, size, modified_ns, reader, errors)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [
                (source_id, f.path, f.size, f.modified_ns, f.reader, "\n".join(f.errors))
                for f in files
            ],
        )

    def _adopt_moved_source(self, draft: SourceDraft) -> None:
        """A local folder seen at a new path takes over the source it was stored as.

        The old source must be gone from disk and hold at least half of the draft's articles
        (by relative path; a large folder arrives in parts, so the draft may be one part of
        it), so a new folder that merely has the same name is a source of its own.
        """
        exists = self._connection.execute(
            "SELECT 1 FROM sources WHERE key = ?", (draft.key,)
        ).fetchone()
        wanted = set(draft.guids)
        if exists is not None or not wanted:
            return
        candidates = self._connection.execute(
            "SELECT id, location FROM sources WHERE kind = 'local' AND key != ?", (draft.key,)
        ).fetchall()
        for source_id, location in candidates:
            if Path(location).exists():
                continue
            stored = {
                guid
                for (guid,) in self._connection.execute(
                    "SELECT guid FROM articles WHERE source_id = ?", (source_id,)
                )
            }
            shared = len(wanted & stored)
            if shared * 2 >= len(wanted) and shared * 2 >= min(len(stored), len(wanted)):
                self._connection.execute(
                    "UPDATE sources SET key = ?, location = ? WHERE id = ?",
                    (draft.key, draft.location, source_id),
                )
                return

    def _rekey_local_sources(self) -> None:
        """Schema 4: local sources keyed by resolved path (`local:/path`), not folder name.

        The rule is `newsreader.ingest.formats.source_folder`, applied to the stored location
        without touching the disk: a feed file is its own source, another file belongs to its
        folder, a folder is itself.
        """
        rows = self._connection.execute(
            "SELECT id, key, location FROM sources WHERE kind = 'local'"
        ).fetchall()
        for source_id, key, location in rows:
            if not key.startswith("local:") or key.startswith("local:/"):
                continue
            path = Path(location)
            # The disk is not asked: a stored location with an article suffix was a file.
            folder = source_folder(path, is_dir=path.suffix.lower() not in ARTICLE_SUFFIXES)
            self._connection.execute(
                "UPDATE OR IGNORE sources SET key = ? WHERE id = ?", (f"local:{folder}", source_id)
            )

    def _upsert_source(self, draft: SourceDraft, kind: str, now: int) -> int:
        error = "; ".join(draft.errors) or None
        row = self._connection.execute(
            """
            INSERT INTO sources
                (key, title, location, kind, added_at, refreshed_at, last_error, succeeded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (key) DO UPDATE SET title = excluded.title,
                location = excluded.location, refreshed_at = excluded.refreshed_at,
                last_error = excluded.last_error,
                succeeded_at = coalesce(excluded.succeeded_at, sources.succeeded_at)
            RETURNING id
            """,
            (
                draft.key,
                _capped(draft.title, MAX_TITLE_CHARS) or draft.key,
                draft.location,
                kind,
                now,
                now,
                error,
                None if error else now,
            ),
        ).fetchone()
        return int(row[0])

    @staticmethod
    def _row_values(article: EncodedArticle, source_title: str) -> tuple[object, ...]:
        """The article columns insert and update share, in the order both statements name them."""
        return (
            # The source's own title is not copied into every row (see SOURCE_NAME).
            ""
            if article.source_name == source_title
            else article.source_name[:MAX_SOURCE_NAME_CHARS],
            article.title,
            article.published,
            article.dateline,
            article.link,
            article.author,
            article.location,
            article.digest,
        )

    def _insert_articles(
        self, source_id: int, batch: dict[str, EncodedArticle], now: int, *, source_title: str
    ) -> int:
        """Insert new articles, searchable and waiting for quotes, three statements in all.

        Ids are given here (after the largest), so bodies and search rows need no lookup;
        the caller's transaction holds the write lock, so no other writer takes them.

        Returns:
            How many were inserted.
        """
        articles = list(batch.values())
        if not articles:
            return 0
        (largest,) = self._connection.execute(
            "SELECT coalesce(max(id), 0) FROM articles"
        ).fetchone()
        ids = range(int(largest) + 1, int(largest) + 1 + len(articles))
        self._connection.executemany(
            """
            INSERT INTO articles (source_name, title, published, dateline, link, author,
                location, content_hash, sort_key, id, source_id, guid, added_at, indexed,
                quotes_version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0)
            """,
            [
                (
                    *self._row_values(article, source_title),
                    article.published if article.published is not None else now,
                    article_id,
                    source_id,
                    article.guid,
                    now,
                )
                for article_id, article in zip(ids, articles, strict=True)
            ],
        )
        self._connection.executemany(
            "INSERT OR REPLACE INTO bodies (article_id, body, document) VALUES (?, ?, ?)",
            [
                (article_id, article.body, article.document)
                for article_id, article in zip(ids, articles, strict=True)
            ],
        )
        self._add_search_rows(
            (article_id, article.title, article.body)
            for article_id, article in zip(ids, articles, strict=True)
        )
        return len(articles)

    def _update_article(
        self, source_id: int, article: EncodedArticle, now: int, *, source_title: str
    ) -> None:
        """Rewrite a stored article whose content changed (its read and starred state stay)."""
        # The search entry must go while the old text is still there to rebuild it from.
        self._unindex_guid(source_id, article.guid)
        values = self._row_values(article, source_title)
        row = self._connection.execute(
            """
            UPDATE articles SET source_name = ?, title = ?, published = ?, dateline = ?,
                link = ?, author = ?, location = ?, content_hash = ?,
                sort_key = coalesce(?, sort_key)
            WHERE source_id = ? AND guid = ? RETURNING id
            """,
            (*values, article.published, source_id, article.guid),
        ).fetchone()
        # An entry whose page text is stored keeps it; the feed's new body is its summary.
        body = self._kept_page_body(row[0], article.body, article.document, article.digest)
        if body is None:
            self._connection.execute(
                "INSERT OR REPLACE INTO bodies (article_id, body, document) VALUES (?, ?, ?)",
                (row[0], article.body, article.document),
            )
            body = article.body
        self._index_text(row[0], article.title, body)

    def _unindex_guid(self, source_id: int, guid: str) -> None:
        found = self._connection.execute(
            "SELECT id FROM articles WHERE source_id = ? AND guid = ?", (source_id, guid)
        ).fetchone()
        if found is not None:
            self._unindex(int(found[0]))

    def sources(self, hidden: SqlCondition | None = None) -> list[SourceInfo]:
        """All sources with article and unread counts, by title (the user's title if set).

        Args:
            hidden: The killfile: articles it matches are not counted.
        """
        rows = self._connection.execute(
            """
            SELECT s.id, s.key, coalesce(s.title_override, s.title), s.location, s.kind,
                   coalesce(c.total, 0), coalesce(c.unread, 0)
            FROM sources s LEFT JOIN source_counts c ON c.source_id = s.id
            ORDER BY coalesce(s.title_override, s.title) COLLATE NOCASE
            """
        ).fetchall()
        if hidden is None:
            return [SourceInfo(*row) for row in rows]
        counts = self._counts_by_source(hidden)
        return [
            SourceInfo(id, key, title, location, kind, *counts.get(id, (0, 0)))
            for id, key, title, location, kind, _, _ in rows
        ]

    def _counts_by_source(self, hidden: SqlCondition) -> dict[int, tuple[int, int]]:
        """(articles, unread) of each source, leaving out what `hidden` matches."""
        sql, parameters = hidden
        cursor = self._connection.execute(
            f"""
            SELECT source_id, count(*), coalesce(sum(read = 0), 0) FROM articles
            WHERE NOT ({sql}) GROUP BY source_id
            """,
            parameters,
        )
        return {source_id: (total, unread) for source_id, total, unread in cursor}

    def unread_counts(
        self, conditions: Sequence[SqlCondition], hidden: SqlCondition | None = None
    ) -> list[int]:
        """Unread articles matching each condition (query feeds), in order, in one statement
        (see `newsreader.store.counting`: indexed filters by their index, the others in one
        shared pass, the killfile worked out once).

        Args:
            conditions: Compiled filters; one count each, in order.
            hidden: The killfile: articles it matches are not counted.
        """
        if not conditions:
            return []
        whole_pass = [needs_whole_pass(self._connection, condition) for condition in conditions]
        sql, parameters = count_statement(conditions, whole_pass, hidden)
        row = self._connection.execute(sql, parameters).fetchone()
        return [int(count) for count in row]

    def source_count(self) -> int:
        """How many sources are stored."""
        return int(self._connection.execute("SELECT count(*) FROM sources").fetchone()[0])

    def source_ids_for_keys(self, keys: Sequence[str]) -> tuple[int, ...]:
        """Ids of the sources with these keys (unknown keys are skipped)."""
        found: list[int] = []
        for key in keys:
            row = self._connection.execute("SELECT id FROM sources WHERE key = ?", (key,))
            found.extend(int(value) for (value,) in row.fetchall())
        return tuple(found)

    # --- the article list --------------------------------------------------------------------

    def _kept_count(self, list_filter: ListFilter, *, unread: bool) -> int | None:
        """The count the triggers keep (`source_counts`) when the filter is all or some
        sources, unread or not; None when it has to be counted."""
        plain = ListFilter(unread_only=list_filter.unread_only, source_ids=list_filter.source_ids)
        if list_filter != plain:
            return None
        column = "unread" if unread or list_filter.unread_only else "total"
        where, parameters = "1", list(list_filter.source_ids)
        if parameters:
            where = f"source_id IN ({','.join('?' * len(parameters))})"
        row = self._connection.execute(
            f"SELECT coalesce(sum({column}), 0) FROM source_counts WHERE {where}", parameters
        ).fetchone()
        return int(row[0])

    def count(self, list_filter: ListFilter = ListFilter()) -> int:
        """How many articles the filter shows."""
        kept = self._kept_count(list_filter, unread=False)
        if kept is not None:
            return kept
        where, parameters = list_filter.where()
        return int(
            self._connection.execute(
                f"SELECT count(*) FROM articles WHERE {where}", parameters
            ).fetchone()[0]
        )

    def rows(
        self,
        list_filter: ListFilter = ListFilter(),
        offset: int = 0,
        limit: int = 100,
        *,
        total: int | None = None,
    ) -> list[ArticleRow]:
        """One page of list rows, newest first.

        Args:
            list_filter: Which articles.
            offset: Index of the first row.
            limit: How many rows.
            total: The filter's row count, when the caller knows it: pages in the older half
                are then read from the other end of the index, so `OFFSET` never walks more
                than half the list (the jump to the end stays as fast as the start).
        """
        where, parameters = list_filter.where()
        from_end = total is not None and offset > total // 2
        if from_end and total is not None:
            start = max(0, total - offset - limit)
            limit = min(limit, total - offset)
            offset, order = start, "ASC"
        else:
            order = "DESC"
        cursor = self._connection.execute(
            f"""
            SELECT id, {SOURCE_NAME}, title, published, read, starred FROM articles
            WHERE {where} ORDER BY sort_key {order}, id {order} LIMIT ? OFFSET ?
            """,
            [*parameters, max(0, limit), offset],
        )
        rows = [
            ArticleRow(id, source, title, _datetime(published), bool(read), bool(starred))
            for id, source, title, published, read, starred in cursor
        ]
        return rows[::-1] if from_end else rows

    def position(self, article_id: int, list_filter: ListFilter = ListFilter()) -> int | None:
        """Index of an article in the filtered list, or None when the filter hides it."""
        where, parameters = list_filter.where()
        anchor = self._connection.execute(
            f"SELECT sort_key FROM articles WHERE id = ? AND {where}", [article_id, *parameters]
        ).fetchone()
        if anchor is None:
            return None
        before = self._connection.execute(
            f"""
            SELECT count(*) FROM articles
            WHERE {where} AND (sort_key > ? OR (sort_key = ? AND id > ?))
            """,
            [*parameters, anchor[0], anchor[0], article_id],
        ).fetchone()
        return int(before[0])

    def next_unread(
        self,
        after_id: int | None,
        list_filter: ListFilter = ListFilter(),
        *,
        backwards: bool = False,
    ) -> int | None:
        """The id of the next (or previous) unread article in list order, across sources.

        Args:
            after_id: Start from this article; None starts at the top (or bottom, backwards).
            list_filter: The list's filter; unread-ness is added to it.
            backwards: Search towards newer articles instead of older ones.
        """
        where, parameters = list_filter.where()
        order = "ASC" if backwards else "DESC"
        condition = "1"
        if after_id is not None:
            anchor = self._connection.execute(
                "SELECT sort_key FROM articles WHERE id = ?", (after_id,)
            ).fetchone()
            if anchor is not None:
                compare = ">" if backwards else "<"
                condition = f"(sort_key, id) {compare} (?, ?)"
                parameters = [*parameters, anchor[0], after_id]
        row = self._connection.execute(
            f"""
            SELECT id FROM articles WHERE {where} AND read = 0 AND {condition}
            ORDER BY sort_key {order}, id {order} LIMIT 1
            """,
            parameters,
        ).fetchone()
        return None if row is None else int(row[0])

    def ids_matching(self, article_ids: Sequence[int], condition: SqlCondition) -> set[int]:
        """Which of these articles a compiled filter matches (the killfile over search hits)."""
        found: set[int] = set()
        for start in range(0, len(article_ids), 500):  # SQLite caps the number of parameters
            chunk = list(article_ids[start : start + 500])
            cursor = self._connection.execute(
                f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(chunk))}) "
                f"AND ({condition[0]})",
                [*chunk, *condition[1]],
            )
            found.update(article_id for (article_id,) in cursor)
        return found

    def rows_for_ids(self, article_ids: Sequence[int]) -> list[ArticleRow]:
        """List rows for these articles, in the order given (ids that are gone are skipped)."""
        if not article_ids:
            return []
        cursor = self._connection.execute(
            f"""
            SELECT id, {SOURCE_NAME}, title, published, read, starred FROM articles
            WHERE id IN ({",".join("?" * len(article_ids))})
            """,
            list(article_ids),
        )
        found = {
            id: ArticleRow(id, source, title, _datetime(published), bool(read), bool(starred))
            for id, source, title, published, read, starred in cursor
        }
        return [found[article_id] for article_id in article_ids if article_id in found]

    def mark_all_read(self, list_filter: ListFilter) -> int:
        """Mark every article the filter shows read, in one transaction; returns how many."""
        where, parameters = list_filter.where()
        with self.transaction():
            cursor = self._connection.execute(
                f"UPDATE articles SET read = 1 WHERE read = 0 AND {where}", parameters
            )
        return cursor.rowcount

    def reading_offset(self, article_id: int) -> int:
        """How far down the reader had scrolled this article (0 when never scrolled)."""
        row = self._connection.execute(
            "SELECT offset_y FROM reading_offsets WHERE article_id = ?", (article_id,)
        ).fetchone()
        return 0 if row is None else int(row[0])

    def set_reading_offset(self, article_id: int, offset_y: int) -> None:
        """Remember how far down an article the reader is (0 forgets it)."""
        with self.transaction():
            if offset_y > 0:
                self._connection.execute(
                    "INSERT OR REPLACE INTO reading_offsets (article_id, offset_y) VALUES (?, ?)",
                    (article_id, offset_y),
                )
            else:
                self._connection.execute(
                    "DELETE FROM reading_offsets WHERE article_id = ?", (article_id,)
                )

    def source_title(self, source_id: int) -> str | None:
        """The name of a source (the user's title for it, if set), or None if it is gone."""
        row = self._connection.execute(
            "SELECT coalesce(title_override, title) FROM sources WHERE id = ?", (source_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    def source_of(self, article_id: int) -> int | None:
        """The id of the source an article belongs to."""
        row = self._connection.execute(
            "SELECT source_id FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return None if row is None else int(row[0])

    def listed_for_ids(self, article_ids: Sequence[int]) -> list[ListedArticle]:
        """`listed` rows for these articles, in the order given (gone ids are skipped)."""
        if not article_ids:
            return []
        cursor = self._connection.execute(
            f"""
            SELECT id, {SOURCE_NAME}, title, published, read, starred, coalesce(link, location)
            FROM articles WHERE id IN ({",".join("?" * len(article_ids))})
            """,
            list(article_ids),
        )
        found = {
            row[0]: ListedArticle(
                ArticleRow(row[0], row[1], row[2], _datetime(row[3]), bool(row[4]), bool(row[5])),
                row[6],
            )
            for row in cursor
        }
        return [found[article_id] for article_id in article_ids if article_id in found]

    def listed(self, list_filter: ListFilter = ListFilter()) -> Iterator[ListedArticle]:
        """Every article the filter shows, newest first, with its file path or URL."""
        where, parameters = list_filter.where()
        cursor = self._connection.execute(
            f"""
            SELECT id, {SOURCE_NAME}, title, published, read, starred, coalesce(link, location)
            FROM articles WHERE {where} ORDER BY sort_key DESC, id DESC
            """,
            parameters,
        )
        for id, source, title, published, read, starred, location in cursor:
            row = ArticleRow(id, source, title, _datetime(published), bool(read), bool(starred))
            yield ListedArticle(row, location)

    # --- one article -------------------------------------------------------------------------

    def article(self, article_id: int) -> Article | None:
        """The whole article with its body, or None if it is gone."""
        row = self._connection.execute(
            f"""
            SELECT a.id, a.source_id, {SOURCE_NAME_A}, a.guid, a.title, b.body, a.published,
                   a.dateline, a.link, a.author, a.location, a.read, a.starred, b.document
            FROM articles a LEFT JOIN bodies b ON b.article_id = a.id WHERE a.id = ?
            """,
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        return Article(
            id=row[0],
            source_id=row[1],
            source_name=row[2],
            guid=row[3],
            title=row[4],
            document=document_from_row(row[13], row[5]),
            published=_datetime(row[6]),
            dateline=row[7],
            link=row[8],
            author=row[9],
            location=row[10],
            read=bool(row[11]),
            starred=bool(row[12]),
        )

    def set_read(self, article_id: int, read: bool) -> None:
        """Mark one article read or unread (committed before this returns)."""
        with self.transaction():
            self._connection.execute(
                "UPDATE articles SET read = ? WHERE id = ?", (int(read), article_id)
            )

    def set_starred(self, article_id: int, starred: bool) -> None:
        """Star or unstar one article (committed before this returns)."""
        with self.transaction():
            self._connection.execute(
                "UPDATE articles SET starred = ? WHERE id = ?", (int(starred), article_id)
            )

    def state(self, article_id: int) -> tuple[bool, bool] | None:
        """(read, starred) of one article, or None if it is gone."""
        row = self._connection.execute(
            "SELECT read, starred FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return None if row is None else (bool(row[0]), bool(row[1]))

    def unread_count(self, list_filter: ListFilter = ListFilter()) -> int:
        """How many unread articles the filter shows."""
        kept = self._kept_count(list_filter, unread=True)
        if kept is not None:
            return kept
        where, parameters = list_filter.where()
        return int(
            self._connection.execute(
                f"SELECT count(*) FROM articles WHERE {where} AND read = 0", parameters
            ).fetchone()[0]
        )
