"""Embedded-post cards, the quote pane's entries and wide characters, as the terminal gets them."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.text import Text

from newsreader.store import Store
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.cells import steady_text, steady_width
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.screens.speakers import SpeakersScreen
from newsreader.ui.widgets.article_blocks import PostCard
from tests.ui.pilot_helpers import open_article

EMOJI_POST = (
    "date 2026-10-11 Valley Courier\n\nVolunteers cleared the river paths on Sunday.\n\n"
    "Thank you all {emoji} see you next week. — Valley Weather Service Volunteers "
    "(@valleyweathervolunteers) October 11, 2026\n"
)
SIBLINGS = ["✌🏼", "👍🏽", "👨‍👩‍👧", "☺️", "🇫🇷", "👩🏾‍🚒"]
"""Skin tones, joiners, a variation selector, a flag: widths terminals disagree about."""


def terminal_width(text: str) -> int:
    """Cells as a terminal adding up each code point draws them (tmux 3.3, wcwidth)."""
    width = 0
    for character in text:
        if unicodedata.combining(character) or unicodedata.category(character) in ("Mn", "Cf"):
            continue
        if "\U0001f3fb" <= character <= "\U0001f3ff" or "\ufe00" <= character <= "\ufe0f":
            width += 2 if character > "\uffff" else 0
            continue
        width += 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1
    return width


def screen_lines(app: NewsReaderApp) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


@pytest.mark.parametrize("emoji", SIBLINGS)
def test_steady_text_has_one_width_in_rich_and_in_the_terminal(emoji: str) -> None:
    text = Text(f"a {emoji} b", style="bold")
    text.stylize("red", 0, 1)
    steady = steady_text(text)
    assert cell_len(steady.plain) == terminal_width(steady.plain)
    assert steady.plain == steady_width(text.plain)
    assert steady.style == "bold" and [
        (span.start, span.end, span.style) for span in steady.spans
    ] == [(0, 1, "red")]


@pytest.mark.parametrize("emoji", SIBLINGS)
async def test_emoji_in_a_post_keeps_the_card_border_in_its_column(
    emoji: str, tmp_path: Path, database: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "thanks_2026-10-11.txt").write_text(EMOJI_POST.format(emoji=emoji))
    database.parent.mkdir(parents=True)
    app = NewsReaderApp(Store(database), import_paths=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_article(app, pilot)
        assert screen.query_one(PostCard).display
        for line in screen_lines(app):
            # Every line is as wide in the terminal as the screen: nothing shifts.
            assert terminal_width(line) == cell_len(line) == 100, repr(line)


async def test_card_header_wraps_between_names_never_after_the_handle(
    tmp_path: Path, database: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "thanks_2026-10-11.txt").write_text(EMOJI_POST.format(emoji="!"))
    database.parent.mkdir(parents=True)
    app = NewsReaderApp(Store(database), import_paths=[folder])
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await open_article(app, pilot)
        card = screen.query_one(PostCard)
        text = "\n".join(strip.text for strip in card.render_lines(card.region.reset_offset))
        lines = [line.strip("│ ╭╮╰╯─") for line in text.splitlines()]
        assert not any(line.endswith("·") for line in lines), lines
        assert any(line.startswith("Twitter · 2026-10-11") for line in lines), lines


async def test_separator_rules_between_every_pair_of_quotes(tmp_path: Path, database: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    said = "\n\n".join(
        f"“The ferry will keep running on the winter timetable, and crew number {n} will be on "
        f"every crossing until the ice goes,” said harbourmaster Ines Varga."
        for n in range(14)
    )
    (folder / "ferry_2026-10-11.txt").write_text(f"date 2026-10-11 Harbour Gazette\n\n{said}\n")
    database.parent.mkdir(parents=True)
    app = NewsReaderApp(Store(database), import_paths=[folder])
    for size in [(100, 30), (120, 40), (160, 50)]:
        async with app.run_test(size=size) as pilot:
            screen = await open_article(app, pilot)
            options = screen.quote_pane.options
            height = options.virtual_size.height
            assert height > options.size.height  # long enough to scroll
            lines = []
            for line_number in range(height):
                options.scroll_to(y=line_number, animate=False, immediate=True)
                lines.append(options.render_line(line_number - int(options.scroll_offset.y)).text)
            rules = sum(line.strip().startswith("────") for line in lines)
            assert rules == len(screen.quote_pane.items) - 1
        app = NewsReaderApp(Store(database))


async def test_esc_in_the_speakers_filter_clears_it_before_closing(
    article_folder: Path, database: Path
) -> None:
    database.parent.mkdir(parents=True)
    app = NewsReaderApp(Store(database), import_paths=[article_folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        speakers = app.screen
        assert isinstance(speakers, SpeakersScreen)
        everyone = len(speakers.counts)
        await pilot.press("slash", *"chang")
        await pilot.pause()
        await pilot.pause()
        assert len(speakers.counts) < everyone
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is speakers and len(speakers.counts) == everyone
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_down_in_the_search_box_moves_into_the_results(
    article_folder: Path, database: Path
) -> None:
    database.parent.mkdir(parents=True)
    app = NewsReaderApp(Store(database), import_paths=[article_folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("slash", *"storm")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        assert screen.article_list.has_focus
        assert screen.article_list.row_count >= 1


def luminance(color) -> float:  # type: ignore[no-untyped-def]
    red, green, blue = color.get_truecolor()
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


@pytest.mark.parametrize("theme", ["textual-light", "solarized-light", "catppuccin-latte"])
async def test_light_theme_draws_quotes_and_header_on_light_backgrounds(
    theme: str, article_folder: Path, database: Path
) -> None:
    database.parent.mkdir(parents=True)
    app = NewsReaderApp(Store(database), import_paths=[article_folder])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot)
        await pilot.press("]")  # a chosen quote has a background of its own
        app.theme = theme  # switched while the article is open, as ctrl+p does
        await pilot.pause()
        await pilot.pause()
        view = screen.article_view.region
        strips = app.screen._compositor.render_strips()
        for y in range(view.y, view.bottom):
            x = 0
            for segment in strips[y]:
                inside = view.x <= x < view.right
                x += segment.cell_length
                style = segment.style
                if inside and segment.text.strip() and style and style.bgcolor:
                    assert luminance(style.bgcolor) > 0.5, (theme, segment)
