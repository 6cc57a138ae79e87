"""Which web browser opens a link, and how: in this terminal, or detached in the desktop.

The choice, first that applies:

1. `browser` in config.toml, newsboat's convention: `browser = "w3m %u"` (`%u` is the URL;
   without it the URL goes last).
2. `$BROWSER`, the convention other terminal programs follow: browsers separated by `:`,
   `%s` for the URL; the first one installed is used.
3. With a desktop session (`$DISPLAY`, `$WAYLAND_DISPLAY`, or macOS): `xdg-open` / `open`.
4. A text-mode browser: `www-browser` (Debian's choice), `w3m`, `lynx`, `elinks`, `links`.

The command is split like a shell would (`shlex`) and the URL put in its argument afterwards,
so it is never read by a shell. Only http(s) URLs that cannot be read as an option are
passed on (`newsreader.links.browser_url`). A text-mode browser needs the terminal: the app
suspends itself while it runs (`BrowserCommand.in_terminal`); any other is started detached,
in its own session, so closing the reader does not close it. No textual import.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath

from newsreader.links import browser_url

TEXT_BROWSERS = frozenset(
    {"www-browser", "w3m", "lynx", "elinks", "links", "links2", "browsh", "carbonyl"}
)
"""Browsers that draw in the terminal, by program name: they run with the app suspended."""
FALLBACK_TEXT_BROWSERS = ("www-browser", "w3m", "lynx", "elinks", "links")
"""Tried in turn when nothing is configured and there is no desktop session."""
URL_PLACEHOLDER = "%u"
"""Where the URL goes in the `browser` setting (newsboat's convention)."""
BROWSER_ENV_PLACEHOLDER = "%s"
"""Where the URL goes in an entry of `$BROWSER`."""


class BrowserError(Exception):
    """A configured browser that cannot be used as written (the message says why)."""


@dataclass(frozen=True, slots=True)
class BrowserCommand:
    """A browser ready to open one URL."""

    argv: tuple[str, ...]
    """The program (its full path) and its arguments, the URL among them; run without a
    shell."""
    in_terminal: bool
    """True for a text-mode browser, which takes over the terminal until it exits."""

    @property
    def name(self) -> str:
        """The program's name, for messages (`w3m`, `firefox`)."""
        return PurePath(self.argv[0]).name


def browser_command(
    url: str, setting: str = "", environ: Mapping[str, str] | None = None
) -> BrowserCommand | None:
    """The command that opens `url`, or None when no browser is found.

    Args:
        url: The link; it must be an http(s) URL `browser_url` accepts.
        setting: `browser` from config.toml (empty: not set).
        environ: The environment to read `$BROWSER`, `$DISPLAY` and `$PATH` from (default:
            this process's).

    Raises:
        ValueError: `url` is not a link that may be passed to a browser.
        BrowserError: the setting cannot be split, or names a program not on `$PATH`.
    """
    checked = browser_url(url)
    if checked is None:
        raise ValueError(f"not an http(s) link: {url[:80]!r}")
    env = os.environ if environ is None else environ
    search_path = env.get("PATH", os.defpath)
    if setting.strip():
        argv = _command_argv(setting, checked, URL_PLACEHOLDER, "browser")
        command = _installed(argv, search_path)
        if command is None:
            raise BrowserError(f"browser `{argv[0]}` (config.toml) is not installed or not on PATH")
        return command
    candidates = [
        _command_argv(entry, checked, BROWSER_ENV_PLACEHOLDER, "$BROWSER")
        for entry in env.get("BROWSER", "").split(os.pathsep)
        if entry.strip()
    ]
    candidates += [[program, checked] for program in _default_programs(env)]
    for argv in candidates:
        command = _installed(argv, search_path)
        if command is not None:
            return command
    return None


def _command_argv(template: str, url: str, placeholder: str, where: str) -> list[str]:
    """`template` split into argv, the URL put where the placeholder is (or last)."""
    try:
        parts = shlex.split(template)
    except ValueError as error:
        raise BrowserError(f"{where} ({template}) cannot be read: {error}") from error
    if not parts:
        raise BrowserError(f"{where} is empty")
    if any(placeholder in part for part in parts):
        return [part.replace(placeholder, url) for part in parts]
    return [*parts, url]


def _installed(argv: list[str], search_path: str) -> BrowserCommand | None:
    """The command with its program found on `search_path`, or None when it is not there."""
    program = shutil.which(argv[0], path=search_path)
    if program is None:
        return None
    in_terminal = PurePath(argv[0]).name in TEXT_BROWSERS
    return BrowserCommand((program, *argv[1:]), in_terminal)


def _default_programs(env: Mapping[str, str]) -> tuple[str, ...]:
    """Desktop openers when there is a desktop session, then the text-mode browsers."""
    if sys.platform == "darwin":
        return ("open", *FALLBACK_TEXT_BROWSERS)
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return ("xdg-open", *FALLBACK_TEXT_BROWSERS)
    return FALLBACK_TEXT_BROWSERS


def run_in_terminal(command: BrowserCommand) -> int:
    """Run a text-mode browser in this terminal until it exits (call with the app suspended).

    Returns:
        The browser's exit status.

    Raises:
        OSError: the program could not be started.
    """
    return subprocess.call(list(command.argv))


def start_detached(command: BrowserCommand) -> None:
    """Start a graphical browser in its own session, without its output, and do not wait.

    Raises:
        OSError: the program could not be started.
    """
    subprocess.Popen(
        list(command.argv),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        close_fds=True,
    )
