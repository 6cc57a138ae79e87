"""One of several processes writing the same database at once, acknowledging each commit.

    python -m tests.drivers.concurrent_writer read DATABASE START_AT
    python -m tests.drivers.concurrent_writer star DATABASE START_AT
    python -m tests.drivers.concurrent_writer import DATABASE START_AT FOLDER...

`read` marks every stored article read and `star` stars every one, each its own transaction,
as the app does (one connection per process); `import` imports folders one transaction each.
All wait until the wall clock reaches START_AT so their writes overlap. Acknowledgement lines:
`read ID`, `star ID`, `imported KEY COUNT`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from newsreader.importer import import_paths
from newsreader.store import Store


def wait_until(moment: float) -> None:
    """Sleep until the wall clock reaches `moment`."""
    time.sleep(max(0.0, moment - time.time()))


def write_states(database: Path, mode: str, start_at: float) -> None:
    """Mark read (or star) every article, one commit each, acknowledging each."""
    store = Store(database)
    rows = store._connection.execute("SELECT id FROM articles ORDER BY id").fetchall()
    wait_until(start_at)
    for (article_id,) in rows:
        if mode == "read":
            store.set_read(article_id, True)
        else:
            store.set_starred(article_id, True)
        print(f"{mode} {article_id}", flush=True)
    store.close()


def import_folders(database: Path, folders: list[Path], start_at: float) -> None:
    """Import each folder in its own transaction, acknowledging each."""
    wait_until(start_at)
    for folder in folders:
        summary = import_paths(database, [folder])
        print(f"imported {summary.source_keys[0]} {summary.added}", flush=True)


def main(arguments: list[str]) -> int:
    """Run the mode named by the first argument."""
    mode, database, start_at = arguments[0], Path(arguments[1]), float(arguments[2])
    if mode in ("read", "star"):
        write_states(database, mode, start_at)
    elif mode == "import":
        import_folders(database, [Path(folder) for folder in arguments[3:]], start_at)
    else:
        print(f"unknown mode {mode}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
