"""`newsreader sync`, `add`, `remove`, `feeds` and `export` with an account on a real FreshRSS."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader import paths
from newsreader.cli import main
from newsreader.logs import log_path
from newsreader.store import Store
from newsreader.sync import Credentials, GReaderClient
from tests.sync.conftest import Account, add_feed


def write_config(account: Account, extra: str = "") -> None:
    paths.config_path().write_text(
        "[sync]\n"
        'service = "greader"\n'
        f'url = "{account.url}"\n'
        f'username = "{account.username}"\n'
        f'password_command = "cat {account.password_file}"\n' + extra
    )


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str]:
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def server_feeds(account: Account) -> list[str]:
    with GReaderClient(account.url, Credentials(account.username, account.password)) as client:
        return sorted(sub["url"] for sub in client.subscriptions())


def test_sync_add_remove_and_local_feeds_beside(
    account: Account, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write_config(account)
    world = add_feed(account.feeds, f"/{account.username}/cli-world.xml", "World", 3)
    mine = add_feed(account.feeds, f"/{account.username}/cli-mine.xml", "Mine", 2)
    code, out = run(capsys, "add", world)
    assert code == 0 and "Subscribed on the sync server" in out
    assert server_feeds(account) == [world]
    code, out = run(capsys, "add", "--local", mine)
    assert code == 0 and server_feeds(account) == [world]
    code, out = run(capsys, "sync")
    assert code == 0 and out.startswith("synced: 1 feed,")
    code, listing = run(capsys, "feeds")
    assert "World" in listing and "Mine" in listing
    code, out = run(capsys, "refresh")
    assert code == 0
    code, exported = run(capsys, "export")
    assert world in exported and mine in exported
    store = Store(paths.database_path())
    synced = [f for f in store.feed_listing() if f.kind == "greader"]
    local = [f for f in store.feed_listing() if f.location == mine]
    store.close()
    assert [f.article_count for f in synced] == [3]
    assert local[0].article_count == 2
    code, out = run(capsys, "remove", str(synced[0].id))
    assert code == 0 and "sync server too" in out
    assert server_feeds(account) == []
    for text in (listing, exported, out, log_path().read_text() if log_path().exists() else ""):
        assert account.password not in text


def test_wrong_password_and_a_plain_password_in_the_config(
    account: Account, capsys: pytest.CaptureFixture[str]
) -> None:
    account.password_file.write_text("wrong-secret-77\n")
    write_config(account, 'password = "plain-secret-88"\n')
    code, out = run(capsys, "sync")
    assert code == 1
    assert "password_command" in out and str(paths.config_path()) in out
    assert "sync.password is refused" in out
    for secret in ("wrong-secret-77", "plain-secret-88"):
        assert secret not in out
        assert not log_path().exists() or secret not in log_path().read_text()


def test_sync_without_an_account_says_how_to_set_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "sync")
    assert code == 2 and "[sync]" in out and "password_command or password_file" in out


def test_server_unreachable_keeps_queued_changes(
    account: Account, capsys: pytest.CaptureFixture[str]
) -> None:
    write_config(account)
    add_feed(account.feeds, f"/{account.username}/cli-off.xml", "Off", 2)
    run(capsys, "add", account.feeds.url(f"/{account.username}/cli-off.xml"))
    store = Store(paths.database_path())
    store.set_read(store.search("Off")[0], True)
    store.close()
    paths.config_path().write_text(
        paths.config_path().read_text().replace(account.url, "http://127.0.0.1:9/api/greader.php")
    )
    code, out = run(capsys, "sync")
    assert code == 1 and "cannot reach" in out and "1 changes made here wait" in out
    write_config(account)
    code, out = run(capsys, "sync")
    assert code == 0 and "1 sent" in out
