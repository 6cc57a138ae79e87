"""Print reader-mode quality and speed next to the targets (issue 13).

Run with `python benchmarks/fulltext.py [--compare]` from the repository root.

1. Word F1 of the stored body against the hand-written gold bodies of the 50 pages in
   `../shared/corpus/pages/` (skipped when that folder is absent), scored as its `score.py`
   does (lower-cased `\\w+` tokens, multiset overlap), and milliseconds per page. The body
   scored is what the store keeps: trafilatura's HTML through `html_to_document`.
   `--compare` adds readability-lxml (when installed), trafilatura's plain text, our own
   `<article>`/`<main>` scope and all text on the page.
2. A full-text refresh of a feed of 50 summary-only entries whose pages come from one
   loopback HTTP server, end to end: fetch, extract, store. The pages are the 50 shared
   real pages when present, else pages written here.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsreader.config import Config
from newsreader.ingest.html import html_to_document, parse_html_page
from newsreader.ingest.pages import main_document, page_text

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pages"
TARGET_F1_BAR, TARGET_F1_GOAL = 0.90, 0.97
TARGET_REFRESH_BAR, TARGET_REFRESH_GOAL = 5.0, 2.0
REFRESH_ENTRIES = 50
_TOKEN = re.compile(r"\w+", re.UNICODE)

Extractor = Callable[[str, str], str]


def word_f1(gold: str, predicted: str) -> float:
    """F1 of lower-cased `\\w+` token multisets (the corpus scorer's default metric)."""
    gold_words = Counter(_TOKEN.findall(gold.lower()))
    predicted_words = Counter(_TOKEN.findall(predicted.lower()))
    overlap = sum((gold_words & predicted_words).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(predicted_words.values())
    recall = overlap / sum(gold_words.values())
    return 2 * precision * recall / (precision + recall)


def stored_body(html: str, url: str) -> str:
    """What the store keeps for a page: `page_text` (trafilatura, then our HTML path)."""
    return "\n\n".join(page_text(html.encode("utf-8"), url).document.paragraphs)


def _trafilatura_text(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, favor_precision=True) or ""


def _readability(html: str, url: str) -> str:
    from readability import Document as ReadabilityDocument

    summary = ReadabilityDocument(html, url=url).summary(html_partial=True)
    return "\n\n".join(html_to_document(summary, url).paragraphs)


def _own_scope(html: str, url: str) -> str:
    return "\n\n".join(parse_html_page(html, url).document.paragraphs)


def _all_text(html: str, url: str) -> str:
    return "\n\n".join(html_to_document(html, url).paragraphs)


def _trafilatura_recall(html: str, url: str) -> str:
    document = main_document(html, url)
    return "\n\n".join(document.paragraphs) if document else ""


def _score(name: str, extractor: Extractor, gold: dict[str, dict[str, str]]) -> float:
    scores, times = [], []
    for page_name, entry in sorted(gold.items()):
        html = (CORPUS / page_name).read_text(encoding="utf-8")
        start = time.perf_counter()
        text = extractor(html, entry["url"])
        times.append(time.perf_counter() - start)
        scores.append(word_f1(entry["body"], text))
    mean = statistics.fmean(scores)
    low = sum(score < 0.8 for score in scores)
    print(
        f"  {name:<40} F1 {mean:.3f}  median {statistics.median(scores):.3f}  "
        f"<0.8: {low:>2}  {1000 * statistics.fmean(times):6.1f} ms/page"
    )
    return mean


def quality(compare: bool) -> None:
    """Mean word F1 and ms per page on the shared corpus."""
    gold_file = CORPUS / "gold.json"
    if not gold_file.is_file():
        print("F1 on the shared pages: skipped (../shared/corpus/pages is absent)")
        return
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    print(f"Main text of {len(gold)} pages against gold (word F1):")
    _trafilatura_text("<html><body><p>warm up</p></body></html>", "http://x/")  # import once
    mean = _score("stored body (trafilatura precision)", stored_body, gold)
    print(f"  target: >= {TARGET_F1_BAR} (bar), >= {TARGET_F1_GOAL} (goal): {mean:.3f}")
    if not compare:
        return
    _score("trafilatura plain text (precision)", _trafilatura_text, gold)
    _score("trafilatura HTML alone (no fallback)", _trafilatura_recall, gold)
    try:
        import readability  # noqa: F401
    except ImportError:
        print("  readability-lxml: not installed (pip install readability-lxml)")
    else:
        _score("readability-lxml, our HTML path", _readability, gold)
    _score("our <article>/<main> scope", _own_scope, gold)
    _score("all text on the page", _all_text, gold)


def _article_page(number: int) -> bytes:
    words = " ".join(f"word{number}x{i}" for i in range(60))
    paragraphs = "".join(
        f'<p>"Paragraph {i} of story {number} is here," said Jane Doe. {words}</p>'
        for i in range(8)
    )
    return (
        f"<!doctype html><html><head><title>Story {number}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Story {number}</h1>{paragraphs}</article>"
        f"<footer>Copyright. All rights reserved.</footer></body></html>"
    ).encode()


def _page(number: int) -> bytes:
    """A real page from the shared corpus when there is one, else a written one."""
    real = CORPUS / f"{number + 1:03d}.html"
    return real.read_bytes() if real.is_file() else _article_page(number)


def _feed(base: str) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>{base}/story/{n}</link>"
        f"<guid>{base}/story/{n}</guid><description>Two sentences of {n}.</description></item>"
        for n in range(REFRESH_ENTRIES)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Summaries</title>'
        f"<link>{base}</link>{items}</channel></rss>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    base = ""

    def do_GET(self) -> None:
        if self.path == "/feed.xml":
            body, kind = _feed(self.base), "application/rss+xml"
        elif self.path.startswith("/story/"):
            body, kind = _page(int(self.path.rsplit("/", 1)[1])), "text/html"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


def refresh_speed() -> None:
    """Seconds for a full-text refresh of 50 new entries from one loopback host."""
    from newsreader.sources.refresh import refresh_sources
    from newsreader.store import Store
    from newsreader.store.feeds import FEED_KIND

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    _Handler.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            database = Path(folder) / "bench.db"
            store = Store(database)
            url = f"{_Handler.base}/feed.xml"
            source_id, _ = store.add_subscription(url, title=url, location=url, kind=FEED_KIND)
            store.set_full_text(source_id, True)
            store.close()
            start = time.perf_counter()
            summary = refresh_sources(database, config=Config())
            seconds = time.perf_counter() - start
            (outcome,) = summary.outcomes
            kind = "real" if (CORPUS / "001.html").is_file() else "written"
            print(
                f"Full-text refresh of {outcome.added} entries ({kind} pages) from one "
                "loopback host "
                f"({outcome.pages} pages stored, {outcome.page_failures} failed): {seconds:.2f} s"
            )
            print(
                f"  target: <= {TARGET_REFRESH_BAR:g} s (bar), <= {TARGET_REFRESH_GOAL:g} s (goal)"
            )
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    """Print every figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", action="store_true", help="also score other extractors")
    arguments = parser.parse_args()
    # Other work on the machine moves every time here by 30-50 %: say how busy it was.
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    quality(arguments.compare)
    refresh_speed()


if __name__ == "__main__":
    main()
