"""Speaker rules added after the third held-out round (tests/extract_heldout3/)."""

from __future__ import annotations

from newsreader.extract import extract


def speakers(*paragraphs: str) -> list[str | None]:
    return [q.speaker for q in extract(list(paragraphs)).quotes]


def test_double_surname_after_a_comma_keeps_every_word() -> None:
    assert speakers(
        "The club’s president, Ana Lucía Beltrán Ochoa, spoke first. "
        "“We had no choice,” Beltrán Ochoa said.",
    ) == ["Ana Lucía Beltrán Ochoa"]


def test_three_part_name_after_said_keeps_every_word() -> None:
    assert speakers(
        "“Water first,” said Do Minh Chau, who runs the shelter. “Then roofs.”",
    ) == ["Do Minh Chau", "Do Minh Chau"]


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


def test_gender_read_from_honorific_for_an_unlisted_forename() -> None:
    assert speakers(
        "“It leaks,” said Idris Quarm. Mr. Quarm has fixed the roof twice.",
        "His neighbour, Tamsin Oake, agreed. “It has always leaked,” Ms. Oake said.",
        "“I will fix it again,” he said.",
    ) == ["Idris Quarm", "Tamsin Oake", "Idris Quarm"]
