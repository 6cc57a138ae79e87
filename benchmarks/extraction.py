"""Print extraction quality on the labelled set and extraction speed, next to the targets.

Run with `python benchmarks/extraction.py` from the repository root.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsreader.extract import extract
from tests.extract_cases.labelled import (
    Case,
    html_converter,
    load_cases,
    load_heldout2_cases,
    load_heldout3_cases,
    load_heldout4_cases,
    load_heldout5_cases,
    load_heldout6_cases,
    load_heldout7_cases,
    load_heldout8_cases,
    load_heldout_cases,
    load_seed_cases,
    score,
)

TARGET_PRECISION = 0.95
TARGET_RECALL = 0.95
TARGET_SPEAKER_ACCURACY = 0.92
TARGET_MS_PER_ARTICLE = 5.0


def _row(label: str, value: str, target: str) -> None:
    print(f"  {label:<34} {value:>12}   target {target}")


HELDOUT_ROUNDS = (
    ("held-out", load_heldout_cases),
    ("second-round held-out", load_heldout2_cases),
    ("third-round held-out", load_heldout3_cases),
    ("fourth-round held-out", load_heldout4_cases),
    ("fifth-round held-out", load_heldout5_cases),
    ("sixth-round held-out", load_heldout6_cases),
    ("seventh-round held-out", load_heldout7_cases),
    ("eighth-round held-out", load_heldout8_cases),
)


def quality() -> None:
    """Quality figures on the tuned set (plus the seed) and, separately, each held-out round."""
    html_note = "" if html_converter() else " (HTML cases skipped: no newsreader.text)"
    tuned = load_cases("all") + load_seed_cases()
    _quality(f"Quality on {len(tuned)} tuned labelled articles{html_note}", tuned)
    for name, load in HELDOUT_ROUNDS:
        cases = load("all")
        print()
        _quality(f"Quality on {len(cases)} {name} articles{html_note}", cases)


def _quality(title: str, cases: list[Case]) -> None:
    result = score(cases, extract)
    print(title)
    _row("statements (gold)", str(result.gold_statements), "-")
    _row("statement precision", f"{result.precision:.3f}", f">= {TARGET_PRECISION}")
    _row("statement recall", f"{result.recall:.3f}", f">= {TARGET_RECALL}")
    _row("speaker accuracy", f"{result.speaker_accuracy:.3f}", f">= {TARGET_SPEAKER_ACCURACY}")
    _row("posts right (handle, date, ...)", f"{result.posts_right}/{result.gold_posts}", "all")
    for problem in result.problems:
        print(f"    - {problem}")


def _article_of(words: int) -> list[str]:
    """A realistic article of about `words` words, built from the labelled paragraphs."""
    pool = [p for case in load_cases("text") for p in case.paragraphs]
    paragraphs: list[str] = []
    count = 0
    while count < words:
        paragraph = pool[len(paragraphs) % len(pool)]
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return paragraphs


def _time(paragraphs: list[str], repeat: int) -> float:
    """Best-of-three mean seconds per extraction."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(repeat):
            extract(paragraphs)
        best = min(best, (time.perf_counter() - start) / repeat)
    return best


def speed() -> None:
    """Articles per second, a 1,500-word article, and hostile input."""
    cases = load_cases("all")
    start = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        for case in cases:
            extract(case.paragraphs)
    per_second = rounds * len(cases) / (time.perf_counter() - start)
    article = _article_of(1500)
    words = sum(len(p.split()) for p in article)
    print("Speed")
    _row("labelled articles per second", f"{per_second:,.0f}", "> 200 (textacy: 3.9)")
    ms = _time(article, 50) * 1000
    _row(f"ms for a {words}-word article", f"{ms:.2f}", f"< {TARGET_MS_PER_ARTICLE}")
    marks = ("“”„«»‘’\"'" * 1_000_000)[:10_000_000]
    start = time.perf_counter()
    extract([marks])
    _row("seconds on 10 MB of quote marks", f"{time.perf_counter() - start:.1f}", "finishes")
    long_paragraph = " ".join(article)[:100_000]
    start = time.perf_counter()
    extract([long_paragraph] * 10)
    _row("ms on 10 x 100k-char paragraphs", f"{(time.perf_counter() - start) * 1000:.0f}", "-")


def main() -> None:
    """Print every figure."""
    quality()
    print()
    speed()


if __name__ == "__main__":
    main()
