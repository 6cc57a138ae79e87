"""Quote indexing as a service: search at save time, versioned quotes, processes, kills."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from newsreader.models import ArticleDraft, Document, SourceDraft
from newsreader.services.indexing import _extract_chunk, index_quotes
from newsreader.store import Store
from newsreader.versions import EXTRACTOR_VERSION

QUOTE = "\u201cWe will reopen the bridge by Friday,\u201d said Mayor Dana Ortiz."


def drafts(count: int, word: str = "harbour") -> tuple[ArticleDraft, ...]:
    return tuple(
        ArticleDraft(
            guid=f"a{n}",
            title=f"Story {n} about the {word}",
            source_name="Gazette",
            document=Document.from_paragraphs((f"Lead {n} on the {word}.", QUOTE)),
        )
        for n in range(count)
    )


def filled(path: Path, count: int) -> Store:
    store = Store(path)
    store.save_source(SourceDraft("local:/news", "news", "/news", drafts(count)))
    return store


def run_cli(data_dir: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsreader", *arguments],
        capture_output=True,
        text=True,
        env={**os.environ, "NEWSREADER_DATA_DIR": str(data_dir)},
        timeout=120,
    )


def test_an_import_by_the_cli_is_searchable_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "bridge.txt").write_text("Bridge news\n\nThe zebra crossing reopens.\n")
    data_dir = tmp_path / "data"
    imported = run_cli(data_dir, "add", str(folder))
    assert imported.returncode == 0, imported.stderr
    found = run_cli(data_dir, "search", "zebra")
    assert "Bridge news" in found.stdout


def test_quotes_are_indexed_in_processes_and_versioned(tmp_path: Path) -> None:
    store = filled(tmp_path / "db.sqlite3", 120)
    assert store.search("harbour") and store.pending_index_count(EXTRACTOR_VERSION) == 120
    assert store.speakers() == []
    seen: list[tuple[int, int]] = []
    summary = index_quotes(
        store, workers=2, progress=lambda done, total: seen.append((done, total))
    )
    assert (summary.indexed, summary.failed) == (120, 0)
    assert seen[-1] == (120, 120)
    assert store.pending_index_count(EXTRACTOR_VERSION) == 0
    assert store.speakers()[0].speaker == "Dana Ortiz"
    assert len(store.search("Ortiz")) == 120


def test_a_new_extractor_version_makes_every_article_stale(tmp_path: Path) -> None:
    store = filled(tmp_path / "db.sqlite3", 10)
    index_quotes(store, workers=1)
    newer = EXTRACTOR_VERSION + 1
    assert store.pending_index_count(newer) == 10
    assert store.speakers()[0].quote_count == 10  # the old quotes stay readable meanwhile
    assert index_quotes(store, version=newer, workers=1).indexed == 10
    assert store.pending_index_count(newer) == 0
    assert store.speakers()[0].quote_count == 10
    assert len(store.search("Ortiz")) == 10


def test_an_article_changed_while_it_was_analysed_waits_again(tmp_path: Path) -> None:
    store = filled(tmp_path / "db.sqlite3", 1)
    (pending,) = store.articles_for_quotes(EXTRACTOR_VERSION)
    changed = drafts(1, word="ferry")
    store.save_source(SourceDraft("local:/news", "news", "/news", changed))
    from newsreader.extract import extract

    assert store.save_quotes(EXTRACTOR_VERSION, [(pending, extract(pending.paragraphs))]) == 0
    assert store.pending_index_count(EXTRACTOR_VERSION) == 1
    assert store.search("ferry") and not store.search("harbour")


def test_an_extractor_exception_costs_only_its_article() -> None:
    results = _extract_chunk([(5, (None,)), (6, ("\u201cFine,\u201d said Ann Lee.",))])  # type: ignore[list-item]
    assert results[0][0] == 5 and results[0][1] is None and "Traceback" in results[0][2]
    assert results[1][1] is not None and results[1][1].quotes[0].speaker == "Ann Lee"


def test_a_kill_during_indexing_loses_nothing_and_it_resumes(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database = data_dir / "newsreader.sqlite3"
    filled(database, 3000).close()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsreader", "index", "--quiet", "--workers", "1"],
        env={**os.environ, "NEWSREADER_DATA_DIR": str(data_dir)},
        stderr=subprocess.DEVNULL,
    )
    time.sleep(2.5)
    process.send_signal(signal.SIGKILL)
    process.wait()
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = Store(database)
    waiting = store.pending_index_count(EXTRACTOR_VERSION)
    assert 0 < waiting < 3000 or waiting == 0
    assert len(store.search("harbour")) == 200  # the search page limit: every article found
    index_quotes(store, workers=1)
    assert store.pending_index_count(EXTRACTOR_VERSION) == 0
    assert store.speakers()[0].quote_count == 3000


def test_the_store_never_imports_the_extractor() -> None:
    probe = (
        "import sys, newsreader.store, newsreader.store.search, newsreader.store.database; "
        "print(any(m.startswith('newsreader.extract') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_starting_the_app_does_not_load_the_extractor() -> None:
    probe = (
        "import sys, newsreader.ui.app, newsreader.store; "
        "print(sorted(m for m in sys.modules if m.startswith(('newsreader.extract', 'dateutil'))))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
