"""Find who a quote is attributed to: cue verbs and the speaker phrase beside them.

Every function here reads a bounded window of text next to one quote (the rest of its sentence,
never past the neighbouring quotes), so the total work stays linear in the article's length.
The result is the speaker *phrase* as written ("union leader Rosa Kim", "he", "the ministry");
`speakers.py` turns it into a canonical name.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from newsreader.extract.lexicon import (
    PARTICLES,
    SPEECH_VERBS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
    word_set,
)
from newsreader.extract.tokens import Token, tokenize

WINDOW = 300
"""Most characters read on either side of a quote when looking for its attribution."""

CUE_VERBS = SPEECH_VERBS
"""Word forms that introduce speech."""

_FRENCH_CUES = word_set("déclaré dit ajouté affirmé expliqué estimé souligné indiqué")
"""French past participles that follow `a` (`a déclaré`)."""

_BE_FORMS = word_set("is was were are be been being am get gets got getting")
_BLOCKING = (
    word_set(
        """
    has have had would will can could should may might must not did does do to that which
    who whom whose and but or if because when while where although than into onto
    """
    )
    | _BE_FORMS
)
"""Words that never sit between a speaker and the cue verb (they signal a clause or passive)."""

_PHRASE_END = word_set(
    """
    in on at during who which that after before when while as because to with and but or
    for from about via told adding according since until am im bei vor nach auf dans devant
    lors à au en sur après avant durante tras
    """
)
"""Words that end a speaker phrase after the cue (`said Kim in a statement`)."""

_CLAUSE_WORDS = word_set("that and but as when while because if so yet then")
_ADVERBS = word_set("also later then again once simply flatly previously recently")
_DASHES = frozenset(",—–-:;")


class Frame(Enum):
    """Where the attribution sits relative to the quote."""

    AFTER = "after"
    """`“…,” said X` / `“…,” X said`."""
    BEFORE = "before"
    """`X said: “…”` / `Name: “…”`."""
    CLAUSE = "clause"
    """`X said the plan was a “…”` — a cue earlier in the quote's own sentence."""


@dataclass(frozen=True, slots=True)
class Attribution:
    """A speaker phrase found next to a quote."""

    phrase: tuple[Token, ...]
    """The speaker as written; empty for a passive (`were told to “…”`)."""
    frame: Frame
    passive: bool = False


def sentence_start(text: str, end: int, floor: int) -> int:
    """Offset where the sentence holding `end` begins, never before `floor`.

    Abbreviations (`Gen.`, `U.S.`) and initials do not end a sentence.
    """
    low = max(floor, end - WINDOW)
    at = end - 1
    while at > low:
        char = text[at - 1]
        if char in ".!?" and text[at].isspace() and _ends_sentence(text, at - 1, low):
            return at
        at -= 1
    return low


def _ends_sentence(text: str, dot: int, low: int) -> bool:
    """Whether the stop at `dot` ends a sentence (not an abbreviation, unless a quote opens)."""
    return not _abbreviation_before(text, dot, low) or _quote_follows(text, dot)


_OPENERS = frozenset('“„«‘"')


def _quote_follows(text: str, dot: int) -> bool:
    """`at 3:40 a.m. “I have…`: a lowercase abbreviation then an opening mark ends a sentence."""
    begin = dot
    while begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] == "."):
        begin -= 1
    if not text[begin:dot].islower():
        return False
    following = text[dot + 1 : dot + 3].lstrip()
    return following[:1] in _OPENERS


def sentence_end(text: str, start: int, ceiling: int) -> int:
    """Offset just after the sentence end that follows `start`, never after `ceiling`."""
    high = min(ceiling, start + WINDOW, len(text))
    at = start
    while at < high:
        ends = text[at] in ".!?" and (at + 1 >= len(text) or text[at + 1].isspace())
        if ends and not _abbreviation_before(text, at, start):
            return at + 1
        at += 1
    return high


