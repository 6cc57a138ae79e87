"""Shared fixtures: every test gets its own data and config folders."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE_FEEDS = REPO / "sample_feeds"
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point newsreader's data, config and log folders at fresh temporary ones."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("NEWSREADER_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("NEWSREADER_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("NEWSREADER_LOG_DIR", str(home / "log"))
    return home
