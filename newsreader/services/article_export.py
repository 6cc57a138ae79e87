"""One article as a Markdown, plain-text or HTML file, its quotes listed at the end; saving it
to a folder (`e` in the app) and piping it to the user's command (`|`, newsboat's pipe-to).

The quotes come from the extractor run on the stored document, so they are the ones the
reader's quote pane shows, whether or not background indexing has reached the article. Every
piece of article text is cleaned of control characters; HTML output escapes all of it, and
only http(s) and mailto links become `href`s.
"""

from __future__ import annotations

import html
import logging
import re
import shlex
import subprocess
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

from newsreader.models import Article, Block, BlockKind, Extraction
from newsreader.text import clean_line, clean_text

logger = logging.getLogger(__name__)

FORMATS = ("md", "txt", "html")
"""What `show --format` writes."""
PIPE_TIMEOUT_SECONDS = 30.0
MAX_OUTPUT_LINE_CHARS = 200
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def article_quotes(article: Article) -> Extraction:
    """The quotes and posts in the article, as the quote pane finds them."""
    from newsreader.extract import extract

    return extract(article.document.paragraphs)


def render(article: Article, kind: str, found: Extraction | None = None) -> str:
    """The article in format `kind` (md, txt or html), its quotes listed at the end.

    Raises:
        ValueError: an unknown format.
    """
    if kind not in RENDERERS:
        raise ValueError(f"unknown format {kind!r} (formats: {', '.join(FORMATS)})")
    return RENDERERS[kind](article, article_quotes(article) if found is None else found)


def _date(article: Article) -> str:
    if article.published is None:
        return ""
    return f"{article.published.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def _quote_lines(found: Extraction) -> list[tuple[str, str]]:
    """(speaker, words) of each statement and fragment, then of each embedded post."""
    lines = [
        (clean_line(quote.speaker or "unattributed"), clean_line(quote.text))
        for quote in found.quotes
        if quote.kind != "scare"
    ]
    lines += [
        (clean_line(post.author or post.handle), clean_line(post.text)) for post in found.posts
    ]
    return lines


def _references(article: Article) -> list[str]:
    document = article.document
    return [clean_line(link.url) for link in document.links] + [
        clean_line(enclosure.url) for enclosure in document.enclosures
    ]


def _numbered(block: Block) -> str:
    """The block's text with `[N]` after each link, as the reader shows it."""
    text = clean_text(block.text)
    for span in reversed(block.links):
        text = f"{text[: span.end]}[{span.link + 1}]{text[span.end :]}"
    return text


def markdown(article: Article, found: Extraction) -> str:
    """Markdown: title, source and date, the blocks, links, then `## Quotes`."""
    lines = [f"# {clean_line(article.title)}", ""]
    meta = " · ".join(part for part in (clean_line(article.source_name), _date(article)) if part)
    if article.author:
        meta += f" · {clean_line(article.author)}"
    lines.append(f"*{meta}*" if meta else "")
    if article.link:
        lines += ["", f"<{clean_line(article.link)}>"]
    for block in article.document.blocks:
        lines += ["", *_markdown_block(block)]
    references = _references(article)
    if references:
        lines += ["", "## Links", ""]
        lines += [f"{n}. <{url}>" for n, url in enumerate(references, 1)]
    quotes = _quote_lines(found)
    if quotes:
        lines += ["", "## Quotes", ""]
        lines += [f"- **{speaker}**: “{words}”" for speaker, words in quotes]
    return "\n".join(lines) + "\n"


def _markdown_block(block: Block) -> list[str]:
    text = _numbered(block)
    if block.kind is BlockKind.HEADING:
        return ["#" * min(max(block.level, 1) + 1, 6) + " " + text]
    if block.kind is BlockKind.LIST_ITEM:
        marker = block.marker if block.marker and block.marker[:-1].isdigit() else "-"
        return ["  " * max(block.level - 1, 0) + f"{marker} {text}"]
    if block.kind is BlockKind.IMAGE:
        return [f"![{text}](<{clean_line(block.url or '')}>)"]
    if block.kind is BlockKind.CODE:
        return ["```", text, "```"]
    if block.kind in (BlockKind.BLOCKQUOTE, BlockKind.POST):
        return [f"> {line}" for line in text.split("\n")]
    return [text]


def plain_text(article: Article, found: Extraction) -> str:
    """Plain text: the header, the blocks, numbered links, then the quotes."""
    lines = [clean_line(article.title)]
    meta = " · ".join(part for part in (clean_line(article.source_name), _date(article)) if part)
    lines.append(meta)
    if article.link:
        lines.append(clean_line(article.link))
    for block in article.document.blocks:
        text = _numbered(block)
        prefix = "> " if block.kind is BlockKind.BLOCKQUOTE else ""
        if block.kind is BlockKind.LIST_ITEM:
            prefix = "  " * max(block.level - 1, 0) + f"{block.marker or '•'} "
        lines += ["", *(prefix + line for line in text.split("\n"))]
    references = _references(article)
    if references:
        lines += ["", *(f"[{n}] {url}" for n, url in enumerate(references, 1))]
    quotes = _quote_lines(found)
    if quotes:
        lines += ["", "Quotes", ""]
        lines += [f"{speaker}: “{words}”" for speaker, words in quotes]
    return "\n".join(lines) + "\n"


