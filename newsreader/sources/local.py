"""Articles from local files: the seed plain-text format, Markdown, HTML, plain text and feeds.

A folder is one source (`local:<folder name>`); a single file belongs to its parent folder's
source, so opening a file or its folder gives the same identities. An article's guid is its
path relative to that folder, which survives moving the folder elsewhere.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from newsreader.models import ArticleDraft, SourceDraft
from newsreader.sources.feeds import looks_like_feed, parse_feed
from newsreader.text import clean_line, derive_title, html_to_paragraphs, parse_html_page

__all__ = ["LocalFileError", "SeedArticle", "load_file", "load_path", "parse_seed_text"]

FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".json", ".rdf"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
# Files that live beside articles but are not articles (subscription lists, packaging).
IGNORED_SUFFIXES = frozenset({".opml", ".py", ".pyc"})
MAX_FILE_BYTES = 64 * 1024 * 1024
"""Larger files are refused: nobody writes a 64 MiB article, and reading it would stall."""
MAX_FEED_BYTES = 20 * 1024 * 1024
"""Larger feed files are refused (as over HTTP): feedparser needs about 6x a feed's size in
memory and 5 s for 20 MiB."""

_SEED_HEADER = re.compile(r"date\s+(\d{4}-\d{2}-\d{2})(?:[ \t]+([^\n]*))?")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Lead lines that say when, not what: "UPDATED 3:15 PM PT — Friday, January 3, 2020",
# "Published: ...", or a lone "Friday, January 3, 2020". A "CITY, Country —" lead is text.
_DATELINE = re.compile(
    r"(?:(?:last\s+)?updated|published|posted)\b.{0,100}"
    r"|(?:\w+day,?\s+)?" + _MONTH + r"\s+\d{1,2},?\s+\d{4}(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}.{0,20})?",
    re.IGNORECASE,
)


class LocalFileError(Exception):
    """A file that cannot be turned into articles; the message says why."""


@dataclass(frozen=True, slots=True)
class SeedArticle:
    """The parts of a text article, before it gets an identity."""

    paragraphs: tuple[str, ...]
    source_name: str = ""
    published: datetime | None = None
    dateline: str | None = None
    title: str = ""


# ---------------------------------------------------------------------------------------------
# Text formats


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, inner newlines joined with a space, cleaned."""
    blocks = _BLANK_LINES.split(text.replace("\r\n", "\n").replace("\r", "\n"))
    return [line for line in (clean_line(block) for block in blocks) if line]


def _split_dateline(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """Take a leading dateline paragraph off the body."""
    if paragraphs and len(paragraphs[0]) <= 120 and _DATELINE.fullmatch(paragraphs[0]):
        return paragraphs[0], paragraphs[1:]
    return None, paragraphs


def _seed_date(iso_date: str) -> datetime | None:
    try:
        return datetime.strptime(iso_date, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return None


def _split_header(text: str) -> tuple[re.Match[str] | None, str]:
    """The seed header line (`date YYYY-MM-DD Source`) if the text starts with one; the rest."""
    text = text.lstrip("\ufeff \t\r\n")
    first_line, _, rest = text.partition("\n")
    return _SEED_HEADER.fullmatch(first_line.strip()), rest


def parse_seed_text(text: str) -> SeedArticle | None:
    """Parse the seed plain-text format: a `date YYYY-MM-DD Source Name` line, then paragraphs.

    Args:
        text: The whole file, decoded.

    Returns:
        The article's parts, or None when the text does not start with the header line.
    """
    header, rest = _split_header(text)
    if header is None:
        return None
    dateline, body = _split_dateline(_paragraphs(rest))
    return SeedArticle(
        paragraphs=tuple(body),
        source_name=clean_line(header.group(2) or ""),
        published=_seed_date(header.group(1)),
        dateline=dateline,
        title=derive_title(body),
    )


def _parse_plain_text(text: str) -> SeedArticle:
    """A `.txt` without the header: the first line is the title, the rest the body."""
    seed = parse_seed_text(text)
    if seed is not None:
        return seed
    first_line, _, rest = text.lstrip("\ufeff \t\r\n").partition("\n")
    title = clean_line(first_line)
    body = _paragraphs(rest) or [title]
    dateline, body = _split_dateline(body)
    return SeedArticle(paragraphs=tuple(body), dateline=dateline, title=title)


_MD_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~|`)(?=\S)(.+?)(?<=\S)\1")
_MD_LINE_PREFIX = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)")
_MD_HEADING = re.compile(r"^#[ \t]+(.+)$", re.MULTILINE)
_MD_FENCE = re.compile(r"^[ \t]*(?:```|~~~).*$", re.MULTILINE)
_MD_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE)