def _abbreviation_before(text: str, dot: int, low: int) -> bool:
    """Whether the period at `dot` ends an abbreviation or initial rather than a sentence."""
    if text[dot] != ".":
        return False
    begin = dot
    while begin > low and (text[begin - 1].isalpha() or text[begin - 1] == "."):
        begin -= 1
    word = text[begin:dot]
    if not word:
        return False
    if "." in word or (len(word) == 1 and word.isupper()):
        return True
    return word.lower() in TITLE_ABBREVIATIONS and word[0].isupper()


def after_quote(text: str, start: int, end: int) -> Attribution | None:
    """Attribution right after a closing mark: `, said X`, `X told reporters`, `according to X`.

    Args:
        text: The paragraph.
        start: Offset after the closing mark.
        end: Where the window stops (the next opening mark or the sentence end).
    """
    found = _after_quote(text, start, end)
    if found is not None:
        return found
    tokens = tokenize(text[start:end], start)
    while tokens and tokens[0].text in _DASHES:
        tokens = tokens[1:]
    if not tokens or not tokens[0].is_word:
        return None
    found = _long_subject(tokens)
    if found is None and text[max(0, start - 2) : start - 1] in (",", "!", "?"):
        found = _dialogue_shape(tokens)
    return found


def _dialogue_shape(tokens: list[Token]) -> Attribution | None:
    """`“We need more time,” Gwen Ortiz pleaded.` / `“…,” fumed Gwen Ortiz.`: after a quote
    that ends in a comma (or ? or !), a name and a past-tense verb closing the sentence are an
    attribution whatever the verb; reporters use more verbs than any list holds."""
    words = tokens[:-1] if tokens[-1].text in (".", "!", "?") else tokens
    if not 2 <= len(words) <= 6 or not all(t.is_word for t in words):
        return None
    if _past_verb(words[-1]) and all(t.is_capitalised for t in words[:-1]):
        return Attribution(tuple(words[:-1]), Frame.AFTER)  # `Gwen Ortiz pleaded.`
    if _past_verb(words[0]) and all(t.is_capitalised for t in words[1:]):
        return Attribution(tuple(words[1:]), Frame.AFTER)  # `fumed Gwen Ortiz.`
    return None


def _past_verb(token: Token) -> bool:
    """Whether a word looks like a lowercase past-tense verb (`pleaded`, `fumed`, `mused`)."""
    return token.text.isalpha() and token.text.islower() and token.text.endswith("ed")


def _after_quote(text: str, start: int, end: int) -> Attribution | None:
    tokens = tokenize(text[start:end], start)
    at = 0
    while at < len(tokens) and tokens[at].text in _DASHES:
        at += 1
    tokens = tokens[at:]
    if not tokens:
        return None
    lower = [t.lower for t in tokens]
    if lower[:2] == ["according", "to"]:
        return _phrase_after(tokens, 2, Frame.AFTER)
    inverted = _french_inversion(lower)
    if inverted:
        return Attribution((Token(inverted, tokens[0].start),), Frame.AFTER)
    cue = _cue_length(lower, 0)
    if cue:
        return _phrase_after(tokens, cue, Frame.AFTER)
    index = 1
    while index < min(len(tokens), 14):
        if _cue_length(lower, index) and not tokens[index].is_capitalised:  # `bin Said said`
            return _anchored_subject(tokens, index)
        if lower[index] == "," and index > 0 and tokens[index - 1].is_capitalised:
            # `Gen. Rourke, who led the delegation, told reporters`: step over the aside.
            close = _aside_end(lower, index)
            if close and _cue_length(lower, _skip_adverbs(tokens, close + 1, forward=True)):
                return Attribution(tuple(_strip_statement_from(tokens[:index])), Frame.AFTER)
        if lower[index] in _BLOCKING and not _joins_names(tokens, index):
            return None
        if lower[index] in (".", "!", "?", "“", '"'):
            return None
        index += 1
    return None


