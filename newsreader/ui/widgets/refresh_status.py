"""A one-line status under the panes while sources refresh or quotes are found: progress,
then a summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from newsreader.links import display_text

if TYPE_CHECKING:
    from newsreader.sources.refresh import FeedOutcome

SUMMARY_SECONDS = 6.0


class RefreshStatus(Static):
    """Hidden until a refresh starts; shows `Refreshing 12/200 · 3 new · 1 failed`."""

    DEFAULT_CSS = """
    RefreshStatus {
        height: 1;
        padding: 0 1;
        background: $boost;
        color: $text-muted;
        display: none;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.added = 0
        self.failed = 0

    def start(self) -> None:
        """A refresh began."""
        self.added = self.failed = 0
        self.display = True
        self.update(Text("Refreshing…"))

    def advance(self, outcome: FeedOutcome, finished: int, total: int) -> None:
        """One more source finished."""
        self.added += outcome.added
        self.failed += int(outcome.failed)
        line = Text(f"Refreshing {finished}/{total} · {self.added} new")
        if self.failed:
            line.append(f" · {self.failed} failed", "bold")
        line.append(f" · {display_text(outcome.title)[:60]}", "dim")
        self.update(line)

    def indexing(self, done: int, total: int) -> None:
        """Quote analysis progress (in processes, in the background)."""
        self.display = True
        self.update(Text(f"Finding quotes {done:,}/{total:,}"))

    def finish(self, summary: str) -> None:
        """Show the summary for a few seconds, then hide."""
        self.update(Text(display_text(summary)[:200]))
        self.set_timer(SUMMARY_SECONDS, self._hide)

    def _hide(self) -> None:
        self.display = False
