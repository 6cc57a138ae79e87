"""A realistic, deterministic corpus for the scale benchmark.

Article `rank` 0 is the newest; its title starts with `#000000`, so a terminal screen shows
which list row it is drawing. Bodies are 1–3 KB of prose with direct quotes, some flattened
posts (`TEXT — Name (@handle) Month D, YYYY`), the word "harbour" in every article (the search
worst case) and one `tagNNNN` word shared by ten articles (a typical rare-word search).
"""

from __future__ import annotations

import html
import random
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsreader.models import ArticleDraft, Document, SourceDraft
from newsreader.store import Store

SOURCE_COUNT = 300
RARE_TAGS = 10_000
"""`tag0` … `tag9999`: each tag word appears in articles rank, rank + 10,000, …"""
NEWEST = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
SPACING = timedelta(minutes=7)

_VOCABULARY = (
    "council budget bridge ferry strike union port tide crews detour mayor vote school board "
    "hospital storm flood dam river transit commuters election ballots district senator "
    "inspectors contract wages shipping cargo terminal weather forecast evacuation residents "
    "volunteers shelter engineers repairs funding grant audit report hearing committee"
)
_WORDS = _VOCABULARY.split()
_NAMES = (
    "Dana Ortiz",
    "Priya Raman",
    "Tomas Lindqvist",
    "Amara Okafor",
    "Wen Zhao",
    "Marguerite Lefèvre",
    "Jonah Feld",
    "Rosa Delgado",
)
_MONTHS = ("January", "March", "May", "July", "September", "November")


@dataclass(frozen=True, slots=True)
class GeneratedArticle:
    """One article of the corpus, as every writer (SQL, files, RSS) needs it."""

    rank: int
    source_number: int
    title: str
    published: datetime
    paragraphs: tuple[str, ...]

    @property
    def source_name(self) -> str:
        """The source's display name."""
        return f"Gazette {self.source_number:03d}"


def _sentence(chooser: random.Random, length: int) -> str:
    words = [chooser.choice(_WORDS) for _ in range(length)]
    return " ".join(words).capitalize() + "."


def _paragraph_pool(seed: int = 7, size: int = 400) -> list[str]:
    """Paragraphs of prose, quotes and flattened posts to assemble bodies from."""
    chooser = random.Random(seed)
    pool = []
    for number in range(size):
        name = chooser.choice(_NAMES)
        kind = number % 4
        if kind == 0:
            text = " ".join(_sentence(chooser, chooser.randint(8, 16)) for _ in range(3))
        elif kind == 1:
            quote = _sentence(chooser, chooser.randint(8, 14))[:-1]
            text = f"“{quote},” said {name}, adding that {_sentence(chooser, 10).lower()}"
        elif kind == 2:
            quote = _sentence(chooser, chooser.randint(6, 12))
            text = f'{name} told reporters: "{quote}" {_sentence(chooser, 12)}'
        else:
            handle = name.split()[0].lower() + str(number)
            month = chooser.choice(_MONTHS)
            text = f"{_sentence(chooser, 9)} — {name} (@{handle}) {month} {number % 28 + 1}, 2026"
        pool.append(text)
    return pool


def generate(article_count: int, seed: int = 11) -> Iterator[GeneratedArticle]:
    """Yield the corpus, newest first.

    Args:
        article_count: How many articles.
        seed: Seeds the choice of paragraphs; the same seed gives the same corpus.
    """
    pool = _paragraph_pool()
    chooser = random.Random(seed)
    for rank in range(article_count):
        paragraphs = [f"The harbour story tag{rank % RARE_TAGS} begins here."]
        size = chooser.randint(1000, 3000)
        while sum(len(p) for p in paragraphs) < size:
            paragraphs.append(chooser.choice(pool))
        headline = " ".join(chooser.choice(_WORDS) for _ in range(6))
        yield GeneratedArticle(
            rank=rank,
            source_number=rank % SOURCE_COUNT,
            title=f"#{rank:06d} {headline.capitalize()}",
            published=NEWEST - rank * SPACING,
            paragraphs=tuple(paragraphs),
        )