def _long_subject(tokens: list[Token]) -> Attribution | None:
    """A subject too long for the plain rules: a name after a list of roles (`chairman, CEO
    and president Craig Menear said`) or before a long aside with commas (`Dylan Nelson, a
    fellow at the Max Planck Institute in Munich, Germany, and co-author of the study, said`)."""
    lower = [t.lower for t in tokens]
    for index in range(1, min(len(tokens), 48)):
        if lower[index] in (".", "!", "?", "“", '"', ";"):
            return None
        if not _cue_length(lower, index) or tokens[index].is_capitalised:
            continue
        last = _skip_adverbs(tokens, index - 1)
        name = _name_ending_at(tokens, last)
        roles = tokens[: last + 1 - len(name)]
        blocked = any(t.lower in _BLOCKING and t.lower != "and" for t in roles)
        if len(name) >= 2 and not blocked and not _another_person(roles):
            return Attribution(tuple(name), Frame.AFTER)
        lead = _name_ending_at(tokens, _leading_name_end(tokens))
        if tokens[last].text == "," and len(lead) >= 2 and lower[len(lead)] == ",":
            return Attribution(tuple(lead), Frame.AFTER)
        return None
    return None


def _another_person(roles: list[Token]) -> bool:
    """Whether the words before a name hold another name joined by `and` (`Ann Lee and`)."""
    for index, token in enumerate(roles[1:], 1):
        previous = roles[index - 1]
        if token.lower == "and" and previous.is_capitalised and previous.lower not in TITLE_WORDS:
            return True
    return False


def _name_ending_at(tokens: list[Token], last: int) -> list[Token]:
    """The capitalised name (particles allowed inside) that ends at `last`."""
    at = last
    while (
        at >= 0
        and tokens[at].is_word
        and (tokens[at].is_capitalised or (tokens[at].lower in PARTICLES and at < last))
    ):
        at -= 1
    name = tokens[at + 1 : last + 1]
    while name and not name[0].is_capitalised:
        name = name[1:]
    return name


def _leading_name_end(tokens: list[Token]) -> int:
    """The index of the last word of the capitalised name opening the tokens (-1: none)."""
    at = 0
    while at < len(tokens) and tokens[at].is_word and tokens[at].is_capitalised:
        at += 1
    return at - 1


_SHORT_TAILS = word_set(
    "to at in on during before after while as with from outside inside amid over later again"
)
_ADDRESSING = word_set("told tells asked asks")


def attribution_sentence(text: str, start: int, end: int) -> bool:
    """Whether the sentence after a quote that ends in a full stop only says who said it:
    `“I'm done.” said Rita Lowe.`, `“We have crowds.” Dalton said to cheers.`

    Args:
        text: The paragraph.
        start: Offset after the closing mark.
        end: Where that sentence ends.
    """
    tokens = [t for t in tokenize(text[start:end], start) if t.text not in (".", "!", "?")]
    if not tokens:
        return False
    lower = [t.lower for t in tokens]
    if lower[0] in CUE_VERBS:
        # `said Rita Lowe.`, not `Read our review.`: a capital starts a sentence of its own.
        return len(tokens) <= 12 and not tokens[0].is_capitalised
    for index in range(1, min(len(tokens), 7)):
        if lower[index] in CUE_VERBS:
            subject = tokens[:index]
            named = all(t.is_capitalised or t.lower in PARTICLES for t in subject if t.is_word)
            if not (named or (index == 1 and lower[0] in ("he", "she", "they"))):
                return False
            return _short_tail(lower[index], lower[index + 1 :])
        if not tokens[index].is_word and tokens[index].text not in ("’", "'"):
            return False
    return False


def _short_tail(cue: str, tail: list[str]) -> bool:
    """Whether the words after the cue add no speech of their own (`to cheers`, `that day`)."""
    if not tail:
        return True
    if tail[0] in ("that", "this", "so"):
        return len(tail) == 1 or tail[1] in _SHORT_TAILS or len(tail) <= 3
    if tail[0] in _SHORT_TAILS or tail[0] == ",":
        return True
    return cue in _ADDRESSING and len(tail) <= 4


_FRENCH_INVERSION = frozenset(("il", "elle", "ils", "elles", "on"))


def _french_inversion(lower: list[str]) -> str | None:
    """The pronoun of `a-t-il déclaré`, `dit-elle`, `ajoute-t-il` (French inverted cues)."""
    first = lower[0]
    parts = first.split("-")
    if len(parts) < 2 or parts[-1] not in _FRENCH_INVERSION:
        return None
    verb = parts[0]
    if verb in ("a", "ont") and len(lower) > 1 and lower[1] in _FRENCH_CUES:
        return parts[-1]
    if verb in _FRENCH_CUES or verb in _FRENCH_PRESENT:
        return parts[-1]
    return None


