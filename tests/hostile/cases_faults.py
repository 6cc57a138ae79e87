"""Cases that break one source on purpose (an injected fault) and check the others are saved."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from newsreader import paths
from newsreader.logs import log_path
from newsreader.services import library
from newsreader.store import Store
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.widgets.article_list import ArticleList
from tests.hostile.app_case import run_app
from tests.hostile.cases_cli import cli


def _break_loading(bad: str, error: Exception) -> None:
    """Make loading any path under `bad` raise `error` (an injected fault), others load."""
    real = library.iter_source_parts

    def parts(path: Path, *args: Any, **kwargs: Any) -> Any:
        if str(path).startswith(bad):
            raise error
        return real(path, *args, **kwargs)

    library.iter_source_parts = parts  # type: ignore[assignment]


def _subscribe(*folders: str) -> None:
    store = Store(paths.database_path())
    for folder in folders:
        store.add_subscription(f"local:{folder}", title=folder, location=folder, kind="local")
    store.close()


def _titles() -> list[str]:
    connection = sqlite3.connect(paths.database_path())
    titles = [row[0] for row in connection.execute("SELECT title FROM articles")]
    connection.close()
    return titles


def refresh_with_a_broken_source(good: str, bad: str) -> dict[str, Any]:
    """`newsreader refresh` where loading one source raises an error nobody expected."""
    _subscribe(bad, good)
    _break_loading(bad, TypeError("author must be str"))
    report = cli([["refresh"]])[0]
    path = log_path()
    return {
        "refresh": report,
        "titles": _titles(),
        "log": path.read_text() if path.exists() else "",
    }


def refresh_with_a_full_disk_for_one(good: str, bad: str) -> dict[str, Any]:
    """`newsreader refresh` where saving one source fails as on a full disk."""
    _subscribe(bad, good)
    real_save = Store.save_source

    def save(self: Store, draft: Any, kind: str = "local") -> Any:
        if draft.location.startswith(bad):
            raise sqlite3.OperationalError("database or disk is full")
        return real_save(self, draft, kind)

    Store.save_source = save  # type: ignore[method-assign]
    return {"refresh": cli([["refresh"]])[0], "titles": _titles()}


def app_import_with_a_broken_source(good: str, bad: str) -> dict[str, Any]:
    """The app's start-up import where one of the paths raises while loading."""
    _break_loading(bad, TypeError("title must be str"))

    async def scenario(app: NewsReaderApp, pilot: Pilot[Any]) -> dict[str, Any]:
        await app.workers.wait_for_complete()
        await pilot.pause()
        article_list = app.screen.query_one(ArticleList)
        return {
            "rows": article_list.row_count,
            "empty": article_list.empty_message,
            "notes": [[n.title, n.message] for n in app._notifications],
        }

    return run_app(scenario, import_paths=[Path(bad), Path(good)])
