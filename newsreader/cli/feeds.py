"""`newsreader feeds`: the subscriptions with unread counts, last refresh and last error."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from typing import TYPE_CHECKING

from newsreader.cli.common import EXIT_OK, Subcommands, add_command, load_settings, opened_store
from newsreader.links import display_text

if TYPE_CHECKING:
    from newsreader.store.feeds import FeedListing

FEED_HEADINGS = [
    "id", "title", "url", "unread", "last refresh", "last success", "last error", "settings"
]  # fmt: skip
"""The columns of the table, in order."""


def register(subcommands: Subcommands) -> None:
    """Add `feeds`."""
    add_command(
        subcommands,
        "feeds",
        "list subscriptions: unread, last refresh and success, error",
        run_feeds,
        description="List subscriptions with unread counts and last refresh. A table on a "
        "terminal, tab-separated columns with a heading line otherwise.",
    )


def run_feeds(arguments: argparse.Namespace) -> int:
    """Print the subscriptions as a table (rich on a terminal, plain text otherwise)."""
    from newsreader.rules.feeds import hidden_condition
    from newsreader.services.feed_settings import settings_summary
    from newsreader.store.pages import kept_summary_line

    hidden = hidden_condition(load_settings().ignores)
    with opened_store() as store:
        settings = store.all_feed_settings()
        # Articles the killfile hides never count as unread.
        unread = {source.id: source.unread_count for source in store.sources(hidden)}
        page_failures = {
            source_id: kept_summary_line(store.page_errors(source_id))
            for source_id in store.page_failures()
        }
        rows = [
            [
                *_feed_columns(
                    replace(feed, unread_count=unread.get(feed.id, 0)), page_failures.get(feed.id)
                ),
                display_text(settings_summary(settings.get(feed.id))),
            ]
            for feed in store.feed_listing()
        ]
    if not sys.stdout.isatty():
        _print_plain_table(rows)
    elif rows:
        _print_rich_table(rows)
    else:
        print("No subscriptions yet: `newsreader add URL` or `newsreader import FILE.opml`.")
    return EXIT_OK


def _when(seconds: int | None) -> str:
    if not seconds:
        return "never"
    try:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds))
    except (OverflowError, OSError, ValueError):
        return "unknown"  # a stored time this platform cannot convert


def _feed_columns(feed: FeedListing, page_failures: str | None = None) -> list[str]:
    """The listing's columns; `page_failures` (entries whose page failed, each reason
    counted: full text) joins the error column."""
    error = feed.last_error or ""
    if page_failures:
        error = f"{error}; {page_failures}" if error else page_failures
    return [
        str(feed.id),
        display_text(feed.title),
        display_text(feed.location),
        str(feed.unread_count),
        _when(feed.refreshed_at),
        _when(feed.succeeded_at),
        display_text(error),
    ]


def _print_plain_table(rows: list[list[str]]) -> None:
    """Tab-separated columns with a heading line: easy to read and to cut/awk."""
    for row in [FEED_HEADINGS, *rows]:
        print("\t".join(row))


def _print_rich_table(rows: list[list[str]]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(*FEED_HEADINGS, header_style="bold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))  # untrusted text, never markup
    Console().print(table)
