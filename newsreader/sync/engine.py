"""One sync with a Google Reader API account: subscriptions, state both ways, new items.

The steps, each its own transaction so a kill (or a server that stops answering) between any
two loses nothing and the next sync goes on from where this one was:

1. the subscription list becomes the account's sources (folders as categories);
2. the server's unread and starred sets are applied here, the most recent change winning
   per item and flag (`Store.reconcile`);
3. the local changes still queued are sent (`edit-tag`), each batch confirmed once the server
   accepted it;
4. items this store lacks among the newest `max_items` are read from `stream/contents`
   (newest first, paged by continuation) and saved page by page; starred items older than
   that are fetched by id.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newsreader.models import SourceDraft
from newsreader.store import Store
from newsreader.store.sync import (
    PendingChange,
    RemoteSubscription,
    SyncedItem,
    now_ms,
    source_key,
)
from newsreader.sync.client import (
    READ,
    READING_LIST,
    STARRED,
    GReaderClient,
    ProgressCallback,
    folder_of,
)
from newsreader.sync.ids import ItemIdError
from newsreader.sync.items import ServerItem, server_item
from newsreader.text import clean_line, plural

logger = logging.getLogger(__name__)

PAGE_SIZE = 250
"""Items per `stream/contents` request."""
_TAGS = {"read": READ, "starred": STARRED}


@dataclass
class SyncReport:
    """What one sync did."""

    subscriptions: int = 0
    removed_sources: int = 0
    new_items: int = 0
    applied: int = 0
    """Read/starred flags changed here because they changed on the server."""
    sent: int = 0
    """Local changes the server accepted."""
    kept_local: int = 0
    """Server changes overridden by a more recent local change."""
    pending: int = 0
    """Local changes still waiting (0 after a complete sync)."""
    problems: list[str] = field(default_factory=list)
    """One line per item that could not be read (the rest were saved)."""

    def summary(self) -> str:
        """One line for the CLI and the app's status."""
        parts = [
            plural(self.subscriptions, "feed"),
            plural(self.new_items, "new article"),
            f"{self.applied} changes from the server",
            f"{self.sent} sent",
        ]
        if self.kept_local:
            parts.append(f"{self.kept_local} kept from here (more recent)")
        if self.removed_sources:
            parts.append(f"{plural(self.removed_sources, 'feed')} gone from the server")
        if self.problems:
            parts.append(f"{plural(len(self.problems), 'item')} skipped")
        return "synced: " + ", ".join(parts)


def _quiet(done: int, total: int, what: str) -> None:
    """The progress callback used when nobody watches."""


