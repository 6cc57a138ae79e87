"""The subscription commands: add, remove, feeds, import, export, refresh.

`newsreader.__main__` dispatches here. No textual import; rich only inside the functions that
draw the refresh progress bar and the feeds table on a terminal.
"""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from newsreader import paths
from newsreader.config import Config, load_config
from newsreader.links import display_text
from newsreader.logs import log_path
from newsreader.sources.opml import OpmlEntry, read_opml, write_opml
from newsreader.sources.refresh import FeedOutcome, OutcomeKind, RefreshSummary, refresh_sources
from newsreader.store import Store, StoreError
from newsreader.store.feeds import FEED_KIND, LOCAL_KIND, FeedListing, NewSubscription
from newsreader.store.open_errors import describe_open_error
from newsreader.subscriptions import SubscriptionError, feed_subscription, parse_target

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
logger = logging.getLogger(__name__)


def _error(message: str) -> None:
    print(f"newsreader: {display_text(message)}", file=sys.stderr)


def _open_store() -> Store | None:
    try:
        return Store(paths.database_path())
    except StoreError as error:
        _error(str(error))
        return None


def _load_config() -> Config:
    config, warnings = load_config(paths.config_path())
    for warning in warnings:
        _error(warning)
    return config


def _parser(command: str, description: str) -> argparse.ArgumentParser:
    return argparse.ArgumentParser(prog=f"newsreader {command}", description=description)


def _parsers() -> dict[str, argparse.ArgumentParser]:
    add = _parser("add", "Subscribe to a feed URL, or a local file or folder.")
    add.add_argument("target", metavar="URL_OR_PATH")
    add.add_argument("--title", help="name to show instead of the feed's own title")
    remove = _parser("remove", "Unsubscribe from a source and delete its articles.")
    remove.add_argument("target", metavar="ID_OR_URL")
    feeds = _parser("feeds", "List subscriptions with unread counts and last refresh.")
    import_ = _parser("import", "Subscribe to every feed in an OPML file.")
    import_.add_argument("file", type=Path, metavar="FILE.opml")
    export = _parser("export", "Print the subscriptions as OPML 2.0.")
    refresh = _parser("refresh", "Fetch every feed and rescan local sources.")
    refresh.add_argument("--quiet", action="store_true", help="print only failures")
    return {
        "add": add,
        "remove": remove,
        "feeds": feeds,
        "import": import_,
        "export": export,
        "refresh": refresh,
    }


def run(command: str, arguments: list[str]) -> int:
    """Run one subscription command with its arguments; returns the exit code."""
    parsed = _parsers()[command].parse_args(arguments)
    store = _open_store()
    if store is None:
        return EXIT_ERROR
    handlers: dict[str, Callable[[Store, argparse.Namespace], int]] = {
        "add": run_add,
        "remove": run_remove,
        "feeds": run_feeds,
        "import": run_import,
        "export": run_export,
        "refresh": run_refresh,
    }
    try:
        return handlers[command](store, parsed)
    except BrokenPipeError:
        # Whoever read our output went away (`newsreader feeds | head`): no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except sqlite3.Error as error:  # read-only, full, locked: say which, never a traceback
        logger.exception("newsreader %s failed", command)
        _error(describe_open_error(str(store.path), error))
        return EXIT_ERROR
    finally:
        store.close()


# --- add / remove ----------------------------------------------------------------------------


def run_add(store: Store, arguments: argparse.Namespace) -> int:
    """Subscribe to a URL (fetching it once) or a local path (importing it now)."""
    try:
        subscription = parse_target(arguments.target, arguments.title)
    except SubscriptionError as error:
        _error(str(error))
        return EXIT_USAGE
    if subscription.kind == FEED_KIND:
        return _add_feed(store, subscription.location, subscription.title)
    return _add_local(store, Path(subscription.location), arguments.title)


def _add_feed(store: Store, url: str, title: str) -> int:
    source_id, created = store.add_subscription(url, title=title, location=url, kind=FEED_KIND)
    if not created:
        print(f"Already subscribed: {display_text(url)} (id {source_id})")
        return EXIT_OK
    assert store.path is not None
    summary = refresh_sources(store.path, [source_id], _load_config())
    outcome = summary.outcomes[0] if summary.outcomes else None
    if outcome is None or outcome.failed:
        reason = outcome.error if outcome else "not fetched"
        _error(f"subscribed (id {source_id}), but the first fetch failed: {reason}")
        _error(f"`newsreader remove {source_id}` unsubscribes")
        return EXIT_ERROR
    print(f"Subscribed (id {source_id}): {display_text(outcome.title)} — {outcome.added} articles")
    return EXIT_OK


def _add_local(store: Store, path: Path, title: str | None) -> int:
    from newsreader.services.library import save_local

    saved = save_local(store, path, title=title, location=str(path.resolve()), kind=LOCAL_KIND)
    for line in saved.errors:
        _error(line)
    shown = store.source_title(saved.source_id) or str(path)
    print(f"Subscribed (id {saved.source_id}): {display_text(shown)} — {saved.added} new")
    return EXIT_OK


