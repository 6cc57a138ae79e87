"""Full-text search (FTS5) and the quotes index behind the speakers view."""

from __future__ import annotations

from newsreader.store.base import StoreBase


class SearchIndex(StoreBase):
    """Store methods that keep and query the search index and the quotes table."""
