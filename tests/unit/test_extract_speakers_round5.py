"""Speaker rules added after the fifth held-out round (typical daily and wire-service copy)."""

from __future__ import annotations

from newsreader.extract import extract


def speakers(*paragraphs: str) -> list[str | None]:
    """The speaker of each statement, in reading order."""
    return [q.speaker for q in extract(list(paragraphs)).quotes if q.kind == "statement"]


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


def test_a_person_named_after_a_preposition_does_not_take_the_pronoun() -> None:
    assert speakers(
        "Vasco Lindqvist-Reyes scored the only goal after coming on as a substitute.",
        "“We were patient,” said Mary Thornwick, the home side’s manager.",
        "Asked about Lindqvist-Reyes, she said: “He was outstanding today.”",
    ) == ["Mary Thornwick", "Mary Thornwick"]


def test_a_named_subject_still_takes_the_pronoun() -> None:
    assert speakers(
        "“We were patient,” said Mary Thornwick, the home side’s manager.",
        "Away manager Rufus Delacroix-Hale disagreed. “We were robbed,” he said.",
    ) == ["Mary Thornwick", "Rufus Delacroix-Hale"]


def test_a_kinship_noun_before_a_name_gives_its_gender() -> None:
    assert speakers(
        "Elspeth Marrowby, the novelist, has died at 88. Her death was announced by her son, "
        "Torvald Marrowby, who said she had been ill for some time.",
        "“She wrote every single morning,” he said.",
    ) == ["Torvald Marrowby"]


def test_a_named_instrument_is_not_a_person() -> None:
    assert speakers(
        "“The signal is clear,” said Professor Annelise Quarmby, who led the work.",
        "Quarmby and her team used the Edwin Hubble Space Telescope for the measurements.",
        "“We checked it twice,” she said.",
    ) == ["Annelise Quarmby", "Annelise Quarmby"]


def test_the_company_is_the_company_named_earlier_in_the_paragraph() -> None:
    assert speakers(
        "The regulator fined the supplier. In a statement, Pellworth Valley Water said it "
        "accepted the ruling. “We are sorry,” the company said.",
    ) == ["Pellworth Valley Water"]


def test_the_group_is_the_partnership_named_in_the_paragraph_before() -> None:
    assert speakers(
        "“We will strike,” said the union’s leader, Osric Fenwell-Dunn.",
        "The Operators Partnership, which speaks for the employers, called the move premature.",
        "“We have made an offer,” a spokesman for the group said.",
    ) == ["Osric Fenwell-Dunn", "Operators Partnership"]
