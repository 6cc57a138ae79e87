"""Names of people and organisations: tokens, canonical forms and the alias table.

A person is named in full once ("Secretary of Defense Mark Esper") and by surname afterwards
("stated Esper"). `NameBook` records every full name in reading order (post bylines included) so
that a surname maps back to the full name used earlier in the article.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from newsreader.extract.lexicon import (
    FEMALE_NAMES,
    KNOWN_FORENAMES,
    MALE_NAMES,
    NAME_SUFFIXES,
    ORG_WORDS,
    PARTICLES,
    PERSON_NOUNS,
    SENTENCE_WORDS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
    word_set,
)

# Words, with initials and abbreviations keeping their period (`Gen.`, `U.S.`, `B.`).
TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_](?:[\w’'-]*[^\W_])?\.?|[^\w\s]")


def gender_of(name: str) -> str | None:
    """`f`, `m` or None (unknown) from a full name's forename."""
    first = _plain(forename(name).lower())
    if first in FEMALE_NAMES:
        return "f"
    if first in MALE_NAMES:
        return "m"
    return None


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


def person_name(run: list[Token]) -> list[str]:
    """The person's own name at the end of a capitalised run, titles and offices stripped.

    Keeps at most two full name words plus initials, particles and suffixes, so
    `Secretary of Defense Dr. Mark T. Esper` gives `Mark T. Esper`.
    """
    words: list[str] = []
    full = 0
    for token in reversed(run):
        lower = token.lower
        if lower in NAME_SUFFIXES and not words:
            words.append(token.text)
            continue
        bare = lower.rstrip(".")
        if bare in TITLE_WORDS or bare in TITLE_ABBREVIATIONS or lower in SENTENCE_WORDS:
            break
        if lower in PARTICLES and words:
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
    while words and words[-1].lower() in PARTICLES:
        words.pop()
    return list(reversed(words))


def _double_forename(first: str, second: str) -> bool:
    """Whether two words are both forenames (`Mary Ellen Cho`), so a name has three words."""
    return first.lower() in KNOWN_FORENAMES and second.lower() in KNOWN_FORENAMES


def _is_initial(word: str) -> bool:
    """Whether a word is an initial such as `B.`."""
    return len(word) == 2 and word[1] == "." and word[0].isupper()


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


def render(words: list[str]) -> str:
    """Words joined by spaces, a possessive apostrophe kept on its word (`Workers’ Union`)."""
    text = ""
    for word in words:
        text += word if word in ("’", "'") or not text else " " + word
    return text


def surname(name: str) -> str:
    """The family name of a full name (suffixes such as `III` skipped)."""
    words = [w for w in name.split() if w.lower() not in NAME_SUFFIXES]
    return words[-1] if words else name


def forename(name: str) -> str:
    """The first word of a full name."""
    return name.split()[0] if name else ""


@dataclass(order=True, frozen=True, slots=True)
class Mention:
    """A personal name seen at a position in the article."""

    position: tuple[int, int]
    """(paragraph, offset) where it was seen."""
    name: str = field(compare=False)
    """The full name (for a surname-only mention, the full name it stands for)."""
    subject: bool = field(default=False, compare=False)
    """It opens its sentence, where the sentence's subject usually sits."""


