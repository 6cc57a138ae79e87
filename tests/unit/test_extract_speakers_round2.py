"""Speaker rules added after the second held-out round (each case invented, not from the set)."""

from __future__ import annotations

import pytest

from newsreader.extract import extract
from newsreader.models import QuoteKind


def speakers(*paragraphs: str) -> list[str | None]:
    return [q.speaker for q in extract(list(paragraphs)).quotes if q.kind is QuoteKind.STATEMENT]


def test_forenames_tell_relatives_apart() -> None:
    assert speakers(
        "The bakery is run by Tomasz Nowak and his sister, Agnieszka Nowak.",
        "“We argue about rye,” Agnieszka said.",
        "“Rye is a serious matter,” Tomasz said.",
    ) == ["Agnieszka Nowak", "Tomasz Nowak"]


@pytest.mark.parametrize(
    ("intro", "later", "expected"),
    [
        ("Pieter van der Meer won the final.", "Van der Meer", "Pieter van der Meer"),
        ("The judge, Hélène de Villiers, ruled on Friday.", "de Villiers", "Hélène de Villiers"),
        ("Yusuf bin Harun won the seat.", "bin Harun", "Yusuf bin Harun"),
    ],
)
def test_surnames_with_particles(intro: str, later: str, expected: str) -> None:
    assert speakers(intro, f"“It was a long day,” {later} said.") == [expected]


def test_name_that_is_a_cue_word() -> None:
    assert speakers("Omar bin Said lost in three sets.", "“I was tired,” bin Said said.") == [
        "Omar bin Said"
    ]


def test_patronymic_names_keep_the_given_name() -> None:
    assert speakers(
        "“We are ready,” the bank’s chief executive, Aziz Rahman bin Osman, told reporters.",
        "Aziz said the bank would publish its results. “No surprises,” he said.",
    ) == ["Aziz Rahman bin Osman", "Aziz Rahman bin Osman"]


def test_possessive_role_before_an_appositive_name() -> None:
    assert speakers(
        "“Prices will rise,” Marlow Rail’s finance director, Agnes Whitby, said on Monday."
    ) == ["Agnes Whitby"]


def test_nickname_inside_a_name() -> None:
    assert speakers(
        "Winger Samuel “Sammy Boy” Addo scored twice.",
        "“I felt sharp,” Addo said. “Very sharp.”",
        "“He was unplayable,” said defender Lewis Crane.",
        "“Not bad for an old man,” Sammy Boy said.",
    ) == ["Samuel Addo", "Samuel Addo", "Lewis Crane", "Samuel Addo"]


def test_team_name_before_a_role_is_not_the_subject() -> None:
    assert speakers(
        "Dockside Rangers won again on Sunday.",
        "Rangers head coach Maria Lund praised the defence. “They were brilliant,” she said.",
    ) == ["Maria Lund"]


def test_generic_agency_is_the_acronym_named_before() -> None:
    assert speakers(
        "The ESA confirmed the probe was healthy. “All systems are nominal,” the agency said.",
    ) == ["ESA"]


def test_generic_company_is_not_a_regulator_named_beside_it() -> None:
    assert speakers(
        "The firm told the Securities Commission it would restate its accounts. "
        "“We regret the error,” the company said.",
    ) == ["company"]


def test_role_named_later_in_the_paragraph() -> None:
    assert speakers(
        "“We defended well,” the manager said. Manager Colette Brun has not lost since May.",
    ) == ["Colette Brun"]


def test_indefinite_unnamed_person_is_nobody() -> None:
    assert speakers("“It is cold,” one nurse with ten years’ experience told me.") == [None]


def test_three_part_split_quote_keeps_the_middle_part() -> None:
    found = extract(
        [
            "“We started late,” said Councillor Ada Brook, “and we finished early,” she added, "
            "“which nobody expected.”"
        ]
    ).quotes
    assert [(q.kind, q.speaker) for q in found] == [(QuoteKind.STATEMENT, "Ada Brook")] * 3


def test_lowercase_abbreviation_before_a_quote_ends_the_sentence() -> None:
    assert speakers(
        "“It was quiet,” said guard Rita Moss, who started at 6 a.m. “Then it wasn’t.”"
    ) == ["Rita Moss", "Rita Moss"]
