"""Subscribing and unsubscribing on the sync server, for `add`, `remove` and the app's `a`.

With an account set, a web feed is subscribed on the server (which fetches it) and comes back
here through a sync, so every device sees it; removing a synced source unsubscribes it there
first, and only then deletes it here.
"""

from __future__ import annotations

from newsreader.config import SyncSettings
from newsreader.links import display_text
from newsreader.store import Store
from newsreader.store.sync import GREADER_KEY_PREFIX, GREADER_KIND, source_key
from newsreader.sync.account import syncer_for
from newsreader.sync.client import SyncError
from newsreader.sync.engine import SyncReport


def subscribe_on_server(
    store: Store, settings: SyncSettings, where: str, url: str, title: str | None = None
) -> tuple[int | None, SyncReport]:
    """Subscribe to `url` on the server, then sync so it (and its articles) arrive here.

    Returns:
        The new source's id here (None if the server listed it under an id not seen), and
        the sync's report.

    Raises:
        SyncError: the server refused (it could not fetch the feed, or it is subscribed
            already) or cannot be reached; nothing changed here.
    """
    syncer = syncer_for(store, settings, where)
    with syncer.client:
        before = {sub.get("id") for sub in syncer.client.subscriptions()}
        try:
            syncer.client.subscribe(url, title=title)
        except SyncError as failure:
            raise SyncError(
                f"{syncer.client.shown} did not subscribe to {display_text(url)}: it could "
                f"not fetch the feed, or it is subscribed already ({failure})"
            ) from failure
        report = syncer.sync()
        after = {sub.get("id") for sub in syncer.client.subscriptions()}
    added = [stream for stream in after - before if isinstance(stream, str)]
    found = store.source_ids_for_keys([source_key(stream) for stream in added])
    return (found[0] if found else None), report


def unsubscribe_on_server(store: Store, settings: SyncSettings, where: str, source_id: int) -> bool:
    """Unsubscribe a synced source on the server, then remove it here.

    Returns:
        False when the source is not a synced one (the caller removes it as usual).

    Raises:
        SyncError: the server cannot be reached or refused; the source is kept here.
    """
    listing = {feed.id: feed for feed in store.feed_listing()}
    feed = listing.get(source_id)
    if feed is None or feed.kind != GREADER_KIND:
        return False
    syncer = syncer_for(store, settings, where)
    with syncer.client:
        syncer.client.unsubscribe(feed.key.removeprefix(GREADER_KEY_PREFIX))
    store.remove_source(source_id)
    return True
