"""Statement, fragment or scare quote: whole lines someone said or wrote are statements,
a speaker's own words woven into a sentence are a fragment of theirs, and a closing straight
mark never opens a quote."""

from __future__ import annotations

import pytest

from newsreader.extract import extract
from newsreader.models import QuoteKind


def kinds(*paragraphs: str) -> list[tuple[str, QuoteKind, str | None]]:
    return [(q.text, q.kind, q.speaker) for q in extract(list(paragraphs)).quotes]


@pytest.mark.parametrize(
    "paragraph",
    [
        "“We'll win,” she said, “and early.”",
        "“We will rebuild,” the mayor said, “and we will do it quickly.”",
    ],
)
def test_lowercase_continuation_of_a_split_quote_is_a_statement(paragraph: str) -> None:
    lead = "Dana Ruiz spoke at the rally. The mayor, Dana Ruiz, was upbeat."
    found = kinds(lead, paragraph)
    assert [k for _, k, _ in found] == [QuoteKind.STATEMENT, QuoteKind.STATEMENT]
    assert {s for _, _, s in found} == {"Dana Ruiz"}


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("“Go vote,” Pell urged.", "Pell"),
        ("“Stop!” shouted Ana Ruiz.", "Ana Ruiz"),
        ("“Not today,” Ruiz snapped.", "Ruiz"),
    ],
)
def test_short_complete_line_in_a_dialogue_frame_is_a_statement(
    paragraph: str, speaker: str
) -> None:
    ((_, kind, said),) = kinds(paragraph)
    assert kind is QuoteKind.STATEMENT
    assert said == speaker


@pytest.mark.parametrize(
    "paragraph",
    [
        "A sign on the door read, “Open Late.”",
        "Fans flew a banner over the stadium that read “SELL THE TEAM.”",
        "Nurses held placards reading “Safe Staffing Saves Lives”.",
        "Runners passed a hand-lettered sign: “Pain Is Temporary, Pickles Are Forever.”",
        "Several residents held up signs. One read, “Fix Our Roads First.”",
        "The whiteboard tracks the months of cash left. On Monday it read “4.5.”",
    ],
)
def test_words_on_a_sign_are_a_statement_with_no_speaker(paragraph: str) -> None:
    (quote,) = [q for q in extract([paragraph]).quotes]
    assert quote.kind is QuoteKind.STATEMENT
    assert quote.speaker is None


def test_email_subject_line_is_a_statement_of_the_sender() -> None:
    found = kinds(
        "Jo Marsh, the office manager, wrote to staff on Monday.",
        "She asks in the subject line, “Who keeps taking my lunch?”",
    )
    assert found == [("Who keeps taking my lunch?", QuoteKind.STATEMENT, "Jo Marsh")]


@pytest.mark.parametrize(
    ("paragraph", "speaker", "words"),
    [
        (
            "Army General Mark Milley said any attempt to storm the embassy would be like "
            "running into a “buzz saw.”",
            "Mark Milley",
            "buzz saw.",
        ),
        ("Coach Dana Holt said the defeat was a “wake-up call.”", "Dana Holt", "wake-up call."),
    ],
)
def test_speakers_own_short_words_ending_their_sentence_are_their_fragment(
    paragraph: str, speaker: str, words: str
) -> None:
    assert kinds(paragraph) == [(words, QuoteKind.FRAGMENT, speaker)]


def test_a_name_for_a_thing_stays_a_scare_quote() -> None:
    ((_, kind, _),) = kinds("Critics have called the new parking rules a “cash grab.”")
    assert kind is QuoteKind.SCARE


@pytest.mark.parametrize(
    "paragraph",
    [
        'Students chalked "Go Team" on the path, part of a "chalk" drive.',
        'Students chalked "Go Team" (on the path), part of a "chalk" drive.',
        'Fans waved "Go Team" signs, part of a "chalk" drive by the union.',
        'The 6\'5" forward chalked "Go Team" on the path, part of a "chalk" drive.',
        '"Go Team" was chalked on the path, part of a "chalk" drive.',
    ],
)
def test_closing_straight_mark_does_not_open_a_quote(paragraph: str) -> None:
    texts = [text for text, _, _ in kinds(paragraph)]
    assert texts == ["Go Team", "chalk"]
    assert all(k is not QuoteKind.STATEMENT for _, k, _ in kinds(paragraph))


def test_quote_pane_lists_a_fragment_under_its_speaker() -> None:
    from newsreader.ui.widgets.quote_pane import item_text, pane_items

    extraction = extract(
        [
            "Army General Mark Milley said the embassy would be like a “buzz saw.”",
            "Critics called the plan a “cash grab.”",
        ]
    )
    items = pane_items(extraction)
    assert [(q.text, q.speaker) for q in items] == [("buzz saw.", "Mark Milley")]
    assert item_text(items[0]).plain == "Mark Milley\n“…buzz saw.”"


def test_a_second_slogan_listed_after_a_sign_is_on_a_sign_too() -> None:
    found = kinds("Marchers carried signs reading “Fund Our Future” and “No More Fees.”")
    assert found == [
        ("Fund Our Future", QuoteKind.STATEMENT, None),
        ("No More Fees.", QuoteKind.STATEMENT, None),
    ]