_FRENCH_PRESENT = word_set(
    "dit ajoute explique affirme estime souligne indique déclare précise poursuit"
)


def _aside_end(lower: list[str], comma: int) -> int:
    """The comma closing an aside that opens at `comma`, or 0 when there is none nearby."""
    for at in range(comma + 1, min(len(lower), comma + 16)):
        if lower[at] == ",":
            return at
        if lower[at] in (".", "!", "?", "“", '"', ";"):
            return 0
    return 0


def _joins_names(tokens: list[Token], index: int) -> bool:
    """Whether `and` sits inside a name (`Rail and Maritime Workers’ Union`)."""
    if tokens[index].lower not in ("and", "&") or index == 0 or index + 1 >= len(tokens):
        return False
    return tokens[index - 1].is_capitalised and tokens[index + 1].is_capitalised


def before_quote(text: str, start: int, end: int) -> Attribution | None:
    """Attribution ending in `:` or `,` right before an opening mark (`X said: “…”`, `Ortiz: “`).

    Args:
        text: The paragraph.
        start: Where the window starts (the sentence start or the previous quote's end).
        end: Offset of the opening mark.
    """
    window = text[start:end].rstrip()
    if not window or window[-1] not in ":,":
        return None
    tokens = tokenize(window[:-1], start)
    if not tokens:
        return None
    lower = [t.lower for t in tokens]
    if lower[:2] == ["according", "to"]:
        return _phrase_after(tokens, 2, Frame.BEFORE)
    for index in range(len(tokens) - 1, -1, -1):
        cue = _cue_length(lower, index) if _lowercase_or_first(tokens, index) else 0
        # The cue sits at the end (`X told lawmakers,`) or opens the window (`, said X, “`),
        # not at the start of a long clause of narrative; a participle after a comma may
        # take a longer addressee (`, telling an aide within earshot of the audience:`).
        reach = 12 if index > 0 and lower[index - 1] == "," and lower[index].endswith("ing") else 6
        if not cue or (index > 0 and len(tokens) - index > reach):
            continue
        found = (
            _participle_subject(tokens, index, Frame.BEFORE)
            or _subject_of(tokens, index, Frame.BEFORE)
            or _phrase_after(tokens, index + cue, Frame.BEFORE)
        )
        if found is not None:
            return found
        break
    return _colon_subject(tokens) if window[-1] == ":" else None


def _colon_subject(tokens: list[Token]) -> Attribution | None:
    """Who speaks after a colon with no cue: `Lena Park, The Daily Ledger: “…”` (the person
    before the outlet), `He sighed: “…”` (the pronoun), `Asked about it, Quinn was
    dismissive: “…”` (the named subject)."""
    if len(tokens) <= 6 and all(t.is_capitalised or t.text == "," for t in tokens):
        if "," in [t.text for t in tokens]:
            first = tokens[: [t.text for t in tokens].index(",")]
            if len(first) >= 2:
                return Attribution(tuple(first), Frame.BEFORE)
        return Attribution(tuple(t for t in tokens if t.is_word), Frame.BEFORE)
    if tokens[0].lower in _SUBJECT_PRONOUNS and len(tokens) <= 4:
        return Attribution((tokens[0],), Frame.BEFORE)  # `He sighed: “…”`
    run: list[Token] = []
    joined = False
    for token in tokens[1:]:  # the last run of capitalised words: `The Carlyle Group`
        capital = token.is_word and token.is_capitalised
        if capital:
            run = [*run, token] if joined else [token]
        joined = capital
    if run:
        return Attribution(tuple(run), Frame.BEFORE)
    return None


_SUBJECT_PRONOUNS = frozenset(("he", "she", "they", "i", "we"))
_PERCEIVED = word_set("heard seen recorded filmed caught overheard")
_QUOTING_VERBS = word_set("quoted quotes quoting cited cites citing")


