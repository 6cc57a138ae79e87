"""Load files and folders and save them into the store: the one path every import takes."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsreader.services.library import save_local
from newsreader.sources.local import FilesProgress
from newsreader.store import Store

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import did: sources it saved, new articles, and error lines."""

    source_keys: tuple[str, ...]
    added: int
    errors: tuple[str, ...]


def import_paths(
    database: Path, locations: Sequence[Path], progress: FilesProgress | None = None
) -> ImportSummary:
    """Load `locations` and save each as a source, on a connection of the calling thread's own.

    A path that fails to load is reported as one error line; the others still import.

    Args:
        database: The SQLite file to write to.
        locations: Files and folders to load.
        progress: Told (files done, files in the folder) as each folder is read.

    Returns:
        The keys of the sources saved, how many articles were new, and one line per problem.
    """
    store = Store(database)
    keys: list[str] = []
    errors: list[str] = []
    added = 0
    try:
        for location in locations:
            try:
                saved = save_local(store, location, progress=progress)
                added += saved.added
            except OSError as error:
                logger.warning("importing %s failed: %s", location, error)
                errors.append(f"{location}: {error.strerror or error}")
                continue
            except Exception as error:  # one source's surprise must not lose the others
                logger.exception("importing %s failed", location)
                errors.append(f"{location}: not imported ({type(error).__name__}: {error})")
                continue
            errors.extend(saved.errors)
            keys.append(saved.key)
    finally:
        store.close()
    return ImportSummary(tuple(keys), added, tuple(errors))
