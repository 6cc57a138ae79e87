"""People's names: the name inside a capitalised run, surnames, long names, and the pass
that records every person an article names.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsreader.extract.gender import is_given_name
from newsreader.extract.lexicon import (
    KNOWN_FORENAMES,
    NAME_SUFFIXES,
    ORG_WORDS,
    PARTICLES,
    PREFIX_TITLES,
    SENTENCE_WORDS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
    word_set,
)
from newsreader.extract.organisations import is_organisation
from newsreader.extract.tokens import Token, name_runs, opens_sentence, split_at_joiners

if TYPE_CHECKING:
    from newsreader.extract.mentions import NameBook


def person_name(run: list[Token]) -> list[str]:
    """The person's own name at the end of a capitalised run, titles and offices stripped.

    Keeps at most two full name words plus initials, particles and suffixes, so
    `Secretary of Defense Dr. Mark T. Esper` gives `Mark T. Esper`.
    """
    words: list[str] = []
    full = 0
    for index in range(len(run) - 1, -1, -1):
        token = run[index]
        lower = token.lower
        if lower in NAME_SUFFIXES and not words:
            words.append(token.text)
            continue
        bare = lower.rstrip(".")
        if bare in TITLE_WORDS or bare in TITLE_ABBREVIATIONS or lower in SENTENCE_WORDS:
            break
        if words and bare in PREFIX_TITLES:
            break
        if lower in PARTICLES and words and not _titled_forename(run, index):
            words.append(token.text)
            continue
        if not token.is_capitalised:
            break
        if _is_initial(token.text):
            if full == 0:
                break
            words.append(token.text)
            continue
        if (
            full == 2
            and not _double_forename(token.text, words[-1])
            and not any(w.lower() in _PATRONYMIC for w in words)
        ):
            break
        words.append(token.text)
        full += 1
    forename = len(words) >= 2 and _titled_forename(run, len(run) - len(words))
    while len(words) > 1 and words[-1].lower() in PARTICLES and not forename:
        words.pop()
    if (
        len(words) == 1
        and words[0].lower() in PARTICLES
        and not (len(run) > 1 and run[-2].lower.rstrip(".") in _PERSONAL_TITLES)
    ):
        words.pop()  # a lone `de`, unless a title makes it a surname (`Ms. Le`)
    return list(reversed(words))


def _titled_forename(run: list[Token], index: int) -> bool:
    """Whether a particle-like word right after a title is a forename (`Sen. Al Fry`)."""
    token = run[index]
    if not token.is_capitalised or index == 0 or index + 1 >= len(run):
        return False
    title = run[index - 1].lower.rstrip(".")
    return title in _PERSONAL_TITLES and is_given_name(token.lower)


def _double_forename(first: str, second: str) -> bool:
    """Whether two words are both forenames (`Mary Ellen Cho`), so a name has three words."""
    return is_given_name(first.lower()) and is_given_name(second.lower())


def _is_initial(word: str) -> bool:
    """Whether a word is an initial such as `B.`."""
    return len(word) == 2 and word[1] == "." and word[0].isupper()


def surname(name: str) -> str:
    """The family name of a full name (suffixes such as `III` skipped)."""
    words = [w for w in name.split() if w.lower() not in NAME_SUFFIXES]
    return words[-1] if words else name


def forename(name: str) -> str:
    """The first word of a full name."""
    return name.split()[0] if name else ""


_PATRONYMIC = frozenset(("bin", "binti", "bint", "ibn", "ben"))


def same_forename(first: str, second: str) -> bool:
    """Whether two full names could be the same person (same first word or initial)."""
    a, b = forename(first).rstrip(".").lower(), forename(second).rstrip(".").lower()
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


_NOT_PEOPLE = word_set(
    "band group company firm club team album film movie song book show brand series "
    "restaurant shop store bar ship vessel hotel app game novel play label"
)
"""Nouns that introduce a capitalised name that is not a person (`the band Copper Lanterns`)."""


def collect_names(
    book: NameBook,
    paragraph: int,
    text: str,
    *,
    byline: bool = False,
    runs: list[list[Token]] | None = None,
) -> None:
    """Add every personal full name in a paragraph to the book.

    Only capitalised words are looked at, so text without letters (a run of quote marks)
    costs one regex scan.

    Args:
        book: Where to record the names.
        paragraph: The paragraph's index.
        text: The paragraph's text.
        byline: The text is a post's display name.
        runs: The text's `name_runs`, when already computed.
    """
    for run in name_runs(text) if runs is None else runs:
        _add_run(book, paragraph, run, text, byline)


def collect_surnames(
    book: NameBook, paragraph: int, runs: list[list[Token]], text: str = ""
) -> None:
    """Add every surname-only mention of a person the book knows (second pass).

    Args:
        book: The book, already holding the article's full names.
        paragraph: The paragraph's index.
        runs: The paragraph's `name_runs`.
        text: The paragraph's text (to tell sentence subjects).
    """
    for run in runs:
        words = [t for t in run if t.is_word]
        while len(words) > 1 and words[0].lower in PARTICLES:
            words = words[1:]  # `Van der Berg said`
        while len(words) > 1 and words[0].lower.rstrip(".") in _PERSONAL_TITLES:
            words = words[1:]  # `Dr. Venkatesh said`
        if len(words) == 1 and not book.knows_surname(words[0].text):
            if _lone_surname(run, words[0], text):
                subject = opens_sentence(text, run[0].start)
                book.add(words[0].text, (paragraph, words[0].start), subject=subject)
            continue
        if len(words) == 1:
            if _modifies_name(text, words[0].start + len(words[0].text)):
                continue  # `Wasps head coach Nicola Brandreth`: a team, not a person
            after = text[words[0].start + len(words[0].text) :][:2]
            subject = opens_sentence(text, run[0].start) and after not in ("’s", "'s")
            book.add_surname(words[0].text, (paragraph, words[0].start), subject=subject)


def _lone_surname(run: list[Token], word: Token, text: str) -> bool:
    """Whether a single capitalised word is a person named by surname alone: after a title
    (`Judge Fenwick`, `Ms. Vo`), or opening a sentence before a verb (`Lund mocked him`)."""
    lower = word.lower
    if lower in SENTENCE_WORDS or lower in TITLE_WORDS or lower in ORG_WORDS or lower in PARTICLES:
        return False
    if word.text.isupper() or lower in KNOWN_FORENAMES or len(lower) < 3:
        return False
    titled = len(run) >= 2 and run[-2].lower.rstrip(".") in _PERSONAL_TITLES
    if titled and run[-1] is word:
        return True
    if len(run) != 1 or not opens_sentence(text, word.start):
        return False
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return False  # `Colleagues said`: a plural, not a surname
    after = text[word.start + len(word.text) :].split(None, 2)[:2]
    if after[:1] and after[0] in _AUXILIARIES:
        after = after[1:]  # `Hale was asked`
    verb = after[0] if after else ""
    return len(verb) > 4 and verb.isalpha() and verb.islower() and verb.endswith("ed")


_AGENT_ENDINGS = ("tor", "ter", "ser", "ner", "rer", "ist", "ian", "ant", "ent", "eer", "man")
"""Endings of occupation nouns (`Auditor`, `Treasurer`, `Coroner`, `Librarian`)."""

_PERSONAL_TITLES = word_set(
    "mr mrs ms miss dr judge justice sen senator rep gov governor mayor gen col lt sgt capt "
    "maj adm prof professor rev detective det insp inspector officer councillor cllr sheriff"
)
_AUXILIARIES = word_set("was is has had")


def _modifies_name(text: str, end: int) -> bool:
    """Whether the word ending at `end` is followed by titles and a name (`X head coach Y`)."""
    words = text[end : end + 60].split()
    for titles, word in enumerate(words[:4]):
        if word[:1].isupper():
            return titles > 0
        if word.lower() not in TITLE_WORDS:
            return False
    return False


def _add_run(book: NameBook, paragraph: int, run: list[Token], text: str, byline: bool) -> None:
    """Record the people named in a capitalised run."""
    words = [t for t in run if t.is_word]
    if len(words) >= 2 and _opening_verb(words[0], text):
        words = words[1:]  # `Hosting Cook at Dreamforce`: a verb opens the sentence
    for part in split_at_joiners(words):
        _add_person(book, paragraph, part, text, byline)


def _opening_verb(token: Token, text: str) -> bool:
    """Whether a capitalised word opening a sentence is a verb form, not a forename."""
    lower = token.lower
    verb = len(lower) > 5 and lower.endswith(("ing", "ed")) and not is_given_name(lower)
    return verb and opens_sentence(text, token.start)


def _add_person(book: NameBook, paragraph: int, run: list[Token], text: str, byline: bool) -> None:
    """Record the person's name at the end of a run without joiners, if it is one."""
    words = person_name(run)
    full = [w for w in words if not _is_initial(w) and w.lower() not in NAME_SUFFIXES]
    if len(full) < 2 or is_organisation(words):
        return
    previous = text[max(0, run[0].start - 20) : run[0].start].split()[-1:]
    if previous and previous[0].lower() in _NOT_PEOPLE:
        return
    start = next(t.start for t in run if t.text == words[0])
    subject = opens_sentence(text, run[0].start)
    longer = _long_name(run, words, text)
    if longer is not None:
        book.alias(" ".join(words), " ".join(longer))
        words = longer
        start = next(t.start for t in run if t.text == words[0])
    end = next(t.start + len(t.text) for t in reversed(run) if t.text == words[-1])
    subject = subject or speaks_next(text, start, end) or _WHO_SAID_RE.match(text, end) is not None
    book.add(" ".join(words), (paragraph, start), byline=byline, subject=subject)


