"""A worker that reads well-formed feeds loads neither feedparser nor markdown-it-py (14 and
4 MB a process): feedparser is the reference for what feedparser-rs would read differently,
and is loaded the first time such a document comes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import feedparser

from newsreader.ingest.feeds import _looks_like_html

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour &amp; Region</title><link>https://example.org/</link>
<item><title>Ferry fares &amp; more</title><link>https://example.org/1</link>
<guid>one</guid><pubDate>Mon, 01 Sep 2026 10:00:00 +0000</pubDate>
<description>&lt;p&gt;“The ferry runs,” said Dana.&lt;/p&gt;</description></item>
</channel></rss>
"""

PROGRAM = """
import sys
from newsreader.sources.local import _load_part, reader_version
articles, outcomes = _load_part((sys.argv[1], [sys.argv[2]], "news"))
reader_version()
assert len(articles) == 1 and outcomes == [(1, [])], (articles, outcomes)
print(",".join(name for name in ("feedparser", "markdown_it") if name in sys.modules))
"""


def test_a_well_formed_feed_is_read_without_feedparser(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(FEED, "utf-8")
    loaded = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(tmp_path), str(feed)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert loaded == ""


def test_html_titles_are_told_as_feedparser_tells_them() -> None:
    reference = feedparser.mixin._FeedParserMixin.looks_like_html
    for title in [
        "Fares & more",
        "Fares &amp; more",
        "Fares &bogus; more",
        "<b>Bold</b> move",
        "<blink>old</blink>",
        "a < b and c > d",
        "&#8217;quoted&#8217;",
        "x &#x2019; y",
        "",
        "</>",
        "<br> only",
    ]:
        assert _looks_like_html(title) == reference(title), title
