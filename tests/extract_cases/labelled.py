"""Load the labelled extraction set and score the extractor against it.

Each article is a body file (`NAME.txt`: paragraphs separated by blank lines, or `NAME.html`)
next to `NAME.json` with the expected `quotes` (`text`, `speaker`, `kind`) and `posts`
(`handle`, `date`, optionally `author`, `platform`, `url`, `text`). The seed article's labels
(`seed_*.json`) name a file under the shared seeds folder instead of a body next to them.
"""

from __future__ import annotations

import importlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsreader.models import Extraction

CASES_DIR = Path(__file__).parent
HELDOUT_DIR = Path(__file__).parents[1] / "extract_heldout"
"""Articles written after the extractor was tuned and never used to tune it: the honest figure."""
HELDOUT2_DIR = Path(__file__).parents[1] / "extract_heldout2"
"""A second held-out round, written without reading the extractor's rules."""
HELDOUT3_DIR = Path(__file__).parents[1] / "extract_heldout3"
"""A third held-out round: international wire, profiles, debates, live blogs, Q&A and embeds."""
HELDOUT4_DIR = Path(__file__).parents[1] / "extract_heldout4"
"""A fourth held-out round: bare organisation nouns, unnamed people, mixed genders, title shapes."""
HELDOUT5_DIR = Path(__file__).parents[1] / "extract_heldout5"
"""A fifth held-out round: typical mainstream daily and wire-service copy across fifteen beats."""
HELDOUT6_DIR = Path(__file__).parents[1] / "extract_heldout6"
"""A sixth held-out round: mainstream copy with several people of both genders per article."""
HELDOUT7_DIR = Path(__file__).parents[1] / "extract_heldout7"
"""A seventh held-out round: mainstream copy, mixed genders, word-like surnames and an interview."""
HELDOUT8_DIR = Path(__file__).parents[1] / "extract_heldout8"
"""An eighth held-out round: mainstream copy, named and unnamed spokespeople, word-like surnames."""
SHARED_DIR = Path(__file__).parents[2] / ".." / "shared"
"""The workspace's shared folder (absent in a clone elsewhere)."""

_SPACE_RE = re.compile(r"\s+")
_TRAILING = ".,;:!?… "


@dataclass(frozen=True, slots=True)
class Case:
    """One labelled article."""

    name: str
    paragraphs: tuple[str, ...]
    quotes: tuple[dict, ...]
    posts: tuple[dict, ...]


@dataclass(slots=True)
class Score:
    """Counts behind the quality figures."""

    gold_statements: int = 0
    predicted_statements: int = 0
    matched_statements: int = 0
    speakers_right: int = 0
    gold_posts: int = 0
    posts_right: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Share of predicted statements that are gold statements."""
        return (
            self.matched_statements / self.predicted_statements
            if self.predicted_statements
            else 1.0
        )

    @property
    def recall(self) -> float:
        """Share of gold statements found."""
        return self.matched_statements / self.gold_statements if self.gold_statements else 1.0

    @property
    def speaker_accuracy(self) -> float:
        """Share of matched statements credited to the right speaker."""
        return self.speakers_right / self.matched_statements if self.matched_statements else 1.0


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Plain text to paragraphs: blank lines separate them, lines inside are joined."""
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n"))
    return tuple(" ".join(b.split("\n")).strip() for b in blocks if b.strip())


def html_converter() -> Callable[[str], list[str]] | None:
    """`newsreader.text.html_to_paragraphs` when that module exists, else None."""
    try:
        module = importlib.import_module("newsreader.text")
    except ImportError:
        return None
    return getattr(module, "html_to_paragraphs", None)


def load_cases(kind: str = "all", folder: Path = CASES_DIR) -> list[Case]:
    """The labelled articles next to this module (or in `folder`).

    Args:
        kind: `text`, `html` or `all`. HTML cases are left out when there is no converter.
        folder: Where the articles are; the held-out set is `HELDOUT_DIR`.
    """
    cases = []
    convert = html_converter()
    for label_path in sorted(folder.glob("*.json")):
        if label_path.name.startswith("seed_"):
            continue
        labels = json.loads(label_path.read_text(encoding="utf-8"))
        text_path, html_path = label_path.with_suffix(".txt"), label_path.with_suffix(".html")
        if text_path.exists() and kind in ("text", "all"):
            paragraphs = split_paragraphs(text_path.read_text(encoding="utf-8"))
        elif html_path.exists() and kind in ("html", "all") and convert is not None:
            paragraphs = tuple(convert(html_path.read_text(encoding="utf-8")))
        else:
            continue
        cases.append(_case(label_path.stem, paragraphs, labels))
    return cases


def load_heldout_cases(kind: str = "all") -> list[Case]:
    """The held-out articles (`tests/extract_heldout/`), same format as the tuned set."""
    return load_cases(kind, HELDOUT_DIR)


def load_heldout2_cases(kind: str = "all") -> list[Case]:
    """The second held-out round (`tests/extract_heldout2/`), same format as the tuned set."""
    return load_cases(kind, HELDOUT2_DIR)


def load_heldout3_cases(kind: str = "all") -> list[Case]:
    """The third held-out round (`tests/extract_heldout3/`), same format as the tuned set."""
    return load_cases(kind, HELDOUT3_DIR)


