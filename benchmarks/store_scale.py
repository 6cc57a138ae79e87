"""How the store behaves with 100,000 articles: the queries the article list makes.

Run: python benchmarks/store_scale.py [ARTICLES]
Prints each figure next to its target (targets from the scale issue: the list must stay under
one frame, about 16 ms, for every query it makes while moving).
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_parts.timing import median_milliseconds

from newsreader.models import ArticleDraft, Document, SourceDraft
from newsreader.store import ListFilter, Store

PARAGRAPH = (
    "“We will reopen the bridge by Friday,” said Mayor Dana Ortiz, adding that crews were "
    "ahead of schedule and that the detour, which commuters called a “nightmare,” would end. "
)


def generate(store: Store, article_count: int, source_count: int = 300) -> float:
    """Save `article_count` articles across `source_count` sources; return seconds taken."""
    start = time.perf_counter()
    base = datetime(2026, 1, 1, tzinfo=UTC)
    per_source = article_count // source_count
    for source_number in range(source_count):
        articles = tuple(
            ArticleDraft(
                guid=f"{source_number}-{index}",
                title=f"Source {source_number} story {index} about the harbour",
                source_name=f"Source {source_number}",
                document=Document.from_paragraphs((PARAGRAPH * 3, PARAGRAPH * 4, PARAGRAPH * 2)),
                published=base + timedelta(minutes=index * source_count + source_number),
                location=f"/bench/{source_number}/{index}.txt",
            )
            for index in range(per_source)
        )
        store.save_source(
            SourceDraft(f"local:{source_number}", f"Source {source_number}", "", articles)
        )
    return time.perf_counter() - start


def main() -> None:
    """Build the store in a temporary folder and print the figures."""
    article_count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.sqlite3")
        seconds = generate(store, article_count)
        total = store.count()
        print(f"articles stored              {total:>10,}  in {seconds:.1f} s "
              f"({total / seconds:,.0f}/s)")  # fmt: skip
        middle = store.rows(offset=total // 2, limit=1)[0].id
        unread = ListFilter(unread_only=True)
        figures = {
            "count(*)": median_milliseconds(store.count),
            "first page (200 rows)": median_milliseconds(lambda: store.rows(limit=200)),
            "page at the middle": median_milliseconds(
                lambda: store.rows(offset=total // 2, limit=200)
            ),
            "last page": median_milliseconds(lambda: store.rows(offset=total - 200, limit=200)),
            "unread page at the middle": median_milliseconds(
                lambda: store.rows(unread, total // 2, 200)
            ),
            "position of an article": median_milliseconds(lambda: store.position(middle)),
            "next unread": median_milliseconds(lambda: store.next_unread(middle)),
            "open article (body)": median_milliseconds(lambda: store.article(middle)),
            "mark read (commit)": median_milliseconds(
                lambda: store.set_read(middle, True), repeats=20
            ),
        }
        for name, milliseconds in figures.items():
            verdict = "ok" if milliseconds <= 16 else "OVER"
            print(f"{name:<28} {milliseconds:>8.2f} ms   target ≤ 16 ms  {verdict}")
        store.close()


if __name__ == "__main__":
    main()
