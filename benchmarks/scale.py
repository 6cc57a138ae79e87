"""newsreader at 100,000 articles: start-up, moving, opening, search, memory, import.

Run: python benchmarks/scale.py [--articles N] [--import-articles N] [--no-newsboat]

Generates a store of N articles across 300 sources in a temporary data folder, launches the
real `newsreader` command in a 120x40 pseudo-terminal on it, and prints every figure next to
its target from the scale issue. When `newsboat` is installed it runs on the same articles
(as RSS files behind `file://` URLs) and the ratios are printed too. Figures only: nothing
here fails a build.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_parts import corpus, newsboat
from scale_parts.pty_session import TerminalSession
from scale_parts.timing import median_milliseconds

from newsreader.store import Store

REPO = Path(__file__).resolve().parents[1]
START_RUNS = 5
MILLION = 1_000_000
"""From this many articles on, the issue's targets for a million stored apply."""
OPEN_SAMPLES = 200
ROWS_PER_PAGE = 18
"""What ctrl+f moves at 120x40: 38 list lines, two per article, minus one row of overlap."""


def newsreader_command() -> list[str]:
    """The installed console script, else the module through this interpreter."""
    script = Path(sys.executable).with_name("newsreader")
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsreader"]


class Report:
    """Prints figures in one aligned column, each with its target and a verdict."""

    def __init__(self) -> None:
        self.misses: list[str] = []

    def figure(self, name: str, value: float | None, unit: str, target: float | None) -> None:
        """Print `value` (None: not measured) against an upper bound `target`."""
        if value is None:
            print(f"  {name:<44} {'n/a':>10}")
            return
        shown = f"{value:,.1f} {unit}" if value >= 100 else f"{value:.3g} {unit}"
        if target is None:
            print(f"  {name:<44} {shown:>12}")
            return
        verdict = "ok" if value <= target else "OVER"
        if verdict == "OVER":
            self.misses.append(name)
        print(f"  {name:<44} {shown:>12}   target ≤ {target:g} {unit}  {verdict}")

    @staticmethod
    def note(text: str) -> None:
        """Print a line of context."""
        print(f"  {text}")


