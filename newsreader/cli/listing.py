"""`newsreader list`: the stored articles, newest first, as lines or JSON."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from newsreader.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    Subcommands,
    add_command,
    first_run_samples,
    load_settings,
    opened_store,
    say_quotes_pending,
)
from newsreader.text import clean_line

if TYPE_CHECKING:
    from newsreader.config import Config
    from newsreader.store import ListedArticle, ListFilter


def register(subcommands: Subcommands) -> None:
    """Add `list`."""
    parser = add_command(subcommands, "list", "print stored articles, newest first", run_list)
    parser.add_argument("--unread", action="store_true", help="only unread articles")
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument(
        "--filter",
        metavar="EXPR",
        help="only articles matching a filter, e.g. 'speaker ~ \"Okonjo\" and age < 30d'",
    )
    chosen.add_argument("--query", metavar="TITLE", help="only a [[query]] feed's articles")
    parser.add_argument(
        "--ignored", action="store_true", help="only the articles [[ignore]] rules hide"
    )


def run_list(arguments: argparse.Namespace) -> int:
    """Print stored articles in the article list's order (the samples on a first run)."""

    samples = first_run_samples()
    with opened_store() as store:
        if samples and store.path is not None:
            from newsreader.importer import import_paths

            import_paths(store.path, samples)
        config = load_settings()
        listed = store.listed(_list_filter(arguments, config))
        if _reads_quotes(arguments, config):
            say_quotes_pending(store)
        if arguments.json:
            print(json.dumps([listed_json(item) for item in listed], ensure_ascii=False, indent=1))
        else:
            for item in listed:
                print(_line(item))
    return EXIT_OK


def _list_filter(arguments: argparse.Namespace, config: Config) -> ListFilter:
    """What to list: --unread, a filter or query feed, and the killfile (hiding, or --ignored).

    Raises:
        CommandError: (exit 2) a filter that cannot be read, or an unknown query feed.
    """
    from newsreader.rules import RuleError, filter_condition
    from newsreader.rules.feeds import find_query, hidden_condition, query_condition
    from newsreader.store import ListFilter

    conditions = []
    try:
        if arguments.filter is not None:
            conditions.append(filter_condition(arguments.filter))
    except RuleError as failure:
        raise CommandError(f"--filter {failure}", EXIT_USAGE) from failure
    if arguments.query is not None:
        try:
            query = find_query(config.queries, arguments.query)
        except LookupError as failure:
            raise CommandError(str(failure), EXIT_USAGE) from failure
        conditions.append(query_condition(query))
    return ListFilter(
        unread_only=arguments.unread,
        conditions=tuple(conditions),
        hidden=hidden_condition(config.ignores),
        only_hidden=arguments.ignored,
    )


def _reads_quotes(arguments: argparse.Namespace, config: Config) -> bool:
    """Whether the filters in force (given, query feed, killfile) compare speakers or quotes."""
    from newsreader.rules import QUOTE_FIELDS, RuleError, fields_in, parse_rule
    from newsreader.rules.feeds import find_query

    written = [arguments.filter] if arguments.filter is not None else []
    if arguments.query is not None:
        written.append(find_query(config.queries, arguments.query).filter)
    written += [rule.filter for rule in config.ignores]
    for text in written:
        try:
            if fields_in(parse_rule(text)) & QUOTE_FIELDS:
                return True
        except RuleError:
            continue  # reported where the filter is read
    return False


def _line(item: ListedArticle) -> str:
    """`ID  N* DATE  SOURCE  TITLE`: the id first, for `newsreader show ID`."""
    row = item.row
    marker = ("N" if not row.read else " ") + ("*" if row.starred else " ")
    date = row.published.strftime("%Y-%m-%d") if row.published else " " * 10
    source = clean_line(row.source_name)[:20]
    return f"{row.id:>6} {marker} {date}  {source:<20}  {clean_line(row.title)}"


def listed_json(item: ListedArticle) -> dict[str, Any]:
    """The JSON object `newsreader list --json` and `search --json` print for one article."""
    row = item.row
    return {
        "id": row.id,
        "source": clean_line(row.source_name),
        "title": clean_line(row.title),
        "date": row.published.isoformat() if row.published else None,
        "read": row.read,
        "starred": row.starred,
        "path_or_url": clean_line(item.location),
    }
