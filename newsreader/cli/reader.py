"""`newsreader [read] [PATH ...]`: open the three-pane reader (the default command)."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsreader import paths
from newsreader.cli.common import (
    EXIT_OK,
    Subcommands,
    add_command,
    check_paths_exist,
    first_run_samples,
    opened_store,
    read_config,
)


def register(subcommands: Subcommands) -> None:
    """Add `read`, which also runs when no command is named."""
    parser = add_command(
        subcommands,
        "read",
        "open the reader, on PATHs if given (the default command)",
        run_reader,
        description="Open the three-pane reader: everything stored, or only the given files "
        "and folders (each folder is one source).",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="article files or folders to open"
    )


def run_reader(arguments: argparse.Namespace) -> int:
    """Open the reader on everything stored, or on the given paths (imported first)."""
    check_paths_exist(arguments.paths)
    from newsreader.ui.app import NewsReaderApp

    samples = first_run_samples()
    with opened_store() as store:
        config, warnings = read_config()
        requested = [path.resolve() for path in arguments.paths]
        app = NewsReaderApp(
            store,
            config,
            import_paths=requested or samples,
            show_only_imported=bool(requested),
            startup_warnings=warnings,
            ui_state_path=paths.data_dir() / "state.toml",
        )
        app.run()
    return EXIT_OK
