"""Feed subscriptions in the store: HTTP validators, Retry-After, moved URLs, retention.

A feed's `key` is the URL as the user gave it and never changes, so read state and OPML
round trips stay attached to it; `location` is where it is fetched from now (updated on a
permanent redirect).
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from newsreader.models import parse_row_id
from newsreader.store.base import StoreBase
from newsreader.store.search import SearchIndex

FEED_KIND = "feed"
LOCAL_KIND = "local"
_SECONDS_PER_DAY = 86_400
NewSubscription = tuple[str, str, str, str, str | None, str | None]
"""(key, title, location, kind, category, site_url) of a source to add."""


@dataclass(frozen=True, slots=True)
class FeedState:
    """What a refresh needs to know about one source before fetching it."""

    id: int
    key: str
    kind: str
    title: str
    location: str
    """Current URL (feeds) or path (local sources)."""
    etag: str | None
    last_modified: str | None
    not_before: int | None
    """Unix seconds before which the server asked not to be fetched again (Retry-After)."""


@dataclass(frozen=True, slots=True)
class FeedListing:
    """One row of `newsreader feeds`: a source with its counts and last refresh."""

    id: int
    key: str
    kind: str
    title: str
    location: str
    category: str | None
    article_count: int
    unread_count: int
    refreshed_at: int | None
    """Unix seconds of the last refresh attempt, or None if never refreshed."""
    last_error: str | None
    succeeded_at: int | None = None
    """Unix seconds of the last refresh that worked (beside a later one's error)."""
    site_url: str | None = None
    """The web page the feed belongs to (OPML `htmlUrl`), if known."""


@dataclass(frozen=True, slots=True)
class FetchRecord:
    """What one fetch learned about a feed, written back after its articles are saved."""

    refreshed_at: int
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    """The new URL after a permanent redirect (None: unchanged)."""
    not_before: int | None = None
    error: str | None = None
    keep_validators: bool = False
    """True for 304 and Retry-After: the stored validators stay as they are."""
    saved: bool = False
    """The feed was read and saved, even if `error` holds a warning (entries skipped)."""
    site_url: str | None = None
    """The web page the feed says it belongs to (its `<link>`), when it names one."""


class FeedRecords(StoreBase):
    """Store methods for subscriptions: adding, listing, validators and retention."""

    def add_subscription(
        self, key: str, *, title: str, location: str, kind: str, category: str | None = None
    ) -> tuple[int, bool]:
        """Subscribe to a feed URL or a local path, unless it is already a source.

        Args:
            key: The source's identity (the URL as given, or `local:<folder>`).
            title: Name to show until the first refresh gives a better one.
            location: Where to fetch or scan it.
            kind: `feed` or `local`.
            category: Folder name from OPML, if any.

        Returns:
            The source id and whether it was newly added.
        """
        with self.transaction():
            existing = self._connection.execute(
                "SELECT id FROM sources WHERE key = ? OR (kind = ? AND location = ?)",
                (key, kind, location),
            ).fetchone()
            if existing is not None:
                return int(existing[0]), False
            row = self._connection.execute(
                """
                INSERT INTO sources (key, title, location, kind, category, added_at)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id
                """,
                (key, title, location, kind, category, int(time.time())),
            ).fetchone()
        return int(row[0]), True

    def set_lock_timeout(self, seconds: float) -> None:
        """How long a write waits for another connection's lock before failing as busy.

        The UI's writer uses a short wait and retries itself, so it can stop (and the app can
        quit) within a second even while another program holds the lock.
        """
        self._connection.execute(f"PRAGMA busy_timeout = {max(0, int(seconds * 1000))}")

    def add_subscriptions(self, subscriptions: Iterable[NewSubscription]) -> int:
        """Subscribe to many feeds in one transaction (an OPML import), skipping known ones.

        The known keys and locations are read once into sets, so a list of 100,000 feeds is
        added in linear time rather than with a table scan per feed.

        Args:
            subscriptions: (key, title, location, kind, category, site_url) for each, in order.

        Returns:
            How many were newly added.
        """
        added = 0
        with self.transaction():
            keys: set[str] = set()
            locations: set[tuple[str, str]] = set()
            for key, kind, location in self._connection.execute(
                "SELECT key, kind, location FROM sources"
            ):
                keys.add(key)
                locations.add((kind, location))
            now = int(time.time())
            for key, title, location, kind, category, site_url in subscriptions:
                if key in keys or (kind, location) in locations:
                    continue
                self._connection.execute(
                    """
                    INSERT INTO sources (key, title, location, kind, category, site_url, added_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    (key, title, location, kind, category, site_url, now),
                )
                keys.add(key)
                locations.add((kind, location))
                added += 1
        return added

    def remove_source(self, source_id: int) -> bool:
        """Delete a source and all its articles; returns whether it existed."""
        with self.transaction():
            article_ids = self._connection.execute(
                "SELECT id FROM articles WHERE source_id = ?", (source_id,)
            ).fetchall()
            self._forget_articles([article_id for (article_id,) in article_ids])
            cursor = self._connection.execute("DELETE FROM sources WHERE id = ?", (source_id,))
        return cursor.rowcount > 0

    def _forget_articles(self, article_ids: Sequence[int]) -> None:
        """Delete articles with their search entries (inside the caller's transaction).

        The search index is contentless, so its entries must be removed with the article's
        text before the article goes; bodies and quotes follow by ON DELETE CASCADE.
        """
        for article_id in article_ids:
            if isinstance(self, SearchIndex):
                self._unindex(article_id)
            self._connection.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def find_source(self, id_or_location: str) -> int | None:
        """The id of the source with this id, key or current location, if there is one."""
        number = parse_row_id(id_or_location)
        if number is not None:
            row = self._connection.execute(
                "SELECT id FROM sources WHERE id = ?", (number,)
            ).fetchone()
            if row is not None:
                return int(row[0])
        row = self._connection.execute(
            "SELECT id FROM sources WHERE key = ? OR location = ? ORDER BY key = ? DESC LIMIT 1",
            (id_or_location, id_or_location, id_or_location),
        ).fetchone()
        return None if row is None else int(row[0])

    def feed_states(self, source_ids: Sequence[int] | None = None) -> list[FeedState]:
        """Sources to refresh (all when `source_ids` is None), feeds and local ones, by id."""
        query = """
            SELECT id, key, kind, title, location, etag, last_modified, not_before
            FROM sources WHERE kind IN (?, ?)
        """
        parameters: list[object] = [FEED_KIND, LOCAL_KIND]
        if source_ids is not None:
            query += f" AND id IN ({','.join('?' * len(source_ids))})"
            parameters.extend(source_ids)
        rows = self._connection.execute(query + " ORDER BY id", parameters).fetchall()
        return [FeedState(*row) for row in rows]

    def record_fetch(self, source_id: int, record: FetchRecord) -> None:
        """Store a fetch's outcome: validators, moved URL, Retry-After and error line.

        A fetch that saved the feed, or found it unchanged, is also the source's last success
        (`succeeded_at`), which a later failure leaves in place.
        """
        assignments = ["refreshed_at = ?", "last_error = ?", "not_before = ?"]
        values: list[object] = [record.refreshed_at, record.error, record.not_before]
        if record.saved or record.error is None:
            assignments.append("succeeded_at = ?")
            values.append(record.refreshed_at)
        if record.site_url:
            assignments.append("site_url = ?")
            values.append(record.site_url)
        if not record.keep_validators:
            assignments += ["etag = ?", "last_modified = ?"]
            values += [record.etag, record.last_modified]
        if record.location:
            assignments.append("location = ?")
            values.append(record.location)
        with self.transaction():
            self._connection.execute(
                f"UPDATE sources SET {', '.join(assignments)} WHERE id = ?", [*values, source_id]
            )

    def set_full_text(self, source_id: int, on: bool) -> bool:
        """Whether each new entry's web page is fetched and its main text stored (per feed).

        Turning it on does not fetch anything by itself: the next refresh (or
        `newsreader.services.fulltext`) fetches the pages of the entries that have none yet.

        Returns:
            Whether the source exists.
        """
        with self.transaction():
            cursor = self._connection.execute(
                "UPDATE sources SET full_text = ? WHERE id = ?", (int(on), source_id)
            )
        return cursor.rowcount > 0

    def full_text(self, source_id: int) -> bool:
        """Whether the source is set to fetch its entries' pages (False when it is gone, and
        for a local folder: its articles have no web page, whatever its column holds)."""
        row = self._connection.execute(
            "SELECT full_text = 1 AND kind != ? FROM sources WHERE id = ?", (LOCAL_KIND, source_id)
        ).fetchone()
        return bool(row and row[0])

    def set_source_title(self, source_id: int, title: str) -> None:
        """Rename a source (the user's --title, or an OPML title)."""
        with self.transaction():
            self._connection.execute(
                "UPDATE sources SET title = ? WHERE id = ?", (title, source_id)
            )

    def feed_listing(self) -> list[FeedListing]:
        """Every source with counts, category, last refresh and last error, by title."""
        rows = self._connection.execute(
            """
            SELECT s.id, s.key, s.kind, coalesce(s.title_override, s.title), s.location,
                   s.category,
                   (SELECT count(*) FROM articles a WHERE a.source_id = s.id),
                   (SELECT count(*) FROM articles a WHERE a.source_id = s.id AND a.read = 0),
                   s.refreshed_at, s.last_error, s.succeeded_at, s.site_url
            FROM sources s ORDER BY coalesce(s.title_override, s.title) COLLATE NOCASE, s.id
            """
        ).fetchall()
        return [FeedListing(*row) for row in rows]

    def drop_old_articles(
        self,
        source_id: int,
        *,
        keep_days: int,
        keep_per_feed: int,
        current_guids: Collection[str],
        now: int | None = None,
    ) -> int:
        """Delete a source's unstarred articles beyond the retention limits.

        Articles still in the feed's latest document are kept whatever their age: deleting
        them would bring them back as new on the next refresh. The age limit drops only read
        articles; the count limit drops the oldest unstarred ones, read or not.

        Args:
            source_id: The source to trim.
            keep_days: Drop read articles older than this many days (0: no age limit).
            keep_per_feed: Keep at most this many of the newest (0: no count limit).
            current_guids: Identities in the document just fetched.
            now: Unix seconds for "now" (tests pass a fixed clock).

        Returns:
            How many articles were deleted.
        """
        if keep_days <= 0 and keep_per_feed <= 0:
            return 0
        now = int(time.time()) if now is None else now
        with self.transaction():
            rows = self._connection.execute(
                """
                SELECT id, guid, sort_key, read FROM articles
                WHERE source_id = ? AND starred = 0 ORDER BY sort_key DESC, id DESC
                """,
                (source_id,),
            ).fetchall()
            cutoff = now - keep_days * _SECONDS_PER_DAY if keep_days > 0 else None
            doomed = [
                article_id
                for rank, (article_id, guid, sort_key, read) in enumerate(rows)
                if guid not in current_guids
                and (
                    (cutoff is not None and read and sort_key < cutoff)
                    or (keep_per_feed > 0 and rank >= keep_per_feed)
                )
            ]
            self._forget_articles(doomed)
        return len(doomed)
