"""`newsreader config`: where config.toml is, what is wrong in it, or open it in $EDITOR."""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from newsreader import paths
from newsreader.cli.common import EXIT_ERROR, EXIT_OK, CommandError, Subcommands, add_command
from newsreader.links import display_text


def register(subcommands: Subcommands) -> None:
    """Add `config`."""
    parser = add_command(
        subcommands,
        "config",
        "check config.toml and print its path; --edit opens it",
        run_config,
        description="Print where config.toml is and check it as the app does (values, "
        "theme, keys); exits 1 when something in it is wrong, with one line each.",
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--path", action="store_true", help="print the path of config.toml")
    group.add_argument("--edit", action="store_true", help="open config.toml in $EDITOR")


def run_config(arguments: argparse.Namespace) -> int:
    """Show where config.toml is, or open it in $EDITOR (creating it with commented defaults)."""
    from newsreader.config import load_config

    path = paths.config_path()
    config, warnings = load_config(path)  # writes the commented defaults on first use
    if arguments.edit:
        return subprocess.call([*editor_command(path), str(path)])
    print(path)
    if arguments.path:
        return EXIT_OK
    from newsreader.ui.keys import config_problems  # the app's own checks: themes, keys

    warnings += config_problems(config)
    for warning in warnings:
        print(f"warning: {display_text(warning)}", file=sys.stderr)
    return EXIT_ERROR if warnings else EXIT_OK


FALLBACK_EDITORS = ("editor", "nano", "vi")
"""Tried in turn when neither $VISUAL nor $EDITOR is set (`editor` is Debian's choice)."""


def editor_command(path: Path) -> list[str]:
    """The editor's argv from $VISUAL or $EDITOR (split as a shell would, never run by one).

    Raises:
        CommandError: when the variable names no program on PATH, or none is set and no
            fallback editor is installed; the line says which and where the file is.
    """
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if not value:
            continue
        try:
            argv = shlex.split(value)
        except ValueError as failure:
            raise CommandError(f"${variable} ({value}) cannot be read: {failure}") from failure
        if not argv or shutil.which(argv[0]) is None:
            raise CommandError(
                f"${variable} is `{value}`, which is not a program on PATH; "
                f"set it to your editor or edit {path} yourself"
            )
        return argv
    for fallback in FALLBACK_EDITORS:
        if shutil.which(fallback):
            return [fallback]
    raise CommandError(
        f"no editor: $EDITOR is not set and none of {', '.join(FALLBACK_EDITORS)} is "
        f"installed; set $EDITOR or edit {path} yourself"
    )
