"""The `E` dialog: one feed's settings (title, category, refresh, retention, full text, paused)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from newsreader.services.feed_settings import SettingChange, SettingError, parse_setting
from newsreader.store.settings import FeedSettings
from newsreader.text import clean_line

HINTS = {
    "title": "your name for it (empty: the feed's own)",
    "category": "folder (empty: none)",
    "refresh": "minutes, or 2h, 1d (empty: every refresh)",
    "keep_days": "days (empty: config.toml's)",
    "keep_per_feed": "articles (empty: config.toml's)",
    "full_text": "on or off",
    "paused": "on or off",
}
"""Each setting's input placeholder, in the order shown."""


def current_values(settings: FeedSettings) -> dict[str, str]:
    """What each input starts with: the stored value, empty for the config's."""

    def shown(value: object) -> str:
        return "" if value is None else str(value)

    return {
        "title": settings.title_override or "",
        "category": settings.category or "",
        "refresh": shown(settings.refresh_minutes),
        "keep_days": shown(settings.keep_days),
        "keep_per_feed": shown(settings.keep_per_feed),
        "full_text": "on" if settings.full_text else "off",
        "paused": "on" if settings.paused else "off",
    }


class FeedSettingsScreen(ModalScreen[list[SettingChange] | None]):
    """Edits one feed's settings; dismisses with the changed ones, or None on escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    DEFAULT_CSS = """
    FeedSettingsScreen {
        align: center middle;
        #settings-body { width: 84; max-width: 100%; height: auto; max-height: 100%;
                         border: round $accent; background: $surface; padding: 1 2;
                         overflow-y: auto; }
        #settings-error { color: $text-error; height: auto; width: 100%; }
        .setting { height: 1; margin-top: 1; }
        .setting Label { width: 16; }
        .setting Input { width: 1fr; height: 1; border: none; padding: 0 1;
                         background: $boost; &:focus { background: $accent 30%; } }
    }
    """

    def __init__(self, settings: FeedSettings) -> None:
        super().__init__()
        self.settings = settings
        self.before = current_values(settings)

    def compose(self) -> ComposeResult:
        with Vertical(id="settings-body"):
            yield Label(f"Settings of {clean_line(self.settings.title)}", markup=False)
            yield Label("Enter saves every line, escape cancels.", markup=False)
            for name, hint in HINTS.items():
                with Horizontal(classes="setting"):
                    yield Label(name, markup=False)
                    yield Input(self.before[name], placeholder=hint, id=f"setting-{name}")
            yield Label("", id="settings-error", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        changes: list[SettingChange] = []
        for name in HINTS:
            value = self.query_one(f"#setting-{name}", Input).value.strip()
            if value == self.before[name]:
                continue
            try:
                changes.append(parse_setting(f"{name}={value}"))
            except SettingError as error:
                self.query_one("#settings-error", Label).update(str(error))
                self.query_one(f"#setting-{name}", Input).focus()
                return
        self.dismiss(changes)

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)
