"""Quote frames: split quotes and sentence ends around the marks."""

from __future__ import annotations

from newsreader.extract import extract
from newsreader.models import QuoteKind


def speakers(*paragraphs: str) -> list[str | None]:
    return [q.speaker for q in extract(list(paragraphs)).quotes if q.kind is QuoteKind.STATEMENT]


def test_three_part_split_quote_keeps_the_middle_part() -> None:
    found = extract(
        [
            "“We started late,” said Councillor Ada Brook, “and we finished early,” she added, "
            "“which nobody expected.”"
        ]
    ).quotes
    assert [(q.kind, q.speaker) for q in found] == [(QuoteKind.STATEMENT, "Ada Brook")] * 3


def test_lowercase_abbreviation_before_a_quote_ends_the_sentence() -> None:
    assert speakers(
        "“It was quiet,” said guard Rita Moss, who started at 6 a.m. “Then it wasn’t.”"
    ) == ["Rita Moss", "Rita Moss"]
