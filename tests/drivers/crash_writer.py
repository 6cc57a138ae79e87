"""A writer to kill: imports folders or marks articles read, acknowledging each commit.

    python -m tests.drivers.crash_writer import DATABASE FOLDER...
    python -m tests.drivers.crash_writer mark DATABASE SEED VALUE

Each acknowledgement line (`imported KEY COUNT`, `read ID VALUE`) is printed and flushed only
after the change is committed, so a line the parent has read is a promise the database must
keep. Before each read-state commit the driver announces it (`intent ID VALUE`): a kill between
the commit and its acknowledgement leaves that one change applied but unacknowledged.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from newsreader.importer import import_paths
from newsreader.store import Store


def import_folders(database: Path, folders: list[Path]) -> None:
    """Import the folders one by one (one transaction each), acknowledging each."""
    for folder in folders:
        summary = import_paths(database, [folder])
        count = sum(1 for _ in folder.iterdir())
        print(f"imported {summary.source_keys[0]} {count}", flush=True)


def mark_read(database: Path, seed: int, value: bool) -> None:
    """Set every article's read state to `value`, in a seeded random order, one commit each."""
    store = Store(database)
    rows = store._connection.execute("SELECT id FROM articles WHERE read != ?", (value,))
    article_ids = [article_id for (article_id,) in rows.fetchall()]
    random.Random(seed).shuffle(article_ids)
    for article_id in article_ids:
        print(f"intent {article_id} {int(value)}", flush=True)
        store.set_read(article_id, value)
        print(f"read {article_id} {int(value)}", flush=True)
    store.close()


def main(arguments: list[str]) -> int:
    """Run the mode named by the first argument."""
    mode, database = arguments[0], Path(arguments[1])
    if mode == "import":
        import_folders(database, [Path(folder) for folder in arguments[2:]])
    elif mode == "mark":
        mark_read(database, int(arguments[2]), arguments[3] == "1")
    else:
        print(f"unknown mode {mode}", file=sys.stderr)
        return 2
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
