"""Speaker rules added after the fourth held-out round, on invented sentences."""

from __future__ import annotations

from newsreader.extract import extract
from newsreader.extract.names import NameBook


def _speakers(paragraphs: list[str]) -> list[str | None]:
    return [q.speaker for q in extract(paragraphs).quotes if q.kind.value == "statement"]


def test_bare_noun_resolves_to_the_organisation_named_earlier() -> None:
    paragraphs = [
        "Farmers near the Larkmoor Valley Irrigation District complained about the new quotas.",
        "Wells are running dry. “We have cut every allocation by a fifth,” the district said.",
    ]
    assert _speakers(paragraphs) == ["Larkmoor Valley Irrigation District"]


def test_bare_noun_resolves_through_an_appositive() -> None:
    paragraphs = [
        "Their publisher, Quillfeather Books, confirmed the delay.",
        "“The printer let us down,” the publisher said.",
    ]
    assert _speakers(paragraphs) == ["Quillfeather Books"]


def test_bare_force_resolves_to_the_police_named_earlier() -> None:
    paragraphs = [
        "Wessex Police said two men had been arrested.",
        "“We are not looking for anyone else,” the force said.",
    ]
    assert _speakers(paragraphs) == ["Wessex Police"]


def test_pronoun_after_an_unnamed_person_gets_no_speaker() -> None:
    paragraphs = [
        "“The roof went first,” Dorothea Quayle said.",
        "A man who lives opposite the bakery said he heard the crash. “It sounded like a train,”"
        " he said.",
    ]
    assert _speakers(paragraphs) == ["Dorothea Quayle", None]


def test_comma_description_of_a_named_person_is_not_unnamed() -> None:
    paragraphs = [
        "Orla Fenwick, a nurse who was on shift, said the ward stayed calm. “Nobody panicked,”"
        " she said.",
    ]
    assert _speakers(paragraphs) == ["Orla Fenwick"]


def test_definite_role_subject_takes_the_pronoun() -> None:
    paragraphs = [
        "“The contract is void,” Judge Marisol Trevane wrote.",
        "“We will appeal,” said Bettina Oakhurst, the landlord.",
        "Later in the ruling, the judge turned to costs. “Each side pays its own,” she wrote.",
    ]
    assert _speakers(paragraphs) == ["Marisol Trevane", "Bettina Oakhurst", "Marisol Trevane"]


def test_name_prefix_that_is_also_an_article() -> None:
    paragraphs = [
        "Samir El Ouardi, a fisherman, said the catch had halved.",
        "“There are no sardines left,” El Ouardi said.",
    ]
    assert _speakers(paragraphs) == ["Samir El Ouardi"]


def test_object_her_after_a_name_does_not_give_the_gender() -> None:
    text = "Kestrin Tilsley has worked with her for a decade."
    book = NameBook()
    book.note_text(0, text)
    book.add("Kestrin Tilsley", (0, 0))
    assert book.gender("Kestrin Tilsley") is None
