"""Who said what: quotes and embedded posts found in an article's paragraphs.

Pure functions over plain text, no textual/rich imports and no models. The pipeline:
posts first (their paragraphs are opaque), then quote spans (`marks`), then the speaker phrase
beside each quote (`attribution`), then canonical speakers (`speakers`, `names`) and kinds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsreader.extract.attribution import (
    Attribution,
    Frame,
    after_quote,
    attribution_sentence,
    before_quote,
    in_clause,
    next_sentence,
    sentence_end,
    sentence_start,
)
from newsreader.extract.kinds import Context, classify, ends_dialogue
from newsreader.extract.marks import RawQuote, Segment, find_quotes
from newsreader.extract.mentions import Mention, NameBook
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
    raws = [raw for raw in find_quotes(texts, covered) if _has_word(_content(texts, raw))]
    untagged = [_blank_tags(text) for text in texts]
    book = _name_book(_outside_quotes(untagged, raws), covered, posts)
    _note_nicknames(texts, raws, book)
    # Real articles hold dozens of quotes; past the budget (hostile input) quotes keep their
    # spans but skip attribution, which keeps the cost bounded.
    framings = [
        _frame(untagged, raws, index) if index < ATTRIBUTION_BUDGET else _UNFRAMED
        for index in range(len(raws))
    ]
    quotes = _attribute(texts, raws, framings, SpeakerResolver(book), covered)
    quotes = _opening_speaker(untagged, quotes, framings, book)
    return Extraction(tuple(quotes), tuple(posts))


_PARTY_TAG_RE = re.compile(
    r"\s*\(\s*(?:D|R|I|Ind|Dem|Rep|GOP)\s*[-–—]\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s*\)"
    r"|,\s*(?:D|R|I)[-–—][A-Z][\w.]*(?:\s+[A-Z][\w.]*)?,"
)
"""A party and state tag after a lawmaker's name: `(D-Ore.)`, `, R-Ohio,`."""


def _blank_tags(text: str) -> str:
    """The text with party and state tags blanked (same offsets), so `Rep. Sam Ode (D-Ore.)
    said` reads as `Rep. Sam Ode said`."""
    if "-" not in text and "–" not in text and "—" not in text:
        return text
    return _PARTY_TAG_RE.sub(lambda match: " " * len(match.group()), text)


def _opening_speaker(
    texts: list[str], quotes: list[Quote], framings: list[_Framing], book: NameBook
) -> list[Quote]:
    """An article that opens with an unattributed quote names its speaker next: `“We will
    rebuild.” That was the promise from Mayor Ana Cruz.` The first person named in the
    sentence after the opening quotes (in that paragraph or the next) said them."""
    opening = [q for q in quotes if q.spans and q.spans[0].paragraph == 0]
    if not opening or opening[0].spans[0].start > 0 or any(q.speaker for q in opening):
        return quotes
    if any(q.kind is not QuoteKind.STATEMENT for q in opening):
        return quotes
    if any(framing.attribution is not None for framing in framings[: len(opening)]):
        return quotes  # `“…,” Mayor Bell's daughter said`: attributed, to nobody we can name
    end = opening[-1].spans[-1]
    paragraph, start = end.paragraph, end.end
    if not texts[paragraph][start:].strip():
        if paragraph + 1 >= len(texts):
            return quotes
        paragraph, start = paragraph + 1, 0
    stop = sentence_end(texts[paragraph], start, len(texts[paragraph]))
    mention = book.first_between((paragraph, start), (paragraph, stop))
    if mention is None or not (mention.subject or _names_a_source(texts[paragraph], mention)):
        return quotes  # `Read our Pokemon Sword review.`: named, but not as who said it
    named = [replace(q, speaker=mention.name) for q in opening]
    return named + quotes[len(opening) :]


