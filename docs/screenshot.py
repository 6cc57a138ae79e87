"""Write docs/screenshot.svg: the reader on the bundled samples, an article open at a quote.

Run: .venv/bin/python docs/screenshot.py
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from newsreader.importer import import_paths
from newsreader.paths import bundled_samples
from newsreader.store import Store
from newsreader.ui.app import NewsReaderApp

ARTICLE_TITLE_START = "Dockworkers at the Port of Kellan Bay"


async def take(target: Path) -> None:
    """Open the app on a fresh store of the samples and save an SVG screenshot."""
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "newsreader.sqlite3"
        import_paths(database, [bundled_samples()])
        store = Store(database)
        store.index_all()
        app = NewsReaderApp(store, clock=lambda: datetime(2026, 11, 26, 12, tzinfo=UTC))
        async with app.run_test(size=(150, 42)) as pilot:
            await pilot.pause()
            screen = app.screen
            rows = [
                screen.article_list.row(index) for index in range(screen.article_list.row_count)
            ]
            index = next(
                i for i, row in enumerate(rows) if row and row.title.startswith(ARTICLE_TITLE_START)
            )
            screen.article_list.move_to(index)
            await pilot.press("enter", "]", "]")
            await pilot.pause(0.3)
            app.save_screenshot(filename=target.name, path=str(target.parent))


if __name__ == "__main__":
    asyncio.run(take(Path(__file__).resolve().parent / "screenshot.svg"))
