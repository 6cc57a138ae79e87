"""Word lists the extractor reads text with: titles, organisations, pronouns, forenames."""

from __future__ import annotations

from importlib import resources

from nameparser.config import CONSTANTS as _NAMEPARSER


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read in long lists)."""
    return frozenset(words.split())


def data_lines(name: str) -> list[list[str]]:
    """The words of each line of a list in `extract/data/`, comments and blank lines skipped."""
    text = resources.files("newsreader.extract").joinpath("data", name).read_text("utf-8")
    lines = (line.split("#", 1)[0].split() for line in text.splitlines())
    return [words for words in lines if words]


_SIBILANT_ENDS = ("s", "sh", "ch", "x", "z", "o")
_VOWELS = "aeiou"


def _doubles(lemma: str) -> bool:
    """Whether the last consonant doubles before -ed/-ing (`chat` → `chatted`, `admit`)."""
    if len(lemma) < 3 or lemma[-1] in "wxy" + _VOWELS:
        return False
    cvc = lemma[-2] in _VOWELS and lemma[-3] not in _VOWELS
    one_syllable = sum(c in _VOWELS for c in lemma.replace("qu", "q")) == 1
    stressed_end = lemma.endswith(("mit", "fer", "pel", "cur", "bet", "but")) and lemma != "offer"
    return cvc and (one_syllable or stressed_end)


def inflections(lemma: str) -> set[str]:
    """A regular English verb's forms: `urge`, `urges`, `urged`, `urging`."""
    stem = lemma + lemma[-1] if _doubles(lemma) else lemma
    if lemma.endswith("e"):
        past, ing = (
            lemma + "d",
            (lemma[:-2] + "ying" if lemma.endswith("ie") else lemma[:-1] + "ing"),
        )
    elif lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, ing = stem + "ed", stem + "ing"
    if lemma.endswith(_SIBILANT_ENDS):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    return {lemma, third, past, ing}


def speech_forms(lines: list[list[str]]) -> frozenset[str]:
    """Every form of the speech verbs listed: lemmas inflected, `=` lines taken as written,
    `-` lines taken out (forms that are more often nouns next to a quote)."""
    forms: set[str] = set()
    removed: set[str] = set()
    for words in lines:
        if words[0] == "-":
            removed.update(words[1:])
        elif words[0] == "=":
            forms.update(words[1:])
        elif len(words) > 1:  # irregular: the past forms are given
            forms.update(f for f in inflections(words[0]) if not f.endswith("ed"))
            forms.update(words)
        else:
            forms.update(inflections(words[0]))
    return frozenset(forms - removed)


SPEECH_VERBS = speech_forms(data_lines("speech_verbs.txt"))
"""Word forms that introduce speech (`extract/data/speech_verbs.txt`)."""


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
    insp supt det ch cllr dci mp republican democrat democratic conservative tory liberal
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
    software systems technologies labs partners holdings airlines brands foods industries
    telescope observatory space stadium arena prize award academy clinic library charity
    theatre theater orchestra gallery prison cathedral motors
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

PERSON_NOUNS = word_set(
    """
    someone somebody anyone man woman boy girl teenager youngster fan resident neighbor
    neighbour witness diplomat official source friend husband wife son daughter mother father
    brother sister parent customer passenger driver worker veteran rookie player coach
    senator mayor governor minister judge lawyer attorney doctor nurse teacher student
    politician lawmaker candidate victim survivor mum mom dad grandmother grandfather
    spokesman spokeswoman spokesperson striker midfielder defender goalkeeper keeper pitcher
    manager owner chef farmer officer analyst economist expert
    politiker politikerin sprecher sprecherin minister ministerin chef chefin
    """
)
"""Nouns for an individual person: such a speaker with no name is nobody we can credit."""

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


def _given_names_by(tag: str) -> frozenset[str]:
    """The names of one kind (`f`, `m`, `unisex`) in `data/given_names.txt`."""
    return frozenset(w for words in _GIVEN_NAME_LINES if words[0] == tag for w in words[1:])


_GIVEN_NAME_LINES = data_lines("given_names.txt")
UNISEX_NAMES = _given_names_by("unisex")
"""Given names borne widely by both men and women: their gender is read from the article."""
FEMALE_NAMES = _given_names_by("f") - UNISEX_NAMES
MALE_NAMES = _given_names_by("m") - UNISEX_NAMES
"""Common forenames by usual gender, where the name dictionary lacks them."""
KNOWN_FORENAMES = FEMALE_NAMES | MALE_NAMES
"""Every gendered forename, for telling a three-word name (`Mary Ellen Cho`) from a title run."""


def _nameparser_titles() -> frozenset[str]:
    """Titles and occupations written before a name (`Curator`, `Archbishop`, `Brigadier`),
    from nameparser's list, less the words that are also forenames, surnames, organisation
    words or sentence words here (`King`, `Bishop`, `Group`, `his`)."""
    words = {title.rstrip(".") for title in _NAMEPARSER.titles if title.isalpha()}
    clashes = KNOWN_FORENAMES | ORG_WORDS | SENTENCE_WORDS | _SURNAME_TITLES | PRONOUNS
    return frozenset(words - clashes)


_SURNAME_TITLES = word_set(
    """
    king bishop knight marshal baron dean judge major cardinal chancellor chaplain clerk abbot
    brother canon count earl duke prince lord page host banker cooper mason porter
    """
)
"""Titles that are also common English surnames: a title only before another name word."""

PREFIX_TITLES = _nameparser_titles()
"""Titles that end a person's name when read backwards from the surname (nameparser's)."""
