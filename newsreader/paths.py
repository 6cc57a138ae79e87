"""Where newsreader keeps its files: platformdirs locations, created when first asked for.

`NEWSREADER_DATA_DIR` and `NEWSREADER_CONFIG_DIR` override the locations, so tests, benchmarks
and a second profile can use their own folders without touching the user's.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "newsreader"


def data_dir() -> Path:
    """Return the data folder (database lives here), creating it if needed."""
    override = os.environ.get("NEWSREADER_DATA_DIR")
    folder = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def config_dir() -> Path:
    """Return the configuration folder, creating it if needed."""
    override = os.environ.get("NEWSREADER_CONFIG_DIR")
    folder = Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def database_path() -> Path:
    """Return the path of the SQLite database."""
    return data_dir() / "newsreader.sqlite3"


def config_path() -> Path:
    """Return the path of `config.toml`."""
    return config_dir() / "config.toml"


def bundled_samples() -> Path:
    """Return the folder of sample articles shipped with newsreader.

    A source checkout has them at the top of the repository; an installed package carries them
    as `newsreader/sample_feeds`.
    """
    checkout_copy = Path(__file__).resolve().parent.parent / "sample_feeds"
    if checkout_copy.is_dir():
        return checkout_copy
    return Path(__file__).resolve().parent / "sample_feeds"
