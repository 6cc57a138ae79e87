"""Pilot tests for search, filters, the sources pane, the speakers view and copying."""

from __future__ import annotations

from pathlib import Path

from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.confirm import ConfirmScreen
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.screens.speakers import SpeakersScreen
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.article_view import ArticleView
from newsreader.ui.widgets.sources_pane import SourcesPane
from tests.ui.pilot_helpers import make_app


async def started(app: NewsReaderApp, pilot) -> MainScreen:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    assert isinstance(app.screen, MainScreen)
    return app.screen


def titles(article_list: ArticleList) -> list[str]:
    rows = [article_list.row(index) for index in range(article_list.row_count)]
    return [row.title for row in rows if row is not None]


async def test_search_as_you_type_then_escape_returns(article_folder: Path, database: Path) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(app, pilot)
        article_list = screen.query_one(ArticleList)
        await pilot.press("slash", *"ortiz")
        await app.workers.wait_for_complete()
        await pilot.pause()
        (title,) = titles(article_list)
        assert title.startswith("The Kellan Bay bridge will reopen on Friday")
        assert "search “ortiz”" in app.sub_title
        assert article_list.highlight_terms == ["ortiz"]
        await pilot.press("enter", "enter")  # to the results, then open
        await pilot.pause()
        assert screen.query_one(ArticleView).article is not None
        await pilot.press("escape")
        await pilot.pause()
        assert article_list.row_count == 3
        assert not screen.list_column.search_box.display


async def test_filters_cycle_unread_and_starred(article_folder: Path, database: Path) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(app, pilot)
        article_list = screen.query_one(ArticleList)
        await pilot.press("m", "j", "s")  # first read, second starred
        await pilot.press("f")
        assert article_list.row_count == 2 and app.sub_title.startswith("unread")
        await pilot.press("f")
        assert article_list.row_count == 1 and app.sub_title.startswith("starred")
        await pilot.press("f")
        assert article_list.row_count == 3


async def test_sources_pane_filters_by_source(
    tmp_path: Path, article_folder: Path, database: Path
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "one.txt").write_text("date 2026-10-20 Other Paper\n\nA lone story here.\n")
    app = make_app(database, article_folder, other)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await started(app, pilot)
        article_list = screen.query_one(ArticleList)
        assert article_list.row_count == 4
        await pilot.press("S")
        pane = screen.query_one(SourcesPane)
        assert pane.display and pane.has_focus
        assert pane.option_count == 3  # all sources, news, other
        await pilot.press("down", "down", "enter")  # the second source by title: "other"
        await pilot.pause()
        assert titles(article_list) == ["A lone story here"]
        assert "other" in app.sub_title


async def test_mark_source_read_asks_when_many(article_folder: Path, database: Path) -> None:
    for number in range(30):
        (article_folder / f"extra-{number:02}.txt").write_text(
            f"date 2026-09-{number % 28 + 1:02} Harbour Gazette\n\nExtra story {number}.\n"
        )
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await started(app, pilot)
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert app.store.unread_count() == 0
        assert screen.state.listing.unread_count() == 0


async def test_speakers_view_opens_article_at_quote(article_folder: Path, database: Path) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(app, pilot)
        await pilot.press("w")
        await pilot.pause()
        speakers = app.screen
        assert isinstance(speakers, SpeakersScreen)
        names = [count.speaker for count in speakers.counts]
        assert {"Dana Ortiz", "Lee Chang"} <= set(names)
        await pilot.press("enter")  # first speaker → their quotes
        await pilot.pause()
        first_quote = speakers.quotes[0]
        await pilot.press("enter")  # open it
        await pilot.pause()
        assert app.screen is screen
        view = screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == first_quote.article_id
        assert view.chosen is not None and view.chosen.text == first_quote.text


async def test_copy_quote_with_speaker_and_source(article_folder: Path, database: Path) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("enter", "]", "y")
        await pilot.pause()
        assert app.clipboard == (
            "“We will reopen the bridge by Friday,” — Dana Ortiz, Harbour Gazette, 2026-10-12"
        )


async def test_palette_reaches_every_action(article_folder: Path, database: Path) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(app, pilot)
        titles_in_palette = {command.title for command in app.get_system_commands(screen)}
        for _, bindings in app.binding_groups():
            for binding in bindings:
                if binding.action not in ("quit", "command_palette"):
                    assert any(title.startswith(binding.description) for title in titles_in_palette)


async def test_links_list_numbers_the_article_links(article_folder: Path, database: Path) -> None:
    (article_folder / "links.txt").write_text(
        "date 2026-10-30 Harbour Gazette\n\nThe port published its plan at "
        "https://example.com/plan.pdf and a map at https://example.org/map.\n"
    )
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(app, pilot)
        await pilot.press("enter", "u")
        await pilot.pause()
        from newsreader.ui.screens.links import LinksScreen

        assert isinstance(app.screen, LinksScreen)
        assert app.screen.links == ["https://example.com/plan.pdf", "https://example.org/map"]
        await pilot.press("escape")
        assert app.screen is screen


async def test_list_column_resizes_with_keys(article_folder: Path, database: Path) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(app, pilot)
        column = screen.query_one("#list-column")
        before = column.outer_size.width
        await pilot.press("greater_than_sign", "greater_than_sign")
        await pilot.pause()
        assert column.outer_size.width == before + 8
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert column.outer_size.width == before + 4
