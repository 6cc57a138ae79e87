"""TUI cases: the real app under `App.run_test()` on the case's own database and folders."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from rich.cells import get_character_cell_size
from textual.pilot import Pilot

from newsreader import paths
from newsreader.config import Config
from newsreader.importer import import_paths
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.sources_pane import SourcesPane
from tests.hostile.app_case import run_app

UNSAFE = "\x1b\x07\x9b\x9d"


def notes(app: NewsReaderApp) -> list[list[str]]:
    """Every notification shown so far, as [title, message]."""
    return [[note.title, note.message] for note in app._notifications]


def list_lines(app: NewsReaderApp) -> list[dict[str, Any]]:
    """The article list as drawn: each line's text, its cells, and its cells counted per
    code point (what a terminal without grapheme clusters draws)."""
    article_list = app.screen.query_one(ArticleList)
    lines = []
    for y in range(min(article_list.size.height, 2 * article_list.row_count)):
        strip = article_list.render_line(y)
        text = "".join(segment.text for segment in strip)
        per_code_point = sum(get_character_cell_size(character) for character in text)
        lines.append({"text": text, "cells": strip.cell_length, "naive": per_code_point})
    return lines


def import_notifications(folder: str) -> dict[str, Any]:
    """Start the app importing `folder`; report notifications and what the list shows."""

    async def scenario(app: NewsReaderApp, pilot: Pilot[Any]) -> dict[str, Any]:
        await app.workers.wait_for_complete()
        await pilot.pause()
        article_list = app.screen.query_one(ArticleList)
        return {
            "notes": notes(app),
            "rows": article_list.row_count,
            "empty": article_list.empty_message,
            "sub_title": app.sub_title,
        }

    return run_app(scenario, import_paths=[Path(folder)])


def open_every_article(folder: str, times: dict[str, int | str]) -> dict[str, Any]:
    """Import `folder`, give its articles the stored `times` (by title word), open each."""
    import_paths(paths.database_path(), [Path(folder)])
    connection = sqlite3.connect(paths.database_path())
    for word, seconds in times.items():
        connection.execute(
            "UPDATE articles SET published = ?, sort_key = ? WHERE title LIKE ?",
            (seconds, seconds if isinstance(seconds, int) else 0, f"%{word}%"),
        )
    connection.commit()
    connection.close()

    async def scenario(app: NewsReaderApp, pilot: Pilot[Any]) -> dict[str, Any]:
        article_list = app.screen.query_one(ArticleList)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        opened = set()
        for _ in range(article_list.row_count):
            await pilot.press("enter")
            await pilot.pause()
            opened.add(screen.state.open_article_id)
            await pilot.press("j")
        opened.discard(None)
        lines = list_lines(app)
        await app.workers.wait_for_complete()
        await pilot.press("w")  # the speakers view lists every quote with its date
        await pilot.pause()
        return {"rows": article_list.row_count, "opened": len(opened), "lines": lines}

    return run_app(scenario)


def list_widths(folder: str) -> dict[str, Any]:
    """Import `folder` and report how every list line is drawn, at two widths."""
    import_paths(paths.database_path(), [Path(folder)])

    async def scenario(app: NewsReaderApp, pilot: Pilot[Any]) -> dict[str, Any]:
        wide = list_lines(app)
        await pilot.press("less_than_sign", "less_than_sign", "less_than_sign")
        await pilot.pause()
        width = app.screen.query_one(ArticleList).scrollable_content_region.width
        sources = app.screen.query_one(SourcesPane)
        prompts = [str(option.prompt) for option in sources.options]
        return {"wide": wide, "narrow": list_lines(app), "width": width, "sources": prompts}

    return run_app(scenario, config=Config(show_sources_pane=True))


def header_counts(folder: str, added_elsewhere: int) -> dict[str, Any]:
    """Another program adds unread articles while the app shows the list; then `m`."""
    import_paths(paths.database_path(), [Path(folder)])

    async def scenario(app: NewsReaderApp, pilot: Pilot[Any]) -> dict[str, Any]:
        before = app.sub_title
        connection = sqlite3.connect(paths.database_path())
        source_id, sort_key = connection.execute(
            "SELECT source_id, sort_key FROM articles LIMIT 1"
        ).fetchone()
        connection.executemany(
            "INSERT INTO articles (source_id, guid, source_name, title, sort_key, read, "
            "location, content_hash, added_at) VALUES (?, ?, 'Elsewhere', ?, ?, 0, 'x', 'x', 0)",
            [
                (source_id, f"else-{n}", f"Added elsewhere {n}", sort_key)
                for n in range(added_elsewhere)
            ],
        )
        connection.commit()
        connection.close()
        await pilot.press("m")
        await pilot.pause()
        after_m = app.sub_title
        await pilot.press("f")  # unread view
        await pilot.pause()
        return {"before": before, "after_m": after_m, "unread_view": app.sub_title}

    return run_app(scenario)


LOCKER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("COMMIT")
"""


