"""Full-text search (FTS5) and the quotes index behind the speakers view.

Saving an article writes its row of the contentless FTS5 table `article_search` (title, body,
quotes, speakers) in the same transaction, with empty quotes: every stored article is
searchable the moment it is stored. Quotes come later from `newsreader.services.indexing`,
which runs the extractor (in processes) over `articles_for_quotes` and hands the results to
`save_quotes`, stamped with the extractor version; this module never imports the extractor.
A contentless table keeps no copy of the text, so replacing an entry means handing FTS5 the
same values again: `_forget_search_row` rebuilds them from the stored article and quotes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
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
RANKED_MATCHES = 5_000
"""Matches ranked at most per search (see `SearchIndex.search`)."""
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
class PendingArticle:
    """An article waiting for quote analysis: what the extractor needs, and what it was."""

    id: int
    content_hash: str
    """The article's content digest when read; quotes are saved only if it is unchanged."""
    paragraphs: tuple[str, ...]


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
    "coalesce(nullif(source_name, ''), "
    "(SELECT coalesce(s.title_override, s.title) FROM sources s WHERE s.id = source_id))"
)
"""An article's source name in SQL: stored empty when it is the source's own title, so a
feed's title is stored once and not copied into every row (the user's title for the feed, when
set, wins)."""
SOURCE_NAME_A = SOURCE_NAME.replace("source_name", "a.source_name").replace(
    "= source_id", "= a.source_id"
)


