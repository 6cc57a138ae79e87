"""The speakers view says how many articles still wait for quote analysis while the job runs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsreader.store import Store
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.speakers import SpeakersScreen
from newsreader.versions import EXTRACTOR_VERSION


def _title(screen: SpeakersScreen) -> str:
    return str(screen.query_one("#speaker-title").render())


async def test_speakers_view_reports_articles_a_new_extractor_must_analyse_again(
    article_folder: Path, database: Path
) -> None:
    database.parent.mkdir(parents=True)
    app = NewsReaderApp(Store(database), import_paths=(article_folder,))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
    # What a new extractor version means for the stored articles: analysed by an older one.
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE articles SET quotes_version = ?", (EXTRACTOR_VERSION - 1,))
    # Another connection holds the write lock, so the job's first batch cannot be saved yet.
    blocker = sqlite3.connect(database, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    app = NewsReaderApp(Store(database))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("w")
            await pilot.pause()
            speakers = app.screen
            assert isinstance(speakers, SpeakersScreen)
            await pilot.pause()
            assert "3 articles still being analysed" in _title(speakers)
            # The older quotes stay readable meanwhile.
            assert {"Dana Ortiz", "Lee Chang"} <= {c.speaker for c in speakers.counts}
            blocker.execute("ROLLBACK")
            await app.workers.wait_for_complete()
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("w")
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, SpeakersScreen)
            assert "still being analysed" not in _title(app.screen)
    finally:
        blocker.close()
    store = Store(database)
    assert store.pending_index_count(EXTRACTOR_VERSION) == 0
    store.close()
