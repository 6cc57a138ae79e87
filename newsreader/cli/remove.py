"""`newsreader remove ID_OR_URL`: unsubscribe; the source's articles go too."""

from __future__ import annotations

import argparse

from newsreader.cli.common import EXIT_OK, CommandError, Subcommands, add_command, opened_store


def register(subcommands: Subcommands) -> None:
    """Add `remove`."""
    parser = add_command(
        subcommands,
        "remove",
        "unsubscribe (the source's articles go too)",
        run_remove,
        description="Unsubscribe from a source and delete its articles.",
    )
    parser.add_argument("target", metavar="ID_OR_URL")


def run_remove(arguments: argparse.Namespace) -> int:
    """Unsubscribe from the source with this id, URL or path."""
    with opened_store() as store:
        source_id = store.find_source(arguments.target)
        if source_id is None or not store.remove_source(source_id):
            raise CommandError(f"{arguments.target}: no such subscription (see `newsreader feeds`)")
    print(f"Removed subscription {source_id}")
    return EXIT_OK