_AGE_OR_SAID_RE = re.compile(r",\s*\d{1,3},|\s+(?:said|says)\b")
_LONG_NAME_AFTER = (["said"], ["says"], ["was"], ["is"], ["named"])


def _is_title(token: Token) -> bool:
    """Whether a word is a title or office (`Minister`, `Vice-President`)."""
    parts = [part.rstrip(".") for part in token.lower.split("-")]
    return any(part in TITLE_WORDS or part in PREFIX_TITLES for part in parts)


def _long_name(run: list[Token], words: list[str], text: str) -> list[str] | None:
    """A name longer than two words that the whole tail of a run spells out: Spanish double
    surnames (`José Antonio Márquez Villalobos`), three-part names (`Tran Thi Hoa`).

    The tail counts when it starts after a title (`Minister Jorge …`), after a comma or `said`
    (`, Tran Thi Hoa,`), or with a known forename, so `Councilmember Darnell Hughes` stays short.
    """
    if len(run) <= len(words) or len(run) > 8:
        return None
    first = 0
    for index, token in enumerate(run):
        if _is_title(token):
            first = index + 1
    for index, token in enumerate(run[first:], first):
        tail = run[index:]
        if len(tail) <= len(words):
            return None
        lower = token.lower.rstrip(".")
        if lower in TITLE_WORDS or lower in TITLE_ABBREVIATIONS or lower in SENTENCE_WORDS:
            continue
        if any(t.lower in ORG_WORDS or _is_title(t) for t in tail):
            return None
        if index > 0:
            after_title = _is_title(run[index - 1])
        else:
            before = text[max(0, token.start - 8) : token.start].rstrip()
            after_title = before.endswith(",") or before.split()[-1:] in _LONG_NAME_AFTER
            end = run[-1].start + len(run[-1].text)
            # `Le Thi Mai, 52, said`: an age or a speech verb right after marks a whole name.
            after_title = after_title or _AGE_OR_SAID_RE.match(text, end) is not None
        full = [t for t in tail if t.lower not in PARTICLES]
        occupation = lower.endswith(_AGENT_ENDINGS) and not is_given_name(lower)
        if occupation and any(is_given_name(t.lower) for t in tail[1:-1]):
            continue  # `County Auditor Gene Pflug`: an occupation, then the name
        if not (after_title or is_given_name(lower)) or len(full) > 4 or not token.is_capitalised:
            return None
        if tail[-1].lower in PARTICLES:
            return None
        return [t.text for t in tail]
    return None


