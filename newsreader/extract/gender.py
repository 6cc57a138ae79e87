"""Gender of a person: from the given name, else from the article (`Mr.`, `her son`, `his`)."""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import TYPE_CHECKING

from newsreader.extract.lexicon import (
    FEMALE_NAMES,
    MALE_NAMES,
    UNISEX_NAMES,
    word_set,
)
from newsreader.extract.tokens import plain

if TYPE_CHECKING:
    from newsreader.extract.mentions import NameBook


def gender_of(name: str) -> str | None:
    """`f`, `m` or None (unknown) from a full name's forename."""
    word = (name.split() or [""])[0].lower()
    return given_name_gender(word)


@functools.lru_cache(maxsize=8192)
def given_name_gender(word: str) -> str | None:
    """`f`, `m` or None for a lower-case given name (None: unknown, or borne by both)."""
    if word in UNISEX_NAMES:
        return None
    table = _given_names()
    first = word if word in table else plain(word)
    found = table.get(first)
    if found is not None:
        return found
    # Names the dictionary lacks (it predates many, and misses some naming traditions).
    return "f" if first in FEMALE_NAMES else "m" if first in MALE_NAMES else None


def is_given_name(word: str) -> bool:
    """Whether a lower-case word is a given name with a usual gender."""
    return given_name_gender(word) is not None


@functools.cache
def _given_names() -> dict[str, str]:
    """Given names and their usual gender from gender-guesser's data (`nam_dict.txt`, Jörg
    Michael's name dictionary, GNU FDL 1.2+), read once: `m`/`f` where every entry for the
    name agrees, including `mostly` ones; names listed for both (or as unisex) are left out."""
    try:
        source = resources.files("gender_guesser").joinpath("data", "nam_dict.txt")
        text = source.read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    codes: dict[str, set[str]] = {}
    for match in _NAM_DICT_LINE.finditer(text):
        code, name = match.groups()
        codes.setdefault(name.lower().replace("+", "-"), set()).add(code[-1])
    return {
        name: found.pop().lower()
        for name, found in codes.items()
        if len(found) == 1 and "?" not in found
    }


_NAM_DICT_LINE = re.compile(r"^([?1]?[MF]|\?) +(\S+)", re.MULTILINE)
"""A name line of `nam_dict.txt`: the gender code (`M`, `1M`, `?M`, `F`, …, `?`), the name."""


_GENDER_WINDOW = 160
"""How far after a full name its sentence may give a `his`/`her` that tells the gender."""


_GENDER_PRONOUN_RE = re.compile(
    r"\b(?:[Hh]e|[Hh]is|[Hh]im|[Hh]imself|[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b"
)


_MALE_NOUNS = word_set(
    "son brother father husband widower nephew uncle grandson grandfather boyfriend "
    "chairman spokesman businessman sportsman actor king prince"
)


_FEMALE_NOUNS = word_set(
    "daughter sister mother wife widow niece aunt granddaughter grandmother girlfriend "
    "chairwoman spokeswoman businesswoman sportswoman actress queen princess"
)


_GENDERED_NOUN_RE = re.compile(
    r"\b((?i:" + "|".join(sorted(_MALE_NOUNS | _FEMALE_NOUNS)) + r")),?\s+"
    r"(?:[a-z][\w-]*\s+){0,2}(?:(?:Dr|Prof)\.?\s+)?$"
)
"""A gendered noun just before a name (`her son, Tom Vale`, `her son, filmmaker Charlie
McDowell`), which tells the name's gender."""


_OBJECT_AFTER = [[w] for w in ("with", "to", "for", "from", "by", "beside", "behind", "than")]
"""Words before a `her`/`him` that make it someone other than the person just named."""


def honorific_gender(book: NameBook, family: str) -> str | None:
    """`f` or `m` when the article calls the family name only `Ms.` or only `Mr.`."""
    votes = _honorifics(book).get(family.lower())
    if votes is None or (votes[0] and votes[1]):
        return None  # never, or `Mr. and Mrs. Vance`: two people
    return "m" if votes[0] else "f"


def _honorifics(book: NameBook) -> dict[str, tuple[int, int]]:
    """Every family name after Mr. or Ms./Mrs./Miss in the article, with (male, female)
    counts; read once per article."""
    key = ("honorifics",)
    table = book.memo.get(key)
    if isinstance(table, dict):
        return table
    counts: dict[str, tuple[int, int]] = {}
    for text in book.texts():
        for match in _HONORIFIC_RE.finditer(text):
            male, female = counts.get(match.group(2).lower(), (0, 0))
            is_male = match.group(1) == "Mr"
            counts[match.group(2).lower()] = (male + is_male, female + (not is_male))
    book.memo[key] = counts
    return counts


_HONORIFIC_RE = re.compile(r"\b(Mrs|Ms|Miss|Mr)\.?\s+([A-Z][\w’'-]*)")


def gender_in_text(book: NameBook, name: str, family: str) -> str | None:
    """`f`, `m` or None from the article itself: `Mr. Vance`, `her son, Tom Vale`, or a
    `his`/`her` in the sentence that names the person."""
    mentions = book.mentions_of(name)
    for mention in mentions:
        paragraph, start = mention.position
        before = book.text(paragraph)[max(0, start - 48) : start]
        noun = _GENDERED_NOUN_RE.search(before)
        if noun is not None:  # `her son, Tom Vale`, `the chairwoman, Ann Lee`
            return "m" if noun.group(1).lower() in _MALE_NOUNS else "f"
    for mention in mentions:
        paragraph, start = mention.position
        window = book.text(paragraph)[start : start + _GENDER_WINDOW]
        window = window.split(". ", 1)[0]
        for pronoun in _GENDER_PRONOUN_RE.finditer(window):
            if window[: pronoun.start()].split()[-1:] in _OBJECT_AFTER:
                continue  # `has been with her`: someone else, not the person named
            if book.named_in((paragraph, start + pronoun.start()), mention.position):
                break  # `Ortiz thanked Judge Fenwick for her patience`: the nearer name's
            return "f" if pronoun.group().lower() in ("she", "her", "hers", "herself") else "m"
    return None
