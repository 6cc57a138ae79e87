"""The sources pane: OPML folders with unread totals, failed feeds marked with their error one key
away, unfetched feeds said so, and j/k moving in it."""

from __future__ import annotations

import time
from pathlib import Path

from textual.screen import ModalScreen

from newsreader.config import Config
from newsreader.store import Store
from newsreader.store.feeds import FetchRecord
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.widgets.sources_pane import SourcesPane


def subscribed_store(database: Path) -> Store:
    """Three feeds in two folders (none fetched) and, later, the fixture folder."""
    database.parent.mkdir(parents=True, exist_ok=True)
    store = Store(database)
    for key, title, category in [
        ("https://a.example/feed", "Alpha Daily", "News"),
        ("https://b.example/feed", "Beta Weekly", "News"),
        ("https://c.example/feed", "Gamma Blog", "Tech"),
    ]:
        store.add_subscription(key, title=title, location=key, kind="feed", category=category)
    alpha, beta = (source.id for source in store.sources()[:2])
    store.record_fetch(alpha, FetchRecord(int(time.time()), error="HTTP 404 Not Found"))
    store.record_fetch(beta, FetchRecord(int(time.time()) - 60))  # fetched, empty
    store.record_fetch(beta, FetchRecord(int(time.time()), error="timed out after 15 s"))
    return store


async def open_pane(app: NewsReaderApp, pilot) -> tuple[MainScreen, SourcesPane]:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, MainScreen)
    await pilot.press("S")
    await app.workers.wait_for_complete()
    await pilot.pause()
    pane = screen.query_one(SourcesPane)
    return screen, pane


def prompts(pane: SourcesPane) -> list[str]:
    return [str(option.prompt) for option in pane.options]


async def test_feeds_are_grouped_by_folder_with_failures_marked(
    article_folder: Path, database: Path
) -> None:
    store = subscribed_store(database)
    app = NewsReaderApp(store, Config(), import_paths=[article_folder])
    async with app.run_test(size=(140, 40)) as pilot:
        _, pane = await open_pane(app, pilot)
        lines = prompts(pane)
        news = next(i for i, line in enumerate(lines) if line.startswith("News"))
        tech = next(i for i, line in enumerate(lines) if line.startswith("Tech"))
        assert news < tech
        alpha = lines[news + 1]
        assert alpha.startswith("! Alpha Daily")
        assert "not fetched yet: HTTP" in alpha  # the whole error is one key away (i)
        beta = lines[news + 2]
        assert beta.startswith("! Beta Weekly") and "failed: timed" in beta
        assert lines[tech + 1].strip().startswith("Gamma Blog")
        assert "not fetched yet" in lines[tech + 1]
        assert any(line.startswith("Feeds") for line in lines)  # the folder of local files
        assert pane.get_option_at_index(news).disabled


async def test_i_shows_the_whole_error_and_j_k_move(article_folder: Path, database: Path) -> None:
    store = subscribed_store(database)
    app = NewsReaderApp(store, Config(), import_paths=[article_folder])
    async with app.run_test(size=(140, 40)) as pilot:
        _, pane = await open_pane(app, pilot)
        assert pane.has_focus and pane.highlighted == 0
        await pilot.press("j")  # over the folder heading (never highlighted) to Alpha Daily
        await pilot.pause()
        assert str(pane.get_option_at_index(pane.highlighted or 0).prompt).startswith("! Alpha")
        await pilot.press("i")
        await pilot.pause()
        notes = [note.message for note in app._notifications if note.title == "Last refresh"]
        assert notes and "HTTP 404 Not Found" in notes[-1] and "never fetched" in notes[-1]
        await pilot.press("k")
        await pilot.pause()
        assert pane.highlighted == 0


async def test_i_is_in_help_and_in_the_palette(article_folder: Path, database: Path) -> None:
    store = subscribed_store(database)
    app = NewsReaderApp(store, Config(), import_paths=[article_folder])
    async with app.run_test(size=(140, 40)) as pilot:
        screen, _ = await open_pane(app, pilot)
        groups = dict(app.binding_groups())
        assert "sources.why" in {getattr(binding, "id", "") for binding in groups["Sources pane"]}
        await pilot.press("j")  # to Alpha Daily, whose last refresh failed
        await pilot.pause()
        command = next(
            command
            for command in app.get_system_commands(screen)
            if command.title.startswith("Why it failed")
        )
        await app.push_screen(ModalScreen())  # the palette is a screen above the main one
        await command.callback()
        await pilot.pause()
        notes = [note.message for note in app._notifications if note.title == "Last refresh"]
        assert notes and "HTTP 404 Not Found" in notes[-1]


async def test_an_unfetched_feed_says_so_instead_of_a_filter_hint(
    article_folder: Path, database: Path
) -> None:
    store = subscribed_store(database)
    app = NewsReaderApp(store, Config(), import_paths=[article_folder])
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _ = await open_pane(app, pilot)
        await pilot.press("j", "enter")  # Alpha Daily, which has never been fetched
        await pilot.pause()
        assert screen.list_column.display and screen.article_list.row_count == 0
        width = screen.article_list.size.width
        shown = " ".join(
            screen.article_list.render_line(y).text.strip() for y in range(1, 6)
        ).split()
        message = screen.article_list.empty_message
        assert message.startswith("Alpha Daily: not fetched yet.")
        assert "HTTP 404 Not Found" in message
        assert shown == message.split()  # wrapped at words, nothing cut at the edge
        assert all(len(screen.article_list.render_line(y).text.rstrip()) <= width for y in range(6))