@dataclass(slots=True)
class NameBook:
    """Every personal name in an article, for surnames and pronouns.

    Full names from the body come first when a surname is looked up; names from post bylines
    only fill in when the body never names the person in full.
    """

    _by_surname: dict[str, list[Mention]] = field(default_factory=dict)
    _aliases: dict[str, str] = field(default_factory=dict)
    """Nicknames given inside a full name (`Kofi “Tank” Boateng`), lower-cased."""
    _by_forename: dict[str, set[str]] = field(default_factory=dict)
    """Full names by forename, for `Emeka said` when two Okafors share the article."""
    _bylines: dict[str, list[Mention]] = field(default_factory=dict)
    _referents: list[Mention] = field(default_factory=list)
    _positions: list[tuple[int, int]] = field(default_factory=list)
    _texts: dict[int, str] = field(default_factory=dict)
    _genders: dict[str, str | None] = field(default_factory=dict)

    def add(
        self,
        name: str,
        position: tuple[int, int],
        *,
        byline: bool = False,
        subject: bool = False,
    ) -> None:
        """Record a full name (two or more words) seen at a position."""
        table = self._bylines if byline else self._by_surname
        table.setdefault(surname(name).lower(), []).append(Mention(position, name))
        if not byline:
            self._by_forename.setdefault(forename(name).lower(), set()).add(name)
            self._refer(Mention(position, name, subject))

    def add_surname(self, word: str, position: tuple[int, int], *, subject: bool = False) -> None:
        """Record a surname-only mention (`Marsh said …`) of someone named in full."""
        if self.knows_surname(word):
            self._refer(Mention(position, self.canonical(word, position), subject))

    def named_in(self, position: tuple[int, int], after: tuple[int, int]) -> list[Mention]:
        """People named in `position`'s paragraph before it and after `after`, latest first."""
        index = bisect.bisect_left(self._positions, position)
        found: list[Mention] = []
        while index > 0 and len(found) < 8:
            index -= 1
            mention = self._referents[index]
            if mention.position[0] != position[0] or mention.position <= after:
                break
            found.append(mention)
        return found

    def ending_with(self, words: list[str]) -> str | None:
        """The one full name that ends with these words (`El Amrani`, `Ben Slimane`)."""
        tail = " " + " ".join(words).lower()
        found = {
            m.name
            for m in self._by_surname.get(words[-1].lower(), ())
            if m.name.lower().endswith(tail)
        }
        return found.pop() if len(found) == 1 else None

    def knows_surname(self, word: str) -> bool:
        """Whether some full name in the article ends with this word (or, for one person
        only, starts with it: `Emeka` for `Emeka Okafor`)."""
        lower = word.lower()
        if lower in self._by_surname or lower in self._bylines or lower in self._aliases:
            return True
        return self._forename(lower) is not None

    def gender(self, name: str) -> str | None:
        """`f`, `m` or None: from the forename lists, else from the article itself (`Mr. Vance`,
        `Marit Solheim … her spreadsheets`). Cached per name; only asked for unknown forenames."""
        found = gender_of(name)
        if found is not None or " " not in name:
            return found
        if name in self._genders:
            return self._genders[name]
        self._genders[name] = found = self._gender_in_text(name)
        return found

    def _gender_in_text(self, name: str) -> str | None:
        family = surname(name)
        honorific = re.compile(r"\b(Mrs|Ms|Miss|Mr)\.?\s+" + re.escape(family) + r"\b")
        votes = {"m": 0, "f": 0}
        for text in self._texts.values():
            for match in honorific.finditer(text):
                votes["m" if match.group(1) == "Mr" else "f"] += 1
        if votes["m"] != votes["f"]:
            return "m" if votes["m"] > votes["f"] else "f"
        mentions = [m for m in self._by_surname.get(family.lower(), []) if m.name == name]
        for mention in mentions:
            paragraph, start = mention.position
            before = self._texts.get(paragraph, "")[max(0, start - 24) : start]
            noun = _GENDERED_NOUN_RE.search(before)
            if noun is not None:  # `her son, Tom Vale`, `the chairwoman, Ann Lee`
                return "m" if noun.group(1).lower() in _MALE_NOUNS else "f"
        for mention in mentions:
            paragraph, start = mention.position
            window = self._texts.get(paragraph, "")[start : start + _GENDER_WINDOW]
            window = window.split(". ", 1)[0]
            for pronoun in _GENDER_PRONOUN_RE.finditer(window):
                if window[: pronoun.start()].split()[-1:] in _OBJECT_AFTER:
                    continue  # `has been with her`: someone else, not the person named
                return "f" if pronoun.group().lower() in ("she", "her", "hers", "herself") else "m"
        return None

    def unnamed_subject(self, position: tuple[int, int]) -> bool:
        """Whether the paragraph, before `position`, brings in an unnamed person (`A woman who
        runs the shop said …`, `One passenger, who …`) and names nobody after them."""
        text = self._texts.get(position[0], "")[max(0, position[1] - 600) : position[1]]
        last = None
        for match in _UNNAMED_RE.finditer(text):
            before = text[: match.start() + 1].rstrip(", ").rsplit(" ", 1)[-1]
            if match.group().startswith(",") and before[:1].isupper():
                continue  # `Isla Brook, a volunteer who …`: describes the named person
            last = match
        if last is None:
            return False
        start = (position[0], max(0, position[1] - 600) + last.start())
        return not self.named_in(position, start)

    def role_subject(self, position: tuple[int, int]) -> str | None:
        """`Later, the judge wrote …`: the person a definite role opening a clause in this
        paragraph stands for, when nobody is named after it."""
        base = max(0, position[1] - 600)
        text = self._texts.get(position[0], "")[base : position[1]]
        last = None
        for match in _ROLE_SUBJECT_RE.finditer(text):
            last = match
        if last is None or self.named_in(position, (position[0], base + last.start())):
            return None
        return self.named_by_role(last.group(1).lower(), position)

    def after_preposition(self, mention: Mention) -> bool:
        """Whether a mention follows a preposition (`asked about Reyes`): an object, not the
        subject of its clause."""
        paragraph, start = mention.position
        before = self._texts.get(paragraph, "")[max(0, start - 16) : start].split()[-1:]
        return bool(before) and before[0].lower() in _PREPOSITIONS

    def full_form(self, name: str) -> str:
        """The longest form of a name recorded for it (`Ruiz Calderón` → `María … Calderón`)."""
        return self._aliases.get(name.lower(), name)

    def nickname(self, word: str) -> str | None:
        """The full name a nickname stands for, if it is one."""
        return self._aliases.get(word.lower())

    def alias(self, nickname: str, name: str) -> None:
        """Record a nickname that stands for a full name."""
        if " " in name and nickname.lower() not in self._by_surname:
            self._aliases[nickname.lower()] = name

    def _forename(self, lower: str) -> str | None:
        """The one full name in the body that starts with this forename, if exactly one does."""
        names = self._by_forename.get(lower)
        if not names or len(names) != 1 or lower in self._by_surname:
            return None
        # Reporters use a forename alone for relatives sharing a surname, for names given
        # before a patronymic (`Ahmad Faizal bin Ismail`) and in features (`Emeka said`).
        return next(iter(names))

    def _refer(self, mention: Mention) -> None:
        index = bisect.bisect(self._positions, mention.position)
        self._positions.insert(index, mention.position)
        self._referents.insert(index, mention)

    def canonical(self, name: str, position: tuple[int, int]) -> str:
        """The full form of a person's name: `Esper` becomes `Mark Esper` if named earlier.

        Args:
            name: A surname or a full name.
            position: Where the name is used; earlier full names win over later ones.

        Returns:
            The earliest compatible full name, or the name unchanged.
        """
        if name.lower() in self._aliases:
            return self._aliases[name.lower()]
        key = surname(name).lower()
        for table in (self._by_surname, self._bylines):
            found = self._lookup(table.get(key, []), name, position)
            if found is not None:
                return found
        if " " not in name:
            return self._forename(name.lower()) or name
        return name

    @staticmethod
    def _lookup(mentions: list[Mention], name: str, position: tuple[int, int]) -> str | None:
        candidates = sorted(mentions)
        if " " in name:
            candidates = [m for m in candidates if _same_forename(m.name, name)]
        if not candidates:
            return None
        earlier = [m for m in candidates if m.position <= position]
        if not earlier:
            return candidates[0].name
        forenames = {forename(m.name).lower() for m in earlier}
        return earlier[0].name if len(forenames) == 1 else earlier[-1].name

    def note_text(self, paragraph: int, text: str) -> None:
        """Keep a paragraph's text (quotes blanked) for `introduced`."""
        self._texts[paragraph] = text

    def introduced(self, noun: str, position: tuple[int, int]) -> bool:
        """Whether `a …noun` appears earlier in the paragraph (an unnamed person brought in)."""
        text = self._texts.get(position[0], "")
        end = min(position[1], len(text))
        text = text[max(0, end - 600) : end].lower()
        found = re.search(r"\b(?:a|an|one|another)\s+(?:[\w-]+\s+){0,3}" + re.escape(noun), text)
        return found is not None

    def organisation_before(self, noun: str, position: tuple[int, int]) -> str | None:
        """The organisation a `the agency` means: the last one named earlier in the paragraph.

        Only an acronym (`NOAA`) or a name of the same kind (`National Weather Service` for
        `the agency`) counts, so `the company` never becomes a regulator named beside it.
        """
        kinds = _ORG_KINDS.get(noun)
        if kinds is None:
            return None
        text = self._texts.get(position[0], "")[max(0, position[1] - 400) : position[1]]
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

    def organisation_subject(self, position: tuple[int, int]) -> str | None:
        """`Acme Foods said the site had lost money. “…,” it said.`: the last organisation in
        this paragraph, before `position`, that is the subject of a speech verb."""
        text = self._texts.get(position[0], "")[max(0, position[1] - 600) : position[1]]
        found = None
        for match in _ORG_SUBJECT_RE.finditer(text):
            words = match.group(1).split()
            if words and words[0].lower() in SENTENCE_WORDS:
                words = words[1:]
            if words and (heads_organisation(words) or is_organisation(words[-1:])):
                found = render(words)
        return found

    def voice_for(self, position: tuple[int, int]) -> str | None:
        """`A spokesperson for the board said … “…,” the spokesperson said.`: the organisation
        (`the board`, `Acme`) a spokesperson was introduced for, earlier in this paragraph."""
        found = self.voice_in(position)
        return found[0] if found is not None and not found[1] else None

    def voice_in(self, position: tuple[int, int]) -> tuple[str, bool] | None:
        """The last spokesperson introduced in a paragraph before `position`: the person
        named as one (`a spokesperson for the council, Ann Lee, said` gives `Ann Lee`, True)
        or else the organisation one speaks for (`the board`, False)."""
        text = self._texts.get(position[0], "")
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
                name = self.canonical(match.group(1), (position[0], start))
                found = (match.start(), name, True)
        return (found[1], found[2]) if found else None

    def organisation_named(self, noun: str, position: tuple[int, int]) -> str | None:
        """The organisation a bare `the district` or `the force` means, named in full earlier.

        Looks back up to `_ORG_REACH` paragraphs for the nearest `the <noun>, Name Name` (an
        appositive naming it) or a capitalised name holding the noun or a word of its kind
        (`Riverside Water District`, `Police Foo` for `the force`).
        """
        heads = _ORG_HEADS.get(noun, frozenset()) | {noun}
        here = position[0]
        for paragraph in range(here, max(-1, here - _ORG_REACH), -1):
            text = self._texts.get(paragraph, "")
            text = text[: position[1]] if paragraph == here else text
            text = text[-_ORG_TEXT:]
            found = _org_in_text(text, noun, heads)
            if found is not None:
                return found
        return None

    def named_by_role(self, noun: str, position: tuple[int, int]) -> str | None:
        """`“…,” the coach said. … Coach Dana Holt has won`: the name the role is given,
        in this paragraph or the next."""
        pattern = re.compile(
            r"\b(?i:" + re.escape(noun) + r"),?\s+(?:(?:Mr|Ms|Mrs|Miss|Dr)\.?\s+)?"
            r"(" + _UPPER + r"[\w’'-]+(?:\s+(?:" + _UPPER + r"[\w’'-]+|de|van|der|bin|von))*)"
        )
        here = position[0]
        for paragraph in (here, here + 1, *range(here - 1, max(-1, here - _ROLE_REACH), -1)):
            text = self._texts.get(paragraph, "")[:2000]
            for match in pattern.finditer(text):
                words = match.group(1).split()
                if len(words) >= 2 and words[-1][:1].isupper():
                    return self.canonical(" ".join(words), (paragraph, match.start(1)))
        return None

    def recent_before(self, position: tuple[int, int], limit: int) -> list[Mention]:
        """Up to `limit` people named before a position, latest first."""
        index = bisect.bisect_left(self._positions, position)
        return self._referents[max(0, index - limit) : index][::-1]

    def last_before(self, position: tuple[int, int]) -> Mention | None:
        """The last person named (in full or by surname) before a position."""
        index = bisect.bisect_left(self._positions, position)
        return self._referents[index - 1] if index else None


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
            + _UPPER
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
        word = match.group().rstrip(".")
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
        if words and gender_of(" ".join(words)) is None:
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


