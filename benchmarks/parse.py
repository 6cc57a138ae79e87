"""Print parsing throughput: seed-format files, HTML to paragraphs, and RSS feeds.

Run as `python benchmarks/parse.py`. Figures only; nothing here asserts timings.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsreader.ingest.feeds import parse_feed
from newsreader.ingest.html import html_to_paragraphs
from newsreader.sources.local import load_path

PARAGRAPH = (
    "\u201cThis deployment is an appropriate and precautionary action,\u201d said Esper, adding"
    " that the U.S. would protect its people and interests anywhere they are found."
)
TWEET = (
    '<blockquote class="twitter-tweet"><p lang="en">All quiet today at @USEmbBaghdad.</p>'
    '&mdash; OIR Spokesman (@OIRSpox) <a href="https://twitter.com/OIRSpox/status/1212781316646875'
    '137?ref_src=twsrc%5Etfw">January 2, 2020</a></blockquote><script src="w.js"></script>'
)


def best_of(repeats: int, action: Callable[[], object]) -> float:
    """Fastest wall-clock seconds of `repeats` runs of `action`."""
    fastest = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        fastest = min(fastest, time.perf_counter() - started)
    return fastest


def article_html(paragraph_count: int) -> str:
    """A typical article page body: paragraphs with inline markup and an embedded tweet."""
    body = "".join(
        f'<p class="body">{PARAGRAPH} <a href="https://e.com/{i}">link</a> <em>{i}</em></p>'
        for i in range(paragraph_count)
    )
    return f"<article><h1>Headline</h1>{body}{TWEET}{body}</article>"


def seed_files_per_second(folder: Path, count: int = 1000) -> float:
    for index in range(count):
        text = "\n\n".join([PARAGRAPH] * 12)
        (folder / f"article_{index:05}.txt").write_text(
            f"date 2020-01-03 Wire {index % 7}\n\nUPDATED 3:15 PM PT \u2014 Friday, January 3, 2020"
            f"\n\n{text}\n",
            encoding="utf-8",
        )
    return count / best_of(3, lambda: load_path(folder))


def rss_documents(feed_count: int = 200, item_count: int = 30) -> list[bytes]:
    item_html = article_html(4).replace("&", "&amp;").replace("<", "&lt;")
    items = "".join(
        f"<item><guid>item-{i}</guid><title>Story {i}</title><link>https://e.com/{i}</link>"
        f"<pubDate>Fri, 03 Jan 2020 15:15:00 GMT</pubDate><description>{item_html}</description>"
        "</item>"
        for i in range(item_count)
    )
    return [
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {n}</title>{items}'
        "</channel></rss>".encode()
        for n in range(feed_count)
    ]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        print(f"seed-format files:          {seed_files_per_second(Path(folder)):8.0f} files/s")
    typical = article_html(6)
    large = article_html(1)
    large = large * (400_000 // len(large) + 1)
    typical_ms = best_of(20, lambda: html_to_paragraphs(typical)) * 1000
    large_ms = best_of(3, lambda: html_to_paragraphs(large)) * 1000
    print(f"html_to_paragraphs typical: {typical_ms:8.2f} ms  ({len(typical) / 1024:.1f} KB)")
    print(f"html_to_paragraphs large:   {large_ms:8.2f} ms  ({len(large) / 1024:.0f} KB)")
    documents = rss_documents()
    megabytes = sum(len(document) for document in documents) / 1e6
    seconds = best_of(1, lambda: [parse_feed(d, location="bench") for d in documents])
    print(
        f"feed parse (200 x 30 RSS):  {megabytes / seconds:8.2f} MB/s"
        f"  ({megabytes:.1f} MB in {seconds:.2f} s, {6000 / seconds:.0f} items/s)"
    )


if __name__ == "__main__":
    main()