def row_label(rank: int) -> str:
    """The text at the start of list row `rank`'s title."""
    return f"#{rank:06d}"


# ---------------------------------------------------------------------------------------------
# Writing a store


def build_store(database: Path, article_count: int) -> tuple[float, float]:
    """Fill a new store through `Store.save_source` (search rows are written with each
    article), then mark every article's quotes as found; return seconds for each step.

    Marking the quotes found (without finding them) measures the reader at rest: an app
    started on this store has no quote index to build in the background.

    Returns:
        Seconds spent in `save_source`, and seconds marking the quotes found.
    """
    store = Store(database)
    by_source: dict[int, list[ArticleDraft]] = {}
    saved = 0.0

    def flush() -> float:
        # In batches, so a million drafts are never held at once.
        start = time.perf_counter()
        for number, drafts in by_source.items():
            key = f"local:gazette-{number:03d}"
            store.save_source(SourceDraft(key, f"Gazette {number:03d}", "/bench", tuple(drafts)))
        by_source.clear()
        return time.perf_counter() - start

    for count, article in enumerate(generate(article_count), 1):
        by_source.setdefault(article.source_number, []).append(
            ArticleDraft(
                guid=f"{article.rank:06d}.txt",
                title=article.title,
                source_name=article.source_name,
                document=Document.from_paragraphs(article.paragraphs),
                published=article.published,
                location=f"/bench/gazette-{article.source_number:03d}/{article.rank:06d}.txt",
            )
        )
        if count % FLUSH_EVERY == 0:
            saved += flush()
    saved += flush()
    store.close()
    return saved, _mark_quotes_found(database)


FLUSH_EVERY = 50_000
"""Drafts generated before they are saved."""


def _mark_quotes_found(database: Path) -> float:
    """Stamp every article with the current extractor version, as a finished index would."""
    from newsreader.versions import EXTRACTOR_VERSION

    start = time.perf_counter()
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("UPDATE articles SET quotes_version = ?", (EXTRACTOR_VERSION,))
    connection.close()
    return time.perf_counter() - start


# ---------------------------------------------------------------------------------------------
# Writing files


def write_seed_files(root: Path, article_count: int, per_folder: int = 200) -> list[Path]:
    """Write the corpus as seed-format files, `per_folder` to a folder; return the folders."""
    folders: list[Path] = []
    for article in generate(article_count):
        if article.rank % per_folder == 0:
            folders.append(root / f"folder-{len(folders):04d}")
            folders[-1].mkdir(parents=True)
        header = f"date {article.published:%Y-%m-%d} {article.source_name}"
        text = header + "\n\n" + "\n\n".join(article.paragraphs) + "\n"
        (folders[-1] / f"{article.rank:06d}.txt").write_text(text, encoding="utf-8")
    return folders


def write_rss_files(root: Path, article_count: int) -> list[Path]:
    """Write the corpus as one RSS 2.0 file per source; return the files."""
    items: dict[int, list[str]] = {}
    for article in generate(article_count):
        description = html.escape("".join(f"<p>{p}</p>" for p in article.paragraphs))
        items.setdefault(article.source_number, []).append(
            f"<item><title>{html.escape(article.title)}</title>"
            f"<guid>urn:bench:{article.rank}</guid>"
            f"<link>https://example.org/{article.rank}</link>"
            f"<pubDate>{article.published:%a, %d %b %Y %H:%M:%S +0000}</pubDate>"
            f"<description>{description}</description></item>"
        )
    root.mkdir(parents=True, exist_ok=True)
    files = []
    for number, entries in sorted(items.items()):
        path = root / f"gazette-{number:03d}.xml"
        path.write_text(
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>Gazette {number:03d}</title><link>https://example.org/</link>"
            f"<description>bench</description>{''.join(entries)}</channel></rss>\n",
            encoding="utf-8",
        )
        files.append(path)
    return files
