"""Refresh speed and memory: 200 loopback feeds x 30 items, newsreader beside newsboat.

Generates realistic RSS 2.0 feeds (titles with entities, escaped HTML descriptions with quotes,
`content:encoded` bodies), serves them from a threaded HTTP server on 127.0.0.1 with a listen
backlog of 128 (the stock 5 drops SYNs at 8 concurrent connects and adds 1 s retransmits), and
times, in one run:

- a cold refresh (empty store: every feed fetched, parsed and saved),
- a warm refresh (every feed answers 304: the run after a second one, because newsboat's
  second run downloads everything again; the server counts statuses to show it),
- the peak RSS of the refreshing process (`wait4` rusage of the child),
- the parse pass alone (fast path vs feedparser) on the same documents,
- `newsboat -x reload` with `reload-threads 8` on the same URLs when newsboat is installed,
- and hostile servers (gzip bomb, endless body, slow-loris, stall): time and peak RSS of a
  process fetching each with the default 20 MB cap and a 10 s deadline.

Run: `.venv/bin/python benchmarks/refresh.py` (also part of `make bench`).
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable
from functools import partial
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

FEEDS = 200
ITEMS = 30
RUNS = 3
TARGET_PEAK_MIB = 64
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


def _paragraphs(rng: random.Random, count: int) -> str:
    parts = []
    for n in range(count):
        quote = f"“{_sentence(rng, 10)}” said Mayor Dana O’Brien &amp; staff."
        link = f'<a href="https://example.org/ref/{n}">{_sentence(rng, 3)}</a>'
        parts.append(f"<p>{_sentence(rng, 18)} {quote} {link} {_sentence(rng, 12)}</p>")
    return "".join(parts)


def make_feed(number: int) -> bytes:
    """One RSS 2.0 feed of ITEMS items, about 85 KB."""
    rng = random.Random(number)
    items = []
    for item in range(ITEMS):
        title = f"{_sentence(rng, 7)[:-1]} &amp; “more” ({number}-{item})"
        summary = f"<p>{_sentence(rng, 25)} “{_sentence(rng, 8)}”</p>"
        items.append(
            f"<item><title>{title}</title>"
            f"<link>https://example.org/{number}/{item}</link>"
            f'<guid isPermaLink="false">feed-{number}-item-{item}</guid>'
            f"<pubDate>Mon, {1 + item % 28:02d} Sep 2026 {item % 24:02d}:15:00 +0000</pubDate>"
            f"<dc:creator>Reporter {item % 7}</dc:creator>"
            f"<description>{escape(summary)}</description>"
            f"<content:encoded><![CDATA[{_paragraphs(rng, 6)}]]></content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>Feed {number} — City &amp; Region</title><link>https://example.org/{number}</link>"
        f"<description>News feed {number}</description>{''.join(items)}</channel></rss>"
    ).encode()


def write_feeds(folder: Path) -> int:
    """Write the feeds into `folder`; returns their total size in bytes."""
    total = 0
    for number in range(FEEDS):
        data = make_feed(number)
        (folder / f"feed{number}.xml").write_bytes(data)
        total += len(data)
    return total


# --- the server ------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    request_queue_size = 128
    daemon_threads = True


STATUS_COUNTS: dict[str, int] = {}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        STATUS_COUNTS[str(code)] = STATUS_COUNTS.get(str(code), 0) + 1

    def log_message(self, format: str, *args: object) -> None:
        pass


def statuses() -> str:
    """The statuses served since the last call, e.g. `200x200`, and resets the count."""
    counted = ", ".join(f"{code}x{count}" for code, count in sorted(STATUS_COUNTS.items()))
    STATUS_COUNTS.clear()
    return counted


def serve(folder: Path) -> tuple[_Server, int]:
    """Serve `folder` on 127.0.0.1 (Last-Modified and 304s come with the stock handler)."""
    server = _Server(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


# --- hostile servers ------------------------------------------------------------------------


class _HostileHandler(BaseHTTPRequestHandler):
    """Serves the attacks research/performance.md section 3 measured other clients against."""

    bomb = b""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        with contextlib.suppress(OSError):
            getattr(self, "serve_" + self.path.strip("/"))()

    def _headers(self, **extra: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        for name, value in extra.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()

    def serve_bomb(self) -> None:
        self._headers(Content_Encoding="gzip", Content_Length=str(len(self.bomb)))
        self.wfile.write(self.bomb)

    def serve_endless(self) -> None:
        self._headers()
        chunk = b"<rss>" + b"x" * 65536
        while True:
            self.wfile.write(chunk)

    def serve_loris(self) -> None:
        self._headers(Content_Length="1000000")
        while True:
            self.wfile.write(b" ")
            self.wfile.flush()
            time.sleep(2)

    def serve_stall(self) -> None:
        time.sleep(60)


def gzip_bomb(gibibytes: int = 1) -> bytes:
    """A gzip body that decodes to `gibibytes` GiB of zeros (about 1 MB per GiB)."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    block = b"\0" * (1 << 20)
    parts = [compressor.compress(block) for _ in range(1024 * gibibytes)]
    return b"".join(parts) + compressor.flush()


