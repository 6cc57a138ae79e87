"""`newsreader list`: the stored articles, newest first, as lines or JSON."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from newsreader.cli.common import (
    EXIT_OK,
    Subcommands,
    add_command,
    first_run_samples,
    opened_store,
)
from newsreader.text import clean_line

if TYPE_CHECKING:
    from newsreader.store import ListedArticle


def register(subcommands: Subcommands) -> None:
    """Add `list`."""
    parser = add_command(subcommands, "list", "print stored articles, newest first", run_list)
    parser.add_argument("--unread", action="store_true", help="only unread articles")
    parser.add_argument("--json", action="store_true", help="print a JSON list")


def run_list(arguments: argparse.Namespace) -> int:
    """Print stored articles in the article list's order (the samples on a first run)."""
    from newsreader.store import ListFilter

    samples = first_run_samples()
    with opened_store() as store:
        if samples and store.path is not None:
            from newsreader.importer import import_paths

            import_paths(store.path, samples)
        listed = store.listed(ListFilter(unread_only=arguments.unread))
        if arguments.json:
            print(json.dumps([listed_json(item) for item in listed], ensure_ascii=False, indent=1))
        else:
            for item in listed:
                print(_line(item))
    return EXIT_OK


def _line(item: ListedArticle) -> str:
    row = item.row
    marker = ("N" if not row.read else " ") + ("*" if row.starred else " ")
    date = row.published.strftime("%Y-%m-%d") if row.published else " " * 10
    return f"{marker} {date}  {clean_line(row.source_name)[:20]:<20}  {clean_line(row.title)}"


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
