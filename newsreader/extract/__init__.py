"""Who said what: quotes and embedded posts found in an article's paragraphs.

Pure functions over plain text, no textual/rich imports and no models. The pipeline:
posts first (their paragraphs are opaque), then quote spans (`marks`), then the people the
article names (`person_names`, `mentions`, `organisations`, `gender`), then the frame and
speaker phrase beside each quote (`framing`, `attribution`), then canonical speakers
(`speakers`) and kinds (`kinds`). Word lists live in `data/`; `evaluate` scores all this
against the labelled sets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsreader.extract.framing import (
    UNFRAMED,
    Framing,
    blank_tags,
    frame,
    opening_speaker,
    quote_content,
)
from newsreader.extract.kinds import classify
from newsreader.extract.marks import RawQuote, find_quotes
from newsreader.extract.mentions import NameBook
from newsreader.extract.person_names import collect_names, collect_surnames
from newsreader.extract.posts import find_posts
from newsreader.extract.speakers import SpeakerResolver
from newsreader.extract.tokens import name_runs
from newsreader.models import Extraction, Post, Quote, QuoteKind, Span

__all__ = ["extract", "extract_strict"]


ATTRIBUTION_BUDGET = 2_000
"""How many quotes per article get an attribution search."""


_FLOAT_REACH = 2
"""How many paragraphs back a quote standing alone in its paragraph may find its speaker."""


def extract(paragraphs: Sequence[str]) -> Extraction:
    """Find the quotes and embedded posts in an article body.

    Never raises: on input it cannot read, it returns an empty extraction so the article still
    shows.

    Args:
        paragraphs: The article's plain-text paragraphs (body only).

    Returns:
        Quotes and posts, each in reading order.
    """
    try:
        return extract_strict(paragraphs)
    except Exception:  # The reader must show the article even if extraction trips.
        return Extraction()


def extract_strict(paragraphs: Sequence[str]) -> Extraction:
    """`extract` without the safety net, so tests see any error it would hide."""
    texts = [p if isinstance(p, str) else "" for p in paragraphs]
    posts, covered = find_posts(texts)
    # Quotes with no word in them (`“…”`, mark soup) are nobody's words.
    raws = [raw for raw in find_quotes(texts, covered) if _has_word(quote_content(texts, raw))]
    untagged = [blank_tags(text) for text in texts]
    book = _name_book(_outside_quotes(untagged, raws), covered, posts)
    _note_nicknames(texts, raws, book)
    # Real articles hold dozens of quotes; past the budget (hostile input) quotes keep their
    # spans but skip attribution, which keeps the cost bounded.
    framings = [
        frame(untagged, raws, index) if index < ATTRIBUTION_BUDGET else UNFRAMED
        for index in range(len(raws))
    ]
    quotes = _attribute(texts, raws, framings, SpeakerResolver(book), covered)
    quotes = opening_speaker(untagged, quotes, framings, book)
    return Extraction(tuple(quotes), tuple(posts))


def _name_book(texts: list[str], covered: set[int], posts: list[Post]) -> NameBook:
    """Every personal name in the article: full names, post bylines, then surname mentions."""
    book = NameBook()
    runs = {i: name_runs(text) for i, text in enumerate(texts) if i not in covered}
    for index, paragraph_runs in runs.items():
        collect_names(book, index, texts[index], runs=paragraph_runs)
        book.note_text(index, texts[index])
    for post in posts:
        collect_names(book, post.paragraph, post.author, byline=True)
    for index, paragraph_runs in runs.items():
        collect_surnames(book, index, paragraph_runs, texts[index])
    return book


_NAME_BEFORE_RE = re.compile(r"([^\W\d_][\w’'-]*)\s+$")


_NAME_AFTER_RE = re.compile(r"\s+([^\W\d_][\w’'-]*)")


def _note_nicknames(texts: list[str], raws: list[RawQuote], book: NameBook) -> None:
    """`Kofi “Tank” Boateng … Tank said`: a quoted nickname inside a name stands for the name."""
    for raw in raws[:ATTRIBUTION_BUDGET]:
        segment = raw.first
        if len(raw.segments) != 1:
            continue
        text = texts[segment.paragraph]
        nickname = text[segment.content_start : segment.content_end].strip(" ,.")
        if not nickname[:1].isupper() or len(nickname) > 30 or len(nickname.split()) > 3:
            continue
        before = _NAME_BEFORE_RE.search(text, max(0, segment.start - 40), segment.start)
        after = _NAME_AFTER_RE.match(text, segment.end)
        if before is None or after is None or not before.group(1)[:1].isupper():
            continue
        if not after.group(1)[:1].isupper():
            continue
        full = book.canonical(f"{before.group(1)} {after.group(1)}", (segment.paragraph, 0))
        if " " in full:
            book.alias(nickname, full)


def _outside_quotes(texts: list[str], raws: list[RawQuote]) -> list[str]:
    """The paragraphs with quoted words blanked out (same offsets).

    Names inside quotes (song titles, people the speaker mentions) are not people the
    reporter introduced, so pronouns must not resolve to them.
    """
    pieces: dict[int, list[tuple[int, int]]] = {}
    for raw in raws[:ATTRIBUTION_BUDGET]:
        for segment in raw.segments:
            pieces.setdefault(segment.paragraph, []).append(
                (segment.content_start, segment.content_end)
            )
    masked = list(texts)
    for index, ranges in pieces.items():
        chars = list(texts[index])
        for start, end in ranges:
            # Spaces keep a quoted nickname inside a name (`Kofi “Tank” Boateng`); other
            # quoted words become filler, so `at Dreamforce “is our dream,” Benioff` is no name.
            fill = " " if _nickname_like(texts[index][start:end]) else _FILLER
            chars[start:end] = fill * (end - start)
        masked[index] = "".join(chars)
    return masked


_FILLER = "·"
"""Stands in for quoted words in the name pass: neither a letter nor a space."""


def _nickname_like(words: str) -> bool:
    """Whether quoted words could be a nickname: short, capitalised, no closing stop."""
    words = words.strip()
    return (
        words[:1].isupper()
        and len(words) <= 20
        and len(words.split()) <= 3
        and words[-1:] not in (",", ".", "!", "?", ";", ":")
    )


def _has_word(text: str) -> bool:
    """Whether text holds at least one letter or digit."""
    return any(c.isalnum() for c in text)


def _attribute(
    texts: list[str],
    raws: list[RawQuote],
    framings: list[Framing],
    resolver: SpeakerResolver,
    covered: set[int],
) -> list[Quote]:
    """Resolve speakers in reading order and build the quotes."""
    quotes: list[Quote] = []
    last_speaker: tuple[str, int] | None = None
    for raw, framing in zip(raws, framings, strict=True):
        content = quote_content(texts, raw)
        kind = classify(content, framing.context)
        position = (raw.first.paragraph, raw.first.start)
        speaker = None
        attribution = framing.attribution
        if attribution is not None and not attribution.passive:
            speaker = resolver.resolve(attribution.phrase, position)
        elif attribution is None and kind is QuoteKind.STATEMENT:
            speaker = _inherit(raw, framing, last_speaker, covered)
            if speaker is None and framing.sentence_initial:
                speaker = resolver.named_before(position)
        if speaker is not None:
            speaker = resolver.book.full_form(speaker)
        if speaker is not None and kind is not QuoteKind.SCARE:
            last_speaker = (speaker, raw.last.paragraph)
        spans = tuple(Span(s.paragraph, s.start, s.end) for s in raw.segments)
        quotes.append(Quote(content, speaker, kind, spans))
    return quotes


def _inherit(
    raw: RawQuote,
    framing: Framing,
    last_speaker: tuple[str, int] | None,
    covered: set[int],
) -> str | None:
    """The speaker an unattributed whole-sentence quote takes from the quote before it."""
    if last_speaker is None or not framing.sentence_initial:
        return None
    name, paragraph = last_speaker
    here = raw.first.paragraph
    if paragraph == here:
        return name
    if not framing.paragraph_initial or here - paragraph > _FLOAT_REACH:
        return None
    if any(index in covered for index in range(paragraph + 1, here)):
        return None
    return name
