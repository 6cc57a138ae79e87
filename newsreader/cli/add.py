"""`newsreader add URL_OR_PATH`: subscribe to a feed (fetched once) or a file or folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    Subcommands,
    add_command,
    error,
    load_settings,
    opened_store,
)
from newsreader.links import display_text
from newsreader.text import plural

if TYPE_CHECKING:
    from newsreader.store import Store


def register(subcommands: Subcommands) -> None:
    """Add `add`."""
    parser = add_command(
        subcommands,
        "add",
        "subscribe to a feed URL, a file or a folder",
        run_add,
        description="Subscribe to a feed URL, or a local file or folder.",
    )
    parser.add_argument("target", metavar="URL_OR_PATH")
    parser.add_argument("--title", help="name to show instead of the feed's own title")
    parser.add_argument(
        "--local",
        action="store_true",
        help="keep a web feed on this machine only, even with a sync account set",
    )
    parser.add_argument(
        "--full-text",
        action="store_true",
        help="fetch each new entry's web page and keep its main text (for feeds that send "
        "only a summary)",
    )


def run_add(arguments: argparse.Namespace) -> int:
    """Subscribe to a URL (fetching it once) or a local path (importing it now)."""
    from newsreader.store.feeds import FEED_KIND
    from newsreader.subscriptions import SubscriptionError, parse_target

    try:
        subscription = parse_target(arguments.target, arguments.title)
    except SubscriptionError as failure:
        raise CommandError(str(failure), EXIT_USAGE) from failure
    with opened_store() as store:
        if subscription.kind == FEED_KIND and not arguments.local:
            from newsreader.cli.sync import add_on_server

            added = add_on_server(store, subscription.location, arguments.title)
            if added is not None:
                return added
        if subscription.kind == FEED_KIND:
            return _add_feed(
                store, subscription.location, subscription.title, full_text=arguments.full_text
            )
        if arguments.full_text:
            raise CommandError("--full-text is for web feeds, not files or folders", EXIT_USAGE)
        return _add_local(store, Path(subscription.location), arguments.title)


def _add_feed(store: Store, url: str, title: str, *, full_text: bool = False) -> int:
    from newsreader.sources.refresh import refresh_sources
    from newsreader.store.feeds import FEED_KIND
    from newsreader.store.pages import kept_summary_line

    source_id, created = store.add_subscription(url, title=title, location=url, kind=FEED_KIND)
    if not created:
        if full_text and not store.full_text(source_id):
            store.set_full_text(source_id, True)
            print(f"Already subscribed: {display_text(url)} (id {source_id}); full text on")
            return EXIT_OK
        print(f"Already subscribed: {display_text(url)} (id {source_id})")
        return EXIT_OK
    if full_text:
        store.set_full_text(source_id, True)
    assert store.path is not None
    summary = refresh_sources(store.path, [source_id], load_settings())
    outcome = summary.outcomes[0] if summary.outcomes else None
    if outcome is None or outcome.failed:
        reason = outcome.error if outcome else "not fetched"
        raise CommandError(
            f"subscribed (id {source_id}), but the first fetch failed: {reason}; "
            f"newsreader remove {source_id} undoes it"
        )
    pages = ""
    if full_text:
        pages = f", {outcome.pages} with their page's full text"
        if outcome.page_errors:
            pages += f"; {kept_summary_line(outcome.page_errors)}"
    print(
        f"Subscribed (id {source_id}): {display_text(outcome.title)} — "
        f"{plural(outcome.added, 'article')}{display_text(pages)}"
    )
    return EXIT_OK


def _add_local(store: Store, path: Path, title: str | None) -> int:
    from newsreader.services.library import save_local
    from newsreader.store.feeds import LOCAL_KIND

    location = str(path.resolve())
    if sys.stdout.isatty() and path.is_dir():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        columns = (TextColumn("Reading files"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, transient=True) as bar:
            task = bar.add_task("import", total=None)
            saved = save_local(
                store,
                path,
                title=title,
                location=location,
                kind=LOCAL_KIND,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
    else:
        saved = save_local(store, path, title=title, location=location, kind=LOCAL_KIND)
    for line in saved.errors:
        error(line)
    shown = store.source_title(saved.source_id) or str(path)
    print(f"Subscribed (id {saved.source_id}): {display_text(shown)} — {saved.added} new")
    return EXIT_OK
