"""Pilot tests of what a newsboat user meets on small screens: `q`/`esc` go back one level
from the article, no text or label is cut, replies to keys never pile up over the article."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Label, Static
from textual.widgets._footer import FooterKey
from textual.widgets._toast import Toast

from newsreader.ui.keys import APP_BINDINGS
from newsreader.ui.screens.add_feed import AddFeedScreen
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.screens.main_keys import MAIN_BINDINGS
from newsreader.ui.widgets.key_footer import KeyFooter
from newsreader.ui.widgets.search_box import SearchBox
from tests.ui.pilot_helpers import make_app, open_article

SIZES = [(60, 15), (80, 24), (120, 40)]


def drawn_words(widget: Widget) -> list[str]:
    """The words `widget` draws at its size, in order."""
    region = Region(0, 0, widget.size.width, widget.size.height)
    return " ".join(strip.text for strip in widget.render_lines(region)).split()


@pytest.mark.parametrize("key", ["escape", "q"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_q_and_esc_in_the_article_go_back_to_the_list(
    article_folder: Path, database: Path, size: tuple[int, int], key: str
) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=size) as pilot:
        screen = await open_article(app, pilot)
        screen.article_view.focus()
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert screen.list_column.display and screen.article_list.has_focus
        await pilot.press("j")  # the list moves, the article stays where it was
        await pilot.pause()
        assert screen.article_list.has_focus


@pytest.mark.parametrize("key", ["escape", "q"])
async def test_q_and_esc_in_the_quote_pane_go_back_to_the_list(
    article_folder: Path, database: Path, key: str
) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot)
        screen.query_one("#quote-options").focus()
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert app.is_running and screen.article_list.has_focus


async def test_esc_from_the_article_keeps_the_search(article_folder: Path, database: Path) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("slash", *"bridge", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter", "tab")
        await pilot.pause()
        assert screen.article_view.has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert screen.article_list.has_focus
        assert screen.query_one(SearchBox).value == "bridge"


async def test_help_and_footer_say_q_goes_back(article_folder: Path, database: Path) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot)
        screen.article_view.focus()
        await pilot.pause()
        footer = {key.key: key.description for key in screen.query(FooterKey)}
        assert footer.get("q") == "Back to list"
        await pilot.press("question_mark")
        await pilot.pause()
        help_table = app.screen.query_one("#help-table", Static)
        lines = [strip.text for strip in help_table.render_lines(help_table.region.reset_offset)]
        assert any("q / escape" in line and "Back to list" in line for line in lines)


@pytest.mark.parametrize("width", [60, 80, 120])
async def test_the_add_feed_dialog_shows_its_whole_help(
    article_folder: Path, database: Path, width: int
) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(width, 24)) as pilot:
        await app.workers.wait_for_complete()
        app.push_screen(AddFeedScreen())
        await pilot.pause()
        for label in app.screen.query(Label):
            assert drawn_words(label) == str(label.render()).split()


@pytest.mark.parametrize("width", [60, 80, 120])
async def test_the_search_hint_fits_whole(article_folder: Path, database: Path, width: int) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(width, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash")
        await pilot.pause()
        box = app.screen.query_one(SearchBox)
        assert box.placeholder.startswith("search")
        assert len(box.placeholder) < box.content_size.width


@pytest.mark.parametrize("key", ["E", "question_mark", "a"])
@pytest.mark.parametrize("width", [80, 86, 99, 100, 120])
async def test_dialogs_leave_no_sliver_of_the_screen_beneath(
    article_folder: Path, database: Path, width: int, key: str
) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(width, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        body = app.screen.children[0]
        left, right = body.region.x, width - body.region.right
        assert left in (0,) or left >= 3, (left, right)
        assert right in (0,) or right >= 3, (left, right)


class _Keys(Screen[None]):
    BINDINGS = [*MAIN_BINDINGS, *APP_BINDINGS]

    def compose(self) -> ComposeResult:
        yield KeyFooter()


class _FooterApp(App[None]):
    def on_mount(self) -> None:
        self.push_screen(_Keys())


@pytest.mark.parametrize("width", [40, 60, 80, 120, 200])
async def test_footer_shows_only_whole_keys(width: int) -> None:
    app = _FooterApp()
    async with app.run_test(size=(width, 10)) as pilot:
        await pilot.pause()
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        keys = list(footer.query(FooterKey))
        palette = next(key for key in keys if key.has_class("-command-palette"))
        shown = [key for key in keys if key.display and key is not palette]
        assert shown, width  # at least the first key
        assert all(key.region.right <= palette.region.x for key in shown), width
        line = app.screen._compositor.render_strips()[-1].text
        for key in shown:
            assert key.description in line
        if width >= 200:
            assert len(shown) == len([key for key in keys if key is not palette])


async def test_toggles_replace_each_other_on_a_small_screen(
    article_folder: Path, database: Path
) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(60, 15), notifications=True) as pilot:
        await open_article(app, pilot)
        for key in ("t", "t", "S"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()
        toasts = list(app.screen.query(Toast))
        assert len(toasts) == 1, [str(toast.render()) for toast in toasts]
        app.notify("The feed is gone", severity="warning", timeout=10)
        app.notify("Quote pane shown (t hides it)", timeout=3)
        await pilot.pause()
        await pilot.pause()
        assert len(app.screen.query(Toast)) == 2  # a warning is never replaced by a reply


async def test_a_burst_of_the_same_key_leaves_one_reply_on_screen(
    article_folder: Path, database: Path
) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_article(app, pilot)
        for _ in range(12):  # as a terminal delivers a held key: all before the next frame
            app.notify("The list is as wide as it can be", timeout=3)
        for _ in range(4):
            await pilot.pause()
        toasts = list(app.screen.query(Toast))
        assert len(toasts) == 1, [str(toast.render()) for toast in toasts]
