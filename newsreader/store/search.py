"""Full-text search (FTS5) and the quotes index behind the speakers view.

Saving an article leaves it `indexed = 0`; `index_pending` runs the extractor over such articles
in batches (off the UI thread, after an import or refresh) and writes their quotes and one row
of the contentless FTS5 table `article_search` (title, body, quotes, speakers). A contentless
table keeps no copy of the text, so removing an entry means handing FTS5 the same values again:
`_unindex` rebuilds them from the stored article before its text changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from newsreader.models import Extraction, Post, QuoteKind
from newsreader.store.base import StoreBase
from newsreader.store.documents import document_from_row
from newsreader.store.times import stored_datetime

PARAGRAPH_SEPARATOR = "\n\n"
INDEX_BATCH = 200
# bm25 weights for (title, body, quotes, speakers): a hit in the title or on a speaker's name
# says more about an article than one word somewhere in its body.
RANK_WEIGHTS = (8.0, 1.0, 2.0, 4.0)
_QUERY_TERM = re.compile(r"\w+", re.UNICODE)


def search_terms(query: str) -> list[str]:
    """The words of a user's query, lower-cased, in order (punctuation and operators dropped)."""
    return [term.lower() for term in _QUERY_TERM.findall(query)]


def fts_query(query: str) -> str | None:
    """An FTS5 MATCH expression for what a person typed: every word must match, the last as a
    prefix (results appear while typing). None when the query has no words.

    User text never reaches FTS5 syntax: each word is quoted, so `AND`, `*`, `"` or `:` in the
    query are plain words.
    """
    terms = search_terms(query)
    if not terms:
        return None
    quoted = [f'"{term}"' for term in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


@dataclass(frozen=True, slots=True)
class SpeakerCount:
    """A speaker and how many of their quotes are stored."""

    speaker: str
    quote_count: int
    article_count: int


@dataclass(frozen=True, slots=True)
class StoredQuote:
    """One stored quote or post with the article it belongs to."""

    article_id: int
    position: int
    kind: str
    speaker: str | None
    text: str
    paragraph: int
    start: int
    end: int
    title: str
    source_name: str
    published: datetime | None


def _quote_rows(article_id: int, extraction: Extraction) -> list[tuple[object, ...]]:
    """Rows for the quotes table: statements, fragments and scare quotes, then posts."""
    rows: list[tuple[object, ...]] = []
    for position, quote in enumerate(extraction.quotes):
        first = quote.spans[0] if quote.spans else None
        rows.append((article_id, position, str(quote.kind), quote.speaker, quote.text,
                     first.paragraph if first else 0, first.start if first else 0,
                     first.end if first else 0))  # fmt: skip
    offset = len(extraction.quotes)
    for number, post in enumerate(extraction.posts):
        rows.append((article_id, offset + number, "post", _post_speaker(post), post.text,
                     post.paragraph, 0, 0))  # fmt: skip
    return rows


def _post_speaker(post: Post) -> str:
    return post.author or post.handle


def _indexed_text(rows: list[tuple[object, ...]]) -> tuple[str, str]:
    """The quotes and speakers columns of the search index, from quote rows in order."""
    quotes = "\n".join(str(row[4]) for row in rows if row[2] != QuoteKind.SCARE)
    speakers = "\n".join(sorted({str(row[3]) for row in rows if row[3]}))
    return quotes, speakers


SOURCE_NAME = (
    "coalesce(nullif(source_name, ''), (SELECT s.title FROM sources s WHERE s.id = source_id))"
)
"""An article's source name in SQL: stored empty when it is the source's own title, so a
feed's title is stored once and not copied into every row."""
SOURCE_NAME_A = SOURCE_NAME.replace("source_name", "a.source_name").replace(
    "= source_id", "= a.source_id"
)


class SearchIndex(StoreBase):
    """Store methods that keep and query the search index and the quotes table."""

    # --- keeping the index ---------------------------------------------------------------

    def pending_index_count(self) -> int:
        """How many articles still wait for extraction and indexing."""
        return int(
            self._connection.execute("SELECT count(*) FROM articles WHERE indexed = 0").fetchone()[
                0
            ]
        )

    def index_pending(self, limit: int = INDEX_BATCH) -> int:
        """Extract and index up to `limit` waiting articles in one transaction.

        Returns:
            How many were indexed (0 when nothing is waiting).
        """
        waiting = self._connection.execute(
            """
            SELECT a.id, a.title, coalesce(b.body, ''), b.document FROM articles a
            LEFT JOIN bodies b ON b.article_id = a.id WHERE a.indexed = 0 LIMIT ?
            """,
            (limit,),
        ).fetchall()
        if not waiting:
            return 0
        # Imported here: the extractor is only needed once there is something to index, and
        # loading it at import time would slow every start of the app.
        from newsreader.extract.bounded import extract_within_bound

        prepared = []
        for article_id, title, body, doc in waiting:
            found = extract_within_bound(_paragraphs(body, doc)) or Extraction()
            prepared.append((article_id, title, body, _quote_rows(article_id, found)))
        with self.transaction():
            for article_id, title, body, rows in prepared:
                self._write_index(article_id, title, body, rows)
        return len(prepared)

    def index_all(self) -> int:
        """Index every waiting article (for the CLI and tests); returns how many."""
        total = 0
        while count := self.index_pending():
            total += count
        return total

    def _write_index(
        self, article_id: int, title: str, body: str, rows: list[tuple[object, ...]]
    ) -> None:
        # Guard against an article indexed meanwhile by another connection.
        state = self._connection.execute(
            "SELECT indexed FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if state is None or state[0]:
            return
        quotes, speakers = _indexed_text(rows)
        self._connection.executemany(
            "INSERT INTO quotes (article_id, position, kind, speaker, text, paragraph, start, end)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        self._connection.execute(
            "INSERT INTO article_search (rowid, title, body, quotes, speakers) "
            "VALUES (?, ?, ?, ?, ?)",
            (article_id, title, body, quotes, speakers),
        )
        self._connection.execute("UPDATE articles SET indexed = 1 WHERE id = ?", (article_id,))

    def _unindex(self, article_id: int) -> None:
        """Remove an article's quotes and search entry (inside the caller's transaction)."""
        row = self._connection.execute(
            """
            SELECT a.indexed, a.title, coalesce(b.body, '') FROM articles a
            LEFT JOIN bodies b ON b.article_id = a.id WHERE a.id = ?
            """,
            (article_id,),
        ).fetchone()
        if row is None or not row[0]:
            return
        rows = self._connection.execute(
            "SELECT article_id, position, kind, speaker, text FROM quotes "
            "WHERE article_id = ? ORDER BY position",
            (article_id,),
        ).fetchall()
        quotes, speakers = _indexed_text(rows)
        self._connection.execute(
            "INSERT INTO article_search (article_search, rowid, title, body, quotes, speakers) "
            "VALUES ('delete', ?, ?, ?, ?, ?)",
            (article_id, row[1], row[2], quotes, speakers),
        )
        self._connection.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
        self._connection.execute("UPDATE articles SET indexed = 0 WHERE id = ?", (article_id,))

    # --- querying ------------------------------------------------------------------------

    def search(self, query: str, limit: int = 200) -> list[int]:
        """Ids of the articles matching `query`, best match first.

        Every word must match (title, body, quotes or speakers); the last word matches as a
        prefix. An empty query matches nothing.
        """
        expression = fts_query(query)
        if expression is None:
            return []
        weights = ", ".join(str(weight) for weight in RANK_WEIGHTS)
        cursor = self._connection.execute(
            f"SELECT rowid FROM article_search WHERE article_search MATCH ? "
            f"ORDER BY bm25(article_search, {weights}) LIMIT ?",
            (expression, limit),
        )
        return [int(article_id) for (article_id,) in cursor]

    def speakers(self, name_filter: str = "", limit: int = 500) -> list[SpeakerCount]:
        """Speakers with the most quotes first; `name_filter` matches any part of the name."""
        cursor = self._connection.execute(
            """
            SELECT speaker, count(*), count(DISTINCT article_id) FROM quotes
            WHERE speaker IS NOT NULL AND kind IN ('statement', 'fragment')
              AND speaker LIKE '%' || ? || '%' ESCAPE '\\'
            GROUP BY speaker COLLATE NOCASE ORDER BY count(*) DESC, speaker LIMIT ?
            """,
            (_like_escape(name_filter), limit),
        )
        return [
            SpeakerCount(str(name), int(quotes), int(articles)) for name, quotes, articles in cursor
        ]

    def quotes_by(
        self, speaker: str, *, exact: bool = True, limit: int = 1000
    ) -> list[StoredQuote]:
        """A speaker's quotes across articles, newest article first.

        Args:
            speaker: The name; with `exact=False`, any part of it, case-insensitive.
            exact: Match the whole name (case-insensitive) or any part of it.
            limit: At most this many quotes.
        """
        condition = "q.speaker = ? COLLATE NOCASE" if exact else "q.speaker LIKE ? ESCAPE '\\'"
        value = speaker if exact else f"%{_like_escape(speaker)}%"
        cursor = self._connection.execute(
            f"""
            SELECT q.article_id, q.position, q.kind, q.speaker, q.text, q.paragraph, q.start,
                   q.end, a.title, {SOURCE_NAME_A}, a.published
            FROM quotes q JOIN articles a ON a.id = q.article_id
            WHERE {condition} AND q.kind IN ('statement', 'fragment')
            ORDER BY a.sort_key DESC, a.id DESC, q.position LIMIT ?
            """,
            (value, limit),
        )
        return [_stored_quote(row) for row in cursor]

    def all_quotes(self, limit: int = 1_000_000) -> Iterator[StoredQuote]:
        """Every stored statement with a speaker, newest article first (for export)."""
        cursor = self._connection.execute(
            f"""
            SELECT q.article_id, q.position, q.kind, q.speaker, q.text, q.paragraph, q.start,
                   q.end, a.title, {SOURCE_NAME_A}, a.published
            FROM quotes q JOIN articles a ON a.id = q.article_id
            WHERE q.kind IN ('statement', 'fragment') AND q.speaker IS NOT NULL
            ORDER BY a.sort_key DESC, a.id DESC, q.position LIMIT ?
            """,
            (limit,),
        )
        for row in cursor:
            yield _stored_quote(row)


def _stored_quote(row: tuple[object, ...]) -> StoredQuote:
    published = row[10]
    return StoredQuote(
        article_id=int(row[0]),  # type: ignore[call-overload]
        position=int(row[1]),  # type: ignore[call-overload]
        kind=str(row[2]),
        speaker=None if row[3] is None else str(row[3]),
        text=str(row[4]),
        paragraph=int(row[5]),  # type: ignore[call-overload]
        start=int(row[6]),  # type: ignore[call-overload]
        end=int(row[7]),  # type: ignore[call-overload]
        title=str(row[8]),
        source_name=str(row[9]),
        published=stored_datetime(published),
    )


def _paragraphs(body: str, document: str | None) -> tuple[str, ...]:
    """What the extractor reads: the stored document's block texts (quote spans index them)."""
    return document_from_row(document, body).paragraphs


def _like_escape(text: str) -> str:
    """Escape LIKE wildcards so a name with `%` or `_` matches literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
