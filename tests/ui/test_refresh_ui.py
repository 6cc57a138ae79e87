"""Pilot tests: subscribing and refreshing from the app against a real server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.config import Config
from newsreader.store import Store
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.add_feed import AddFeedScreen
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.widgets.article_list import ArticleList
from tests.feedserver import FeedServer, rss, serving, stall, static

QUOTE = "“The ferry will run all winter,” said harbourmaster Ines Varga."


@pytest.fixture
def server() -> Iterator[FeedServer]:
    routes = {
        "/harbour.xml": static(
            rss(
                "Harbour Live",
                [(f"h{n}", f"Harbour item {n}", f"<p>{QUOTE}</p>") for n in range(12)],
            )
        ),
        "/broken.xml": static(b"<html><body>Login required</body></html>", "text/html"),
    }
    yield from serving(routes)


def quick_config() -> Config:
    return Config(fetch_timeout_seconds=2.0, max_connections=4)


async def test_add_feed_dialog_subscribes_and_fetches(server: FeedServer, database: Path) -> None:
    database.parent.mkdir(parents=True)
    app = NewsReaderApp(Store(database), quick_config())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AddFeedScreen)
        await pilot.press(*server.url("/harbour.xml"), "enter", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(ArticleList).row_count == 12


@pytest.mark.parametrize("typed", ["http://", "https://", "ftp://example.org/feed", "example"])
async def test_add_feed_dialog_refuses_what_is_not_a_feed(typed: str, database: Path) -> None:
    database.parent.mkdir(parents=True)
    app = NewsReaderApp(Store(database), quick_config())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*typed, "enter")
        await pilot.pause()
        # The dialog stays, says why in one line, and nothing was subscribed.
        assert isinstance(app.screen, AddFeedScreen)
        error = str(app.screen.query_one("#add-error").render())
        assert error.startswith(typed) and ("URL" in error or "folder" in error)
        await pilot.press("escape")
    assert [row.key for row in Store(database).feed_listing() if row.kind == "feed"] == []


async def test_refresh_all_while_moving_through_the_list(
    server: FeedServer, article_folder: Path, database: Path
) -> None:
    server.routes["/slow.xml"] = stall(server)
    database.parent.mkdir(parents=True)
    store = Store(database)
    for path in ("/harbour.xml", "/broken.xml", "/slow.xml"):
        url = server.url(path)
        store.add_subscription(url, title=path, location=url, kind="feed")
    app = NewsReaderApp(store, quick_config(), import_paths=[article_folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        article_list = screen.query_one(ArticleList)
        await pilot.press("R")
        # The UI keeps answering while the refresh runs (one feed stalls until its deadline).
        await pilot.press("j", "j", "k", "enter")
        assert article_list.cursor == 1
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert article_list.row_count == 3 + 12
        failures = [note.message for note in app._notifications if note.title == "Refresh"]
        assert len(failures) == 2  # the HTML page and the stalled feed, one line each
        assert any(message.startswith("/broken.xml:") for message in failures)
        assert any(message.startswith("/slow.xml:") for message in failures)
