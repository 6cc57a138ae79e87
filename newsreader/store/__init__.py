"""SQLite storage: sources, articles, read and starred state, quotes and search.

The package splits the store by concern; `Store` is the one object callers use.
"""

from newsreader.store.database import (
    PARAGRAPH_SEPARATOR,
    ImportResult,
    ListedArticle,
    ListFilter,
    SourceInfo,
    Store,
    StoreError,
    content_hash,
)
from newsreader.store.schema import SCHEMA_VERSION

__all__ = [
    "PARAGRAPH_SEPARATOR",
    "SCHEMA_VERSION",
    "ImportResult",
    "ListFilter",
    "ListedArticle",
    "SourceInfo",
    "Store",
    "StoreError",
    "content_hash",
]