_GENDER_WINDOW = 160
"""How far after a full name its sentence may give a `his`/`her` that tells the gender."""
_GENDER_PRONOUN_RE = re.compile(
    r"\b(?:[Hh]e|[Hh]is|[Hh]im|[Hh]imself|[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b"
)

_ROLE_REACH = 8
"""How many paragraphs back `the commissioner said` may find `Commissioner Annika Lindqvist`."""

_PATRONYMIC = frozenset(("bin", "binti", "bint", "ibn", "ben"))


def _same_forename(first: str, second: str) -> bool:
    """Whether two full names could be the same person (same first word or initial)."""
    a, b = forename(first).rstrip(".").lower(), forename(second).rstrip(".").lower()
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


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
_UPPER = _uppercase_class()
_CAPITALISED_RE = re.compile(
    r"(?<![\w’'-])(?:(?:" + _UPPER + r"\.){2,}|" + _UPPER + r"(?:[\w’'-]*[^\W_])?\.?)"
)
_RUN_GAP_RE = re.compile(
    r"\s+(?:(?:of|the|de|da|del|der|den|van|von|la|le|bin|binti|al|ter|dos|du)\s+){0,2}"
)
_NICKNAME_GAP_RE = re.compile(r"\s+[“‘\"'] {1,20}[”’\"']\s+")
"""A quoted nickname between forename and surname, its words blanked: `Kofi “    ” Boateng`."""

