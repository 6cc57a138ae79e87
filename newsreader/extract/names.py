"""Names of people and organisations: tokens, canonical forms, the alias table and pronouns.

A person is named in full once ("Secretary of Defense Mark Esper") and by surname afterwards
("stated Esper"). `NameBook` records every full name in reading order (post bylines included) so
that a surname maps back to the full name used earlier in the article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read in long lists)."""
    return frozenset(words.split())


# Words, with initials and abbreviations keeping their period (`Gen.`, `U.S.`, `B.`).
TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_](?:[\w’'-]*[^\W_])?\.?|[^\w\s]")

TITLE_ABBREVIATIONS = word_set(
    "mr mrs ms dr gen col sen rep gov lt sgt capt maj adm prof st jr sr cmdr gov pres supt insp "
    "det cpl pvt rev hon fr no vs mt ft corp inc ltd co bros"
)
NAME_SUFFIXES = frozenset(("jr.", "sr.", "ii", "iii", "iv", "jr", "sr"))
PARTICLES = word_set("de da del della der den di du van von la le bin al el dos das ter")

TITLE_WORDS = word_set(
    """
    mr mrs ms miss dr gen general col colonel sen senator rep representative gov governor lt
    lieutenant sgt sergeant capt captain maj adm admiral prof professor president
    vice prime minister secretary mayor chief chair chairman chairwoman chairperson director
    commissioner judge justice sheriff detective officer inspector superintendent spokesman
    spokeswoman spokesperson ambassador chancellor premier prince princess pope
    rev reverend councillor councilman councilwoman councilor
    congressman congresswoman speaker leader deputy assistant acting interim attorney
    executive ceo cfo coo founder head coach manager commander private corporal cpl
    pvt army navy air force marine marines police fire health defense defence state foreign
    interior finance transport transportation justice education energy labor labour
    treasury commerce homeland security agriculture environment economy trade culture
    sports home national federal city county district regional senior junior lord lady sir
    dame minister-president innenminister bürgermeister bürgermeisterin ministre président
    presidente ministro ministra secretario secretaria alcalde alcaldesa oir us u.s. uk
    u.k. un u.n. eu e.u. nato white house of the and for marshal bishop
    """
)
"""Words that name a role or office, never part of a person's own name."""

ORG_WORDS = word_set(
    """
    department ministry agency office council committee commission company corporation corp
    inc ltd llc group bank university college school hospital institute foundation union
    association federation party government administration police service services court
    pentagon kremlin house army navy force forces division brigade command embassy
    organization organisation authority board bureau network news times post journal
    press club team league museum center centre church airport station railway airlines
    airways fund trust nations states kingdom republic east west north south street avenue
    road river island county city region province island mountains sea ocean gulf
    report statement times alliance coalition society council ministry association
    software systems technologies labs partners holdings airlines
    """
)
"""Words that mark a capitalised run as an organisation or a place rather than a person."""

SENTENCE_WORDS = word_set(
    """
    the a an this that these those it its he she they we i in on at for from to by with and
    but or so if as when while after before since because although though yet then there
    here what who why how where which approximately about nearly some many most all every
    each one two three four five six seven eight nine ten last next first monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july
    august september october november december video photo watch read update updated
    breaking exclusive opinion analysis our his her their my your yes no not mr. ms. mrs.
    """
)
"""Capitalised only because they start a sentence or a label; never the start of a name."""

GROUP_NOUNS = word_set(
    """
    officials residents critics police witnesses experts analysts protesters authorities
    observers investigators prosecutors doctors scientists researchers officers lawmakers
    sources organizers organisers supporters opponents neighbors neighbours parents students
    teachers workers employees voters activists economists diplomats leaders members
    """
)

MALE_PRONOUNS = frozenset(("he", "il", "er", "him"))
FEMALE_PRONOUNS = frozenset(("she", "elle", "sie", "her"))
GROUP_PRONOUNS = frozenset(("they", "it", "ils", "elles"))
FIRST_PERSON = frozenset(("i", "we", "je", "nous", "ich", "wir"))
PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS | GROUP_PRONOUNS | FIRST_PERSON

ARTICLES = frozenset(("the", "a", "an", "la", "le", "les", "l", "der", "die", "das", "el"))

FEMALE_NAMES = word_set(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
    margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma
    nicole helen samantha katherine christine debra rachel catherine carolyn janet ruth maria
    heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn
    judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances
    kathryn janice jean abigail alice julia judy sophia grace denise amber doris marilyn
    danielle beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori
    claire priya nora rosa mia ines grace petra anna karen ellen hélène corinne amara sunita
    malin dervla bridget irene miriam rosalind eliza harriet claire dana
    """
)
MALE_NAMES = word_set(
    """
    james robert john michael david william richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
    tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy
    christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse
    jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy roy
    vincent ralph eugene russell bobby mason philip louis omar ivan luis tom ray ben victor
    marc jonas colm dan howard dale marcus jaylen lee sam jonah oskar gregor walter naveen
    bastien aurelio tomasz ewan graham femi lukas declan
    """
)
"""Common forenames by usual gender, so `he` and `she` can skip the wrong person."""


def gender_of(name: str) -> str | None:
    """`f`, `m` or None (unknown) from a full name's forename."""
    first = forename(name).lower()
    if first in FEMALE_NAMES and first not in MALE_NAMES:
        return "f"
    if first in MALE_NAMES and first not in FEMALE_NAMES:
        return "m"
    return None


_FEMALE_TITLES = frozenset(("mrs.", "ms.", "miss", "madam", "lady", "dame", "queen", "sister"))
_MALE_TITLES = frozenset(("mr.", "sir", "lord", "king", "father"))


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark with its offset in the text it came from."""

    text: str
    start: int

    @property
    def lower(self) -> str:
        """The token in lower case."""
        return self.text.lower()

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
        if lower.rstrip(".") in TITLE_WORDS or lower in TITLE_WORDS or lower in SENTENCE_WORDS:
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
        if full == 2:
            break
        words.append(token.text)
        full += 1
    while words and words[-1].lower() in PARTICLES:
        words.pop()
    return list(reversed(words))


def _is_initial(word: str) -> bool:
    """Whether a word is an initial such as `B.`."""
    return len(word) == 2 and word[1] == "." and word[0].isupper()


def is_organisation(words: list[str]) -> bool:
    """Whether a capitalised run names an organisation or place rather than a person."""
    return any(w.lower().rstrip(".") in ORG_WORDS for w in words) or (
        len(words) == 1 and len(words[0]) > 1 and words[0].replace(".", "").isupper()
    )


def surname(name: str) -> str:
    """The family name of a full name (suffixes such as `III` skipped)."""
    words = [w for w in name.split() if w.lower() not in NAME_SUFFIXES]
    return words[-1] if words else name


def forename(name: str) -> str:
    """The first word of a full name."""
    return name.split()[0] if name else ""


def gender_of_title(title: str) -> str | None:
    """`f`, `m` or None from an honorific such as `Mrs.` or `Mr.`."""
    lower = title.lower()
    if lower in _FEMALE_TITLES:
        return "f"
    if lower in _MALE_TITLES:
        return "m"
    return None


@dataclass(order=True, frozen=True, slots=True)
class Mention:
    """A personal name seen at a position in the article."""

    position: tuple[int, int]
    """(paragraph, offset) where it was seen."""
    name: str = field(compare=False)
    """The full name (for a surname-only mention, the full name it stands for)."""


@dataclass(slots=True)
class NameBook:
    """Every personal name in an article, for surnames and pronouns.

    Full names from the body come first when a surname is looked up; names from post bylines
    only fill in when the body never names the person in full.
    """

    _by_surname: dict[str, list[Mention]] = field(default_factory=dict)
    _bylines: dict[str, list[Mention]] = field(default_factory=dict)
    _referents: list[Mention] = field(default_factory=list)
    _positions: list[tuple[int, int]] = field(default_factory=list)

    def add(self, name: str, position: tuple[int, int], *, byline: bool = False) -> None:
        """Record a full name (two or more words) seen at a position."""
        table = self._bylines if byline else self._by_surname
        table.setdefault(surname(name).lower(), []).append(Mention(position, name))
        if not byline:
            self._refer(Mention(position, name))

    def add_surname(self, word: str, position: tuple[int, int]) -> None:
        """Record a surname-only mention (`Marsh said …`) of someone named in full."""
        if word.lower() in self._by_surname or word.lower() in self._bylines:
            self._refer(Mention(position, self.canonical(word, position)))

    def knows_surname(self, word: str) -> bool:
        """Whether some full name in the article ends with this word."""
        return word.lower() in self._by_surname or word.lower() in self._bylines

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
        key = surname(name).lower()
        for table in (self._by_surname, self._bylines):
            found = self._lookup(table.get(key, []), name, position)
            if found is not None:
                return found
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

    def last_before(self, position: tuple[int, int]) -> Mention | None:
        """The last person named (in full or by surname) before a position."""
        index = bisect.bisect_left(self._positions, position)
        return self._referents[index - 1] if index else None


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
        joins = token.lower in PARTICLES or token.lower in ("of", "the")
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
_RUN_GAP_RE = re.compile(r"\s+(?:(?:of|the|de|da|del|der|van|von|la|le|bin|al)\s+)?")


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


def collect_surnames(book: NameBook, paragraph: int, runs: list[list[Token]]) -> None:
    """Add every surname-only mention of a person the book knows (second pass).

    Args:
        book: The book, already holding the article's full names.
        paragraph: The paragraph's index.
        runs: The paragraph's `name_runs`.
    """
    for run in runs:
        words = [t for t in run if t.is_word]
        if len(words) == 1 and book.knows_surname(words[0].text):
            book.add_surname(words[0].text, (paragraph, words[0].start))


def name_runs(text: str) -> list[list[Token]]:
    """Runs of capitalised words (joined by spaces and particles) in a text."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    end = -1
    for match in _CAPITALISED_RE.finditer(text):
        word = match.group()
        gap = text[end : match.start()] if end >= 0 else ""
        if run and not (_RUN_GAP_RE.fullmatch(gap) and len(gap) < 12):
            runs.append(run)
            run = []
        elif run and gap.strip():
            run.append(Token(gap.strip(), end + gap.index(gap.strip())))  # the `of` in a run
        end = match.end()
        if word.endswith(".") and not _keeps_period(word):
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
        if token.lower in ("of", "the") or (token.lower in PARTICLES and not token.is_capitalised):
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
    book.add(" ".join(words), (paragraph, start), byline=byline)
