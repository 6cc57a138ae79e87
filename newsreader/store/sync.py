"""Sync bookkeeping in the store: which article each server item is, and changes to send.

The server's items are mapped to articles in `sync_items`, with the read and starred state the
server had when last seen. Every local change to those flags is queued in `sync_changes` by
triggers (schemas 6 and 9), in the same transaction as the change, whatever made it (the app,
the CLI, `mark_all_read`); the latest per item and flag replaces earlier ones. Here the sync
engine applies the server's state, with "the most recent change wins" per item and flag, and
confirms what it sent.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsreader.models import SourceDraft
from newsreader.store.base import StoreBase

if TYPE_CHECKING:
    from newsreader.store.database import ImportResult

GREADER_KIND = "greader"
"""Kind of the sources that mirror a Google Reader API account's subscriptions."""
GREADER_KEY_PREFIX = "greader:"
FLAGS = ("read", "starred")
_ACCOUNT = "account"
_OBSERVED_AT = "observed_at"


def now_ms() -> int:
    """The clock in unix milliseconds (the unit of `sync_changes.changed_at`)."""
    return int(time.time() * 1000)


@dataclass(frozen=True, slots=True)
class SyncedItem:
    """One server item as saved: its article's guid, its id and the server's state."""

    guid: str
    item_id: int
    """The item id as one signed 64-bit integer (see `newsreader.sync.ids`)."""
    read: bool
    starred: bool


@dataclass(frozen=True, slots=True)
class RemoteSubscription:
    """A subscription as the server lists it."""

    stream_id: str
    """`feed/<id>` on the server."""
    title: str
    url: str
    """The feed's URL (where the server fetches it)."""
    category: str | None
    """The first folder (label) it is in, if any."""


@dataclass(frozen=True, slots=True)
class PendingChange:
    """A local change to send: set `flag` of `item_id` to `value`."""

    item_id: int
    flag: str
    """`read` or `starred`."""
    value: bool
    changed_at: int
    """Unix milliseconds of the local change."""


@dataclass(frozen=True, slots=True)
class Reconciled:
    """What applying the server's state did."""

    applied: int
    """Flags changed here because the server changed them."""
    kept_local: int
    """Server changes overridden by a more recent local change (sent next)."""


def source_key(stream_id: str) -> str:
    """The local source key of a server stream (`feed/3` → `greader:feed/3`)."""
    return GREADER_KEY_PREFIX + stream_id