_SPEAKS_NEXT_RE = re.compile(
    r",\s+(?:said|says|told|tells|added|adds|argued|argues|warned|warns|insisted|insists)\b"
)
"""What follows a name set off by commas as the subject of a speech verb: `, said`."""


_WHO_SAID_RE = re.compile(
    r",\s+who\s+(?:said|says|told|tells|added|adds|wrote|writes|explained|recalled)\b"
)
"""`her son, Torvald Marrowby, who said …`: the named person is the subject of a speech verb."""


def speaks_next(text: str, start: int, end: int) -> bool:
    """Whether the name from `start` to `end` is set off after a role that opens the sentence
    and is the subject of the speech verb after it, so a later he/she in the paragraph means
    them (`The prosecutor, Tariq Mahfouz, said Deverill had lied. “…,” he said.`, `A
    spokesperson for the company, Lydia Oakhurst, said …`)."""
    before = text[max(0, start - 60) : start]
    if not before.endswith(", "):
        return False
    opening = before[:-2].rsplit(". ", 1)[-1]
    words = opening.split()
    return (
        1 < len(words) <= 6
        and words[0] in ("The", "Its", "His", "Her", "Their", "A", "An")
        and opens_sentence(text, start - len(before) + before.rfind(words[0]))
        and _SPEAKS_NEXT_RE.match(text, end) is not None
    )
