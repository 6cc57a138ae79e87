"""Pilot tests of the layout at every size a reader lives at: no pane drawn narrower than it
can be read, no line of the article cut, every toggle leaving a readable screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Static

from newsreader.store import Store
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.layout import MIN_WIDTHS
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.widgets.article_view import ArticleView
from tests.ui.pilot_helpers import open_article

SIZES = [(60, 15), (80, 24), (100, 30), (120, 40), (200, 50)]
PANES = {
    "sources": "#sources-pane",
    "list": "#list-column",
    "article": "#article-view",
    "quote": "#quote-pane",
}
LONG = (
    "The harbour authority said on Tuesday that the new breakwater, which took four years "
    "and two contractors to finish, would shelter the inner moorings from the winter swell "
    "that has sunk three boats since 2019, and that berth fees would not rise before spring."
)


def make_app(database: Path, folder: Path) -> NewsReaderApp:
    (folder / "breakwater_2026-10-13.txt").write_text(
        f"date 2026-10-13 Harbour Gazette\n\n{LONG}\n\n“It is done,” said engineer Ada Brun.\n"
    )
    database.parent.mkdir(parents=True, exist_ok=True)
    return NewsReaderApp(Store(database), import_paths=[folder])


def screen_lines(app: NewsReaderApp) -> list[str]:
    """The text of every line on screen, as the terminal gets it."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def assert_panes_readable(app: NewsReaderApp) -> None:
    """Every pane on screen is at least as wide as it can be read, and inside the screen."""
    for name, selector in PANES.items():
        pane = app.screen.query_one(selector)
        if not pane.display:
            continue
        assert pane.outer_size.width >= MIN_WIDTHS[name], (name, pane.outer_size)  # type: ignore[index]
        assert pane.region.right <= app.size.width, (name, pane.region)


def drawn_lines(widget: Widget) -> list[str]:
    """The lines `widget` draws at its size."""
    region = Region(0, 0, widget.size.width, widget.size.height)
    return [strip.text.rstrip() for strip in widget.render_lines(region)]


def assert_article_not_cut(app: NewsReaderApp) -> None:
    """Each visible line of the article's paragraphs is on screen whole, and together the
    lines hold the paragraph's words in order."""
    view = app.screen.query_one(ArticleView)
    assert view.display and view.article is not None
    shown = screen_lines(app)
    visible = view.region
    quote_pane = app.screen.query_one("#quote-pane")
    # A quote pane floating over the article covers it on purpose; left of it nothing is cut.
    covered = quote_pane.region.x if quote_pane.has_class("-floating") else app.size.width
    for widget in view.query(".paragraph").results(Static):
        lines = drawn_lines(widget)
        words = " ".join(lines).split()
        assert words == str(widget.content).split()  # type: ignore[attr-defined]
        for number, line in enumerate(lines):
            y = widget.region.y + number
            if not line or not visible.y <= y < visible.bottom:
                continue
            assert cell_len(line) <= widget.content_region.width
            left = widget.content_region.x
            if left + cell_len(line) <= covered:
                assert line.strip() in shown[y], (line, shown[y])
            else:
                assert line.startswith(shown[y][left:covered].rstrip()), (line, shown[y])


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_article_is_never_cut_at_any_size(
    size: tuple[int, int], article_folder: Path, database: Path
) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=size) as pilot:
        await open_article(app, pilot)
        assert_panes_readable(app)
        assert_article_not_cut(app)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_every_toggle_leaves_a_readable_layout(
    size: tuple[int, int], article_folder: Path, database: Path
) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=size) as pilot:
        screen = await open_article(app, pilot)
        for keys in (["t"], ["t"], ["S"], ["S"], ["greater_than_sign"] * 12, ["t"], ["t"],
                     ["less_than_sign"] * 12, ["tab"], ["tab"], ["escape"]):  # fmt: skip
            before = {note.identity for note in app._notifications}
            await pilot.press(*keys)
            await pilot.pause()
            assert_panes_readable(app)
            if keys[0] in ("t", "S"):
                # The toggle says what it did.
                assert {note.identity for note in app._notifications} - before, keys
            if screen.article_view.display:
                assert_article_not_cut(app)


async def test_wider_a_dozen_times_keeps_the_quote_pane(
    article_folder: Path, database: Path
) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot)
        await pilot.press(*["greater_than_sign"] * 12)
        await pilot.pause()
        assert screen.quote_pane.display
        assert screen.article_view.outer_size.width >= MIN_WIDTHS["article"]
        await pilot.press("t")
        await pilot.pause()
        assert not screen.quote_pane.display
        await pilot.press("t")
        await pilot.pause()
        assert screen.quote_pane.display


async def test_narrow_screen_shows_list_or_article_one_key_apart(
    article_folder: Path, database: Path
) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(60, 15)) as pilot:
        screen = await open_article(app, pilot)
        assert screen.article_view.display and not screen.list_column.display
        await pilot.press("escape")
        await pilot.pause()
        assert screen.list_column.display and not screen.article_view.display
        assert screen.article_list.has_focus
        await pilot.press("tab")
        await pilot.pause()
        assert screen.article_view.display and screen.article_view.has_focus


async def test_live_resize_keeps_every_pane_readable(article_folder: Path, database: Path) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot)
        await pilot.press("t", "t")  # hidden, then asked for: it must fit at every size
        for size in [(200, 50), (60, 15), (80, 24), (100, 30), (120, 40), (60, 15)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert_panes_readable(app)
            if screen.article_view.display:
                assert_article_not_cut(app)


async def test_esc_walks_back_from_the_article_to_sources_to_the_list(
    article_folder: Path, database: Path
) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(60, 15)) as pilot:
        screen = await open_article(app, pilot)
        await pilot.press("S")  # sources in front, alone on a screen this narrow
        await pilot.pause()
        assert screen.sources_pane.display and not screen.article_view.display
        await pilot.press("tab", "tab")  # list, then the article
        await pilot.pause()
        assert screen.article_view.display and not screen.sources_pane.display
        await pilot.press("escape")
        await pilot.pause()
        assert screen.sources_pane.display and screen.sources_pane.has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert screen.list_column.display and screen.article_list.has_focus


async def test_focus_follows_a_pane_that_a_resize_hides(
    article_folder: Path, database: Path
) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot)
        await pilot.press("tab", "tab")  # article view, then the quote pane
        await pilot.pause()
        assert screen.quote_pane.options.has_focus
        await pilot.resize_terminal(60, 15)  # no room for the quote pane: it steps aside
        await pilot.pause()
        assert not screen.quote_pane.display
        assert screen.focused is not None and screen.focused.display
        assert screen.article_view.display


async def test_sources_opened_at_start_on_a_narrow_screen_come_forward_with_s(
    article_folder: Path, database: Path
) -> None:
    from newsreader.config import Config

    database.parent.mkdir(parents=True, exist_ok=True)
    app = NewsReaderApp(
        Store(database), Config(show_sources_pane=True), import_paths=[article_folder]
    )
    async with app.run_test(size=(60, 15)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.list_column.display and not screen.sources_pane.display
        await pilot.press("S")
        await pilot.pause()
        assert screen.sources_pane.display and screen.sources_pane.has_focus
        await pilot.press("S")
        await pilot.pause()
        assert not screen.sources_pane.display and screen.list_column.display
