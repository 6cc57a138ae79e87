"""Turn a speaker phrase into a canonical speaker, resolving pronouns and surnames.

Walks the article in reading order, remembering the last person and the last organisation that
spoke, so `he said` goes to the right earlier person and `it said` to the right organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from newsreader.extract.lexicon import (
    ARTICLES,
    FEMALE_PRONOUNS,
    GROUP_NOUNS,
    GROUP_PRONOUNS,
    MALE_PRONOUNS,
    ORG_WORDS,
    PERSON_NOUNS,
    PRONOUNS,
    SENTENCE_WORDS,
    TITLE_WORDS,
    word_set,
)
from newsreader.extract.mentions import NameBook
from newsreader.extract.organisations import (
    heads_organisation,
    is_organisation,
    lede_organisation,
    organisation_before,
    organisation_named,
    organisation_opening,
    organisation_subject,
    voice_in,
)
from newsreader.extract.person_names import person_name
from newsreader.extract.tokens import Token, capitalised_runs, render, split_at_joiners, tokenize


class Role(Enum):
    """What kind of speaker a phrase names."""

    PERSON = "person"
    ORGANISATION = "organisation"


_ROLE_NOUNS = word_set(
    """
    lawmaker legislator congressman congresswoman representative curator auditor treasurer
    councillor councilman councilwoman alderman trustee superintendent principal headteacher
    professor prosecutor detective sergeant lieutenant colonel
    senator mayor governor minister secretary president spokesman spokeswoman spokesperson
    chief director official officer manager coach judge lawyer attorney witness resident
    chairman chairwoman leader executive founder analyst expert economist engineer doctor
    teacher student worker captain commander general sheriff ambassador owner agent
    clerk inspector commissioner
    """
)


@dataclass(slots=True)
class _Spoken:
    """A speaker remembered for pronoun resolution."""

    name: str
    position: tuple[int, int]


@dataclass(slots=True)
class SpeakerResolver:
    """Canonical speakers for phrases, in reading order."""

    book: NameBook
    last_person: _Spoken | None = None
    last_group: _Spoken | None = None
    organisations: list[str] = field(default_factory=list)
    """Organisations that have spoken, most recent last."""

    def resolve(self, phrase: tuple[Token, ...], position: tuple[int, int]) -> str | None:
        """The canonical speaker a phrase refers to, or None when it names nobody.

        Args:
            phrase: The speaker as written next to the quote.
            position: (paragraph, offset) of the quote.
        """
        words = [t for t in phrase if t.is_word or t.text in ("’", "'")]
        prefixed = self._prefixed_name(words)
        if prefixed is not None:
            self.last_person = _Spoken(prefixed, position)
            return prefixed
        while words and words[0].lower in ARTICLES and len(words) > 1:
            words = words[1:]
        if not words:
            return None
        if len(words) == 1 and _contracted_pronoun(words[0].lower) in PRONOUNS:
            return self._pronoun(_contracted_pronoun(words[0].lower), position)
        if _nobody(phrase, words):
            return None
        if _unnamed_person(phrase, words):
            if phrase[0].lower in _DEFINITE and len(words) == 1:
                described = self._described(words[0], position)
                if described is None:
                    described = self.book.named_by_role(words[0].lower, position)
                    if described is not None:
                        self.last_person = _Spoken(described, position)
                if described is not None:
                    return described
            if words[-1].lower not in _ROLE_NOUNS or phrase[0].lower in _INDEFINITE:
                return None  # `one fan`, `someone`, `my husband`: nobody we can name.
        if phrase[0].lower in _DEFINITE and len(words) == 1 and words[0].lower in _VOICE_NOUNS:
            voice = self._voice(words[0].lower, position)
            if voice is not None:
                return voice
        titled = self._titled(phrase, words, position)
        if titled is not None:
            return titled
        if phrase[0].lower in _DEFINITE and _described_role(words):
            return None  # `the Republican lawmaker` named nowhere near: nobody we can name.
        named = self._name(phrase, words, position)
        if named is None:
            return None
        speaker, role = named
        self.remember(speaker, role, position)
        return speaker

    def _voice(self, noun: str, position: tuple[int, int]) -> str | None:
        """`A spokesperson for the board said …. “…,” the spokesperson said.`: the person named
        as the spokesperson or else the organisation one was introduced for, in this paragraph;
        then `the spokesperson, Name` anywhere near; then an introduction paragraphs before."""
        found = voice_in(self.book, position)
        if found is None:
            named = self.book.named_by_role(noun, position)
            if named is not None:
                self.last_person = _Spoken(named, position)
                return named
            for paragraph in range(position[0] - 1, max(-1, position[0] - _VOICE_REACH), -1):
                found = voice_in(self.book, (paragraph, 1 << 30))
                if found is not None:
                    break
        if found is None:
            return None
        speaker, is_person = found
        if is_person:
            self.last_person = _Spoken(speaker, position)
            return speaker
        tokens = tuple(tokenize(speaker))
        if not tokens or any(t.lower in _VOICE_NOUNS for t in tokens):
            return None
        return self.resolve(tokens, position)

    def _prefixed_name(self, words: list[Token]) -> str | None:
        """A surname whose first word is also an article or a name on its own (`El Ouardi
        said`, `Ben Achour told`): the one full name it ends."""
        if not 2 <= len(words) <= 3 or not all(t.is_word and t.is_capitalised for t in words):
            return None
        return self.book.ending_with([t.text for t in words])

    def _titled(
        self, phrase: tuple[Token, ...], words: list[Token], position: tuple[int, int]
    ) -> str | None:
        """`the commissioner said`, `the chief inspector said`: the person given that title
        in this paragraph, the next or one of the paragraphs before."""
        if phrase[0].lower not in _DEFINITE or len(words) > 3:
            return None
        if words[-1].lower not in _ROLE_NOUNS | TITLE_WORDS and words[0].lower not in TITLE_WORDS:
            return None
        if any(t.lower in ORG_WORDS for t in words):
            return None
        named = self.book.named_by_role(" ".join(t.lower for t in words), position)
        if named is None and len(words) > 1:
            # `the Tennessee Republican`, `the Republican lawmaker`: the head noun says the role.
            named = self.book.named_by_role(words[-1].lower, position)
        if named is not None:
            self.last_person = _Spoken(named, position)
        return named

    def named_before(self, position: tuple[int, int]) -> str | None:
        """The person named earlier in the same paragraph (`Marsh was blunt. “Not yet.”`)."""
        mention = self.book.last_before(position)
        if mention is None or mention.position[0] != position[0]:
            return None
        self.last_person = _Spoken(mention.name, position)
        return mention.name

    def _described(self, noun: Token, position: tuple[int, int]) -> str | None:
        """`said the teenager`: the person named last in this paragraph or, when this one
        names nobody, in the paragraph before."""
        mention = self.book.last_before(position)
        if mention is None or mention.position[0] < position[0] - 1:
            return None
        if self.book.introduced(noun.lower, position):
            return None  # `a senior diplomat … the diplomat said`: an unnamed person.
        if mention.position[0] != position[0]:
            # Only an age reaches back (`Jo Bell, 19, … “…,” the 19-year-old said`), and
            # not past `a 19-year-old` brought in without a name.
            if not noun.lower.endswith("-year-old"):
                return None
            if self.book.introduced(noun.lower, (mention.position[0], 1 << 30)):
                return None
        self.last_person = _Spoken(mention.name, position)
        return mention.name

    def remember(self, speaker: str | None, role: Role, position: tuple[int, int]) -> None:
        """Note who spoke last, for later pronouns."""
        if speaker is None:
            return
        if role is Role.PERSON:
            self.last_person = _Spoken(speaker, position)
        else:
            self.last_group = _Spoken(speaker, position)
            if speaker in self.organisations:
                self.organisations.remove(speaker)  # one entry each, most recent last
            self.organisations.append(speaker)

    def _name(
        self, phrase: tuple[Token, ...], words: list[Token], position: tuple[int, int]
    ) -> tuple[str, Role] | None:
        """Name and role for a non-pronoun phrase."""
        runs = [run for run in capitalised_runs(words) if _proper(run)]
        named = [n for n in (_name_from_run(run, phrase) for run in runs) if n is not None]
        if any(_two_people(run) for run in runs):
            return None  # `Ann Lee and Tom Birch said`: two speakers, not one of them
        people = [n for n in named if n[1] is Role.PERSON and " " in n[0]]
        if people or named:
            text, role = (people or named)[-1]
            if role is Role.PERSON:
                return self.book.canonical(text, position), role
            nickname = self.book.nickname(text)
            if nickname is not None:
                return nickname, Role.PERSON  # `JJ said`, after `Jaden “JJ” Jeffers-Mbeki`
            return self._known_organisation(text), role
        descriptor = " ".join(t.text for t in words)
        last = words[-1].lower
        if last in GROUP_NOUNS:
            return None  # `officials`, `residents`: nobody in particular.
        if last not in _ROLE_NOUNS:
            known = self._known_organisation(descriptor)
            if known == descriptor and len(words) == 1:
                known = organisation_before(self.book, last, position) or known
            bare = phrase[0].lower in _DEFINITE | _POSSESSIVES
            if known == descriptor and bare and len(words) <= 3:
                known = organisation_named(self.book, last, position) or known
            if known == descriptor and bare and last in _SUBJECT_NOUNS:
                known = organisation_opening(self.book, position) or known
            if known == descriptor and bare and last in _COMPANY_NOUNS:
                known = lede_organisation(self.book) or known
            unnamed = known == descriptor and not any(_proper_word(t) for t in words)
            if unnamed and last not in ORG_WORDS and last not in _ORGANISATION_NOUNS:
                return None  # `the letter`, `told employees in the`: no name to give
            return known, Role.ORGANISATION
        return descriptor, Role.PERSON

    def _known_organisation(self, name: str) -> str:
        """`the ministry` is the `transport ministry` that spoke earlier."""
        lower = name.lower()
        for known in reversed(self.organisations):
            known_lower = known.lower()
            if known_lower == lower:
                return known
            if known_lower.endswith(" " + lower) or (
                " " not in lower and lower in known_lower.split()
            ):
                return known
        return name

    def _pronoun(self, pronoun: str, position: tuple[int, int]) -> str | None:
        """Resolve he/she to the last person, they/it to the last organisation."""
        wanted = "m" if pronoun in MALE_PRONOUNS else "f" if pronoun in FEMALE_PRONOUNS else None
        person = self._person_for_pronoun(position, wanted)
        if pronoun in GROUP_PRONOUNS:
            group = self.last_group
            if pronoun == "it" and (group is None or group.position[0] < position[0]):
                # `Acme said the plant lost money. “…,” it said.`: the organisation this
                # paragraph made the subject of a speech verb, though it has not spoken yet.
                subject = organisation_subject(self.book, position)
                if subject is not None:
                    known = self._known_organisation(subject)
                    self.remember(known, Role.ORGANISATION, position)
                    return known
            # Singular they: a person named in this paragraph after any organisation.
            if pronoun == "they" and _singular_they(person, group, position):
                return person.name if person else None
            if pronoun == "they" and self._described_they(position):
                return self.last_person.name if self.last_person else None
            if pronoun == "they":
                named = self._they_person(position)
                if named is not None:
                    self.last_person = _Spoken(named, position)
                    return named
            return group.name if group else None
        if wanted is None:
            return None
        if self.book.unnamed_subject(position):
            return None  # `A woman who runs the shop said …. “…,” she said.`
        role = self.book.role_subject(position)
        if role is not None and self.book.gender(role) in (None, wanted):
            # `The head librarian … she said. The librarian, Josephine Achterberg, …`
            person = _Spoken(role, position)
        elif person is not None:
            person = self._agreeing_person(wanted, position) or person
        if person is None:
            return None
        if self.book.gender(person.name) not in (None, wanted):
            other = self._other_person(person, wanted, position)
            if other is None:
                return None
            person = other
        self.last_person = _Spoken(person.name, position)
        return person.name

    def _agreeing_person(self, wanted: str, position: tuple[int, int]) -> _Spoken | None:
        """The person a he/she means: the first of the people it could mean, in order of
        likelihood, whose gender agrees or is unknown.

        The order: sentence subjects named since the last speaker in this paragraph (latest
        first), other people named since, then (when this paragraph names nobody new) the
        subjects and others of the paragraph before, then the last speaker, then people named
        since only after a preposition (`asked about Reyes`)."""
        for tier in self._pronoun_candidates(position):
            # In one tier someone whose gender is known to agree beats someone unknown
            # (`Ruth Lee of the Innocence Project … she said`).
            known = next((c for c in tier if self.book.gender(c.name) == wanted), None)
            unknown = next((c for c in tier if self.book.gender(c.name) is None), None)
            if known is not None or unknown is not None:
                return known or unknown
        return None

    def _pronoun_candidates(self, position: tuple[int, int]) -> list[list[_Spoken]]:
        """People a he/she at `position` may mean, in tiers, most likely first (see
        `_agreeing_person`); each sentence subject is a tier of its own."""
        speaker = self.last_person
        after = speaker.position if speaker is not None else (-1, -1)
        newer = self.book.named_in(position, after)
        if not newer and position[0] > 0:
            newer = self.book.named_in((position[0] - 1, 1 << 30), after)
        objects = [m for m in newer if not m.subject and self.book.after_preposition(m)]
        tiers = [[_Spoken(m.name, m.position)] for m in newer if m.subject]
        tiers.append(
            [_Spoken(m.name, m.position) for m in newer if not m.subject and m not in objects]
        )
        tiers.append([speaker] if speaker is not None else [])
        tiers.append([_Spoken(m.name, m.position) for m in objects])
        return tiers

    def _they_person(self, position: tuple[int, int]) -> str | None:
        """`Whitlow-Kim said they planned a week off. … “Pancakes,” they said.`: a person the
        text itself calls `they`, named as a subject in this paragraph or the one before."""
        for paragraph in (position[0], position[0] - 1):
            end = position[1] if paragraph == position[0] else 1 << 30
            text = self.book.text(paragraph)
            for mention in self.book.named_in((paragraph, end), (paragraph, -1)):
                if mention.subject and _SAID_THEY_RE.match(text, mention.position[1]):
                    return mention.name
            if self.book.named_in((paragraph, end), (paragraph, -1)):
                return None  # the nearest paragraph naming anyone decides
        return None

    def _described_they(self, position: tuple[int, int]) -> bool:
        """`“…,” Whitlow-Kim said. / The 26-year-old graduate student … said they had
        trained alone. “…,” they said.`: a paragraph that opens by describing one person
        (a singular noun) continues with the person who spoke last, in the paragraph before."""
        speaker = self.last_person
        if speaker is None or speaker.position[0] not in (position[0], position[0] - 1):
            return False
        opening = self.book.text(position[0])[: position[1]]
        return _ONE_PERSON_RE.match(opening) is not None

    def _other_person(
        self, rejected: _Spoken, wanted: str, position: tuple[int, int]
    ) -> _Spoken | None:
        """The last speaker or a person named lately, whichever fits the pronoun's gender.

        A known matching gender wins; failing that, someone of unknown gender named in this
        paragraph (`His successor, Imogen Tate, … she said`).
        """
        here = [_Spoken(m.name, m.position) for m in self.book.named_in(position, (-1, -1))]
        mention = self.book.last_before(position)
        options = [self.last_person, *here]
        if mention is not None:
            options.append(_Spoken(mention.name, mention.position))
        for option in options:
            if option and option.name != rejected.name and self.book.gender(option.name) == wanted:
                return option
        for option in here:
            if option.name != rejected.name and self.book.gender(option.name) is None:
                return option
        # Further back: the last person named whose gender the article shows (`Mr. Vance`).
        for earlier in self.book.recent_before(position, _PRONOUN_REACH):
            if earlier.name != rejected.name and self.book.gender(earlier.name) == wanted:
                return _Spoken(earlier.name, earlier.position)
        return None

    def _person_for_pronoun(
        self, position: tuple[int, int], wanted: str | None = None
    ) -> _Spoken | None:
        """The person a he/she/they most likely means: the last speaker, unless someone was
        named since in a later paragraph or earlier in this one (as a sentence subject, or as
        an object when the last speaker's known gender does not fit the pronoun)."""
        mention = self.book.last_before(position)
        speaker = self.last_person
        if mention is None:
            return speaker
        if speaker is None:
            return _Spoken(mention.name, mention.position)
        later_paragraph = mention.position[0] > speaker.position[0]
        here = mention.position[0] == position[0] and mention.position > speaker.position
        if here:
            # The sentence subject (`Carver, responding to Ostrowski, offered …`) over objects.
            named = self.book.named_in(position, speaker.position)
            subject = next((m for m in named if m.subject), None)
            if subject is None:
                # `Asked about Reyes, she said`: a person named since only after a preposition
                # does not displace a last speaker whom the pronoun fits and they do not.
                objects = named or [mention]
                if (
                    wanted is not None
                    and self.book.gender(speaker.name) == wanted
                    and all(self.book.after_preposition(m) for m in objects)
                    and all(self.book.gender(m.name) != wanted for m in objects)
                ):
                    return speaker
                subject = named[0] if named else mention
            return _Spoken(subject.name, subject.position)
        if later_paragraph:
            return _Spoken(mention.name, mention.position)
        return speaker


_PRONOUN_REACH = 12
"""How many earlier name mentions a he/she looks through for a person of the right gender."""

_VOICE_REACH = 8
"""How many paragraphs back `the spokesperson said` looks for where a spokesperson came in."""
_VOICE_NOUNS = frozenset(("spokesperson", "spokesman", "spokeswoman", "representative"))
_UNNAMED_OPENERS = frozenset(("a", "an", "one", "another", "some"))
_DEFINITE = frozenset(("the", "der", "die", "le", "la", "el"))
_POSSESSIVES = frozenset(("its", "his", "her", "their", "our"))
_INDEFINITE = frozenset(("a", "an", "one", "another", "some", "my", "our", "his", "her", "their"))


def _unnamed_person(phrase: tuple[Token, ...], words: list[Token]) -> bool:
    """Whether a phrase describes one person without naming them (`the teenager`, `one fan`)."""
    head = words[-1].lower.rsplit("-", 1)[-1]
    if words[-1].lower.endswith("-year-old"):
        head = "man"  # `the 19-year-old`: an age stands for a person.
    openers = _DEFINITE | _INDEFINITE
    if any(t.is_capitalised and t.lower not in PERSON_NOUNS | openers for t in words[:-1]):
        return False  # `Harlow chief executive`: a name is in there.
    if words[-1].is_capitalised and "-" not in words[-1].text and len(words) > 1:
        return False
    if head not in PERSON_NOUNS or any(t.lower in ORG_WORDS for t in words):
        return False
    if head in ("someone", "somebody", "anyone"):
        return True
    first = phrase[0].lower
    return first in _DEFINITE or first in _INDEFINITE or len(words) == 1


_SAID_THEY_RE = re.compile(
    r"[\w’'.-]+(?:\s+[\w’'.-]+){0,3}?\s+(?:said|says|added|told\s+\w+)\s+(?:that\s+)?they\b"
)
"""`Whitlow-Kim said they planned …`: a named person the reporter calls `they`."""
_ONE_PERSON_RE = re.compile(
    r"\s*[Tt]he\s+(?:[\w-]+\s+){0,3}?(?:\d+-year-old|"
    + "|".join(sorted(PERSON_NOUNS | word_set("student runner winner graduate champion")))
    + r")\b(?!s)"
)
"""A paragraph opening with one person described (`The 26-year-old graduate student`)."""


def _singular_they(
    person: _Spoken | None, group: _Spoken | None, position: tuple[int, int]
) -> bool:
    """Whether `they` means a person named in this paragraph after any organisation spoke."""
    if person is None or person.position[0] != position[0]:
        return False
    return group is None or group.position < person.position


_SUBJECT_NOUNS = word_set(
    """
    company firm group chipmaker carmaker automaker retailer manufacturer insurer lender
    broadcaster publisher developer carrier airline startup business bank
    """
)
"""Generic nouns that stand for the organisation the text was just about (`the firm said`)."""
_COMPANY_NOUNS = word_set("company firm chipmaker carmaker automaker retailer manufacturer")
"""Nouns for the company a business story is about (`the company said`)."""
_ORGANISATION_NOUNS = word_set(
    """
    firm operator utility regulator agency carrier airline chipmaker carmaker automaker
    retailer manufacturer insurer lender broadcaster publisher developer landlord charity
    watchdog trust council club maker provider supplier producer owner network
    """
)
"""Nouns that describe an organisation which, unnamed, is still the speaker to show."""


_PEOPLE_NOUNS = word_set("aide adviser advisor staffer insider observer executive lawmaker voter")
_SHARES = word_set("percent per cent % majority minority half third quarter")


def _nobody(phrase: tuple[Token, ...], words: list[Token]) -> bool:
    """Whether a phrase plainly names nobody we can credit: `one driver with twenty years’
    service`, `Mayor Bell's daughter` (someone unnamed, not Bell), `Fifty-one percent`."""
    capitalised = any(t.is_word and t.is_capitalised for t in phrase[1:])
    person = any(t.lower in PERSON_NOUNS for t in words)
    if phrase[0].lower in _UNNAMED_OPENERS and person and not capitalised:
        return True
    if _plural_people(words[-1]):
        return True  # `Aviation analysts called it …`, `Former royal PR aides said`
    return _someones_relation(words) or any(t.lower in _SHARES for t in words)


def _plural_people(token: Token) -> bool:
    """Whether a lowercase word names several people (`analysts`, `aides`, `officials`)."""
    word = token.lower
    if token.is_capitalised or not word.endswith("s"):
        return False
    if word in GROUP_NOUNS:
        return True
    singular = word[:-1]
    return singular in PERSON_NOUNS or singular in _ROLE_NOUNS or singular in _PEOPLE_NOUNS


def _two_people(run: list[Token]) -> bool:
    """Whether a run joins two people's names with `and` (`Ann Lee and Tom Birch`)."""
    if not any(t.lower in ("and", "&") for t in run) or heads_organisation([t.text for t in run]):
        return False
    parts = split_at_joiners(run)
    people = [p for p in parts if len(person_name(p)) >= 2 and not is_organisation(person_name(p))]
    return len(people) >= 2


def _contracted_pronoun(word: str) -> str:
    """`he'd` → `he`, `she’s` → `she`: the pronoun of a contraction (other words unchanged)."""
    for mark in ("'", "’"):
        head, _, tail = word.partition(mark)
        if tail in ("d", "s", "ll") and head in PRONOUNS:
            return head
    return word


def _someones_relation(words: list[Token]) -> bool:
    """Whether a phrase names someone by their tie to a named person (`Mayor Bell's
    daughter`, `Ortiz's lawyer`): a possessive name followed by a lowercase noun."""
    for index, token in enumerate(words[:-1]):
        possessive = token.lower.endswith(("'s", "’s")) or words[index + 1].text in ("'", "’")
        if possessive and token.is_capitalised and not words[-1].is_capitalised:
            return True
    return False


def _proper_word(token: Token) -> bool:
    """Whether a word could be part of a name: capitalised, not a sentence word."""
    return token.is_capitalised and token.lower not in SENTENCE_WORDS


def _proper(run: list[Token]) -> bool:
    """Whether a capitalised run is a name, not a capitalised sentence opener."""
    return any(t.lower not in SENTENCE_WORDS for t in run)


def _described_role(words: list[Token]) -> bool:
    """Whether words describe a person by role and adjectives (`Republican lawmaker`,
    `Tennessee Republican`, `chief curator`), with no name in them."""
    head = words[-1].lower
    if head not in _ROLE_NOUNS and head not in _PARTY_NOUNS:
        return False
    return (
        all(
            t.lower in TITLE_WORDS or t.lower in _PARTY_NOUNS or not t.is_capitalised
            for t in words[:-1]
        )
        or head in _PARTY_NOUNS
    )


_PARTY_NOUNS = word_set("republican democrat independent conservative liberal tory socialist")


def _person_of(run: list[Token]) -> str | None:
    """The person in `Name Name of Organisation` (`Owen Carrick of Tidewater Trust`)."""
    lower = [t.lower for t in run]
    if "of" not in lower:
        return None
    before = run[: lower.index("of")]
    name = person_name(before)
    full = [w for w in name if not w.endswith(".")]
    if len(full) < 2 or len(name) != len(before) or is_organisation(name):
        return None
    return " ".join(name)


def _name_from_run(run: list[Token], phrase: tuple[Token, ...]) -> tuple[str, Role] | None:
    """A person's canonical name, or an organisation's, from a capitalised run."""
    words = [t.text for t in run]
    while words and words[0].lower() in SENTENCE_WORDS:
        words = words[1:]
    if not words:
        return None
    has_article = bool(phrase) and phrase[0].lower in ARTICLES
    member = _person_of(run)
    if member is not None:
        return member, Role.PERSON  # `Tom Reyes of Harbor Savings`: the person, not the bank
    name = person_name(run)
    for part in split_at_joiners(run):
        if len(person_name(part)) >= 2 and len(name) < 2:
            name = person_name(part)  # `Senator John Smith of Ohio`
    full = [w for w in name if len(w) > 2 or not w.endswith(".")]
    if heads_organisation(words):
        return render(words), Role.ORGANISATION
    if len(full) >= 2 and not is_organisation(name):
        return " ".join(name), Role.PERSON
    if is_organisation(words) or (has_article and len(words) == 1):
        return render(words), Role.ORGANISATION
    if len(words) == 1 and words[0].lower() in GROUP_NOUNS:
        return None
    if not name:
        return None
    return " ".join(name), Role.PERSON
