"""Pilot tests: the config reaches the app, and its mistakes are reported, not fatal."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.binding import Binding

from newsreader.config import load_config, load_ui_state
from newsreader.store import Store
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.help import HelpScreen, bindings_table
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.sources_pane import SourcesPane


async def test_config_mistakes_are_notified_and_the_rest_applies(
    tmp_path: Path, article_folder: Path, database: Path
) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text(
        'theme = "no-such-theme"\nshow_sources_pane = true\nshow_quote_pane = 3\n'
        '[keys]\ntoggle_star = "x"\nfly_away = "z"\n'
    )
    config, warnings = load_config(config_file)
    database.parent.mkdir(parents=True)
    app = NewsReaderApp(
        Store(database), config, import_paths=[article_folder], startup_warnings=warnings
    )
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        messages = [notification.message for notification in app._notifications]
        assert any("show_quote_pane must be bool" in message for message in messages)
        assert any("unknown theme 'no-such-theme'" in message for message in messages)
        assert any("keys.fly_away" in message for message in messages)
        assert app.screen.query_one(SourcesPane).display
        article_list = app.screen.query_one(ArticleList)
        article_list.focus()
        await pilot.press("x")  # the overridden star key
        row = article_list.current
        assert row is not None and app.store.state(row.id) == (False, True)


async def test_chosen_theme_is_remembered(
    tmp_path: Path, article_folder: Path, database: Path
) -> None:
    state = tmp_path / "state.toml"
    database.parent.mkdir(parents=True)
    app = NewsReaderApp(Store(database), ui_state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert load_ui_state(state) == {"theme": "nord"}
    again = NewsReaderApp(Store(database), ui_state_path=state)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_a_key_taken_from_another_action_is_refused_with_a_warning(
    tmp_path: Path, article_folder: Path, database: Path
) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text('[keys]\ntoggle_star = "s,f"\nhelp = "h"\n')
    config, warnings = load_config(config_file)
    database.parent.mkdir(parents=True)
    app = NewsReaderApp(
        Store(database), config, import_paths=[article_folder], startup_warnings=warnings
    )
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]
        assert any("f is also the key of cycle_view" in message for message in messages)
        keys = {
            binding.id: binding.key
            for _, bindings in app.binding_groups()
            for binding in bindings
            if isinstance(binding, Binding)
        }
        assert keys["toggle_star"] == "s" and keys["cycle_view"] == "f" and keys["help"] == "h"
        article_list = app.screen.query_one(ArticleList)
        article_list.focus()
        await pilot.press("f")
        row = article_list.current
        assert row is not None and app.store.state(row.id)[1] is False  # f did not star it
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Next quote (])" in titles and "Help (h)" in titles
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=120, record=True, file=io.StringIO())
        console.print(bindings_table(app.binding_groups()))
        table = console.export_text()
        assert "less_than_sign" not in table and "greater_than_sign" not in table
        assert " <  " in table and " h  " in table