def _participle_subject(tokens: list[Token], cue: int, frame: Frame) -> Attribution | None:
    """The speaker of a participle cue: `the site quoted Ms. Vo as saying,` gives Ms. Vo;
    `Hale scolded Ruiz, telling an aide:` gives the sentence's subject, Hale."""
    lower = [t.lower for t in tokens]
    if not lower[cue].endswith("ing") or cue == 0:
        return None
    if lower[cue - 1] in _PERCEIVED:
        # `Crane can be heard saying, “…”`: the one heard is the speaker.
        subject = _leading_subject(tokens[: cue - 1])
        return Attribution(tuple(subject), frame) if subject else None
    if lower[cue - 1] == "as":
        for at in range(cue - 2, max(-1, cue - 16), -1):
            if lower[at] in _QUOTING_VERBS:
                phrase = _strip_appositive(tokens[at + 1 : cue - 1])
                return Attribution(tuple(phrase), frame) if phrase else None
        return None
    if lower[cue - 1] != ",":
        return None
    subject = _clause_subject(tokens[: cue - 1])
    return Attribution(tuple(subject), frame) if subject else None


_INTRODUCTORY = word_set(
    "at in on after before during when while as asked later earlier then since despite with"
)


def _clause_subject(tokens: list[Token]) -> list[Token]:
    """The subject of the main clause, past an introductory phrase (`At one point, Kemper
    scolded Almanza` → `Kemper`)."""
    segment: list[Token] = []
    for token in [*tokens, Token(",", -1)]:
        if token.text != ",":
            segment.append(token)
            continue
        if segment and segment[0].lower not in _INTRODUCTORY:
            return _leading_subject(segment)
        segment = []
    return []


def _strip_appositive(phrase: list[Token]) -> list[Token]:
    """`the mayor, Dee Park,` → `Dee Park`: the name set off by commas, when there is one."""
    texts = [t.text for t in phrase]
    if "," not in texts:
        return phrase
    first = texts.index(",")
    rest = [t for t in phrase[first + 1 :] if t.text != "," and not t.text.isdigit()]
    return rest if rest and all(t.is_capitalised for t in rest) else phrase  # `, 29,` is an age


def _leading_subject(tokens: list[Token]) -> list[Token]:
    """The name or pronoun opening a clause (`Mara Hale scolded …` → `Mara Hale`)."""
    if tokens and tokens[0].lower in _SUBJECT_PRONOUNS:
        return tokens[:1]
    subject: list[Token] = []
    for token in tokens:
        if not (token.is_word and (token.is_capitalised or token.lower in PARTICLES)):
            break
        subject.append(token)
    return subject if subject and subject[-1].is_capitalised else []


def in_clause(text: str, start: int, end: int) -> Attribution | None:
    """The nearest `X said …` earlier in the quote's own sentence (partial and scare quotes).

    Args:
        text: The paragraph.
        start: The sentence start (or the previous quote's end).
        end: Offset of the opening mark.
    """
    tokens = tokenize(text[start:end], start)
    lower = [t.lower for t in tokens]
    for index in range(len(tokens) - 1, -1, -1):
        if lower[index] == "according" and lower[index + 1 : index + 2] == ["to"]:
            return _phrase_after(tokens, index + 2, Frame.CLAUSE)
        if _cue_length(lower, index) and _lowercase_or_first(tokens, index):
            found = _subject_of(tokens, index, Frame.CLAUSE)
            if found is not None:
                return found
    return None


_LOOKBACK_OPENERS = word_set("that this those these so such thus")
_LOOKBACK_VERBS = word_set("remembered remembers described describes put puts summed sums")


def next_sentence(text: str, start: int, end: int) -> Attribution | None:
    """`“…” That is how Ellen Park remembered him.`: the speaker named in the next sentence.

    Only a sentence that opens with a demonstrative pointing back at the quote counts.

    Args:
        text: The paragraph.
        start: Offset after the closing mark.
        end: Where the window stops (the next opening mark or the paragraph's end).
    """
    tokens = tokenize(text[start : min(end, start + 160)], start)
    if not tokens or tokens[0].lower not in _LOOKBACK_OPENERS:
        return None
    lower = [t.lower for t in tokens]
    for index in range(1, min(len(tokens), 14)):
        if lower[index] in (".", "!", "?"):
            return None
        if (_cue_length(lower, index) or lower[index] in _LOOKBACK_VERBS) and index > 1:
            subject: list[Token] = []
            at = index - 1
            while at > 0 and tokens[at].is_word and tokens[at].is_capitalised:
                subject.insert(0, tokens[at])
                at -= 1
            return Attribution(tuple(subject), Frame.AFTER) if subject else None
    return None


