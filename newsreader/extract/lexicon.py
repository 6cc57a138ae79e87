"""Word lists the extractor reads text with: titles, organisations, pronouns, forenames."""

from __future__ import annotations


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read in long lists)."""
    return frozenset(words.split())


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
    telescope observatory space stadium arena prize award
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
