"""Full text in the app: `F` fetches the page of the article under the cursor, the view says
where the text came from, and `v` switches between the page's text and the feed's summary."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.config import Config
from newsreader.sources.refresh import refresh_sources
from newsreader.store import Store
from newsreader.store.feeds import FEED_KIND
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.widgets.article_view import ArticleView
from newsreader.ui.widgets.quote_pane import QuotePane
from tests.feedserver import FeedServer, serving, static
from tests.unit.test_fulltext import QUOTE, story_page, summary_feed

CONFIG = Config(fetch_timeout_seconds=2.0, refresh_on_start=False)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from serving()


async def subscribed(server: FeedServer, database: Path, page_path: str) -> NewsReaderApp:
    """A summary-only feed of one entry, refreshed (full text off), and the app on it."""
    server.routes["/feed"] = static(summary_feed(server, [page_path]))
    database.parent.mkdir(parents=True, exist_ok=True)
    store = Store(database)
    url = server.url("/feed")
    store.add_subscription(url, title=url, location=url, kind=FEED_KIND)
    store.close()
    await asyncio.to_thread(refresh_sources, database, None, CONFIG)
    return NewsReaderApp(Store(database), CONFIG)


async def settled(app: NewsReaderApp, pilot) -> MainScreen:  # type: ignore[no-untyped-def]
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert isinstance(app.screen, MainScreen)
    return app.screen


def header(view: ArticleView) -> str:
    return str(view.query_one("#article-header").render())


async def test_f_fetches_the_page_and_v_switches_to_the_summary_and_back(
    server: FeedServer, database: Path
) -> None:
    server.routes["/story/0"] = static(story_page(0), "text/html")
    app = await subscribed(server, database, "/story/0")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settled(app, pilot)
        await pilot.press("enter")
        view = screen.query_one(ArticleView)
        assert view.article is not None and view.article.paragraphs == (
            "Two sentences of summary 0. Read more.",
        )
        assert "Full text" not in header(view)
        await pilot.press("F")
        await settled(app, pilot)
        assert QUOTE in "\n".join(view.article.paragraphs)
        assert "Full text from the page" in header(view)
        speakers = {getattr(item, "speaker", None) for item in screen.query_one(QuotePane).items}
        assert "Jane Smith" in speakers
        server.routes.clear()  # offline from here on
        await pilot.press("v")
        await pilot.pause()
        assert view.article.paragraphs == ("Two sentences of summary 0. Read more.",)
        assert "Feed summary" in header(view)
        await pilot.press("v")
        await pilot.pause()
        assert QUOTE in "\n".join(view.article.paragraphs)
        assert "Full text from the page" in header(view)


async def test_a_page_that_fails_leaves_the_summary_and_says_why(
    server: FeedServer, database: Path
) -> None:
    app = await subscribed(server, database, "/gone")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settled(app, pilot)
        await pilot.press("enter")
        await pilot.press("F")
        await settled(app, pilot)
        view = screen.query_one(ArticleView)
        assert view.article is not None
        assert view.article.paragraphs == ("Two sentences of summary 0. Read more.",)
        assert "Feed summary: page not fetched: HTTP 404" in header(view)
        await pilot.press("v")  # nothing to switch to: the body is the feed's
        await pilot.pause()
        assert view.article.paragraphs == ("Two sentences of summary 0. Read more.",)
