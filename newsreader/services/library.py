"""Local files and folders into the store, streamed part by part (see `iter_source_parts`)."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

from newsreader.models import SourceDraft
from newsreader.sources.local import FilesProgress, iter_source_parts, local_source
from newsreader.store import Store

__all__ = ["GROUP_SECONDS", "IMPORT_CACHE_KIB", "LocalImport", "save_local"]

GROUP_SECONDS = 1.0
"""How long the parts of a folder are saved into one transaction before it commits. One
transaction per part (500 entries) rewrote the date indexes' pages at every commit: 688,000
page writes for 100,000 entries, 170,000 in groups. A second of work is what a kill loses
(its files are read again next time) and what another writer may wait for."""
IMPORT_CACHE_KIB = 16 * 1024
"""The page cache while a folder is saved (SQLite's default is 2 MiB): the pages a group
changes stay in memory (a quarter of the page reads and writes of the default)."""


@dataclass(frozen=True, slots=True)
class LocalImport:
    """What importing one local path changed."""

    key: str
    source_id: int
    added: int
    updated: int
    unchanged: int
    errors: tuple[str, ...]


def save_local(
    store: Store,
    path: Path,
    *,
    key: str | None = None,
    title: str | None = None,
    location: str | None = None,
    kind: str = "local",
    progress: FilesProgress | None = None,
) -> LocalImport:
    """Load `path` and save it as one source, one transaction per part, memory flat.

    Files of a folder that have not changed since they were last saved are not read again
    (see `iter_source_parts`), so rescanning a large folder costs a walk and a stat per file.

    Args:
        store: Where to save.
        path: A file or folder.
        key: The source's key when it is already stored under one (a rescan); else derived.
        title: Its title likewise.
        location: Its stored location likewise.
        kind: The source kind to store.
        progress: Told (files done, files in the folder) as parts are read.

    Returns:
        The counts and every error line met.

    Raises:
        FileNotFoundError: When nothing exists at `path`.
    """
    added = updated = unchanged = 0
    errors: list[str] = []
    source_id = 0
    last: SourceDraft | None = None
    known = store.local_files(key or local_source(path)[0]) if path.is_dir() else {}
    parts = iter_source_parts(path, known=known, progress=progress)
    more = True
    while more:
        # Parts are saved in groups, a transaction each (see `GROUP_SECONDS`).
        with store.joined_transaction(cache_kib=IMPORT_CACHE_KIB):
            started = time.monotonic()
            for part in parts:
                part = replace(
                    part,
                    key=key or part.key,
                    title=title or part.title,
                    location=location or part.location,
                )
                errors.extend(part.errors)
                result = store.save_source(replace(part, errors=tuple(errors)), kind=kind)
                source_id = result.source_id
                added, updated = added + result.added, updated + result.updated
                unchanged += result.unchanged
                last = part
                if time.monotonic() - started >= GROUP_SECONDS:
                    break
            else:
                more = False
    final_key = last.key if last is not None else key or ""
    return LocalImport(final_key, source_id, added, updated, unchanged, tuple(errors))
