"""The shortcuts of text cleaning and whitespace collapsing answer as the full patterns do."""

from __future__ import annotations

import random

from newsreader.ingest.builder import _SPACE_RUN, _collapsed
from newsreader.text import _ESCAPE_SEQUENCE, _UNSAFE_CHAR, clean_text

# Spaces of every kind, the separators str.split knows and the patterns do not, controls,
# escape sequences, bidi overrides, a lone surrogate, unassigned and wide characters.
CHARS = (
    "ab “’ \t\n\r\x0b\x0c\xa0\u2000\u200a\u200b\u202f\u205f\u3000\u1680\u2028\u2029\x85"
    "\x1b[\x9b\u202e\ud800\x00\x7f\u0378é中\U0001f600"
)


def texts(count: int) -> list[str]:
    rng = random.Random(3)
    return ["".join(rng.choice(CHARS) for _ in range(rng.randint(0, 12))) for _ in range(count)]


def test_collapsed_matches_the_pattern() -> None:
    for text in texts(100_000):
        assert _collapsed(text) == _SPACE_RUN.sub(" ", text), repr(text)


def test_clean_text_matches_the_patterns() -> None:
    for text in texts(100_000):
        expected = text
        if _UNSAFE_CHAR.search(text):
            expected = text.replace("\r\n", "\n").replace("\r", "\n")
            expected = _UNSAFE_CHAR.sub("", _ESCAPE_SEQUENCE.sub("", expected))
        assert clean_text(text) == expected, repr(text)
