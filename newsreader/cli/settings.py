"""`newsreader config`: where config.toml is, what is wrong in it, or open it in $EDITOR."""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys

from newsreader import paths
from newsreader.cli.common import EXIT_OK, Subcommands, add_command
from newsreader.links import display_text


def register(subcommands: Subcommands) -> None:
    """Add `config`."""
    parser = add_command(
        subcommands,
        "config",
        "check config.toml and print its path; --edit opens it",
        run_config,
        description="The settings file.",
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--path", action="store_true", help="print the path of config.toml")
    group.add_argument("--edit", action="store_true", help="open config.toml in $EDITOR")


def run_config(arguments: argparse.Namespace) -> int:
    """Show where config.toml is, or open it in $EDITOR (creating it with commented defaults)."""
    from newsreader.config import load_config

    path = paths.config_path()
    _, warnings = load_config(path)  # writes the commented defaults on first use
    if arguments.edit:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        return subprocess.call([*shlex.split(editor), str(path)])
    print(path)
    if not arguments.path:
        for warning in warnings:
            print(f"warning: {display_text(warning)}", file=sys.stderr)
    return EXIT_OK
