"""Cases for opening the database when something around it is wrong."""

from __future__ import annotations

import importlib
import os
from typing import Any

from tests.hostile.cases_cli import cli

NOBODY = 65534


def feeds_with(data_dir: str, as_nobody: bool = False, add: bool = False) -> dict[str, Any]:
    """`newsreader feeds` (or `add`) on the database in `data_dir`, as root or as nobody."""
    if as_nobody:
        # The interpreter and the checkout may live where nobody cannot read (root's home, a
        # mktemp folder): import every module the command could load lazily first.
        import logging.handlers  # noqa: F401
        import pkgutil

        import newsreader
        import newsreader.cli

        for module in pkgutil.walk_packages(newsreader.__path__, "newsreader."):
            if not module.name.startswith("newsreader.ui"):
                importlib.import_module(module.name)
        newsreader.cli.build_parser()  # imports every command's module

        os.setgid(NOBODY)
        os.setuid(NOBODY)
    os.environ["NEWSREADER_DATA_DIR"] = data_dir
    return cli([["add", "https://127.0.0.1:9/new"] if add else ["feeds"]])[0]


def refresh_stored(urls: list[str]) -> dict[str, Any]:
    """Subscriptions stored as they are (as an older version could have), then `refresh`."""
    from newsreader import paths
    from newsreader.store import Store

    store = Store(paths.database_path())
    for url in urls:
        store.add_subscription(url, title=url, location=url, kind="feed")
    store.close()
    return cli([["refresh"]])[0]
