"""`newsreader search QUERY`: stored articles matching words, best match first."""

from __future__ import annotations

import argparse
import json
import sys

from newsreader.cli.common import EXIT_OK, Subcommands, add_command, load_settings, opened_store
from newsreader.cli.listing import listed_json


def register(subcommands: Subcommands) -> None:
    """Add `search`."""
    parser = add_command(
        subcommands,
        "search",
        "print stored articles matching words, best match first",
        run_search,
        description="Search titles, text, quotes and speakers of every stored article.",
    )
    parser.add_argument("query", nargs="+", help="words to find (all must match)")
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    parser.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")


def run_search(arguments: argparse.Namespace) -> int:
    """Print the stored articles matching a query, best match first."""
    from newsreader.rules.feeds import hidden_condition

    hidden = hidden_condition(load_settings().ignores)
    with opened_store() as store:
        # Every stored article is searchable as it is saved; quotes and speakers join when
        # `newsreader index` (or the app) has analysed it.
        matches = store.search(" ".join(arguments.query), limit=arguments.limit)
        if hidden is not None:  # the killfile's articles are never shown
            gone = store.ids_matching(matches, hidden)
            matches = [article_id for article_id in matches if article_id not in gone]
        found = [listed_json(item) for item in store.listed_for_ids(matches)]
    if arguments.json:
        print(json.dumps(found, ensure_ascii=False, indent=1))
    else:
        for item in found:
            date = (item["date"] or "")[:10].ljust(10)
            print(f"{date}  {item['source'][:20]:<20}  {item['title']}")
        if not found:
            print("no matches", file=sys.stderr)
    return EXIT_OK
