"""The Textual application: thin, with its store and config passed in."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import Notification, SeverityLevel
from textual.screen import Screen
from textual.theme import Theme
from textual.widget import Widget

from newsreader import __version__
from newsreader.config import Config, load_ui_state, save_ui_state
from newsreader.links import display_text
from newsreader.logs import setup_logging
from newsreader.store import Store
from newsreader.ui.keys import (
    APP_BINDINGS,
    EVERYWHERE,
    binding_groups,
    in_force,
    key_label,
    resolve_keymap,
    theme_problem,
)
from newsreader.ui.screens.help import HelpScreen
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.widgets.article_list import ArticleList, Clock, utc_now
from newsreader.ui.widgets.article_view import ArticleView
from newsreader.ui.widgets.sources_pane import SourcesPane

MAX_STARTUP_WARNINGS = 10
"""Config warnings shown one by one at start; the rest are counted in one line."""
MAX_NOTIFICATION_CHARS = 300
QUIT_WAIT_SECONDS = 2.0
"""How long `q` waits for changes the database has not taken yet."""
REPLY_SECONDS = 3.0
"""An information notification this short-lived is the reply to a key (a pane toggled, no
more unread): the next reply replaces it, so replies never pile up over the article."""
SMALL_SCREEN = (80, 24)
"""Below this many columns or rows a reply shows for at most `SMALL_REPLY_SECONDS`."""
SMALL_REPLY_SECONDS = 2.0


class NewsReaderApp(App[None]):
    """Three-pane news reader over a `Store`."""

    CSS_PATH = "newsreader.tcss"
    TITLE = "newsreader"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = APP_BINDINGS

    def __init__(
        self,
        store: Store,
        config: Config | None = None,
        *,
        import_paths: Iterable[Path] = (),
        show_only_imported: bool = False,
        startup_warnings: Iterable[str] = (),
        clock: Clock = utc_now,
        ui_state_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.clock = clock
        self.ui_state_path = ui_state_path
        self.store = store
        self.config = config or Config()
        self._import_paths = list(import_paths)
        self._show_only_imported = show_only_imported
        self._startup_warnings = list(startup_warnings)
        self._quit_unsaved = False
        self._keymap: dict[str, str] = {}
        self._reply: Notification | None = None
        """The reply to a key on screen now (see `REPLY_SECONDS`), replaced by the next."""

    def on_mount(self) -> None:
        setup_logging()  # errors go to the log file, never onto the screen being drawn
        self._apply_theme()
        self._apply_keymap()
        self.push_screen(
            MainScreen(
                self.store,
                pending_imports=self._import_paths,
                show_only_imported=self._show_only_imported,
                show_quote_pane=self.config.show_quote_pane,
                show_sources_pane=self.config.show_sources_pane,
                mark_read_on_open=self.config.mark_read_on_open,
                clock=self.clock,
                config=self.config,
            )
        )
        warnings = self._startup_warnings
        for warning in warnings[:MAX_STARTUP_WARNINGS]:
            self.notify(warning, title="Config", severity="warning", timeout=10)
        if len(warnings) > MAX_STARTUP_WARNINGS:
            more = len(warnings) - MAX_STARTUP_WARNINGS
            self.notify(
                f"… and {more} more config problems", severity="warning", timeout=10, markup=False
            )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notification; every one is cleaned here and never read as markup.

        Notifications carry paths, URLs and error texts from files and servers: escape
        sequences and credentials in URLs are removed, and markup is never interpreted (the
        app never needs it in a notification), so no caller can forget. A reply to a key
        (information, timeout up to `REPLY_SECONDS`) replaces the previous reply, and on a
        small screen goes sooner.
        """
        text = display_text(str(message))[:MAX_NOTIFICATION_CHARS]
        title = display_text(title)[:80]
        if severity != "information" or timeout is None or timeout > REPLY_SECONDS:
            super().notify(text, title=title, severity=severity, timeout=timeout, markup=False)
            return
        width, height = self.size
        if width < SMALL_SCREEN[0] or height < SMALL_SCREEN[1]:
            timeout = min(timeout, SMALL_REPLY_SECONDS)
        reply = Notification(text, title, severity, timeout, markup=False)
        # call_later posts a message (thread-safe, as notify must be); replies keep their order.
        self.call_later(self._show_reply, reply)

    def _show_reply(self, reply: Notification) -> None:
        if self._reply is not None:
            # Textual 8 has no public way to take one notification down; its toasts call this.
            self._unnotify(self._reply, refresh=False)
        self._reply = reply
        # Added here rather than by a posted `Notify`: replies that come in the same moment (a
        # held key) run before any posted message, and each must find the one it replaces.
        self._notifications.add(reply)
        self._refresh_notifications()

    def on_unmount(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen) and screen.saver.writer is not None:
                screen.saver.writer.close()

    def _apply_theme(self) -> None:
        """The configured theme, else the one chosen last time; remember later choices."""
        remembered = load_ui_state(self.ui_state_path).get("theme") if self.ui_state_path else None
        wanted = self.config.theme or remembered
        problem = theme_problem(self.config.theme, self.available_themes)
        if wanted and wanted in self.available_themes:
            self.theme = wanted
        elif problem:
            self._startup_warnings.append(f"{problem}; using {self.theme!r}")
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: Theme) -> None:
        if self.ui_state_path is not None:
            save_ui_state(self.ui_state_path, {"theme": theme.name})

    def _apply_keymap(self) -> None:
        """Key overrides from the config, by binding id; each one that cannot be applied as
        written (an unknown id, a key another action holds) gets one warning."""
        self._keymap, warnings = resolve_keymap(self.config.keys, binding_groups())
        self._startup_warnings.extend(warnings)
        if self._keymap:
            self.set_keymap(self._keymap)

    def binding_groups(self) -> list[tuple[str, list[BindingType]]]:
        """Every binding with the keys in force, grouped for the help screen and palette."""
        return in_force(binding_groups(), self._keymap)

    async def action_quit(self) -> None:
        """Remember where the open article was left, then quit once every change is saved.

        When the database stays busy (or the disk full) the first `q` says how many changes
        wait; a second `q` quits without them.
        """
        waiting = 0
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.article_view.remember_offset()
                if screen.saver.writer is not None and not self._quit_unsaved:
                    waiting += await asyncio.to_thread(screen.saver.writer.wait, QUIT_WAIT_SECONDS)
        if waiting:
            self._quit_unsaved = True
            self.notify(
                f"{waiting} changes still wait for the database; press q again to quit "
                "without them",
                severity="warning",
                timeout=10,
            )
            return
        self.exit()

    def action_help(self) -> None:
        """Show every key binding."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.binding_groups()))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Our actions in the command palette, beside Textual's own."""
        yield from super().get_system_commands(screen)
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        for heading, bindings in self.binding_groups():
            for binding in bindings:
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                if binding.action in ("quit", "command_palette"):
                    continue
                keys = key_label(binding.key.split(",")[0])
                yield SystemCommand(
                    f"{binding.description} ({keys})",
                    f"{heading}: {binding.description}",
                    partial(self._run_command, binding.action, main, heading),
                )

    async def _run_command(self, action: str, screen: MainScreen | None, heading: str) -> None:
        """Run a palette command where its key works: a pane's own action on that pane of
        the main screen (the palette is a screen of its own: `self.query_one` would look there)."""
        pane: dict[str, type[Widget]] = {
            "Article list": ArticleList,
            "Article view": ArticleView,
            "Sources pane": SourcesPane,
        }
        if screen is not None and heading in pane:
            await screen.query_one(pane[heading]).run_action(action)
        elif screen is not None and heading == EVERYWHERE and not action.startswith("app."):
            await screen.run_action(action)
        else:
            await self.run_action(action.removeprefix("app."))

    @property
    def version(self) -> str:
        """The running version."""
        return __version__