_MALE_NOUNS = word_set(
    "son brother father husband widower nephew uncle grandson grandfather boyfriend "
    "chairman spokesman businessman sportsman actor king prince"
)
_FEMALE_NOUNS = word_set(
    "daughter sister mother wife widow niece aunt granddaughter grandmother girlfriend "
    "chairwoman spokeswoman businesswoman sportswoman actress queen princess"
)
_GENDERED_NOUN_RE = re.compile(
    r"\b(" + "|".join(sorted(_MALE_NOUNS | _FEMALE_NOUNS)) + r"),?\s+(?:(?:Dr|Prof)\.?\s+)?$",
    re.IGNORECASE,
)
"""A gendered noun just before a name (`her son, Tom Vale`), which tells the name's gender."""
_PREPOSITIONS = word_set(
    "about to with for of on at by from against over than beside behind like toward towards"
)
_OBJECT_AFTER = [[w] for w in ("with", "to", "for", "from", "by", "beside", "behind", "than")]
"""Words before a `her`/`him` that make it someone other than the person just named."""
_UNNAMED_NOUNS = PERSON_NOUNS | word_set(
    """
    captain curator executive spectator traveller traveler shopper pilot commuter motorist
    employee mourner onlooker protester volunteer bystander vendor shopkeeper tourist visitor
    pensioner holder official nurse worker staffer engineer guard soldier officer agent
    """
)
_UNNAMED_RE = re.compile(
    r"(?:^|[.!?]\s+|,\s+)(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\w’'-]+\s+){0,3}?(?:"
    + "|".join(sorted(_UNNAMED_NOUNS))
    + r")\b(?!\s*,\s*"
    + _UPPER
    + r")"
)
"""An unnamed person opening a clause (`A woman who …`, `, one passenger, who …`), unless a
name follows as an appositive (`A regional agronomist, Dr. …`)."""
_SPEECH_VERBS = r"(?:said|says|told|announced|confirmed|added|stated|warned|insisted|wrote)"
_ORG_SUBJECT_RE = re.compile(
    r"(?<![\w’'-])((?:"
    + _UPPER
    + r"[\w’'&.-]*\s+(?:(?:of|and|for|&)\s+)?){0,6}"
    + _UPPER
    + r"[\w’'&.-]*)\s+"
    + _SPEECH_VERBS
    + r"\b"
)
_VOICES_RE = r"(?:spokesperson|spokesman|spokeswoman|representative)"
_VOICE_FOR_RE = re.compile(
    r"\b"
    + _VOICES_RE
    + r"\s+(?:for|from)\s+((?:the\s+)?[a-z]+(?:\s+[a-z]+)?|(?:the\s+)?"
    + _UPPER
    + r"[\w’'-]*(?:\s+"
    + _UPPER
    + r"[\w’'-]*)*)(?=\s+"
    + _SPEECH_VERBS
    + r"\b)"
)
_VOICE_NAMED_RE = re.compile(
    r"\b"
    + _VOICES_RE
    + r"\s+(?:for|from|of|at)\s+[^,.;:“”\"]{1,60}?,\s+("
    + _UPPER
    + r"[\w’'-]+(?:\s+"
    + _UPPER
    + r"[\w’'-]+)+),"
)
"""`a spokesperson for the council, Ann Lee, said`: the person who is the spokesperson."""
_VOICE_OF_RE = re.compile(
    r"(?<![\w’'-])(" + _UPPER + r"[\w’'-]*(?:\s+" + _UPPER + r"[\w’'-]*)*)\s+" + _VOICES_RE + r"\b"
)
_ROLE_SUBJECT_RE = re.compile(
    r"(?:^|[.!?]\s+|,\s+)[Tt]he\s+(judge|mayor|minister|senator|governor|chairman|"
    r"chairwoman|president|director|coach|commissioner|prosecutor|secretary|sheriff)\b(?!\s*,)"
)
"""A definite role opening a clause (`, the judge acknowledged`)."""


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
        if len(words) == 1 and book.knows_surname(words[0].text):
            if _modifies_name(text, words[0].start + len(words[0].text)):
                continue  # `Wasps head coach Nicola Brandreth`: a team, not a person
            after = text[words[0].start + len(words[0].text) :][:2]
            subject = opens_sentence(text, run[0].start) and after not in ("’s", "'s")
            book.add_surname(words[0].text, (paragraph, words[0].start), subject=subject)


