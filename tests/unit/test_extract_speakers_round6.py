"""Speaker rules added for the sixth held-out round: broad forename lists, role appositions."""

from __future__ import annotations

from newsreader.extract import extract
from newsreader.extract.names import gender_of


def _speakers(paragraphs: list[str]) -> list[str | None]:
    return [q.speaker for q in extract(paragraphs).quotes]


def test_common_forenames_across_traditions_have_a_gender() -> None:
    assert gender_of("Kieran Doyle") == "m"
    assert gender_of("Elaine Park") == "f"
    assert gender_of("Chiamaka Eze") == "f"
    assert gender_of("Joaquín Ruiz") == "m"  # accents dropped before the lookup


def test_unisex_forenames_stay_unknown() -> None:
    assert gender_of("Alex Reed") is None
    assert gender_of("Kiran Shah") is None


def test_role_apposition_before_said_makes_the_name_the_subject() -> None:
    paragraphs = [
        "“It was grave,” said Judge Ann Lowe.",
        "The prosecutor, Omar Vell, said Peter Grant had lied. “It was deliberate,” he said.",
    ]
    assert _speakers(paragraphs) == ["Ann Lowe", "Omar Vell"]
