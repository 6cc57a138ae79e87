"""Find the spans between quote marks: a one-pass state machine over each paragraph.

The scanner visits only the quote-mark characters (found with a single-character regex, so the
cost is linear in the text) and decides from their neighbours whether a mark opens, closes,
nests or is an apostrophe or inch mark. It holds one open top-level quote and a short stack of
nested double marks; single marks inside a double quote never matter for where it ends.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# `` and '' (typewriter/PTB style) are matched as units before single marks.
_MARK_RE = re.compile(r"``|''|[\"“”„«»‘’‚‹›'「」『』]")
_DOUBLE_MARKS = frozenset('“”„«»"「『')

_CLOSERS: dict[str, tuple[str, ...]] = {
    "“": ("”", '"', "“"),
    "„": ("“", "”", '"'),
    "«": ("»",),
    "»": ("«",),
    '"': ('"', "”"),
    "”": ("”", '"'),
    "``": ("''", '"', "”"),
    "「": ("」",),
    "『": ("』",),
    "‘": ("’", "'"),
    "'": ("'", "’"),
    "‚": ("‘", "’"),
    "‹": ("›",),
    "›": ("‹",),
}
"""Each opener and the marks that may close it (sloppy closers included)."""

_DOUBLE_OPENERS = frozenset(("“", "„", "«", "»", '"', "”", "``", "「", "『"))
_SINGLE_OPENERS = frozenset(("‘", "'", "‚", "‹", "›"))
_OPEN_AFTER = frozenset("([{—–-/:;,…")
"""Punctuation after which a straight mark may open a quote."""
_MAX_NESTING = 4


@dataclass(frozen=True, slots=True)
class Segment:
    """One paragraph's share of a quote."""

    paragraph: int
    start: int
    """Offset of the opening mark."""
    end: int
    """Offset after the closing mark (or the paragraph's end when the quote runs on)."""
    content_start: int
    content_end: int


@dataclass(frozen=True, slots=True)
class RawQuote:
    """A quote as the marks delimit it, before anyone is credited with it."""

    segments: tuple[Segment, ...]
    closed: bool
    """False when the quote ran out at a paragraph end or a new opener."""

    @property
    def first(self) -> Segment:
        """The segment holding the opening mark."""
        return self.segments[0]

    @property
    def last(self) -> Segment:
        """The segment holding the closing mark."""
        return self.segments[-1]


@dataclass(slots=True)
class _Open:
    """The quote the scanner is inside."""

    opener: str
    segments: list[Segment]
    start: int
    content_start: int


def find_quotes(paragraphs: Sequence[str], skip: set[int]) -> list[RawQuote]:
    """Find every quote in an article, in reading order.

    Args:
        paragraphs: The article's paragraphs.
        skip: Indexes of paragraphs not to scan (embedded posts).

    Returns:
        The quotes, each with one segment per paragraph it covers. Empty quotes are dropped.
    """
    single_doc = not any(_has_double_marks(p) for i, p in enumerate(paragraphs) if i not in skip)
    quotes: list[RawQuote] = []
    carried: _Open | None = None
    for index, paragraph in enumerate(paragraphs):
        if index in skip:
            _flush(carried, quotes)
            carried = None
            continue
        if carried is not None and not _continues(paragraph, carried, paragraphs):
            _flush(carried, quotes)
            carried = None
        single = single_doc or _single_paragraph(paragraph)
        carried = _scan(index, paragraph, single, carried, quotes)
    _flush(carried, quotes)
    return quotes


def _has_double_marks(paragraph: str) -> bool:
    """Whether a paragraph holds any double quote mark (an inch mark after a digit aside)."""
    for match in _MARK_RE.finditer(paragraph):
        mark, at = match.group(), match.start()
        inch = mark == '"' and at > 0 and paragraph[at - 1].isdigit()
        if (mark in _DOUBLE_MARKS or mark == "``") and not inch:
            return True
    return False


def _single_paragraph(paragraph: str) -> bool:
    """Whether a paragraph quotes with single marks: it opens with one and has no doubles."""
    head = paragraph.lstrip()
    return head[:1] in ("‘", "'") and head[1:2].isalpha() and not _has_double_marks(paragraph)


def _continues(paragraph: str, carried: _Open, paragraphs: Sequence[str]) -> bool:
    """Whether a paragraph picks up the previous paragraph's unfinished quote.

    A quote left open after a lowercase start (`called it a “cash grab.`) is a stray mark in
    the reporter's sentence, not speech running on into the next paragraph.
    """
    first = carried.segments[0]
    opened = paragraphs[first.paragraph][first.content_start : first.content_start + 40]
    if next((c for c in opened if c.isalpha()), "").islower():
        return False
    head = paragraph.lstrip()
    if carried.opener in _SINGLE_OPENERS:
        return head[:1] in ("‘", "'")
    return head[:2] == "``" or head[:1] in ("“", '"', "„", "«", "»", "”")


def _flush(carried: _Open | None, quotes: list[RawQuote]) -> None:
    """Emit a quote left open at the end of its last paragraph."""
    if carried is not None:
        _emit(quotes, carried.segments, closed=False)


