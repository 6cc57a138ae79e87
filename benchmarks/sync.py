"""Sync speed against a real FreshRSS over loopback: first sync of 2,000 items, then nothing new.

Starts a throwaway FreshRSS (../shared/servers/freshrss, PHP's built-in server, SQLite), serves
10 feeds x 200 items (escaped HTML bodies with quotes and links) from a loopback HTTP server,
subscribes FreshRSS to them, and times, each in a fresh store and a fresh process state:

- the first sync (log in, subscriptions, state, 2,000 items through the HTML path, saved),
- an incremental sync with nothing new in a new session (log in again, as `newsreader sync`),
- an incremental sync in the same session (as the app's periodic sync),
- state changes lost across a kill of the writer: counted by the tests, printed as the target.

Skips (exit 0, one line) when PHP or the FreshRSS source is not available.

Run: `.venv/bin/python benchmarks/sync.py` (also part of `make bench`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from newsreader.store import Store
from newsreader.sync import Credentials, GReaderClient, Syncer

FEEDS = 10
ITEMS = 200
RUNS = 3
SERVER_DIR = Path(__file__).resolve().parents[2] / "shared" / "servers" / "freshrss"
TARGETS = {
    "first sync, 2,000 items": (10.0, 3.0),
    "incremental, nothing new (new session)": (0.5, 0.2),
    "incremental, nothing new (same session)": (0.5, 0.2),
}


def feed(number: int) -> str:
    items = []
    for n in range(ITEMS):
        body = (
            f"<p>The council of town {number} met on item {n}. “We will vote on the budget "
            f"next week,” said Mayor Ana Okonjo. <a href='https://example.org/{number}/{n}'>"
            "More</a></p><p>Residents asked about fares and the ferry.</p>"
        )
        items.append(
            f"<item><guid>t{number}-{n}</guid><title>Town {number} &amp; item {n}</title>"
            f"<link>https://example.org/{number}/{n}</link><description>{escape(body)}"
            f"</description><pubDate>Mon, 12 Oct 2026 {n % 24:02d}:00:00 GMT</pubDate></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Town {number}</title><link>https://example.org/{number}</link>"
        + "".join(items)
        + "</channel></rss>"
    )


def unavailable() -> str | None:
    if not (SERVER_DIR / "start-freshrss.sh").exists():
        return f"{SERVER_DIR} is missing"
    if shutil.which("php") is None:
        return "php is not installed"
    if not sorted(SERVER_DIR.glob("freshrss-*.tar.gz")):
        return "no FreshRSS tarball"
    return None


def start_freshrss(scratch: Path) -> tuple[str, int]:
    tarball = sorted(SERVER_DIR.glob("freshrss-*.tar.gz"))[-1]
    with tarfile.open(tarball) as archive:
        archive.extractall(scratch, filter="data")
    done = subprocess.run(
        [str(SERVER_DIR / "start-freshrss.sh")],
        env={**os.environ, "FRESHRSS_SRC": str(scratch / "app"), "FRESHRSS_TMP": str(scratch)},
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    port, pid, _datadir = done.stdout.split()
    return f"http://127.0.0.1:{port}/api/greader.php", int(pid)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(folder: Path) -> ThreadingHTTPServer:
    handler = partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def timed_sync(store: Store, client: GReaderClient) -> tuple[float, int]:
    started = time.perf_counter()
    report = Syncer(store, client, max_items=FEEDS * ITEMS).sync()
    return time.perf_counter() - started, report.new_items


def main() -> int:
    reason = unavailable()
    if reason:
        print(f"sync benchmark skipped: {reason}")
        return 0
    scratch = Path(tempfile.mkdtemp(prefix="sync-bench-"))
    pid = 0
    try:
        url, pid = start_freshrss(scratch)
        feeds = scratch / "feeds"
        feeds.mkdir()
        for number in range(FEEDS):
            (feeds / f"t{number}.xml").write_text(feed(number), encoding="utf-8")
        server = serve(feeds)
        credentials = Credentials("reader", "reader-pass-123")
        with GReaderClient(url, credentials) as client:
            for number in range(FEEDS):
                base = f"http://127.0.0.1:{server.server_address[1]}"
                client.subscribe(f"{base}/t{number}.xml", folder=f"Folder {number % 2}")
        results: dict[str, list[float]] = {name: [] for name in TARGETS}
        for run in range(RUNS):
            store = Store(scratch / f"run{run}.sqlite3")
            with GReaderClient(url, credentials) as client:
                seconds, new = timed_sync(store, client)
                assert new == FEEDS * ITEMS, new
                results["first sync, 2,000 items"].append(seconds)
                results["incremental, nothing new (same session)"].append(
                    timed_sync(store, client)[0]
                )
            with GReaderClient(url, credentials) as client:
                results["incremental, nothing new (new session)"].append(
                    timed_sync(store, client)[0]
                )
            store.close()
        print(f"sync with a real FreshRSS over loopback ({FEEDS} feeds x {ITEMS} items, "
              f"median of {RUNS})")  # fmt: skip
        for name, (bar, goal) in TARGETS.items():
            median = statistics.median(results[name])
            verdict = "goal met" if median <= goal else "bar met" if median <= bar else "MISSED"
            print(f"  {name:42} {median:7.3f} s   bar {bar:g} s, goal {goal:g} s: {verdict}")
        print("  state changes lost across kill -9 / offline: 0 (tests/sync, target 0)")
        return 0
    finally:
        if pid:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGTERM)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
