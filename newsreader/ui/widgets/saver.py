"""The widget that saves what the reader changes, and says when saving has to wait."""

from __future__ import annotations

from textual import on
from textual.message import Message
from textual.widget import Widget

from newsreader.store import Store
from newsreader.ui.writes import Change, StateWriter


class Saver(Widget):
    """Invisible; saves changes through a `StateWriter` and reports busy or full databases.

    Posts `SavedAfterAll` when changes that had to wait are in, so the list can be re-read.
    """

    DEFAULT_CSS = "Saver { display: none; }"

    class WriteReported(Message):
        """The writer thread has news about saving: busy, disk full, saved after all."""

        def __init__(self, text: str, problem: bool) -> None:
            super().__init__()
            self.text = text
            self.problem = problem

    class SavedAfterAll(Message):
        """Every change that had to wait is saved now."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.writer = StateWriter(store.path, self._reported) if store.path else None

    def save(self, change: Change, what: str) -> bool:
        """Save a change off the UI thread, waiting only a moment for it.

        Returns:
            True when it is saved; False when it waits for a busy or full database (the
            writer retries it and says so).
        """
        if self.writer is None:  # a `:memory:` store has no second connection to write with
            change(self.store)
            return True
        return self.writer.submit(change, what)

    def _reported(self, text: str, problem: bool) -> None:
        self.post_message(self.WriteReported(text, problem))  # thread-safe, never blocks

    @on(WriteReported)
    def show_report(self, event: WriteReported) -> None:
        """Say what happened to a change that could not be saved at once."""
        event.stop()
        self.notify(event.text, severity="warning" if event.problem else "information")
        if not event.problem:
            self.post_message(self.SavedAfterAll())

    def on_unmount(self) -> None:
        if self.writer is not None:
            self.writer.close()
