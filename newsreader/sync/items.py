"""Google Reader items to article drafts, through the same HTML path as feed entries."""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from newsreader.ingest.builder import DocumentBuilder
from newsreader.ingest.html import html_to_document
from newsreader.ingest.safety import MAX_BODY_CHARS, MAX_FIELD_CHARS, MAX_TITLE_CHARS
from newsreader.models import ArticleDraft, Document
from newsreader.store.sync import SyncedItem
from newsreader.sync.client import READ, STARRED
from newsreader.sync.ids import ItemIdError, item_id, long_form
from newsreader.text import clean_line, derive_title

logger = logging.getLogger(__name__)
UNTITLED = "(untitled)"
_COMPAT_FORMS = str.maketrans({"＆": "&", "＜": "<", "＞": ">"})
"""FreshRSS's "compat" output (all Google Reader clients get it) writes `&`, `<` and `>` in
titles as their fullwidth forms, for clients that would read titles as HTML; we read titles as
text, so they are turned back."""


@dataclass(frozen=True, slots=True)
class ServerItem:
    """One item read from the server: which stream it is in, the article and its state."""

    stream_id: str
    """The item's feed on the server (`origin.streamId`, e.g. `feed/3`)."""
    stream_title: str
    draft: ArticleDraft
    state: SyncedItem


def server_item(raw: dict[str, Any]) -> ServerItem:
    """Read one `stream/contents` item.

    Raises:
        ItemIdError: the item has no usable id (the caller skips it with a line).
    """
    number = item_id(raw.get("id"))
    origin = raw.get("origin")
    if not isinstance(origin, dict):
        origin = {}
    stream_id = _line(origin.get("streamId")) or "feed/unknown"
    stream_title = _line(origin.get("title")).translate(_COMPAT_FORMS) or stream_id
    link = _href(raw.get("canonical")) or _href(raw.get("alternate"))
    document = _document(raw, link or _line(origin.get("htmlUrl")) or None)
    guid = long_form(number)
    title = _line(html.unescape(_text(raw.get("title"))), MAX_TITLE_CHARS).translate(_COMPAT_FORMS)
    draft = ArticleDraft(
        guid=guid,
        title=title or derive_title(document.paragraphs) or UNTITLED,
        source_name=stream_title,
        document=document,
        published=_published(raw),
        link=link,
        author=_line(raw.get("author")) or None,
        location=link or guid,
    )
    categories = raw.get("categories")
    if not isinstance(categories, list):
        categories = []
    state = SyncedItem(guid, number, READ in categories, STARRED in categories)
    return ServerItem(stream_id, stream_title, draft, state)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _line(value: object, limit: int = MAX_FIELD_CHARS) -> str:
    return clean_line(value)[:limit] if isinstance(value, str) else ""


def _href(value: object) -> str | None:
    if isinstance(value, list):
        for link in value:
            if isinstance(link, dict) and isinstance(link.get("href"), str) and link["href"]:
                return clean_line(link["href"])[:MAX_FIELD_CHARS]
    return None


def _document(raw: dict[str, Any], base: str | None) -> Document:
    """The body (`content`, else `summary`) through the HTML path, with the enclosures."""
    body = ""
    for key in ("content", "summary"):
        holder = raw.get(key)
        if isinstance(holder, dict) and isinstance(holder.get("content"), str):
            body = holder["content"]
            if body:
                break
    document = html_to_document(body[:MAX_BODY_CHARS], base)
    enclosures = raw.get("enclosure")
    if not isinstance(enclosures, list) or not enclosures:
        return document
    builder = DocumentBuilder(base)
    for enclosure in enclosures:
        if isinstance(enclosure, dict) and isinstance(enclosure.get("href"), str):
            builder.enclosure(
                enclosure["href"], _line(enclosure.get("type")), enclosure.get("length")
            )
    found = builder.finish().enclosures
    return replace(document, enclosures=found) if found else document


def _published(raw: dict[str, Any]) -> datetime | None:
    """`published` (unix seconds), else the crawl time (milliseconds)."""
    for key, scale in (("published", 1), ("crawlTimeMsec", 1000)):
        value = raw.get(key)
        try:
            seconds = int(str(value)) / scale
            if seconds > 0:
                return datetime.fromtimestamp(seconds, UTC)
        except (TypeError, ValueError, OverflowError, OSError):
            continue
    return None


__all__ = ["ItemIdError", "ServerItem", "server_item"]
