"""Import of 200 local RSS files x 500 items (100,000 articles), newsreader beside newsboat.

The headline case of the speed issue, as a new user meets it, in one run:

- `newsreader add DIR && newsreader refresh` as real CLI subprocesses on a fresh data dir:
  wall time and the peak memory of the whole process tree (the worker processes included:
  the sums of every descendant's RSS and PSS, sampled every 20 and 100 ms);
- the first `newsreader search` right after it, minus the start-up of the same command on
  an empty store;
- `newsboat -x reload` with `reload-threads 2` (one per core) on the same files as `file://`
  URLs;
- the quote index of the imported store in the background
  (`newsreader index`), and the app's first paint (pseudo-terminal) and how long its
  event loop stalls (`App.run_test`, `j` pressed every 50 ms) while it runs.

Medians of `--runs` runs (default 3); the load average is printed before and after, since
other work on the machine moves every figure. The feeds are generated once and cached under
the temporary folder (`--feeds-dir`).

Run: `.venv/bin/python benchmarks/local_import.py [--runs N] [--no-index]` (part of `make bench`).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))

FEEDS = 200
ITEMS = 500
TARGET_RATIO = 0.5
TARGET_PEAK_MB = 150
TARGET_SEARCH_S = 0.2
TARGET_INDEX_S = 240
TARGET_PAINT_S = 0.4
FRAME_MS = 1000 / 60
APP_SESSIONS = 3
STALL_SECONDS = 10
WORDS = [
    "council",
    "harbour",
    "bridge",
    "minister",
    "budget",
    "storm",
    "river",
    "school",
    "vote",
    "strike",
    "transit",
    "museum",
    "court",
    "ruling",
    "fares",
    "ferry",
    "election",
    "league",
    "probe",
    "launch",
    "flood",
    "warning",
    "market",
    "union",
    "mayor",
    "residents",
    "officials",
    "engineers",
    "report",
    "quarter",
    "growth",
    "plan",
]


# --- the feeds -------------------------------------------------------------------------------


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def make_feed(number: int, items: int) -> bytes:
    """One RSS 2.0 feed: each item a title, link, guid, date, author and a 3-paragraph body."""
    rng = random.Random(number)
    parts = []
    for item in range(items):
        body = "".join(
            f"<p>{_sentence(rng, 16)} “{_sentence(rng, 9)}” said Mayor Dana O’Brien. "
            f'<a href="https://example.org/ref/{item}">{_sentence(rng, 3)}</a> '
            f"{_sentence(rng, 10)}</p>"
            for _ in range(3)
        )
        parts.append(
            f"<item><title>{_sentence(rng, 7)[:-1]} &amp; more ({number}-{item})</title>"
            f"<link>https://example.org/{number}/{item}</link>"
            f'<guid isPermaLink="false">feed-{number}-item-{item}</guid>'
            f"<pubDate>Mon, {1 + item % 28:02d} Sep 2026 {item % 24:02d}:{item % 60:02d}:00 "
            "+0000</pubDate>"
            f"<dc:creator>Reporter {item % 7}</dc:creator>"
            f"<description>{escape(body)}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>Feed {number} — City &amp; Region</title><link>https://example.org/{number}</link>"
        f"<description>News feed {number}</description>{''.join(parts)}</channel></rss>\n"
    ).encode()


def write_feeds(folder: Path, feeds: int, items: int) -> int:
    """Write the feeds into `folder` unless they are there already; their total bytes."""
    stamp = folder / f".complete-{feeds}x{items}"
    if not stamp.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for number in range(feeds):
            (folder / f"feed{number:03d}.xml").write_bytes(make_feed(number, items))
        stamp.touch()
    return sum(path.stat().st_size for path in folder.glob("*.xml"))


# --- measuring processes ---------------------------------------------------------------------


def _tree(root: int) -> list[int]:
    """`root` and every descendant, from each process's `children` lists in /proc (a scan of
    every process where the kernel has none): the sampler must not take the CPU it measures.
    """
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{pid}/task/{task}/children", "rb") as children:
                    pending.extend(int(child) for child in children.read().split())
            except FileNotFoundError:
                return _tree_by_scan(root)
            except (OSError, ValueError):
                continue
    return found


def _tree_by_scan(root: int) -> list[int]:
    """`root` and every descendant, from every process's parent in /proc."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as stat:
                parent = int(stat.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(name))
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending.extend(children.get(pid, ()))
    return found