class Syncer:
    """Runs syncs of one store with one account (the client keeps its session between runs)."""

    def __init__(
        self,
        store: Store,
        client: GReaderClient,
        *,
        max_items: int = 2000,
        page_size: int = PAGE_SIZE,
        account: str | None = None,
    ) -> None:
        """Args:
        store: Where the account's sources and articles go.
        client: The account's client.
        max_items: At most this many of the newest items are fetched.
        page_size: Items per `stream/contents` page.
        account: Which account this is (`url user`); when the store holds another account's
            sources, they are removed once this one's login works (their items and queued
            changes belong to that other account).
        """
        self.account = account
        self.store = store
        self.client = client
        self.max_items = max_items
        self.page_size = page_size
        self._titles: dict[str, tuple[str, str]] = {}

    def sync(self, progress: ProgressCallback = _quiet) -> SyncReport:
        """Sync once.

        Raises:
            SyncError: the server could not be used; everything saved before it stays, and
                queued changes wait for the next sync.
        """
        report = SyncReport()
        progress(0, 0, "subscriptions")
        self._sync_subscriptions(report)
        progress(0, 0, "read and starred state")
        observed = now_ms()
        unread = set(self.client.item_ids(READING_LIST, exclude=READ))
        starred_ids = self.client.item_ids(STARRED)
        reconciled = self.store.reconcile(unread, set(starred_ids), observed)
        report.applied, report.kept_local = reconciled.applied, reconciled.kept_local
        progress(0, 0, "sending changes")
        report.sent = self._send_changes(self.store.pending_changes())
        recent = self.client.item_ids(READING_LIST, limit=self.max_items)
        self._fetch_new(recent, starred_ids, report, progress)
        report.pending = self.store.pending_count()
        logger.info("%s: %s", self.client.shown, report.summary())
        return report

    def _sync_subscriptions(self, report: SyncReport) -> None:
        listed = self.client.subscriptions()
        if self.account is not None:
            removed = self.store.adopt_sync_account(self.account)
            if removed:
                logger.info("sync account changed: removed %d sources of the previous", removed)
        remote: list[RemoteSubscription] = []
        for sub in listed:
            stream_id, url = sub.get("id"), sub.get("url")
            if not isinstance(stream_id, str) or not stream_id:
                continue
            url = clean_line(url) if isinstance(url, str) else ""
            title = sub.get("title")
            title = clean_line(title) if isinstance(title, str) else ""
            remote.append(
                RemoteSubscription(
                    clean_line(stream_id),
                    title or url,
                    url or stream_id,
                    folder_of(sub.get("categories")),
                )
            )
        self._titles = {sub.stream_id: (sub.title, sub.url) for sub in remote}
        report.subscriptions = len(remote)
        report.removed_sources = self.store.save_remote_subscriptions(remote)

    def _send_changes(self, changes: Sequence[PendingChange]) -> int:
        """Send queued changes grouped by flag and value; each group confirmed when accepted."""
        groups: dict[tuple[str, bool], list[PendingChange]] = defaultdict(list)
        for change in changes:
            groups[(change.flag, change.value)].append(change)
        sent = 0
        for (flag, value), group in groups.items():
            self.client.edit_tag([change.item_id for change in group], _TAGS[flag], add=value)
            self.store.confirm_sent(group)
            sent += len(group)
        return sent

    def _fetch_new(
        self,
        recent: Sequence[int],
        starred_ids: Sequence[int],
        report: SyncReport,
        progress: ProgressCallback,
    ) -> None:
        """Save the items among `recent` (newest first) and `starred_ids` not stored yet."""
        known = self.store.known_item_ids()
        missing = {value for value in recent if value not in known}
        total = len(missing)
        continuation: str | None = None
        pages = 0
        while missing and pages * self.page_size < self.max_items + self.page_size:
            progress(total - len(missing), total, "articles")
            page = self.client.stream_page(READING_LIST, self.page_size, continuation)
            pages += 1
            wanted = self._read(page.items, report)
            fresh = [item for item in wanted if item.state.item_id in missing]
            report.new_items += self._save(fresh)
            missing.difference_update(item.state.item_id for item in wanted)
            continuation = page.continuation
            if continuation is None or not page.items:
                break
        old_starred = [value for value in starred_ids if value not in known]
        leftovers = sorted((missing | set(old_starred)) - self.store.known_item_ids())
        if leftovers:
            report.new_items += self._save(self._read(self.client.items(leftovers), report))
        progress(total, total, "articles")

    def _read(self, raws: Iterable[dict[str, object]], report: SyncReport) -> list[ServerItem]:
        items: list[ServerItem] = []
        for raw in raws:
            try:
                items.append(server_item(raw))
            except (ItemIdError, ValueError, TypeError) as error:
                line = f"{self.client.shown}: skipped an item: {clean_line(str(error))[:120]}"
                logger.warning(line)
                report.problems.append(line)
        return items

    def _save(self, items: Sequence[ServerItem]) -> int:
        """Save items grouped by feed, in one transaction."""
        by_stream: dict[str, list[ServerItem]] = defaultdict(list)
        for item in items:
            by_stream[item.stream_id].append(item)
        groups: list[tuple[SourceDraft, list[SyncedItem]]] = []
        for stream_id, members in by_stream.items():
            title, url = self._titles.get(stream_id, (members[0].stream_title, stream_id))
            draft = SourceDraft(
                key=source_key(stream_id),
                title=title,
                location=url,
                articles=tuple(member.draft for member in members),
            )
            groups.append((draft, [member.state for member in members]))
        return self.store.save_synced(groups) if groups else 0
