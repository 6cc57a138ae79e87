"""OPML subscription lists: import (nested folders become categories) and OPML 2.0 export.

Real exports vary: attribute case (`xmlUrl`, `xmlurl`), titles in `text` or `title`, folders
nested several deep, the same feed under two folders, local paths beside URLs, stray `&` that
make the file ill-formed. Import takes all of that; entity declarations are refused (via
`check_entities`) so an OPML file can never expand entities or read other files.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.utils import formatdate
from html import unescape
from xml.etree import ElementTree

from newsreader.ingest.safety import FeedRefused, check_entities
from newsreader.links import browser_url, redact_credentials, redact_url, strip_credentials
from newsreader.text import clean_line, plural

__all__ = ["OpmlEntry", "read_opml", "write_opml"]

CATEGORY_SEPARATOR = "/"
MAX_FOLDER_DEPTH = 16
"""Folder levels kept as the category; feeds nested deeper go in the deepest kept folder."""
MAX_FOLDER_CHARS = 200
_XML_URL_ATTRIBUTE = re.compile(r"""\bxmlUrl\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
_TEXT_ATTRIBUTE = re.compile(r"""\b(?:text|title)\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
_OUTLINE_TAG = re.compile(r"<outline\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class OpmlEntry:
    """One subscription from an OPML file."""

    location: str
    """The feed URL, or a local file or folder path."""
    title: str
    """The outline's text (or title), else the location."""
    category: str | None = None
    """Parent folder names joined with `/`, or None at the top level."""
    site_url: str | None = None
    """The web page the feed belongs to (`htmlUrl`), when the outline gives one."""

    @property
    def is_url(self) -> bool:
        """Whether the location is an HTTP(S) URL rather than a local path."""
        return self.location.lower().startswith(("http://", "https://"))


def read_opml(data: bytes) -> tuple[list[OpmlEntry], list[str]]:
    """Read subscriptions from an OPML document.

    The document is read as a stream, keeping only the open outlines, so time and memory grow
    linearly with its size and nesting never touches the call stack.

    Args:
        data: The file's bytes.

    Returns:
        The entries in document order without duplicates (first occurrence wins), and error
        lines; an ill-formed file is scanned for `xmlUrl` attributes instead (no categories).
    """
    try:
        check_entities(data)
    except FeedRefused as error:
        return [], [f"refused: {error}"]
    try:
        entries, found_body = _stream_outlines(data)
    except ElementTree.ParseError as error:
        entries = _unique(_scan_outlines(data))
        reason = f"not well-formed XML ({clean_line(str(error))})"
        if entries:
            return entries, [f"{reason}; read {plural(len(entries), 'feed')} without folders"]
        return [], [f"{reason}; no feeds found"]
    if not found_body:
        return [], ["not an OPML file (no <body>)"]
    return _unique(entries), []


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _attribute(element: ElementTree.Element, name: str) -> str:
    """An attribute's value whatever its case (`xmlUrl`, `xmlurl`, `XMLURL`)."""
    for key, value in element.attrib.items():
        if _local_name(key) == name:
            return value.strip()
    return ""


_Frame = tuple[ElementTree.Element, tuple[str, ...] | None]
"""An open element and the folders its child outlines belong to (None: not read)."""


def _stream_outlines(data: bytes) -> tuple[list[OpmlEntry], bool]:
    """Entries of the first `<body>` under the root, and whether there was one.

    Outlines without a feed URL are folders for their children; folders deeper than
    MAX_FOLDER_DEPTH still give their feeds, filed under the deepest folder kept.
    """
    entries: list[OpmlEntry] = []
    found_body = False
    stack: list[_Frame] = []
    for event, element in ElementTree.iterparse(io.BytesIO(data), events=("start", "end")):
        if event == "end":
            stack.pop()
            if stack:
                del stack[-1][0][:]  # finished children are not needed again
            continue
        name = _local_name(element.tag)
        folders: tuple[str, ...] | None = None
        if len(stack) == 1 and name == "body" and not found_body:
            found_body, folders = True, ()
        elif name == "outline" and len(stack) >= 2 and stack[-1][1] is not None:
            folders = _read_outline(element, stack[-1][1], entries)
        stack.append((element, folders))
    return entries, found_body


def _read_outline(
    outline: ElementTree.Element, folders: tuple[str, ...], entries: list[OpmlEntry]
) -> tuple[str, ...] | None:
    """Add the outline's feed to `entries`, or return the folders its children belong to."""
    title = clean_line(_attribute(outline, "text") or _attribute(outline, "title"))
    location = clean_line(_attribute(outline, "xmlurl"))
    if location:
        category = CATEGORY_SEPARATOR.join(folders) or None
        site_url = clean_line(_attribute(outline, "htmlurl")) or None
        entries.append(OpmlEntry(location, title or redact_url(location), category, site_url))
        return None
    folder = title.replace(CATEGORY_SEPARATOR, "-")[:MAX_FOLDER_CHARS] if title else ""
    return (*folders, folder) if folder and len(folders) < MAX_FOLDER_DEPTH else folders


def _scan_outlines(data: bytes) -> Iterator[OpmlEntry]:
    """Feed URLs from an ill-formed file, found by pattern."""
    text = data.decode("utf-8", errors="replace")
    for tag in _OUTLINE_TAG.finditer(text):
        url = _XML_URL_ATTRIBUTE.search(tag.group(0))
        if url is None:
            continue
        location = clean_line(unescape(url.group(2)))
        title = _TEXT_ATTRIBUTE.search(tag.group(0))
        name = clean_line(unescape(title.group(2))) if title else ""
        yield OpmlEntry(location, name or redact_url(location))


def _unique(entries: Iterable[OpmlEntry]) -> list[OpmlEntry]:
    seen: set[str] = set()
    unique = []
    for entry in entries:
        if entry.location and entry.location not in seen:
            seen.add(entry.location)
            unique.append(entry)
    return unique


def write_opml(entries: Iterable[OpmlEntry], title: str = "newsreader subscriptions") -> str:
    """An OPML 2.0 document with categories as nested folder outlines.

    Args:
        entries: The subscriptions, in the order to write them.
        title: The document's head title.

    Returns:
        The document as text (UTF-8 declared), ending in a newline.
    """
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    ElementTree.SubElement(head, "dateCreated").text = formatdate(usegmt=True)
    body = ElementTree.SubElement(root, "body")
    folders: dict[tuple[str, ...], ElementTree.Element] = {(): body}
    for entry in entries:
        parent = _folder(folders, _folder_path(entry.category))
        # Credentials in a feed URL stay on this machine: never in an exported file.
        title = redact_credentials(entry.title)
        attributes = {"text": title, "title": title}
        if entry.is_url:
            attributes |= {"type": "rss", "xmlUrl": strip_credentials(entry.location)}
        else:
            attributes |= {"type": "local", "xmlUrl": entry.location}
        site_url = browser_url(entry.site_url or "")  # http(s) only, as in the feed list
        if site_url:
            attributes["htmlUrl"] = strip_credentials(site_url)
        ElementTree.SubElement(parent, "outline", attributes)
    ElementTree.indent(root, space="  ")
    document = ElementTree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{document}\n'


def _folder_path(category: str | None) -> tuple[str, ...]:
    if not category:
        return ()
    parts = tuple(part for part in category.split(CATEGORY_SEPARATOR) if part)
    return parts[:MAX_FOLDER_DEPTH]


def _folder(
    folders: dict[tuple[str, ...], ElementTree.Element], path: tuple[str, ...]
) -> ElementTree.Element:
    """The outline for a folder path, created (with its parents) on first use."""
    for depth in range(1, len(path) + 1):
        if path[:depth] not in folders:
            name = path[depth - 1]
            folders[path[:depth]] = ElementTree.SubElement(
                folders[path[: depth - 1]], "outline", {"text": name, "title": name}
            )
    return folders[path]
