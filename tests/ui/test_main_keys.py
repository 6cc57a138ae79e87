"""The main screen's keys: each names an action that exists where it runs, and works from
every pane; the screen files stay small enough to read (issue 12: under ~300 lines)."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest
from textual.actions import parse
from textual.binding import Binding

import newsreader.ui.screens
from newsreader.store import Store
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.screens.main_keys import MAIN_BINDINGS, Owner
from newsreader.ui.widgets.article_view import ArticleView
from newsreader.ui.widgets.quote_pane import QuotePane
from newsreader.ui.widgets.sources_pane import SourcesPane

SCREEN_LINES = 300
SCREENS = Path(newsreader.ui.screens.__file__).parent


@pytest.mark.parametrize("path", sorted(SCREENS.glob("*.py")), ids=lambda path: path.name)
def test_a_screen_file_stays_under_300_lines(path: Path) -> None:
    lines = len(path.read_text("utf-8").splitlines())
    assert lines < SCREEN_LINES, (
        f"{path.name} has {lines} lines: move behaviour into the widget that owns it"
    )


def test_every_main_key_names_an_action_of_the_widget_that_owns_it() -> None:
    screen = MainScreen(Store(":memory:"), pending_imports=[])
    assert set(screen.owners) == set(get_args(Owner))
    for binding in MAIN_BINDINGS:
        assert isinstance(binding, Binding) and binding.id
        _, name, params = parse(binding.action)
        if name == "delegate":
            owner, action = params
            assert isinstance(owner, str) and isinstance(action, str)
            target: object = screen.owners[owner]  # type: ignore[index]
            _, name, _ = parse(action)
        else:
            target = screen
        assert callable(getattr(target, f"action_{name}", None)), (binding.id, target, name)


async def test_keys_bound_on_the_screen_work_from_every_pane(
    article_folder: Path, database: Path
) -> None:
    database.parent.mkdir(parents=True, exist_ok=True)
    app = NewsReaderApp(Store(database), import_paths=[article_folder])
    async with app.run_test(size=(160, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("S")  # the sources pane joins the others
        await pilot.press("enter")  # all sources, back in the list
        await pilot.press("enter")  # the first article opens
        await pilot.pause()
        for pane in (SourcesPane, ArticleView, QuotePane):
            screen.query_one(pane).focus()
            await pilot.pause()
            row = screen.article_list.current
            assert row is not None
            starred = app.store.state(row.id)[1]
            await pilot.press("s")
            assert app.store.state(row.id)[1] is not starred, pane
            shown = screen.quote_pane.display
            await pilot.press("t")
            assert screen.quote_pane.display is not shown, pane
            await pilot.press("t")
            await pilot.press("f")
            assert screen.state.mode.view != "all", pane
            await pilot.press("f", "f")  # unread, starred, back to all
            assert screen.state.mode.view == "all", pane
