"""Pilot tests: the real app on real files and a real database."""

from __future__ import annotations

import shutil
from pathlib import Path

from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.help import HelpScreen
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.article_view import ArticleView
from newsreader.ui.widgets.quote_pane import QuotePane
from tests.ui.pilot_helpers import make_app


def row_text(article_list: ArticleList, index: int) -> str:
    """Both screen lines of list row `index` (the list is scrolled to the top)."""
    return " | ".join(article_list.render_line(index * 2 + part).text for part in (0, 1))


async def loaded(app: NewsReaderApp, pilot) -> MainScreen:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)
    return app.screen


async def test_opens_three_panes_newest_first(article_folder: Path, database: Path) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(app, pilot)
        article_list = screen.query_one(ArticleList)
        assert article_list.row_count == 3
        assert "Harbour Gazette" in row_text(article_list, 0)
        assert "Kellan Bay bridge" in row_text(article_list, 0)
        assert "Metro Ledger" in row_text(article_list, 2)
        assert screen.query_one(ArticleView).display
        assert screen.query_one(QuotePane).display


async def test_enter_opens_article_marks_it_read_and_lists_quotes(
    article_folder: Path, database: Path
) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        view = screen.query_one(ArticleView)
        assert view.article is not None
        assert view.article.title.startswith("The Kellan Bay bridge will reopen")
        assert view.article.dateline == "UPDATED 9:40 AM ET — Monday, October 12, 2026"
        pane = screen.query_one(QuotePane)
        speakers = {getattr(item, "speaker", None) for item in pane.items}
        assert "Dana Ortiz" in speakers
        assert app.store.state(view.article.id) == (True, False)
        assert app.sub_title.startswith("2 unread")


async def test_keys_move_toggle_read_and_star(article_folder: Path, database: Path) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(app, pilot)
        article_list = screen.query_one(ArticleList)
        await pilot.press("j", "j", "k")
        assert article_list.cursor == 1
        second = article_list.current
        assert second is not None
        await pilot.press("m", "s")
        assert app.store.state(second.id) == (True, True)
        await pilot.press("m")
        assert app.store.state(second.id) == (False, True)
        assert "★" in row_text(article_list, 1)


async def test_next_and_previous_unread_skip_read_articles(
    article_folder: Path, database: Path
) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(app, pilot)
        article_list = screen.query_one(ArticleList)
        await pilot.press("j", "m", "k")  # the middle article is read
        view = screen.query_one(ArticleView)
        await pilot.press("n")  # the cursor's own article is unread and unopened: it comes first
        await pilot.pause()
        assert article_list.cursor == 0
        assert view.article is not None and view.article.source_name == "Harbour Gazette"
        await pilot.press("n")  # then the next unread below, skipping the read one
        await pilot.pause()
        assert article_list.cursor == 2
        await pilot.press("p")  # the top one is read now (opened): nothing unread above
        await pilot.pause()
        assert article_list.cursor == 2
        await pilot.press("k", "k", "m", "p")  # mark the top one unread again
        await pilot.pause()
        assert article_list.cursor == 0


async def test_state_survives_restart_and_folder_move(
    article_folder: Path, database: Path, tmp_path: Path
) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("enter", "j", "s")
    app.store.close()

    moved = tmp_path / "elsewhere" / "news"
    moved.parent.mkdir()
    shutil.move(article_folder, moved)
    again = make_app(database, moved)
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await loaded(again, pilot)
        article_list = screen.query_one(ArticleList)
        assert article_list.row_count == 3
        first, second = article_list.row(0), article_list.row(1)
        assert first is not None and first.read and not first.starred
        assert second is not None and second.starred and not second.read


async def test_markup_in_titles_shows_literally(article_folder: Path, database: Path) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await loaded(app, pilot)
        article_list = screen.query_one(ArticleList)
        assert "[USD]" in row_text(article_list, 2)
        await pilot.press("G", "enter")
        await pilot.pause()
        view = screen.query_one(ArticleView)
        assert view.article is not None and "[/]" in view.article.title


async def test_bad_file_is_reported_and_the_rest_load(article_folder: Path, database: Path) -> None:
    (article_folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00")
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(app, pilot)
        assert screen.query_one(ArticleList).row_count == 3
        messages = [notification.message for notification in app._notifications]
        assert any("broken.txt" in message for message in messages)


async def test_help_lists_every_binding(article_folder: Path, database: Path) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        descriptions = {
            binding.description for _, bindings in app.binding_groups() for binding in bindings
        }
        assert {"Next unread", "Read/unread", "Star", "Quit", "Help"} <= descriptions
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_quote_keys_jump_to_quotes(article_folder: Path, database: Path) -> None:
    app = make_app(database, article_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("enter", "]")
        await pilot.pause()
        view = screen.query_one(ArticleView)
        pane = screen.query_one(QuotePane)
        assert pane.items and view._chosen is pane.items[0]
        await pilot.press("]")
        await pilot.pause()
        assert view._chosen is pane.items[1 % len(pane.items)]


async def test_reading_position_is_remembered_per_article(tmp_path: Path, database: Path) -> None:
    folder = tmp_path / "long"
    folder.mkdir()
    body = "\n\n".join(
        f"Paragraph {number} of a long report on the harbour." for number in range(80)
    )
    (folder / "long.txt").write_text(f"date 2026-10-01 Harbour Gazette\n\n{body}\n")
    (folder / "short.txt").write_text("date 2026-09-01 Harbour Gazette\n\nA short note.\n")
    app = make_app(database, folder)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("enter", "space", "space")
        await pilot.pause()
        view = screen.query_one(ArticleView)
        scrolled = round(view.scroll_y)
        assert scrolled > 0
        await pilot.press("j", "enter")  # another article
        await pilot.pause()
        assert view.scroll_y == 0
    app.store.close()

    again = make_app(database)
    async with again.run_test(size=(120, 30)) as pilot:
        screen = await loaded(again, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert round(screen.query_one(ArticleView).scroll_y) == scrolled