def _emit(quotes: list[RawQuote], segments: list[Segment], *, closed: bool) -> None:
    """Keep a quote unless there is nothing between its marks."""
    if any(s.content_end > s.content_start for s in segments):
        quotes.append(RawQuote(tuple(segments), closed))


def _scan(
    index: int, text: str, single: bool, carried: _Open | None, quotes: list[RawQuote]
) -> _Open | None:
    """Run the state machine over one paragraph; return the quote still open at its end."""
    current: _Open | None = None
    nested: list[str] = []
    skip_to = 0
    if carried is not None:
        # The continuation mark opens this paragraph's segment; it is not a new quote.
        lead = len(text) - len(text.lstrip())
        width = 2 if text.startswith("``", lead) else 1
        current = _Open(carried.opener, carried.segments, lead, lead + width)
        skip_to = lead + width
    for match in _MARK_RE.finditer(text, skip_to):
        mark, at = match.group(), match.start()
        if current is None:
            if _opens(text, at, mark, single):
                current = _Open(mark, [], at, match.end())
            continue
        action = _inside(text, at, mark, current.opener, nested)
        if action == "close":
            segment = Segment(index, current.start, match.end(), current.content_start, at)
            _emit(quotes, [*current.segments, segment], closed=True)
            current, nested = None, []
        elif action == "restart":
            end = _rstrip_at(text, at)
            segment = Segment(index, current.start, end, current.content_start, end)
            _emit(quotes, [*current.segments, segment], closed=False)
            current, nested = _Open(mark, [], at, match.end()), []
    if current is None:
        return None
    end = _rstrip_at(text, len(text))
    segment = Segment(index, current.start, end, current.content_start, end)
    return _Open(current.opener, [*current.segments, segment], 0, 0)


def _rstrip_at(text: str, end: int) -> int:
    """Offset after the last non-space character before `end`."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _opens(text: str, at: int, mark: str, single: bool) -> bool:
    """Whether a mark with nothing open starts a quote."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + len(mark)] if at + len(mark) < len(text) else ""
    if not after or (after.isspace() and mark not in ("«", "「", "『")):
        return False
    if mark in ("“", "„", "«", "``", "「", "『"):
        return True
    if mark in ('"', "”"):
        return (before.isspace() or before in _OPEN_AFTER or before in "‘'") and not (
            mark == "”" and before.isalnum()
        )
    if mark == "»":
        return (before.isspace() or before in _OPEN_AFTER) and (after.isalnum() or after in "„‚")
    if not single:
        return False
    if mark in ("‘", "‚", "‹", "›"):
        return not before.isalnum()
    if mark == "'":
        return (before.isspace() or before in _OPEN_AFTER) and after.isalnum()
    return False


def _inside(text: str, at: int, mark: str, opener: str, nested: list[str]) -> str:
    """What a mark does inside an open quote: `close`, `restart` or nothing (empty string)."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + len(mark)] if at + len(mark) < len(text) else ""
    closing_context = not before.isspace() and not after.isalnum()
    opening_context = (before.isspace() or before in _OPEN_AFTER) and bool(after.strip())
    if opener in _SINGLE_OPENERS:
        return _inside_single(text, at, mark, opener, nested, closing_context, opening_context)
    if nested and mark in _CLOSERS.get(nested[-1], ()) and (mark != '"' or closing_context):
        nested.pop()
        return ""
    if mark not in _CLOSERS[opener]:
        if mark in _DOUBLE_OPENERS and opening_context and len(nested) < _MAX_NESTING:
            nested.append(mark)
        return ""
    if mark == '"' and before.isdigit() and after.isspace():
        return ""  # `12" pipe`: an inch mark, not a closer.
    if mark in ('"', "“") and mark != _CLOSERS[opener][0]:
        # A sloppy closer only closes where it could not open.
        if opening_context and not closing_context:
            return "restart" if mark == opener else _nest(mark, nested)
        return "close" if closing_context else ""
    if mark == opener and mark == '"' and opening_context and not closing_context:
        return "restart"
    return "close"


def _nest(mark: str, nested: list[str]) -> str:
    """Push a nested opener (bounded depth) and report no change to the outer quote."""
    if len(nested) < _MAX_NESTING:
        nested.append(mark)
    return ""


def _inside_single(
    text: str,
    at: int,
    mark: str,
    opener: str,
    nested: list[str],
    closing_context: bool,
    opening_context: bool,
) -> str:
    """What a mark does inside a top-level single-mark quote (British style)."""
    if mark in _DOUBLE_OPENERS and not nested and opening_context:
        nested.append(mark)
        return ""
    if nested:
        if mark in _CLOSERS.get(nested[-1], ()):
            nested.pop()
        return ""
    if mark not in _CLOSERS[opener]:
        return ""
    if not closing_context:
        return "restart" if mark == opener and opening_context else ""
    after = text[at + len(mark) : at + len(mark) + 2]
    # `players’ union`: a plural possessive, not the end of the quote.
    if text[at - 1] in "sS" and after[:1] == " " and after[1:2].islower():
        return ""
    return "close"
