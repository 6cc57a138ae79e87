"""The UI's writer: changes saved in order, retried while the database is busy, never lost
silently, and never holding up the UI or the exit."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from newsreader.store import Store
from newsreader.ui.writes import BUSY, FULL, StateWriter, write_problem


def subscribed(database: Path) -> int:
    store = Store(database)
    source_id, _ = store.add_subscription("k", title="old", location="l", kind="feed")
    store.close()
    return source_id


def title_of(database: Path, source_id: int) -> str:
    store = Store(database)
    title = store.source_title(source_id)
    store.close()
    return title or ""


def test_changes_are_saved_in_order_within_the_short_wait(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    source_id = subscribed(database)
    reports: list[tuple[str, bool]] = []
    writer = StateWriter(database, lambda text, problem: reports.append((text, problem)))
    for title in ("one", "two", "three"):
        assert writer.submit(lambda store, t=title: store.set_source_title(source_id, t), "x")
    writer.close()
    assert title_of(database, source_id) == "three" and reports == []


def test_a_locked_database_is_reported_once_and_the_change_saved_later(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    source_id = subscribed(database)
    reports: list[tuple[str, bool]] = []
    writer = StateWriter(database, lambda text, problem: reports.append((text, problem)))
    holder = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    start = time.perf_counter()
    assert not writer.submit(lambda store: store.set_source_title(source_id, "new"), "rename")
    assert not writer.submit(lambda store: store.set_source_title(source_id, "newer"), "rename")
    assert time.perf_counter() - start < 1.0  # the second one did not wait at all
    threading.Timer(1.5, lambda: holder.execute("COMMIT")).start()
    assert writer.wait(15) == 0
    writer.close()
    holder.close()
    assert title_of(database, source_id) == "newer"
    assert reports[0] == (BUSY, True)
    assert reports[-1][0].startswith("All changes saved") and len(reports) == 2


def test_a_change_that_cannot_be_saved_is_said_not_dropped(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    subscribed(database)
    reports: list[tuple[str, bool]] = []
    writer = StateWriter(database, lambda text, problem: reports.append((text, problem)))

    def broken(store: Store) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    writer.submit(broken, "marking read")
    writer.wait(5)
    writer.close()
    assert reports == [
        ("Could not save (marking read): attempt to write a readonly database", True)
    ]


def test_close_never_waits_for_a_lock_that_stays(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    source_id = subscribed(database)
    writer = StateWriter(database, lambda text, problem: None)
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    writer.submit(lambda store: store.set_source_title(source_id, "new"), "rename")
    start = time.perf_counter()
    writer.close()
    assert time.perf_counter() - start < 3.0
    holder.execute("COMMIT")
    holder.close()


def test_which_errors_are_worth_retrying() -> None:
    assert write_problem(sqlite3.OperationalError("database is locked")) == BUSY
    assert write_problem(sqlite3.OperationalError("database or disk is full")) == FULL
    assert write_problem(OSError(28, "No space left on device")) == FULL
    assert write_problem(sqlite3.OperationalError("no such table: x")) is None
