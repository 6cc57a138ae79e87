"""Sync without a server: item ids, the change queue, conflicts, the [sync] settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.config import PLAIN_PASSWORD_REFUSED, SyncSettings, load_config
from newsreader.models import ArticleDraft, Document, SourceDraft
from newsreader.store import ListFilter, Store
from newsreader.store.sync import RemoteSubscription, SyncedItem, source_key
from newsreader.sync import AuthError
from newsreader.sync.account import account_identity, password
from newsreader.sync.ids import ItemIdError, item_id, long_form, short_form
from newsreader.sync.items import server_item

# --- item ids -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1796063267131678", 1796063267131678),
        ("tag:google.com,2005:reader/item/000661829108111e", 0x000661829108111E),
        ("000661829108111e", 0x000661829108111E),
        ("tag:google.com,2005:reader/item/FFFFFFFFFFFFFFFF", -1),
        ("-1", -1),
        ("tag:google.com,2005:reader/item/8000000000000000", -(1 << 63)),
        (" 42 ", 42),
        (7, 7),
    ],
)
def test_item_id_forms(text: object, expected: int) -> None:
    assert item_id(text) == expected


@pytest.mark.parametrize(
    "bad",
    ["", "tag:google.com,2005:reader/item/", "xyz", "1" * 25, "12345678901234567890", None, 1.5],
)
def test_item_id_refuses_what_is_not_one(bad: object) -> None:
    with pytest.raises(ItemIdError):
        item_id(bad)


@pytest.mark.parametrize("value", [0, 1, 1796063267131678, -1, (1 << 63) - 1, -(1 << 63)])
def test_item_id_forms_round_trip(value: int) -> None:
    assert item_id(long_form(value)) == value == item_id(short_form(value))
    assert len(long_form(value).rsplit("/", 1)[1]) == 16


# --- the store: queue and conflicts --------------------------------------------------------


def draft(guid: str) -> ArticleDraft:
    return ArticleDraft(guid, f"title {guid}", "Feed", Document.from_paragraphs([f"body {guid}"]))


def stored(tmp_path: Path, count: int = 3) -> tuple[Store, list[int]]:
    """A store with `count` synced items (ids 101...), all unread and unstarred on the server."""
    store = Store(tmp_path / "news.sqlite3")
    store.save_remote_subscriptions([RemoteSubscription("feed/1", "Feed", "http://x/f", "News")])
    items = [SyncedItem(long_form(100 + n), 100 + n, False, False) for n in range(1, count + 1)]
    source = SourceDraft(
        source_key("feed/1"), "Feed", "http://x/f", tuple(draft(i.guid) for i in items)
    )
    assert store.save_synced([(source, items)]) == count
    return store, [store.article_of_item(i.item_id) or 0 for i in items]


def test_local_changes_are_queued_by_any_path(tmp_path: Path) -> None:
    store, (first, second, third) = stored(tmp_path)
    assert store.pending_count() == 0  # saving server items queues nothing
    store.set_read(first, True)
    store.set_starred(second, True)
    store.mark_all_read(ListFilter())
    assert {(c.item_id, c.flag, c.value) for c in store.pending_changes()} == {
        (101, "read", True),
        (102, "starred", True),
        (102, "read", True),
        (103, "read", True),
    }
    store.set_read(third, False)  # the latest decision replaces the earlier one
    assert (103, "read", False) in {(c.item_id, c.flag, c.value) for c in store.pending_changes()}
    store.reconcile({101, 102, 103}, set(), observed_at=5)  # the server has it already
    assert (103, "read") not in {(c.item_id, c.flag) for c in store.pending_changes()}


def test_local_articles_queue_nothing(tmp_path: Path) -> None:
    store, _ = stored(tmp_path)
    result = store.save_source(SourceDraft("local:/x", "x", "/x", (draft("a"),)))
    store.set_read(store.search("a")[0] if store.search("a") else result.source_id, True)
    store.mark_all_read(ListFilter(source_ids=(result.source_id,)))
    assert store.pending_count() == 0


def test_server_changes_apply_when_nothing_is_queued(tmp_path: Path) -> None:
    store, (first, second, _) = stored(tmp_path)
    result = store.reconcile({102, 103}, {102}, observed_at=1_000)
    assert (result.applied, result.kept_local) == (2, 0)
    assert store.state(first) == (True, False) and store.state(second) == (False, True)
    assert store.pending_count() == 0


def test_a_local_change_after_the_last_look_beats_the_server(tmp_path: Path) -> None:
    store, (first, _, _) = stored(tmp_path)
    store.reconcile({101, 102, 103}, set(), observed_at=1_000)  # the last look, long ago
    store.set_read(first, True)
    store.set_read(first, False)  # here, latest: unread
    # Meanwhile, on another device: read (and starred).
    result = store.reconcile({102, 103}, {101}, observed_at=2_000_000_000_000_000)
    assert store.state(first) == (False, True)
    assert (result.applied, result.kept_local) == (1, 1)
    assert [(c.flag, c.value) for c in store.pending_changes()] == [("read", False)]


def test_a_change_queued_before_the_last_look_loses_to_the_server(tmp_path: Path) -> None:
    store, (first, _, _) = stored(tmp_path)
    store.set_read(first, True)
    store.set_read(first, False)  # queued here; then the sync looked and failed to send
    changed_at = store.pending_changes()[0].changed_at
    store.reconcile({101, 102, 103}, set(), observed_at=changed_at + 10)
    store._connection.execute(  # (the failed send left it queued: put it back as it was)
        "INSERT OR REPLACE INTO sync_changes VALUES (101, 'read', 0, ?)", (changed_at,)
    )
    # After that look, another device read it: the more recent change wins.
    result = store.reconcile({102, 103}, set(), observed_at=changed_at + 20)
    assert result.applied == 1 and store.state(first) == (True, False)
    assert store.pending_count() == 0


def test_sent_changes_are_confirmed_and_a_change_made_meanwhile_stays(tmp_path: Path) -> None:
    store, (first, second, _) = stored(tmp_path)
    store.set_read(first, True)
    store.set_read(second, True)
    store._connection.execute("UPDATE sync_changes SET changed_at = changed_at - 5")
    sending = store.pending_changes()
    store.set_read(second, False)  # undone while the request was in flight
    store.confirm_sent(sending)
    assert [(c.item_id, c.flag, c.value) for c in store.pending_changes()] == [(102, "read", False)]


def test_unsubscribed_on_the_server_removes_the_source(tmp_path: Path) -> None:
    store, _ = stored(tmp_path)
    assert store.save_remote_subscriptions([]) == 1
    assert store.count() == 0 and store.known_item_ids() == set()


def test_another_account_replaces_the_previous_ones_sources(tmp_path: Path) -> None:
    store, _ = stored(tmp_path)
    assert store.adopt_sync_account("http://a reader") == 1
    assert store.count() == 0
    assert store.adopt_sync_account("http://a reader") == 0


# --- items ---------------------------------------------------------------------------------


def test_server_item_goes_through_the_html_path() -> None:
    item = server_item(
        {
            "id": "tag:google.com,2005:reader/item/000661829108111e",
            "published": 1796036400,
            "title": "A &amp; B",
            "canonical": [{"href": "https://example.org/a"}],
            "categories": ["user/-/state/com.google/read", "user/-/label/News"],
            "origin": {"streamId": "feed/3", "title": "Feed \x1b[31mred"},
            "summary": {"content": '<p>One <a href="/x">link</a></p><script>evil()</script>'},
            "enclosure": [{"href": "/a.mp3", "type": "audio/mpeg", "length": 12}],
        }
    )
    assert item.stream_id == "feed/3" and "\x1b" not in item.stream_title
    assert item.draft.title == "A & B" and item.draft.link == "https://example.org/a"
    assert item.draft.document.paragraphs == ("One link",)
    assert item.draft.document.links[0].url == "https://example.org/x"
    assert item.draft.document.enclosures[0].url == "https://example.org/a.mp3"
    assert (item.state.read, item.state.starred) == (True, False)
    assert item.draft.published is not None and item.draft.published.year == 2026


# --- settings and password -----------------------------------------------------------------


def test_sync_table_is_read_and_a_plain_password_refused(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[sync]\nservice = "greader"\nurl = "https://rss.example.org/api/greader.php"\n'
        'username = "reader"\npassword = "hunter2"\npassword_command = "echo x"\n'
    )
    config, warnings = load_config(path)
    assert config.sync.configured and config.sync.password_command == "echo x"
    assert len(warnings) == 1 and PLAIN_PASSWORD_REFUSED in warnings[0]
    assert "hunter2" not in warnings[0] and str(path) in warnings[0]


def test_password_from_command_and_file(tmp_path: Path) -> None:
    secret = tmp_path / "pass"
    secret.write_text("s3cret\nsecond line\n")
    base = SyncSettings(service="greader", url="http://h/api/greader.php", username="u")
    assert password(SyncSettings(**{**_fields(base), "password_file": str(secret)}), "c") == (
        "s3cret"
    )
    command = SyncSettings(**{**_fields(base), "password_command": f"cat {secret}"})
    assert password(command, "c") == "s3cret"


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("password_command", "echo s3cret-out >&2; exit 3", "exit status 3"),
        ("password_command", "true", "no output"),
        ("password_file", "/nonexistent/pass", "password_file"),
    ],
)
def test_password_problems_name_the_setting_never_the_secret(
    option: str, value: str, says: str
) -> None:
    settings = SyncSettings(service="greader", url="http://h", username="u", **{option: value})
    with pytest.raises(AuthError) as raised:
        password(settings, "/cfg/config.toml")
    message = str(raised.value)
    assert says in message and option in message and "/cfg/config.toml" in message
    assert "s3cret" not in message


def test_account_identity_has_no_credentials() -> None:
    settings = SyncSettings(
        service="greader", url="https://u:pw@h.org/api/greader.php/", username="u"
    )
    assert account_identity(settings) == "https://h.org/api/greader.php u"


def _fields(settings: SyncSettings) -> dict[str, object]:
    return {name: getattr(settings, name) for name in settings.__dataclass_fields__}
