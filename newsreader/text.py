"""Untrusted text made safe and readable: control stripping and titles.

Everything here is pure and linear in its input. Text from files and feeds passes through
`clean_text` before it can reach a terminal, so escape sequences, C1 controls and bidi
overrides never do. HTML is read by `newsreader.ingest.html`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["clean_line", "clean_text", "derive_title"]

# C0 controls except \t and \n, DEL, C1 controls, bidi embeddings/overrides and isolates, and
# lone surrogates (a JSON `\ud800`, an undecodable file name), which no terminal or UTF-8
# database can take.
_UNSAFE_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

# Whole escape sequences, so their parameters do not survive as visible junk.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI, 7- and 8-bit (SGR, cursor moves, ...)
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"  # OSC 0/8/52 ... to BEL or ST
    r"|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)"  # DCS, SOS, PM, APC
    r"|\x1b[ -/]*[0-~]"  # any other ESC sequence (charset selection, reset, ...)
)
_WHITESPACE_RUN = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Remove everything that could act on a terminal from untrusted text.

    Args:
        text: Text from a file or the network.

    Returns:
        The text without escape sequences, control characters (except newline and tab) and
        bidi overrides; carriage returns become newlines.
    """
    # `isprintable` (no control, format, separator or unassigned character but " ") answers
    # most text in half the time of the search, which it only precedes.
    if text.isprintable() or not _UNSAFE_CHAR.search(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE_CHAR.sub("", _ESCAPE_SEQUENCE.sub("", text))


def clean_line(text: str) -> str:
    """Clean untrusted text for one line (a title, a name): whitespace runs become one space.

    Args:
        text: Text from a file or the network.

    Returns:
        The cleaned text on a single line, stripped.
    """
    return " ".join(clean_text(text).split())


# ---------------------------------------------------------------------------------------------
# Titles

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "maj",
        "adm",
        "cmdr",
        "gov",
        "sen",
        "rep",
        "rev",
        "prof",
        "pres",
        "supt",
        "insp",
        "det",
        "vs",
        "etc",
        "inc",
        "corp",
        "co",
        "ltd",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "ave",
        "blvd",
        "dept",
        "est",
        "approx",
    ]
)
# A sentence ends at . ! or ? (optionally with a closing quote) followed by space.
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?=\s)")
_DATELINE_LIKE = re.compile(r"^(?:UPDATED|Updated|Published|PUBLISHED)\b")


def _is_abbreviation(text: str, period_index: int) -> bool:
    """Whether the period at `period_index` ends an abbreviation or initial, not a sentence."""
    if text[period_index] != ".":
        return False
    word_start = text.rfind(" ", 0, period_index) + 1
    word = text[word_start:period_index].lstrip("\"“‘'(")
    if (len(word) == 1 and word.isalpha()) or "." in word:
        return True  # an initial ("Myles B.") or a dotted acronym ("U.S.", "D.C."), not "Jan. 3."
    if word.lower() == "no":
        return text[period_index + 2 : period_index + 3].isdigit()  # "No. 10", not "said no."
    return word.lower() in _ABBREVIATIONS


def _first_sentence(paragraph: str) -> str:
    for end in _SENTENCE_END.finditer(paragraph):
        if not _is_abbreviation(paragraph, end.start()):
            return paragraph[: end.end()]
    return paragraph


def _trim_at_word(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters at a word boundary, ending with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    head = text[:cut] if cut > limit // 3 else text[: limit - 1]
    return head.rstrip(" ,;:—–-") + "…"


HEADLINE_LIMIT = 280

# Double quotation marks of the languages we read (the extractor's openers, `extract.marks`):
# a lead sentence holding one keeps its place in the body, because the quotation belongs in
# the quote pane and its highlight in the text, which a headline has neither of.
_QUOTATION_MARKS = re.compile(r"``|[\"“”„«»「」『』]")
"""Longest headline taken from a lead sentence; a longer sentence is cut at a word there.

News leads run to about 35 words (some 230 characters); past this a sentence is a paragraph
that happens to have one full stop, and the title would fill the list."""


def derive_title(paragraphs: Sequence[str], limit: int = HEADLINE_LIMIT) -> str:
    """Make a headline-like title from an article's lead.

    Args:
        paragraphs: The article body; datelines and empty paragraphs are skipped.
        limit: Longest title allowed, ellipsis included.

    Returns:
        The first sentence of the first real paragraph, whole (without its full stop), or
        cut at a word boundary with `…` when longer than `limit`; '' when there is none.
    """
    return take_headline(paragraphs, limit)[0]


def take_headline(paragraphs: Sequence[str], limit: int = HEADLINE_LIMIT) -> tuple[str, list[str]]:
    """The headline from the lead sentence, and the body without that sentence.

    For text whose only headline is its lead: showing both would say the first sentence
    twice. The sentence leaves the body only when the headline holds all of it (a lead cut
    with `…` stays in the body), when something of the body remains, and when it quotes
    nobody (a quotation stays where the quote pane and its highlight can find it).

    Args:
        paragraphs: The article body; datelines and empty paragraphs are skipped.
        limit: Longest headline allowed, ellipsis included.

    Returns:
        The headline ('' when there is none) and the body paragraphs that follow it.
    """
    body = list(paragraphs)
    for index, paragraph in enumerate(body):
        line = clean_line(paragraph)
        if not line or _DATELINE_LIKE.match(line):
            continue
        sentence = _first_sentence(line)
        headline = (
            sentence[:-1] if sentence.endswith(".") and not sentence.endswith("..") else sentence
        )
        title = _trim_at_word(headline, limit)
        rest = line[len(sentence) :].strip()
        remaining = [*body[:index], *([rest] if rest else []), *body[index + 1 :]]
        quotes = _QUOTATION_MARKS.search(sentence) is not None
        if title == headline and not quotes and any(clean_line(part) for part in remaining):
            return title, remaining
        return title, body
    return "", body


def plural(count: int, noun: str) -> str:
    """`1 source`, `2 sources`, `1,200 articles`: the count and the noun agreeing with it
    (a regular plural: the noun plus `s`)."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
