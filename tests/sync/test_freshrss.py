"""Sync against a real FreshRSS (no mock of the server): feeds come from our loopback server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.config import SyncSettings
from newsreader.services.indexing import index_quotes
from newsreader.store import Store
from newsreader.store.sync import GREADER_KIND
from newsreader.sync import AuthError, Credentials, GReaderClient, Syncer, SyncError, syncer_for
from newsreader.sync.client import READ, READING_LIST, STARRED
from newsreader.sync.items import server_item
from tests import freshrss
from tests.sync.conftest import Account, add_feed


def settings_for(account: Account, **changes: object) -> SyncSettings:
    values: dict[str, object] = {
        "service": "greader",
        "url": account.url,
        "username": account.username,
        "password_file": str(account.password_file),
    }
    values.update(changes)
    return SyncSettings(**values)  # type: ignore[arg-type]


def client_for(account: Account) -> GReaderClient:
    return GReaderClient(account.url, Credentials(account.username, account.password))


def subscribe_three(account: Account, client: GReaderClient, per_feed: int = 5) -> list[str]:
    """Three feeds in two folders, subscribed on the server."""
    prefix = f"/{account.username}"
    urls = [
        add_feed(account.feeds, f"{prefix}/world.xml", "World", per_feed),
        add_feed(account.feeds, f"{prefix}/city.xml", "City", per_feed),
        add_feed(account.feeds, f"{prefix}/tech.xml", "Tech", per_feed),
    ]
    for url, folder in zip(urls, ["News", "News", "Tech"], strict=True):
        client.subscribe(url, folder=folder)
    return urls


def synced_store(tmp_path: Path, account: Account, **options: int) -> tuple[Store, Syncer]:
    store = Store(tmp_path / "news.sqlite3")
    syncer = syncer_for(store, settings_for(account), "config.toml")
    for name, value in options.items():
        setattr(syncer, name, value)
    return store, syncer


def test_first_sync_three_feeds_in_two_folders(tmp_path: Path, account: Account) -> None:
    with client_for(account) as client:
        urls = subscribe_three(account, client)
    store, syncer = synced_store(tmp_path, account)
    seen: list[tuple[int, int, str]] = []
    report = syncer.sync(lambda done, total, what: seen.append((done, total, what)))
    assert report.subscriptions == 3 and report.new_items == 15 and report.pending == 0
    sources = [s for s in store.feed_listing() if s.kind == GREADER_KIND]
    assert sorted((s.title, s.category, s.location) for s in sources) == [
        ("City", "News", urls[1]),
        ("Tech", "Tech", urls[2]),
        ("World", "News", urls[0]),
    ]
    assert all(s.article_count == 5 and s.unread_count == 5 for s in sources)
    assert (15, 15, "articles") in seen
    # Stored like any other article: blocks with links, searchable, quotes indexed later.
    found = store.search("Tech")
    assert len(found) == 5
    article = store.article(found[0])
    assert article is not None and article.link and article.link.startswith("https://example.org/")
    assert "said Ann Lee" in article.document.paragraphs[0]
    assert article.title.startswith("Tech & item")  # FreshRSS sends "＆"
    assert index_quotes(store, workers=1).indexed == 15
    assert store.speakers()
    again = syncer.sync()
    assert again.new_items == 0 and again.applied == 0 and again.sent == 0


def test_marks_made_here_reach_the_server(tmp_path: Path, account: Account) -> None:
    with client_for(account) as client:
        subscribe_three(account, client, per_feed=2)
        store, syncer = synced_store(tmp_path, account)
        syncer.sync()
        first, second = store.search("World")
        store.set_read(first, True)
        store.set_starred(second, True)
        assert store.pending_count() == 2
        report = syncer.sync()
        assert report.sent == 2 and store.pending_count() == 0
        unread = set(client.item_ids(READING_LIST, exclude=READ))
        assert store.item_of_article(first) not in unread
        assert store.item_of_article(second) in unread
        assert client.item_ids(STARRED) == [store.item_of_article(second)]


def test_marks_made_on_the_server_arrive_here(tmp_path: Path, account: Account) -> None:
    with client_for(account) as client:
        subscribe_three(account, client, per_feed=2)
        store, syncer = synced_store(tmp_path, account)
        syncer.sync()
        article_ids = store.search("City")
        items = [store.item_of_article(a) for a in article_ids]
        # Another device: one item read in the long id form, one starred in the short form.
        client.edit_tag([items[0]], READ, add=True)  # type: ignore[list-item]
        client.edit_tag([items[1]], STARRED, add=True)  # type: ignore[list-item]
        report = syncer.sync()
    assert report.applied == 2 and report.sent == 0
    assert store.state(article_ids[0]) == (True, False)
    assert store.state(article_ids[1]) == (False, True)
    assert store.pending_count() == 0


def test_unread_set_is_the_same_on_both_sides(tmp_path: Path, account: Account) -> None:
    with client_for(account) as client:
        subscribe_three(account, client, per_feed=4)
        store, syncer = synced_store(tmp_path, account)
        syncer.sync()
        ids = store.search("item")
        for article_id in ids[:5]:
            store.set_read(article_id, True)
        client.edit_tag([store.item_of_article(ids[7]) or 0], READ, add=True)
        syncer.sync()
        server_unread = set(client.item_ids(READING_LIST, exclude=READ))
    local_unread = {store.item_of_article(a) for a in ids if store.state(a) == (False, False)}
    assert local_unread == server_unread and len(server_unread) == 12 - 6


def test_offline_changes_are_queued_and_sent(tmp_path: Path, account: Account) -> None:
    with client_for(account) as client:
        subscribe_three(account, client, per_feed=2)
    store, syncer = synced_store(tmp_path, account)
    syncer.sync()
    article_id = store.search("Tech")[0]
    offline = Syncer(
        store, GReaderClient("http://127.0.0.1:9/api/greader.php", Credentials("x", "y"))
    )
    store.set_starred(article_id, True)
    with pytest.raises(SyncError) as raised:
        offline.sync()
    assert "cannot reach" in str(raised.value) and "\n" not in str(raised.value)
    assert store.pending_count() == 1  # still queued, and the store still reads
    assert store.article(article_id) is not None
    report = syncer.sync()
    assert report.sent == 1 and store.pending_count() == 0
    with client_for(account) as client:
        assert client.item_ids(STARRED) == [store.item_of_article(article_id)]


def test_wrong_password_names_the_setting_and_hides_the_password(
    tmp_path: Path, account: Account
) -> None:
    account.password_file.write_text("not-the-password-42\n")
    store = Store(tmp_path / "news.sqlite3")
    with pytest.raises(AuthError) as raised:
        syncer_for(store, settings_for(account), "/home/u/.config/newsreader/config.toml").sync()
    message = str(raised.value)
    assert "password_file" in message and "config.toml" in message and "401" in message
    assert "not-the-password-42" not in message and "\n" not in message


def test_a_session_the_server_no_longer_accepts_logs_in_again(
    tmp_path: Path, account: Account
) -> None:
    with client_for(account) as client:
        subscribe_three(account, client, per_feed=1)
    store, syncer = synced_store(tmp_path, account)
    syncer.sync()
    syncer.client._auth = f"{account.username}/0123456789abcdef0123456789abcdef01234567"
    syncer.client._token = "Z" * 57
    store.set_read(store.search("World")[0], True)
    report = syncer.sync()
    assert report.sent == 1 and store.pending_count() == 0


def test_items_fetched_by_id_in_either_form_are_one_item(tmp_path: Path, account: Account) -> None:
    with client_for(account) as client:
        subscribe_three(account, client, per_feed=1)
        store, syncer = synced_store(tmp_path, account)
        syncer.sync()
        item = store.item_of_article(store.search("City")[0])
        assert item is not None
        long_id = f"tag:google.com,2005:reader/item/{item:016x}"
        both = client._api(
            "POST",
            "/reader/api/0/stream/items/contents",
            what="test",
            data=[("i", long_id), ("i", str(item))],
        ).json()["items"]
    assert len(both) == 1 and both[0]["id"] == long_id
    short = {**both[0], "id": str(item)}
    assert server_item(both[0]).state.item_id == server_item(short).state.item_id == item
    before = store.known_item_ids()
    assert syncer._save([server_item(both[0]), server_item(short)]) == 0
    assert store.known_item_ids() == before and store.count() == 3


def test_new_items_on_the_server_arrive_with_paging(tmp_path: Path, account: Account) -> None:
    with client_for(account) as client:
        subscribe_three(account, client, per_feed=3)
    store, syncer = synced_store(tmp_path, account, page_size=4)
    assert syncer.sync().new_items == 9
    add_feed(account.feeds, f"/{account.username}/world.xml", "World", 10)
    account.server.refresh(account.username)
    report = syncer.sync()
    assert report.new_items == 7
    assert sum(s.article_count for s in store.feed_listing()) == 16


def test_server_stopped_mid_sync(tmp_path: Path, feeds: object, account: Account) -> None:
    """A server of its own, stopped after the first page: one line, nothing lost."""
    scratch = tmp_path / "own"
    scratch.mkdir()
    source = freshrss.unpacked_source(scratch)
    server = freshrss.start(source, scratch)
    try:
        own = Account(server, *server.new_account(), account.password_file, account.feeds)
        own.password_file.write_text(own.password)
        with client_for(own) as client:
            subscribe_three(own, client, per_feed=4)
        store, syncer = synced_store(tmp_path, own, page_size=3)
        syncer.max_items = 12

        def stop_after_first_page(done: int, total: int, what: str) -> None:
            if what == "articles" and done > 0:
                server.stop()

        with pytest.raises(SyncError) as raised:
            syncer.sync(stop_after_first_page)
        assert "\n" not in str(raised.value) and own.password not in str(raised.value)
        assert 0 < len(store.known_item_ids()) < 12
        assert store.count() == len(store.known_item_ids())
    finally:
        server.remove()


def test_kill_9_mid_sync_loses_nothing_and_resumes(tmp_path: Path, account: Account) -> None:
    with client_for(account) as client:
        subscribe_three(account, client, per_feed=8)
    store, syncer = synced_store(tmp_path, account, page_size=4)
    syncer.max_items = 8
    syncer.sync()  # the 8 newest; the rest come in the killed sync
    read_here = store.search("item")[:3]
    for article_id in read_here:
        store.set_read(article_id, True)
    store.close()
    database = tmp_path / "news.sqlite3"
    driver = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.drivers.sync_driver",
            str(database),
            account.url,
            account.username,
            str(account.password_file),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert driver.stdout is not None and driver.stdin is not None
    for line in driver.stdout:
        if line.startswith("page") and int(line.split()[2]) >= 4:
            break  # at least one page saved, more to come: kill it here
        driver.stdin.write("go\n")
        driver.stdin.flush()
    driver.kill()
    driver.wait()
    store = Store(database)
    saved = len(store.known_item_ids())
    assert 12 <= saved < 24
    assert store.count() == saved  # no half-saved page
    assert all(store.state(a) == (True, False) for a in read_here)
    resumed = syncer_for(store, settings_for(account, max_items=24), "config.toml")
    resumed.page_size = 4
    report = resumed.sync()
    assert len(store.known_item_ids()) == 24 and store.count() == 24
    assert report.pending == 0
    with client_for(account) as client:
        unread = set(client.item_ids(READING_LIST, exclude=READ))
    assert not {store.item_of_article(a) for a in read_here} & unread
    assert len(unread) == 21
