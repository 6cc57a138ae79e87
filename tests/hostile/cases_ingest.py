"""Cases through the ingest pipeline, in-process: load a path or parse bytes, report the result."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from newsreader.ingest.feeds import parse_feed
from newsreader.ingest.html import html_to_document
from newsreader.sources.local import load_path
from newsreader.store import Store


def load(path: str, save: bool = False) -> dict[str, Any]:
    """Load a file or folder (and save it to a store when asked); report what came of it."""
    source = load_path(Path(path))
    report: dict[str, Any] = {
        "title": source.title,
        "articles": len(source.articles),
        "errors": list(source.errors),
        "guids": [a.guid for a in source.articles][:20],
    }
    if save:
        database = Path(os.environ["NEWSREADER_DATA_DIR"]) / "newsreader.sqlite3"
        database.parent.mkdir(parents=True, exist_ok=True)
        store = Store(database)
        store.save_source(source)
        store.close()
        report["database_bytes"] = database.stat().st_size + _wal_size(database)
        connection = sqlite3.connect(database)
        report["longest_field"] = connection.execute(
            "SELECT max(max(length(title), length(source_name), length(coalesce(author, '')),"
            " length(coalesce(link, '')))) FROM articles"
        ).fetchone()[0]
        connection.close()
    return report


def _wal_size(database: Path) -> int:
    wal = database.with_name(database.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def feed(path: str, content_type: str = "", location: str = "") -> dict[str, Any]:
    """Parse a feed file's bytes as if fetched with `content_type`; report articles and errors."""
    data = Path(path).read_bytes()
    title, articles, errors = parse_feed(data, location=location or path, content_type=content_type)
    return {"title": title, "articles": len(articles), "errors": errors}


def html(path: str) -> dict[str, Any]:
    """Convert an HTML file through the one HTML path; report the blocks' total size."""
    document = html_to_document(Path(path).read_text(encoding="utf-8"))
    return {"blocks": len(document.blocks), "chars": sum(len(b.text) for b in document.blocks)}


def markdown(path: str) -> dict[str, Any]:
    """Convert a Markdown file through the one Markdown path; report the blocks' total size."""
    from newsreader.ingest.markdown import markdown_to_document

    document, _title = markdown_to_document(Path(path).read_text(encoding="utf-8"))
    return {"blocks": len(document.blocks), "chars": sum(len(b.text) for b in document.blocks)}