HOSTILE_PROBE = """
import asyncio, sys, time
from newsreader.config import Config
from newsreader.sources.fetch import FetchRequest, fetch_all

async def fetch():
    config = Config(fetch_timeout_seconds=10.0)
    return [result async for result in fetch_all([FetchRequest(sys.argv[1])], config)]

started = time.perf_counter()
(result,) = asyncio.run(fetch())
print(f"{time.perf_counter() - started:.2f} s: {result.error or result.status}")
"""


def hostile_runs() -> None:
    """Fetch each attack in a fresh process and print its time, outcome and peak RSS."""
    _HostileHandler.bomb = gzip_bomb()
    server = _Server(("127.0.0.1", 0), _HostileHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    for attack in ("bomb", "endless", "loris", "stall"):
        url = f"http://127.0.0.1:{port}/{attack}"
        process = subprocess.Popen(
            [sys.executable, "-c", HOSTILE_PROBE, url], stdout=subprocess.PIPE, text=True
        )
        assert process.stdout is not None
        outcome = process.stdout.read().strip()
        _, _, usage = os.wait4(process.pid, 0)
        print(f"  {attack:<8} {outcome}  (peak RSS {usage.ru_maxrss / 1024:.0f} MiB)")
    server.shutdown()


# --- measuring -------------------------------------------------------------------------------


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Run a command; wall seconds, peak RSS in MiB, exit status."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def newsreader_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["NEWSREADER_DATA_DIR"] = str(home / "data")
    env["NEWSREADER_CONFIG_DIR"] = str(home / "config")
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "config.toml").write_text("max_connections = 8\n", "utf-8")
    return env


def newsreader_runs(urls: list[str], scratch: Path) -> tuple[list[float], list[float], float]:
    """Cold and warm refresh times (one fresh data dir per cold run) and the peak RSS."""
    colds, warms, peak = [], [], 0.0
    command = [sys.executable, "-m", "newsreader"]
    for run in range(RUNS):
        home = scratch / f"newsreader{run}"
        env = newsreader_env(home)
        opml = home / "feeds.opml"
        outlines = "".join(f'<outline text="f" xmlUrl="{url}"/>' for url in urls)
        opml.write_text(f'<opml version="2.0"><body>{outlines}</body></opml>', "utf-8")
        subprocess.run([*command, "import", str(opml)], env=env, check=True, capture_output=True)
        statuses()
        cold, cold_peak, status = timed([*command, "refresh", "--quiet"], env)
        cold_statuses = statuses()
        timed([*command, "refresh", "--quiet"], env)
        statuses()
        warm, warm_peak, _ = timed([*command, "refresh", "--quiet"], env)
        assert status == 0, "newsreader refresh failed"
        if run == 0:
            print(f"  newsreader served: cold {cold_statuses}; warm {statuses()}")
        colds.append(cold)
        warms.append(warm)
        peak = max(peak, cold_peak, warm_peak)
    check_store(scratch / "newsreader0")
    return colds, warms, peak


