"""Snapshot tests of the layout: fixed terminal size, fixed clock, fixed articles.

Re-record after a deliberate UI change with `make snapshots`, and look at the report first.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from newsreader.importer import import_paths
from newsreader.services.indexing import index_quotes
from newsreader.store import Store
from newsreader.ui.app import NewsReaderApp

FIXED_NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def prepared_app(article_folder: Path, database: Path) -> NewsReaderApp:
    """An app over a store that already holds the fixture articles (no worker races)."""
    database.parent.mkdir(parents=True, exist_ok=True)
    import_paths(database, [article_folder])
    store = Store(database)
    index_quotes(store, workers=1)
    return NewsReaderApp(store, clock=lambda: FIXED_NOW)


def test_three_panes_with_an_open_article(
    snap_compare, article_folder: Path, database: Path
) -> None:  # type: ignore[no-untyped-def]
    app = prepared_app(article_folder, database)
    assert snap_compare(app, terminal_size=(120, 40), press=["j", "enter", "]"])


def test_narrow_terminal_hides_the_quote_pane(
    snap_compare, article_folder: Path, database: Path
) -> None:  # type: ignore[no-untyped-def]
    app = prepared_app(article_folder, database)
    assert snap_compare(app, terminal_size=(80, 24), press=["enter"])


def test_small_terminal_shows_the_article_alone(
    snap_compare, article_folder: Path, database: Path
) -> None:  # type: ignore[no-untyped-def]
    app = prepared_app(article_folder, database)
    assert snap_compare(app, terminal_size=(60, 15), press=["j", "enter"])


def test_quote_pane_beside_the_article_at_80_columns(
    snap_compare, article_folder: Path, database: Path
) -> None:  # type: ignore[no-untyped-def]
    app = prepared_app(article_folder, database)
    assert snap_compare(app, terminal_size=(80, 24), press=["j", "enter", "t"])


def test_help_screen(snap_compare, article_folder: Path, database: Path) -> None:  # type: ignore[no-untyped-def]
    app = prepared_app(article_folder, database)
    assert snap_compare(app, terminal_size=(100, 50), press=["question_mark"])


def test_speakers_view(snap_compare, article_folder: Path, database: Path) -> None:  # type: ignore[no-untyped-def]
    app = prepared_app(article_folder, database)
    assert snap_compare(app, terminal_size=(120, 30), press=["w", "down"])


def test_search_results_highlight_matches(
    snap_compare, article_folder: Path, database: Path
) -> None:  # type: ignore[no-untyped-def]
    app = prepared_app(article_folder, database)

    async def search(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("slash", *"bridge")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 30), run_before=search)
