"""The `Q` dialog: save what the list shows (a search or a filter) as a query feed."""

from __future__ import annotations

from collections.abc import Collection

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from newsreader.text import clean_line


class SaveQueryScreen(ModalScreen[str | None]):
    """Asks for a title for `rule`; dismisses with it, or None on escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    DEFAULT_CSS = """
    SaveQueryScreen {
        align: center middle;
        #query-body { width: 80; max-width: 100%; height: auto; border: round $accent;
                      background: $surface; padding: 1 2; }
        #query-error { color: $text-error; height: auto; }
        Label { width: 100%; }
        #query-rule { color: $text-muted; margin-top: 1; }
        Input { margin-top: 1; }
    }
    """

    def __init__(self, rule: str, taken: Collection[str]) -> None:
        super().__init__()
        self.rule = rule
        self.taken = set(taken)

    def compose(self) -> ComposeResult:
        with Vertical(id="query-body"):
            yield Label(
                "Save as a query feed in config.toml (listed under Queries in the sources "
                "pane). Enter saves, escape cancels."
            )
            yield Label(clean_line(self.rule), id="query-rule", markup=False)
            yield Input(placeholder="title, e.g. Quoted: the mayor", id="query-title")
            yield Label("", id="query-error", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        title = clean_line(event.value).strip()
        problem = ""
        if not title:
            problem = "A query feed needs a title."
        elif title in self.taken:
            problem = f"A query feed is already called {title!r}."
        if problem:
            self.query_one("#query-error", Label).update(problem)
            return
        self.dismiss(title)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