class SyncRecords(StoreBase):
    """Store methods for syncing with one Google Reader API account."""

    if TYPE_CHECKING:

        def save_source(self, draft: SourceDraft, kind: str = "local") -> ImportResult: ...

        def remove_source(self, source_id: int) -> bool: ...

    def _state(self, name: str) -> str | None:
        row = self._connection.execute(
            "SELECT value FROM sync_state WHERE name = ?", (name,)
        ).fetchone()
        return None if row is None else str(row[0])

    def _set_state(self, name: str, value: str) -> None:
        self._connection.execute(
            "INSERT OR REPLACE INTO sync_state (name, value) VALUES (?, ?)", (name, value)
        )

    def sync_account(self) -> str | None:
        """The identity (`url username`) of the account the synced sources belong to."""
        return self._state(_ACCOUNT)

    def adopt_sync_account(self, identity: str) -> int:
        """Make `identity` the synced account; another account's sources and queue go.

        Returns:
            How many sources of the previous account were removed.
        """
        if self.sync_account() == identity:
            return 0
        with self.transaction():
            source_ids = [
                int(source_id)
                for (source_id,) in self._connection.execute(
                    "SELECT id FROM sources WHERE kind = ?", (GREADER_KIND,)
                ).fetchall()
            ]
            for source_id in source_ids:
                self.remove_source(source_id)
            self._connection.execute("DELETE FROM sync_changes")
            self._connection.execute("DELETE FROM sync_state")
            self._set_state(_ACCOUNT, identity)
        return len(source_ids)

    def observed_at(self) -> int:
        """Unix milliseconds when the server's read and starred state was last seen (0: never)."""
        value = self._state(_OBSERVED_AT)
        return int(value) if value and value.isdigit() else 0

    def known_item_ids(self) -> set[int]:
        """Every server item id that has an article here."""
        return {
            int(item_id)
            for (item_id,) in self._connection.execute("SELECT item_id FROM sync_items")
        }

    def save_remote_subscriptions(self, subscriptions: Sequence[RemoteSubscription]) -> int:
        """Mirror the server's subscription list: add and rename sources, drop unlisted ones.

        Returns:
            How many sources were removed because the server no longer lists them.
        """
        wanted = {source_key(sub.stream_id): sub for sub in subscriptions}
        now = int(time.time())
        with self.transaction():
            for key, sub in wanted.items():
                self._connection.execute(
                    """
                    INSERT INTO sources (key, title, location, kind, category, added_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET title = excluded.title,
                        location = excluded.location, category = excluded.category
                    """,
                    (key, sub.title or sub.url, sub.url, GREADER_KIND, sub.category, now),
                )
            stale = [
                int(source_id)
                for source_id, key in self._connection.execute(
                    "SELECT id, key FROM sources WHERE kind = ?", (GREADER_KIND,)
                ).fetchall()
                if key not in wanted
            ]
            for source_id in stale:
                self.remove_source(source_id)
        return len(stale)

    def save_synced(self, groups: Iterable[tuple[SourceDraft, Sequence[SyncedItem]]]) -> int:
        """Save a page of server items, grouped by source, in one transaction.

        New items take the server's read and starred state (nothing is queued for them);
        items already mapped keep their state, which `reconcile` looks after.

        Returns:
            How many items were newly mapped.
        """
        mapped = 0
        # Joined, not savepoints: FTS5 writes a segment at every savepoint.
        with self.joined_transaction():
            for draft, items in groups:
                result = self.save_source(draft, kind=GREADER_KIND)
                for item in items:
                    mapped += self._map_item(result.source_id, item)
        return mapped

    def _map_item(self, source_id: int, item: SyncedItem) -> int:
        row = self._connection.execute(
            "SELECT id FROM articles WHERE source_id = ? AND guid = ?", (source_id, item.guid)
        ).fetchone()
        if row is None:
            return 0
        cursor = self._connection.execute(
            """
            INSERT INTO sync_items (item_id, article_id, server_read, server_starred)
            VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
            """,
            (item.item_id, row[0], int(item.read), int(item.starred)),
        )
        if cursor.rowcount == 0:
            return 0
        self._connection.execute(
            "UPDATE articles SET read = ?, starred = ? WHERE id = ?",
            (int(item.read), int(item.starred), row[0]),
        )
        # What the triggers queued is the server's own state.
        self._connection.execute("DELETE FROM sync_changes WHERE item_id = ?", (item.item_id,))
        return 1

    def reconcile(
        self, unread_ids: set[int], starred_ids: set[int], observed_at: int
    ) -> Reconciled:
        """Apply the server's read and starred state to the mapped articles.

        The API gives no time for a change made on the server; it happened after the state
        was last seen (`observed_at()`) and before now. A queued local change made after that
        last look is taken as the more recent one and kept (it is sent next); an older one
        (queued while the server could not be reached) loses to the server's change.

        Args:
            unread_ids: Every item the server has unread.
            starred_ids: Every item the server has starred.
            observed_at: Unix milliseconds when these sets were read.
        """
        applied = kept = 0
        with self.transaction():
            since = self.observed_at()
            pending = {
                (int(item_id), str(flag)): int(changed_at)
                for item_id, flag, changed_at in self._connection.execute(
                    "SELECT item_id, flag, changed_at FROM sync_changes"
                )
            }
            rows = self._connection.execute(
                "SELECT item_id, article_id, server_read, server_starred FROM sync_items"
            ).fetchall()
            for item_id, article_id, server_read, server_starred in rows:
                now = {"read": item_id not in unread_ids, "starred": item_id in starred_ids}
                last = {"read": bool(server_read), "starred": bool(server_starred)}
                for flag in FLAGS:
                    if now[flag] == last[flag]:
                        continue
                    self._connection.execute(
                        f"UPDATE sync_items SET server_{flag} = ? WHERE item_id = ?",
                        (int(now[flag]), item_id),
                    )
                    changed_at = pending.get((item_id, flag))
                    if changed_at is not None and changed_at > since:
                        kept += 1  # sent next, unless it equals the server's new state
                        continue
                    self._connection.execute(
                        f"UPDATE articles SET {flag} = ? WHERE id = ?",
                        (int(now[flag]), article_id),
                    )
                    applied += 1
            self._drop_settled_changes()
            self._set_state(_OBSERVED_AT, str(observed_at))
        return Reconciled(applied, kept)

    def _drop_settled_changes(self) -> None:
        """Drop queued changes the server's known state already has (among them the ones the
        triggers queued for the sync's own writes)."""
        for flag in FLAGS:
            self._connection.execute(
                f"""
                DELETE FROM sync_changes WHERE flag = ? AND value = (
                    SELECT server_{flag} FROM sync_items s
                    WHERE s.item_id = sync_changes.item_id)
                """,
                (flag,),
            )

    def pending_changes(self) -> list[PendingChange]:
        """Every queued local change, oldest first."""
        rows = self._connection.execute(
            "SELECT item_id, flag, value, changed_at FROM sync_changes ORDER BY changed_at"
        ).fetchall()
        return [PendingChange(int(i), str(f), bool(v), int(c)) for i, f, v, c in rows]

    def pending_count(self) -> int:
        """How many local changes wait to be sent."""
        return int(self._connection.execute("SELECT count(*) FROM sync_changes").fetchone()[0])

    def confirm_sent(self, changes: Sequence[PendingChange]) -> None:
        """Record that the server accepted `changes`: its state is now theirs.

        A change made here while they were being sent stays queued (it has a later time),
        unless it equals what was sent.
        """
        with self.transaction():
            for change in changes:
                self._connection.execute(
                    f"UPDATE sync_items SET server_{change.flag} = ? WHERE item_id = ?",
                    (int(change.value), change.item_id),
                )
                self._connection.execute(
                    "DELETE FROM sync_changes WHERE item_id = ? AND flag = ? AND changed_at = ?",
                    (change.item_id, change.flag, change.changed_at),
                )
            self._drop_settled_changes()

    def item_of_article(self, article_id: int) -> int | None:
        """The server item id of a synced article, or None for a local or feed article."""
        row = self._connection.execute(
            "SELECT item_id FROM sync_items WHERE article_id = ?", (article_id,)
        ).fetchone()
        return None if row is None else int(row[0])

    def article_of_item(self, item_id: int) -> int | None:
        """The article id of a server item, or None if it has not been fetched."""
        row = self._connection.execute(
            "SELECT article_id FROM sync_items WHERE item_id = ?", (item_id,)
        ).fetchone()
        return None if row is None else int(row[0])
