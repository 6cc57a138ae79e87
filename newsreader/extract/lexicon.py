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

# Common given names by usual gender, written from general knowledge of the most common names
# in English-speaking, European, African, South and East Asian, Arabic and Hispanic
# populations (not taken from any test text). Accents are dropped (`José` is `jose`): look
# names up through `names.plain`. Names borne widely by both men and women are in
# `UNISEX_NAMES`, which wins over both gendered lists, so `he`/`she` does not guess.
_FEMALE = """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
    margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma
    nicole helen samantha katherine christine debra rachel catherine carolyn janet ruth maria
    heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn
    judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances
    kathryn janice jean abigail alice julia judy sophia grace denise amber doris marilyn
    danielle beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori
    claire priya nora rosa mia ines petra ellen helene corinne amara sunita malin dervla
    bridget irene miriam rosalind eliza harriet dana
    elaine eileen maureen pauline lorraine gillian alison anne annie audrey beatrice bethany
    caroline catriona charlene chloe clare colleen constance daisy deirdre della edith eleanor
    elsie erin esther eva evie fiona florence freya georgia georgina gemma geraldine gwen
    gwendolyn hazel heidi hilary holly imogen isabel isla jade jane jasmine jenny jill joanna
    jodie josephine kate katie kirsty leah lesley lily lindsay lorna louise lucy lydia lynn
    lynne mabel madeleine maeve maggie mandy marian marion marjorie matilda maxine melanie
    mildred millie molly monica muriel nadine naomi natasha nicola norma olive paige paula
    penelope philippa phoebe poppy rhiannon rita rosemary rosie roxanne ruby sally shannon
    sheila sian siobhan sonia stella susie sylvia tamsin tanya tara tessa tina tracey tracy
    ursula vanessa vera violet wendy yvonne zoe bronwyn aisling niamh orla roisin saoirse
    sinead grainne aoife ciara caitlin mairead bernadette brianna haley hailey kaitlyn kylie
    makayla sierra tiffany crystal erica felicia gina kristen kristin latoya tamika keisha
    shanice ebony aaliyah kendra tonya vicki wanda yolanda ramona juanita rosalie colette
    ingrid astrid sigrid solveig greta birgit britta kerstin annika liv freja elin karin maja
    ida signe hanne mette lene marit sofie johanna anneliese gertrud heike sabine claudia
    monika ulrike katrin silke anke susanne stefanie jana lena lea leonie marta agnieszka
    katarzyna malgorzata magdalena ewa zofia dorota beata aleksandra natalia olga tatiana
    svetlana irina ekaterina yelena elena anastasia ludmila galina oksana daria marina nadia
    alina ioana mihaela andreea simona giulia francesca chiara alessandra federica valentina
    silvia paola elisa martina sofia camille manon juliette amelie celine nathalie isabelle
    sophie brigitte sylvie veronique monique genevieve margaux elodie amandine aurelie
    mathilde agathe anouk femke lotte sanne marieke ingeborg eleni katerina despina simone
    pilar carmen dolores mercedes marisol beatriz rocio lucia ana catarina mariana joana
    guadalupe alejandra gabriela daniela valeria ximena fernanda adriana veronica lorena
    rosario consuelo esperanza graciela leticia araceli maribel carolina catalina camila
    luciana florencia fatima aisha khadija maryam zainab layla leila nour noor yasmin amira
    samira salma hana huda rania reem dalia lina mona farah hiba iman amal asma rasha ghada
    noura latifa mariam zahra anita ananya aishwarya deepika divya kavita lakshmi meena neha
    pooja preeti radha rekha sangeeta shreya sita swati usha anjali aarti nisha rani shanti
    padma geeta lata asha indira parvati savita uma vidya farzana nasreen shazia ayesha sana
    bushra rukhsana tahira shabnam nusrat mei yuko yumi keiko akiko haruka sakura aiko emi
    hiroko kyoko mariko michiko noriko sachiko tomoko yoko ayumi misaki yuki min-ji seo-yeon
    soo-jin eun-ji hye-jin yuna xiaoling xiaomei fang jing hui yan ying huong thuy linh trang
    ngoc hoa amina ngozi chioma adaeze chiamaka nkechi ifeoma funmilayo folake yetunde
    titilayo abimbola kemi nneka chinwe akosua abena efua adwoa afua esi wanjiru wambui njeri
    nyambura achieng akinyi atieno thandiwe thandi lerato nomvula nokuthula zanele lindiwe
    busisiwe palesa naledi zodwa nomsa fatou aminata mariama aissatou kadiatou halima zawadi
    rehema neema
"""
_MALE = """
    james robert john michael david william richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
    tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy
    christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse
    jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy roy
    vincent ralph eugene russell bobby mason philip louis omar ivan luis tom ray ben victor
    marc jonas colm dan howard dale marcus jaylen lee sam jonah oskar gregor naveen bastien
    aurelio tomasz ewan graham femi lukas declan
    alistair angus callum craig darren dean derek desmond dominic duncan edmund elliot fergus
    finn fraser gareth gavin geoffrey gordon hamish harry harvey hugh iain ian jake jim jimmy
    joel kieran lewis liam lionel luke malcolm martin max neil niall nigel oliver oscar owen
    rhys rory ross rupert seamus simon stuart barry brendan ciaran conor cormac cathal
    diarmuid donal eamon eoin padraig ronan fintan dermot gerard kenny shane tadhg tristan
    toby tobias trevor clive colin cyril frederick gilbert godfrey herbert horace humphrey
    julian leonard lloyd mervyn neville norman percy reginald rodney roland sidney stanley
    terence vernon wilfred antonio darnell deandre demetrius devin dwayne jamal jerome kareem
    lamar malik marquis terrell tyrone andre brent chad clint cody colton connor corey curtis
    dustin garrett hunter jared jeff josh kurt lance mitchell nolan phillip preston shawn
    spencer travis troy wesley hans klaus jurgen wolfgang dieter helmut gunter stefan uwe
    matthias markus florian sebastian felix maximilian moritz niklas leon jan johannes
    friedrich heinrich karl otto ernst franz wilhelm rolf bernd holger torsten sven lars nils
    erik anders magnus olaf bjorn henrik jens kristian mikkel rasmus soren jesper morten
    pieter johan willem joost bram sander ruud dirk kees piet jeroen luc pierre jacques
    francois philippe michel alain christophe nicolas thierry laurent olivier sebastien
    julien guillaume antoine mathieu thibault benoit yves didier gilles herve bruno giovanni
    giuseppe francesco marco luca matteo alessandro lorenzo riccardo stefano paolo roberto
    massimo fabio davide carlos miguel javier alejandro pablo jorge manuel rafael sergio
    fernando diego alberto ramon enrique pedro francisco joaquin emilio ignacio santiago
    mateo andres ricardo eduardo gustavo hector raul rodrigo cesar arturo alfonso salvador
    armando joao tiago rui nuno goncalo paulo vasco piotr krzysztof andrzej marek pawel michal
    jakub wojciech grzegorz lukasz kamil jacek stanislaw dmitri dmitry sergei sergey alexei
    aleksei nikolai vladimir mikhail andrei yuri oleg igor boris pavel viktor anatoly
    konstantin maxim artem bogdan mihai ion gheorghe dragos vlad nikos giorgos dimitris
    yannis kostas christos spyros stavros mohammed muhammad mohamed mohammad ahmed ahmad
    hassan hussein hussain ibrahim mahmoud mustafa khalid khaled yusuf youssef abdullah abdul
    karim tariq hamza bilal faisal nabil walid samir sami rashid majid nasser fadi ziad rami
    tarek amir hamid saeed yasser ayman osama adel hisham marwan imad rahul raj rajesh ramesh
    suresh mahesh arjun vikram amit anil sanjay sunil vijay ravi ajay deepak manoj pradeep
    ashok krishna arun rohan aditya nikhil siddharth vivek gaurav abhishek kunal harish
    naresh rakesh sandeep vinod pankaj mohan gopal venkat srinivas karthik imran asif farhan
    zubair shahid nadeem irfan usman waqar kamal rafiq aziz hiroshi takashi kenji takeshi
    haruto daiki kazuo akira satoshi yusuke kenta ryo shota taro ichiro jiro hideo makoto
    masato koji yuji tetsuya jian hao min-jun seo-jun ji-hoon dong-hyun sung-min tuan duc
    hung quang chinedu emeka chidi obinna ikenna nnamdi olumide oluwaseun tunde babatunde
    adebayo segun kayode kwame kofi kwabena kwaku yaw kojo kweku kwesi ekow sipho thabo themba
    bongani sibusiso mandla lwazi musa kagiso tshepo jabulani ayodele olusegun uchenna
    ifeanyi chukwudi nkosana juma baraka otieno omondi kamau mwangi njoroge mamadou moussa
    ousmane abdoulaye ibrahima cheikh amadou seydou
"""
UNISEX_NAMES = word_set(
    """
    alex casey riley avery quinn robin kim chris pat jessie frankie charlie sasha kai rowan
    skyler emerson hayden peyton reese remy kiran jin jun wei ming anh thanh hong li yu
    """
)
"""Given names borne widely by both men and women: their gender is read from the article."""
FEMALE_NAMES = word_set(_FEMALE) - UNISEX_NAMES
MALE_NAMES = word_set(_MALE) - UNISEX_NAMES
"""Common forenames by usual gender, so `he` and `she` can skip the wrong person."""
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