def write_while_locked(folder: str, hold_seconds: float, in_process: bool) -> dict[str, Any]:
    """Another connection holds the write lock (a second process, or a thread of this one as
    the app's own refresh would); `m` and `s` must neither freeze nor end the app, and must
    be saved once the lock goes."""
    import_paths(paths.database_path(), [Path(folder)])
    database = str(paths.database_path())

    async def scenario(app: NewsReaderApp, pilot: Pilot[Any]) -> dict[str, Any]:
        import threading

        article_list = app.screen.query_one(ArticleList)
        first = article_list.current
        assert first is not None
        if in_process:
            locked, release = threading.Event(), threading.Event()

            def hold() -> None:
                connection = sqlite3.connect(database, isolation_level=None)
                connection.execute("BEGIN IMMEDIATE")
                locked.set()
                release.wait(hold_seconds)
                connection.execute("COMMIT")
                connection.close()

            threading.Thread(target=hold, daemon=True).start()
            locked.wait(5)
        else:
            locker = subprocess.Popen(
                [sys.executable, "-c", LOCKER, database, str(hold_seconds)],
                stdout=subprocess.PIPE,
                text=True,
            )
            assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        start = time.perf_counter()
        await pilot.press("m", "s")
        await pilot.pause()
        ui_seconds = time.perf_counter() - start
        shown = article_list.current
        while _writer(app).pending:
            await pilot.pause(0.1)
        await pilot.pause(0.2)
        connection = sqlite3.connect(database)
        saved = connection.execute(
            "SELECT read, starred FROM articles WHERE id = ?", (first.id,)
        ).fetchone()
        connection.close()
        return {
            "ui_seconds": ui_seconds,
            "shown": [shown.read, shown.starred] if shown else None,
            "saved": list(saved),
            "notes": notes(app),
            "running": app.is_running,
        }

    return run_app(scenario)


def write_on_full_disk(folder: str, mount: str) -> dict[str, Any]:
    """The database's file system fills up while the app runs; `m` then a freed disk."""
    import os

    database = Path(mount) / "data" / "newsreader.sqlite3"
    database.parent.mkdir(parents=True, exist_ok=True)
    os.environ["NEWSREADER_DATA_DIR"] = str(database.parent)
    import_paths(database, [Path(folder)])
    filler = Path(mount) / "filler"

    async def scenario(app: NewsReaderApp, pilot: Pilot[Any]) -> dict[str, Any]:
        article_list = app.screen.query_one(ArticleList)
        first = article_list.current
        assert first is not None
        descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(descriptor, b"\0" * 4096)
        except OSError:
            pass
        finally:
            os.close(descriptor)
        await pilot.press("m")
        await pilot.pause(1.0)
        while_full = notes(app)
        waiting = _writer(app).pending
        filler.unlink()
        while _writer(app).pending:
            await pilot.pause(0.1)
        await pilot.pause(0.2)
        connection = sqlite3.connect(database)
        saved = connection.execute("SELECT read FROM articles WHERE id = ?", (first.id,)).fetchone()
        connection.close()
        return {
            "while_full": while_full,
            "waiting": waiting,
            "notes": notes(app),
            "saved_read": saved[0],
            "running": app.is_running,
        }

    return run_app(scenario)


def refresh_in_app(subscriptions: list[str]) -> dict[str, Any]:
    """Subscribe to URLs (no fetch yet), then refresh all in the app with the sources pane."""
    from newsreader.store import Store
    from newsreader.subscriptions import feed_subscription

    store = Store(paths.database_path())
    for url in subscriptions:
        item = feed_subscription(url)
        store.add_subscription(item.key, title=item.title, location=item.location, kind=item.kind)
    store.close()

    async def scenario(app: NewsReaderApp, pilot: Pilot[Any]) -> dict[str, Any]:
        sources = app.screen.query_one(SourcesPane)
        prompts_before = [str(option.prompt) for option in sources.options]
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#refresh-status").render())
        return {"sources": prompts_before, "notes": notes(app), "status": status}

    return run_app(scenario, config=Config(show_sources_pane=True, fetch_timeout_seconds=2.0))


def _writer(app: NewsReaderApp) -> Any:
    screen = app.screen
    assert isinstance(screen, MainScreen) and screen.saver.writer is not None
    return screen.saver.writer


def quit_while_locked(folder: str) -> dict[str, Any]:
    """`m` then `q` while another process holds the lock: the first `q` says what waits."""
    import_paths(paths.database_path(), [Path(folder)])
    database = str(paths.database_path())
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, database, "6"], stdout=subprocess.PIPE, text=True
    )
    assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"

    async def scenario(app: NewsReaderApp, pilot: Pilot[Any]) -> dict[str, Any]:
        await pilot.press("m")
        await pilot.press("q")
        await pilot.pause()
        first = {"running": app.is_running, "notes": notes(app)}
        await pilot.press("q")
        await pilot.pause()
        return {"first": first, "pending": _writer(app).pending}

    try:
        result = run_app(scenario)
    finally:
        locker.kill()
    return result
