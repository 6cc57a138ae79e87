"""Quality bars for quote and post extraction, one per labelled set in the manifest."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.extract import extract
from newsreader.extract.evaluate import (
    LabelledSet,
    Score,
    html_case_names,
    load_cases,
    load_manifest,
    score,
)

EXTRACTION_DIR = Path(__file__).parents[1] / "extraction"
SHARED_DIR = Path(__file__).parents[3] / "shared"
"""The workspace's shared folder (absent in a clone elsewhere)."""
SETS = {labelled.name: labelled for labelled in load_manifest(EXTRACTION_DIR / "manifest.toml")}


def _report(result: Score) -> str:
    return "\n".join([result.summary(), *result.problems])


def _cases(labelled: LabelledSet, kind: str = "all") -> list:
    return load_cases(labelled.folder, kind, shared=SHARED_DIR)


def _check(result: Score, labelled: LabelledSet) -> None:
    report = _report(result)
    assert result.precision >= labelled.bars["precision"], report
    assert result.recall >= labelled.bars["recall"], report
    assert result.speaker_accuracy >= labelled.bars["speaker_accuracy"], report
    assert result.posts_right == result.gold_posts, report
    assert not [p for p in result.problems if " post @" in p], report


def test_every_set_folder_is_in_the_manifest() -> None:
    folders = {p.name for p in EXTRACTION_DIR.iterdir() if p.is_dir() and any(p.glob("*.json"))}
    assert folders <= {s.folder.name for s in SETS.values()}


@pytest.mark.parametrize("name", sorted(SETS))
def test_set_is_big_enough(name: str) -> None:
    labelled = SETS[name]
    cases = _cases(labelled)
    statements = [q for case in cases for q in case.quotes if q["kind"] == "statement"]
    assert len(cases) >= labelled.minimum_articles
    assert len(statements) >= labelled.minimum_statements


@pytest.mark.parametrize("name", sorted(SETS))
def test_set_meets_its_bar(name: str) -> None:
    labelled = SETS[name]
    cases = _cases(labelled)
    if not cases:
        pytest.skip(f"no article of {name} is readable here (the shared folder is absent)")
    _check(score(cases, extract), labelled)


def test_html_articles_all_load() -> None:
    labelled = SETS["original"]
    assert {c.name for c in _cases(labelled, "html")} == set(html_case_names(labelled.folder))


def test_seed_article_comes_out_right() -> None:
    cases = _cases(SETS["seed"])
    if not cases:
        pytest.skip("the shared seeds folder is absent (clone outside the workspace)")
    for case in cases:
        found = extract(case.paragraphs)
        expected = [(q["text"], q["speaker"], q["kind"]) for q in case.quotes]
        assert [(q.text, q.speaker, q.kind.value) for q in found.quotes] == expected
        posts = [(p.handle, p.date, p.author, p.platform) for p in found.posts]
        assert posts == [(p["handle"], p["date"], p["author"], p["platform"]) for p in case.posts]
