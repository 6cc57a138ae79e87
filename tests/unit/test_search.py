"""Search and the quotes index, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader.models import ArticleDraft, Document, SourceDraft
from newsreader.services.indexing import index_quotes
from newsreader.store import Store
from newsreader.store.search import fts_query
from newsreader.versions import EXTRACTOR_VERSION


def article(guid: str, day: int, title: str, *paragraphs: str) -> ArticleDraft:
    return ArticleDraft(
        guid=guid,
        title=title,
        source_name="Harbour Gazette",
        document=Document.from_paragraphs(paragraphs),
        published=datetime(2026, 10, day, tzinfo=UTC),
        location=f"/tmp/{guid}",
    )


BRIDGE = article(
    "bridge",
    12,
    "Bridge to reopen on Friday",
    "The Kellan Bay bridge will reopen after repairs.",
    "“We will reopen the bridge by Friday,” said Mayor Dana Ortiz.",
)
STORM = article(
    "storm",
    11,
    "Storm weakens overnight",
    "“The storm is weakening,” said forecaster Lee Chang.",
    "“Crews will inspect the bridge at dawn,” Mayor Dana Ortiz said later.",
)
MARKET = article("market", 10, "Prices rise at the market", "Traders blamed the weather.")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "db.sqlite3")
    store.save_source(SourceDraft("local:news", "news", "/tmp", (BRIDGE, STORM, MARKET)))
    assert index_quotes(store, workers=1).indexed == 3
    return store


def ids_by_guid(store: Store) -> dict[str, int]:
    return {row.title.split()[0].lower(): row.id for row in store.rows()}


def test_search_ranks_title_hits_first_and_matches_prefixes(store: Store) -> None:
    ids = ids_by_guid(store)
    assert store.search("bridge") == [ids["bridge"], ids["storm"]]
    assert store.search("brid") == [ids["bridge"], ids["storm"]]
    assert store.search("weather") == [ids["prices"]]
    assert store.search("nothing-like-this") == []
    assert store.search("   ") == []


def test_search_finds_speakers_and_quote_text(store: Store) -> None:
    ids = ids_by_guid(store)
    assert set(store.search("Ortiz")) == {ids["bridge"], ids["storm"]}
    assert store.search("Lee Chang") == [ids["storm"]]


def test_query_syntax_in_user_text_is_plain_words(store: Store) -> None:
    assert fts_query('bridge AND "x" OR*') == '"bridge" "and" "x" "or"*'
    store.search('"unbalanced')  # must not raise
    store.search("NEAR(a b)")
    store.search("title:bridge")


def test_speakers_are_counted_and_their_quotes_listed_newest_first(store: Store) -> None:
    counts = {count.speaker: count.quote_count for count in store.speakers()}
    assert counts["Dana Ortiz"] == 2
    assert counts["Lee Chang"] == 1
    quotes = store.quotes_by("dana ortiz")
    assert [quote.text for quote in quotes] == [
        "We will reopen the bridge by Friday,",
        "Crews will inspect the bridge at dawn,",
    ]
    assert store.quotes_by("ortiz", exact=False)[0].title == BRIDGE.title
    assert [count.speaker for count in store.speakers("chan")] == ["Lee Chang"]


def test_changed_article_is_reindexed_and_old_words_disappear(store: Store) -> None:
    changed = article("market", 10, "Prices fall at the market", "Traders thanked the sunshine.")
    store.save_source(SourceDraft("local:news", "news", "/tmp", (changed,)))
    assert store.pending_index_count(EXTRACTOR_VERSION) == 1
    index_quotes(store, workers=1)
    ids = ids_by_guid(store)
    assert store.search("sunshine") == [ids["prices"]]
    assert store.search("weather") == []


def test_a_word_in_more_articles_than_are_ranked_lists_the_latest_first(tmp_path: Path) -> None:
    from datetime import timedelta

    from newsreader.store.search import RANKED_MATCHES

    start = datetime(2020, 1, 1, tzinfo=UTC)
    drafts = tuple(
        ArticleDraft(
            guid=f"g{n}",
            title=f"Story {n}",
            source_name="Gazette",
            # Stored in a shuffled date order, so the newest stored are not the latest.
            document=Document.from_paragraphs((f"The harbour story {n}.",)),
            published=start + timedelta(hours=(n * 7919) % (RANKED_MATCHES + 10)),
        )
        for n in range(RANKED_MATCHES + 10)
    )
    store = Store(tmp_path / "db.sqlite3")
    store.save_source(SourceDraft("local:/many", "many", "/many", drafts))
    found = store.search("harbour", limit=20)
    assert len(found) == 20
    dates = [row.published for row in store.rows_for_ids(found)]
    assert dates == sorted(dates, reverse=True)
    rare = store.search("story 4242")
    assert rare and store.rows_for_ids(rare[:1])[0].title == "Story 4242"