def _lowercase_or_first(tokens: list[Token], index: int) -> bool:
    """Whether a word can be a cue where it stands: a capitalised `Post` inside a sentence is
    part of a name (`The Northern Post:`), not the verb."""
    return index == 0 or not tokens[index].is_capitalised


def _cue_length(lower: list[str], index: int) -> int:
    """How many tokens the cue verb at `index` takes (0 when there is none)."""
    if index >= len(lower):
        return 0
    word = lower[index]
    if word in CUE_VERBS:
        # "fügte … hinzu" and friends need no special case: the first word is enough.
        return 1
    if word in ("a", "ont") and index + 1 < len(lower) and lower[index + 1] in _FRENCH_CUES:
        return 2
    if word == "pointed" and lower[index + 1 : index + 2] == ["out"]:
        return 2
    return 0


def _phrase_after(tokens: list[Token], index: int, frame: Frame) -> Attribution | None:
    """The speaker phrase that follows a cue: `said [forecaster Lee Chang], …`."""
    phrase: list[Token] = []
    for at in range(index, len(tokens)):
        token = tokens[at]
        if token.text == "," and phrase:
            phrase = _appositive_name(tokens, at + 1) or phrase
            break
        if not token.is_word or len(phrase) >= 10:
            break
        voice = token.lower in ("for", "of") and phrase[-1:] and phrase[-1].lower in _VOICES
        if token.lower in _PHRASE_END and phrase and not _statement_from(phrase) and not voice:
            break
        if token.lower in _PHRASE_END and not phrase:
            return None
        phrase.append(token)
    phrase = _strip_statement_from(phrase)
    return Attribution(tuple(phrase), frame) if phrase else None


def _appositive_name(tokens: list[Token], index: int) -> list[Token] | None:
    """`die Sprecherin des Vereins, Petra Lang.`: a full name set off by a comma at the end."""
    name: list[Token] = []
    for token in tokens[index:]:
        if not token.is_word:
            break
        if not token.is_capitalised and token.lower not in PARTICLES:
            return None
        name.append(token)
    end = index + len(name)
    closes = end >= len(tokens) or tokens[end].text in (".", ",", ";")
    full = [t for t in name if t.is_capitalised]
    fits = 2 <= len(full) <= 4 and name[-1].is_capitalised  # `Isabel de la Fuente`
    return name if fits and closes else None


def _statement_from(phrase: list[Token]) -> bool:
    """Whether the phrase so far is `a statement` (so `from X` continues it)."""
    words = [t.lower for t in phrase]
    return words[-1:] in (["statement"], ["report"], ["release"], ["letter"], ["message"])


_VOICES = frozenset(("spokesman", "spokeswoman", "spokesperson", "representative", "statement"))


def _strip_statement_from(phrase: list[Token]) -> list[Token]:
    """`a statement from the Pentagon` and `a spokesperson for X` credit the Pentagon and X."""
    for index, token in enumerate(phrase):
        if token.lower in ("from", "by") and index > 0 and index + 1 < len(phrase):
            return phrase[index + 1 :]
        voice = index > 0 and phrase[index - 1].lower in _VOICES
        if token.lower in ("for", "of") and voice and index + 1 < len(phrase):
            return phrase[index + 1 :]
    return phrase


