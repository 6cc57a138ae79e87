"""He and she go to the person the text is about: gender and number agree, the previous
sentence's subject wins over people it mentions, and never an organisation."""

from __future__ import annotations

import pytest

from newsreader.extract import extract
from newsreader.models import QuoteKind


def speakers(*paragraphs: str) -> list[str | None]:
    found = extract(list(paragraphs)).quotes
    return [q.speaker for q in found if q.kind is QuoteKind.STATEMENT]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Ortiz thanked Judge Fenwick for her patience. “We got it done,” he said.", "Ortiz"),
        (
            "Luis Ortiz thanked Judge Ana Fenwick for her help. “We got it done,” he said.",
            "Luis Ortiz",
        ),
        (
            "Nadia Reyes praised Coach Brian Tull for his calm. “He never panics,” she said.",
            "Nadia Reyes",
        ),
        ("Moreau criticised Ms. Dunn for her vote. “It was cowardly,” he said.", "Moreau"),
    ],
)
def test_pronoun_skips_a_person_of_the_other_gender(sentence: str, speaker: str) -> None:
    assert speakers(sentence) == [speaker]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Lund mocked him for losing alongside nominee Carl Avery. “He lost big,” he said.",
            "Lund",
        ),
        (
            "Erik Lund mocked the senator for losing alongside nominee Carl Avery. "
            "“He lost big,” he said.",
            "Erik Lund",
        ),
        (
            "Tara Gill thanked her deputy, Ana Ruiz, at the dinner. “She carried us,” she said.",
            "Tara Gill",
        ),
    ],
)
def test_pronoun_prefers_the_subject_over_a_person_the_sentence_mentions(
    sentence: str, speaker: str
) -> None:
    assert speakers(sentence) == [speaker]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Hale was asked whether he helps Bravo Corp. “Why ask?” he asked.", "Hale"),
        ("Dina Marsh was asked about Crestline Foods. “No comment,” she said.", "Dina Marsh"),
        (
            "Marguerite Stone, the Carrow Vale manager, said her players had shown they "
            "belonged. “We were second best,” she said.",
            "Marguerite Stone",
        ),
    ],
)
def test_pronoun_never_resolves_to_an_organisation(sentence: str, speaker: str) -> None:
    assert speakers(sentence) == [speaker]


def test_pronoun_reaches_the_subject_of_the_paragraph_before() -> None:
    assert speakers(
        "Priya Nair, the union's lead negotiator, walked out of the talks with Tom Behr.",
        "“We are not going back today,” she said.",
    ) == ["Priya Nair"]


def test_pronoun_with_no_agreeing_person_gets_no_speaker() -> None:
    assert speakers("Ann Cole thanked Mary Lutz. “It was a team effort,” he said.") == [None]


@pytest.mark.parametrize(
    "opening", ["The 26-year-old graduate student", "The runner, who trained alone,"]
)
def test_singular_they_after_one_person_is_described(opening: str) -> None:
    assert speakers(
        "“I thought I'd blow up at mile 20,” Sage Whitlow-Kim said.",
        f"{opening} said they had trained before dawn. “I did a lot of miles in the dark,” "
        "they said.",
    ) == ["Sage Whitlow-Kim", "Sage Whitlow-Kim"]


def test_plural_they_after_a_group_is_not_the_last_speaker() -> None:
    assert speakers(
        "“We won,” said Mayor Ana Cruz.",
        "Protesters gathered outside. “It's not over,” they said.",
    ) == ["Ana Cruz", None]


@pytest.mark.parametrize(
    "lead",
    [
        "One of them, a retired engineer, said he planned to organise the neighbours.",
        "Another, a sophomore, said he would come back in January.",
    ],
)
def test_pronoun_after_an_unnamed_person_in_the_paragraph_before_is_nobody(lead: str) -> None:
    assert speakers(
        "“We will pass it,” said Councillor Alan Fitch.",
        f"Opponents lingered in the lobby. {lead}",
        "“They won tonight,” he said.",
    ) == ["Alan Fitch", None]


def test_a_relative_of_a_named_person_is_nobody() -> None:
    assert speakers(
        "Mayor Richard Coyle's daughter, who lives on Ashby Lane, spoke against the plan. "
        "“Nobody moved here for this,” she told the commission."
    ) == [None]


def test_agreeing_person_beats_an_organisation_like_name_beside_them() -> None:
    assert speakers(
        "His lawyer, Ruth Oyelaran of the Innocence Project, said the courts were slow. "
        "“The science changed fifteen years ago,” she said."
    ) == ["Ruth Oyelaran"]


def test_they_continues_with_a_person_the_text_calls_they() -> None:
    assert speakers(
        "Sage Whitlow-Kim won the race in 2:31.",
        "Whitlow-Kim said they planned to take a week off. Asked how they would celebrate, "
        "they did not hesitate.",
        "“Pancakes,” they said.",
    ) == ["Sage Whitlow-Kim"]


def test_a_role_opening_the_paragraph_is_named_later_in_it() -> None:
    assert speakers(
        "The head librarian was more cheerful. “We had a petition with 3,100 names,” she "
        "said. The librarian, Josephine Achterberg, has worked at the branch since 1998."
    ) == ["Josephine Achterberg"]


def test_the_articles_honorific_beats_the_name_list() -> None:
    assert speakers(
        "Dr. Oluwaseun Adebayo led the study. Ms. Adebayo said the team had checked twice.",
        "“We anticipated that objection,” she said.",
    ) == ["Oluwaseun Adebayo"]


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        (
            ["President Ann Cole was criticized by Sen. Ted Marsh.", "“She has no plan,” he said."],
            "Ted Marsh",
        ),
        (
            [
                "The governor, Maria Lopez, signed the bill. Her opponent, Rep. Dan Kim, called "
                "it a mistake.",
                "“This will create jobs,” she said.",
            ],
            "Maria Lopez",
        ),
        (
            [
                "Google said it would appeal. Its chief executive, Sundar Pichai, was in Paris.",
                "“We disagree with the ruling,” he said.",
            ],
            "Sundar Pichai",
        ),
    ],
)
def test_pronoun_in_political_and_business_copy(paragraphs: list[str], speaker: str) -> None:
    assert speakers(*paragraphs) == [speaker]
