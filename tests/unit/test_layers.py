"""The core never imports textual or rich: checked in a fresh interpreter per module."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "newsreader.models",
    "newsreader.store",
    "newsreader.store.database",
    "newsreader.config",
    "newsreader.paths",
    "newsreader.text",
    "newsreader.importer",
    "newsreader.extract",
    "newsreader.sources.local",
    "newsreader.ingest.feeds",
    "newsreader.ingest.html",
    "newsreader.ingest.markdown",
    "newsreader.ingest.decode",
    "newsreader.ingest.dates",
    "newsreader.store.documents",
    "newsreader.sources.fetch",
    "newsreader.sources.refresh",
    "newsreader.sources.opml",
    "newsreader.store.search",
    "newsreader.subscriptions",
    # Shell commands load rich only when they draw a progress bar or a table.
    "newsreader.cli",
    "newsreader.cli.refresh",
    "newsreader.cli.feeds",
]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_ui_libraries(module: str) -> None:
    probe = (
        f"import sys, {module}; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')); "
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_list_command_does_not_import_textual() -> None:
    probe = (
        "import sys; from newsreader import __main__, cli; cli.build_parser(); "
        "print(any(m.startswith('textual') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
