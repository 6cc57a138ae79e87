"""Worker processes end with the process that started them, even after a `kill -9`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

POOL_OWNER = """
import os, sys, time
from newsreader.processes import process_pool

if __name__ == "__main__":
    pool = process_pool(2, background=sys.argv[1] == "background")
    pids = set()
    for _ in range(200):  # until each worker has answered once
        pids.update(future.result() for future in [pool.submit(os.getpid) for _ in range(16)])
        if len(pids) == 2:
            break
    print(" ".join(map(str, sorted(pids))), flush=True)
    time.sleep(600)
"""


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie waiting for its new parent to reap it counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            state = stat.read().rsplit(b")", 1)[1].split()[0]
    except OSError:
        return False
    return state != b"Z"


def _workers_after_kill(mode: str) -> list[int]:
    owner = subprocess.Popen(
        [sys.executable, "-c", POOL_OWNER, mode],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert owner.stdout is not None
        workers = [int(pid) for pid in owner.stdout.readline().split()]
        assert len(workers) == 2 and all(_alive(pid) for pid in workers)
    finally:
        owner.send_signal(signal.SIGKILL)
        owner.wait()
    deadline = time.monotonic() + 20  # a bound for a busy machine, not a speed check
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.2)
    leftover = [pid for pid in workers if _alive(pid)]
    for pid in leftover:  # never leave them behind, whatever the test says
        os.kill(pid, signal.SIGKILL)
    return leftover


def test_import_workers_end_when_their_parent_is_killed() -> None:
    assert _workers_after_kill("import") == []


def test_background_index_workers_end_when_their_parent_is_killed() -> None:
    assert _workers_after_kill("background") == []
