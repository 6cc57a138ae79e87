"""Markdown to a `Document` on markdown-it-py (CommonMark; installed with Textual).

Headings, list items (with depth and number), block quotes, fenced and indented code, images,
hard line breaks and links become the same blocks and link spans as HTML does. Raw HTML blocks
go through the HTML path. The first `# ` heading is the title and is left out of the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsreader.ingest.builder import DocumentBuilder
from newsreader.ingest.dates import parse_date
from newsreader.ingest.html import html_to_document
from newsreader.ingest.textformats import SeedArticle, seed_date, split_dateline, split_header
from newsreader.models import BlockKind, Document
from newsreader.text import clean_line, derive_title

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = ["markdown_to_document", "parse_markdown"]

MAX_MARKDOWN_CHARS = 5_000_000
_HEADINGS = {f"h{level}": level for level in range(1, 7)}


@dataclass(slots=True)
class _State:
    lists: list[list[int]] = field(default_factory=list)
    """Per open list: [ordered (0/1), next number]."""
    quote_depth: int = 0
    item_marker: str | None = None
    heading: int = 0


def _parser() -> MarkdownIt:
    # Imported here: a folder of feeds never needs it, and each worker process that reads
    # one would carry its 4 MB.
    from markdown_it import MarkdownIt

    # "js-default": CommonMark plus tables and strikethrough; raw HTML allowed and then parsed.
    return MarkdownIt("js-default", {"html": True, "linkify": False})


def markdown_to_document(text: str, base_url: str | None = None) -> tuple[Document, str]:
    """Convert Markdown to a document.

    Args:
        text: Markdown source, decoded.
        base_url: What relative links resolve against, if anything.

    Returns:
        The document (without the first level-1 heading) and that heading's text ('' if none).
    """
    tokens = _parser().parse(text[:MAX_MARKDOWN_CHARS])
    builder = DocumentBuilder(base_url)
    state = _State()
    title = ""
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1" and not title:
            inline = tokens[index + 1] if index + 1 < len(tokens) else None
            if inline is not None and inline.type == "inline":
                title = clean_line(_plain(inline.children or []))[:500]
                inline.children = []
                continue
        _block_token(token, builder, state)
    return builder.finish(), title


def _block_token(token: Token, builder: DocumentBuilder, state: _State) -> None:
    kind = token.type
    if kind == "heading_open":
        builder.close()
        state.heading = _HEADINGS.get(token.tag, 1)
    elif kind == "heading_close":
        builder.close()
        state.heading = 0
    elif kind in ("bullet_list_open", "ordered_list_open"):
        builder.close()
        start = token.attrGet("start")
        state.lists.append([int(kind == "ordered_list_open"), int(start) if start else 1])
    elif kind in ("bullet_list_close", "ordered_list_close"):
        builder.close()
        if state.lists:
            state.lists.pop()
    elif kind == "list_item_open":
        builder.close()
        current = state.lists[-1] if state.lists else [0, 1]
        state.item_marker = f"{current[1]}." if current[0] else "•"
        current[1] += 1
    elif kind == "list_item_close":
        builder.close()
        state.item_marker = None
    elif kind == "blockquote_open":
        builder.close()
        state.quote_depth += 1
    elif kind == "blockquote_close":
        builder.close()
        state.quote_depth -= 1
    elif kind in ("fence", "code_block"):
        builder.close()
        builder.start(BlockKind.CODE)
        builder.text(token.content)
        builder.close()
    elif kind == "html_block":
        builder.close()
        for block in html_to_document(token.content, builder.base_url).blocks:
            builder.block(block.kind, block.text, level=block.level, marker=block.marker)
    elif kind == "paragraph_close":
        builder.close()
    elif kind in ("th_open", "td_open") and builder.in_block:
        builder.text(" | ")  # a table row is one line, its cells apart
    elif kind == "tr_close":
        builder.close()
    elif kind == "inline":
        _open_block(builder, state)
        _inline(token.children or [], builder)


def _open_block(builder: DocumentBuilder, state: _State) -> None:
    if builder.in_block:
        return
    if state.heading:
        builder.start(BlockKind.HEADING, level=state.heading)
    elif state.item_marker is not None:
        marker, state.item_marker = state.item_marker, ""
        builder.start(BlockKind.LIST_ITEM, level=max(len(state.lists), 1), marker=marker)
    elif state.quote_depth:
        builder.start(BlockKind.BLOCKQUOTE)
    else:
        builder.start(BlockKind.PARAGRAPH)


def _inline(children: list[Token], builder: DocumentBuilder) -> None:
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline", "html_inline"):
            if kind == "html_inline":
                continue  # inline tags carry no text of their own
            builder.text(child.content)
        elif kind == "softbreak":
            builder.text(" ")
        elif kind == "hardbreak":
            builder.line_break()
        elif kind == "link_open":
            builder.open_link(str(child.attrGet("href") or ""))
        elif kind == "link_close":
            builder.close_link()
        elif kind == "image":
            builder.image(str(child.attrGet("src") or ""), child.content)


def _plain(children: list[Token]) -> str:
    """The text of inline tokens without their markup (for a title)."""
    kinds = ("text", "code_inline", "softbreak", "image")
    return "".join(c.content if c.type != "softbreak" else " " for c in children if c.type in kinds)


_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(.{0,8000}?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$", re.M)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """YAML front matter (`---` lines around `key: value` pairs, as static-site generators
    write it): its simple fields, and the text after it. Nested YAML is not read."""
    found = _FRONT_MATTER.match(text)
    if found is None:
        return {}, text
    fields = {
        key.lower(): value.strip().strip("'\"") for key, value in _FIELD.findall(found.group(1))
    }
    return fields, text[found.end() :]


def parse_markdown(text: str) -> SeedArticle:
    """A Markdown file: optional seed header, title from the first `# ` heading, the body.

    Args:
        text: The file, decoded.

    Returns:
        The article's parts (a dateline paragraph at the top is taken off the body).
    """
    header, rest = split_header(text)
    if header is None:
        rest = text
    fields, rest = _front_matter(rest)
    document, title = markdown_to_document(rest)
    title = clean_line(fields.get("title", ""))[:500] or title
    blocks = list(document.blocks)
    dateline = None
    if blocks and blocks[0].kind is BlockKind.PARAGRAPH:
        dateline, _ = split_dateline([blocks[0].text])
        if dateline is not None:
            blocks = blocks[1:]
    document = Document(tuple(blocks), document.links, document.enclosures)
    return SeedArticle(
        document=document,
        source_name=clean_line(header.group(2) or "")[:300] if header else "",
        published=seed_date(header.group(1)) if header else parse_date(fields.get("date")),
        dateline=dateline,
        title=title or derive_title(document.paragraphs),
    )
