"""Choosing and starting the browser, with fake browsers that record their argv."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from newsreader.browser import (
    BrowserError,
    browser_command,
    run_in_terminal,
    start_detached,
)

URL = "https://example.test/story?id=1&q=$(touch%20pwned);x=`id`"


def fake_browser(folder: Path, name: str) -> Path:
    """A program called `name` that writes its arguments to `name.argv` beside it."""
    folder.mkdir(exist_ok=True)
    program = folder / name
    program.write_text(
        "#!/usr/bin/env python3\n"
        "import json, pathlib, sys\n"
        "out = pathlib.Path(sys.argv[0]).with_suffix('.argv')\n"
        "out.write_text(json.dumps(sys.argv[1:]))\n"
    )
    program.chmod(0o755)
    return program


def recorded(program: Path) -> list[str]:
    return list(json.loads(program.with_suffix(".argv").read_text()))


def test_a_text_browser_from_the_setting_runs_in_the_terminal_with_the_url_as_one_argument(
    tmp_path: Path,
) -> None:
    w3m = fake_browser(tmp_path / "bin", "w3m")
    command = browser_command(URL, f"{w3m} -o confirm_qq=0 %u", {"PATH": str(tmp_path / "bin")})
    assert command is not None and command.in_terminal and command.name == "w3m"
    assert run_in_terminal(command) == 0
    assert recorded(w3m) == ["-o", "confirm_qq=0", URL]  # no shell ever read the URL
    assert not (tmp_path / "pwned").exists()


def test_without_a_placeholder_the_url_goes_last(tmp_path: Path) -> None:
    fake_browser(tmp_path / "bin", "lynx")
    command = browser_command(URL, "lynx -accept_all_cookies", {"PATH": str(tmp_path / "bin")})
    assert command is not None and command.argv[1:] == ("-accept_all_cookies", URL)
    assert command.name == "lynx"


@pytest.mark.parametrize(
    "link",
    [
        "-dump https://example.test/",
        "--version",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html,hi",
        "/relative/path",
    ],
)
def test_links_that_are_not_http_or_look_like_options_are_never_passed_on(
    tmp_path: Path, link: str
) -> None:
    fake_browser(tmp_path / "bin", "w3m")
    with pytest.raises(ValueError):
        browser_command(link, "w3m %u", {"PATH": str(tmp_path / "bin")})


def test_browser_variable_takes_the_first_installed_entry(tmp_path: Path) -> None:
    fake_browser(tmp_path / "bin", "elinks")
    environ = {"PATH": str(tmp_path / "bin"), "BROWSER": "no-such-browser:elinks -remote %s"}
    command = browser_command(URL, "", environ)
    assert command is not None and command.argv[1:] == ("-remote", URL)
    assert command.name == "elinks" and command.in_terminal


def test_without_a_desktop_a_text_browser_is_found_and_with_none_there_is_none(
    tmp_path: Path,
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert browser_command(URL, "", {"PATH": str(empty)}) is None
    fake_browser(tmp_path / "bin", "www-browser")
    command = browser_command(URL, "", {"PATH": str(tmp_path / "bin")})
    assert command is not None and command.name == "www-browser" and command.in_terminal
    assert command.argv[1:] == (URL,)


def test_a_desktop_browser_starts_detached(tmp_path: Path) -> None:
    opener = fake_browser(tmp_path / "bin", "xdg-open")
    command = browser_command(URL, "", {"PATH": str(tmp_path / "bin"), "DISPLAY": ":0"})
    assert command is not None and not command.in_terminal
    start_detached(command)
    argv_file = opener.with_suffix(".argv")
    for _ in range(500):  # it runs on its own; wait for what it wrote, not for a time
        if argv_file.exists() and argv_file.read_text():
            break
        time.sleep(0.02)
    assert recorded(opener) == [URL]


def test_a_configured_browser_that_is_missing_or_unreadable_says_so(tmp_path: Path) -> None:
    with pytest.raises(BrowserError, match="not installed"):
        browser_command(URL, "no-such-browser %u", {"PATH": str(tmp_path)})
    with pytest.raises(BrowserError, match="cannot be read"):
        browser_command(URL, "w3m 'unclosed %u", {"PATH": str(tmp_path)})
