"""`newsreader feed ID_OR_URL`: one feed's settings, shown or changed.

    newsreader feed 3                              print its settings
    newsreader feed 3 --set paused=on --set keep_days=30
    newsreader feed https://example.org/rss --full-text on

See `newsreader.services.feed_settings` for the keys and their values.
"""

from __future__ import annotations

import argparse

from newsreader.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    Subcommands,
    add_command,
    opened_store,
)
from newsreader.links import display_text


def register(subcommands: Subcommands) -> None:
    """Add `feed`."""
    parser = add_command(
        subcommands,
        "feed",
        "show or change one feed's settings (--set key=value)",
        run_feed,
        description="Show one feed's settings, or change them with --set key=value. Keys: "
        "title, category, refresh (minutes, or 2h, 1d), keep_days, keep_per_feed, full_text "
        "(on/off), paused (on/off); an empty value or `default` goes back to config.toml's.",
    )
    parser.add_argument("feed", metavar="ID_OR_URL", help="the id `feeds` prints, or the URL")
    parser.add_argument(
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="change a setting (repeat for several)",
    )
    parser.add_argument(
        "--full-text",
        choices=("on", "off"),
        help="fetch each entry's web page for its main text (the same as --set full_text=...)",
    )


def run_feed(arguments: argparse.Namespace) -> int:
    """Apply the --set changes (all or none) and print the feed's settings."""
    from newsreader.services.feed_settings import (
        SettingError,
        apply_settings,
        describe_settings,
        parse_setting,
    )
    from newsreader.store.pages import kept_summary_line

    texts = list(arguments.settings)
    if arguments.full_text:
        texts.append(f"full_text={arguments.full_text}")
    try:
        changes = [parse_setting(text) for text in texts]
    except SettingError as error:
        raise CommandError(str(error), EXIT_USAGE) from error
    with opened_store() as store:
        source_id = store.find_source(arguments.feed)
        if source_id is None:
            raise CommandError(f"no feed {arguments.feed!r} (see `newsreader feeds`)", EXIT_USAGE)
        if changes:
            try:
                apply_settings(store, source_id, changes)
            except SettingError as error:
                raise CommandError(str(error), EXIT_USAGE) from error
        settings = store.feed_settings(source_id)
        stored, failed, _ = store.page_counts(source_id)
        kept = kept_summary_line(store.page_errors(source_id))
    if settings is None:
        raise CommandError(f"feed {arguments.feed!r} was removed meanwhile")
    print(f"feed {settings.source_id}: {display_text(settings.title)}")
    for name, value in describe_settings(settings):
        print(f"  {name:<14} {display_text(value)}")
    if stored or failed:
        pages = f"{stored} stored, {kept}" if kept else f"{stored} stored, 0 kept the summary"
        print(f"  {'pages':<14} {display_text(pages)}")
    return EXIT_OK
