"""Load one hostile input end to end, in its own process, and report what came out.

    python -m tests.drivers.hostile_case path FILE_OR_FOLDER DATABASE
    python -m tests.drivers.hostile_case feed FILE DATABASE

`path` goes through `load_path` (as `newsreader PATH` does); `feed` hands the file's bytes to
`parse_feed` (as a refresh does). Either way the result is saved with `Store.save_source` and
read back. The last stdout line is JSON: article count, error lines, seconds, peak memory
above the baseline after imports, every stored string with a control character in it, and
the stored titles and bodies (cut short) for the caller to inspect.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
import time
from pathlib import Path

from newsreader.ingest.feeds import parse_feed
from newsreader.models import SourceDraft
from newsreader.sources.local import load_path
from newsreader.store import Store
from tests.hostile.driver import peak_rss_mib

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SAMPLE_CHARS = 2000


def load(mode: str, target: Path) -> SourceDraft:
    """The source as the loaders make it."""
    if mode == "path":
        return load_path(target)
    title, articles, errors = parse_feed(
        target.read_bytes(), location=str(target), fallback_title=target.name
    )
    return SourceDraft(f"feed:{target.name}", title, str(target), tuple(articles), tuple(errors))


def stored_strings(database: Path) -> list[tuple[str, str]]:
    """(table.column, value) for every text value stored in the database."""
    connection = sqlite3.connect(database)
    found = []
    for table in ("sources", "articles", "bodies"):
        columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
        for row in connection.execute(f"SELECT * FROM {table}"):
            for column, value in zip(columns, row, strict=True):
                if isinstance(value, str):
                    found.append((f"{table}.{column}", value))
    connection.close()
    return found


def main(mode: str, target: Path, database: Path) -> None:
    """Run the case and print its report."""
    baseline = peak_rss_mib()
    start = time.perf_counter()
    draft = load(mode, target)
    store = Store(database)
    store.save_source(draft)
    store.close()
    seconds = time.perf_counter() - start
    extra_mib = peak_rss_mib() - baseline
    strings = stored_strings(database)
    unsafe = [(name, repr(value[:120])) for name, value in strings if UNSAFE.search(value)]
    unsafe += [("error", repr(line)) for line in draft.errors if UNSAFE.search(line)]
    report = {
        "articles": len(draft.articles),
        "errors": list(draft.errors),
        "seconds": seconds,
        "extra_mib": extra_mib,
        "unsafe": unsafe[:20],
        "titles": [value[:SAMPLE_CHARS] for name, value in strings if name == "articles.title"],
        "bodies": [value[:SAMPLE_CHARS] for name, value in strings if name == "bodies.body"],
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
