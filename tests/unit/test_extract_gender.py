"""Given-name and in-text gender, which pronouns use to skip the wrong person."""

from __future__ import annotations

from newsreader.extract import extract
from newsreader.extract.gender import gender_of
from newsreader.models import QuoteKind


def speakers(*paragraphs: str) -> list[str | None]:
    return [q.speaker for q in extract(list(paragraphs)).quotes if q.kind is QuoteKind.STATEMENT]


def test_gender_read_from_honorific_for_an_unlisted_forename() -> None:
    assert speakers(
        "“It leaks,” said Idris Quarm. Mr. Quarm has fixed the roof twice.",
        "His neighbour, Tamsin Oake, agreed. “It has always leaked,” Ms. Oake said.",
        "“I will fix it again,” he said.",
    ) == ["Idris Quarm", "Tamsin Oake", "Idris Quarm"]


def test_a_kinship_noun_before_a_name_gives_its_gender() -> None:
    assert speakers(
        "Elspeth Marrowby, the novelist, has died at 88. Her death was announced by her son, "
        "Torvald Marrowby, who said she had been ill for some time.",
        "“She wrote every single morning,” he said.",
    ) == ["Torvald Marrowby"]


def test_common_forenames_across_traditions_have_a_gender() -> None:
    assert gender_of("Kieran Doyle") == "m"
    assert gender_of("Elaine Park") == "f"
    assert gender_of("Chiamaka Eze") == "f"
    assert gender_of("Joaquín Ruiz") == "m"  # accents dropped before the lookup


def test_unisex_forenames_stay_unknown() -> None:
    assert gender_of("Alex Reed") is None
    assert gender_of("Kiran Shah") is None


def test_a_kinship_noun_with_an_occupation_between_gives_the_gender() -> None:
    assert speakers(
        "Mary Steenburgen had surgery in 2016. “I felt strange,” she said.",
        "Steenburgen’s son, filmmaker Charlie McDowell, remembers it. “It was hard,” he said.",
        "The actress was not itching to quit. “I really liked music,” she said.",
    ) == ["Mary Steenburgen", "Charlie McDowell", "Mary Steenburgen"]
