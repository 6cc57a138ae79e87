"""Steps many Pilot tests share."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from newsreader.store import Store
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.widgets.article_view import ArticleView


def make_app(database: Path, *paths: Path) -> NewsReaderApp:
    """The app on a real database file, importing `paths` when it starts."""
    database.parent.mkdir(parents=True, exist_ok=True)
    return NewsReaderApp(Store(database), import_paths=paths)


async def open_article(app: NewsReaderApp, pilot: Pilot[None]) -> MainScreen:
    """Wait for the app's imports, open the article under the cursor, return the screen."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, MainScreen)
    await pilot.press("enter")
    await pilot.pause()
    return screen


async def open_first(app: NewsReaderApp, pilot: Pilot[None]) -> ArticleView:
    """Wait for the app, open the newest article and return the view."""
    view = (await open_article(app, pilot)).query_one(ArticleView)
    assert view.article is not None
    return view
