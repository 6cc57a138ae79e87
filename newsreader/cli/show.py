"""`newsreader show ID`: one stored article as text, or as JSON with its document."""

from __future__ import annotations

import argparse
import json
from datetime import UTC
from typing import Any

from newsreader.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    Subcommands,
    add_command,
    opened_store,
)
from newsreader.links import browser_url, display_text
from newsreader.models import Article, Block, BlockKind, parse_row_id
from newsreader.store.pages import PageState
from newsreader.text import clean_line


def register(subcommands: Subcommands) -> None:
    """Add `show`."""
    parser = add_command(
        subcommands,
        "show",
        "print one stored article, by the id `list` prints",
        run_show,
    )
    parser.add_argument("id", help="the article's id (the first column of `list`)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print a JSON object")
    output.add_argument(
        "--format",
        choices=("md", "txt", "html"),
        help="write it as Markdown, plain text or HTML, its quotes listed at the end",
    )


def run_show(arguments: argparse.Namespace) -> int:
    """Print one stored article: as text, or with `--json` its blocks, links and enclosures."""
    article_id = parse_row_id(arguments.id)
    with opened_store() as store:
        article = None if article_id is None else store.article(article_id)
        page = None if article is None else store.page_state(article.id)
    if article is None:
        raise CommandError(f"no article {display_text(arguments.id)} (see `newsreader list`)",
                           EXIT_USAGE)  # fmt: skip
    if arguments.format:
        from newsreader.services.article_export import render

        print(render(article, arguments.format), end="")
    elif arguments.json:
        print(json.dumps(article_json(article, page), ensure_ascii=False, indent=1))
    else:
        print(article_text(article, page))
    return EXIT_OK


def article_json(article: Article, page: PageState | None = None) -> dict[str, Any]:
    """The JSON object `newsreader show --json` prints: the article with its document.

    `text_from` is "page" (full text from the entry's web page) or "feed" (the feed's or
    the file's own text); `page_error` says why the page failed (null when it did not, or
    was never asked for); `link_opens` is false for a link kept as text only (not http(s)).
    """
    from newsreader.cli.extract import extraction_json
    from newsreader.extract import extract

    document = article.document
    found = extraction_json(article.location, article.title, extract(document.paragraphs))
    return {
        "id": article.id,
        "title": clean_line(article.title),
        "source": clean_line(article.source_name),
        "date": article.published.astimezone(UTC).isoformat() if article.published else None,
        "link": article.link,
        "link_opens": bool(article.link and browser_url(article.link)),
        "text_from": "page" if page is not None and page.from_page else "feed",
        "origin": page.origin() if page is not None else None,
        "page_error": page.error if page is not None and not page.from_page else None,
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


def article_text(article: Article, page: PageState | None = None) -> str:
    """The article as plain text for a terminal: header (with where its text came from when
    a page was asked for: `page`), blocks, then numbered links."""
    lines = [clean_line(article.title), clean_line(article.source_name)]
    if article.published:
        lines[-1] += f" · {article.published.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
    if article.link:
        shown = clean_line(article.link)
        if not browser_url(article.link):
            shown += " (not a web link: kept as text, never opened or fetched)"
        lines.append(shown)
    if page is not None:
        lines.append(page.origin())
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