_PAGE = os.sysconf("SC_PAGE_SIZE")


def _rss(pid: int) -> int:
    """RSS of one process in bytes from the kernel's counters (cheap); 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in bytes; zeros once it is gone. The kernel walks the
    process's page tables for this: about half a millisecond of CPU per process."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith(b"Pss:"):
                    pss = int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return rss, pss


def run_tree(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Run `command`; wall seconds and the peak memory of its process tree in MB (10^6 bytes).

    Two peaks of the sums over every process of the tree: of RSS (sampled every 20 ms; it
    counts the pages processes share, such as libpython and lxml, once per process) and of
    PSS (every 100 ms and at each new RSS high; shared pages divided between their users:
    what the tree takes from the machine).

    Raises:
        RuntimeError: When the command fails.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_rss = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        # RSS every 20 ms from counters; PSS (a page-table walk per process: sampled every
        # 20 ms it took 12 % of a core from the two the import runs on) every 100 ms, and
        # whenever the RSS sum reaches a new high, where the PSS peak is.
        nonlocal peak_rss, peak_pss
        last_pss = 0.0
        while not done.wait(0.02):
            tree = _tree(process.pid)
            rss = sum(map(_rss, tree))
            now = time.perf_counter()
            if rss > peak_rss or now - last_pss >= 0.1:
                sizes = [_memory(pid) for pid in tree]
                peak_pss = max(peak_pss, sum(pss for _, pss in sizes))
                rss = max(rss, sum(size for size, _ in sizes))
                last_pss = now
            peak_rss = max(peak_rss, rss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {stderr.decode()[-2000:]}")
    return elapsed, peak_rss / 1e6, peak_pss / 1e6


def newsreader_command() -> list[str]:
    """The installed console script, else the module through this interpreter."""
    script = Path(sys.executable).with_name("newsreader")
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsreader"]


def newsreader_env(home: Path) -> dict[str, str]:
    """A fresh data and config folder under `home`."""
    shutil.rmtree(home, ignore_errors=True)
    (home / "config").mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NEWSREADER_DATA_DIR"] = str(home / "data")
    env["NEWSREADER_CONFIG_DIR"] = str(home / "config")
    env["NEWSREADER_LOG_DIR"] = str(home / "log")
    return env


def load() -> str:
    """The load averages, as printed with every figure."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


# --- the runs --------------------------------------------------------------------------------


def newsreader_import(folder: Path, home: Path) -> tuple[float, float, float, float]:
    """`add DIR` then `refresh` on a fresh data dir: seconds (add, refresh), peak RSS and PSS
    sums in MB."""
    env = newsreader_env(home)
    command = newsreader_command()
    add, add_rss, add_pss = run_tree([*command, "add", str(folder)], env)
    refresh, refresh_rss, refresh_pss = run_tree([*command, "refresh", "--quiet"], env)
    return add, refresh, max(add_rss, refresh_rss), max(add_pss, refresh_pss)


def first_search(home: Path, empty: Path) -> tuple[float, float]:
    """Seconds of the first `newsreader search` on the imported store, and its start-up alone.

    The start-up is the same command on an empty store (opening, parsing arguments, imports).
    """
    command = [*newsreader_command(), "search", "harbour", "--limit", "50"]
    env = dict(newsreader_env(home / "unused"), NEWSREADER_DATA_DIR=str(home / "data"))
    env["NEWSREADER_CONFIG_DIR"] = str(home / "config")
    started = time.perf_counter()
    found = subprocess.run(command, env=env, capture_output=True, check=True)
    seconds = time.perf_counter() - started
    assert found.stdout.count(b"\n") == 50, found.stdout[-500:]
    empty_env = newsreader_env(empty)
    startups = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(command, env=empty_env, capture_output=True, check=False)
        startups.append(time.perf_counter() - started)
    return seconds, statistics.median(startups)


