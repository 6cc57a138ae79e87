"""Feed subscriptions in the store: HTTP validators, Retry-After, moved URLs, retention."""

from __future__ import annotations

from newsreader.store.base import StoreBase


class FeedRecords(StoreBase):
    """Store methods for sources fetched over HTTP."""
