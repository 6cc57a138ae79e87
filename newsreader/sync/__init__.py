"""Sync with a Google Reader API server (FreshRSS, Miniflux, Inoreader, The Old Reader...).

`syncer_for(store, settings, where).sync(progress)` syncs once; see `engine` for the steps and
`newsreader.store.sync` for how local changes are queued. No UI here.
"""

from newsreader.sync.account import NotConfigured, account_identity, open_client, syncer_for
from newsreader.sync.client import AuthError, Credentials, GReaderClient, SyncError
from newsreader.sync.engine import Syncer, SyncReport

__all__ = [
    "AuthError",
    "Credentials",
    "GReaderClient",
    "NotConfigured",
    "SyncError",
    "SyncReport",
    "Syncer",
    "account_identity",
    "open_client",
    "syncer_for",
]
