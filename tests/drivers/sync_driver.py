"""A sync to kill: syncs one account, stopping after each saved page until told to go on.

    python -m tests.drivers.sync_driver DATABASE API_URL USERNAME PASSWORD_FILE

After each page of articles is saved (committed) it prints `page N SAVED` and waits for a line
on stdin, so the parent can kill it with SIGKILL at a known point in the middle of a sync.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsreader.config import SyncSettings
from newsreader.store import Store
from newsreader.sync import syncer_for


def main(arguments: list[str]) -> int:
    """Sync the account named by the arguments, pausing after each page."""
    database, url, username, password_file = arguments
    store = Store(Path(database))
    settings = SyncSettings(
        service="greader", url=url, username=username, password_file=password_file, max_items=24
    )
    syncer = syncer_for(store, settings, "config.toml")
    syncer.page_size = 4
    pages = 0

    def progress(done: int, total: int, what: str) -> None:
        nonlocal pages
        if what == "articles" and total:
            print(f"page {pages} {done}", flush=True)
            pages += 1
            sys.stdin.readline()

    syncer.sync(progress)
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
