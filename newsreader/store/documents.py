"""Documents in the store: compact JSON in `bodies.document`, beside the plain body text.

`bodies.body` keeps the block texts joined by blank lines (what search indexes); the document
column keeps the structure. Rows written before documents existed (schema 3 and older) have
no document and read back as paragraphs of their body, so nothing stored is lost.

Format: `{"v": 1, "b": [[kind, text, level, marker, url, [[start, end, link], ...]], ...],
"l": [[text, url], ...], "e": [[url, type, length], ...]}`.
"""

from __future__ import annotations

import json

from newsreader.models import Block, BlockKind, Document, Enclosure, Link, LinkSpan

__all__ = [
    "BODY_SEPARATOR",
    "body_text",
    "document_from_row",
    "document_json",
    "is_plain",
    "stored_json",
]

BODY_SEPARATOR = "\n\n"
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""Made once: `json.dumps` with options builds an encoder for every document."""


def body_text(document: Document) -> str:
    """The plain body stored for search: block texts separated by blank lines."""
    return BODY_SEPARATOR.join(document.paragraphs)


def is_plain(document: Document) -> bool:
    """Whether the document is plain paragraphs that its body text alone gives back."""
    if document.links or document.enclosures:
        return False
    return all(
        block.kind is BlockKind.PARAGRAPH
        and not (block.level or block.marker or block.url or block.links)
        and block.text
        and BODY_SEPARATOR not in block.text
        for block in document.blocks
    )


def stored_json(document: Document) -> str | None:
    """What `bodies.document` holds: the JSON, or NULL for a plain document (most local text
    files), which reads back from the body at no cost and keeps rows and imports small."""
    return None if is_plain(document) else document_json(document)


def document_json(document: Document) -> str:
    """The document as compact JSON for `bodies.document`."""
    # Tuples encode as JSON arrays and cost less to make; a block kind is a str already.
    blocks = [
        (b.kind, b.text, b.level, b.marker, b.url, _spans(b) if b.links else ())
        for b in document.blocks
    ]
    links = [(link.text, link.url) for link in document.links]
    enclosures = [(e.url, e.type, e.length) for e in document.enclosures]
    payload = {"v": 1, "b": blocks, "l": links, "e": enclosures}
    return _ENCODER.encode(payload)


def _spans(block: Block) -> list[tuple[int, int, int]]:
    return [(span.start, span.end, span.link) for span in block.links]


def document_from_row(document: str | None, body: str | None) -> Document:
    """The stored document, or the plain body as paragraphs when no document was stored.

    A document that cannot be read (a damaged row) falls back to the body too.
    """
    if document:
        try:
            return _decoded(json.loads(document))
        except (ValueError, TypeError, KeyError, IndexError):
            pass
    return Document.from_paragraphs(body.split(BODY_SEPARATOR) if body else ())


def _decoded(payload: dict[str, list[list[object]]]) -> Document:
    links = tuple(Link(str(text), str(url)) for text, url in payload["l"])
    blocks = tuple(_block(row, len(links)) for row in payload["b"])
    enclosures = tuple(
        Enclosure(str(url), str(kind), length if isinstance(length, int) else None)
        for url, kind, length in payload["e"]
    )
    return Document(blocks, links, enclosures)


def _block(row: list[object], link_count: int) -> Block:
    kind, text, level, marker, url, spans = row
    text = str(text)
    links = tuple(
        LinkSpan(int(start), int(end), int(link))
        for start, end, link in spans  # type: ignore[attr-defined]
        if 0 <= int(start) <= int(end) <= len(text) and 0 <= int(link) < link_count
    )
    return Block(BlockKind(str(kind)), text, int(level), str(marker), str(url), links)  # type: ignore[call-overload]
