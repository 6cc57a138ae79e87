"""The help screen: every key binding of the app, grouped by where it works."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from newsreader.ui.keys import key_label


def bindings_table(groups: list[tuple[str, list[BindingType]]]) -> Table:
    """A table of key → description for each group of bindings."""
    table = Table(box=None, show_header=False, padding=(0, 2), expand=False)
    table.add_column(style="bold")
    table.add_column()
    table.add_column(style="dim")
    for heading, bindings in groups:
        table.add_row(Text(heading, style="bold underline"), "", "")
        for binding in bindings:
            if isinstance(binding, Binding) and binding.description:
                table.add_row(
                    Text(key_label(binding.key)), Text(binding.description), Text(binding.id or "")
                )
        table.add_row("", "", "")
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every key; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close help")]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        #help-body {
            width: 84; max-width: 100%; height: auto; max-height: 90%;
            border: round $accent; background: $surface; padding: 1 2;
        }
    }
    """

    def __init__(self, groups: list[tuple[str, list[BindingType]]]) -> None:
        super().__init__()
        self.groups = groups

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()  # so j/k, arrows and PgDn scroll it

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(
                Text(
                    "newsreader keys (escape closes) — the last column is the id for [keys] in"
                    " config.toml",
                    style="bold",
                )
            )
            yield Static(bindings_table(self.groups), id="help-table")
