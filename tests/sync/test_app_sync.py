"""The app with a sync account on a real FreshRSS: `R` refreshes local feeds and syncs,
`sync_on_start` syncs at start, `a` subscribes on the server."""

from __future__ import annotations

from pathlib import Path

from newsreader.config import Config, SyncSettings
from newsreader.store import Store
from newsreader.sync.client import READ, READING_LIST
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.widgets.article_list import ArticleList
from tests.sync.conftest import Account, add_feed
from tests.sync.test_freshrss import client_for


def config_for(account: Account, *, on_start: bool = False) -> Config:
    sync = SyncSettings(
        service="greader",
        url=account.url,
        username=account.username,
        password_file=str(account.password_file),
        sync_on_start=on_start,
    )
    return Config(fetch_timeout_seconds=5.0, max_connections=4, sync=sync)


def sync_notes(app: NewsReaderApp) -> list[str]:
    return [note.message for note in app._notifications if note.title == "Sync"]


async def test_refresh_all_syncs_both_ways_beside_a_local_feed(
    account: Account, tmp_path: Path
) -> None:
    synced_url = add_feed(account.feeds, f"/{account.username}/app.xml", "Synced", 4)
    local_url = add_feed(account.feeds, f"/{account.username}/app-local.xml", "Local", 2)
    with client_for(account) as client:
        client.subscribe(synced_url, folder="News")
    database = tmp_path / "data" / "newsreader.sqlite3"
    database.parent.mkdir(parents=True)
    store = Store(database)
    store.add_subscription(local_url, title="Local", location=local_url, kind="feed")
    app = NewsReaderApp(store, config_for(account))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("R")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one(ArticleList).row_count == 6
        assert any(note.startswith("Synced: 1 feed, 4 new articles") for note in sync_notes(app))
        article_id = store.search("Synced")[0]
        store.set_read(article_id, True)  # as the app's mark-read does: queued with it
        await pilot.press("R")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    with client_for(account) as client:
        unread = client.item_ids(READING_LIST, exclude=READ)
    assert store.item_of_article(article_id) not in unread and len(unread) == 3
    assert store.pending_count() == 0


async def test_sync_on_start_and_a_server_that_is_down(account: Account, tmp_path: Path) -> None:
    url = add_feed(account.feeds, f"/{account.username}/start.xml", "Start", 3)
    with client_for(account) as client:
        client.subscribe(url)
    database = tmp_path / "data" / "newsreader.sqlite3"
    database.parent.mkdir(parents=True)
    store = Store(database)
    app = NewsReaderApp(store, config_for(account, on_start=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one(ArticleList).row_count == 3
    down = config_for(account, on_start=True)
    down = Config(sync=SyncSettings(**{**_fields(down.sync), "url": "http://127.0.0.1:9/x"}))
    app = NewsReaderApp(Store(database), down)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one(ArticleList).row_count == 3  # still readable
        assert any("cannot reach" in note for note in sync_notes(app))


def _fields(settings: SyncSettings) -> dict[str, object]:
    return {name: getattr(settings, name) for name in settings.__dataclass_fields__}