def newsboat_import(folder: Path, home: Path) -> tuple[float, float, float]:
    """`newsboat -x reload` with two reload threads on `file://` URLs; seconds and peak MB
    (RSS, PSS)."""
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    urls = [f"file://{path}" for path in sorted(folder.glob("*.xml"))]
    (home / "urls").write_text("\n".join(urls) + "\n", "utf-8")
    (home / "config").write_text("reload-threads 2\n", "utf-8")
    env = dict(os.environ, HOME=str(home))
    command = ["newsboat", "-x", "reload", "-u", str(home / "urls")]
    command += ["-c", str(home / "cache.db"), "-C", str(home / "config")]
    return run_tree(command, env)


def count_articles(home: Path) -> int:
    """Articles in the store under `home`."""
    import sqlite3

    connection = sqlite3.connect(home / "data" / "newsreader.sqlite3")
    try:
        return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        connection.close()


def _app_paints(env: dict[str, str]) -> list[float]:
    """First paints of the real command in a pseudo-terminal, on a store whose quotes are all
    waiting: the app starts its background quote index (worker processes on every core)."""
    from scale_parts.pty_session import TerminalSession

    paints: list[float] = []
    for _ in range(APP_SESSIONS):
        with TerminalSession(newsreader_command(), env=env) as session:
            if session.wait_for(b"Feed ", timeout=60) is None:
                print("  the app never painted")
                break
            paints.append(time.perf_counter() - session.started)
            time.sleep(1)
    return paints


async def _loop_stalls(database: Path) -> list[float]:
    """How late the real app's event loop (`App.run_test`) answers while its index runs and
    `j` is pressed every 50 ms: seconds past a 5 ms sleep, sampled for `STALL_SECONDS`.

    A key waits at most that long before its handler runs, so a stall under one frame means
    every key is answered within the frame (drawing the row itself is a few ms: see
    `benchmarks/scale.py`, 1,000 `j` presses).
    """
    import asyncio

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from newsreader.store import Store
    from newsreader.ui.app import NewsReaderApp

    store = Store(database)
    app = NewsReaderApp(store)
    stalls: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await asyncio.sleep(3)  # the index's worker processes are started and busy by now

        async def press() -> None:
            while True:
                await pilot.press("j")
                await asyncio.sleep(0.05)

        presser = asyncio.create_task(press())
        deadline = time.perf_counter() + STALL_SECONDS
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            await asyncio.sleep(0.005)
            stalls.append(time.perf_counter() - started - 0.005)
        presser.cancel()
    store.close()
    return stalls


def index_while_painting(home: Path) -> None:
    """`newsreader index` over the imported store, then the app while its own index runs.

    For the app, every article is made stale again (what a new extractor version does), so
    the app re-extracts them in the background from its start.
    """
    import sqlite3

    env = dict(newsreader_env(home / "unused"), NEWSREADER_DATA_DIR=str(home / "data"))
    env["NEWSREADER_CONFIG_DIR"] = str(home / "config")
    database = home / "data" / "newsreader.sqlite3"
    started = time.perf_counter()
    indexer = subprocess.run(
        [*newsreader_command(), "index", "--quiet"], env=env, capture_output=True, check=True
    )
    seconds = time.perf_counter() - started
    print(f"  {indexer.stderr.decode().strip()}; load {load()}")
    verdict = "ok" if seconds <= TARGET_INDEX_S else "OVER"
    print(
        f"quote index of every article    {seconds:7.1f} s  "
        f"(target <= {TARGET_INDEX_S} on 2 cores: {verdict})"
    )
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE articles SET quotes_version = quotes_version - 1")
    import asyncio

    paints = _app_paints(env)
    keys = asyncio.run(_loop_stalls(database))
    if paints:
        paint = statistics.median(paints)
        verdict = "ok" if paint <= TARGET_PAINT_S else "OVER"
        print(
            f"app first paint, index waiting  {paint:7.3f} s  (median of {len(paints)}; "
            f"target <= {TARGET_PAINT_S}: {verdict}; load {load()})"
        )
    if keys:
        ordered = sorted(keys)
        p95, worst = ordered[int(0.95 * (len(ordered) - 1))] * 1000, ordered[-1] * 1000
        slow = sum(key > FRAME_MS / 1000 for key in keys)
        verdict = "ok" if p95 <= FRAME_MS else "OVER"
        print(
            f"UI stall while indexing, p95    {p95:7.1f} ms (worst {worst:.0f} ms, {slow} of "
            f"{len(keys)} samples over a frame; target one frame, {FRAME_MS:.0f} ms: {verdict})"
        )


