"""Pilot tests: query feeds in the sources pane, the killfile, a typed filter saved as a query
feed, feed settings, and saving and piping an article, in the real app on a real database."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from textual.worker import WorkerCancelled

from newsreader import paths
from newsreader.config import load_config
from newsreader.store import Store
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.feed_settings import FeedSettingsScreen
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.screens.save_query import SaveQueryScreen
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.sources_pane import SourcesPane

CONFIG = """\
show_sources_pane = true
pipe_to = "{python} -c 'import sys; print(len(sys.stdin.read().split()), \\"words\\")'"
save_folder = "{saved}"

[[query]]
title = "Quoted storms"
filter = 'text ~ storm and speaker ~ "Chang"'

[[query]]
title = "Bridges"
filter = 'title ~ bridge'

[[ignore]]
filter = 'source = "Metro Ledger" or title ~ "Prices at"'
"""


def make_app(database: Path, article_folder: Path, tmp_path: Path) -> NewsReaderApp:
    text = CONFIG.format(python=sys.executable, saved=tmp_path / "saved")
    paths.config_path().write_text(text, encoding="utf-8")
    config, warnings = load_config(paths.config_path())
    assert warnings == []
    database.parent.mkdir(parents=True, exist_ok=True)
    return NewsReaderApp(Store(database), config, import_paths=[article_folder])


async def loaded(app: NewsReaderApp, pilot) -> MainScreen:  # type: ignore[no-untyped-def]
    for _ in range(5):  # a search typed fast cancels the searches it made stale
        try:
            await app.workers.wait_for_complete()
            break
        except WorkerCancelled:
            continue
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)
    return app.screen


def titles(screen: MainScreen) -> list[str]:
    listing = screen.state.listing
    return [row.title for row in listing.fetch(0, listing.count())]


def pane_lines(pane: SourcesPane) -> list[str]:
    return [str(pane.get_option_at_index(n).prompt) for n in range(pane.option_count)]


async def test_query_feeds_are_listed_with_counts_and_open_like_a_feed(
    article_folder: Path, database: Path, tmp_path: Path
) -> None:
    app = make_app(database, article_folder, tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await loaded(app, pilot)
        screen.reload_list()
        await loaded(app, pilot)
        # The killfile hides the market article everywhere.
        assert len(titles(screen)) == 2 and not any("Prices" in t for t in titles(screen))
        pane = screen.query_one(SourcesPane)
        lines = pane_lines(pane)
        assert lines[1] == "Queries"
        assert lines[2].startswith("Quoted storms") and lines[2].rstrip().endswith("1")
        assert lines[3].startswith("Bridges") and lines[3].rstrip().endswith("1")
        assert not any(line.startswith("Metro Ledger") and line.rstrip()[-1].isdigit()
                       for line in lines)  # fmt: skip
        pane.focus()
        pane.highlighted = 2
        await pilot.press("enter")
        await loaded(app, pilot)
        assert [title[:30] for title in titles(screen)] == ["Forecasters expect the storm t"]
        assert app.sub_title.startswith("Quoted storms — 1 unread")
        await pilot.press("A")  # mark the query feed read
        await loaded(app, pilot)
        assert app.store.unread_count() == 2
        assert pane_lines(pane)[2].rstrip().endswith("storms")


async def test_a_typed_filter_is_saved_as_a_query_feed(
    article_folder: Path, database: Path, tmp_path: Path
) -> None:
    app = make_app(database, article_folder, tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("slash")
        await pilot.press(*'speaker ~ "Dana Ortiz"')
        await loaded(app, pilot)
        assert [title[:30] for title in titles(screen)] == ["The Kellan Bay bridge will reo"]
        await pilot.press("enter", "Q")
        await pilot.pause()
        assert isinstance(app.screen, SaveQueryScreen)
        await pilot.press(*"Mayor", "enter")
        await loaded(app, pilot)
        saved = tomllib.loads(paths.config_path().read_text(encoding="utf-8"))
        assert saved["query"][-1] == {"title": "Mayor", "filter": 'speaker ~ "Dana Ortiz"'}
        assert saved["pipe_to"].startswith(sys.executable)  # the rest is kept
        assert any(line.startswith("Mayor") for line in pane_lines(screen.query_one(SourcesPane)))


async def test_feed_settings_are_edited_in_the_app(
    article_folder: Path, database: Path, tmp_path: Path
) -> None:
    app = make_app(database, article_folder, tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await loaded(app, pilot)
        screen.query_one(ArticleList).focus()
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, FeedSettingsScreen)
        app.screen.query_one("#setting-paused").value = "on"  # type: ignore[attr-defined]
        app.screen.query_one("#setting-keep_days").value = "30"  # type: ignore[attr-defined]
        app.screen.query_one("#setting-title").focus()
        await pilot.press("enter")
        await loaded(app, pilot)
        source_id = app.store.sources()[0].id
        settings = app.store.feed_settings(source_id)
        assert settings is not None and settings.paused and settings.keep_days == 30
        lines = pane_lines(screen.query_one(SourcesPane))
        assert any("paused, keep 30 d" in line for line in lines)


async def test_full_text_for_a_local_folder_is_refused_in_one_line(
    article_folder: Path, database: Path, tmp_path: Path
) -> None:
    app = make_app(database, article_folder, tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await loaded(app, pilot)
        screen.query_one(ArticleList).focus()
        await pilot.press("E")
        await pilot.pause()
        app.screen.query_one("#setting-full_text").value = "on"  # type: ignore[attr-defined]
        app.screen.query_one("#setting-title").focus()
        await pilot.press("enter")
        await loaded(app, pilot)
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert any("full_text is for web feeds" in message for message in warnings)
        settings = app.store.feed_settings(app.store.sources()[0].id)
        assert settings is not None and not settings.full_text


async def test_save_and_pipe_the_open_article(
    article_folder: Path, database: Path, tmp_path: Path
) -> None:
    app = make_app(database, article_folder, tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await loaded(app, pilot)
        screen.query_one(ArticleList).focus()
        await pilot.press("enter", "e")
        await loaded(app, pilot)
        saved = list((tmp_path / "saved").glob("*.md"))
        assert [path.name for path in saved] == [
            "2026-10-12-the-kellan-bay-bridge-will-reopen-on-friday-after-three.md"
        ]
        text = saved[0].read_text(encoding="utf-8")
        assert "## Quotes" in text and "**Dana Ortiz**" in text
        await pilot.press("vertical_line")
        await loaded(app, pilot)
        messages = [notification.message for notification in app._notifications]
        assert f"Saved {saved[0]}" in messages
        assert f"{len(text.split())} words" in messages
