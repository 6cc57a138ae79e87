"""Speaker rules added for the seventh held-out round: institutions, `it said`, spokespeople."""

from __future__ import annotations

from newsreader.extract import extract


def _speakers(paragraphs: list[str]) -> list[str | None]:
    return [q.speaker for q in extract(paragraphs).quotes]


def test_a_person_at_an_academy_is_not_the_academy() -> None:
    paragraphs = [
        "Martin Cole, principal of Westfield Academy, said results had improved. "
        "“We are proud,” he said."
    ]
    assert _speakers(paragraphs) == ["Martin Cole"]


def test_it_said_is_the_organisation_that_said_something_earlier_in_the_paragraph() -> None:
    paragraphs = [
        "Northgate Motors said sales had fallen for a third year. “We have no choice,” it said."
    ]
    assert _speakers(paragraphs) == ["Northgate Motors"]


def test_it_said_keeps_an_organisation_that_spoke_in_this_paragraph() -> None:
    paragraphs = [
        "“Prices will rise,” the Grain Council said. “Nobody wants that,” it said.",
    ]
    assert _speakers(paragraphs) == ["Grain Council", "Grain Council"]


def test_the_spokesperson_speaks_for_the_organisation_introduced_with_them() -> None:
    paragraphs = [
        "The Harbour Authority owns the pier.",
        "A spokesperson for the authority said repairs were planned. "
        "“Work starts in May,” the spokesperson said.",
    ]
    assert _speakers(paragraphs) == ["Harbour Authority"]
