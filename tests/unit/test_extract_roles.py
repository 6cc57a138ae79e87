"""Roles, ages and unnamed people as speakers: `the judge said`, `the 19-year-old said`."""

from __future__ import annotations

from newsreader.extract import extract
from newsreader.models import QuoteKind


def speakers(*paragraphs: str) -> list[str | None]:
    return [q.speaker for q in extract(list(paragraphs)).quotes if q.kind is QuoteKind.STATEMENT]


def _speakers(paragraphs: list[str]) -> list[str | None]:
    return [q.speaker for q in extract(paragraphs).quotes]


def test_possessive_role_before_an_appositive_name() -> None:
    assert speakers(
        "“Prices will rise,” Marlow Rail’s finance director, Agnes Whitby, said on Monday."
    ) == ["Agnes Whitby"]


def test_team_name_before_a_role_is_not_the_subject() -> None:
    assert speakers(
        "Dockside Rangers won again on Sunday.",
        "Rangers head coach Maria Lund praised the defence. “They were brilliant,” she said.",
    ) == ["Maria Lund"]


def test_role_named_later_in_the_paragraph() -> None:
    assert speakers(
        "“We defended well,” the manager said. Manager Colette Brun has not lost since May.",
    ) == ["Colette Brun"]


def test_indefinite_unnamed_person_is_nobody() -> None:
    assert speakers("“It is cold,” one nurse with ten years’ experience told me.") == [None]


def test_capitalised_role_before_a_known_forename_is_not_a_name() -> None:
    assert speakers("Councilmember Maria Lopez objected. “Not again,” Lopez said.") == [
        "Maria Lopez"
    ]


def test_title_noun_finds_the_name_paragraphs_back() -> None:
    assert speakers(
        "Harbour Commissioner Elske Vrij opened the hearing on Monday.",
        "The dredging has been delayed twice.",
        "“We will finish by June,” the commissioner said.",
    ) == ["Elske Vrij"]


def test_comma_description_of_a_named_person_is_not_unnamed() -> None:
    paragraphs = [
        "Orla Fenwick, a nurse who was on shift, said the ward stayed calm. “Nobody panicked,”"
        " she said.",
    ]
    assert _speakers(paragraphs) == ["Orla Fenwick"]


def test_an_age_stands_for_the_person_named_in_the_paragraph_before() -> None:
    assert speakers(
        "Quentin Farrow, who joined the squad in June, struck twice in the second half.",
        "“I just kept running,” the 22-year-old said. “It paid off.”",
    ) == ["Quentin Farrow", "Quentin Farrow"]


def test_an_age_introduced_without_a_name_stays_unnamed() -> None:
    assert speakers(
        "Coach Ulla Brandt praised the squad. A 22-year-old from the academy also impressed.",
        "“I just kept running,” the 22-year-old said.",
    ) == [None]


def test_role_apposition_before_said_makes_the_name_the_subject() -> None:
    paragraphs = [
        "“It was grave,” said Judge Ann Lowe.",
        "The prosecutor, Omar Vell, said Peter Grant had lied. “It was deliberate,” he said.",
    ]
    assert _speakers(paragraphs) == ["Ann Lowe", "Omar Vell"]
