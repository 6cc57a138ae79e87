"""Speaker rules added for the eighth held-out round: named and earlier-introduced spokespeople."""

from __future__ import annotations

from newsreader.extract import extract


def _speakers(paragraphs: list[str]) -> list[str | None]:
    return [q.speaker for q in extract(paragraphs).quotes]


def test_a_named_spokesperson_is_the_person() -> None:
    paragraphs = [
        "A spokesman for the water company, Tobias Renshaw, said the pipe had been replaced. "
        "“Supplies are back to normal,” the spokesman said."
    ]
    assert _speakers(paragraphs) == ["Tobias Renshaw"]


def test_a_named_spokesperson_reaches_later_paragraphs() -> None:
    paragraphs = [
        "A spokeswoman for Brackley Rail, Imogen Talbot, said the line would reopen. "
        "“We are sorry for the delay,” she said.",
        "Passengers were angry about the closure.",
        "Asked about refunds, the spokeswoman said claims would be honoured. "
        "“Nobody will be out of pocket,” the spokeswoman said.",
    ]
    assert _speakers(paragraphs) == ["Imogen Talbot", "Imogen Talbot"]


def test_an_unnamed_spokesperson_reaches_later_paragraphs() -> None:
    paragraphs = [
        "“The road will stay shut,” a spokesperson for the Highways Board said.",
        "Drivers face a long diversion.",
        "“We will reopen it as soon as it is safe,” the spokesperson said.",
    ]
    assert _speakers(paragraphs) == ["Highways Board", "Highways Board"]


def test_the_spokesperson_comma_name_still_wins() -> None:
    paragraphs = [
        "A spokesperson for the Highways Board said the road was shut.",
        "The spokesperson, Owen Pryce, said it would reopen. “Soon,” the spokesperson said.",
    ]
    assert _speakers(paragraphs) == ["Owen Pryce"]
