"""Decide whether a quote is a statement, a fragment of one, or a scare quote."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsreader.extract.lexicon import word_set
from newsreader.models import QuoteKind

MIN_WORDS = 4
"""Quotes shorter than this are scare quotes unless a dialogue frame says otherwise."""

_WORD_RE = re.compile(r"\w+")
_TITLE_WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
_SMALL_WORDS = word_set("a an and as at but by for from in into of on or the to with")


@dataclass(frozen=True, slots=True)
class Context:
    """What surrounds a quote, as far as its kind is concerned."""

    framed: bool
    """A dialogue frame holds it: `“…,” X said`, `X said: “…”`, or it is a whole sentence."""
    woven: bool
    """It starts in lowercase inside the reporter's sentence (`said the city “cannot …”`)."""
    said: bool
    """A speech verb in the same sentence credits it to someone (`X warned it was “…”`)."""
    noun_like: bool
    """It names a thing: an article before (`a “cash grab”`) or a noun after (`“Glide” brand`)."""
    ends_sentence: bool = False
    """It closes the reporter's sentence (`X said it would be like a “buzz saw.”`)."""


def classify(text: str, context: Context) -> QuoteKind:
    """The kind of a quote from its words and its frame.

    Args:
        text: The words between the outer marks.
        context: The frame around the quote.

    Returns:
        `statement`, `fragment` or `scare`.
    """
    words = _WORD_RE.findall(text)
    if len(words) < MIN_WORDS:
        if context.framed and not context.woven:
            return QuoteKind.STATEMENT
        if context.woven and context.said and (not context.noun_like or context.ends_sentence):
            # `Milley said it would be like running into a “buzz saw.”`: his words, in part.
            return QuoteKind.FRAGMENT
        return QuoteKind.SCARE
    if is_title(words, text) and not context.framed:
        return QuoteKind.SCARE
    if context.woven:
        return QuoteKind.FRAGMENT
    return QuoteKind.STATEMENT


def is_title(words: list[str], text: str) -> bool:
    """Whether quoted words read as a title (`Under the Harvest Moon`), not as speech."""
    if text.rstrip()[-1:] in ("!", "?"):
        return False  # Commas and full stops sit inside the marks in American style.
    whole = _TITLE_WORD_RE.findall(text)  # `Isn’t` is one word here, not `Isn` and `t`
    content = [w for w in whole if w.lower() not in _SMALL_WORDS and not w.isdigit()]
    return bool(content) and all(w[0].isupper() for w in content)


def ends_dialogue(text: str) -> bool:
    """Whether quoted words end the way a quote followed by its attribution does."""
    return text.rstrip()[-1:] in (",", "!", "?", "…", "—", "–", "-", ":")
