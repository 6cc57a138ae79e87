"""`newsreader export-quotes`: every stored quote with its speaker, as Markdown, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from newsreader.cli.common import (
    EXIT_OK,
    Subcommands,
    add_command,
    load_settings,
    opened_store,
    say_quotes_pending,
)
from newsreader.text import clean_line

if TYPE_CHECKING:
    from newsreader.store.search import StoredQuote


def register(subcommands: Subcommands) -> None:
    """Add `export-quotes`."""
    parser = add_command(
        subcommands,
        "export-quotes",
        "print every stored quote with its speaker: md, json, csv",
        run_export_quotes,
        description="Export the quotes found in stored articles.",
    )
    parser.add_argument("--speaker", help="only speakers whose name contains this (any case)")
    parser.add_argument("--format", choices=("md", "json", "csv"), default="md")


def run_export_quotes(arguments: argparse.Namespace) -> int:
    """Write every stored quote with its speaker, source and date."""
    from newsreader.rules.feeds import hidden_condition

    # The killfile hides articles everywhere, their quotes included (`list --ignored` shows them).
    hidden = hidden_condition(load_settings().ignores)
    with opened_store() as store:
        say_quotes_pending(store)
        quotes: Iterable[StoredQuote] = (
            store.quotes_by(arguments.speaker, exact=False, limit=1_000_000, hidden=hidden)
            if arguments.speaker
            else store.all_quotes(hidden=hidden)
        )
        records = [_quote_record(quote) for quote in quotes]
    EXPORTERS[arguments.format](records)
    return EXIT_OK


def _quote_record(quote: StoredQuote) -> dict[str, Any]:
    return {
        "speaker": clean_line(quote.speaker or ""),
        "text": clean_line(quote.text),
        "kind": quote.kind,
        "source": clean_line(quote.source_name),
        "title": clean_line(quote.title),
        "date": quote.published.date().isoformat() if quote.published else None,
        "article_id": quote.article_id,
    }


def _export_json(records: list[dict[str, Any]]) -> None:
    print(json.dumps(records, ensure_ascii=False, indent=1))


def _export_csv(records: list[dict[str, Any]]) -> None:
    fields = ["speaker", "text", "kind", "source", "title", "date", "article_id"]
    writer = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)


def _export_markdown(records: list[dict[str, Any]]) -> None:
    speaker = None
    for record in sorted(records, key=lambda item: item["speaker"].lower()):
        if record["speaker"] != speaker:
            speaker = record["speaker"]
            print(f"\n## {speaker}\n")
        when = f", {record['date']}" if record["date"] else ""
        print(f"> “{record['text']}”\n>\n> — {record['source']}{when}: *{record['title']}*\n")


EXPORTERS: dict[str, Callable[[list[dict[str, Any]]], None]] = {
    "json": _export_json,
    "csv": _export_csv,
    "md": _export_markdown,
}
"""Writers of the quote records to stdout, by `--format`."""
