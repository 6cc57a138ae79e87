"""Extraction with a size bound, for callers that must stay responsive (the app, the indexer).

The extractor is linear in its input, but at about 1 ms per quote in the worst shapes (one
200 KB paragraph of quote after quote takes 8 s), so an article past `MAX_EXTRACTION_CHARS`
is shown and indexed without quote analysis, and the caller says so. A long-form feature of
10,000 words is about 60,000 characters; the bound is well past any real article.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsreader.models import Extraction

__all__ = ["MAX_EXTRACTION_CHARS", "extract_within_bound", "too_long_for_extraction"]

MAX_EXTRACTION_CHARS = 150_000
"""Characters of body past which no quote analysis is done."""


def too_long_for_extraction(paragraphs: Sequence[str]) -> bool:
    """Whether the body is past `MAX_EXTRACTION_CHARS`."""
    total = 0
    for paragraph in paragraphs:
        total += len(paragraph)
        if total > MAX_EXTRACTION_CHARS:
            return True
    return False


def extract_within_bound(paragraphs: Sequence[str]) -> Extraction | None:
    """`extract(paragraphs)`, or None when the body is too long to analyse.

    Args:
        paragraphs: The article's block texts.

    Returns:
        The quotes and posts found, or None past `MAX_EXTRACTION_CHARS` characters.

    Raises:
        Exception: Whatever the extractor raises on input it cannot read.
    """
    if too_long_for_extraction(paragraphs):
        return None
    # The strict form: an extractor error reaches the caller, which logs it with the article
    # id and counts it (`newsreader.services.indexing`), instead of becoming "no quotes".
    from newsreader.extract import extract_strict

    return extract_strict(paragraphs)
