"""The frame around each quote: its attribution, whether it stands as a statement, and the
text preparations that reading frames needs (party tags, an article's opening quote)."""

from __future__ import annotations

import re
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
from newsreader.extract.kinds import Context, ends_dialogue
from newsreader.extract.marks import RawQuote, Segment
from newsreader.extract.mentions import Mention, NameBook
from newsreader.models import Quote, QuoteKind

_PARTY_TAG_RE = re.compile(
    r"\s*\(\s*(?:D|R|I|Ind|Dem|Rep|GOP)\s*[-–—]\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s*\)"
    r"|,\s*(?:D|R|I)[-–—][A-Z][\w.]*(?:\s+[A-Z][\w.]*)?,"
)
"""A party and state tag after a lawmaker's name: `(D-Ore.)`, `, R-Ohio,`."""


def blank_tags(text: str) -> str:
    """The text with party and state tags blanked (same offsets), so `Rep. Sam Ode (D-Ore.)
    said` reads as `Rep. Sam Ode said`."""
    if "-" not in text and "–" not in text and "—" not in text:
        return text
    return _PARTY_TAG_RE.sub(lambda match: " " * len(match.group()), text)


def opening_speaker(
    texts: list[str], quotes: list[Quote], framings: list[Framing], book: NameBook
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


def quote_content(texts: list[str], raw: RawQuote) -> str:
    """The words between a quote's outer marks, segments joined by a space."""
    parts = (texts[s.paragraph][s.content_start : s.content_end].strip() for s in raw.segments)
    return " ".join(part for part in parts if part)


@dataclass(frozen=True, slots=True)
class Framing:
    """A quote's attribution and the facts about its surroundings that decide its kind."""

    attribution: Attribution | None
    context: Context
    sentence_initial: bool
    """Nothing of the reporter's sentence comes before the opening mark."""
    paragraph_initial: bool
    """The opening mark starts its paragraph."""


UNFRAMED = Framing(None, Context(False, False, False, False), False, False)


def frame(texts: list[str], raws: list[RawQuote], index: int) -> Framing:
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
    content = quote_content(texts, raw)
    attribution = _attribution(opening, closing, raw, content, (start, end))
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
    return Framing(attribution, context, initial, not opening[: first.start].strip())


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


def _attribution(
    opening: str, closing: str, raw: RawQuote, content: str, sentence: tuple[int, int]
) -> Attribution | None:
    """The attribution beside a quote: after it, before it, or earlier in its sentence."""
    start, end = sentence
    first, last = raw.first, raw.last
    attribution = None
    if content[-1:] in ("?", "!") and not attribution_sentence(closing, last.end, end):
        # `Crane can be heard saying, “… OK?” Seconds later, Kessler shouts`: a question or
        # exclamation ends the sentence, so a lead-in before it wins over the next sentence.
        attribution = before_quote(opening, start, first.start)
    # `“…,” X said`, and `“I'm done.” said Rita Lowe.` when the sentence after only says who.
    after = not content.endswith(".") or attribution_sentence(closing, last.end, end)
    if attribution is None and raw.closed and after:
        attribution = after_quote(closing, last.end, end)
    if attribution is None:
        attribution = before_quote(opening, start, first.start)
    if attribution is None:
        attribution = in_clause(opening, start, first.start)
    return attribution


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
