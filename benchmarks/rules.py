"""Query feeds and killfiles at 100,000 articles: the filter language's queries, timed.

Run: python benchmarks/rules.py [ARTICLES]
Builds a store of generated articles (300 feeds, words drawn from a generated vocabulary,
a third of the articles quoting one of 500 speakers), then times what the app does:
the first page of a query feed (a field filter and a full-text word), and the sources pane's
unread counts of 20 query feeds, each beside the killfile. Targets from issue 15: first page
<= 50 ms (goal 10), 20 counts <= 200 ms (goal 50). The query plans are printed too.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_parts.timing import median_milliseconds

from newsreader.models import (
    ArticleDraft,
    Document,
    Extraction,
    Quote,
    QuoteKind,
    SourceDraft,
    Span,
)
from newsreader.rules import filter_condition
from newsreader.rules.feeds import IgnoreRule, hidden_condition
from newsreader.store import ListFilter, Store

SOURCES = 300
SPEAKERS = 500
NOW = datetime(2026, 11, 30, tzinfo=UTC)
TOPICS = ("ferry", "budget", "harbour", "school", "bridge", "election", "storm", "market")
"""Topic words; article n mentions TOPICS[n % 8] (so `ferry` is in one article in eight)."""


def vocabulary(rng: random.Random, size: int = 5000) -> list[str]:
    """Pronounceable made-up words, so the full-text index has a realistic spread of terms."""
    consonants, vowels = "bcdfghklmnprstvz", "aeiou"
    words = set()
    while len(words) < size:
        length = rng.randint(2, 4)
        words.add("".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(length)))
    return sorted(words)


def speaker_names(rng: random.Random, words: list[str]) -> list[str]:
    names = [f"{rng.choice(words).title()} {rng.choice(words).title()}" for _ in range(SPEAKERS)]
    names[0], names[1] = "Ada Ruiz", "Tomas Okonjo"
    return names


def generate(store: Store, article_count: int) -> float:
    """Save the articles, their quotes and read state; return the seconds taken."""
    rng = random.Random(15)
    words = vocabulary(rng)
    names = speaker_names(rng, words)
    start = time.perf_counter()
    per_source = article_count // SOURCES
    for source in range(SOURCES):
        drafts = []
        for index in range(per_source):
            number = index * SOURCES + source
            topic = TOPICS[number % len(TOPICS)]
            sentence = " ".join(rng.choices(words, k=60))
            drafts.append(
                ArticleDraft(
                    guid=str(number),
                    title=f"{rng.choice(words).title()} {topic} {rng.choice(words)}",
                    source_name="",
                    document=Document.from_paragraphs([f"The {topic} {sentence}.", sentence]),
                    published=NOW - timedelta(minutes=7 * number),
                    author=rng.choice(names) if number % 5 == 0 else None,
                    location=f"/bench/{number}",
                )
            )
        key = f"https://feed{source}.example/rss"
        title = f"Harbour Post {source}" if source % 10 == 0 else f"Feed {source}"
        store.save_source(SourceDraft(key, title, key, tuple(drafts)), kind="feed")
    _save_quotes(store, rng, names)
    store._connection.execute("UPDATE articles SET read = 1 WHERE id % 5 < 2")
    return time.perf_counter() - start


def _save_quotes(store: Store, rng: random.Random, names: list[str]) -> None:
    """One quote in every third article, by a speaker drawn by Zipf's law (the most quoted
    has about one quote in seven, as a mayor in a local paper might)."""
    weights = [1 / rank for rank in range(1, len(names) + 1)]
    while pending := store.articles_for_quotes(1, limit=2000):
        results = []
        for item in pending:
            quotes: tuple[Quote, ...] = ()
            if item.id % 3 == 0:
                speaker = rng.choices(names, weights)[0]
                said = " ".join(item.paragraphs[1].split()[:12])
                quotes = (Quote(said, speaker, QuoteKind.STATEMENT, (Span(1, 0, 10),)),)
            results.append((item, Extraction(quotes)))
        store.save_quotes(1, results)


QUERY_FEEDS = (
    'text ~ "ferry" and source ~ "Harbour Post"',
    'text ~ "ferry" and speaker = "Ada Ruiz"',
    'speaker ~ "Okonjo" and age < 30d',
    'text ~ "budget" and not read',
    'title ~ "storm" and age < 7d',
    'author = "Ada Ruiz"',
    'speaker = "Tomas Okonjo" or speaker = "Ada Ruiz"',
    'source = "Feed 7" and text ~ "bridge"',
    'quote ~ "ferry"',
    "starred or age < 1d",
    'text ~ "election" and (source ~ "Harbour" or speaker ~ "Ruiz")',
    'category = "News" or link ~ "feed3"',
    'text ~ "school"',
    'title ~ "market" and date > 2026-11-01',
    'not text ~ "harbour" and age < 3d',
    'speaker ~ "a"',
    'text ~ "storm" and text ~ "bridge"',
    'source ~ "Feed 1" and not read',
    'text ~ "ferry boats"',
    'title ~ "ferry" or title ~ "bridge"',
)
KILLFILE = hidden_condition(
    [IgnoreRule('title ~ "sponsored"'), IgnoreRule('text ~ "casino"', source="Feed 3")]
)


def cpu_milliseconds(operation: Callable[[], object], repeats: int = 5) -> float:
    """Median CPU time of `operation` in this process (SQLite runs in it): what the query
    costs, less moved than wall time by other programs sharing the cores."""
    samples = []
    for _ in range(repeats):
        start = time.process_time()
        operation()
        samples.append((time.process_time() - start) * 1000)
    return statistics.median(samples)


def report(name: str, operation: Callable[[], object], bar: str) -> None:
    """One line: wall and CPU milliseconds beside the bar."""
    wall, cpu = median_milliseconds(operation, 5), cpu_milliseconds(operation)
    target = f"  bar {bar}" if bar else ""
    print(f"{name:<58} {wall:7.1f} / {cpu:6.1f} ms{target}")


def plan(store: Store, list_filter: ListFilter) -> list[str]:
    where, parameters = list_filter.where()
    rows = store._connection.execute(
        f"EXPLAIN QUERY PLAN SELECT id FROM articles WHERE {where} "
        "ORDER BY sort_key DESC, id DESC LIMIT 100",
        parameters,
    ).fetchall()
    return [str(row[-1]) for row in rows]


def main() -> None:
    """Build the store in a temporary folder and print the figures beside the targets."""
    article_count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.sqlite3")
        seconds = generate(store, article_count)
        store.close()  # as a reader's store is: reopened, with the planner's statistics
        store = Store(Path(folder) / "bench.sqlite3")
        print(f"articles stored                 {store.count():>9,}  in {seconds:.0f} s")
        now = int(NOW.timestamp())
        first = ListFilter(conditions=(filter_condition(QUERY_FEEDS[0], now),), hidden=KILLFILE)
        for line in plan(store, first):
            print(f"  plan: {line}")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
              "wall ms (median) / CPU ms of this process (median)")  # fmt: skip
        for source in QUERY_FEEDS[:3]:
            chosen = ListFilter(conditions=(filter_condition(source, now),), hidden=KILLFILE)
            report(f"first page: {source}", partial(store.rows, chosen, 0, 100), "50, goal 10")
        conditions = [filter_condition(source, now) for source in QUERY_FEEDS]
        report("20 query feeds' unread", partial(store.unread_counts, conditions, KILLFILE),
               "200, goal 50")  # fmt: skip
        report("300 feeds' unread (killfile)", partial(store.sources, KILLFILE), "")
        store.close()


if __name__ == "__main__":
    main()
