"""Where each person is named: the article's name book, for surnames, roles and pronouns.

A person is named in full once ("Secretary of Defense Mark Esper") and by surname afterwards
("stated Esper"). `NameBook` records every full name in reading order (post bylines included) so
that a surname maps back to the full name used earlier in the article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from newsreader.extract.gender import gender_in_text, gender_of, honorific_gender
from newsreader.extract.lexicon import (
    PERSON_NOUNS,
    word_set,
)
from newsreader.extract.person_names import forename, same_forename, surname
from newsreader.extract.tokens import UPPER


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
    _surname_index: dict[str, dict[str, list[tuple[int, int]]]] = field(default_factory=dict)
    """Where each full name was seen, by surname then name (positions sorted): `canonical`
    reads it instead of every mention, which keeps a long article's look-ups cheap."""
    _byline_index: dict[str, dict[str, list[tuple[int, int]]]] = field(default_factory=dict)
    memo: dict[tuple[str, ...], object] = field(default_factory=dict)
    """Answers that read the whole article (organisation lookups), kept per question."""

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
        index = self._byline_index if byline else self._surname_index
        places = index.setdefault(surname(name).lower(), {}).setdefault(name, [])
        bisect.insort(places, position)
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
        names = self._surname_index.get(words[-1].lower(), {})
        found = {name for name in names if name.lower().endswith(tail)}
        return found.pop() if len(found) == 1 else None

    def is_surname(self, word: str) -> bool:
        """Whether some person's full name in the article ends with this word."""
        return word.lower() in self._by_surname

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
        if name in self._genders:
            return self._genders[name]
        single = " " not in name
        found = (
            honorific_gender(self, surname(name)) if not single or self.is_surname(name) else None
        )
        if found is None and not single:
            found = gender_of(name)  # `Rose said`: a surname, not a forename
        if found is None and (not single or self.is_surname(name)):
            found = gender_in_text(self, name, surname(name))
        self._genders[name] = found
        return found

    def unnamed_subject(self, position: tuple[int, int]) -> bool:
        """Whether the paragraph, before `position`, brings in an unnamed person (`A woman who
        runs the shop said …`, `One passenger, who …`) and names nobody after them.

        A paragraph that opens with the quote continues with the paragraph before (`One of
        them, a retired engineer, said he … / “…,” he said.`)."""
        if not self._texts.get(position[0], "")[: position[1]].strip() and position[0] > 0:
            position = (position[0] - 1, 1 << 30)
        return self._unnamed_in(position)

    def _unnamed_in(self, position: tuple[int, int]) -> bool:
        whole = self._texts.get(position[0], "")
        position = (position[0], min(position[1], len(whole)))
        text = whole[max(0, position[1] - 600) : position[1]]
        last = None
        for pattern in (_UNNAMED_RE, _UNNAMED_ONE_RE, _RELATIVE_RE):
            for match in pattern.finditer(text):
                if last is None or match.start() > last.start():
                    last = _unnamed_match(text, match) or last
        if last is None:
            return False
        start = (position[0], max(0, position[1] - 600) + last.start())
        # A name after a preposition is a place or an object (`who lives on Ashby Lane`).
        return all(self.after_preposition(m) for m in self.named_in(position, start))

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
        for index in (self._surname_index, self._byline_index):
            found = _lookup(index.get(key, {}), name, position)
            if found is not None:
                return found
        if " " not in name:
            return self._forename(name.lower()) or name
        return name

    def text(self, paragraph: int) -> str:
        """A paragraph's text as noted (quotes blanked), or empty."""
        return self._texts.get(paragraph, "")

    def texts(self) -> list[str]:
        """Every noted paragraph's text."""
        return list(self._texts.values())

    def mentions_of(self, name: str) -> list[Mention]:
        """Where a full name was recorded, in the order it was seen."""
        return [m for m in self._by_surname.get(surname(name).lower(), []) if m.name == name]

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

    def named_by_role(self, noun: str, position: tuple[int, int]) -> str | None:
        """`“…,” the coach said. … Coach Dana Holt has won`: the name the role is given,
        in this paragraph or the next."""
        forms = "|".join(re.escape(form) for form in _ROLE_FORMS.get(noun, (noun,)))
        pattern = re.compile(
            r"(?<![\w.])(?i:" + forms + r"),?\s+(?:(?:Mr|Ms|Mrs|Miss|Dr)\.?\s+)?"
            r"(" + UPPER + r"[\w’'-]+(?:\s+(?:" + UPPER + r"[\w’'-]+|de|van|der|bin|von))*)"
        )
        # `Ruth Lee, the team's lawyer,` and `Deborah Lyle (Mayor, in the chair)`: the role after.
        after = re.compile(
            r"(" + UPPER + r"[\w’'-]+(?:\s+(?:" + UPPER + r"[\w’'-]+|de|van|der|bin|von))+)"
            r"(?:,\s+(?:the|a|an|its|their|his|her)\s+(?:[\w’'-]+\s+){0,3}?|\s+\((?:the\s+)?)"
            r"(?i:" + forms + r")\b"
        )
        here = position[0]
        for paragraph in (here, here + 1, *range(here - 1, max(-1, here - _ROLE_REACH), -1)):
            text = self._texts.get(paragraph, "")[:2000]
            for found in (pattern, after):
                for match in found.finditer(text):
                    words = match.group(1).split()
                    if len(words) >= 2 and words[-1][:1].isupper():
                        return self.canonical(" ".join(words), (paragraph, match.start(1)))
        return None

    def recent_before(self, position: tuple[int, int], limit: int) -> list[Mention]:
        """Up to `limit` people named before a position, latest first."""
        index = bisect.bisect_left(self._positions, position)
        return self._referents[max(0, index - limit) : index][::-1]

    def first_between(self, start: tuple[int, int], end: tuple[int, int]) -> Mention | None:
        """The first person named from `start` up to (not including) `end`."""
        index = bisect.bisect_left(self._positions, start)
        if index < len(self._positions) and self._positions[index] < end:
            return self._referents[index]
        return None

    def last_before(self, position: tuple[int, int]) -> Mention | None:
        """The last person named (in full or by surname) before a position."""
        index = bisect.bisect_left(self._positions, position)
        return self._referents[index - 1] if index else None


