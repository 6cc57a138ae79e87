"""Query feeds and killfiles from config.toml, over a real store with known answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsreader.config import load_config
from newsreader.models import ArticleDraft, Document, SourceDraft
from newsreader.rules.feeds import (
    IgnoreRule,
    QueryFeed,
    append_query,
    hidden_condition,
    query_condition,
)
from newsreader.store import ListFilter, Store

START = datetime(2026, 11, 1, tzinfo=UTC)


def _drafts(prefix: str, count: int) -> tuple[ArticleDraft, ...]:
    """`count` articles; every third is "Sponsored", every other mentions the ferry."""
    return tuple(
        ArticleDraft(
            f"{prefix}{n}",
            ("Sponsored: " if n % 3 == 0 else "") + f"{prefix} news {n}",
            "",
            Document.from_paragraphs(["The ferry runs." if n % 2 else "The bus runs."]),
            published=START + timedelta(hours=n),
            location=f"/{prefix}/{n}",
        )
        for n in range(count)
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "db.sqlite3")
    store.save_source(SourceDraft("https://a.example/feed", "Alpha", "https://a.example/feed",
                                  _drafts("alpha", 12)), kind="feed")  # fmt: skip
    store.save_source(SourceDraft("https://b.example/feed", "Beta", "https://b.example/feed",
                                  _drafts("beta", 6)), kind="feed")  # fmt: skip
    return store


def test_killfile_hides_from_lists_counts_and_next_unread(store: Store) -> None:
    hidden = hidden_condition([IgnoreRule('title ~ "sponsored"')])
    shown = ListFilter(hidden=hidden)
    titles = [row.title for row in store.rows(shown, limit=100)]
    assert len(titles) == 18 - 4 - 2
    assert not any(title.startswith("Sponsored") for title in titles)
    assert store.count(shown) == 12
    assert store.unread_count(shown) == 12
    assert {source.title: source.unread_count for source in store.sources(hidden)} == {
        "Alpha": 8,
        "Beta": 4,
    }
    assert store.mark_all_read(shown) == 12
    assert store.unread_count(ListFilter()) == 6  # the hidden ones were left alone
    assert store.next_unread(None, shown) is None
    hidden_rows = list(store.listed(ListFilter(hidden=hidden, only_hidden=True)))
    assert len(hidden_rows) == 6
    assert all(item.row.title.startswith("Sponsored") for item in hidden_rows)


def test_killfile_rule_limited_to_one_source(store: Store) -> None:
    hidden = hidden_condition([IgnoreRule('title ~ "sponsored"', source="Beta")])
    counts = {source.title: source.unread_count for source in store.sources(hidden)}
    assert counts == {"Alpha": 12, "Beta": 4}
    hidden = hidden_condition([IgnoreRule("text ~ ferry", source="https://a.example/feed")])
    assert store.count(ListFilter(hidden=hidden)) == 18 - 6


def test_no_killfile_hides_nothing_and_ignored_lists_nothing(store: Store) -> None:
    assert hidden_condition([]) is None
    assert store.count(ListFilter(hidden=None)) == 18
    assert store.count(ListFilter(only_hidden=True)) == 0


def test_query_feeds_count_unread_beside_the_killfile(store: Store) -> None:
    ferry = query_condition(QueryFeed("Ferry", "text ~ ferry"))
    beta = query_condition(QueryFeed("Beta", "source = Beta and not read"))
    hidden = hidden_condition([IgnoreRule("title ~ sponsored")])
    assert store.unread_counts([ferry, beta]) == [9, 6]
    assert store.unread_counts([ferry, beta], hidden) == [6, 4]
    feed = ListFilter(conditions=(ferry,), hidden=hidden)
    assert store.mark_all_read(feed) == 6
    assert store.unread_counts([ferry, beta], hidden) == [0, 2]


CONFIG = """\
theme = "textual-dark"  # kept

[[query]]
title = "Quoted: the mayor"
filter = 'speaker ~ "Okonjo" and age < 30d'

[[query]]
title = "Broken"
filter = 'title ~'

[[ignore]]
filter = 'title ~ "sponsored"'

[[ignore]]
filter = "text ~ ferry"
source = "https://a.example/feed"

[[ignore]]
source = "Beta"
"""


def test_config_reads_queries_and_ignores_and_names_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(CONFIG, encoding="utf-8")
    config, warnings = load_config(path)
    assert config.queries == (QueryFeed("Quoted: the mayor", 'speaker ~ "Okonjo" and age < 30d'),)
    assert config.ignores == (
        IgnoreRule('title ~ "sponsored"'),
        IgnoreRule("text ~ ferry", "https://a.example/feed"),
    )
    assert len(warnings) == 2
    assert warnings[0].startswith(f"{path}:7: [[query]] filter column 8: expected a value")
    assert warnings[1].startswith(f"{path}:18: [[ignore]] needs filter")


def test_saving_a_query_appends_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(CONFIG, encoding="utf-8")
    append_query(path, QueryFeed('It\'s "odd"', 'title ~ "it\'s" and not read'))
    text = path.read_text(encoding="utf-8")
    assert text.startswith(CONFIG)
    config, _ = load_config(path)
    assert config.theme == "textual-dark"
    assert config.queries[-1] == QueryFeed('It\'s "odd"', 'title ~ "it\'s" and not read')


def test_the_reader_lists_a_query_feed_without_what_the_killfile_hides(store: Store) -> None:
    from newsreader.ui.list_source import ListMode, ListSource

    ignores = (IgnoreRule('title ~ "sponsored"'),)
    mode = ListMode(rule="text ~ ferry", rule_title="Ferry", ignores=ignores)
    listing = ListSource(store, mode, datetime(2026, 12, 1, tzinfo=UTC))
    assert listing.count() == 6
    assert all("Sponsored" not in row.title for row in listing.fetch(0, 100))
    assert mode.describe() == "Ferry"
    assert listing.unread_count() == 6
    searching = ListSource(store, ListMode(query="news", ignores=ignores), datetime.now(UTC))
    searching.result_ids = store.search("news")
    assert len(searching.result_ids) == 12
    assert searching.count() == 12


def test_saving_a_query_never_breaks_the_config(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    inline = "query = [{ title = 'a', filter = 'read' }]\n"
    path.write_text(inline, encoding="utf-8")
    with pytest.raises(ValueError, match="add the query feed by hand"):
        append_query(path, QueryFeed("b", "starred"))
    assert path.read_text(encoding="utf-8") == inline


def test_counts_of_many_filters_agree_with_counting_each(store: Store) -> None:
    """Filters counted in the shared pass and by their own index give the same answers."""
    from newsreader.rules import filter_condition

    sources = ["title ~ sponsored", "text ~ ferry", "starred or title ~ 1", "source = Beta",
               "not read and title ~ news", "text ~ ferry or title ~ 3", "age < 1d"]  # fmt: skip
    conditions = [filter_condition(source) for source in sources]
    for hidden in (None, hidden_condition([IgnoreRule("title ~ sponsored")])):
        one_by_one = [
            store.unread_count(ListFilter(conditions=(condition,), hidden=hidden))
            for condition in conditions
        ]
        assert store.unread_counts(conditions, hidden) == one_by_one
    assert one_by_one[0] == 0 and one_by_one[1] == 6