def _markdown_inline(text: str) -> str:
    """Markdown inline markup to plain text: link text kept, images and emphasis marks dropped."""
    text = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", text))
    return _MD_EMPHASIS.sub(r"\2", text)


def _markdown_block(block: str) -> list[str]:
    """One Markdown block to paragraphs: list items apart, raw HTML through the converter."""
    if block.lstrip().startswith("<"):
        return html_to_paragraphs(block)
    items: list[list[str]] = []
    for line in block.split("\n"):
        is_item = bool(re.match(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+", line))
        if is_item or not items:
            items.append([])
        items[-1].append(_MD_LINE_PREFIX.sub("", line))
    return [clean_line(_markdown_inline(" ".join(item))) for item in items]


def _parse_markdown(text: str) -> SeedArticle:
    """Markdown: optional seed header, title from the first `# ` heading, the rest as body."""
    header, rest = _split_header(text)
    if header is None:
        rest = text
    heading = _MD_HEADING.search(rest)
    title = clean_line(_markdown_inline(heading.group(1))) if heading else ""
    if heading:
        rest = rest[: heading.start()] + rest[heading.end() :]
    rest = _MD_RULE.sub("", _MD_FENCE.sub("", rest.replace("\r\n", "\n")))
    blocks = _BLANK_LINES.split(rest)
    body = [p for block in blocks for p in _markdown_block(block) if p]
    dateline, body = _split_dateline(body)
    return SeedArticle(
        paragraphs=tuple(body),
        source_name=clean_line(header.group(2) or "") if header else "",
        published=_seed_date(header.group(1)) if header else None,
        dateline=dateline,
        title=title or derive_title(body),
    )


def _parse_iso_datetime(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _parse_html(text: str) -> SeedArticle:
    """An HTML page: title from `<title>` or `<h1>`, body from `<article>`/`<main>` if present."""
    page = parse_html_page(text)
    body = list(page.paragraphs)
    if body and body[0] in (page.first_heading, page.title):
        body = body[1:]
    dateline, body = _split_dateline(body)
    return SeedArticle(
        paragraphs=tuple(body),
        published=_parse_iso_datetime(page.published) if page.published else None,
        dateline=dateline,
        title=page.title or page.first_heading or derive_title(body),
    )


# ---------------------------------------------------------------------------------------------
# Files


def decode_text(data: bytes) -> str:
    """Decode a text file: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252.

    Args:
        data: The file's bytes.

    Returns:
        The text.

    Raises:
        LocalFileError: When the bytes are binary (NUL bytes) or fit no encoding.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise LocalFileError("not valid UTF-16 text") from error
    if b"\x00" in data:
        raise LocalFileError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise LocalFileError("binary file (not UTF-8 or Windows-1252 text)") from error


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LocalFileError(f"too large ({size // (1024 * 1024)} MiB)")
        data = path.read_bytes()
    except OSError as error:
        raise LocalFileError(f"cannot read: {error.strerror or error}") from error
    if not data.strip():
        raise LocalFileError("empty file")
    return data


def _parse_text_file(path: Path, data: bytes) -> SeedArticle:
    """Parse a non-feed file by its suffix."""
    text = decode_text(data)
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return _parse_markdown(text)
    if suffix in HTML_SUFFIXES:
        return _parse_html(text)
    return _parse_plain_text(text)


def _is_feed(path: Path, data: bytes) -> bool:
    return path.suffix.lower() in FEED_SUFFIXES or looks_like_feed(data)


def load_file(path: Path, *, guid: str, folder_name: str) -> tuple[list[ArticleDraft], list[str]]:
    """Load the articles of one file.

    Args:
        path: The file (absolute).
        guid: Its identity within the source: the path relative to the source folder.
        folder_name: The source folder's name, the source name of last resort.

    Returns:
        The articles and the error lines (each naming the file).
    """
    try:
        data = _read_bytes(path)
        if _is_feed(path, data):
            if len(data) > MAX_FEED_BYTES:
                size = f"{len(data) / 2**20:.1f} MiB"
                raise LocalFileError(f"feed too large ({size}; at most 20 MiB)")
            _feed_title, articles, errors = parse_feed(
                data, location=str(path), guid_prefix=guid + "#", fallback_title=folder_name
            )
            return articles, errors
        seed = _parse_text_file(path, data)
    except LocalFileError as error:
        return [], [f"{path}: {error}"]
    if not seed.paragraphs and not seed.title:
        return [], [f"{path}: no article text"]
    return [_article_from_seed(seed, path=path, guid=guid, folder_name=folder_name)], []


def _article_from_seed(
    seed: SeedArticle, *, path: Path, guid: str, folder_name: str
) -> ArticleDraft:
    return ArticleDraft(
        guid=guid,
        title=seed.title or path.stem,
        source_name=seed.source_name or folder_name,
        paragraphs=seed.paragraphs,
        published=seed.published,
        dateline=seed.dateline,
        location=str(path),
    )


# ---------------------------------------------------------------------------------------------
# Folders and sources


def _is_ignored(name: str) -> bool:
    return name.startswith((".", "__")) or Path(name).suffix.lower() in IGNORED_SUFFIXES


def _article_files(folder: Path, errors: list[str]) -> Iterator[Path]:
    """Files under `folder` that may hold articles, sorted by relative path."""

    def note_error(error: OSError) -> None:
        errors.append(f"{error.filename}: cannot read folder: {error.strerror or error}")

    found: list[Path] = []
    for directory, subdirectories, files in os.walk(folder, onerror=note_error):
        subdirectories[:] = [name for name in subdirectories if not name.startswith((".", "__"))]
        found.extend(Path(directory, name) for name in files if not _is_ignored(name))
    yield from sorted(found, key=lambda file: file.relative_to(folder).as_posix())


def _source_for(folder: Path) -> SourceDraft:
    return SourceDraft(key=f"local:{folder.name}", title=folder.name, location=str(folder))


def load_path(path: Path) -> SourceDraft:
    """Load a folder of articles, or one file as part of its folder's source.

    Args:
        path: A folder or a file.

    Returns:
        The source with every article that could be read and one error line per file that
        could not.

    Raises:
        FileNotFoundError: When nothing exists at `path`.
    """
    if not path.exists():
        raise FileNotFoundError(errno.ENOENT, "no such file or directory", str(path))
    path = path.resolve()
    folder = path if path.is_dir() else path.parent
    errors: list[str] = []
    if path.is_dir():
        files: Iterator[Path] | list[Path] = _article_files(folder, errors)
    else:
        files = [] if path.suffix.lower() == ".opml" else [path]
    articles: list[ArticleDraft] = []
    for file in files:
        guid = file.relative_to(folder).as_posix()
        file_articles, file_errors = load_file(file, guid=guid, folder_name=folder.name)
        articles.extend(file_articles)
        errors.extend(file_errors)
    return replace(_source_for(folder), articles=tuple(articles), errors=tuple(errors))