_SOURCE_BEFORE_RE = re.compile(
    r"(?:\bfrom|\bby|\bsaid|\bsays|\baccording to)\s+(?:(?:the\s+)?[\w.-]+\s+){0,3}$",
    re.IGNORECASE,
)


def _names_a_source(text: str, mention: Mention) -> bool:
    """Whether a name follows `from`, `by`, `said` or `according to` (`the message from Mayor
    Ana Cruz`, `So said Mayor Ana Cruz`)."""
    return (
        _SOURCE_BEFORE_RE.search(text[max(0, mention.position[1] - 40) : mention.position[1]])
        is not None
    )


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


def _content(texts: list[str], raw: RawQuote) -> str:
    """The words between a quote's outer marks, segments joined by a space."""
    parts = (texts[s.paragraph][s.content_start : s.content_end].strip() for s in raw.segments)
    return " ".join(part for part in parts if part)


@dataclass(frozen=True, slots=True)
class _Framing:
    """A quote's attribution and the facts about its surroundings that decide its kind."""

    attribution: Attribution | None
    context: Context
    sentence_initial: bool
    """Nothing of the reporter's sentence comes before the opening mark."""
    paragraph_initial: bool
    """The opening mark starts its paragraph."""


_UNFRAMED = _Framing(None, Context(False, False, False, False), False, False)


def _frame(texts: list[str], raws: list[RawQuote], index: int) -> _Framing:
    """Find the attribution beside one quote and describe its frame."""
    raw = raws[index]
    first, last = raw.first, raw.last
    opening, closing = texts[first.paragraph], texts[last.paragraph]
    previous = raws[index - 1] if index else None
    following = raws[index + 1] if index + 1 < len(raws) else None
    floor = previous.last.end if previous and previous.last.paragraph == first.paragraph else 0
    ceiling = (
        following.first.start
        if following and following.first.paragraph == last.paragraph
        else len(closing)
    )
    start = sentence_start(opening, first.start, floor)
    end = sentence_end(closing, last.end, ceiling)
    content = _content(texts, raw)
    attribution = None
    if content[-1:] in ("?", "!") and not attribution_sentence(closing, last.end, end):
        # `Crane can be heard saying, “… OK?” Seconds later, Kessler shouts`: a question or
        # exclamation ends the sentence, so a lead-in before it wins over the next sentence.
        attribution = before_quote(opening, start, first.start)
    if (
        attribution is None
        and raw.closed
        and (not content.endswith(".") or attribution_sentence(closing, last.end, end))
    ):
        attribution = after_quote(closing, last.end, end)
    if attribution is None:
        attribution = before_quote(opening, start, first.start)
    if attribution is None:
        attribution = in_clause(opening, start, first.start)
    before = opening[start : first.start]
    initial = not before.strip()
    if attribution is None and initial and raw.closed and content[-1:] in (".", "!", "?"):
        attribution = next_sentence(closing, last.end, ceiling)
    tail = closing[last.end : end].lstrip()
    inscribed = _inscription(before) or _listed_after_inscription(opening, previous, first, before)
    if inscribed:
        # `a banner that read “SELL THE TEAM.”`: the words on a thing, quoted whole; no speaker.
        attribution = Attribution((), Frame.BEFORE, passive=True)
    framed = inscribed or _framed(attribution, content, tail, initial)
    woven = not inscribed and not initial and _starts_lowercase(content)
    if attribution is not None and attribution.frame is Frame.BEFORE:
        woven = False  # `“A,” said X, “but B.”`: the second part continues the speech.
    elif woven and previous is not None and previous.last.paragraph == first.paragraph:
        # `“A,” said X, “and B,” she added, “because C.”`: the middle part continues too.
        woven = before_quote(opening, start, first.start) is None
    said = attribution is not None and (attribution.frame is not Frame.BEFORE or not initial)
    ends = content.rstrip()[-1:] in (".", "!", "?") or tail[:1] in (".", "!", "?") or not tail
    context = Context(framed, woven, said, _noun_like(before, tail), ends)
    return _Framing(attribution, context, initial, not opening[: first.start].strip())


