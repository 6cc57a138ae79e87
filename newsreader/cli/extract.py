"""`newsreader extract PATH ...`: the quotes and posts found in files, without storing them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from newsreader.cli.common import EXIT_OK, Subcommands, add_command, check_paths_exist, error
from newsreader.links import display_text
from newsreader.text import clean_line, clean_text


def register(subcommands: Subcommands) -> None:
    """Add `extract`."""
    parser = add_command(
        subcommands,
        "extract",
        "print the quotes and posts found in files",
        run_extract,
        description="Print the quotes and embedded posts found in article files.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument("--json", action="store_true", help="print a JSON list")


def run_extract(arguments: argparse.Namespace) -> int:
    """Print what the extractor finds in each article of the given files."""
    from newsreader.extract import extract
    from newsreader.sources.local import load_path

    check_paths_exist(arguments.paths)
    results: list[dict[str, Any]] = []
    for given in arguments.paths:
        draft = load_path(given)
        for line in draft.errors:
            error(line)
        for article in draft.articles:
            found = extract(article.paragraphs)
            results.append(extraction_json(str(given), article.title, found))
    if arguments.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        for result in results:
            _print_extraction(result)
    return EXIT_OK


def _print_extraction(result: dict[str, Any]) -> None:
    print(f"{display_text(result['source'])}: {result['title']}")
    for quote in result["quotes"]:
        speaker = clean_line(quote["speaker"] or "—")
        print(f"  [{quote['kind']}] {speaker}: “{clean_line(quote['text'])}”")
    for post in result["tweets"]:
        when = post["date"] or "undated"
        print(f"  [post] {clean_line(post['author'])} (@{clean_line(post['handle'])}) {when}")
        print(f"         {clean_line(post['text'])}")
    if not result["quotes"] and not result["tweets"]:
        print("  (no quotes or posts)")


def extraction_json(source: str, title: str, found: Any) -> dict[str, Any]:
    """The JSON object `extract --json` prints for one article (quotes, spans and posts)."""
    return {
        "source": source,
        "title": clean_line(title),
        "quotes": [
            {
                "text": clean_text(quote.text),
                "speaker": quote.speaker,
                "kind": str(quote.kind),
                "spans": [
                    {"paragraph": span.paragraph, "start": span.start, "end": span.end}
                    for span in quote.spans
                ],
            }
            for quote in found.quotes
        ],
        "tweets": [
            {
                "text": clean_text(post.text),
                "author": post.author,
                "handle": post.handle,
                "date": post.date,
                "url": post.url,
                "platform": post.platform,
            }
            for post in found.posts
        ],
    }
