"""Score the extractor against labelled articles: shared by the tests and the benchmark.

A labelled set is a folder of articles. Each article is a body file (`NAME.txt`: paragraphs
separated by blank lines, or `NAME.html`) next to `NAME.json` holding the expected `quotes`
(`text`, `speaker`, `kind`) and `posts` (`handle`, `date`, optionally `author`, `platform`,
`url`, `text`). A label file with a `source` key names its body relative to a shared folder
instead (the seed article). `manifest.toml` beside the sets lists them.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsreader.models import Extraction

_SPACE_RE = re.compile(r"\s+")
_TRAILING = ".,;:!?… "


@dataclass(frozen=True, slots=True)
class Case:
    """One labelled article."""

    name: str
    paragraphs: tuple[str, ...]
    quotes: tuple[dict, ...]
    posts: tuple[dict, ...]


@dataclass(frozen=True, slots=True)
class LabelledSet:
    """One entry of the manifest: a folder of labelled articles and what is known about it."""

    name: str
    folder: Path
    description: str
    tuned: bool
    """Whether rules were changed after looking at its errors (its figures flatter us)."""
    bars: dict[str, float]
    """The least precision, recall and speaker accuracy the tests accept."""
    minimum_articles: int = 0
    minimum_statements: int = 0
    first: dict[str, float] = field(default_factory=dict)
    """The figures measured before any rule was changed for it."""


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

    def summary(self) -> str:
        """The figures on one line."""
        return (
            f"precision {self.precision:.3f}, recall {self.recall:.3f}, "
            f"speaker accuracy {self.speaker_accuracy:.3f} "
            f"({self.speakers_right}/{self.matched_statements}), "
            f"posts {self.posts_right}/{self.gold_posts}"
        )


def load_manifest(path: Path) -> list[LabelledSet]:
    """The labelled sets a `manifest.toml` lists, folders relative to the manifest."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    sets = []
    for entry in data.get("set", []):
        sets.append(
            LabelledSet(
                name=entry["name"],
                folder=path.parent / entry.get("folder", entry["name"]),
                description=" ".join(entry.get("description", "").split()),
                tuned=bool(entry.get("tuned", True)),
                bars=dict(entry.get("bars", {})),
                minimum_articles=int(entry.get("minimum_articles", 0)),
                minimum_statements=int(entry.get("minimum_statements", 0)),
                first=dict(entry.get("first", {})),
            )
        )
    return sets


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Plain text to paragraphs: blank lines separate them, lines inside are joined."""
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n"))
    return tuple(" ".join(b.split("\n")).strip() for b in blocks if b.strip())


def html_blocks(html: str) -> list[str]:
    """The block texts of an HTML article, as the reader hands them to the extractor.

    The one place the labelled sets meet the HTML converter, so swapping it is one line.
    """
    from newsreader.ingest.html import html_to_paragraphs  # only the HTML cases need it

    return list(html_to_paragraphs(html))


def load_cases(folder: Path, kind: str = "all", shared: Path | None = None) -> list[Case]:
    """The labelled articles in a folder.

    Args:
        folder: Where the `NAME.json` label files are.
        kind: `text`, `html` or `all`.
        shared: The workspace's shared folder, for label files that name a `source` there;
            such cases are left out when it is None or the file is absent.
    """
    cases = []
    for label_path in sorted(folder.glob("*.json")):
        labels = json.loads(label_path.read_text(encoding="utf-8"))
        paragraphs = _body(label_path, labels, kind, shared)
        if paragraphs is not None:
            cases.append(_case(label_path.stem, paragraphs, labels))
    return cases


def _body(label_path: Path, labels: dict, kind: str, shared: Path | None) -> tuple[str, ...] | None:
    """The paragraphs of one labelled article, or None when it is not of the kind asked."""
    if "source" in labels:
        source = shared / labels["source"] if shared is not None else None
        if source is None or not source.exists() or kind == "html":
            return None
        return seed_body(source.read_text(encoding="utf-8"))
    text_path, html_path = label_path.with_suffix(".txt"), label_path.with_suffix(".html")
    if text_path.exists() and kind in ("text", "all"):
        return split_paragraphs(text_path.read_text(encoding="utf-8"))
    if html_path.exists() and kind in ("html", "all"):
        return tuple(html_blocks(html_path.read_text(encoding="utf-8")))
    return None


def html_case_names(folder: Path) -> list[str]:
    """Names of the HTML cases in a folder."""
    return sorted(p.stem for p in folder.glob("*.html"))


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
    for found_quote in predicted:
        speakers.setdefault(normalise(found_quote.text), []).append(found_quote.speaker)
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
