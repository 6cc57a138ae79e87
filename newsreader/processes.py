"""Worker processes for CPU-bound bulk work (parsing feeds, finding quotes).

Python threads share one interpreter lock, so parsing or extraction in a thread takes the time
the UI needs to draw; processes run on the other cores. They are started with `spawn`, never
`fork`: the app has threads, and forking a threaded process can deadlock.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

__all__ = ["process_pool"]


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real stderr to hand it.

    The tracker is given `sys.stderr.fileno()`; inside the Textual app stderr is captured and
    has no usable descriptor ("bad value(s) in fds_to_keep"), so it gets /dev/null then, which
    also keeps its warnings off the screen.
    """
    from multiprocessing import resource_tracker

    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        resource_tracker.ensure_running()
        return
    saved = sys.stderr
    with open(os.devnull, "w") as devnull:
        sys.stderr = devnull
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = saved


BACKGROUND_NICENESS = 10
"""How much less CPU priority background workers take (see `process_pool`)."""


PARENT_CHECK_SECONDS = 1.0
"""How often a worker looks whether the process that started it is still there."""


def _start_worker(parent: int, background: bool) -> None:
    """Worker side: lower the priority of background work, and end with the parent.

    A pool's workers wait for work on a pipe that the parent's death does not always close (a
    sibling worker holds it too), so after a `kill -9` of the app or the CLI they would wait
    for ever, 50 MB each; a daemon thread ends this process once its parent is gone.
    """
    if background:  # yield the CPU to the processes a person is waiting on
        with contextlib.suppress(OSError):  # not allowed here: the work still gets done
            os.nice(BACKGROUND_NICENESS)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(0)  # orphaned: nobody is left to take the results

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def process_pool(workers: int | None = None, *, background: bool = False) -> ProcessPoolExecutor:
    """A pool of `workers` spawned processes (None: one per core).

    Args:
        workers: How many processes.
        background: Work nobody waits on (the quote index): its processes run at a lower
            CPU priority, so the app keeps its frames while they use every core.

    Raises:
        OSError: When processes cannot be started (the caller falls back to doing the work
            itself).
    """
    _start_resource_tracker()
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        max_workers=workers or os.cpu_count() or 1,
        mp_context=context,
        initializer=_start_worker,
        initargs=(os.getpid(), background),
    )
