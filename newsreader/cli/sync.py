"""`newsreader sync`: sync once with the account in config.toml's `[sync]`, with a progress bar."""

from __future__ import annotations

import argparse
import sys
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
    from newsreader.sync import Syncer, SyncReport


def register(subcommands: Subcommands) -> None:
    """Add `sync`."""
    parser = add_command(
        subcommands,
        "sync",
        "sync with a FreshRSS (Google Reader API) account",
        run_sync,
        description="Sync once with the account set in config.toml under [sync] (FreshRSS, "
        "Miniflux, Inoreader, The Old Reader...): subscriptions and folders and the newest "
        "articles come from the server; read and starred changes go both ways (changes made "
        "offline wait in the database for the next sync).",
    )
    parser.add_argument("--quiet", action="store_true", help="print only failures")


def run_sync(arguments: argparse.Namespace) -> int:
    """Sync; exit 1 with one line when the server cannot be used (nothing here is lost)."""
    from newsreader import paths
    from newsreader.sync import NotConfigured, SyncError, syncer_for

    config = load_settings()
    where = str(paths.config_path())
    with opened_store() as store:
        try:
            syncer = syncer_for(store, config.sync, where)
            with syncer.client:
                if sys.stdout.isatty() and not arguments.quiet:
                    report = _sync_with_progress_bar(syncer)
                else:
                    report = syncer.sync()
        except NotConfigured as failure:
            raise CommandError(str(failure), EXIT_USAGE) from failure
        except SyncError as failure:
            waiting = store.pending_count()
            queued = f"; {waiting} changes made here wait for the next sync" if waiting else ""
            raise CommandError(f"{failure}{queued}") from failure
    if not arguments.quiet:
        print(report.summary())
    return EXIT_OK


def _sync_with_progress_bar(syncer: Syncer) -> SyncReport:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("Syncing {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def advance(done: int, total: int, what: str) -> None:
            bar.update(task, description=what, completed=done, total=total or None)

        return syncer.sync(advance)


def add_on_server(store: Store, url: str, title: str | None) -> int | None:
    """`add URL` with a sync account: subscribe on the server and sync; the exit code.

    Returns:
        None when no account is set (the caller subscribes here as usual).

    Raises:
        CommandError: the server refused or cannot be reached; nothing was added.
    """
    from newsreader import paths
    from newsreader.links import display_text
    from newsreader.sync import SyncError
    from newsreader.sync.remote import subscribe_on_server

    settings = load_settings(report=False).sync
    if not settings.configured:
        return None
    try:
        source_id, report = subscribe_on_server(
            store, settings, str(paths.config_path()), url, title
        )
    except SyncError as failure:
        raise CommandError(f"{failure}; `--local` subscribes on this machine only") from failure
    where = f" (id {source_id})" if source_id is not None else ""
    print(f"Subscribed on the sync server{where}: {display_text(url)} — {report.summary()}")
    return EXIT_OK
