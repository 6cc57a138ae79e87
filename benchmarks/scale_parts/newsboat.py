"""newsboat on the same articles: RSS files behind `file://` URLs, its own cache.

Skipped cleanly when `newsboat` is not installed.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import subprocess
import time
from pathlib import Path
from typing import Protocol

from scale_parts import corpus

RUNS = 2


class FigureReport(Protocol):
    """The part of the benchmark's report this module prints to."""

    def figure(self, name: str, value: float | None, unit: str, target: float | None) -> None:
        """Print one figure."""

    def note(self, text: str) -> None:
        """Print context."""


def run_measured(command: list[str]) -> tuple[float, float, int]:
    """Run `command` to the end; return wall seconds, peak RSS in MiB and the exit status."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, process.returncode


def _like_search(cache: Path, word: str) -> float:
    """Milliseconds for newsboat's kind of search (SQL LIKE on title and content)."""
    connection = sqlite3.connect(cache)
    samples = []
    for _ in range(3):
        start = time.perf_counter()
        connection.execute(
            "SELECT guid FROM rss_item WHERE title LIKE ? OR content LIKE ?",
            (f"%{word}%", f"%{word}%"),
        ).fetchall()
        samples.append((time.perf_counter() - start) * 1000)
    connection.close()
    return statistics.median(samples)


def compare(
    report: FigureReport,
    folder: Path,
    article_count: int,
    paint: float | None,
    peak: float | None,
    searches: dict[str, float],
) -> None:
    """Load the articles into newsboat and print its figures and our ratios."""
    binary = shutil.which("newsboat")
    if binary is None:
        report.note("newsboat is not installed: skipped (apt-get install -y newsboat)")
        return
    files = corpus.write_rss_files(folder / "rss", article_count)
    urls, cache, config = folder / "urls", folder / "cache.db", folder / "config"
    urls.write_text("".join(f"file://{path}\n" for path in files), encoding="utf-8")
    config.write_text("reload-threads 2\n", encoding="utf-8")
    base = [binary, "-u", str(urls), "-c", str(cache), "-C", str(config), "-x"]
    seconds, _memory, status = run_measured([*base, "reload"])
    report.figure(
        f"newsboat -x reload of {article_count:,} items (exit {status})", seconds, "s", None
    )
    runs = [run_measured([*base, "print-unread"]) for _ in range(RUNS)]
    start_up = statistics.median(run[0] for run in runs)
    newsboat_peak = max(run[1] for run in runs)
    report.figure(f"newsboat -x print-unread, median of {RUNS}", start_up, "s", None)
    report.figure("newsboat peak memory", newsboat_peak, "MiB", None)
    if paint:
        report.figure("start-up ratio newsreader / newsboat", paint / start_up, "×", 0.1)
    if peak:
        report.figure("memory ratio newsreader / newsboat", peak / newsboat_peak, "×", None)
    for kind, word in (("typical", "tag4242"), ("worst", "harbour")):
        like = _like_search(cache, word)
        report.figure(f"newsboat-style LIKE search, {kind}", like, "ms", None)
        if kind in searches:
            report.figure(
                f"  search ratio newsreader / newsboat, {kind}", searches[kind] / like, "×", None
            )
    shutil.rmtree(folder, ignore_errors=True)
