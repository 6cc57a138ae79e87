"""`newsreader refresh`: fetch every feed and rescan local sources, with a progress bar."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    Subcommands,
    add_command,
    load_settings,
    opened_store,
)
from newsreader.links import display_text
from newsreader.text import plural

if TYPE_CHECKING:
    from newsreader.config import Config
    from newsreader.sources.refresh import RefreshSummary


def register(subcommands: Subcommands) -> None:
    """Add `refresh`."""
    parser = add_command(
        subcommands,
        "refresh",
        "fetch every feed and rescan local sources",
        run_refresh,
        description="Fetch every feed and rescan local sources. Exits 1 when every source "
        "failed, or every web feed did (offline).",
    )
    parser.add_argument("--quiet", action="store_true", help="print only failures")


def run_refresh(arguments: argparse.Namespace) -> int:
    """Refresh everything; exit 1 when every source, or every web feed, failed."""
    from newsreader.sources.refresh import refresh_sources
    from newsreader.store.feeds import FEED_KIND

    with opened_store() as store:
        database = store.path
        web_feeds = {feed.id for feed in store.feed_listing() if feed.kind == FEED_KIND}
        paused = sorted(i for i, own in store.all_feed_settings().items() if own.paused)
    assert database is not None
    config = load_settings()
    if sys.stdout.isatty() and not arguments.quiet:
        summary = _refresh_with_progress_bar(database, config)
    else:
        summary = refresh_sources(database, None, config)
    _print_summary(summary, paused, quiet=arguments.quiet)
    web = [outcome for outcome in summary.outcomes if outcome.source_id in web_feeds]
    if web and all(outcome.failed for outcome in web):
        print(f"Every web feed failed ({len(web)}): is this machine offline?", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_ERROR if summary.all_failed else EXIT_OK


def _refresh_with_progress_bar(database: Path, config: Config) -> RefreshSummary:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from newsreader.sources.refresh import FeedOutcome, refresh_sources

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), transient=True
    ) as bar:
        task = bar.add_task("Refreshing", total=None)

        def advance(outcome: FeedOutcome, finished: int, total: int) -> None:
            bar.update(task, completed=finished, total=total, description="Refreshing")

        def advance_pages(outcome: FeedOutcome, done: int, wanted: int) -> None:
            # A full-text feed's pages are fetched after its entries are saved.
            title = display_text(outcome.title)[:40]
            bar.update(task, description=f"Refreshing ({title}: pages {done}/{wanted})")

        return refresh_sources(database, None, config, advance, page_progress=advance_pages)


def _print_summary(summary: RefreshSummary, paused: Sequence[int], *, quiet: bool) -> None:
    """The failures, then one line of counts; `paused`: the ids of the feeds left out."""
    from newsreader.logs import log_path
    from newsreader.sources.refresh import OutcomeKind
    from newsreader.store.pages import kept_summary_line

    for outcome in summary.outcomes:
        if outcome.failed or outcome.kind is OutcomeKind.DEFERRED:
            where = f"{display_text(outcome.title)} ({display_text(outcome.location)})"
            print(f"  {where}: {display_text(outcome.error or 'failed')}")
        elif outcome.moved_to and not quiet:
            print(f"  {display_text(outcome.title)}: moved to {display_text(outcome.moved_to)}")
        if outcome.page_errors:
            kept = kept_summary_line(outcome.page_errors)
            print(f"  {display_text(outcome.title)}: {display_text(kept)}")
    if any("details in the log" in (outcome.error or "") for outcome in summary.failures):
        print(f"  (the log is {display_text(str(log_path()))})")
    if quiet:
        return
    updated = sum(outcome.updated for outcome in summary.outcomes)
    failed = len(summary.failures)
    pages = sum(outcome.pages for outcome in summary.outcomes)
    full_text = f", {pages} with their page's full text" if pages else ""
    left_out = ""
    if paused:
        which = str(paused[0]) if len(paused) == 1 else "ID"
        ids = "" if len(paused) == 1 else f"ids {', '.join(map(str, paused))}: "
        left_out = f", {len(paused)} paused ({ids}newsreader feed {which} --set paused=off)"
    print(
        f"{plural(len(summary.outcomes), 'source')}: {plural(summary.added, 'new article')}"
        f"{full_text}, {updated} updated, {failed} failed{left_out}."
    )
