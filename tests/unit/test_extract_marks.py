"""Quote-mark pairing: which marks open and close a quote, and which never do."""

from __future__ import annotations

import pytest

from newsreader.extract import extract
from newsreader.models import QuoteKind


def texts(*paragraphs: str) -> list[str]:
    return [q.text for q in extract(paragraphs).quotes]


def test_apostrophes_never_open_a_quote() -> None:
    assert (
        texts("Residents’ complaints about the noise haven’t stopped, officials’ notes say.") == []
    )


def test_apostrophes_stay_inside_a_quote() -> None:
    quote = "The players’ union hasn’t seen the offer,"
    assert texts(f"“{quote}” said agent Tom Reyes.") == [quote]


def test_inch_marks_never_open_a_quote() -> None:
    assert texts('The 6" water main burst near Main Street, officials said.') == []


def test_inch_mark_inside_a_quote_does_not_close_it() -> None:
    quote = 'We bought a 12" pizza and shared it with the whole crew,'
    assert texts(f'"{quote}" said Ana Ruiz.') == [quote]


def test_nested_single_quotes_stay_inside_the_outer_quote() -> None:
    quote = "When the officer shouted ‘stop,’ I froze,"
    assert texts(f"“{quote}” said witness Carla Diaz.") == [quote]


def test_straight_quote_nested_in_curly_quote() -> None:
    quote = 'They called it "the big one" and nobody laughed,'
    assert texts(f"“{quote}” said Mo Farah.") == [quote]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "«Nous ne reculerons pas», a déclaré la ministre Claire Dubois.",
            "Nous ne reculerons pas",
        ),
        ("« Nous irons jusqu’au bout », a dit Marc Petit.", "Nous irons jusqu’au bout"),
        ("„Wir haben keine andere Wahl“, sagte Anna Weber.", "Wir haben keine andere Wahl"),
        ("»Die Lage ist ernst«, sagte Jonas Brandt.", "Die Lage ist ernst"),
        ("``We're ready for the playoffs,'' said coach Ray Park.", "We're ready for the playoffs,"),
        ("‘We have turned a corner,’ said headteacher Mary Holt.", "We have turned a corner,"),
        (
            '"The numbers are still climbing," Ortiz told reporters.',
            "The numbers are still climbing,",
        ),
    ],
)
def test_quote_mark_families(paragraph: str, expected: str) -> None:
    assert texts(paragraph) == [expected]


def test_single_marks_are_not_quotes_in_a_double_quoted_article() -> None:
    found = texts("Fans chanted ‘we want more’ outside.", "“It was loud,” said Kim Ode.")
    assert found == ["It was loud,"]


def test_multi_paragraph_quote_joins_segments_with_a_space() -> None:
    found = extract(["“We measured the water at dawn.", "“It was two meters from the top.”"])
    (quote,) = found.quotes
    assert quote.text == "We measured the water at dawn. It was two meters from the top."
    assert [span.paragraph for span in quote.spans] == [0, 1]


def test_multi_paragraph_quote_with_straight_marks() -> None:
    found = extract(['"Tomorrow is another question.', '"We need volunteers now."'])
    assert [q.text for q in found.quotes] == [
        "Tomorrow is another question. We need volunteers now."
    ]


def test_unclosed_quote_does_not_swallow_the_article() -> None:
    paragraphs = [
        "Critics called the plan a “cash grab.",
        "“This plan pays for the garage,” said council president Howard Bell.",
        "“That was the promise we made.”",
    ]
    found = extract(paragraphs)
    assert [q.text for q in found.quotes][-2:] == [
        "This plan pays for the garage,",
        "That was the promise we made.",
    ]
    assert found.quotes[-1].speaker == "Howard Bell"


def test_odd_number_of_marks_in_one_paragraph_keeps_later_quotes() -> None:
    found = texts("He said “we will go and then “Nothing changes,” said Ana Ruiz.")
    assert "Nothing changes," in found


def test_spans_include_the_marks() -> None:
    paragraph = "“We will reopen the bridge,” said Mayor Dana Ortiz."
    (quote,) = extract([paragraph]).quotes
    (span,) = quote.spans
    assert paragraph[span.start : span.end] == "“We will reopen the bridge,”"


def test_title_in_quotes_is_a_scare_quote() -> None:
    (quote,) = extract(["The band will play “Under the Harvest Moon” at the fair."]).quotes
    assert quote.kind is QuoteKind.SCARE
    assert quote.speaker is None


def test_short_quote_after_an_article_is_a_scare_quote() -> None:
    (quote,) = extract(["Critics have called the new parking rules a “cash grab.”"]).quotes
    assert quote.kind is QuoteKind.SCARE


def test_short_framed_quote_is_a_statement() -> None:
    (quote,) = extract(["“Absolutely not,” the senator replied."]).quotes
    assert quote.kind is QuoteKind.STATEMENT
    assert quote.speaker is None  # a senator named nowhere in the article is nobody we can name


def test_partial_quote_woven_into_a_sentence_is_a_fragment() -> None:
    paragraph = 'Mayor Eli Stone said the city "cannot afford weeks of empty berths" and left.'
    (quote,) = extract([paragraph]).quotes
    assert quote.kind is QuoteKind.FRAGMENT
    assert quote.speaker == "Eli Stone"


def test_empty_quotes_are_dropped() -> None:
    assert texts("An empty pair “” and a blank one “ ” say nothing.") == []
