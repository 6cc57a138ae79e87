"""Print parsing throughput of every ingest path: seed files, HTML, Markdown, feeds (file and
HTTP) on a generated 17 MB set and on feedparser's and gofeed's corpus.

Run as `python benchmarks/parse.py`. Figures only; nothing here asserts timings.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import io

import feedparser

from newsreader.ingest.decode import decode_bytes
from newsreader.ingest.feeds import _parse_fast, _utf8_document, parse_feed
from newsreader.ingest.html import html_to_document
from newsreader.ingest.markdown import markdown_to_document
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


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def megabytes_per_second(documents: list[bytes], parse: Callable[[bytes], object]) -> str:
    """Throughput of `parse` over `documents`, median of three runs."""
    size = sum(len(document) for document in documents) / 1e6
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        for document in documents:
            parse(document)
        runs.append(time.perf_counter() - started)
    seconds = statistics.median(runs)
    return f"{size / seconds:7.2f} MB/s  ({size:.1f} MB in {seconds:.2f} s, median of 3)"


def feed_paths(documents: list[bytes], label: str) -> None:
    """The one feed path as files call it and as HTTP calls it (headers and final URL)."""
    print(f"feed, file path   ({label}): ", end="", flush=True)
    print(megabytes_per_second(documents, lambda d: parse_feed(d, location="/tmp/f.xml")))
    print(f"feed, HTTP path   ({label}): ", end="", flush=True)
    print(
        megabytes_per_second(
            documents,
            lambda d: parse_feed(
                d,
                location="https://example.com/feed",
                content_type="application/rss+xml; charset=utf-8",
                content_location="https://example.com/feed",
            ),
        )
    )


def feed_parsers(documents: list[bytes]) -> None:
    """Each XML parser alone per entry on the import benchmark's feed (feedparser-rs with the
    checks that route a document to feedparser), and how many corpus documents it reads."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from local_import import make_feed

    data = make_feed(0, 500)
    decoded = decode_bytes(data, markup="xml")
    text = decoded.text
    document = _utf8_document(text, decoded, data)
    reference = best_of(
        3,
        lambda: feedparser.parse(
            io.BytesIO(document), sanitize_html=False, resolve_relative_uris=False
        ),
    )
    fast = best_of(5, lambda: _parse_fast(document, text))
    print(
        f"XML parser per entry (local_import feed): feedparser {reference / 500 * 1e6:6.1f} us,"
        f" feedparser-rs {fast / 500 * 1e6:5.1f} us"
    )
    xml = [(decode_bytes(d, markup="xml"), d) for d in documents if d.lstrip()[:1] == b"<"]
    read = sum(_parse_fast(_utf8_document(x.text, x, d), x.text) is not None for x, d in xml)
    print(f"corpus documents feedparser-rs reads: {read} of {len(xml)} (feedparser the rest)")


def main() -> None:
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    with tempfile.TemporaryDirectory() as folder:
        print(f"seed-format files:          {seed_files_per_second(Path(folder)):8.0f} files/s")
    typical = article_html(6)
    large = article_html(1)
    large = large * (400_000 // len(large) + 1)
    pages = [typical.encode()] * 200 + [large.encode()] * 5
    print(
        "HTML path (lxml):            "
        + megabytes_per_second(pages, lambda d: html_to_document(d.decode()))
    )
    markdown = (
        "# Title\n\n" + "\n\n".join(f"{PARAGRAPH} [link](https://e.com/{i})" for i in range(40))
    ).encode()
    print(
        "Markdown path (markdown-it): "
        + megabytes_per_second([markdown] * 200, lambda d: markdown_to_document(d.decode()))
    )
    feed_paths(rss_documents(), "generated 200 x 30 RSS")
    if CORPUS.is_dir():
        corpus = [
            p.read_bytes() for p in sorted(CORPUS.rglob("*.xml")) + sorted(CORPUS.rglob("*.json"))
        ]
        feed_paths(corpus, f"corpus, {len(corpus)} files")
        feed_parsers(corpus)
    else:
        print("corpus: ../shared/corpus not present, skipped")


if __name__ == "__main__":
    main()
