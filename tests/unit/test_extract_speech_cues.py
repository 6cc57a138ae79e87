"""Attributions with less common cues and shapes: the speaker is the one the cue names."""

from __future__ import annotations

import pytest

from newsreader.extract import extract
from newsreader.models import QuoteKind


def statements(*paragraphs: str) -> list[tuple[str, str | None]]:
    found = extract(list(paragraphs)).quotes
    return [(q.text, q.speaker) for q in found if q.kind is QuoteKind.STATEMENT]


def speakers(*paragraphs: str) -> list[str | None]:
    return [speaker for _, speaker in statements(*paragraphs)]


@pytest.mark.parametrize(
    "verb", ["interjected", "advises", "scolded", "quipped", "conceded", "grumbled", "retorted"]
)
def test_less_common_speech_verbs_after_the_quote(verb: str) -> None:
    assert speakers(
        "Council member Dana Whitlow listened to the plan.",
        f"“That will never pass the vote,” Whitlow {verb}.",
    ) == ["Dana Whitlow"]


@pytest.mark.parametrize("verb", ["chided", "mused", "cautioned", "lamented", "stammered"])
def test_less_common_speech_verbs_before_the_quote(verb: str) -> None:
    assert speakers(f"Harold Jenks {verb}: “Nobody reads the minutes any more.”") == [
        "Harold Jenks"
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "“I'm done.” said Rita Lowe.",
        "“We are finished here.” said Rita Lowe, closing her folder.",
        "“Enough!” Rita Lowe said.",
    ],
)
def test_full_stop_inside_the_quote_before_the_verb(paragraph: str) -> None:
    lead = "“We start at nine,” said the chair, Omar Said Haddad."
    assert speakers(lead, paragraph) == ["Omar Said Haddad", "Rita Lowe"]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("“We will win this seat,” Rep. Sam Ode II (D-Ore.) said.", "Sam Ode II"),
        ("“The bill is dead,” said Sen. Lara Fisk (R-Texas).", "Lara Fisk"),
        ("“It is a good day,” Sen. Tom Wray, R-Ohio, said.", "Tom Wray"),
        ("Rep. Ana Bell (D-Calif.) said: “We have the votes.”", "Ana Bell"),
        ("“We will win,” Sen. Al Fry (R-Fla.) said.", "Al Fry"),
        ("“We will win,” said Rep. Jo Kent, D-N.Y.", "Jo Kent"),
        ("“We will win,” Rep. Jo Kent (I-Vt.) told reporters.", "Jo Kent"),
    ],
)
def test_party_and_state_tags_are_stepped_over(paragraph: str, speaker: str) -> None:
    assert speakers(paragraph) == [speaker]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Mara Hale scolded Ruiz, telling an aide: “He never reads.”",
        "Mara Hale turned on the committee chair, telling reporters: “He never reads.”",
        "Mara Hale wrote to the board, warning members: “Nobody reads these reports.”",
    ],
)
def test_colon_after_an_addressee_keeps_the_subject(paragraph: str) -> None:
    assert speakers(paragraph) == ["Mara Hale"]


@pytest.mark.parametrize(
    "second",
    [
        "He went on to say, “We are not done.”",
        "He sighed: “It never ends.”",
        "He later added: “We are not done.”",
        "He shrugged: “It never ends.”",
    ],
)
def test_pronoun_subject_before_the_quote(second: str) -> None:
    assert speakers("Tom Hale spoke to the council for an hour.", second) == ["Tom Hale"]


def test_asks_in_the_subject_line() -> None:
    assert speakers(
        "Jo Marsh, the office manager, wrote to staff on Monday.",
        "She asks in the subject line, “Who keeps taking my lunch?”",
    ) == ["Jo Marsh"]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("The site quoted Ms. Vo as saying, “We will sue.”", "Vo"),
        ("The paper quoted Lin Vo as saying, “We will sue.”", "Lin Vo"),
        ("Local radio quoted the mayor, Dee Park, as saying: “The bridge is safe.”", "Dee Park"),
    ],
)
def test_quoted_as_saying_credits_the_person_quoted(paragraph: str, speaker: str) -> None:
    assert speakers(paragraph) == [speaker]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Mia Dalton took the stage. “We have crowds.” Dalton said to cheers.",
        "Mia Dalton took the stage. “We have crowds!” Dalton told the room.",
        "Ben Tull introduced Mia Dalton. “We have crowds.” Dalton said to cheers.",
    ],
)
def test_whole_sentence_quote_then_the_speaker_in_a_sentence_of_their_own(paragraph: str) -> None:
    lead = "“Doors open at six,” said organiser Ben Tull."
    assert speakers(lead, paragraph) == ["Ben Tull", "Mia Dalton"]


