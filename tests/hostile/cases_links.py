"""Cases for `o` and the link list: what may reach the browser, and the UI never waits for it."""

from __future__ import annotations

import time
import webbrowser
from typing import Any

from textual.pilot import Pilot

from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.main import MainScreen
from tests.hostile.app_case import run_app

BROWSER_SECONDS = 3.0
"""How long the fake browser takes to start: the UI must not wait for it."""


def open_links(urls: list[str]) -> dict[str, Any]:
    """Ask the main screen to open each URL with a slow browser; report what reached it."""
    opened: list[str] = []

    def slow_browser(url: str, new: int = 0, autoraise: bool = True) -> bool:
        time.sleep(BROWSER_SECONDS)
        opened.append(url)
        return True

    webbrowser.open = slow_browser  # type: ignore[assignment]

    async def scenario(app: NewsReaderApp, pilot: Pilot[Any]) -> dict[str, Any]:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        start = time.perf_counter()
        for url in urls:
            screen.open_in_browser(url)
        await pilot.press("question_mark")  # the UI still answers keys at once
        await pilot.pause()
        ui_seconds = time.perf_counter() - start
        await app.workers.wait_for_complete()
        return {"opened": opened, "ui_seconds": ui_seconds}

    return run_app(scenario)
