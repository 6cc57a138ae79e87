"""Pronoun speakers: `he said` and `she said` go to the person the text is about."""

from __future__ import annotations

from newsreader.extract import extract
from newsreader.extract.mentions import NameBook
from newsreader.models import QuoteKind


def speakers(*paragraphs: str) -> list[str | None]:
    return [q.speaker for q in extract(list(paragraphs)).quotes if q.kind is QuoteKind.STATEMENT]


def _speakers(paragraphs: list[str]) -> list[str | None]:
    return [q.speaker for q in extract(paragraphs).quotes]


def test_pronoun_after_an_unnamed_person_gets_no_speaker() -> None:
    paragraphs = [
        "“The roof went first,” Dorothea Quayle said.",
        "A man who lives opposite the bakery said he heard the crash. “It sounded like a train,”"
        " he said.",
    ]
    assert _speakers(paragraphs) == ["Dorothea Quayle", None]


def test_definite_role_subject_takes_the_pronoun() -> None:
    paragraphs = [
        "“The contract is void,” Judge Marisol Trevane wrote.",
        "“We will appeal,” said Bettina Oakhurst, the landlord.",
        "Later in the ruling, the judge turned to costs. “Each side pays its own,” she wrote.",
    ]
    assert _speakers(paragraphs) == ["Marisol Trevane", "Bettina Oakhurst", "Marisol Trevane"]


def test_object_her_after_a_name_does_not_give_the_gender() -> None:
    text = "Kestrin Tilsley has worked with her for a decade."
    book = NameBook()
    book.note_text(0, text)
    book.add("Kestrin Tilsley", (0, 0))
    assert book.gender("Kestrin Tilsley") is None


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