@pytest.mark.parametrize(
    "second",
    [
        "That was the message from Mayor Ana Cruz on Tuesday.",
        "Mayor Ana Cruz said that on Tuesday as crews cleared the roads.",
        "So said Mayor Ana Cruz on Tuesday.",
    ],
)
def test_article_opening_quote_takes_the_speaker_named_next(second: str) -> None:
    assert speakers("“We will rebuild every house on this street.”", second) == ["Ana Cruz"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Kenji Ito blurted out, “No way,” at the sight of the bill.",
        "Kenji Ito said, “Not today,” at the end of the meeting.",
        "Kenji Ito shouted “Stop!” at the driver.",
    ],
)
def test_no_junk_phrase_after_the_quote_is_the_speaker(paragraph: str) -> None:
    assert speakers(paragraph) in (["Kenji Ito"], [])
    assert "at the" not in [s for _, s in statements(paragraph)]


def test_blurted_out_credits_the_subject() -> None:
    assert speakers("Kenji Ito blurted out, “No way,” at the sight of the bill.") == ["Kenji Ito"]


def test_lead_in_wins_over_the_next_sentence_after_a_question() -> None:
    assert speakers(
        "Isaiah Crane can be heard saying, “It's in the glove box, OK?” "
        "Seconds later, the officer fires."
    ) == ["Isaiah Crane"]


def test_contracted_pronoun_is_the_pronoun() -> None:
    assert speakers(
        "Dennis Hart left the farm in 1990.",
        "“Can't you let them keep it?” he'd asked his father.",
    ) == ["Dennis Hart"]


def test_participle_with_a_long_addressee_after_an_introductory_phrase() -> None:
    assert speakers(
        "Chair Dorothy Kemper grew frustrated with Commissioner Victor Almanza. At one point, "
        "Kemper scolded Almanza, telling an aide within earshot of the audience: "
        "“He doesn't read anything.”"
    ) == ["Dorothy Kemper"]


def test_quoted_as_saying_past_an_appositive_and_an_age() -> None:
    assert speakers(
        "The newspaper quoted a survivor, Ms. Dang Thi Hanh, 29, as saying, "
        "“The stairs were full of smoke.”"
    ) == ["Dang Thi Hanh"]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        (
            "“We suggest the water comes from below,” lead researcher and NASA planetary "
            "scientist Lucas Paganini said in a statement.",
            "Lucas Paganini",
        ),
        (
            "“Our results reflected demand,” chairman, CEO and president Craig Menear said.",
            "Craig Menear",
        ),
        (
            "“Experiments like this are powerful,” Dylan Nelson, a fellow at the Max Planck "
            "Institute in Munich, Germany, and co-author of the study, said in a statement.",
            "Dylan Nelson",
        ),
        (
            "“This is due to the wind,” Kurinji Selvaraj, an analyst at the Council on Energy, "
            "Environment and Water, told the paper.",
            "Kurinji Selvaraj",
        ),
    ],
)
def test_long_subject_after_the_quote(paragraph: str, speaker: str) -> None:
    assert speakers(paragraph) == [speaker]


def test_two_people_before_the_verb_are_not_one_speaker() -> None:
    assert speakers("“We disagree,” Ann Lee and Tom Birch said.") == [None]


@pytest.mark.parametrize(
    "paragraph",
    [
        "“We need more time,” Gwen Ortiz pleaded.",
        "“That's absurd,” Gwen Ortiz fumed.",
        "“We'll see,” mused Gwen Ortiz.",
        "“Why now?” Gwen Ortiz wondered aloud.",
    ],
)
def test_dialogue_shape_marks_an_attribution_whatever_the_verb(paragraph: str) -> None:
    assert speakers(paragraph) == ["Gwen Ortiz"]


def test_a_name_and_a_verb_after_a_full_stop_are_a_new_sentence() -> None:
    found = statements("“We are closed.” Gwen Ortiz locked the door.")
    assert found == [("We are closed.", None)]


def test_an_imperative_after_a_whole_sentence_quote_is_no_attribution() -> None:
    assert speakers(
        "“The best games in the series, without losing any of the charm.” Read our review."
    ) == [None]
