"""Organisations: telling them from people, and finding the one a bare `the agency` or `it`
means.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsreader.extract.gender import gender_of
from newsreader.extract.lexicon import (
    GROUP_NOUNS,
    ORG_WORDS,
    SENTENCE_WORDS,
    TITLE_WORDS,
    word_set,
)
from newsreader.extract.tokens import UPPER, name_runs, opens_sentence, render, split_at_joiners

if TYPE_CHECKING:
    from newsreader.extract.mentions import NameBook


def is_organisation(words: list[str]) -> bool:
    """Whether a capitalised run names an organisation or place rather than a person."""
    return any(w.lower().rstrip(".") in ORG_WORDS for w in words) or (
        len(words) == 1 and len(words[0]) > 1 and words[0].replace(".", "").isupper()
    )


_ORG_JOINERS = frozenset(("of", "and", "&", "for"))


def heads_organisation(words: list[str]) -> bool:
    """Whether a whole run is one organisation's name, so no person hides at its end.

    `Department of Health and Social Care` (an organisation word, then `of`) and
    `Rail and Maritime Workers’ Union` (ending in one) are organisations throughout.
    """
    lower = [w.lower().rstrip(".") for w in words if w not in ("’", "'")]
    if len(lower) < 2:
        return False
    if lower[-1] in ORG_WORDS:
        return True
    return lower[0] in ORG_WORDS and lower[1] in _ORG_JOINERS


_PUBLIC_BODIES = word_set(
    "agency service administration bureau office authority commission institute department "
    "organization organisation centre center board ministry"
)


_COMPANIES = word_set(
    "company corporation corp inc ltd llc group holdings systems technologies labs "
    "water power energy airlines airways bank motors foods brands industries retail stores"
)


_ORG_KINDS = {
    "agency": _PUBLIC_BODIES,
    "organisation": _PUBLIC_BODIES,
    "organization": _PUBLIC_BODIES,
    "regulator": _PUBLIC_BODIES,
    "company": _COMPANIES,
    "firm": _COMPANIES,
    "utility": _COMPANIES | frozenset(("power", "energy", "electric", "gas", "water")),
    "group": _COMPANIES
    | word_set(
        "alliance coalition network union partnership association federation society "
        "confederation council forum campaign"
    ),
}
"""Generic nouns (`the agency said`) and the words that name an organisation of that kind."""


_ORG_REACH = 12
"""How many paragraphs back a bare `the district said` looks for the district's full name."""


_ORG_TEXT = 2000


_ORG_HEADS = {
    **_ORG_KINDS,
    "force": frozenset(("police", "constabulary")),
    "label": frozenset(("records", "recordings", "music")),
    "cooperative": frozenset(("co-operative", "co-op", "coop")),
    "co-operative": frozenset(("cooperative", "co-op")),
}
"""Bare nouns and the words that may head the full name they stand for, besides the noun."""


_ORG_JOIN = frozenset(("of", "for", "de", "du", "and", "&", "the"))


_DETERMINERS = r"(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur)"


_ORG_WORD_RE = re.compile(r"[\w’'&.–-]+")


def _appositive_re(noun: str) -> re.Pattern[str]:
    cached = _APPOSITIVE_CACHE.get(noun)
    if cached is None:
        cached = re.compile(
            r"\b"
            + _DETERMINERS
            + r"\s+(?:[a-z][\w-]*\s+){0,2}"
            + re.escape(noun)
            + r"(?:\s+(?:representing|based|that|which|in|for)\b[^,.;“”\"]{0,60})?,\s+"
            + r"(?:the\s+)?(?="
            + UPPER
            + r")"
        )
        if len(_APPOSITIVE_CACHE) < 256:
            _APPOSITIVE_CACHE[noun] = cached
    return cached


_APPOSITIVE_CACHE: dict[str, re.Pattern[str]] = {}


def _org_run(text: str, start: int) -> tuple[int, list[str]]:
    """The capitalised name starting at `start` (joiners and possessives allowed inside)."""
    words: list[str] = []
    at = start
    while len(words) < 8:
        match = _ORG_WORD_RE.match(text, at)
        if match is None:
            break
        word = match.group()
        if word.endswith(".") and word[:-1].lower() not in _ABBREVIATED:
            word = word[:-1]  # a full stop, not `Co.` or `Inc.`
        inside = bool(words) and (word[:1].isdigit() or word in _ORG_JOIN)
        if not (word[:1].isupper() or inside):
            break
        words.append(word)
        at = match.end()
        if match.group().endswith(".") or text[at : at + 1] != " ":
            break
        at += 1
    while words and words[-1] in _ORG_JOIN:
        words.pop()
    return at, words


