"""Helpers for TUI cases: the real app on the case's own database, under `App.run_test()`."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from textual.pilot import Pilot

from newsreader import paths
from newsreader.config import Config
from newsreader.store import Store
from newsreader.ui.app import NewsReaderApp

T = TypeVar("T")


def run_app(
    scenario: Callable[[NewsReaderApp, Pilot[Any]], Awaitable[T]],
    *,
    config: Config | None = None,
    **options: Any,
) -> T:
    """Start the app on the case's database, run `scenario` with its pilot, and return its value."""

    async def run() -> T:
        store = Store(paths.database_path())
        app = NewsReaderApp(store, config or Config(), **options)
        try:
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                return await scenario(app, pilot)
        finally:
            store.close()

    return asyncio.run(run())
