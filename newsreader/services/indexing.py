"""Quote indexing: the extractor run over stored articles, in processes, stamped with its version.

Articles are searchable when stored (`newsreader.store.search`); their quotes and speakers
come from here. `index_quotes` reads waiting articles newest first in batches, runs the
extractor on every core (processes: extraction is CPU-bound Python, and threads would hold the
GIL the UI needs), and saves each batch in one transaction, so a kill loses at most the batch
in flight and the next run resumes. An extractor exception costs its article only: it is
logged with the article id, counted, and the article is stored with no quotes.
"""

from __future__ import annotations

import atexit
import logging
import threading
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import BrokenExecutor, Executor
from dataclasses import dataclass

from newsreader.models import Extraction
from newsreader.processes import process_pool
from newsreader.store import Store
from newsreader.store.search import PendingArticle
from newsreader.versions import EXTRACTOR_VERSION

__all__ = ["IndexSummary", "ProgressCallback", "extract_elsewhere", "index_quotes"]

log = logging.getLogger(__name__)

BATCH = 400
"""Articles read and saved per transaction."""
CHUNK = 25
"""Articles per task sent to a worker process (about 0.1 s of work)."""
IN_PROCESS_LIMIT = 40
"""Fewer waiting articles than this are extracted here: starting processes would cost more."""

ProgressCallback = Callable[[int, int], None]
"""Called with (articles done, articles waiting at the start) after each batch."""


@dataclass(frozen=True, slots=True)
class IndexSummary:
    """What one indexing run did."""

    indexed: int
    failed: int
    """Articles whose extraction raised; logged with their ids, stored with no quotes."""


def _extract_chunk(
    chunk: Sequence[tuple[int, tuple[str, ...]]],
) -> list[tuple[int, Extraction | None, str]]:
    """Worker side: (article id, what was found or None when it raised, the error text)."""
    from newsreader.extract.bounded import extract_within_bound

    results: list[tuple[int, Extraction | None, str]] = []
    for article_id, paragraphs in chunk:
        try:
            results.append((article_id, extract_within_bound(paragraphs) or Extraction(), ""))
        except Exception:  # reported to the parent, which logs it with the article id
            results.append((article_id, None, traceback.format_exc(limit=8)))
    return results


def _executor(total: int, workers: int | None) -> Executor | None:
    if total < IN_PROCESS_LIMIT or workers == 1:
        return None
    return process_pool(workers, background=True)


def _extract_batch(
    batch: list[PendingArticle], executor: Executor | None
) -> list[tuple[int, Extraction | None, str]]:
    work = [(pending.id, pending.paragraphs) for pending in batch]
    chunks = [work[start : start + CHUNK] for start in range(0, len(work), CHUNK)]
    if executor is None:
        return [result for chunk in chunks for result in _extract_chunk(chunk)]
    return [result for results in executor.map(_extract_chunk, chunks) for result in results]


def index_quotes(
    store: Store,
    *,
    version: int = EXTRACTOR_VERSION,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> IndexSummary:
    """Extract and store the quotes of every article waiting for extractor `version`.

    Args:
        store: The store to read from and write to (this thread's connection).
        version: The extractor version to stamp (the current one unless a test says otherwise).
        workers: Processes to use (None: one per core; 1: none, extract here).
        progress: Told (done, total) after each saved batch.
        should_stop: Checked between batches; True ends the run early (the rest stays queued).

    Returns:
        How many articles were indexed and how many failed.
    """
    total = store.pending_index_count(version)
    if total == 0:
        return IndexSummary(0, 0)
    indexed = failed = done = 0
    executor = _executor(total, workers)
    try:
        while not (should_stop and should_stop()):
            batch = store.articles_for_quotes(version, BATCH)
            if not batch:
                break
            by_id = {pending.id: pending for pending in batch}
            results = []
            for article_id, found, error in _extract_batch(batch, executor):
                if found is None:
                    failed += 1
                    log.error("extraction failed for article %d:\n%s", article_id, error)
                    found = Extraction()
                results.append((by_id[article_id], found))
            indexed += store.save_quotes(version, results)
            done += len(batch)
            if progress is not None:
                progress(min(done, total), total)
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
    return IndexSummary(indexed, failed)


_solo_pool: Executor | None = None
_solo_lock = threading.Lock()


def extract_elsewhere(paragraphs: Sequence[str]) -> Extraction | None:
    """`extract_within_bound` run in a worker process kept for the life of the program.

    For the app: a long article's analysis then never holds the interpreter lock the UI
    draws with. Falls back to this process when no worker can be started.

    Raises:
        Exception: Whatever the extractor raises.
    """
    global _solo_pool
    from newsreader.extract.bounded import extract_within_bound

    with _solo_lock:
        if _solo_pool is None:
            try:
                _solo_pool = process_pool(1)
                atexit.register(_solo_pool.shutdown, cancel_futures=True)
            except OSError:
                log.warning("cannot start a worker process; extracting here", exc_info=True)
        pool = _solo_pool
    if pool is None:
        return extract_within_bound(paragraphs)
    try:
        return pool.submit(extract_within_bound, tuple(paragraphs)).result()
    except BrokenExecutor:
        with _solo_lock:
            _solo_pool = None
        return extract_within_bound(paragraphs)
