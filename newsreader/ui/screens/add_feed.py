"""The `a` dialog: subscribe to a feed URL or a local file or folder."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from newsreader.subscriptions import Subscription, SubscriptionError, parse_target


class AddFeedScreen(ModalScreen[Subscription | None]):
    """Asks for a URL or path; dismisses with the subscription, or None on escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    DEFAULT_CSS = """
    AddFeedScreen {
        align: center middle;
        #add-body { width: 80; max-width: 100%; height: auto; border: round $accent;
                    background: $surface; padding: 1 2; }
        #add-error { color: $text-error; height: auto; }
        Label { width: 100%; }
        Input { margin-top: 1; }
    }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="add-body"):
            yield Label(
                "Subscribe to a feed URL, or a local file or folder. Enter subscribes, tab "
                "reaches the optional title, escape cancels."
            )
            yield Input(placeholder="https://example.com/feed.xml  or  ~/articles", id="target")
            yield Input(placeholder="title (optional)", id="title")
            yield Label("", id="add-error", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        target = self.query_one("#target", Input).value
        title = self.query_one("#title", Input).value.strip() or None
        try:
            self.dismiss(parse_target(target, title))
        except SubscriptionError as error:
            self.query_one("#add-error", Label).update(str(error))
            self.query_one("#target", Input).focus()

    def action_cancel(self) -> None:
        """Close without subscribing."""
        self.dismiss(None)