def _href(url: str) -> str | None:
    return url if url.lower().startswith(_SAFE_SCHEMES) else None


def _anchor(url: str) -> str:
    href = _href(url)
    shown = html.escape(url)
    return f'<a href="{html.escape(href, quote=True)}">{shown}</a>' if href else shown


_HTML_TAGS = {
    BlockKind.PARAGRAPH: "p",
    BlockKind.BLOCKQUOTE: "blockquote",
    BlockKind.POST: "blockquote",
    BlockKind.CODE: "pre",
    BlockKind.LIST_ITEM: "li",
}


def html_page(article: Article, found: Extraction) -> str:
    """A standalone HTML page; every text escaped, scripts impossible."""
    title = html.escape(clean_line(article.title))
    parts = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8">',
        f"<title>{title}</title></head><body>",
        f"<h1>{title}</h1>",
    ]
    meta = " · ".join(part for part in (clean_line(article.source_name), _date(article)) if part)
    parts.append(f"<p><em>{html.escape(meta)}</em></p>")
    if article.link:
        parts.append(f"<p>{_anchor(clean_line(article.link))}</p>")
    for block in article.document.blocks:
        parts.append(_html_block(block))
    references = _references(article)
    if references:
        parts.append("<h2>Links</h2><ol>")
        parts += [f"<li>{_anchor(url)}</li>" for url in references]
        parts.append("</ol>")
    quotes = _quote_lines(found)
    if quotes:
        parts.append("<h2>Quotes</h2><ul>")
        parts += [
            f"<li><strong>{html.escape(speaker)}</strong>: “{html.escape(words)}”</li>"
            for speaker, words in quotes
        ]
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _html_block(block: Block) -> str:
    text = html.escape(_numbered(block))
    if block.kind is BlockKind.HEADING:
        level = min(max(block.level, 1) + 1, 6)
        return f"<h{level}>{text}</h{level}>"
    if block.kind is BlockKind.IMAGE:
        return f"<p>[image: {text}] {_anchor(clean_line(block.url or ''))}</p>"
    tag = _HTML_TAGS.get(block.kind, "p")
    return f"<{tag}>{text}</{tag}>"


RENDERERS: dict[str, Callable[[Article, Extraction], str]] = {
    "md": markdown,
    "txt": plain_text,
    "html": html_page,
}


def file_name(article: Article, suffix: str = "md") -> str:
    """`2026-11-30-ferry-service-resumes.md`: the date and a short ASCII slug of the title."""
    folded = unicodedata.normalize("NFKD", article.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if len(slug) > 60:  # cut at a word's end
        slug = slug[:61].rsplit("-", 1)[0] if "-" in slug[:61] else slug[:60]
    slug = slug or "article"
    date = f"{article.published.astimezone(UTC):%Y-%m-%d}-" if article.published else ""
    return f"{date}{slug}.{suffix}"


def save_markdown(article: Article, folder: Path, found: Extraction | None = None) -> Path:
    """Write the article as Markdown into `folder` (created if needed), never overwriting a
    file: a taken name gets `-2`, `-3`, ... Returns the path written.

    Raises:
        OSError: the folder or file cannot be written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    text = render(article, "md", found)
    base = file_name(article)
    stem, _, suffix = base.rpartition(".")
    for number in range(1, 1000):
        path = folder / (base if number == 1 else f"{stem}-{number}.{suffix}")
        try:
            with path.open("x", encoding="utf-8") as handle:
                handle.write(text)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"{folder}: too many files named {base}")


@dataclass(frozen=True, slots=True)
class PipeResult:
    """How piping an article ended: whether the command succeeded and one line to show."""

    ok: bool
    line: str


def pipe_article(command: str, text: str, timeout: float = PIPE_TIMEOUT_SECONDS) -> PipeResult:
    """Run `command` (split like a shell would, run without one) with `text` on its input.

    Returns:
        ok and the first line of its output, or not ok and why (exit status and the first
        line of its error output, not found, timed out). Never raises.
    """
    try:
        arguments = shlex.split(command)
    except ValueError as error:
        return PipeResult(False, f"pipe_to cannot be read: {error}")
    if not arguments:
        return PipeResult(False, 'no command to pipe to: set pipe_to = "..." in config.toml')
    try:
        done = subprocess.run(
            arguments, input=text.encode("utf-8"), capture_output=True, timeout=timeout, check=False
        )
    except FileNotFoundError:
        return PipeResult(False, f"{arguments[0]}: command not found")
    except PermissionError:
        return PipeResult(False, f"{arguments[0]}: not allowed to run it")
    except subprocess.TimeoutExpired:
        return PipeResult(False, f"{arguments[0]}: still running after {timeout:g} s; stopped")
    except OSError as error:
        logger.warning("piping to %s failed", arguments[0], exc_info=True)
        return PipeResult(False, f"{arguments[0]}: {error.strerror or error}")
    output = _first_line(done.stdout)
    if done.returncode != 0:
        reason = _first_line(done.stderr) or output or "no message"
        return PipeResult(False, f"{arguments[0]} exited with {done.returncode}: {reason}")
    return PipeResult(True, output or f"{arguments[0]}: done (no output)")


def _first_line(data: bytes) -> str:
    for line in data.decode("utf-8", "replace").splitlines():
        cleaned = clean_line(line).strip()
        if cleaned:
            return cleaned[:MAX_OUTPUT_LINE_CHARS]
    return ""