def _org_in_text(text: str, noun: str, heads: frozenset[str]) -> str | None:
    """The last organisation in `text` that a bare `the <noun>` can mean."""
    best: tuple[int, str] | None = None
    for match in _appositive_re(noun).finditer(text):
        _, words = _org_run(text, match.end())
        if words and gender_of(words[0]) is None:
            best = (match.start(), render(words))
    lower = text.lower()
    for head in heads:
        at = lower.find(head)
        while at >= 0:
            end = at + len(head)
            whole = (at == 0 or not lower[at - 1].isalnum()) and not lower[end : end + 1].isalnum()
            if whole and text[at].isupper() and (best is None or at > best[0]):
                name = _org_around(text, at)
                if name is not None:
                    best = (at, name)
            at = lower.find(head, end)
    return best[1] if best else None


def _org_around(text: str, at: int) -> str | None:
    """The whole capitalised name holding the word at `at` (`Suez Canal Authority`)."""
    starts: list[tuple[int, str]] = []
    begin = at
    while len(starts) < 6 and begin > 1 and text[begin - 1] == " ":
        space = text.rfind(" ", 0, begin - 1)
        word = text[space + 1 : begin - 1]
        bare = word.rstrip("’'")
        if not _ORG_WORD_RE.fullmatch(word) or word.endswith(".") or not bare:
            break
        if not (bare[0].isupper() or bare in _ORG_JOIN):
            break
        begin = space + 1
        starts.append((begin, word))
    start = at
    for offset, word in reversed(starts):
        if word not in _ORG_JOIN and word.lower() not in SENTENCE_WORDS:
            start = offset
            break
    _, words = _org_run(text, start)
    return render(words) if len(words) >= 2 else None


_SPEECH_VERBS = r"(?:said|says|told|announced|confirmed|added|stated|warned|insisted|wrote)"


_ORG_SUBJECT_RE = re.compile(
    r"(?<![\w’'-])((?:"
    + UPPER
    + r"[\w’'&.-]*\s+(?:(?:of|and|for|&)\s+)?){0,6}"
    + UPPER
    + r"[\w’'&.-]*)(?:\s+\([A-Z][\w&.-]{1,10}\))?\s+"
    + _SPEECH_VERBS
    + r"\b"
)
"""An organisation as the subject of a speech verb, an acronym in brackets allowed between:
`The National Disaster Management Authority (NDMA) said`."""


_VOICES_RE = r"(?:spokesperson|spokesman|spokeswoman|representative)"


_VOICE_FOR_RE = re.compile(
    r"\b"
    + _VOICES_RE
    + r"\s+(?:for|from)\s+((?:the\s+)?[a-z]+(?:\s+[a-z]+)?|(?:the\s+)?"
    + UPPER
    + r"[\w’'-]*(?:\s+"
    + UPPER
    + r"[\w’'-]*)*)(?=\s+"
    + _SPEECH_VERBS
    + r"\b)"
)


_VOICE_NAMED_RE = re.compile(
    r"\b"
    + _VOICES_RE
    + r"\s+(?:for|from|of|at)\s+[^,.;:“”\"]{1,60}?,\s+("
    + UPPER
    + r"[\w’'-]+(?:\s+"
    + UPPER
    + r"[\w’'-]+)+),"
)
"""`a spokesperson for the council, Ann Lee, said`: the person who is the spokesperson."""


_VOICE_OF_RE = re.compile(
    r"(?<![\w’'-])(" + UPPER + r"[\w’'-]*(?:\s+" + UPPER + r"[\w’'-]*)*)\s+" + _VOICES_RE + r"\b"
)


