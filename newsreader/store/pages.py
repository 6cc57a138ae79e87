"""Full text from entries' web pages: which pages to fetch, and the page's text as the body.

When a page's main text is stored, it becomes the article's body (`bodies.body` and
`bodies.document`, so search, quotes and the article view read it like any body) and the
feed's own body moves to `bodies.summary`/`summary_document`; the `pages` row records the
fetch (URL, time of the last attempt, validators for a conditional GET, the last error).

`articles.content_hash` of such an article is the feed's digest, `/`, a digest of the page
text: a refresh compares the feed's part alone (the entry did not change because its page was
read), while a quote analysis begun on the old text sees the change and is not saved.

This module is handed documents already extracted: it never runs trafilatura or the extractor.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.models import Document
from newsreader.store.documents import body_text, document_from_row, stored_json
from newsreader.store.feeds import LOCAL_KIND
from newsreader.store.search import SearchIndex
from newsreader.text import clean_line, clean_text

__all__ = [
    "PAGE_DIGEST_SEPARATOR",
    "PAGE_NOT_FETCHED",
    "PageRecords",
    "PageState",
    "PageWanted",
    "feed_digest",
    "kept_summary_line",
]

PAGE_DIGEST_SEPARATOR = "/"
MAX_PAGE_ERROR_CHARS = 300
PAGE_NOT_FETCHED = "page not fetched: "
"""How the error line of a page the server did not give begins (left out when reasons are
counted)."""


def feed_digest(content_hash: str) -> str:
    """The feed's part of a stored `content_hash` (all of it when no page text is stored)."""
    return content_hash.partition(PAGE_DIGEST_SEPARATOR)[0]


@dataclass(frozen=True, slots=True)
class PageWanted:
    """An entry whose page is to be fetched, with the validators of its last fetch."""

    article_id: int
    source_id: int
    url: str
    etag: str | None = None
    last_modified: str | None = None
    title: str = ""
    """The entry's title (a page's opening headline repeating it is left out)."""


@dataclass(frozen=True, slots=True)
class PageState:
    """Where an article's text came from, for the article view and `show`."""

    url: str
    fetched_at: int | None
    """Unix seconds of the last fetch attempt."""
    error: str | None
    """Why the last fetch failed (the feed's summary is shown), or None."""
    from_page: bool
    """True when the body is the page's main text (the summary is kept beside it)."""

    def origin(self, *, showing_summary: bool = False) -> str:
        """Where the text shown came from, in one line: `Full text from the page (...)`, or
        `Feed summary` with why the page failed (`showing_summary`: the summary is shown
        although the page's text is stored)."""
        if showing_summary:
            return "Feed summary (the full text from the page is stored too)"
        if self.from_page:
            return "Full text from the page (the feed summary is kept)"
        if self.error:
            return f"Feed summary: {clean_line(self.error)}"
        return "Feed summary"