def percentile(samples: list[float], fraction: float) -> float:
    """The `fraction` quantile of `samples` (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# ---------------------------------------------------------------------------------------------
# The real command in a pty


def measure_terminal(
    report: Report, env: dict[str, str], article_count: int
) -> tuple[float | None, float | None]:
    """Start-up ×(1 + START_RUNS), then keys and memory in the last session.

    Returns:
        The median first paint in seconds and the peak RSS in MiB (None if not seen).
    """
    first = corpus.row_label(0).encode()
    paints: list[float] = []
    peak: float | None = None
    for run in range(START_RUNS + 1):  # the first run warms the page cache and is dropped
        with TerminalSession(newsreader_command(), env=env) as session:
            if session.wait_for(first, timeout=30) is None:
                report.note(f"start-up: the first row never appeared (run {run})")
                return None, None
            paint = time.perf_counter() - session.started
            if run:
                paints.append(paint)
            if run == START_RUNS:
                measure_keys(report, session, article_count)
                peak = session.peak_rss_mib()
    median = statistics.median(paints)
    paint_target = 500 if article_count >= MILLION else 400
    report.figure(f"first paint, median of {START_RUNS} warm", median * 1000, "ms", paint_target)
    report.figure("first paint, best run", min(paints) * 1000, "ms", None)
    report.note("   (runs: " + ", ".join(f"{p * 1000:.0f}" for p in paints) + " ms)")
    return median, peak


JUMPS = 5
"""`G` and `g` presses, alternating; their medians are reported."""


def measure_keys(report: Report, session: TerminalSession, article_count: int) -> None:
    """1,000 `j` presses and the page/end jumps, each timed until the expected row is drawn."""
    presses = min(1000, article_count - 1)
    label = corpus.row_label
    mark = session.send(b"j" * presses)
    elapsed = session.wait_for(label(presses).encode(), since=mark)
    report.figure(f"{presses:,} j presses until row {presses} drawn", _ms(elapsed), "ms", None)
    if elapsed is not None:
        report.figure("  per press", _ms(elapsed / presses), "ms", 16.7)
    jumps: dict[str, list[float]] = {"G (last article)": [], "g (first article)": []}
    for _ in range(JUMPS):  # one jump is one sample of a busy machine: the median of several
        for seen, (key, expected) in zip(
            jumps.values(), [(b"G", label(article_count - 1)), (b"g", label(0))], strict=True
        ):
            mark = session.send(key)
            elapsed = session.wait_for(expected.encode(), since=mark)
            if elapsed is not None:
                seen.append(elapsed)
    for name, seen in jumps.items():
        median = statistics.median(seen) if seen else None
        report.figure(f"{name}, median of {JUMPS}", _ms(median), "ms", 33)
    pages = []
    for page in range(1, 6):
        mark = session.send(b"\x06")  # ctrl+f
        pages.append(session.wait_for(label(page * ROWS_PER_PAGE).encode(), since=mark))
    seen = [seconds for seconds in pages if seconds is not None]
    report.figure(
        "ctrl+f page down (median of 5)", _ms(statistics.median(seen) if seen else None), "ms", 33
    )
    for _ in range(10):  # open a few articles so peak memory covers reading too
        mark = session.send(b"j\r")
        session.wait_for(b"harbour story", since=mark, timeout=5)


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else seconds * 1000


# ---------------------------------------------------------------------------------------------
# In-process: opening articles


async def _open_articles(database: Path, article_ids: list[int]) -> list[float]:
    """Seconds each `MainScreen.open_article` takes (read, extract, show, mark read)."""
    from newsreader.ui.app import NewsReaderApp
    from newsreader.ui.screens.main import MainScreen

    store = Store(database)
    app = NewsReaderApp(store)
    opens: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for article_id in article_ids:
            start = time.perf_counter()
            await screen.open_article(article_id)
            opens.append(time.perf_counter() - start)
            await pilot.pause()
    store.close()
    return opens


def measure_open(report: Report, database: Path) -> None:
    """p50/p95 of opening 200 random articles, extraction included."""
    connection = sqlite3.connect(database)
    ids = [row[0] for row in connection.execute("SELECT id FROM articles")]
    connection.close()
    sample = random.Random(3).sample(ids, min(OPEN_SAMPLES, len(ids)))
    opens = asyncio.run(_open_articles(database, sample))
    report.figure(
        "open article p50 (store + extract + view)", percentile(opens, 0.5) * 1000, "ms", None
    )
    report.figure("open article p95", percentile(opens, 0.95) * 1000, "ms", 35)


# ---------------------------------------------------------------------------------------------
# Search


def measure_search(report: Report, database: Path, *, big: bool = False) -> dict[str, float]:
    """FTS search through `Store.search` when the store has it (`big`: a million stored)."""
    search = getattr(Store, "search", None)
    if search is None:
        report.note("search: not available yet (Store.search is missing)")
        return {}
    store = Store(database)
    try:
        figures = {
            "typical": median_milliseconds(lambda: search(store, "tag4242", limit=50)),
            "worst": median_milliseconds(lambda: search(store, "harbour", limit=50)),
        }
        hits = len(search(store, "tag4242", limit=50)), len(search(store, "harbour", limit=50))
    finally:
        store.close()
    report.figure(f"search, rare word ({hits[0]} hits)", figures["typical"], "ms", 10)
    target = 150 if big else 100
    report.figure(
        f"search, word in every article ({hits[1]} shown)", figures["worst"], "ms", target
    )
    return figures


# ---------------------------------------------------------------------------------------------
# Import from files


def measure_import(report: Report, work: Path, file_count: int, article_count: int) -> float:
    """Write `file_count` seed files in folders and time their first import; returns seconds."""
    from newsreader.importer import import_paths

    start = time.perf_counter()
    folders = corpus.write_seed_files(work / "files", file_count)
    written = time.perf_counter() - start
    database = work / "import.sqlite3"
    start = time.perf_counter()
    summary = import_paths(database, folders)
    seconds = time.perf_counter() - start
    report.note(f"({file_count:,} files in {len(folders)} folders, written in {written:.1f} s)")
    report.figure(f"first import of {summary.added:,} seed files", seconds, "s", None)
    report.figure("  rate", summary.added / seconds, "articles/s", None)
    if file_count != article_count:
        report.figure(
            f"  scaled to {article_count:,} articles",
            seconds * article_count / file_count,
            "s",
            None,
        )
    shutil.rmtree(work / "files")
    return seconds * article_count / file_count


# ---------------------------------------------------------------------------------------------


def cached_store(cache: Path | None, article_count: int, report: Report, work: Path) -> Path:
    """The store of `article_count` generated articles: built in `cache` (or `work`), or the
    one a previous run left in `cache` when it is complete."""
    folder = (cache / f"store-{article_count}") if cache else work / "data"
    database = folder / "newsreader.sqlite3"
    done = folder / "complete"
    print(f"Store of {article_count:,} articles across {corpus.SOURCE_COUNT} sources")
    if done.exists() and database.exists():
        report.note(f"(reusing the store in {folder})")
        return database
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    saved, indexed = corpus.build_store(database, article_count)
    report.figure("written through Store.save_source (with search rows)", saved, "s", None)
    report.figure("  rate", article_count / saved, "articles/s", None)
    report.figure("quotes marked found (no background index)", indexed, "s", None)
    done.touch()
    return database


def parse_arguments() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument(
        "--import-articles", type=int, default=20_000, help="files for the import figure"
    )
    parser.add_argument("--no-newsboat", action="store_true", help="skip the newsboat runs")
    parser.add_argument(
        "--store-cache",
        type=Path,
        help="a folder to keep the generated store in and reuse on the next run of the same size"
        " (a million articles take minutes to write)",
    )
    return parser.parse_args()


def main() -> None:
    """Build the store, run every measurement, print the figures."""
    arguments = parse_arguments()
    article_count = max(2, arguments.articles)
    report = Report()
    began = time.perf_counter()
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"Machine: {os.cpu_count()} cores, load average {load} (other work skews the figures)")
    with tempfile.TemporaryDirectory(prefix="newsreader-scale-") as folder:
        work = Path(folder)
        database = cached_store(arguments.store_cache, article_count, report, work)
        report.note(f"database size {database.stat().st_size / 2**20:,.0f} MiB")
        # Without PYTHONDONTWRITEBYTECODE (set in some sandboxes) the warm-up run leaves the
        # bytecode cache an installed package has; otherwise every start recompiles ~70 ms.
        env = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "NEWSREADER_DATA_DIR": str(database.parent),
            "NEWSREADER_CONFIG_DIR": str(work / "config"),
        }
        print("\nThe real command in a 120x40 pseudo-terminal")
        paint, peak = measure_terminal(report, env, article_count)
        report.figure("peak memory (VmHWM) after moving and opening", peak, "MiB", 80)
        print("\nOpening articles in-process (App.run_test, 200 random articles)")
        measure_open(report, database)
        print("\nFull-text search")
        searches = measure_search(report, database, big=article_count >= MILLION)
        print("\nFirst import from local files")
        import_count = min(arguments.import_articles, article_count)
        measure_import(report, work, import_count, article_count)
        if not arguments.no_newsboat:
            print("\nnewsboat on the same articles")
            newsboat.compare(report, work / "newsboat", article_count, paint, peak, searches)
    print(f"\nTotal benchmark time {time.perf_counter() - began:.0f} s.")
    if report.misses:
        print("Over target: " + "; ".join(report.misses))
    else:
        print("Every figure with a target is within it.")


if __name__ == "__main__":
    main()