def _subject_of(tokens: list[Token], cue: int, frame: Frame) -> Attribution | None:
    """The subject right before a cue verb: `[central bank governor Ivan Petrov] said`."""
    at = _skip_adverbs(tokens, cue - 1)
    at = _skip_modal(tokens, at)
    if at < 0:
        return None
    if tokens[at].lower in _BE_FORMS:
        return Attribution((), frame, passive=True)
    if tokens[at].text == ",":
        comma = at
        at = _before_aside(tokens, comma)
        aside = tokens[at + 2 : comma] if at >= 0 else []
        if 2 <= len(aside) <= 4 and all(t.is_word and t.is_capitalised for t in aside):
            return Attribution(tuple(aside), frame)  # `Their barrister, Naveen Kapoor, said`
        if at < 0:
            return None
    end = at + 1
    while at >= 0 and end - at <= 9:
        token = tokens[at]
        if _joins_names(tokens, at) or (token.text in ("’", "'") and at > 0):
            at -= 1  # `Department of Health and Social Care`, `Workers’ Union`
            continue
        if token.lower in _BLOCKING:
            return None
        if not token.is_word or token.lower in _CLAUSE_WORDS:
            break
        at -= 1
    phrase = _strip_statement_from(_drop_leading_preposition(tokens[at + 1 : end]))
    return Attribution(tuple(phrase), frame) if phrase else None


def _skip_modal(tokens: list[Token], at: int) -> int:
    """Step back over `used to` / `would` before a cue (`She used to say, “…”`)."""
    if at >= 1 and tokens[at].lower == "to" and tokens[at - 1].lower == "used":
        return at - 2
    if at >= 0 and tokens[at].lower == "would":
        return at - 1
    return at


def _before_aside(tokens: list[Token], comma: int) -> int:
    """In `X, who voted against it, said` step back over the aside to X (or -1)."""
    for at in range(comma - 1, max(-1, comma - 14), -1):
        if tokens[at].text == ",":
            return at - 1 if at > 0 and tokens[at - 1].is_word else -1
        if not tokens[at].is_word:
            return -1
    return -1


def _anchored_subject(tokens: list[Token], cue: int) -> Attribution | None:
    """The subject starting a window after a quote: `[Ortiz] told`, `[Smith], the mayor, said`."""
    end = _skip_adverbs(tokens, cue - 1) + 1
    phrase = tokens[:end]
    aside = _closing_appositive(phrase)
    if aside:
        return Attribution(tuple(aside), Frame.AFTER)  # `Bayline’s director, Fergus Hale, said`
    for index, token in enumerate(phrase):
        if token.text == ",":
            phrase = phrase[:index]
            break
    blocked = any(
        t.lower in _BLOCKING and not _joins_names(phrase, i) for i, t in enumerate(phrase)
    )
    if not phrase or len(phrase) > 9 or blocked:
        return None
    if not all(t.is_word or t.text in ("’", "'") for t in phrase):
        return None
    return Attribution(tuple(_strip_statement_from(phrase)), Frame.AFTER)


def _closing_appositive(phrase: list[Token]) -> list[Token] | None:
    """The name in `<role>, <Name Name>,` ending a subject: the role describes the named person."""
    if len(phrase) < 5 or phrase[-1].text != ",":
        return None
    for at in range(len(phrase) - 2, max(0, len(phrase) - 8), -1):
        if phrase[at].text == ",":
            name = phrase[at + 1 : -1]
            capitals = [t for t in name if t.is_capitalised]
            fits = all(t.is_word and (t.is_capitalised or t.lower in PARTICLES) for t in name)
            return name if fits and len(capitals) >= 2 and at > 0 else None
    return None


def _skip_adverbs(tokens: list[Token], at: int, *, forward: bool = False) -> int:
    """Step over adverbs between a subject and its verb (`he [later] added`).

    Backwards from `at` by default; with `forward`, onwards from `at` (`, [later] told`).
    """
    step = 1 if forward else -1
    while 0 <= at < len(tokens) and (tokens[at].lower in _ADVERBS or _is_ly_adverb(tokens[at])):
        at += step
    return at


def _drop_leading_preposition(phrase: list[Token]) -> list[Token]:
    """`In a statement the ministry` → `the ministry`."""
    if phrase and phrase[0].lower in ("in", "on", "at", "during", "after", "before", "late"):
        for index in range(len(phrase) - 1, 0, -1):
            if phrase[index].lower in ("the", "a", "an"):
                return phrase[index:]
        return phrase[1:]
    return phrase


def _is_ly_adverb(token: Token) -> bool:
    """Whether a token is a lowercase -ly adverb (`quickly`, `flatly`)."""
    return token.text.islower() and token.text.endswith("ly") and len(token.text) > 4
