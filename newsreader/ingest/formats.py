"""Which local files are articles, by suffix: one table for the folder walk and the store."""

from __future__ import annotations

from pathlib import PurePath

__all__ = [
    "ARTICLE_SUFFIXES",
    "FEED_SUFFIXES",
    "HTML_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "TEXT_SUFFIXES",
    "source_folder",
]

FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".json", ".rdf"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
ARTICLE_SUFFIXES = FEED_SUFFIXES | HTML_SUFFIXES | MARKDOWN_SUFFIXES | TEXT_SUFFIXES
"""What a folder walk reads; other files (LICENSE, images, .opml, code) are not articles."""


def source_folder(path: PurePath, *, is_dir: bool) -> PurePath:
    """The path a local source is keyed by: a folder is itself, a feed file added alone is a
    source of its own, and any other file belongs to its folder's source."""
    if is_dir or path.suffix.lower() in FEED_SUFFIXES:
        return path
    return path.parent
