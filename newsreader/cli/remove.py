"""`newsreader remove ID_OR_URL`: unsubscribe; the source's articles go too."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from newsreader.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    Subcommands,
    add_command,
    load_settings,
    opened_store,
)

if TYPE_CHECKING:
    from newsreader.store import Store


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
    """Unsubscribe from the source with this id, URL or path (on the sync server too, when
    it came from there)."""
    with opened_store() as store:
        source_id = store.find_source(arguments.target)
        missing = CommandError(
            f"{arguments.target}: no such subscription (see `newsreader feeds`)", EXIT_USAGE
        )
        if source_id is None:
            raise missing
        if _unsubscribed_on_server(store, source_id):
            print(f"Removed subscription {source_id} (on the sync server too)")
            return EXIT_OK
        if not store.remove_source(source_id):
            raise missing
    print(f"Removed subscription {source_id}")
    return EXIT_OK


def _unsubscribed_on_server(store: Store, source_id: int) -> bool:
    """Unsubscribe a synced source on the server and here; False for any other source.

    Raises:
        CommandError: the server cannot be reached or refused; the source stays.
    """
    from newsreader import paths
    from newsreader.sync import SyncError
    from newsreader.sync.remote import unsubscribe_on_server

    settings = load_settings().sync
    if not settings.configured:
        return False
    try:
        return unsubscribe_on_server(store, settings, str(paths.config_path()), source_id)
    except SyncError as failure:
        raise CommandError(f"{failure}; the subscription was kept") from failure
