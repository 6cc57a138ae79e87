"""Shell commands for reading without the UI: search, export-quotes and config.

    newsreader search QUERY [--json]
    newsreader show ID [--json]
    newsreader index
    newsreader export-quotes [--speaker NAME] [--format md|json|csv]
    newsreader config [--path | --edit]

Each takes its argument list and returns an exit code; `__main__` dispatches to them.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC
from typing import Any

from newsreader import paths
from newsreader.links import display_text
from newsreader.models import Article, Block, BlockKind
from newsreader.store import ListedArticle, Store, StoreError
from newsreader.store.search import StoredQuote
from newsreader.text import clean_line, clean_text

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _open_store() -> Store | None:
    try:
        return Store(paths.database_path())
    except StoreError as error:
        print(f"newsreader: {display_text(str(error))}", file=sys.stderr)
        return None


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


def run_search(arguments: Sequence[str]) -> int:
    """Print the stored articles matching a query, best match first."""
    parser = argparse.ArgumentParser(
        prog="newsreader search",
        description="Search titles, text, quotes and speakers of every stored article.",
    )
    parser.add_argument("query", nargs="+", help="words to find (all must match)")
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    parser.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    options = parser.parse_args(arguments)
    store = _open_store()
    if store is None:
        return EXIT_ERROR
    # Every stored article is searchable as it is saved; quotes and speakers join when
    # `newsreader index` (or the app) has analysed it.
    matches = store.search(" ".join(options.query), limit=options.limit)
    found = [listed_json(item) for item in store.listed_for_ids(matches)]
    if options.json:
        print(json.dumps(found, ensure_ascii=False, indent=1))
    else:
        for item in found:
            date = (item["date"] or "")[:10].ljust(10)
            print(f"{date}  {item['source'][:20]:<20}  {item['title']}")
        if not found:
            print("no matches", file=sys.stderr)
    return EXIT_OK


def run_export_quotes(arguments: Sequence[str]) -> int:
    """Write every stored quote with its speaker, source and date as Markdown, JSON or CSV."""
    parser = argparse.ArgumentParser(
        prog="newsreader export-quotes", description="Export the quotes found in stored articles."
    )
    parser.add_argument("--speaker", help="only speakers whose name contains this (any case)")
    parser.add_argument("--format", choices=("md", "json", "csv"), default="md")
    options = parser.parse_args(arguments)
    store = _open_store()
    if store is None:
        return EXIT_ERROR
    _say_pending(store)
    quotes: Iterable[StoredQuote] = (
        store.quotes_by(options.speaker, exact=False, limit=1_000_000)
        if options.speaker
        else store.all_quotes()
    )
    records = [_quote_record(quote) for quote in quotes]
    EXPORTERS[options.format](records)
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


def _say_pending(store: Store) -> None:
    """One line on stderr when articles still wait for quote analysis."""
    from newsreader.versions import EXTRACTOR_VERSION

    pending = store.pending_index_count(EXTRACTOR_VERSION)
    if pending:
        print(
            f"newsreader: {pending:,} article{'s' if pending != 1 else ''} still waiting for "
            "quote analysis (their quotes are missing here); `newsreader index` runs it now",
            file=sys.stderr,
        )


def run_index(arguments: Sequence[str]) -> int:
    """Run quote analysis over every article waiting for it, on all cores, with a progress bar."""
    from newsreader.services.indexing import index_quotes
    from newsreader.versions import EXTRACTOR_VERSION

    parser = argparse.ArgumentParser(
        prog="newsreader index",
        description="Find the quotes and speakers of every article not yet analysed by this "
        "version of the extractor (the app does this in the background).",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--workers", type=int, default=None, help="processes (default: cores)")
    options = parser.parse_args(arguments)
    store = _open_store()
    if store is None:
        return EXIT_ERROR
    total = store.pending_index_count(EXTRACTOR_VERSION)
    if total == 0:
        print("every article is analysed", file=sys.stderr)
        return EXIT_OK
    show_bar = not options.quiet and sys.stderr.isatty()
    if show_bar:
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("Finding quotes", total=total)
            summary = index_quotes(
                store,
                workers=options.workers,
                progress=lambda done, _total: bar.update(task, completed=done),
            )
    else:
        summary = index_quotes(store, workers=options.workers)
    failed = f"; {summary.failed:,} failed (see the log)" if summary.failed else ""
    print(f"analysed {summary.indexed:,} article{'s' if summary.indexed != 1 else ''}{failed}",
          file=sys.stderr)  # fmt: skip
    return EXIT_OK


def run_config(arguments: Sequence[str]) -> int:
    """Show where config.toml is, or open it in $EDITOR (creating it with commented defaults)."""
    from newsreader.config import load_config

    parser = argparse.ArgumentParser(prog="newsreader config", description="The settings file.")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--path", action="store_true", help="print the path of config.toml")
    group.add_argument("--edit", action="store_true", help="open config.toml in $EDITOR")
    options = parser.parse_args(arguments)
    path = paths.config_path()
    _, warnings = load_config(path)  # writes the commented defaults on first use
    if options.edit:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        return subprocess.call([*shlex.split(editor), str(path)])
    print(path)
    if not options.path:
        for warning in warnings:
            print(f"warning: {display_text(warning)}", file=sys.stderr)
    return EXIT_OK


def run_show(arguments: Sequence[str]) -> int:
    """Print one stored article: as text, or with `--json` its blocks, links and enclosures."""
    parser = argparse.ArgumentParser(
        prog="newsreader show", description="One stored article, by the id `list` prints."
    )
    parser.add_argument("id", type=int, help="the article's id")
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    options = parser.parse_args(arguments)
    store = _open_store()
    if store is None:
        return EXIT_ERROR
    article = store.article(options.id)
    if article is None:
        print(f"newsreader: no article with id {options.id}", file=sys.stderr)
        return EXIT_USAGE
    if options.json:
        print(json.dumps(article_json(article), ensure_ascii=False, indent=1))
    else:
        print(article_text(article))
    return EXIT_OK


def article_json(article: Article) -> dict[str, Any]:
    """The JSON object `newsreader show --json` prints: the article with its document."""
    from newsreader.extract import extract

    document = article.document
    found = extraction_json(article.location, article.title, extract(document.paragraphs))
    return {
        "id": article.id,
        "title": clean_line(article.title),
        "source": clean_line(article.source_name),
        "date": article.published.astimezone(UTC).isoformat() if article.published else None,
        "link": article.link,
        "author": article.author,
        "blocks": [_block_json(block) for block in document.blocks],
        "links": [{"text": link.text, "url": link.url} for link in document.links],
        "enclosures": [
            {"url": e.url, "type": e.type or None, "length": e.length} for e in document.enclosures
        ],
        "quotes": found["quotes"],
        "posts": found["tweets"],
    }


def _block_json(block: Block) -> dict[str, Any]:
    record: dict[str, Any] = {"kind": block.kind.value, "text": block.text}
    if block.level:
        record["level"] = block.level
    if block.marker:
        record["marker"] = block.marker
    if block.url:
        record["url"] = block.url
    if block.links:
        record["links"] = [
            {"start": span.start, "end": span.end, "link": span.link} for span in block.links
        ]
    return record


_PREFIXES = {
    BlockKind.BLOCKQUOTE: "> ",
    BlockKind.CODE: "    ",
}


def article_text(article: Article) -> str:
    """The article as plain text for a terminal: header, blocks, then numbered links."""
    lines = [clean_line(article.title), clean_line(article.source_name)]
    if article.published:
        lines[-1] += f" · {article.published.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
    if article.link:
        lines.append(clean_line(article.link))
    document = article.document
    for block in document.blocks:
        lines.append("")
        lines.extend(_block_lines(block))
    references = [(link.url, link.text) for link in document.links]
    references += [(e.url, e.type or "enclosure") for e in document.enclosures]
    if references:
        lines.append("")
        lines.extend(f"[{n}] {clean_line(url)}" for n, (url, _) in enumerate(references, 1))
    return "\n".join(lines)


def _block_lines(block: Block) -> list[str]:
    text = _numbered(block)
    if block.kind is BlockKind.HEADING:
        return ["#" * max(block.level, 1) + " " + text]
    if block.kind is BlockKind.LIST_ITEM:
        return ["  " * (block.level - 1) + f"{block.marker or '•'} {text}"]
    if block.kind is BlockKind.IMAGE:
        return [f"[image: {text}]"]
    prefix = _PREFIXES.get(block.kind, "")
    return [prefix + line for line in text.split("\n")]


def _numbered(block: Block) -> str:
    """The block's text with `[N]` after each link, as the reader shows it."""
    text = block.text
    for span in reversed(block.links):
        text = f"{text[: span.end]}[{span.link + 1}]{text[span.end :]}"
    return text


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


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "search": run_search,
    "show": run_show,
    "index": run_index,
    "export-quotes": run_export_quotes,
    "config": run_config,
}
