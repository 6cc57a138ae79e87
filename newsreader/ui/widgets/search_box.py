"""The search box above the list: searches as you type, off the UI thread, and posts results."""

from __future__ import annotations

import logging
from typing import cast

from textual import on, work
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from newsreader.store import Store

logger = logging.getLogger(__name__)

SEARCH_RESULT_LIMIT = 500
PLACEHOLDERS = ("search title, text, quotes, speakers", "search title, text, quotes", "search")
"""The box's hint, longest first: the longest that fits whole is shown (the list is narrow)."""


class SearchBox(Input):
    """Hidden until `/`; every keystroke searches, and the newest query's results are posted.

    `enter` and `↓` hand over to the results (`Done`); the screen decides what `esc` does.
    """

    BINDINGS = [
        Binding("down", "done", "To the results", show=False),
    ]

    DEFAULT_CSS = """
    SearchBox {
        height: 1;
        border: none;
        padding: 0 1;
        background: $boost;
        display: none;
        &:focus { background: $accent 30%; border: none; }
    }
    """

    class Searched(Message):
        """Results for `query`, best first (an empty query: the search was cleared)."""

        def __init__(self, query: str, result_ids: list[int]) -> None:
            super().__init__()
            self.query = query
            self.result_ids = result_ids

    class Done(Message):
        """The user is done typing (enter or ↓) and wants the results."""

    def __init__(self, store: Store, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDERS[0], id=id)
        self.store = store

    def on_resize(self) -> None:
        """Show the longest hint that fits whole (the cursor takes a cell after it)."""
        room = self.content_size.width - 1
        self.placeholder = next((hint for hint in PLACEHOLDERS if len(hint) <= room), "")

    def clear_query(self) -> None:
        """Empty the box without searching again."""
        with self.prevent(Input.Changed):
            self.value = ""

    @on(Input.Changed)
    def search_as_typed(self, event: Input.Changed) -> None:
        """Search again on every keystroke (stale results are dropped when they arrive)."""
        event.stop()
        if event.value.strip():
            self.run_search(event.value)
        else:
            self.post_message(self.Searched("", []))

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the results."""
        event.stop()
        self.post_message(self.Done())

    def action_done(self) -> None:
        """↓ moves to the results, as enter does."""
        self.post_message(self.Done())

    @work(thread=True, exclusive=True, exit_on_error=False, group="search")
    def run_search(self, query: str) -> tuple[str, list[int]]:
        """Query the index on a connection of its own, so typing never waits on SQLite."""
        store = Store(self.store.path) if self.store.path is not None else self.store
        try:
            return query, store.search(query, limit=SEARCH_RESULT_LIMIT)
        finally:
            if store is not self.store:
                store.close()

    @on(Worker.StateChanged)
    def search_finished(self, event: Worker.StateChanged) -> None:
        """Post the results of the newest query; a failed search says why once."""
        if event.state == WorkerState.ERROR:
            logger.error("search failed", exc_info=event.worker.error)
            self.notify(f"Search failed: {event.worker.error}", severity="error", markup=False)
            return
        if event.state != WorkerState.SUCCESS:
            return
        query, result_ids = cast("tuple[str, list[int]]", event.worker.result)
        if query == self.value:  # else a newer keystroke is on its way
            self.post_message(self.Searched(query, result_ids))
