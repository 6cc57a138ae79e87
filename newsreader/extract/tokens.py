"""Words and capitalised runs: the units every other extraction module reads."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from newsreader.extract.lexicon import (
    PARTICLES,
    TITLE_ABBREVIATIONS,
)

# Words, with initials and abbreviations keeping their period (`Gen.`, `U.S.`, `B.`).
TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_](?:[\w’'-]*[^\W_])?\.?|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark with its offset in the text it came from."""

    text: str
    start: int
    lower: str = field(init=False, repr=False, compare=False)
    """The token in lower case (computed once: the rules read it constantly)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "lower", self.text.lower())

    @property
    def is_word(self) -> bool:
        """Whether the token is a word rather than punctuation."""
        return self.text[0].isalnum()

    @property
    def is_capitalised(self) -> bool:
        """Whether the token starts with a capital letter."""
        return self.text[0].isupper()


def tokenize(text: str, base: int = 0) -> list[Token]:
    """Split text into words and punctuation, keeping periods on abbreviations and initials.

    Args:
        text: The text to split.
        base: Offset added to every token's start.

    Returns:
        The tokens in order.
    """
    tokens: list[Token] = []
    for match in TOKEN_RE.finditer(text):
        word = match.group()
        if word.endswith(".") and len(word) > 1 and not _keeps_period(word):
            tokens.append(Token(word[:-1], base + match.start()))
            tokens.append(Token(".", base + match.end() - 1))
        else:
            tokens.append(Token(word, base + match.start()))
    return tokens


def _keeps_period(word: str) -> bool:
    """Whether a word's trailing period belongs to it (`Gen.`, `B.`, `U.S.`)."""
    stem = word[:-1]
    if "." in stem or (len(stem) == 1 and stem.isupper()):
        return True
    return stem.lower() in TITLE_ABBREVIATIONS and stem[0].isupper()


def is_name_token(token: Token) -> bool:
    """Whether a token can be part of a proper name (capitalised word or initial)."""
    return token.is_word and token.is_capitalised


def render(words: list[str]) -> str:
    """Words joined by spaces, a possessive apostrophe kept on its word (`Workers’ Union`)."""
    text = ""
    for word in words:
        text += word if word in ("’", "'") or not text else " " + word
    return text


def capitalised_runs(tokens: list[Token]) -> list[list[Token]]:
    """Runs of capitalised words, allowing `of`/`the` and particles between capitals."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for index, token in enumerate(tokens):
        if is_name_token(token):
            current.append(token)
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        joins = token.lower in PARTICLES or token.lower in ("of", "the", "and", "&")
        if token.text in ("’", "'") and current and current[-1].lower.endswith("s"):
            joins = current[-1].start + len(current[-1].text) == token.start  # `Workers’ Union`
        if current and joins and following is not None and is_name_token(following):
            current.append(token)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


def _uppercase_class() -> str:
    """A regex character class of the uppercase letters of the alphabetic scripts (below U+2000)."""
    ranges: list[str] = []
    start = None
    for code in range(0x2001):
        upper = code < 0x2000 and chr(code).isupper()
        if upper and start is None:
            start = code
        elif not upper and start is not None:
            last = code - 1
            ranges.append(
                re.escape(chr(start)) + ("-" + re.escape(chr(last)) if last > start else "")
            )
            start = None
    return "[" + "".join(ranges) + "]"


# Capitalised words only: names never start in lowercase, and skipping the rest keeps the
# name pass cheap on long articles.
UPPER = _uppercase_class()


_CAPITALISED_RE = re.compile(
    r"(?<![\w’'-])(?:(?:" + UPPER + r"\.){2,}|" + UPPER + r"(?:[\w’'-]*[^\W_])?\.?)"
)


_RUN_GAP_RE = re.compile(
    r"\s+(?:(?:of|the|de|da|del|der|den|van|von|la|le|bin|binti|al|ter|dos|du)\s+){0,2}"
)


_NICKNAME_GAP_RE = re.compile(r"\s+[“‘\"'] {1,20}[”’\"']\s+")
"""A quoted nickname between forename and surname, its words blanked: `Kofi “    ” Boateng`."""


def name_runs(text: str) -> list[list[Token]]:
    """Runs of capitalised words (joined by spaces and particles) in a text."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    end = -1
    for match in _CAPITALISED_RE.finditer(text):
        word = match.group()
        gap = text[end : match.start()] if end >= 0 else ""
        nickname = bool(run) and _NICKNAME_GAP_RE.fullmatch(gap) is not None
        if run and not (_RUN_GAP_RE.fullmatch(gap) and len(gap) < 14) and not nickname:
            runs.append(run)
            run = []
        elif run and gap.strip() and not nickname:
            offset = end
            for joiner in gap.split():  # the `of` in a run, or `van der`
                offset = text.index(joiner, offset)
                run.append(Token(joiner, offset))
                offset += len(joiner)
        end = match.end()
        if word[-2:] in ("’s", "'s") and len(word) > 2:
            run.append(Token(word[:-2], match.start()))  # `Devin Carter's layup`: a name ends
            runs.append(run)
            run = []
        elif word.endswith(".") and not _keeps_period(word):
            run.append(Token(word[:-1], match.start()))
            runs.append(run)  # A full stop ends the name: `Gregor Haines. Turnout …`
            run = []
        else:
            run.append(Token(word, match.start()))
    if run:
        runs.append(run)
    return runs


def split_at_joiners(run: list[Token]) -> list[list[Token]]:
    """`Senator John Smith of Ohio` → `Senator John Smith`, `Ohio`: people never span `of`."""
    parts: list[list[Token]] = [[]]
    for token in run:
        if token.lower in ("of", "the", "and", "&", "’", "'"):
            parts.append([])
        else:
            parts[-1].append(token)
    return [part for part in parts if part]


def plain(word: str) -> str:
    """A word without accents (`maría` → `maria`), for the forename lists."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` begins its sentence (only spaces or a full stop before)."""
    before = text[max(0, start - 3) : start].rstrip()
    return not before or before[-1] in ".!?"
