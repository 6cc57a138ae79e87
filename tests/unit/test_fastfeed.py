"""The fast RSS/Atom path reads documents exactly as the feedparser path does, or declines."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newsreader.models import ArticleDraft
from newsreader.sources.fastfeed import parse_feed_fast, parse_well_formed
from newsreader.sources.feeds import parse_feed
from tests.conftest import SAMPLE_FEEDS, SHARED
from tests.feedserver import rss

Parsed = tuple[str, list[ArticleDraft], list[str]]
# feedparser's own node-precedence quirk: it takes a link from the wrong element.
KNOWN_QUIRKS = {"atom10_id.xml"}


def documents() -> list[Path]:
    files = sorted(p for p in SAMPLE_FEEDS.iterdir() if p.suffix in (".rss", ".atom", ".xml"))
    corpus = SHARED / "corpus" / "feedparser"
    if corpus.is_dir():
        files += sorted(corpus.rglob("*.xml"))
    return [file for file in files if file.name not in KNOWN_QUIRKS]


def reading(data: bytes, parse: Callable[..., Parsed]) -> tuple[object, ...]:
    title, articles, errors = parse(data, location="x")
    fields = [(a.guid, a.link, a.title, a.paragraphs, a.published, a.source_name) for a in articles]
    return title, fields, errors


def test_fast_path_agrees_with_feedparser_wherever_it_applies() -> None:
    taken = 0
    for file in documents():
        data = file.read_bytes()
        if parse_well_formed(data, location="x") is None:
            continue
        taken += 1
        assert reading(data, parse_feed_fast) == reading(data, parse_feed), file
    assert taken >= 3  # the bundled samples at least


GOOD = rss("Gazette", [("g1", "Title &amp; more", "<p>One</p><p>Two</p>")])


@pytest.mark.parametrize(
    "document",
    [
        GOOD.replace(b"<rss", b'<!DOCTYPE rss [<!ENTITY x "y">]><rss', 1),
        GOOD.replace(b'encoding="utf-8"', b'encoding="iso-8859-1"'),
        GOOD.replace(b"https://example.org/g1", b"/relative/g1"),
        GOOD.replace(b"<guid>g1</guid>", b"").replace(b"<link>https://example.org/g1</link>", b""),
        GOOD.replace(b"<title>Title", b"<title>&nbsp;Title"),  # undeclared entity
        GOOD[:-20],  # truncated
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>a</id>'
        b'<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">x</div></content>'
        b"</entry></feed>",
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
        b'{"version": "https://jsonfeed.org/version/1.1", "items": []}',
    ],
)
def test_unusual_documents_go_to_feedparser(document: bytes) -> None:
    assert parse_well_formed(document, location="x") is None


def test_plain_rss_takes_the_fast_path() -> None:
    parsed = parse_well_formed(GOOD, location="x")
    assert parsed is not None
    title, (article,) = parsed
    assert title == "Gazette" and article.title == "Title & more"
    assert article.paragraphs == ("One", "Two") and article.guid == "g1"
