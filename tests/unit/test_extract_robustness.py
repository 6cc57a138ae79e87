"""Extraction never raises, stays inside its input and finishes on hostile text."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.extract import extract, extract_strict
from newsreader.models import Extraction

MARKS = "“”„«»‘’‚‹›\"'`「」『』"
# Text built mostly from the characters that drive the state machine and the cue patterns.
ALPHABET = st.sampled_from(
    list(MARKS) + list(" .,:;—–-()@#\n") + list("aeiouAEIOU said he told Ortiz 2020 May 3")
)
paragraph_text = st.text(alphabet=ALPHABET, max_size=300) | st.text(max_size=200)
articles = st.lists(paragraph_text, max_size=8)


def _check_bounds(paragraphs: list[str], found: Extraction) -> None:
    for quote in found.quotes:
        assert quote.spans
        pieces = []
        for span in quote.spans:
            assert 0 <= span.paragraph < len(paragraphs)
            text = paragraphs[span.paragraph]
            assert 0 <= span.start < span.end <= len(text)
            pieces.append(text[span.start : span.end])
        # Every word of the quote comes from the text its spans cover.
        for word in quote.text.split():
            assert any(word in piece for piece in pieces)
        if len(quote.spans) == 1:
            assert quote.text in pieces[0]
    for post in found.posts:
        assert 0 <= post.paragraph < len(paragraphs)


@settings(max_examples=400, deadline=None)
@given(articles)
def test_never_raises_and_spans_slice_back_into_the_article(paragraphs: list[str]) -> None:
    found = extract_strict(paragraphs)
    _check_bounds(paragraphs, found)


@settings(max_examples=200, deadline=None)
@given(articles)
def test_output_is_bounded_by_the_input(paragraphs: list[str]) -> None:
    found = extract_strict(paragraphs)
    size = sum(len(p) for p in paragraphs)
    assert len(found.quotes) <= size // 2 + 1
    assert len(found.posts) <= len(paragraphs)
    assert sum(len(q.text) for q in found.quotes) <= size


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(MARKS + " a"), max_size=400), max_size=5))
def test_mark_soup_never_raises(paragraphs: list[str]) -> None:
    _check_bounds(paragraphs, extract_strict(paragraphs))


def test_quote_text_lies_between_the_marks() -> None:
    paragraphs = ["“A short one,” said Al Ode. “And another one here.”", "No quotes."]
    for quote in extract(paragraphs).quotes:
        (span,) = quote.spans
        inner = paragraphs[span.paragraph][span.start + 1 : span.end - 1]
        assert inner.strip() == quote.text


def test_non_string_paragraphs_do_not_raise() -> None:
    assert extract([None, 42, "“Fine,” he said."]).quotes  # type: ignore[list-item]


@pytest.mark.parametrize(
    "paragraph",
    [
        "“" * 1_000_000,
        "”“" * 500_000,
        '"' * 1_000_000,
        "'" * 1_000_000,
        "« " * 500_000,
        '"a" ' * 250_000,
        "“word " * 200_000,
        ("said " * 20_000) + "“x”",
        "— (@" * 200_000 + ") May 2, 2025",
        ("A" * 99_999) + "“",
        "—" * 100_000 + " Name (@handle) May 2, 2025",
    ],
    ids=range(11),
)
def test_hostile_paragraph_finishes(paragraph: str) -> None:
    found = extract_strict([paragraph, paragraph[:1000]])
    _check_bounds([paragraph, paragraph[:1000]], found)


def test_ten_megabytes_of_quote_marks_finish() -> None:
    paragraph = ("“”„«»‘’\"'" * 1_000_000)[:10_000_000]
    assert isinstance(extract_strict([paragraph]), Extraction)


def test_many_unbalanced_paragraphs_finish() -> None:
    paragraphs = ["“Open and never closed, said Al Ode."] * 20_000
    assert isinstance(extract_strict(paragraphs), Extraction)


@pytest.mark.parametrize(
    "module",
    [
        "newsreader.extract",
        "newsreader.extract.marks",
        "newsreader.extract.attribution",
        "newsreader.extract.tokens",
        "newsreader.extract.person_names",
        "newsreader.extract.organisations",
        "newsreader.extract.mentions",
        "newsreader.extract.gender",
        "newsreader.extract.evaluate",
        "newsreader.extract.framing",
        "newsreader.extract.posts",
        "newsreader.extract.speakers",
        "newsreader.extract.kinds",
        "newsreader.extract.lexicon",
    ],
)
def test_extract_modules_import_no_ui_or_third_party_code(module: str) -> None:
    probe = (
        f"import sys, {module}; "
        "bad = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'textual', 'rich', 'spacy', 'torch', 'numpy', 'nltk', 'textacy'}); "
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
