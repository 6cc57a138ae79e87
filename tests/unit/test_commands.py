"""`newsreader search`, `export-quotes` and `config`, run as real processes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLES = {
    "bridge.txt": "date 2026-10-12 Harbour Gazette\n\nThe bridge will reopen on Friday.\n\n"
    "“We will reopen the bridge by Friday,” said Mayor Dana Ortiz.\n",
    "storm.txt": "date 2026-10-11 Valley Courier\n\nThe storm weakened overnight.\n\n"
    "“The storm is weakening,” said forecaster Lee Chang.\n\n"
    "“Crews will inspect the bridge at dawn,” Mayor Dana Ortiz said later.\n",
}


def run(*arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsreader", *arguments],
        capture_output=True,
        text=True,
        env=env or os.environ.copy(),
        timeout=60,
    )


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    """A folder of two articles, imported into the test's data dir."""
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    from newsreader import paths
    from newsreader.importer import import_paths

    import_paths(paths.database_path(), [folder])
    return folder


def test_search_json_lists_best_match_first(stored: Path) -> None:
    result = run("search", "bridge", "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert [item["title"] for item in found] == [
        "The bridge will reopen on Friday",
        "The storm weakened overnight",
    ]
    assert set(found[0]) >= {"id", "source", "title", "date", "read", "starred", "path_or_url"}
    assert json.loads(run("search", "Chang", "--json").stdout)[0]["source"] == "Valley Courier"
    assert json.loads(run("search", "zebra", "--json").stdout) == []


def test_export_quotes_by_speaker_in_every_format(stored: Path) -> None:
    waiting = run("export-quotes", "--format", "json")
    assert "2 articles still waiting for quote analysis" in waiting.stderr
    indexed = run("index")
    assert indexed.returncode == 0 and "analysed 2 articles" in indexed.stderr
    assert run("export-quotes").stderr == ""
    as_json = json.loads(run("export-quotes", "--speaker", "ortiz", "--format", "json").stdout)
    assert [quote["text"] for quote in as_json] == [
        "We will reopen the bridge by Friday,",
        "Crews will inspect the bridge at dawn,",
    ]
    assert {quote["speaker"] for quote in as_json} == {"Dana Ortiz"}
    rows = list(csv.DictReader(io.StringIO(run("export-quotes", "--format", "csv").stdout)))
    assert {row["speaker"] for row in rows} == {"Dana Ortiz", "Lee Chang"}
    markdown = run("export-quotes", "--speaker", "LEE").stdout
    assert "## Lee Chang" in markdown and "“The storm is weakening,”" in markdown
    assert "Dana Ortiz" not in markdown


def test_config_path_and_edit(tmp_path: Path) -> None:
    from newsreader import paths

    result = run("config", "--path")
    assert result.stdout.strip() == str(paths.config_path())
    assert paths.config_path().exists()  # created with commented defaults
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\necho "edited $1" > "$(dirname "$1")/edited.txt"\n')
    editor.chmod(0o755)
    env = {**os.environ, "EDITOR": str(editor), "VISUAL": ""}
    assert run("config", "--edit", env=env).returncode == 0
    assert (paths.config_path().parent / "edited.txt").read_text().startswith("edited ")


def test_config_edit_with_a_missing_editor_says_so(tmp_path: Path) -> None:
    from newsreader import paths

    env = {**os.environ, "EDITOR": "no-such-editor-12 --wait", "VISUAL": ""}
    result = run("config", "--edit", env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("newsreader: $EDITOR is `no-such-editor-12 --wait`, which ")
    assert str(paths.config_path()) in result.stderr and "Traceback" not in result.stderr
    bare = {**env, "EDITOR": "", "PATH": str(tmp_path)}  # no editor, nano or vi either
    result = run("config", "--edit", env=bare)
    assert result.returncode == 1 and "no editor: $EDITOR is not set" in result.stderr


def test_config_checks_what_the_app_checks() -> None:
    from newsreader import paths

    paths.config_path().parent.mkdir(parents=True, exist_ok=True)
    paths.config_path().write_text(
        'theme = "no-such-theme"\nrefresh_interval_minutes = -5\n\n'
        '[keys]\ntoggle_star = "s,f"\nno_such_action = "x"\n',
        encoding="utf-8",
    )
    result = run("config")
    assert result.returncode == 1
    warnings = result.stderr.splitlines()
    assert len(warnings) == 4, warnings
    assert any("refresh_interval_minutes must be between 0" in line for line in warnings)
    assert any("unknown theme 'no-such-theme'" in line for line in warnings)
    assert any("keys.no_such_action: no such binding id" in line for line in warnings)
    assert any("f is also the key of cycle_view" in line for line in warnings)
    paths.config_path().write_text('[keys]\ntoggle_star = "f"\ncycle_view = "s"\n', "utf-8")
    assert run("config").returncode == 0  # a swap takes nothing from anyone
