"""The `newsreader` command: one argparse parser with a subcommand per module.

    newsreader [PATH ...]          open the reader (`read` is the default command)
    newsreader COMMAND [ARGS]      see `newsreader --help` for every command, one line each

Adding a subcommand is one new module plus one line here:

1. Write `newsreader/cli/NAME.py` with `register(subcommands)`, which calls
   `common.add_command(subcommands, "name", "one-line summary", run_name)` and adds its
   arguments to the parser it returns, and `run_name(arguments) -> int` (the exit code).
   Open the database with `with common.opened_store() as store:`, read settings with
   `common.load_settings()`, end with a one-line failure by raising `common.CommandError`
   (exit 1, or `EXIT_USAGE` = 2 for what the user named wrong). Import anything heavy
   inside `run_name`, so the other commands start fast; never textual, and rich only
   inside functions that draw on a terminal.
2. Add `"NAME"` to `COMMAND_MODULES` below (its place is its place in `--help`).

`main` does the rest once for every command: `--verbose`, logging, exit codes, a pipe
closed early (`newsreader list | head`), database errors and the unexpected (one line
pointing at the log, never a traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import importlib
import logging
import os
import sqlite3
import sys
from collections.abc import Sequence

from newsreader import __version__, paths
from newsreader.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    GLOBAL_FLAGS,
    VERBOSE_HELP,
    CommandError,
    error,
)

COMMAND_MODULES = (
    "reader",
    "listing",
    "search",
    "show",
    "extract",
    "index",
    "quotes",
    "settings",
    "add",
    "remove",
    "feeds",
    "feed",
    "refresh",
    "sync",
    "opml",
)
"""The modules under `newsreader.cli` that add subcommands, in `--help` order."""
DEFAULT_COMMAND = "read"
"""What `newsreader` and `newsreader PATH ...` run."""

logger = logging.getLogger(__name__)


def build_parser() -> tuple[argparse.ArgumentParser, list[str]]:
    """The whole command line (global options and one subparser per command) and its commands."""
    parser = argparse.ArgumentParser(
        prog="newsreader",
        description="A terminal news reader that shows who said what. With no command, or "
        "with files and folders, it opens the reader.",
        epilog="`newsreader COMMAND --help` describes a command's options.",
        formatter_class=_OneLineEach,
    )
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    parser.add_argument(*GLOBAL_FLAGS, action="store_true", help=VERBOSE_HELP)
    subcommands = parser.add_subparsers(
        dest="command", metavar="COMMAND", title="commands", required=True
    )
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(subcommands)
    return parser, list(subcommands.choices)


class _OneLineEach(argparse.HelpFormatter):
    """Help with room for the longest command name, so each summary keeps its own line."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=24)

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        # argparse measures subcommand names without the indent they are printed with,
        # which puts the longest (`export-quotes`) alone on its line: measure them indented.
        for subaction in self._iter_indented_subactions(action):
            width = len(self._format_action_invocation(subaction)) + self._current_indent
            self._action_max_length = max(self._action_max_length, width)


def with_default_command(arguments: Sequence[str], commands: Sequence[str]) -> list[str]:
    """`arguments` with `read` put in front of the paths when no command is named.

    A first word that is a command's name is that command (`./list` opens a file so named).
    """
    for index, word in enumerate(arguments):
        if word in GLOBAL_FLAGS:
            continue
        if word in commands or word in ("-h", "--help", "--version"):
            return list(arguments)
        return [*arguments[:index], DEFAULT_COMMAND, *arguments[index:]]
    return [*arguments, DEFAULT_COMMAND]


def unknown_command(arguments: Sequence[str], commands: Sequence[str]) -> str | None:
    """The line for a first word that is neither a command nor a path but looks like a
    command (no slash, no dot: `newsreader bogus`), naming the closest commands; else None."""
    word = next((word for word in arguments if word not in GLOBAL_FLAGS), None)
    if word is None or word in commands or word.startswith("-"):
        return None
    if "/" in word or "." in word or os.sep in word or os.path.lexists(word):
        return None
    close = difflib.get_close_matches(word, commands, n=3, cutoff=0.5)
    if close:
        return f"unknown command {word!r}; did you mean {' or '.join(close)}?"
    return f"unknown command {word!r} (commands: {', '.join(commands)})"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    An error nobody expected ends the command with one line pointing at the log, where the
    traceback is, never with the traceback on the terminal.
    """
    parser, commands = build_parser()
    given = list(sys.argv[1:] if argv is None else argv)
    mistyped = unknown_command(given, commands)
    if mistyped is not None:
        error(mistyped)
        return EXIT_USAGE
    arguments = parser.parse_args(with_default_command(given, commands))
    from newsreader.logs import setup_logging

    log_file = setup_logging(verbose=arguments.verbose)
    try:
        code: int = arguments.run(arguments)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return code
    except CommandError as failure:
        logger.warning("newsreader %s: %s", arguments.command, failure, exc_info=failure.__cause__)
        error(str(failure))
        return failure.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`newsreader list | head`): not an error. Point
        # stdout at /dev/null so the interpreter's final flush does not complain either.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except sqlite3.Error as failure:  # read-only, full, locked: say which, never a traceback
        from newsreader.store.open_errors import describe_open_error

        logger.exception("newsreader %s failed", arguments.command)
        error(describe_open_error(str(paths.database_path()), failure))
        return EXIT_ERROR
    except Exception as failure:
        logger.exception("newsreader %s: unexpected error", arguments.command)
        error(f"unexpected {type(failure).__name__}: {failure} (details in {log_file})")
        return EXIT_ERROR
