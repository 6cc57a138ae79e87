"""`v` and `F` on articles with no web page say so plainly: a local file's article, and a
feed entry whose link is not http(s) (refused by name, never requested)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.config import Config
from newsreader.services.library import save_local
from newsreader.sources.refresh import refresh_sources
from newsreader.store import Store
from newsreader.store.feeds import FEED_KIND
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.main import MainScreen
from tests.feedserver import FeedServer, serving, static
from tests.unit.test_fulltext import summary_feed

CONFIG = Config(fetch_timeout_seconds=2.0, refresh_on_start=False)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from serving()


def said(app: NewsReaderApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def pressed(app: NewsReaderApp, pilot, key: str) -> list[str]:  # type: ignore[no-untyped-def]
    before = len(said(app))
    await pilot.press(key)
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()
    return said(app)[before:]


async def test_v_and_f_on_a_local_article_say_it_has_no_web_page(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_text("# A note\n\nSome text of the note.\n", "utf-8")
    database = tmp_path / "data" / "news.sqlite3"
    database.parent.mkdir()
    store = Store(database)
    save_local(store, tmp_path / "notes")
    async with NewsReaderApp(store, CONFIG).run_test(size=(120, 40)) as pilot:
        app = pilot.app
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("enter")
        await pilot.pause()
        for key in ("v", "F"):
            lines = await pressed(app, pilot, key)
            assert any("no web page" in line for line in lines), (key, lines)
            assert not any("Fetching" in line for line in lines), lines  # said at once
            assert not any("F fetches" in line or "summary" in line for line in lines), lines


async def test_f_on_a_file_link_says_the_link_was_refused(
    server: FeedServer, tmp_path: Path
) -> None:
    server.routes["/feed"] = static(summary_feed(server, ["file:///etc/passwd"]))
    database = tmp_path / "news.sqlite3"
    store = Store(database)
    url = server.url("/feed")
    store.add_subscription(url, title=url, location=url, kind=FEED_KIND)
    store.close()
    await asyncio.to_thread(refresh_sources, database, None, CONFIG)
    async with NewsReaderApp(Store(database), CONFIG).run_test(size=(120, 40)) as pilot:
        app = pilot.app
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        lines = await pressed(app, pilot, "F")
        assert any(line.startswith("Link refused: not an http(s) link (file:") for line in lines), (
            lines
        )
        assert not any("Fetching" in line for line in lines), lines
    assert [path for path, _ in server.requests] == ["/feed"]