def organisation_before(book: NameBook, noun: str, position: tuple[int, int]) -> str | None:
    """The organisation a `the agency` means: the last one named earlier in the paragraph.

    Only an acronym (`NOAA`) or a name of the same kind (`National Weather Service` for
    `the agency`) counts, so `the company` never becomes a regulator named beside it.
    """
    kinds = _ORG_KINDS.get(noun)
    if kinds is None:
        return None
    text = book.text(position[0])[max(0, position[1] - 400) : position[1]]
    found = None
    for run in name_runs(text):
        words = [t.text for t in run if t.is_word]
        if words and words[0].lower() in SENTENCE_WORDS:
            words = words[1:]  # `The ESA`
        lower = {w.lower().rstrip(".") for w in words}
        acronym = len(words) == 1 and len(words[0]) > 2 and words[0].isupper()
        if acronym or (len(words) > 1 and lower & kinds):
            found = render(words)
    return found


def organisation_subject(book: NameBook, position: tuple[int, int]) -> str | None:
    """`Acme Foods said the site had lost money. “…,” it said.`: the last organisation in
    this paragraph, before `position`, that is the subject of a speech verb."""
    text = book.text(position[0])[max(0, position[1] - 600) : position[1]]
    found: tuple[int, str] | None = None
    for match in _ORG_SUBJECT_RE.finditer(text):
        words = match.group(1).split()
        if words and words[0].lower() in SENTENCE_WORDS:
            words = words[1:]
        calls_itself_it = text.startswith(" it ", match.end())  # `X said it had received`
        if words and (heads_organisation(words) or is_organisation(words[-1:]) or calls_itself_it):
            found = (match.start(), render(words))
    for match in _DESCRIBED_SUBJECT_RE.finditer(text):
        if found is None or match.start() > found[0]:
            # `the police department said …. “…,” it said.`: the one named in full earlier.
            noun = match.group(2).lower()
            named = organisation_named(book, noun, position)
            found = (match.start(), named or match.group(1).lower())
    return found[1] if found else None


_DESCRIBED_SUBJECT_RE = re.compile(
    r"\b[Tt]he\s+((?:[a-z]+\s+){0,2}(department|ministry|agency|authority|board|council|"
    r"company|firm|commission|office|service|bureau|association|union|district|"
    r"government|administration|regulator|utility|hospital|university|school|club))\s+"
    + _SPEECH_VERBS
    + r"\b"
)
"""An organisation described, not named, as the subject of a speech verb: `the police
department said`."""


def voice_in(book: NameBook, position: tuple[int, int]) -> tuple[str, bool] | None:
    """The last spokesperson introduced in a paragraph before `position`: the person
    named as one (`a spokesperson for the council, Ann Lee, said` gives `Ann Lee`, True)
    or else the organisation one speaks for (`the board`, False)."""
    text = book.text(position[0])
    end = min(position[1], len(text))
    text = text[max(0, end - 600) : end]
    found: tuple[int, str, bool] | None = None
    for pattern in (_VOICE_FOR_RE, _VOICE_OF_RE):
        for match in pattern.finditer(text):
            words = match.group(1).split()
            while words and words[0].lower() in SENTENCE_WORDS and words[0][:1].isupper():
                words = words[1:]
            if words and (found is None or match.start() > found[0]):
                found = (match.start(), " ".join(words), False)
    for match in _VOICE_NAMED_RE.finditer(text):
        if found is None or match.start() >= found[0]:
            start = max(0, end - 600) + match.start(1)
            name = book.canonical(match.group(1), (position[0], start))
            found = (match.start(), name, True)
    return (found[1], found[2]) if found else None


def organisation_named(book: NameBook, noun: str, position: tuple[int, int]) -> str | None:
    """The organisation a bare `the district` or `the force` means, named in full earlier.

    Looks back up to `_ORG_REACH` paragraphs for the nearest `the <noun>, Name Name` (an
    appositive naming it) or a capitalised name holding the noun or a word of its kind
    (`Riverside Water District`, `Police Foo` for `the force`).
    """
    heads = _ORG_HEADS.get(noun, frozenset()) | {noun}
    here = position[0]
    for paragraph in range(here, max(-1, here - _ORG_REACH), -1):
        text = book.text(paragraph)
        text = text[: position[1]] if paragraph == here else text
        text = text[-_ORG_TEXT:]
        found = _org_in_text(text, noun, heads)
        if found is not None:
            return found
    return None


_SUBJECT_REACH = 4
"""How many paragraphs back `the firm said` looks for the organisation a sentence was about."""