def parse_arguments() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each (median printed)")
    parser.add_argument("--feeds", type=int, default=FEEDS)
    parser.add_argument("--items", type=int, default=ITEMS)
    parser.add_argument(
        "--feeds-dir", type=Path, default=Path(tempfile.gettempdir()) / "newsreader-import-feeds"
    )
    parser.add_argument("--no-newsboat", action="store_true")
    parser.add_argument(
        "--no-index", action="store_true", help="skip the quote index and the app beside it"
    )
    return parser.parse_args()


def main() -> int:
    """Generate (or reuse) the feeds, measure both readers in turns, print medians."""
    options = parse_arguments()
    folder = options.feeds_dir
    size = write_feeds(folder, options.feeds, options.items)
    total = options.feeds * options.items
    print(f"{options.feeds} local RSS files x {options.items} items ({total:,} articles, "
          f"{size / 1e6:.0f} MB); median of {options.runs}; load {load()}")  # fmt: skip
    boat = shutil.which("newsboat") and not options.no_newsboat
    if not boat:
        print("newsboat not run (apt-get install newsboat): no ratio")
    ours: list[tuple[float, float, float, float]] = []
    theirs: list[tuple[float, float, float]] = []
    searches: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory(prefix="nr-import-") as scratch_name:
        scratch = Path(scratch_name)
        for run in range(options.runs):
            home = scratch / "newsreader"
            ours.append(newsreader_import(folder, home))
            stored = count_articles(home)
            assert stored == total, f"expected {total:,} articles, found {stored:,}"
            searches.append(first_search(home, scratch / "empty"))
            add, refresh, rss, pss = ours[-1]
            line = f"  run {run + 1}: newsreader {add:.1f} + {refresh:.1f} s, {pss:.0f} MB"
            if boat:
                theirs.append(newsboat_import(folder, scratch / "newsboat"))
                line += f"; newsboat {theirs[-1][0]:.1f} s, {theirs[-1][2]:.0f} MB"
            print(f"{line}; load {load()}")
        ours_s = statistics.median(add + refresh for add, refresh, _, _ in ours)
        rss = statistics.median(rss for _, _, rss, _ in ours)
        peak = statistics.median(pss for _, _, _, pss in ours)
        line = f"newsreader add + refresh        {ours_s:7.1f} s"
        if theirs:
            boat_s = statistics.median(seconds for seconds, _, _ in theirs)
            ratio = ours_s / boat_s
            verdict = "ok" if ratio <= TARGET_RATIO else "OVER"
            line += f"  = {ratio:.2f}x newsboat (target <= {TARGET_RATIO}x: {verdict})"
        print(line)
        print(f"  of which add {statistics.median(a for a, _, _, _ in ours):.1f} s, "
              f"refresh {statistics.median(r for _, r, _, _ in ours):.1f} s")  # fmt: skip
        verdict = "ok" if peak <= TARGET_PEAK_MB else "OVER"
        print(
            f"peak memory, process tree (PSS) {peak:7.0f} MB "
            f"(target <= {TARGET_PEAK_MB}: {verdict}; summed RSS {rss:.0f} MB)"
        )
        if theirs:
            print(f"newsboat reload (2 threads)     {boat_s:7.1f} s, "
                  f"{statistics.median(p for _, _, p in theirs):.0f} MB PSS")  # fmt: skip
        search = statistics.median(first - startup for first, startup in searches)
        verdict = "ok" if search <= TARGET_SEARCH_S else "OVER"
        print(
            f"first search after it           {search:7.3f} s minus start-up "
            f"(start-up {statistics.median(s for _, s in searches):.2f} s; "
            f"target <= {TARGET_SEARCH_S}: {verdict})"
        )
        if not options.no_index:
            index_while_painting(scratch / "newsreader")
    print(f"load at the end {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
