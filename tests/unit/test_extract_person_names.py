"""Person names: surnames, particles, patronymics, nicknames, long names."""

from __future__ import annotations

import pytest

from newsreader.extract import extract
from newsreader.models import QuoteKind


def speakers(*paragraphs: str) -> list[str | None]:
    return [q.speaker for q in extract(list(paragraphs)).quotes if q.kind is QuoteKind.STATEMENT]


def _speakers(paragraphs: list[str]) -> list[str | None]:
    return [q.speaker for q in extract(paragraphs).quotes]


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


def test_nickname_inside_a_name() -> None:
    assert speakers(
        "Winger Samuel “Sammy Boy” Addo scored twice.",
        "“I felt sharp,” Addo said. “Very sharp.”",
        "“He was unplayable,” said defender Lewis Crane.",
        "“Not bad for an old man,” Sammy Boy said.",
    ) == ["Samuel Addo", "Samuel Addo", "Lewis Crane", "Samuel Addo"]


def test_double_surname_after_a_comma_keeps_every_word() -> None:
    assert speakers(
        "The club’s president, Ana Lucía Beltrán Ochoa, spoke first. "
        "“We had no choice,” Beltrán Ochoa said.",
    ) == ["Ana Lucía Beltrán Ochoa"]


def test_three_part_name_after_said_keeps_every_word() -> None:
    assert speakers(
        "“Water first,” said Do Minh Chau, who runs the shelter. “Then roofs.”",
    ) == ["Do Minh Chau", "Do Minh Chau"]


def test_name_prefix_that_is_also_an_article() -> None:
    paragraphs = [
        "Samir El Ouardi, a fisherman, said the catch had halved.",
        "“There are no sardines left,” El Ouardi said.",
    ]
    assert _speakers(paragraphs) == ["Samir El Ouardi"]


def test_a_named_instrument_is_not_a_person() -> None:
    assert speakers(
        "“The signal is clear,” said Professor Annelise Quarmby, who led the work.",
        "Quarmby and her team used the Edwin Hubble Space Telescope for the measurements.",
        "“We checked it twice,” she said.",
    ) == ["Annelise Quarmby", "Annelise Quarmby"]
