"""A sync server that misbehaves: 500s, garbage, broken items, a stale session, a login page.

These serve the API's paths from our loopback server (tests/feedserver.py) with the answers a
broken or hostile server gives, through the real HTTP stack; every failure must be one line
naming the server (never a password or a URL's credentials), with the store left readable.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.store import Store
from newsreader.sync import AuthError, Credentials, GReaderClient, Syncer, SyncError
from tests.feedserver import FeedServer, send, serving, static

API = "/api/greader.php"
SECRET = "pa55-w0rd-secret"


def login_ok(handler: object) -> None:
    send(handler, 200, b"SID=x\nLSID=null\nAuth=reader/0123abcd\n", "text/plain")  # type: ignore[arg-type]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from serving({f"{API}/accounts/ClientLogin": login_ok})


def sync(server: FeedServer, tmp_path: Path, url: str | None = None) -> Syncer:
    client = GReaderClient(url or server.url(API), Credentials("reader", SECRET), timeout=5)
    return Syncer(Store(tmp_path / "news.sqlite3"), client)


def item(number: object, title: str = "t") -> dict[str, object]:
    return {
        "id": number,
        "title": title,
        "origin": {"streamId": "feed/1", "title": "F"},
        "summary": {"content": "<p>body</p>"},
        "categories": [],
    }


def serve_account(server: FeedServer, items: list[dict[str, object]]) -> None:
    """A working account with one feed whose stream is `items` (ids as given)."""
    subs = {
        "subscriptions": [{"id": "feed/1", "title": "F", "url": "http://x/f", "categories": []}]
    }
    refs = [{"id": str(i["id"]).rsplit("/", 1)[-1]} for i in items]
    server.routes[f"{API}/reader/api/0/subscription/list"] = static(
        json.dumps(subs).encode(), "application/json"
    )
    ids = json.dumps({"itemRefs": refs}).encode()
    server.routes[f"{API}/reader/api/0/stream/items/ids"] = static(ids, "application/json")
    page = json.dumps({"items": items}).encode()
    server.routes[f"{API}/reader/api/0/stream/contents/user/-/state/com.google/reading-list"] = (
        static(page, "application/json")
    )


@pytest.mark.parametrize(
    ("status", "body", "says"),
    [
        (500, b"<h1>Internal error</h1>", "HTTP 500"),
        (200, b"<html>login page</html>", "not JSON"),
        (200, b"[1, 2]", "not an object"),
        (200, b'{"subscriptions": "nope"}', "no subscriptions"),
    ],
)
def test_a_broken_answer_is_one_line(
    server: FeedServer, tmp_path: Path, status: int, body: bytes, says: str
) -> None:
    server.routes[f"{API}/reader/api/0/subscription/list"] = static(body, "text/html", status)
    syncer = sync(server, tmp_path)
    with pytest.raises(SyncError) as raised:
        syncer.sync()
    message = str(raised.value)
    assert says in message and "\n" not in message and SECRET not in message
    assert syncer.store.count() == 0  # still opens and reads


def test_login_refused_names_the_settings(server: FeedServer, tmp_path: Path) -> None:
    server.routes[f"{API}/accounts/ClientLogin"] = static(
        b"Error=BadAuthentication", "text/plain", 401
    )
    with pytest.raises(AuthError) as raised:
        sync(server, tmp_path).sync()
    assert "password_command or password_file" in str(raised.value)
    assert SECRET not in str(raised.value)


def test_credentials_in_the_url_never_reach_a_message(tmp_path: Path) -> None:
    syncer = sync(FeedServer(), tmp_path, "http://alice:hunter2@127.0.0.1:9/api/greader.php")
    with pytest.raises(SyncError) as raised:
        syncer.sync()
    assert "hunter2" not in str(raised.value) and "cannot reach" in str(raised.value)


def test_items_with_bad_ids_are_skipped_and_both_id_forms_are_one_item(
    server: FeedServer, tmp_path: Path
) -> None:
    good = item("tag:google.com,2005:reader/item/000661829108111e", "good")
    same = item(str(0x000661829108111E), "same item, short id")
    serve_account(server, [good, same, item("tag:google.com,2005:reader/item/zz"), item(None)])
    syncer = sync(server, tmp_path)
    report = syncer.sync()
    assert report.new_items == 1 and len(report.problems) == 2
    assert syncer.store.count() == 1
    assert syncer.store.known_item_ids() == {0x000661829108111E}


def test_a_refused_session_logs_in_again_once(server: FeedServer, tmp_path: Path) -> None:
    logins: list[int] = []

    def counting_login(handler: object) -> None:
        logins.append(1)
        login_ok(handler)

    server.routes[f"{API}/accounts/ClientLogin"] = counting_login
    answers = iter([401])

    def expired_then_fine(handler: object) -> None:
        status = next(answers, 200)
        body = b'{"subscriptions": []}' if status == 200 else b"Unauthorized!"
        send(handler, status, body, "application/json")  # type: ignore[arg-type]

    serve_account(server, [])
    server.routes[f"{API}/reader/api/0/subscription/list"] = expired_then_fine
    syncer = sync(server, tmp_path)
    syncer.sync()
    assert len(logins) == 2
    server.routes[f"{API}/reader/api/0/subscription/list"] = static(b"no", "text/plain", 401)
    with pytest.raises(AuthError):
        syncer.sync()
    assert len(logins) == 3  # one more try, not a loop
