"""Steps many Pilot tests share."""

from __future__ import annotations

from textual.pilot import Pilot

from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.widgets.article_view import ArticleView


async def open_first(app: NewsReaderApp, pilot: Pilot[None]) -> ArticleView:
    """Wait for the app, open the newest article and return the view."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)
    await pilot.press("enter")
    await pilot.pause()
    view = app.screen.query_one(ArticleView)
    assert view.article is not None
    return view