def organisation_opening(book: NameBook, position: tuple[int, int]) -> str | None:
    """`Harlow & Pike advised the city. “…,” the firm said.`: the last organisation that opens
    a sentence (its subject) in this paragraph or the few before, in its longest form."""
    for paragraph in range(position[0], max(-1, position[0] - _SUBJECT_REACH), -1):
        text = book.text(paragraph)
        if paragraph == position[0]:
            text = text[: position[1]]
        found = None
        for run in name_runs(text):
            if not opens_sentence(text, run[0].start) or run[0].lower in SENTENCE_WORDS:
                continue
            _, words = _org_run(text, run[0].start)  # `Harlow & Pike`, whole
            if words[1:2] == ["of"]:
                words = words[2:]  # `Shares of Veridian Semiconductor fell`
            if not words:
                continue
            if _names_a_person(book, words):
                continue
            found = words
        if found is not None:
            return _longest_form(book, found, position)
    return None


def _names_a_person(book: NameBook, words: list[str]) -> bool:
    """Whether capitalised words name a person the article knows or could know."""
    first = words[0].lower().rstrip(".")
    if first in TITLE_WORDS or first in GROUP_NOUNS:
        return True
    if len(words) == 1:
        return book.is_surname(words[0])  # `Ortiz cut the ribbon`
    if "&" in words or _called_by_first_word(book, words):
        return False  # `Harlow & Pike`, `Orrin Semiconductor … Orrin reported`
    # A given name, or a he/she/Mr./Ms. for the name in the article: `Ama Amankwah … her`.
    return gender_of(words[0]) is not None or book.gender(" ".join(words)) is not None


def _called_by_first_word(book: NameBook, words: list[str]) -> bool:
    """Whether the article calls a two-word name by its first word alone and never by its
    last (`Orrin Semiconductor … Orrin reported`): how companies are shortened, not people."""
    key = ("first-word", *words)
    if key not in book.memo:
        book.memo[key] = _scan_first_word(book, words)
    return bool(book.memo[key])


def _scan_first_word(book: NameBook, words: list[str]) -> bool:
    first, last = re.escape(words[0]), re.escape(words[-1])
    alone_first = re.compile(r"\b" + first + r"\b(?!\s+" + last + r")")
    alone_last = re.compile(r"(\S+\s+)?\b" + last + r"\b")
    texts = book.texts()
    for text in texts:
        for match in alone_last.finditer(text):
            previous = (match.group(1) or "").strip()
            if not previous[:1].isupper():
                return False  # `Ortiz said`: called by the last word, like a person
    return any(alone_first.search(text) for text in texts)


def _longest_form(book: NameBook, words: list[str], position: tuple[int, int]) -> str:
    """`Orrin` → `Orrin Semiconductor` when the article named it so earlier."""
    key = ("longest", *words)
    if key not in book.memo:
        book.memo[key] = _scan_longest_form(book, words)
    found = book.memo[key]
    return found if isinstance(found, str) else render(words)


def _scan_longest_form(book: NameBook, words: list[str]) -> str:
    short = render(words)
    longer = re.compile(re.escape(short) + r"(?:\s+" + UPPER + r"[\w&.’'-]*)+")
    for text in book.texts():
        match = longer.search(text)
        if match is not None:
            _, found = _org_run(match.group(), 0)
            return render(found) if len(found) > len(words) else short
    return short


def lede_organisation(book: NameBook) -> str | None:
    """The first organisation the article's opening paragraph names (`Shares of Orrin
    Semiconductor fell …`): in a story about one company, the one `the company` means."""
    if ("lede",) not in book.memo:
        book.memo[("lede",)] = _scan_lede(book)
    found = book.memo[("lede",)]
    return found if isinstance(found, str) else None


def _scan_lede(book: NameBook) -> str | None:
    text = book.text(0)
    for run in name_runs(text):
        for part in split_at_joiners(run):
            words = [t.text for t in part]
            lone_opener = len(words) == 1 and opens_sentence(text, part[0].start)
            if lone_opener or words[0].lower() in SENTENCE_WORDS or words[0].isupper():
                continue
            if words[-1].lower() in _PUBLIC_BODIES | _GOVERNMENT:
                continue  # `told the Securities Commission`: a regulator, not the company
            if not _names_a_person(book, words):
                return render(words)
    return None


_ABBREVIATED = word_set("co inc corp ltd bros plc llc")
_GOVERNMENT = word_set("court police government parliament congress senate house council")