_INSCRIPTIONS = (
    "sign|signs|banner|banners|placard|placards|poster|posters|whiteboard|blackboard|"
    "t-shirt|t-shirts|shirt|shirts|slogan|headline|subject line|caption|plaque|billboard|"
    "sticker|stickers|graffiti|inscription|note|notes|card|cards|screen|display"
)
_INSCRIPTION_RE = re.compile(
    r"\b(?:" + _INSCRIPTIONS + r")\b(?:[^.!?“”\"]{0,60}?\b(?:that|which)\b)?[^.!?“”\"]{0,40}?"
    r"(?:\b(?:read|reads|reading|said|says|saying|declared|declaring|proclaimed)\b\s*[,:]?|:)\s*$",
    re.IGNORECASE,
)
_READ_RE = re.compile(
    r"(?:^|[\s,;])(?:[Oo]ne|[Aa]nother|[Ii]t|[Tt]his|[Tt]hat)\s+(?:read|reads)\s*[,:]?\s*$"
)
"""`One read, “Fix Our Roads First.”` after signs: the words written, not someone speaking."""


def _inscription(before: str) -> bool:
    """Whether the quote gives the words on a sign, banner, screen or card rather than
    speech: `held up a sign: “…”`, `placards reading “…”`, `One read, “…”`, `it read “4.5.”`."""
    return _INSCRIPTION_RE.search(before[-160:]) is not None or _READ_RE.search(before) is not None


def _listed_after_inscription(
    text: str, previous: RawQuote | None, first: Segment, before: str
) -> bool:
    """`signs reading “Fund Our Future” and “Tuition Isn't a Tax Break.”`: a quote listed
    right after the words on a sign is on a sign too."""
    if previous is None or previous.first.paragraph != first.paragraph:
        return False
    if previous.last.paragraph != first.paragraph:
        return False
    if before.strip(" ,") not in ("and", "or", ""):
        return False
    start = sentence_start(text, previous.first.start, 0)
    return _inscription(text[start : previous.first.start])


def _starts_lowercase(content: str) -> bool:
    """Whether the quoted words begin with a lowercase letter (a partial quote)."""
    return next((c for c in content if c.isalpha()), "").islower()


_DETERMINERS = frozenset(("a", "an", "the", "this", "that", "its", "their", "his", "her", "our"))


def _noun_like(before: str, tail: str) -> bool:
    """Whether the quote is used as a name: `a “cash grab”`, `the “Glide” brand`."""
    previous = before.rstrip().rsplit(None, 1)[-1:] if before.strip() else []
    if previous and previous[0].lower() in _DETERMINERS:
        return True
    following = tail[:1]
    return following.isalpha() and following.islower() and not tail.startswith(("and ", "or "))


def _framed(attribution: Attribution | None, content: str, tail: str, initial: bool) -> bool:
    """Whether a dialogue frame holds the quote, which makes even a short quote a statement."""
    if attribution is not None and attribution.frame is Frame.BEFORE:
        return True
    if attribution is not None and attribution.frame is Frame.AFTER:
        whole = initial and content[-1:] in (".", "!", "?")  # `“I'm done.” said Rita Lowe.`
        return ends_dialogue(content) or tail.startswith(",") or whole
    # A whole sentence of its own: `“We are ready.”` after the previous quote.
    return initial and content[:1].isupper() and content[-1:] in (".", "!", "?", "…")


def _attribute(
    texts: list[str],
    raws: list[RawQuote],
    framings: list[_Framing],
    resolver: SpeakerResolver,
    covered: set[int],
) -> list[Quote]:
    """Resolve speakers in reading order and build the quotes."""
    quotes: list[Quote] = []
    last_speaker: tuple[str, int] | None = None
    for raw, framing in zip(raws, framings, strict=True):
        content = _content(texts, raw)
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
    framing: _Framing,
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
