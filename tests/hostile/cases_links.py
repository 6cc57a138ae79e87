"""Cases for `o` and the link list: what may reach the browser, and the UI never waits for it."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from newsreader.ui.app import NewsReaderApp
from newsreader.ui.browser import open_in_browser
from newsreader.ui.screens.main import MainScreen
from tests.hostile.app_case import run_app

BROWSER_SECONDS = 3.0
"""How long the fake browser keeps running: the UI must not wait for it."""


def open_links(urls: list[str]) -> dict[str, Any]:
    """Ask the main screen to open each URL with a slow browser; report what reached it."""
    folder = Path(os.environ["NEWSREADER_DATA_DIR"]).parent / "bin"
    folder.mkdir(parents=True, exist_ok=True)
    browser, log = folder / "slow-browser", folder / "opened.txt"
    browser.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{log}"\nsleep {BROWSER_SECONDS}\n')
    browser.chmod(0o755)
    os.environ["BROWSER"] = f"{browser} %s"

    async def scenario(app: NewsReaderApp, pilot: Pilot[Any]) -> dict[str, Any]:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        start = time.perf_counter()
        for url in urls:
            open_in_browser(screen, url)
        await pilot.press("question_mark")  # the UI still answers keys at once
        await pilot.pause()
        ui_seconds = time.perf_counter() - start
        await app.workers.wait_for_complete()
        started = sum(n.message.startswith("Opening ") for n in app._notifications)
        return {"opened": _written(log, started), "ui_seconds": ui_seconds}

    return run_app(scenario)


def _written(log: Path, count: int) -> list[str]:
    """The URLs the browser wrote, once `count` of them are there (it runs detached)."""
    for _ in range(500):
        if len(log.read_text().splitlines() if log.exists() else []) >= count:
            break
        time.sleep(0.02)
    return log.read_text().splitlines() if log.exists() else []