def _modifies_name(text: str, end: int) -> bool:
    """Whether the word ending at `end` is followed by titles and a name (`X head coach Y`)."""
    words = text[end : end + 60].split()
    for titles, word in enumerate(words[:4]):
        if word[:1].isupper():
            return titles > 0
        if word.lower() not in TITLE_WORDS:
            return False
    return False


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


def _add_run(book: NameBook, paragraph: int, run: list[Token], text: str, byline: bool) -> None:
    """Record the people named in a capitalised run."""
    for part in split_at_joiners([t for t in run if t.is_word]):
        _add_person(book, paragraph, part, text, byline)


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
    subject = subject or speaks_next(text, start, end)
    book.add(" ".join(words), (paragraph, start), byline=byline, subject=subject)


_LONG_NAME_AFTER = (["said"], ["says"], ["was"], ["is"], ["named"])


def _is_title(token: Token) -> bool:
    """Whether a word is a title or office (`Minister`, `Vice-President`)."""
    return any(part.rstrip(".") in TITLE_WORDS for part in token.lower.split("-"))


def _plain(word: str) -> str:
    """A word without accents (`maría` → `maria`), for the forename lists."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _long_name(run: list[Token], words: list[str], text: str) -> list[str] | None:
    """A name longer than two words that the whole tail of a run spells out: Spanish double
    surnames (`José Antonio Márquez Villalobos`), three-part names (`Tran Thi Hoa`).

    The tail counts when it starts after a title (`Minister Jorge …`), after a comma or `said`
    (`, Tran Thi Hoa,`), or with a known forename, so `Councilmember Darnell Hughes` stays short.
    """
    if len(run) <= len(words) or len(run) > 8:
        return None
    known = KNOWN_FORENAMES
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
            after_title = run[index - 1].lower.rstrip(".") in TITLE_WORDS
        else:
            before = text[max(0, token.start - 8) : token.start].rstrip()
            after_title = before.endswith(",") or before.split()[-1:] in _LONG_NAME_AFTER
        full = [t for t in tail if t.lower not in PARTICLES]
        if not (after_title or _plain(lower) in known) or len(full) > 4 or not token.is_capitalised:
            return None
        if tail[-1].lower in PARTICLES:
            return None
        return [t.text for t in tail]
    return None


_SPEAKS_NEXT_RE = re.compile(
    r",\s+(?:said|says|told|tells|added|adds|argued|argues|warned|warns|insisted|insists)\b"
)
"""What follows a name set off by commas as the subject of a speech verb: `, said`."""


def speaks_next(text: str, start: int, end: int) -> bool:
    """Whether the name from `start` to `end` is set off after a role that opens the sentence
    and is the subject of the speech verb after it, so a later he/she in the paragraph means
    them (`The prosecutor, Tariq Mahfouz, said Deverill had lied. “…,” he said.`)."""
    before = text[max(0, start - 40) : start]
    if not before.endswith(", "):
        return False
    opening = before[:-2].rsplit(". ", 1)[-1]
    words = opening.split()
    return (
        1 < len(words) <= 4
        and words[0] in ("The", "Its", "His", "Her", "Their")
        and opens_sentence(text, start - len(before) + before.rfind(words[0]))
        and _SPEAKS_NEXT_RE.match(text, end) is not None
    )


def opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` begins its sentence (only spaces or a full stop before)."""
    before = text[max(0, start - 3) : start].rstrip()
    return not before or before[-1] in ".!?"