def run_remove(store: Store, arguments: argparse.Namespace) -> int:
    """Unsubscribe from the source with this id, URL or path."""
    source_id = store.find_source(arguments.target)
    if source_id is None or not store.remove_source(source_id):
        _error(f"{arguments.target}: no such subscription (see `newsreader feeds`)")
        return EXIT_ERROR
    print(f"Removed subscription {source_id}")
    return EXIT_OK


# --- feeds -----------------------------------------------------------------------------------


def _when(seconds: int | None) -> str:
    if not seconds:
        return "never"
    try:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds))
    except (OverflowError, OSError, ValueError):
        return "unknown"  # a stored time this platform cannot convert


def _feed_columns(feed: FeedListing) -> list[str]:
    return [
        str(feed.id),
        display_text(feed.title),
        display_text(feed.location),
        str(feed.unread_count),
        _when(feed.refreshed_at),
        display_text(feed.last_error or ""),
    ]


FEED_HEADINGS = ["id", "title", "url", "unread", "last refresh", "last error"]


def run_feeds(store: Store, arguments: argparse.Namespace) -> int:
    """Print the subscriptions as a table (rich on a terminal, plain text otherwise)."""
    rows = [_feed_columns(feed) for feed in store.feed_listing()]
    if not sys.stdout.isatty():
        _print_plain_table(rows)
    elif rows:
        _print_rich_table(rows)
    else:
        print("No subscriptions yet: `newsreader add URL` or `newsreader import FILE.opml`.")
    return EXIT_OK


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


# --- import / export -------------------------------------------------------------------------


def run_import(store: Store, arguments: argparse.Namespace) -> int:
    """Subscribe to every web feed of an OPML file (duplicates and known feeds are skipped).

    Only http(s) URLs are taken: a file never adds a local path (`file:`, `~/.ssh`,
    `/dev/zero`); each refused entry gets one line and the rest are imported.
    """
    try:
        data = arguments.file.read_bytes()
    except OSError as error:
        _error(f"{arguments.file}: {error.strerror or error}")
        return EXIT_USAGE
    entries, errors = read_opml(data)
    for line in errors:
        _error(f"{arguments.file}: {line}")
    refused = 0

    def web_feeds() -> Iterator[NewSubscription]:
        nonlocal refused
        for entry in entries:
            try:
                item = feed_subscription(entry.location, entry.title, entry.category)
            except SubscriptionError as error:
                refused += 1
                _error(f"{arguments.file}: skipped {error}; add local files with `newsreader add`")
                continue
            yield item.key, item.title, item.location, item.kind, item.category

    added = store.add_subscriptions(web_feeds())
    known = len(entries) - refused - added
    print(f"Imported {added} new subscriptions ({known} already there).")
    if added:
        print("Run `newsreader refresh` to fetch them.")
    return EXIT_OK if added + known or not (errors or entries) else EXIT_ERROR


def run_export(store: Store, arguments: argparse.Namespace) -> int:
    """Print every feed and local source as OPML 2.0."""
    entries = [
        OpmlEntry(feed.location, display_text(feed.title), feed.category)
        for feed in store.feed_listing()
        if feed.kind in (FEED_KIND, LOCAL_KIND)
    ]
    sys.stdout.write(write_opml(entries))
    return EXIT_OK


# --- refresh ---------------------------------------------------------------------------------


def run_refresh(store: Store, arguments: argparse.Namespace) -> int:
    """Refresh everything; exit 1 only when every source failed."""
    assert store.path is not None
    config = _load_config()
    if sys.stdout.isatty() and not arguments.quiet:
        summary = _refresh_with_progress_bar(store.path, config)
    else:
        summary = refresh_sources(store.path, None, config)
    _print_summary(summary, quiet=arguments.quiet)
    return EXIT_ERROR if summary.all_failed else EXIT_OK


def _refresh_with_progress_bar(database: Path, config: Config) -> RefreshSummary:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("Refreshing"), BarColumn(), MofNCompleteColumn(), transient=True
    ) as bar:
        task = bar.add_task("refresh", total=None)

        def advance(outcome: FeedOutcome, finished: int, total: int) -> None:
            bar.update(task, completed=finished, total=total)

        return refresh_sources(database, None, config, advance)


def _print_summary(summary: RefreshSummary, *, quiet: bool) -> None:
    for outcome in summary.outcomes:
        if outcome.failed or outcome.kind is OutcomeKind.DEFERRED:
            where = f"{display_text(outcome.title)} ({display_text(outcome.location)})"
            print(f"  {where}: {display_text(outcome.error or 'failed')}")
        elif outcome.moved_to and not quiet:
            print(f"  {display_text(outcome.title)}: moved to {display_text(outcome.moved_to)}")
    if any("details in the log" in (outcome.error or "") for outcome in summary.failures):
        print(f"  (the log is {display_text(str(log_path()))})")
    if quiet:
        return
    updated = sum(outcome.updated for outcome in summary.outcomes)
    failed = len(summary.failures)
    print(
        f"{len(summary.outcomes)} sources: {summary.added} new articles, {updated} updated, "
        f"{failed} failed."
    )
