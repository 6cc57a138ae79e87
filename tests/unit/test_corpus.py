"""Every real-world feed file we can find loads without an exception: articles or one error."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.sources.local import load_file, load_path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
SAMPLE_FEEDS = REPO / "sample_feeds"
SAMPLE_FILES = sorted(
    path
    for path in SAMPLE_FEEDS.glob("*")
    if path.is_file() and not path.name.startswith((".", "_")) and path.suffix != ".opml"
)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_corpus_loads_without_exceptions() -> None:
    files = [p for p in sorted(CORPUS.rglob("*")) if p.is_file() and p.name != "LICENSE"]
    silent = []
    for path in files:
        articles, errors, _title = load_file(path, guid=path.name, folder_name=path.parent.name)
        if not articles and len(errors) != 1:
            silent.append(path)
    assert files and not silent


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_corpus_folders_load_as_sources() -> None:
    source = load_path(CORPUS / "feedparser" / "illformed")
    folder = (CORPUS / "feedparser" / "illformed").resolve()
    assert source.key == f"local:{folder}" and (source.articles or source.errors)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda path: path.name)
def test_sample_feed_file_loads_cleanly(path: Path) -> None:
    source = load_path(path)
    assert source.errors == ()
    assert source.articles