def check_store(home: Path) -> None:
    """Fail loudly if the refresh did not save every article."""
    import sqlite3

    connection = sqlite3.connect(home / "data" / "newsreader.sqlite3")
    count = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    connection.close()
    assert count == FEEDS * ITEMS, f"expected {FEEDS * ITEMS} articles, found {count}"


def newsboat_runs(urls: list[str], scratch: Path) -> tuple[list[float], list[float], float]:
    """The same for newsboat -x reload with reload-threads 8."""
    colds, warms, peak = [], [], 0.0
    for run in range(RUNS):
        home = scratch / f"newsboat{run}"
        home.mkdir()
        (home / "urls").write_text("\n".join(urls) + "\n", "utf-8")
        (home / "config").write_text("reload-threads 8\n", "utf-8")
        env = dict(os.environ, HOME=str(home))
        command = ["newsboat", "-x", "reload", "-u", str(home / "urls")]
        command += ["-c", str(home / "cache.db"), "-C", str(home / "config")]
        statuses()
        cold, cold_peak, _ = timed(command, env)
        cold_statuses = statuses()
        _, second_peak, _ = timed(command, env)
        second_statuses = statuses()
        warm, warm_peak, _ = timed(command, env)
        if run == 0:
            print(
                f"  newsboat served: cold {cold_statuses}; second run {second_statuses}; "
                f"warm {statuses()}"
            )
        peak = max(peak, second_peak)
        colds.append(cold)
        warms.append(warm)
        peak = max(peak, cold_peak, warm_peak)
    return colds, warms, peak


def parse_only(folder: Path) -> float:
    """Seconds to parse every feed (one path: feedparser, then lxml for the bodies)."""
    from newsreader.ingest.feeds import parse_feed

    documents = [path.read_bytes() for path in sorted(folder.glob("*.xml"))]

    def clock(parse: Callable[[bytes], object]) -> float:
        started = time.perf_counter()
        for data in documents:
            parse(data)
        return time.perf_counter() - started

    return clock(lambda data: parse_feed(data, location="x"))


def report(name: str, values: list[float], newsboat: list[float] | None) -> None:
    median = statistics.median(values)
    line = f"{name:<28}{median:6.2f} s  (runs: {', '.join(f'{v:.2f}' for v in values)})"
    if newsboat:
        line += f"   {median / statistics.median(newsboat):.2f}x newsboat"
    print(line)


def main() -> int:
    """Generate, serve, measure and print."""
    with tempfile.TemporaryDirectory(prefix="nr-bench-") as scratch_name:
        scratch = Path(scratch_name)
        site = scratch / "site"
        site.mkdir()
        size = write_feeds(site)
        server, port = serve(site)
        urls = [f"http://127.0.0.1:{port}/feed{number}.xml" for number in range(FEEDS)]
        print(f"{FEEDS} feeds x {ITEMS} items, {size / 1e6:.1f} MB, median of {RUNS} runs")
        seconds = parse_only(site)
        print(f"parse only (one process): {seconds:.2f} s ({size / 1e6 / seconds:.1f} MB/s)")
        boat = newsboat_runs(urls, scratch) if shutil.which("newsboat") else None
        ours = newsreader_runs(urls, scratch)
        server.shutdown()
    report("newsreader cold refresh", ours[0], boat[0] if boat else None)
    report("newsreader warm (all 304)", ours[1], boat[1] if boat else None)
    if boat:
        report("newsboat cold (threads 8)", boat[0], None)
        report("newsboat warm", boat[1], None)
        print(f"newsboat peak RSS            {boat[2]:6.1f} MiB")
    else:
        print("newsboat not installed: no comparison (apt-get install newsboat)")
    print("hostile servers (20 MB cap, 10 s deadline):")
    hostile_runs()
    verdict = "ok" if ours[2] <= TARGET_PEAK_MIB else "OVER"
    print(
        f"newsreader peak RSS          {ours[2]:6.1f} MiB (target <= {TARGET_PEAK_MIB}: {verdict})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