_LEGISLATORS = (
    "rep.",
    "representative",
    "sen.",
    "senator",
    "congressman",
    "congresswoman",
    "assemblyman",
    "assemblywoman",
    "del.",
    "delegate",
    "state sen.",
    "state rep.",
)
_ROLE_FORMS = {
    "congressman": ("congressman", "rep.", "representative"),
    "congresswoman": ("congresswoman", "rep.", "representative"),
    "representative": ("representative", "rep."),
    "senator": ("senator", "sen."),
    "governor": ("governor", "gov."),
    "lawmaker": _LEGISLATORS,
    "legislator": _LEGISLATORS,
    "republican": _LEGISLATORS,
    "democrat": _LEGISLATORS,
    "general": ("general", "gen.", "brig. gen.", "maj. gen.", "lt. gen."),
    "colonel": ("colonel", "col.", "lt. col."),
    "professor": ("professor", "prof."),
    "doctor": ("doctor", "dr."),
    "detective": ("detective", "det."),
    "sergeant": ("sergeant", "sgt."),
    "captain": ("captain", "capt."),
    "lieutenant": ("lieutenant", "lt."),
    "superintendent": ("superintendent", "supt."),
    "inspector": ("inspector", "insp."),
    "councillor": ("councillor", "cllr"),
}
"""A role noun and the titles written before the name of someone who holds it."""


def _lookup(
    places: dict[str, list[tuple[int, int]]], name: str, position: tuple[int, int]
) -> str | None:
    """The full name a surname (or full name) at `position` stands for, among the names that
    share its surname: the earliest one named before it when they share a forename, else the
    one named last before it; with none before, the first named after."""
    names = [n for n in places if " " not in name or same_forename(n, name)]
    if not names:
        return None
    earlier = [n for n in names if places[n][0] <= position]
    if not earlier:
        return min(names, key=lambda n: places[n][0])
    if len({forename(n).lower() for n in earlier}) == 1:
        return min(earlier, key=lambda n: places[n][0])
    return max(earlier, key=lambda n: _last_before(places[n], position))


def _last_before(places: list[tuple[int, int]], position: tuple[int, int]) -> tuple[int, int]:
    """The last of sorted positions at or before `position`."""
    return places[bisect.bisect_right(places, position) - 1]


_ROLE_REACH = 8
"""How many paragraphs back `the commissioner said` may find `Commissioner Annika Lindqvist`."""


_PREPOSITIONS = word_set(
    "about to with for of on at by from against over than beside behind like toward towards"
)


_UNNAMED_NOUNS = PERSON_NOUNS | word_set(
    """
    captain curator executive spectator traveller traveler shopper pilot commuter motorist
    employee mourner onlooker protester volunteer bystander vendor shopkeeper tourist visitor
    pensioner holder official nurse worker staffer engineer guard soldier officer agent
    """
)


def _unnamed_match(text: str, match: re.Match[str]) -> re.Match[str] | None:
    """The match, unless it describes a person just named (`Isla Brook, a volunteer who`)."""
    before = text[: match.start() + 1].rstrip(", ").rsplit(" ", 1)[-1]
    if match.group().startswith(",") and before[:1].isupper():
        return None
    return match


_UNNAMED_ONE_RE = re.compile(r"(?:^|[.!?][\"”’]?\s+|[\"”]\s+)(?:One of them|Another|One),\s+an?\s+")
"""`Another, a sophomore, said …`, `One of them, a retired engineer, …`: one of a group."""
_RELATIVE_RE = re.compile(
    UPPER + r"[\w-]+['’]s\s+(?:daughter|son|wife|husband|mother|father|sister|brother|"
    r"partner|widow|widower|niece|nephew|aunt|uncle|cousin|friend|neighbou?r)\b(?!\s*,\s*"
    + UPPER
    + r")"
)
"""`Mayor Richard Coyle's daughter, who lives …`: someone brought in by a tie, unnamed."""

_UNNAMED_RE = re.compile(
    r"(?:^|[.!?]\s+|,\s+)(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\w’'-]+\s+){0,3}?(?:"
    + "|".join(sorted(_UNNAMED_NOUNS))
    + r")\b(?!\s*,\s*"
    + UPPER
    + r")"
)
"""An unnamed person opening a clause (`A woman who …`, `, one passenger, who …`), unless a
name follows as an appositive (`A regional agronomist, Dr. …`)."""


_ROLE_SUBJECT_RE = re.compile(
    r"(?:^|[.!?]\s+|,\s+)[Tt]he\s+(?:(?:head|chief|senior|deputy|assistant|lead|new|former)\s+)?"
    r"(judge|mayor|minister|senator|governor|chairman|chairwoman|president|director|coach|"
    r"commissioner|prosecutor|secretary|sheriff|librarian|curator|headteacher|principal|"
    r"superintendent|manager|chef|captain|surgeon|doctor|teacher|officer|inspector)\b(?!\s*,)"
)
"""A definite role opening a clause (`, the judge acknowledged`)."""
