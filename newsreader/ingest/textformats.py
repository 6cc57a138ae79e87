"""Text formats: the seed plain-text format and headerless text, as `Document`s.

The seed format (`../shared/seeds/`, `sample_feeds/*.txt`): a first line
`date YYYY-MM-DD Source Name`, a blank line, then paragraphs separated by blank lines. A first
paragraph that says when (`UPDATED 3:15 PM PT — Friday, January 3, 2020`) is the dateline.
There is no headline line: the lead sentence is the headline, whole, and the body starts after
it (`newsreader.text.take_headline`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from newsreader.ingest.embeds import MONTH_PATTERN
from newsreader.models import Document
from newsreader.text import clean_line, derive_title, take_headline

__all__ = [
    "SeedArticle",
    "derive_title",
    "paragraphs_of",
    "parse_plain_text",
    "parse_seed_text",
    "plain_text_document",
    "split_dateline",
]

_SEED_HEADER = re.compile(r"date\s+(\d{4}-\d{2}-\d{2})(?:[ \t]+([^\n]*))?")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
# Lead lines that say when, not what: "UPDATED 3:15 PM PT — Friday, January 3, 2020",
# "Published: ...", or a lone "Friday, January 3, 2020". A "CITY, Country —" lead is text.
_DATELINE = re.compile(
    r"(?:(?:last\s+)?updated|published|posted)\b.{0,100}"
    r"|(?:\w+day,?\s+)?"
    + MONTH_PATTERN
    + r"\s+\d{1,2},?\s+\d{4}(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}.{0,20})?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class SeedArticle:
    """The parts of a text article, before it gets an identity."""

    document: Document = field(default_factory=Document)
    source_name: str = ""
    published: datetime | None = None
    dateline: str | None = None
    title: str = ""


def paragraphs_of(text: str) -> list[str]:
    """Blank-line separated paragraphs, inner newlines joined with a space, cleaned."""
    blocks = _BLANK_LINES.split(text.replace("\r\n", "\n").replace("\r", "\n"))
    return [line for line in (clean_line(block) for block in blocks) if line]


def plain_text_document(text: str) -> Document:
    """Plain text as a document of paragraphs (blank lines separate them)."""
    return Document.from_paragraphs(paragraphs_of(text))


def split_dateline(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """Take a leading dateline paragraph off the body."""
    if paragraphs and len(paragraphs[0]) <= 120 and _DATELINE.fullmatch(paragraphs[0]):
        return paragraphs[0], paragraphs[1:]
    return None, paragraphs


def seed_date(iso_date: str) -> datetime | None:
    try:
        return datetime.strptime(iso_date, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return None


def split_header(text: str) -> tuple[re.Match[str] | None, str]:
    """The seed header line (`date YYYY-MM-DD Source`) if the text starts with one; the rest."""
    text = text.lstrip("\ufeff \t\r\n")
    first_line, _, rest = text.partition("\n")
    return _SEED_HEADER.fullmatch(first_line.strip()), rest


def parse_seed_text(text: str) -> SeedArticle | None:
    """Parse the seed plain-text format.

    Args:
        text: The whole file, decoded.

    Returns:
        The article's parts, or None when the text does not start with the header line.
    """
    header, rest = split_header(text)
    if header is None:
        return None
    dateline, paragraphs = split_dateline(paragraphs_of(rest))
    # The seed format has no headline: the lead sentence is it, and the body goes on after it.
    title, body = take_headline(paragraphs)
    return SeedArticle(
        document=Document.from_paragraphs(body),
        source_name=clean_line(header.group(2) or "")[:300],
        published=seed_date(header.group(1)),
        dateline=dateline,
        title=title,
    )


def parse_plain_text(text: str) -> SeedArticle:
    """A `.txt` without the header: the first line is the title, the rest the body."""
    seed = parse_seed_text(text)
    if seed is not None:
        return seed
    first_line, _, rest = text.lstrip("\ufeff \t\r\n").partition("\n")
    title = clean_line(first_line)[:500]
    body = paragraphs_of(rest) or [title]
    dateline, body = split_dateline(body)
    return SeedArticle(document=Document.from_paragraphs(body), dateline=dateline, title=title)