class SearchIndex(StoreBase):
    """Store methods that keep and query the search index and the quotes table."""

    # --- keeping the index ---------------------------------------------------------------

    def pending_index_count(self, version: int) -> int:
        """How many articles have no quotes from extractor `version` yet (stale or new)."""
        return int(
            self._connection.execute(
                "SELECT count(*) FROM articles WHERE quotes_version < ?", (version,)
            ).fetchone()[0]
        )

    def articles_for_quotes(self, version: int, limit: int = INDEX_BATCH) -> list[PendingArticle]:
        """Up to `limit` articles waiting for quotes from extractor `version`, newest first.

        Articles never analysed come before those analysed by an older extractor.
        """
        cursor = self._connection.execute(
            """
            SELECT a.id, a.content_hash, coalesce(b.body, ''), b.document FROM articles a
            LEFT JOIN bodies b ON b.article_id = a.id WHERE a.quotes_version < ?
            ORDER BY a.quotes_version, a.sort_key DESC, a.id DESC LIMIT ?
            """,
            (version, limit),
        )
        return [
            PendingArticle(int(article_id), str(digest), _paragraphs(body, document))
            for article_id, digest, body, document in cursor
        ]

    def save_quotes(
        self, version: int, results: Sequence[tuple[PendingArticle, Extraction]]
    ) -> int:
        """Store what extractor `version` found, in one transaction; returns how many were saved.

        An article that changed (or was analysed by another process) since it was read is
        skipped: it is waiting again, or already done.
        """
        saved = 0
        with self.transaction():
            for pending, extraction in results:
                saved += self._save_article_quotes(version, pending, extraction)
        return saved

    def _save_article_quotes(
        self, version: int, pending: PendingArticle, extraction: Extraction
    ) -> int:
        state = self._connection.execute(
            "SELECT quotes_version, content_hash FROM articles WHERE id = ?", (pending.id,)
        ).fetchone()
        if state is None or state[0] >= version or state[1] != pending.content_hash:
            return 0
        row = self._search_row(pending.id)
        self._forget_search_row(pending.id, row)
        rows = _quote_rows(pending.id, extraction)
        self._connection.executemany(
            "INSERT INTO quotes (article_id, position, kind, speaker, text, paragraph, start, end)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        quotes, speakers = _indexed_text(rows)
        title, body = (row[1], row[2]) if row is not None else ("", "")
        self._connection.execute(
            "INSERT INTO article_search (rowid, title, body, quotes, speakers) "
            "VALUES (?, ?, ?, ?, ?)",
            (pending.id, title, body, quotes, speakers),
        )
        self._connection.execute(
            "UPDATE articles SET indexed = 1, quotes_version = ? WHERE id = ?",
            (version, pending.id),
        )
        return 1

    def _index_text(self, article_id: int, title: str, body: str) -> None:
        """The search row of a just-written article, in the caller's transaction: searchable at
        once, its quotes to follow (`quotes_version` 0)."""
        self._add_search_row(article_id, title, body)
        self._connection.execute(
            "UPDATE articles SET indexed = 1, quotes_version = 0 WHERE id = ?", (article_id,)
        )

    def _add_search_row(self, article_id: int, title: str, body: str) -> None:
        """The search row alone, for an article inserted with `indexed = 1` already."""
        self._add_search_rows([(article_id, title, body)])

    def _add_search_rows(self, rows: Iterable[tuple[int, str, str]]) -> None:
        """Search rows of (article id, title, body), for articles inserted with `indexed = 1`."""
        self._connection.executemany(
            "INSERT INTO article_search (rowid, title, body, quotes, speakers) "
            "VALUES (?, ?, ?, '', '')",
            rows,
        )

    def _search_row(self, article_id: int) -> tuple[int, str, str] | None:
        """(indexed, title, body) as the search row holds them, or None if the article is gone."""
        row = self._connection.execute(
            """
            SELECT a.indexed, a.title, coalesce(b.body, '') FROM articles a
            LEFT JOIN bodies b ON b.article_id = a.id WHERE a.id = ?
            """,
            (article_id,),
        ).fetchone()
        return None if row is None else (int(row[0]), str(row[1]), str(row[2]))

    def _forget_search_row(self, article_id: int, row: tuple[int, str, str] | None) -> None:
        """Delete the search row and quotes. A contentless FTS5 table needs the same values
        back to delete a row, so they are rebuilt from the stored article and quotes."""
        if row is None:
            return
        if row[0]:
            rows = self._connection.execute(
                "SELECT article_id, position, kind, speaker, text FROM quotes "
                "WHERE article_id = ? ORDER BY position",
                (article_id,),
            ).fetchall()
            quotes, speakers = _indexed_text(rows)
            self._connection.execute(
                "INSERT INTO article_search (article_search, rowid, title, body, quotes, speakers)"
                " VALUES ('delete', ?, ?, ?, ?, ?)",
                (article_id, row[1], row[2], quotes, speakers),
            )
        self._connection.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))

    def _unindex(self, article_id: int) -> None:
        """Remove an article's quotes and search entry (inside the caller's transaction)."""
        self._forget_search_row(article_id, self._search_row(article_id))
        self._connection.execute(
            "UPDATE articles SET indexed = 0, quotes_version = 0 WHERE id = ?", (article_id,)
        )

    # --- querying ------------------------------------------------------------------------

    def search(self, query: str, limit: int = 200) -> list[int]:
        """Ids of the articles matching `query`, best match first.

        Every word must match (title, body, quotes or speakers); the last word matches as a
        prefix. An empty query matches nothing. A query matching more than `RANKED_MATCHES`
        articles (a common word, whose rank says little) gives the latest by date of the
        newest-stored `RANKED_MATCHES` instead.
        """
        expression = fts_query(query)
        if expression is None:
            return []
        # FTS5 walks a word's matches in rowid order and stops at the LIMIT; ranking is what
        # costs in proportion to the matches (a word in each of a million articles: 0.8 s),
        # and says little about a word that common. So a query matching more than
        # RANKED_MATCHES lists the latest (by date) of the newest-stored RANKED_MATCHES.
        newest = self._connection.execute(
            "SELECT rowid FROM article_search WHERE article_search MATCH ? "
            "ORDER BY rowid DESC LIMIT ?",
            (expression, RANKED_MATCHES + 1),
        ).fetchall()
        if len(newest) > RANKED_MATCHES:
            candidates = json.dumps([int(rowid) for (rowid,) in newest[:RANKED_MATCHES]])
            cursor = self._connection.execute(
                "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?)) "
                "ORDER BY sort_key DESC, id DESC LIMIT ?",
                (candidates, limit),
            )
            return [int(article_id) for (article_id,) in cursor]
        weights = ", ".join(str(weight) for weight in RANK_WEIGHTS)
        cursor = self._connection.execute(
            f"SELECT rowid FROM article_search WHERE article_search MATCH ? "
            f"ORDER BY bm25(article_search, {weights}) LIMIT ?",
            (expression, limit),
        )
        return [int(article_id) for (article_id,) in cursor]

    def speakers(
        self,
        name_filter: str = "",
        limit: int = 500,
        hidden: tuple[str, tuple[object, ...]] | None = None,
    ) -> list[SpeakerCount]:
        """Speakers with the most quotes first; `name_filter` matches any part of the name.

        `hidden` is the killfile's condition over `articles`: their quotes are not counted.
        """
        visible, values = _visible(hidden, "article_id")
        cursor = self._connection.execute(
            f"""
            SELECT speaker, count(*), count(DISTINCT article_id) FROM quotes
            WHERE speaker IS NOT NULL AND kind IN ('statement', 'fragment')
              AND speaker LIKE '%' || ? || '%' ESCAPE '\\'{visible}
            GROUP BY speaker COLLATE NOCASE ORDER BY count(*) DESC, speaker LIMIT ?
            """,
            (_like_escape(name_filter), *values, limit),
        )
        return [
            SpeakerCount(str(name), int(quotes), int(articles)) for name, quotes, articles in cursor
        ]

    def quotes_by(
        self,
        speaker: str,
        *,
        exact: bool = True,
        limit: int = 1000,
        hidden: tuple[str, tuple[object, ...]] | None = None,
    ) -> list[StoredQuote]:
        """A speaker's quotes across articles, newest article first.

        Args:
            speaker: The name; with `exact=False`, any part of it, case-insensitive.
            exact: Match the whole name (case-insensitive) or any part of it.
            limit: At most this many quotes.
            hidden: The killfile's condition over `articles`: their quotes are left out.
        """
        condition = "q.speaker = ? COLLATE NOCASE" if exact else "q.speaker LIKE ? ESCAPE '\\'"
        value = speaker if exact else f"%{_like_escape(speaker)}%"
        visible, values = _visible(hidden, "q.article_id")
        cursor = self._connection.execute(
            f"""
            SELECT q.article_id, q.position, q.kind, q.speaker, q.text, q.paragraph, q.start,
                   q.end, a.title, {SOURCE_NAME_A}, a.published
            FROM quotes q JOIN articles a ON a.id = q.article_id
            WHERE {condition} AND q.kind IN ('statement', 'fragment'){visible}
            ORDER BY a.sort_key DESC, a.id DESC, q.position LIMIT ?
            """,
            (value, *values, limit),
        )
        return [_stored_quote(row) for row in cursor]

    def all_quotes(
        self, limit: int = 1_000_000, hidden: tuple[str, tuple[object, ...]] | None = None
    ) -> Iterator[StoredQuote]:
        """Every stored statement with a speaker, newest article first (for export).

        `hidden` is the killfile's condition over `articles`: their quotes are left out.
        """
        visible, values = _visible(hidden, "q.article_id")
        cursor = self._connection.execute(
            f"""
            SELECT q.article_id, q.position, q.kind, q.speaker, q.text, q.paragraph, q.start,
                   q.end, a.title, {SOURCE_NAME_A}, a.published
            FROM quotes q JOIN articles a ON a.id = q.article_id
            WHERE q.kind IN ('statement', 'fragment') AND q.speaker IS NOT NULL{visible}
            ORDER BY a.sort_key DESC, a.id DESC, q.position LIMIT ?
            """,
            (*values, limit),
        )
        for row in cursor:
            yield _stored_quote(row)


def _visible(
    hidden: tuple[str, tuple[object, ...]] | None, article_id: str
) -> tuple[str, tuple[object, ...]]:
    """An `AND` clause leaving out the articles the killfile hides, and its parameters."""
    if hidden is None:
        return "", ()
    sql, values = hidden
    return f" AND {article_id} NOT IN (SELECT id FROM articles WHERE ({sql}))", values


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
