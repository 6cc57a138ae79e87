"""What every command shares: exit codes, the one error line, the store and the settings.

A command reports a failure by raising `CommandError`; `newsreader.cli.main` prints its one
line (`newsreader: ...` on stderr) and exits with its code. No textual or rich import here.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from newsreader import paths
from newsreader.links import display_text

if TYPE_CHECKING:
    from newsreader.config import Config
    from newsreader.store import Store

logger = logging.getLogger(__name__)

EXIT_OK = 0
"""The command did what it was asked."""
EXIT_ERROR = 1
"""Something failed (a store that cannot be opened, a fetch, a write); the line says what."""
EXIT_USAGE = 2
"""The arguments name something that is not there (argparse uses 2 for bad syntax too)."""

GLOBAL_FLAGS = ("-v", "--verbose")
"""Options every command takes, before or after its name."""
VERBOSE_HELP = "also print what goes to the log file on stderr"

Run = Callable[[argparse.Namespace], int]
"""A command's body: the parsed arguments in, the exit code out."""
Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
"""What `newsreader.cli.build_parser` hands each command module's `register`."""


class CommandError(Exception):
    """A failure that ends the command with one line on stderr and an exit code."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def error(message: str) -> None:
    """Print one `newsreader: MESSAGE` line on stderr, with terminal escapes made harmless."""
    print(f"newsreader: {display_text(message)}", file=sys.stderr)


def add_command(
    subcommands: Subcommands,
    name: str,
    summary: str,
    run: Run,
    description: str | None = None,
) -> argparse.ArgumentParser:
    """Add the subcommand `name` that runs `run`.

    Args:
        subcommands: what `newsreader.cli.build_parser` hands each module's `register`.
        name: the word typed after `newsreader`.
        summary: the one line `newsreader --help` shows for it: at most 58 characters, so it
            stays one line at 80 columns (a test holds every command to that).
        run: called with the parsed arguments; returns the exit code.
        description: the longer text of `newsreader NAME --help` (default: `summary`).

    Returns:
        The subcommand's parser, to add its arguments to.
    """
    parser = subcommands.add_parser(name, help=summary, description=description or summary)
    parser.set_defaults(run=run)
    # SUPPRESS: given before the command's name, the flag is not reset by the subparser.
    parser.add_argument(*GLOBAL_FLAGS, action="store_true", default=argparse.SUPPRESS,
                        help=VERBOSE_HELP)  # fmt: skip
    return parser


@contextlib.contextmanager
def opened_store() -> Iterator[Store]:
    """The user's database, open for the `with` block and closed after it.

    Raises:
        CommandError: when it cannot be opened (the message says why: newer schema, corrupt,
            read-only, locked).
    """
    from newsreader.store import Store, StoreError

    try:
        store = Store(paths.database_path())
    except StoreError as failure:
        raise CommandError(str(failure)) from failure
    try:
        yield store
    finally:
        store.close()


def read_config() -> tuple[Config, list[str]]:
    """The user's config.toml (written with commented defaults on first use) and its warnings.

    A config folder this user cannot open (another user's home, a read-only mount) is one
    warning, and the defaults apply.
    """
    from newsreader.config import Config, load_config

    try:
        path = paths.config_path()
    except OSError as failure:
        logger.warning("cannot open the config folder", exc_info=failure)
        return Config(), [f"cannot open the config folder ({failure}); using the defaults"]
    return load_config(path)


def load_settings(*, report: bool = True) -> Config:
    """The user's config.toml (written with commented defaults on first use).

    Args:
        report: print each warning (`file:line: what is wrong`) on stderr.
    """
    config, warnings = read_config()
    if report:
        for warning in warnings:
            error(warning)
    return config


def check_paths_exist(candidates: Sequence[Path]) -> None:
    """Print one line for each path that does not exist.

    Raises:
        CommandError: (exit 2) when any is missing; its lines are already printed.
    """
    missing = [path for path in candidates if not path.exists()]
    for path in missing[:-1]:
        error(f"{path}: no such file or folder")
    if missing:
        raise CommandError(f"{missing[-1]}: no such file or folder", EXIT_USAGE)


def first_run_samples() -> list[Path]:
    """The bundled samples to import, when this run is about to create the database.

    Asked before the store is opened: only a truly first run gets them, so removing them
    (`newsreader remove ID`) sticks even when no other source is left.
    """
    return [] if paths.database_path().exists() else [paths.bundled_samples()]


def say_quotes_pending(store: Store) -> None:
    """One line on stderr when articles still wait for quote analysis."""
    from newsreader.versions import EXTRACTOR_VERSION

    pending = store.pending_index_count(EXTRACTOR_VERSION)
    if pending:
        error(
            f"{pending:,} article{'s' if pending != 1 else ''} still waiting for quote analysis "
            "(their quotes are missing here); `newsreader index` runs it now"
        )
