"""`newsreader import FILE.opml` and `newsreader export`: subscriptions in and out as OPML."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    Subcommands,
    add_command,
    error,
    opened_store,
)
from newsreader.links import display_text

if TYPE_CHECKING:
    from newsreader.store.feeds import NewSubscription


def register(subcommands: Subcommands) -> None:
    """Add `import` and `export`."""
    import_ = add_command(
        subcommands,
        "import",
        "subscribe to every feed in an OPML file",
        run_import,
        description="Subscribe to every web feed in an OPML file (local paths are refused).",
    )
    import_.add_argument("file", type=Path, metavar="FILE.opml")
    add_command(subcommands, "export", "print the subscriptions as OPML 2.0", run_export)


def run_import(arguments: argparse.Namespace) -> int:
    """Subscribe to every web feed of an OPML file (duplicates and known feeds are skipped).

    Only http(s) URLs are taken: a file never adds a local path (`file:`, `~/.ssh`,
    `/dev/zero`); each refused entry gets one line and the rest are imported.
    """
    from newsreader.sources.opml import read_opml
    from newsreader.subscriptions import SubscriptionError, feed_subscription

    try:
        data = arguments.file.read_bytes()
    except OSError as failure:
        raise CommandError(
            f"{arguments.file}: {failure.strerror or failure}", EXIT_USAGE
        ) from failure
    entries, errors = read_opml(data)
    for line in errors:
        error(f"{arguments.file}: {line}")
    refused = 0

    def web_feeds() -> Iterator[NewSubscription]:
        nonlocal refused
        for entry in entries:
            try:
                item = feed_subscription(entry.location, entry.title, entry.category)
            except SubscriptionError as failure:
                refused += 1
                error(f"{arguments.file}: skipped {failure}; add local files with `newsreader add`")
                continue
            yield item.key, item.title, item.location, item.kind, item.category, entry.site_url

    with opened_store() as store:
        added = store.add_subscriptions(web_feeds())
    known = len(entries) - refused - added
    print(f"Imported {added} new subscriptions ({known} already there).")
    if added:
        print("Run `newsreader refresh` to fetch them.")
    return EXIT_OK if added + known or not (errors or entries) else EXIT_ERROR


def run_export(arguments: argparse.Namespace) -> int:
    """Print every feed, synced feed and local source as OPML 2.0."""
    from newsreader.sources.opml import OpmlEntry, write_opml
    from newsreader.store.feeds import FEED_KIND, LOCAL_KIND
    from newsreader.store.sync import GREADER_KIND

    with opened_store() as store:
        entries = [
            OpmlEntry(feed.location, display_text(feed.title), feed.category, feed.site_url)
            for feed in store.feed_listing()
            if feed.kind in (FEED_KIND, LOCAL_KIND, GREADER_KIND)
        ]
    sys.stdout.write(write_opml(entries))
    return EXIT_OK