class PageRecords(SearchIndex):
    """Store methods for full text: pages wanted, the page as body, failures."""

    def pages_wanted(
        self, source_ids: Sequence[int] | None = None, per_source: int = 100
    ) -> list[PageWanted]:
        """Entries of full-text feeds with a link and no page fetch yet, newest first.

        An entry whose page was fetched once, or failed, is not fetched again here: the app's
        fetch key (see `page_request`) asks again, with a conditional GET. Links that are not
        http(s), and entries with no link (`url` ''), are listed too, so that every entry of
        the feed is accounted for: their refusal is recorded beside the entry. Local files
        and folders are never listed (their articles have no web page).

        Args:
            source_ids: Only these feeds (None: every feed set to full text).
            per_source: At most this many of each feed's newest entries.
        """
        query = """
            SELECT id, source_id, link, title FROM (
                SELECT a.id, a.source_id, coalesce(a.link, '') AS link, a.title, row_number() OVER (
                    PARTITION BY a.source_id ORDER BY a.sort_key DESC, a.id DESC) AS rank
                FROM articles a JOIN sources s ON s.id = a.source_id
                WHERE s.full_text = 1 AND s.kind != ?
                  AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.article_id = a.id)
                  {only}
            ) WHERE rank <= ? ORDER BY source_id, rank
        """
        parameters: list[object] = [LOCAL_KIND]
        only = ""
        if source_ids is not None:
            only = f"AND a.source_id IN ({','.join('?' * len(source_ids))})"
            parameters.extend(source_ids)
        rows = self._connection.execute(
            query.format(only=only), [*parameters, per_source]
        ).fetchall()
        return [PageWanted(int(a), int(s), str(url), title=str(t)) for a, s, url, t in rows]

    def page_request(self, article_id: int) -> PageWanted | None:
        """The page to fetch for one article on demand, with stored validators when its text
        is in place (a 304 then keeps it); None when the article has no link."""
        row = self._connection.execute(
            """
            SELECT a.source_id, a.link, p.etag, p.last_modified, b.summary IS NOT NULL, a.title
            FROM articles a LEFT JOIN pages p ON p.article_id = a.id
            LEFT JOIN bodies b ON b.article_id = a.id WHERE a.id = ?
            """,
            (article_id,),
        ).fetchone()
        if row is None or not row[1]:
            return None
        source_id, link, etag, last_modified, has_page, title = row
        if not has_page:
            etag = last_modified = None  # nothing stored that a 304 could stand for
        return PageWanted(article_id, int(source_id), str(link), etag, last_modified, str(title))

    def page_state(self, article_id: int) -> PageState | None:
        """Where the article's body came from, or None when no page was ever fetched for it."""
        row = self._connection.execute(
            """
            SELECT p.url, p.fetched_at, p.error, b.summary IS NOT NULL FROM pages p
            LEFT JOIN bodies b ON b.article_id = p.article_id WHERE p.article_id = ?
            """,
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        return PageState(str(row[0]), row[1], row[2], bool(row[3]))

    def summary_document(self, article_id: int) -> Document | None:
        """The feed's own body of an article whose body is a page's text; None otherwise."""
        row = self._connection.execute(
            "SELECT summary, summary_document FROM bodies WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is None or row[0] is None:
            return None
        return document_from_row(row[1], row[0])

    def save_page(
        self,
        page: PageWanted,
        document: Document,
        *,
        fetched_at: int,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> bool:
        """Make a page's main text the article's body, keeping the feed's body as its summary.

        One transaction: the search row is rewritten with the new text, the article's quotes
        are dropped and it waits for the quote indexer again (`quotes_version` 0).

        Args:
            page: The article and the URL fetched.
            document: The page's main text (not empty).
            fetched_at: Unix seconds of the fetch.
            etag: The response's ETag, for a conditional GET next time.
            last_modified: The response's Last-Modified.

        Returns:
            False when the article is gone (deleted by retention while its page was fetched).
        """
        body = clean_text(body_text(document))
        stored = stored_json(document)
        with self.transaction():
            current = self._connection.execute(
                """
                SELECT a.title, a.content_hash, b.body, b.document, b.summary,
                    b.summary_document
                FROM articles a JOIN bodies b ON b.article_id = a.id WHERE a.id = ?
                """,
                (page.article_id,),
            ).fetchone()
            if current is None:
                return False
            title, digest, old_body, old_document, summary, summary_document = current
            if summary is None:  # the body is still the feed's: it becomes the summary
                summary, summary_document = old_body, old_document
            self._unindex(page.article_id)
            self._connection.execute(
                """
                UPDATE bodies SET body = ?, document = ?, summary = ?, summary_document = ?
                WHERE article_id = ?
                """,
                (body, stored, summary, summary_document, page.article_id),
            )
            self._connection.execute(
                "UPDATE articles SET content_hash = ? WHERE id = ?",
                (_with_page(feed_digest(digest), body, stored), page.article_id),
            )
            self._index_text(page.article_id, str(title), body)
            self._write_page_row(page, fetched_at, etag, last_modified, None)
        return True

    def record_page_fetch(
        self,
        page: PageWanted,
        *,
        fetched_at: int,
        error: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> None:
        """Record a fetch that stored no new text: a failure (`error`, the summary stays the
        body) or a 304 (`error` None, validators kept when not given)."""
        line = clean_line(error)[:MAX_PAGE_ERROR_CHARS] if error else None
        with self.transaction():
            exists = self._connection.execute(
                "SELECT 1 FROM articles WHERE id = ?", (page.article_id,)
            ).fetchone()
            if exists is not None:
                self._write_page_row(page, fetched_at, etag, last_modified, line)

    def _write_page_row(
        self,
        page: PageWanted,
        fetched_at: int,
        etag: str | None,
        last_modified: str | None,
        error: str | None,
    ) -> None:
        self._connection.execute(
            """
            INSERT INTO pages (article_id, url, fetched_at, etag, last_modified, error)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (article_id) DO UPDATE SET url = excluded.url,
                fetched_at = excluded.fetched_at, error = excluded.error,
                etag = coalesce(excluded.etag, etag),
                last_modified = coalesce(excluded.last_modified, last_modified)
            """,
            (page.article_id, page.url, fetched_at, etag, last_modified, error),
        )

    def page_failures(self) -> dict[int, tuple[int, str]]:
        """Per source: how many entries show their summary because their page failed, and
        the latest of those errors (for `newsreader feeds`)."""
        rows = self._connection.execute(
            """
            SELECT a.source_id, count(*), (
                SELECT p2.error FROM pages p2 JOIN articles a2 ON a2.id = p2.article_id
                WHERE a2.source_id = a.source_id AND p2.error IS NOT NULL
                ORDER BY p2.fetched_at DESC, p2.article_id DESC LIMIT 1)
            FROM pages p JOIN articles a ON a.id = p.article_id
            JOIN bodies b ON b.article_id = a.id
            WHERE p.error IS NOT NULL AND b.summary IS NULL GROUP BY a.source_id
            """
        ).fetchall()
        return {int(source): (int(count), str(error)) for source, count, error in rows}

    def page_errors(self, source_id: int) -> list[str]:
        """The failure line of each of a source's entries that shows its summary because its
        page failed (or was refused), newest fetch first."""
        rows = self._connection.execute(
            """
            SELECT p.error FROM pages p JOIN articles a ON a.id = p.article_id
            JOIN bodies b ON b.article_id = a.id
            WHERE a.source_id = ? AND p.error IS NOT NULL AND b.summary IS NULL
            ORDER BY p.fetched_at DESC, p.article_id DESC
            """,
            (source_id,),
        ).fetchall()
        return [str(row[0]) for row in rows]

    def page_counts(self, source_id: int) -> tuple[int, int, str | None]:
        """A source's pages: (bodies that are a page's text, entries whose page failed and
        that show their summary, the latest failure's line)."""
        row = self._connection.execute(
            """
            SELECT coalesce(sum(b.summary IS NOT NULL), 0),
                   coalesce(sum(p.error IS NOT NULL AND b.summary IS NULL), 0)
            FROM pages p JOIN articles a ON a.id = p.article_id
            JOIN bodies b ON b.article_id = a.id WHERE a.source_id = ?
            """,
            (source_id,),
        ).fetchone()
        latest = self._connection.execute(
            """
            SELECT p.error FROM pages p JOIN articles a ON a.id = p.article_id
            WHERE a.source_id = ? AND p.error IS NOT NULL
            ORDER BY p.fetched_at DESC, p.article_id DESC LIMIT 1
            """,
            (source_id,),
        ).fetchone()
        return int(row[0]), int(row[1]), None if latest is None else str(latest[0])

    def _kept_page_body(
        self, article_id: int, body: str, document: str | None, digest: str
    ) -> str | None:
        """An updated entry whose body is a page's text keeps it: the feed's new body (`body`,
        `document`, its digest) becomes the summary, inside the caller's transaction.

        Returns:
            The page text kept (for the search row), or None when the stored body is the
            feed's own (the caller writes the new body as usual).
        """
        row = self._connection.execute(
            "SELECT body, document, summary FROM bodies WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is None or row[2] is None:
            return None
        page_body, page_document = str(row[0]), row[1]
        self._connection.execute(
            "UPDATE bodies SET summary = ?, summary_document = ? WHERE article_id = ?",
            (body, document, article_id),
        )
        self._connection.execute(
            "UPDATE articles SET content_hash = ? WHERE id = ?",
            (_with_page(digest, page_body, page_document), article_id),
        )
        return page_body


def kept_summary_line(errors: Sequence[str]) -> str:
    """One line for the pages that failed, each distinct reason with its count, e.g.
    `3 pages kept their summary: 1 HTTP 404 Not Found, 2 link refused: not an http(s) link`
    (empty when `errors` is)."""
    if not errors:
        return ""
    reasons = Counter(error.removeprefix(PAGE_NOT_FETCHED) for error in errors)
    counted = ", ".join(f"{count} {reason}" for reason, count in reasons.most_common())
    pages = "page kept its summary" if len(errors) == 1 else "pages kept their summary"
    return f"{len(errors)} {pages}: {counted}"


def _with_page(digest: str, body: str, document: str | None) -> str:
    """A content hash made of the feed's digest and the stored page text's."""
    page = hashlib.blake2b((document or body).encode("utf-8", "replace"), digest_size=8)
    return f"{digest}{PAGE_DIGEST_SEPARATOR}{page.hexdigest()}"
