"""`newsreader index`: quote analysis for every article waiting for it, on all cores."""

from __future__ import annotations

import argparse
import sys

from newsreader.cli.common import EXIT_OK, Subcommands, add_command, opened_store


def register(subcommands: Subcommands) -> None:
    """Add `index`."""
    parser = add_command(
        subcommands,
        "index",
        "find the quotes of every article not yet analysed",
        run_index,
        description="Find the quotes and speakers of every article not yet analysed by this "
        "version of the extractor (the app does this in the background).",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--workers", type=int, default=None, help="processes (default: cores)")


def run_index(arguments: argparse.Namespace) -> int:
    """Run quote analysis over every article waiting for it, with a progress bar."""
    from newsreader.services.indexing import index_quotes
    from newsreader.versions import EXTRACTOR_VERSION

    with opened_store() as store:
        total = store.pending_index_count(EXTRACTOR_VERSION)
        if total == 0:
            print("every article is analysed", file=sys.stderr)
            return EXIT_OK
        if not arguments.quiet and sys.stderr.isatty():
            from rich.progress import Progress

            with Progress(transient=True) as bar:
                task = bar.add_task("Finding quotes", total=total)
                summary = index_quotes(
                    store,
                    workers=arguments.workers,
                    progress=lambda done, _total: bar.update(task, completed=done),
                )
        else:
            summary = index_quotes(store, workers=arguments.workers)
    failed = f"; {summary.failed:,} failed (see the log)" if summary.failed else ""
    plural = "s" if summary.indexed != 1 else ""
    print(f"analysed {summary.indexed:,} article{plural}{failed}", file=sys.stderr)
    return EXIT_OK