def load_heldout4_cases(kind: str = "all") -> list[Case]:
    """The fourth held-out round (`tests/extract_heldout4/`), same format as the tuned set."""
    return load_cases(kind, HELDOUT4_DIR)


def load_heldout5_cases(kind: str = "all") -> list[Case]:
    """The fifth held-out round (`tests/extract_heldout5/`), same format as the tuned set."""
    return load_cases(kind, HELDOUT5_DIR)


def load_heldout6_cases(kind: str = "all") -> list[Case]:
    """The sixth held-out round (`tests/extract_heldout6/`), same format as the tuned set."""
    return load_cases(kind, HELDOUT6_DIR)


def load_heldout7_cases(kind: str = "all") -> list[Case]:
    """The seventh held-out round (`tests/extract_heldout7/`), same format as the tuned set."""
    return load_cases(kind, HELDOUT7_DIR)


def load_heldout8_cases(kind: str = "all") -> list[Case]:
    """The eighth held-out round (`tests/extract_heldout8/`), same format as the tuned set."""
    return load_cases(kind, HELDOUT8_DIR)


def html_case_names(folder: Path = CASES_DIR) -> list[str]:
    """Names of the HTML cases, whether or not they can be converted yet."""
    return sorted(p.stem for p in folder.glob("*.html"))


def load_seed_cases() -> list[Case]:
    """The seed articles (read from the shared folder), or none when it is absent."""
    cases = []
    for label_path in sorted(CASES_DIR.glob("seed_*.json")):
        labels = json.loads(label_path.read_text(encoding="utf-8"))
        source = SHARED_DIR / labels["source"]
        if source.exists():
            paragraphs = seed_body(source.read_text(encoding="utf-8"))
            cases.append(_case(label_path.stem, paragraphs, labels))
    return cases


def seed_body(text: str) -> tuple[str, ...]:
    """The body paragraphs of a seed-format article (header and `UPDATED` dateline dropped)."""
    paragraphs = list(split_paragraphs(text))
    if paragraphs and paragraphs[0].startswith("date "):
        paragraphs.pop(0)
    if paragraphs and paragraphs[0].upper().startswith("UPDATED"):
        paragraphs.pop(0)
    return tuple(paragraphs)


def _case(name: str, paragraphs: Sequence[str], labels: dict) -> Case:
    return Case(name, tuple(paragraphs), tuple(labels["quotes"]), tuple(labels["posts"]))


def normalise(text: str) -> str:
    """Text for matching: one space between words, typographic apostrophes plain, no end stop."""
    text = _SPACE_RE.sub(" ", text.replace("’", "'").replace("\u00a0", " ")).strip()
    return text.rstrip(_TRAILING).strip()


def normalise_speaker(speaker: str | None) -> str | None:
    """Speaker for comparison: case-folded, apostrophes plain, a leading `the` dropped."""
    if speaker is None:
        return None
    speaker = normalise(speaker).casefold()
    return speaker.removeprefix("the ")


def score(cases: Iterable[Case], extract: Callable[[Sequence[str]], Extraction]) -> Score:
    """Run the extractor over labelled articles and count what it got right."""
    result = Score()
    for case in cases:
        _score_case(case, extract(case.paragraphs), result)
    return result


def _score_case(case: Case, found: Extraction, result: Score) -> None:
    gold = [q for q in case.quotes if q["kind"] == "statement"]
    predicted = [q for q in found.quotes if q.kind == "statement"]
    result.gold_statements += len(gold)
    result.predicted_statements += len(predicted)
    unmatched = Counter(normalise(q.text) for q in predicted)
    speakers: dict[str, list[str | None]] = {}
    for quote in predicted:
        speakers.setdefault(normalise(quote.text), []).append(quote.speaker)
    for quote in gold:
        key = normalise(quote["text"])
        if unmatched[key] <= 0:
            result.problems.append(f"{case.name}: missed statement {quote['text']!r}")
            continue
        unmatched[key] -= 1
        result.matched_statements += 1
        said = speakers[key].pop(0)
        if normalise_speaker(said) == normalise_speaker(quote["speaker"]):
            result.speakers_right += 1
        else:
            result.problems.append(
                f"{case.name}: speaker {said!r}, expected {quote['speaker']!r} for {key[:50]!r}"
            )
    for key, count in unmatched.items():
        for _ in range(count):
            result.problems.append(f"{case.name}: extra statement {key[:70]!r}")
    _score_posts(case, found, result)


def _score_posts(case: Case, found: Extraction, result: Score) -> None:
    result.gold_posts += len(case.posts)
    remaining = list(found.posts)
    for expected in case.posts:
        match = next((p for p in remaining if p.handle.lower() == expected["handle"].lower()), None)
        if match is None:
            result.problems.append(f"{case.name}: missed post @{expected['handle']}")
            continue
        remaining.remove(match)
        wrong = [
            key
            for key in ("handle", "date", "author", "platform", "url", "text")
            if key in expected and getattr(match, key) != expected[key]
        ]
        if wrong:
            result.problems.append(f"{case.name}: post @{expected['handle']} wrong {wrong}")
        else:
            result.posts_right += 1
    for extra in remaining:
        result.problems.append(f"{case.name}: extra post @{extra.handle}")
