"""Handing links to the web browser from the reader (`o`, and a link chosen with `u`).

Which browser and how is decided in `newsreader.browser`: a text-mode one (w3m, lynx,
`www-browser`) runs in this terminal with the app suspended and comes back to it; a graphical
one starts detached, from a worker thread so the UI never waits; with none, the link is copied
and the notification says so. Only http(s) links are ever passed on.
"""

from __future__ import annotations

import logging

from textual.app import SuspendNotSupported
from textual.widget import Widget

from newsreader.browser import (
    BrowserCommand,
    BrowserError,
    browser_command,
    run_in_terminal,
    start_detached,
)
from newsreader.config import Config
from newsreader.links import browser_url, display_text

logger = logging.getLogger(__name__)


def open_in_browser(node: Widget, url: str) -> None:
    """Open an http(s) link in the browser `browser` in config.toml names (or the default).

    Args:
        node: The widget or screen asking (it runs the worker and shows the notifications).
        url: The link, as stored; anything but an http(s) URL is refused with a notification.
    """
    checked = browser_url(url)
    if checked is None:
        node.notify(
            f"Not opened: only http(s) links go to the browser ({display_text(url)[:80]})",
            severity="warning",
            timeout=4,
            markup=False,
        )
        return
    config = getattr(node.app, "config", None)
    setting = config.browser if isinstance(config, Config) else ""
    try:
        command = browser_command(checked, setting)
    except BrowserError as error:
        logger.warning("browser for %s: %s", display_text(checked), error)
        _copy_instead(node, checked, f"{error} — link copied")
        return
    if command is None:
        _copy_instead(node, checked, "No browser found — link copied")
    elif command.in_terminal:
        _run_suspended(node, command, checked)
    else:
        node.notify(f"Opening {display_text(checked)[:80]}", timeout=2, markup=False)
        node.run_worker(
            lambda: _start(node, command, checked),
            thread=True,
            exit_on_error=False,
            group="browser",
        )


def _run_suspended(node: Widget, command: BrowserCommand, url: str) -> None:
    """Give the terminal to a text-mode browser until it exits, then draw the app again."""
    failure: OSError | None = None
    try:
        with node.app.suspend():
            # Caught inside: an exception leaving `suspend()` would skip the app's resume.
            try:
                status = run_in_terminal(command)
            except OSError as error:
                failure = error
    except SuspendNotSupported:
        _copy_instead(
            node, url, f"{command.name} needs a terminal this app cannot lend — link copied"
        )
        return
    if failure is not None:
        logger.warning("starting %s failed", command.name, exc_info=failure)
        _copy_instead(node, url, f"{command.name} could not start ({failure}) — link copied")
    elif status != 0:
        logger.info("%s exited with status %s", command.name, status)
        node.notify(
            f"{command.name} exited with status {status}",
            severity="warning",
            timeout=4,
            markup=False,
        )


def _start(node: Widget, command: BrowserCommand, url: str) -> None:
    """Start a graphical browser (in a worker thread: it may take a moment to spawn)."""
    try:
        start_detached(command)
    except OSError as error:
        logger.warning("starting %s failed", command.name, exc_info=error)
        message = f"{command.name} could not start ({error}) — link copied"
        node.app.call_from_thread(_copy_instead, node, url, message)


def _copy_instead(node: Widget, url: str, message: str) -> None:
    """Put the link on the clipboard and say why it was not opened."""
    node.app.copy_to_clipboard(url)
    node.notify(message, severity="warning", timeout=6, markup=False)
