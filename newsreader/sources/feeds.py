"""Feed documents to articles: RSS and Atom through feedparser, JSON Feed through `json`.

Feed bytes are untrusted. Entity declarations are checked before feedparser sees the document
(its loose fallback parser expands a quadratic-blowup entity to gigabytes), feedparser is
handed a stream so it never treats the bytes as a path or URL, and every string goes through
`newsreader.text` before it becomes part of an article.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import feedparser

from newsreader.models import ArticleDraft
from newsreader.text import clean_line, clean_text, derive_title, html_to_paragraphs

__all__ = ["FeedRefused", "check_entities", "looks_like_feed", "parse_feed"]

MAX_ENTITY_VALUE = 256
"""Longest literal entity value allowed: enough for real feeds, too short for a blowup."""
MAX_ENTITY_DECLARATIONS = 64
MAX_BODY_CHARS = 2_000_000
"""Entry bodies are cut here before conversion: no article is longer, and a hostile 50 MB item
would otherwise cost tens of seconds."""
MAX_TITLE_CHARS = 500
MAX_ENTRIES = 10_000
"""XML feeds with more entries are refused before parsing: feedparser needs about 30 s and
hundreds of MiB for 100,000 items, and no real feed carries more than a few hundred."""

_ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)
# A harmless declaration: a general entity whose value is literal text or one character
# reference. Parameter entities (%), external ones (SYSTEM/PUBLIC) and values that refer to
# other entities are what entity attacks are made of.
_SAFE_ENTITY = re.compile(
    r"""<!ENTITY\s+[\w.:-]+\s+(?:"(?:[^"&<%]|&\#\w+;)*"|'(?:[^'&<%]|&\#\w+;)*')\s*>""",
    re.IGNORECASE,
)
_FEED_ROOT = re.compile(rb"<(?:\w+:)?(?:rss|feed|RDF|channel)[\s>]")
_UNTITLED = "(untitled)"


class FeedRefused(Exception):
    """A document that is refused before parsing; the message says why."""


def _text_for_scanning(data: bytes) -> str:
    """The document as text good enough to find declarations in, whatever its encoding."""
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    head = data[:4]
    if head.count(0) >= 2:  # UTF-16/32 without a byte order mark
        codec = "utf-16-be" if head[0] == 0 and head[1] != 0 else "utf-16-le"
        if head.count(0) == 3:
            codec = "utf-32-be" if head[0] == 0 else "utf-32-le"
        return data.decode(codec, errors="replace")
    return data.decode("latin-1")


def check_entities(data: bytes) -> None:
    """Refuse documents that declare anything but short literal entities.

    Args:
        data: The raw document.

    Raises:
        FeedRefused: For parameter or external entities (XXE), entities built from other
            entities (billion laughs) and long or many literal ones (quadratic blowup).
    """
    text = _text_for_scanning(data)
    for count, declaration in enumerate(_ENTITY_DECLARATION.finditer(text), start=1):
        if count > MAX_ENTITY_DECLARATIONS:
            raise FeedRefused(f"more than {MAX_ENTITY_DECLARATIONS} entity declarations")
        safe = _SAFE_ENTITY.match(text, declaration.start(), declaration.start() + 400)
        if safe is None or len(safe.group(0)) > MAX_ENTITY_VALUE + 64:
            snippet = clean_line(text[declaration.start() : declaration.start() + 60])
            raise FeedRefused(f"unsafe XML entity declaration ({snippet}…)")


def looks_like_feed(data: bytes) -> bool:
    """Whether a file's bytes look like an RSS/Atom/RDF document or a JSON Feed.

    Args:
        data: The file's bytes.

    Returns:
        True when the start of the document names a feed root element or a JSON Feed version.
    """
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return b"jsonfeed.org/version" in head
    return head.startswith(b"<") and _FEED_ROOT.search(head) is not None


# ---------------------------------------------------------------------------------------------
# Shared helpers


