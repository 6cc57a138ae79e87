"""The filter language: parsing, errors with columns, and what it selects in a real store."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader.models import (
    ArticleDraft,
    Document,
    Extraction,
    Quote,
    QuoteKind,
    SourceDraft,
    Span,
)
from newsreader.rules import RuleError, filter_condition, parse_rule
from newsreader.rules.parser import And, Comparison, Not, Or
from newsreader.store import ListFilter, Store

NOW = int(datetime(2026, 11, 30, 12, tzinfo=UTC).timestamp())
DAY = 86_400


def test_precedence_not_binds_tighter_than_and_than_or() -> None:
    tree = parse_rule('not read and title ~ "a" or starred')
    assert tree == Or(
        (
            And((Not(Comparison("read", "=", True)), Comparison("title", "~", "a"))),
            Comparison("starred", "=", True),
        )
    )


def test_keywords_fields_and_quotes_in_any_case_and_style() -> None:
    assert parse_rule("Title ~ 'ferry' AND NOT Read") == And(
        (Comparison("title", "~", "ferry"), Not(Comparison("read", "=", True)))
    )
    assert parse_rule(r'title = "say \"hi\""') == Comparison("title", "=", 'say "hi"')
    assert parse_rule("(((age < 2w)))") == Comparison("age", "<", 14 * DAY)
    assert parse_rule("age > 90") == Comparison("age", ">", 90 * DAY)
    assert parse_rule("starred = no") == Comparison("starred", "=", False)


@pytest.mark.parametrize(
    ("source", "column", "words"),
    [
        ("", 1, "empty filter"),
        ("title", 6, "expected an operator"),
        ("title =", 8, "expected a value"),
        ("colour = red", 1, "unknown field 'colour'"),
        ("(title ~ a", 11, "expected ) to close the ( at column 1"),
        ("title ~ a)", 10, "expected and, or or the end"),
        ('title = "never closed', 9, "never closed"),
        ("age ~ 3d", 5, "age takes < > <= >="),
        ("age < 3 fortnights", 9, "expected and, or or the end"),
        ("age < 3x", 7, "age is a number and a unit"),
        ("date > yesterday", 8, "date is YYYY-MM-DD"),
        ("read = maybe", 8, "read is true or false"),
        ("text = ferry", 6, "text takes ~ !~"),
        ("title ! x", 7, "'!' must be followed"),
        ("title ~ a and", 14, "expected a field"),
        ("title ~ a or or b", 14, "expected a field"),
        ("not", 4, "expected a field"),
        ("title ~ and", 9, "expected a value"),
    ],
)
def test_errors_point_at_the_column_in_one_line(source: str, column: int, words: str) -> None:
    with pytest.raises(RuleError) as raised:
        parse_rule(source)
    assert raised.value.column == column
    assert words in raised.value.message
    assert str(raised.value).startswith(f"column {column}: ")
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("source", "column", "words"),
    [
        ("(" * 5000 + "read" + ")" * 5000, 65, "nested more than 64 deep"),
        ("not " * 5000 + "read", 257, "nested more than 64 deep"),
        (" or ".join(["read"] * 3000), 2049, "more than 256 comparisons"),
        ("date = 9999-12-31", 8, "out of range"),
        ("date < 0001-01-01", 8, "out of range"),
    ],
)
def test_hostile_sizes_and_dates_are_refused_with_a_column(
    source: str, column: int, words: str
) -> None:
    with pytest.raises(RuleError) as raised:
        filter_condition(source, NOW)
    assert raised.value.column == column and words in raised.value.message


def test_the_largest_accepted_filters_run(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    for source in ("(" * 64 + "read" + ")" * 64, " or ".join(["title ~ x"] * 256),
                   "age < 999999999y", "date > 0001-01-02"):  # fmt: skip
        assert store.count(ListFilter(conditions=(filter_condition(source, NOW),))) == 0


def test_user_text_only_travels_as_parameters() -> None:
    hostile = "x' OR 1=1 --"
    condition = filter_condition(f'title = "{hostile}" or text ~ "{hostile}"', NOW)
    assert hostile not in condition.sql
    assert "OR 1=1" not in condition.sql
    assert hostile in condition.parameters


# --- over a real store -------------------------------------------------------------------


def _draft(number: int) -> ArticleDraft:
    """Article n: known title, author, link, date and words, so every answer is computable."""
    topic = ("ferry", "budget", "harbour")[number % 3]
    return ArticleDraft(
        guid=f"a{number}",
        title=f"{topic.title()} story {number}" + (" 100% sure_thing" if number == 7 else ""),
        source_name="",
        document=Document.from_paragraphs([f"Body {number} about the {topic} plan.", "Words."]),
        published=datetime.fromtimestamp(NOW - number * DAY, UTC),
        link=f"https://news.example/{topic}/{number}",
        author="Ines Duarte" if number % 4 == 0 else None,
        location=f"/tmp/a{number}",
    )


SPEAKERS = {0: "Ada Ruiz", 1: "Tomas Okonjo", 2: None, 3: "Ada Ruiz", 4: "Mayor Okonjo"}
"""Speaker of the single quote of article n % 5 (None: no quote)."""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """30 articles in two feeds (even numbers in Harbour Post, odd in Daily Ledger)."""
    path = tmp_path_factory.mktemp("rules") / "db.sqlite3"
    store = Store(path)
    for key, title, parity in (("https://post.example/feed", "Harbour Post", 0),
                               ("https://ledger.example/rss", "Daily Ledger", 1)):  # fmt: skip
        drafts = tuple(_draft(n) for n in range(30) if n % 2 == parity)
        store.save_source(SourceDraft(key, title, key, drafts), kind="feed")
    store._connection.execute(
        "UPDATE sources SET category = 'Local' WHERE key = 'https://post.example/feed'"
    )
    pending = store.articles_for_quotes(1, limit=100)
    results = []
    for item in pending:
        number = int(item.paragraphs[0].split()[1])
        speaker = SPEAKERS[number % 5]
        quotes = ()
        if speaker is not None:
            said = f"The {('ferry', 'budget', 'harbour')[number % 3]} will be fine"
            quotes = (Quote(said, speaker, QuoteKind.STATEMENT, (Span(0, 0, 5),)),)
        results.append((item, Extraction(quotes)))
    store.save_quotes(1, results)
    for number in (1, 2, 3):
        store.set_read(_id(store, number), True)
    store.set_starred(_id(store, 5), True)
    return store


def _id(store: Store, number: int) -> int:
    row = store._connection.execute("SELECT id FROM articles WHERE guid = ?", (f"a{number}",))
    return int(row.fetchone()[0])


def numbers(store: Store, source: str) -> set[int]:
    """The article numbers a filter selects."""
    condition = filter_condition(source, NOW)
    listed = store.listed(ListFilter(conditions=(condition,)))
    return {int(item.row.title.split()[2]) for item in listed}


ALL = set(range(30))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('title ~ "FERRY"', {n for n in ALL if n % 3 == 0}),
        ('title = "ferry story 3"', {3}),
        ('title ~ "100%"', {7}),
        ('title ~ "y_s"', set()),
        ('title = "x\' OR 1=1 --"', set()),
        ('title ~ "x\' OR 1=1 --"', set()),
        ("text ~ budget", {n for n in ALL if n % 3 == 1}),
        ("text ~ budg", {n for n in ALL if n % 3 == 1}),
        ('text ~ "about the harbour"', {n for n in ALL if n % 3 == 2}),
        ('text ~ "harbour AND NOT" ', set()),
        ('text ~ "\\"*:"', set()),
        ("text !~ budget", {n for n in ALL if n % 3 != 1}),
        ('source = "Harbour Post"', {n for n in ALL if n % 2 == 0}),
        ('source = "https://ledger.example/rss"', {n for n in ALL if n % 2 == 1}),
        ("source ~ ledger", {n for n in ALL if n % 2 == 1}),
        ("category = local", {n for n in ALL if n % 2 == 0}),
        ("category != local", {n for n in ALL if n % 2 == 1}),
        ('author = "ines duarte"', {n for n in ALL if n % 4 == 0}),
        ('author != "Ines Duarte"', {n for n in ALL if n % 4 != 0}),
        ("link ~ /budget/", {n for n in ALL if n % 3 == 1}),
        ('speaker = "Ada Ruiz"', {n for n in ALL if n % 5 in (0, 3)}),
        ("speaker ~ okonjo", {n for n in ALL if n % 5 in (1, 4)}),
        ("speaker !~ okonjo", {n for n in ALL if n % 5 not in (1, 4)}),
        ('quote ~ "budget will"', {n for n in ALL if n % 3 == 1 and n % 5 != 2}),
        ('quote = "the ferry will be fine"', {n for n in ALL if n % 3 == 0 and n % 5 != 2}),
        ("read", {1, 2, 3}),
        ("not read and starred", {5}),
        ("read = false and age < 3d", {0}),
        ("age < 3d", {0, 1, 2}),
        ("age >= 28d", {28, 29}),
        ("date = 2026-11-29", {1}),
        ("date < 2026-11-03", {28, 29}),
        ("date >= 2026-11-28", {0, 1, 2}),
        ('text ~ ferry and speaker = "Ada Ruiz"', {0, 3, 15, 18}),
        (
            'speaker = "Ada Ruiz" or text ~ budget or category = local',
            {n for n in ALL if n % 5 in (0, 3) or n % 3 == 1 or n % 2 == 0},
        ),
        ("not (speaker ~ okonjo or speaker ~ ruiz)", {n for n in ALL if n % 5 == 2}),
        ("(source ~ post or speaker ~ okonjo) and not age > 9d", {0, 1, 2, 4, 6, 8, 9}),
    ],
)
def test_filters_select_the_known_answer(store: Store, source: str, expected: set[int]) -> None:
    assert numbers(store, source) == expected


def test_a_filter_and_its_negation_split_the_store(store: Store) -> None:
    for source in ("author = 'Ines Duarte'", "speaker ~ okonjo", "text ~ ferry", "link ~ x"):
        assert numbers(store, source) | numbers(store, f"not ({source})") == ALL
        assert not numbers(store, source) & numbers(store, f"not ({source})")


def test_counts_pages_and_next_unread_follow_the_filter(store: Store) -> None:
    condition = filter_condition("speaker ~ okonjo", NOW)
    list_filter = ListFilter(conditions=(condition,))
    assert store.count(list_filter) == 12
    assert [row.title for row in store.rows(list_filter, limit=2)] == [
        "Budget story 1",
        "Budget story 4",
    ]
    assert store.unread_count(list_filter) == 11
    first = store.next_unread(None, list_filter)
    assert first == _id(store, 4)
    assert store.unread_counts([condition, filter_condition("read", NOW)]) == [11, 0]


def test_stored_text_cannot_break_out_of_a_filter(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    hostile = ArticleDraft(
        "h", "x' OR 1=1 --", "", Document.from_paragraphs(["') OR 1=1 --"]), location="/h"
    )
    plain = ArticleDraft("p", "plain", "", Document.from_paragraphs(["plain"]), location="/p")
    store.save_source(SourceDraft("local:x", "x", "/x", (hostile, plain)))
    condition = filter_condition('title = "x\' OR 1=1 --"')
    assert [row.title for row in store.rows(ListFilter(conditions=(condition,)))] == [
        "x' OR 1=1 --"
    ]
    nothing = filter_condition("title = \"' OR ''='\"")
    assert store.rows(ListFilter(conditions=(nothing,))) == []
