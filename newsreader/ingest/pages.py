"""A web page's main text (reader mode): the article without navigation, footer or comments.

trafilatura finds the main content (measured against readability-lxml and our own
`<article>`/`<main>` scope on 50 real pages with hand-written bodies: see
`benchmarks/fulltext.py` and the README). It is asked for HTML with links, headings, lists
and quotations kept, and that HTML goes through `html_to_document` like a feed's content, so
a page's blocks, links and quotes work exactly as a feed's do.

trafilatura is imported on first use: it costs 0.1-0.3 s to import, and a reader whose feeds
never ask for full text never pays it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

from newsreader.ingest.decode import decode_bytes
from newsreader.ingest.html import (
    MAX_HTML_CHARS,
    html_to_document,
    parse_html_page,
    without_controls,
)
from newsreader.models import BlockKind, Document
from newsreader.text import clean_line

__all__ = ["MAX_PAGE_CHARS", "PageText", "main_document", "page_text", "without_title"]

logger = logging.getLogger(__name__)

MAX_PAGE_CHARS = 4 * MAX_HTML_CHARS
"""Longer pages are cut here before they are parsed at all."""
MAX_MAIN_CHARS = 600_000
"""What trafilatura is given, at most, once scripts and styles are out: its time grows with
the markup (3-4 s a million characters of bare paragraphs here), so this bounds it. Scripts
and styles are most of a real page: without them the 50 corpus pages are 59,000 characters
(median) to 193,000 (largest; 1.1 MB with them)."""
_NOT_TEXT = ("script", "style", "noscript", "template", "svg", "iframe", "object")
MIN_MAIN_WORDS = 1
"""A main text with fewer words than this is no main text (the page's own scope is used)."""


@dataclass(frozen=True, slots=True)
class PageText:
    """What a fetched page gives an article."""

    document: Document
    """The page's main text; empty when the page has no readable text."""
    note: str = ""
    """Why the charset declared was not used, when it was not (see `decode_bytes`)."""


def main_document(html: str, base_url: str | None = None) -> Document | None:
    """The main text of an HTML page as a `Document`, or None when none was found.

    Args:
        html: A whole page, decoded (untrusted).
        base_url: The page's address, for relative links.

    Returns:
        The article's blocks with their links, absolute URLs; None when trafilatura finds no
        main content (the caller decides what to fall back to).
    """
    import trafilatura  # lazily: see the module docstring

    cut = _lean_markup(without_controls(html[:MAX_PAGE_CHARS]))
    try:
        extracted = trafilatura.extract(
            cut,
            url=base_url,
            output_format="html",
            include_links=True,
            include_formatting=True,
            include_tables=True,
            include_images=False,
            include_comments=False,
            favor_precision=True,
            deduplicate=False,
        )
    except (ValueError, TypeError, RecursionError, MemoryError, LookupError):
        # trafilatura's own bugs on hostile markup: the page's own scope is read instead.
        logger.warning("trafilatura failed on %s", base_url or "a page", exc_info=True)
        return None
    if not extracted:
        return None
    document = html_to_document(extracted, base_url)
    words = sum(len(text.split()) for text in document.paragraphs)
    return document if words >= MIN_MAIN_WORDS else None


def page_text(data: bytes, url: str, content_type: str = "") -> PageText:
    """Decode a fetched page and extract its main text.

    Falls back to the page's `<article>`/`<main>` (or body) when trafilatura finds nothing,
    so a short page still gives its words.

    Args:
        data: The page's bytes as fetched (decoded from gzip and the like already).
        url: The page's final URL (after redirects).
        content_type: The `Content-Type` header, for its charset.

    Returns:
        The main text; `document` is empty when the page holds no text at all.
    """
    decoded = decode_bytes(data, content_type=content_type, markup="html")
    document = main_document(decoded.text, url)
    if document is None:
        document = parse_html_page(decoded.text, url).document
    return PageText(document, decoded.note)


def without_title(document: Document, title: str) -> Document:
    """The document without an opening heading that repeats the entry's title (pages start
    with their headline, which the article view shows already).

    Args:
        document: A page's main text.
        title: The entry's title, from the feed.
    """
    blocks = document.blocks
    if not blocks or blocks[0].kind is not BlockKind.HEADING:
        return document
    if clean_line(blocks[0].text).casefold() != clean_line(title).casefold():
        return document
    return Document(blocks[1:], document.links, document.enclosures)


def _lean_markup(html: str) -> str:
    """The page without scripts, styles and other subtrees that hold no text, cut at
    MAX_MAIN_CHARS: one linear parse in libxml2 that spares trafilatura most of its work."""
    html = re.sub(r"^\s*<\?xml[^>]{0,200}\?>", "", html)  # lxml refuses a declared encoding
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return html[:MAX_MAIN_CHARS]
    lxml.etree.strip_elements(root, *_NOT_TEXT, with_tail=False)
    lean: str = lxml.html.tostring(root, encoding="unicode")
    return lean[:MAX_MAIN_CHARS]