def _content_hash(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8", "replace")).hexdigest()[:16]


def _unique_guids(articles: list[ArticleDraft]) -> list[ArticleDraft]:
    """Feeds repeat ids; later duplicates get a numbered suffix so none is lost."""
    seen: dict[str, int] = {}
    unique = []
    for article in articles:
        count = seen.get(article.guid, 0)
        seen[article.guid] = count + 1
        if count:
            article = _with_guid(article, f"{article.guid}~{count + 1}")
        unique.append(article)
    return unique


def _with_guid(article: ArticleDraft, guid: str) -> ArticleDraft:
    return replace(article, guid=guid)


def _text_paragraphs(value: str, content_type: str) -> list[str]:
    """A text construct's paragraphs: HTML converted, plain text split on blank lines."""
    value = value[:MAX_BODY_CHARS]
    if "html" in content_type or "<" in value:
        return html_to_paragraphs(value)
    blocks = re.split(r"\n[ \t]*\n", clean_text(value))
    return [line for line in (" ".join(block.split()) for block in blocks) if line]


def _build_article(
    *,
    identity: str,
    title: str,
    paragraphs: list[str],
    feed_title: str,
    **fields: Any,
) -> ArticleDraft:
    """An article from an entry's cleaned parts; the title is derived when missing."""
    if not paragraphs and fields.get("link"):
        paragraphs = [fields["link"]]
    return ArticleDraft(
        guid=identity,
        title=title[:MAX_TITLE_CHARS] or derive_title(paragraphs) or _UNTITLED,
        source_name=feed_title,
        paragraphs=tuple(paragraphs),
        **fields,
    )


def _clean_link(value: object) -> str | None:
    link = clean_line(value) if isinstance(value, str) else ""
    return link or None


# ---------------------------------------------------------------------------------------------
# RSS and Atom


def _entry_title(entry: Mapping[str, Any]) -> str:
    detail = entry.get("title_detail") or {}
    title = entry.get("title") or ""
    if "html" in (detail.get("type") or "") and ("<" in title or "&" in title):
        return clean_line(" ".join(html_to_paragraphs(title)))
    return clean_line(title)


def _entry_body(entry: Mapping[str, Any]) -> list[str]:
    """The longest of the entry's contents and summary, as paragraphs."""
    candidates = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content") or []]
    summary = entry.get("summary") or ""
    if summary:
        candidates.append((summary, (entry.get("summary_detail") or {}).get("type") or ""))
    if not candidates:
        return []
    value, content_type = max(candidates, key=lambda candidate: len(candidate[0]))
    return _text_paragraphs(value, content_type)


def _entry_published(entry: Mapping[str, Any]) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        moment = entry.get(key)
        if moment:
            try:
                return datetime.fromtimestamp(calendar.timegm(moment), tz=UTC)
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _rss_article(
    entry: Mapping[str, Any], *, guid_prefix: str, feed_title: str, location: str
) -> ArticleDraft:
    title = _entry_title(entry)
    paragraphs = _entry_body(entry)
    link = _clean_link(entry.get("link"))
    entry_id = clean_line(entry.get("id") or "") if isinstance(entry.get("id"), str) else ""
    identity = entry_id or link or _content_hash(title, *paragraphs)
    return _build_article(
        identity=guid_prefix + identity,
        title=title,
        paragraphs=paragraphs,
        feed_title=feed_title,
        link=link,
        author=clean_line(entry.get("author") or "") or None,
        published=_entry_published(entry),
        location=location,
    )


def _parse_xml_feed(
    data: bytes, *, location: str, guid_prefix: str, fallback_title: str
) -> tuple[str, list[ArticleDraft]]:
    check_entities(data)
    entry_count = data.count(b"<item") + data.count(b"<entry")
    if entry_count > MAX_ENTRIES:
        raise FeedRefused(f"too many entries ({entry_count:,}; at most {MAX_ENTRIES:,} are read)")
    # A stream, never bytes or str: feedparser opens a str as a URL or path, and even bytes
    # as a file name when such a file exists.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    feed_title = clean_line(parsed.feed.get("title") or "") or fallback_title
    articles = [
        _rss_article(entry, guid_prefix=guid_prefix, feed_title=feed_title, location=location)
        for entry in parsed.entries
    ]
    if not articles:
        reason = parsed.get("bozo_exception") if parsed.get("bozo") else None
        raise FeedRefused(f"not a feed: {clean_line(str(reason))}" if reason else "no entries")
    return feed_title, articles


# ---------------------------------------------------------------------------------------------
# JSON Feed


def _json_author(item: Mapping[str, Any], feed: Mapping[str, Any]) -> str | None:
    """JSON Feed 1.1 `authors`, else 1.0 `author`, from the item or the feed."""
    for holder in (item, feed):
        authors = holder.get("authors")
        if not isinstance(authors, list):
            authors = [holder.get("author")]
        names = [clean_line(a["name"]) for a in authors if isinstance(a, dict) and a.get("name")]
        names = [name for name in names if name]
        if names:
            return ", ".join(names)
    return None


def _json_date(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _json_string(item: Mapping[str, Any], key: str) -> str:
    value = item.get(key)
    return value if isinstance(value, str) else ""


def _json_body(item: Mapping[str, Any]) -> list[str]:
    html, text = _json_string(item, "content_html"), _json_string(item, "content_text")
    summary = _json_string(item, "summary")
    if len(html) >= len(text) and html:
        return html_to_paragraphs(html[:MAX_BODY_CHARS])
    return _text_paragraphs(text or summary, "text/plain")


def _json_article(item: Mapping[str, Any], feed: Mapping[str, Any], **context: str) -> ArticleDraft:
    title = clean_line(_json_string(item, "title"))
    paragraphs = _json_body(item)
    link = _clean_link(item.get("url")) or _clean_link(item.get("external_url"))
    item_id = item.get("id")
    identity = clean_line(str(item_id)) if isinstance(item_id, str | int) else ""
    published = _json_date(item.get("date_published")) or _json_date(item.get("date_modified"))
    return _build_article(
        identity=context["guid_prefix"] + (identity or link or _content_hash(title, *paragraphs)),
        title=title,
        paragraphs=paragraphs,
        feed_title=context["feed_title"],
        link=link,
        author=_json_author(item, feed),
        published=published,
        location=context["location"],
    )


def _parse_json_feed(
    data: bytes, *, location: str, guid_prefix: str, fallback_title: str
) -> tuple[str, list[ArticleDraft]]:
    try:
        feed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise FeedRefused(f"not a feed: invalid JSON ({clean_line(str(error))[:120]})") from error
    version = feed.get("version") if isinstance(feed, dict) else None
    if not isinstance(version, str) or "jsonfeed.org" not in version:
        raise FeedRefused("not a feed: JSON without a JSON Feed version")
    feed_title = clean_line(_json_string(feed, "title")) or fallback_title
    items: Iterable[Any] = feed.get("items") if isinstance(feed.get("items"), list) else []
    context = {"guid_prefix": guid_prefix, "feed_title": feed_title, "location": location}
    articles = [_json_article(item, feed, **context) for item in items if isinstance(item, dict)]
    if not articles:
        raise FeedRefused("no entries")
    return feed_title, articles


# ---------------------------------------------------------------------------------------------


def parse_feed(
    data: bytes, *, location: str, guid_prefix: str = "", fallback_title: str = ""
) -> tuple[str, list[ArticleDraft], list[str]]:
    """Parse an RSS, Atom, RDF or JSON Feed document into articles.

    Args:
        data: The document's bytes (never a URL or path).
        location: Where it came from, for error lines and `ArticleDraft.location`.
        guid_prefix: Prepended to every entry's identity (local files use `<relpath>#`).
        fallback_title: Feed title to use when the document has none.

    Returns:
        The feed title, the articles, and error lines (`<location>: <what is wrong>`); a
        document that cannot be read gives no articles and one error line.
    """
    is_json = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"
    parse = _parse_json_feed if is_json else _parse_xml_feed
    try:
        feed_title, articles = parse(
            data, location=location, guid_prefix=guid_prefix, fallback_title=fallback_title
        )
    except FeedRefused as error:
        return fallback_title, [], [f"{location}: {error}"]
    return feed_title, _unique_guids(articles), []
