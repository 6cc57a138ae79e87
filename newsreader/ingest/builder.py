"""Assembling a `Document` block by block, with inline links, from any parser's events.

Parsers push text runs, line breaks and links; the builder collapses whitespace (except in
code), computes link spans after collapsing, resolves and deduplicates link URLs, and caps the
document's size so hostile input stays bounded.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from newsreader.models import Block, BlockKind, Document, Enclosure, Link, LinkSpan
from newsreader.text import clean_line, clean_text

__all__ = ["MAX_BLOCKS", "MAX_BLOCK_CHARS", "DocumentBuilder", "absolute_url"]

MAX_BLOCKS = 5_000
"""Blocks kept per document; a longer body is cut with a note (no article has more)."""
MAX_BLOCK_CHARS = 100_000
"""Characters kept per block: a 20 MB single paragraph is cut, not carried through."""
MAX_URL_CHARS = 2_048
_SPACES = r" \t\n\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000"
_SPACE_RUN = re.compile(rf"[{_SPACES}]{{2,}}|[{_SPACES[1:]}]")
"""Whitespace that collapses to one space: runs, and any lone space other than " " (a lone
" " is left alone, so the common text of single spaces is not rewritten word by word)."""
_OTHER_SPACE = re.compile(rf"[{_SPACES[1:]}]")


def _collapsed(text: str) -> str:
    """`text` with its whitespace runs as one space each. Most text has none to change, and
    looking for two spaces or another space character is three times faster than `sub`; and
    printable text (`isprintable`: no whitespace but " ") needs only the first look."""
    if text.isprintable():
        return _SPACE_RUN.sub(" ", text) if "  " in text else text
    if "  " in text or _OTHER_SPACE.search(text):
        return _SPACE_RUN.sub(" ", text)
    return text


_LINK_SCHEMES = frozenset({"http", "https", "mailto", "ftp", "gopher", "gemini"})
LINE_BREAK = "\n"


def absolute_url(url: str | None, base: str | None, *, any_scheme: bool = False) -> str:
    """`url` made absolute against `base`, or '' when it is empty, unsafe or not a link.

    Args:
        url: An address as written in the document (may be relative).
        base: The base it is relative to (xml:base, the final URL, Content-Location), if any.
        any_scheme: Keep a link of any scheme (`file:`, `smb:`...): an entry's own link is
            kept to be shown as text, and is only ever opened or fetched when http(s).

    Returns:
        The absolute URL with surrounding whitespace removed, or '' for an empty value, a
        `javascript:`/`data:` address, or one longer than 2,048 characters.
    """
    url, base = url or "", base or ""
    plain = len(url) <= MAX_URL_CHARS and _PLAIN_URL.fullmatch(url)
    if plain and (not base or _PLAIN_URL.fullmatch(base)):
        return url  # already absolute with nothing to clean or normalise (most links)
    if len(url) + len(base) > _CACHED_URL_CHARS:
        return _resolved(url, base, any_scheme)  # never kept: a hostile href may be huge
    return _cached_resolved(url, base, any_scheme)


_CACHED_URL_CHARS = 4 * MAX_URL_CHARS
_PLAIN_URL = re.compile(
    r"https?://[A-Za-z0-9.-]{1,253}(?::[0-9]{1,5})?"
    r"(?:/[A-Za-z0-9._~!$&'()*+,=:@%/-]{0,1900})?(?:\?[A-Za-z0-9._~!$&'()*+,=:@%/?-]{1,1900})?"
)
"""An http(s) address that `urljoin` and `urlsplit` give back unchanged whatever the base: a
lower-case scheme, a host, no whitespace or controls, no `;` parameters, no fragment and no
empty query (which they would drop), at most 2,048 characters."""


def _resolved(url: str, base: str, any_scheme: bool) -> str:
    url = clean_line(url).strip()
    if not url or len(url) > MAX_URL_CHARS:
        return ""
    if base:
        try:
            url = urljoin(base, url)
        except ValueError:
            return ""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return ""
    if scheme and scheme not in _LINK_SCHEMES and not any_scheme:
        return ""
    return url


# Feeds repeat their addresses (a site's links, an image in every entry), and urljoin with
# urlsplit cost more than the rest of a link: answers are kept, per process, for short ones.
_cached_resolved = functools.lru_cache(maxsize=4096)(_resolved)


_Run = tuple[str, int | None]
"""A run of text and the index of the link it belongs to (a tuple: a block is built from many)."""


@dataclass(slots=True)
class _OpenBlock:
    kind: BlockKind
    level: int = 0
    marker: str = ""
    runs: list[_Run] = field(default_factory=list)
    chars: int = 0


class DocumentBuilder:
    """Collects blocks; `finish()` returns the `Document`.

    Args:
        base_url: What relative URLs are resolved against (None: they stay as written).
    """

    def __init__(self, base_url: str | None = None) -> None:
        self.base_url = base_url or None
        self._blocks: list[Block] = []
        self._links: list[Link] = []
        self._link_index: dict[str, int] = {}
        self._enclosures: list[Enclosure] = []
        self._open: _OpenBlock | None = None
        self.truncated = False

    # --- blocks ------------------------------------------------------------------------------

    def start(self, kind: BlockKind, *, level: int = 0, marker: str = "") -> None:
        """Close the open block and open a new one of `kind`."""
        self.close()
        self._open = _OpenBlock(kind, level, marker)

    def close(self) -> None:
        """Finish the open block (dropped when it holds no text)."""
        block, self._open = self._open, None
        if block is None or not block.runs:
            return
        text, spans = _assemble(block.runs, keep_spaces=block.kind is BlockKind.CODE)
        if not text:
            return
        if len(self._blocks) >= MAX_BLOCKS:
            self.truncated = True
            return
        self._blocks.append(Block(block.kind, text, block.level, block.marker, links=spans))

    def text(self, text: str, *, kind: BlockKind = BlockKind.PARAGRAPH) -> None:
        """Add a run of text to the open block (opening a `kind` block when none is open)."""
        if not text:
            return
        if self._open is None:
            if not text.strip():
                return
            self._open = _OpenBlock(kind)
        room = MAX_BLOCK_CHARS - self._open.chars
        if room <= 0:
            self.truncated = True
            return
        if len(text) > room:
            text, self.truncated = text[:room], True
        self._open.chars += len(text)
        # Cleaned and, outside code, collapsed here, once: printable text (most runs) has no
        # control character and no whitespace but " " (`isprintable`, one scan).
        if text.isprintable():
            if "  " in text and self._open.kind is not BlockKind.CODE:
                text = _SPACE_RUN.sub(" ", text)
        else:
            text = clean_text(text)
            if self._open.kind is not BlockKind.CODE:
                text = _collapsed(text)
        self._open.runs.append((text, self._current_link))

    def line_break(self) -> None:
        """A hard line break inside the open block (`<br>`)."""
        if self._open is not None and self._open.runs:
            self._open.runs.append((LINE_BREAK, None))

    def image(self, url: str | None, alt: str) -> None:
        """An image: a block of its own between blocks; inside running text only its alt."""
        address = absolute_url(url, self.base_url)
        if not address:
            return
        if self._open is not None and self._open.runs:
            # An image inside running text stays out of the text (quote offsets, reading) but
            # is listed with the article's links, under its alt text.
            self.link(address, clean_line(alt)[:300] or "image")
            return
        self.close()
        alt_text = clean_line(alt)[:500]
        if len(self._blocks) < MAX_BLOCKS:
            self._blocks.append(Block(BlockKind.IMAGE, alt_text or "image", url=address))

    def block(self, kind: BlockKind, text: str, **fields: object) -> None:
        """Add a whole block at once (an embedded post, a plain-text paragraph)."""
        self.close()
        self.start(kind, **fields)  # type: ignore[arg-type]
        self.text(text)
        self.close()

    @property
    def in_block(self) -> bool:
        """Whether a block is open and holds text."""
        return self._open is not None and bool(self._open.runs)

    # --- links and enclosures ----------------------------------------------------------------

    _current_link: int | None = None

    def open_link(self, href: str | None) -> None:
        """Text added from now until `close_link` belongs to a link to `href`."""
        url = absolute_url(href, self.base_url)
        self._current_link = self.link(url, "") if url else None

    def close_link(self) -> None:
        """End the current link."""
        self._current_link = None

    def link(self, url: str, text: str) -> int:
        """Register a link (deduplicated by URL); returns its index."""
        index = self._link_index.get(url)
        if index is None:
            index = len(self._links)
            self._link_index[url] = index
            self._links.append(Link(clean_line(text)[:300], url))
        return index

    def enclosure(self, url: str | None, mime_type: str = "", length: object = None) -> None:
        """Attach an enclosure (resolved against the base; duplicates by URL skipped)."""
        address = absolute_url(url, self.base_url)
        if not address or any(e.url == address for e in self._enclosures):
            return
        self._enclosures.append(Enclosure(address, clean_line(mime_type)[:100], _length(length)))

    # --- result ------------------------------------------------------------------------------

    def finish(self) -> Document:
        """The document built so far (the open block is closed)."""
        self.close()
        links = list(self._links)
        for block in self._blocks:
            for span in block.links:
                if not links[span.link].text:
                    text = block.text[span.start : span.end]
                    links[span.link] = Link(clean_line(text)[:300], links[span.link].url)
        return Document(tuple(self._blocks), tuple(links), tuple(self._enclosures))


def _length(value: object) -> int | None:
    try:
        length = int(str(value).strip().replace(",", "").replace("_", ""))
    except (TypeError, ValueError):
        return None
    return length if 0 <= length < 2**53 else None


def _assemble(runs: list[_Run], *, keep_spaces: bool) -> tuple[str, tuple[LinkSpan, ...]]:
    """Join runs (each collapsed already, unless `keep_spaces`) into one text: the spaces
    where runs meet collapsed too, spans computed."""
    if len(runs) == 1 and runs[0][1] is None and not keep_spaces:
        return runs[0][0].strip(" "), ()  # most blocks: plain text
    parts: list[str] = []
    spans: list[LinkSpan] = []
    length = 0
    pending_space = False
    for run_text, link in runs:
        if run_text == LINE_BREAK:
            if parts and parts[-1] != LINE_BREAK:
                parts.append(LINE_BREAK)
                length += 1
            pending_space = False
            continue
        text = run_text  # collapsed as it was added (outside code)
        if not keep_spaces:
            if text.startswith(" "):
                pending_space = True
                text = text[1:]
            if not text:
                continue
            if pending_space and parts and parts[-1] != LINE_BREAK:
                parts.append(" ")
                length += 1
            pending_space = text.endswith(" ")
            text = text.rstrip(" ")
        start = length
        parts.append(text)
        length += len(text)
        if link is not None and text:
            if spans and spans[-1].link == link and spans[-1].end >= start - 1:
                spans[-1] = LinkSpan(spans[-1].start, length, link)
            else:
                spans.append(LinkSpan(start, length, link))
    text = "".join(parts)
    if keep_spaces:
        text = text.strip("\n")
        stripped = len("".join(parts)) - len("".join(parts).lstrip("\n"))
        spans = [LinkSpan(s.start - stripped, s.end - stripped, s.link) for s in spans]
    else:
        while text.endswith(LINE_BREAK):
            text = text[:-1]
    limit = len(text)
    # Spans run in order, so the first start and the last end tell whether any was cut.
    if not spans or (spans[0].start >= 0 and spans[-1].end <= limit):
        return text, tuple(spans)
    return text, tuple(
        LinkSpan(max(s.start, 0), min(s.end, limit), s.link) for s in spans if s.start < limit
    )
