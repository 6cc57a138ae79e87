"""Feed documents to articles: RSS, Atom and RDF through feedparser-rs or feedparser, JSON
Feed through `json`.

One path for files and HTTP alike. The bytes are decoded here by the HTTP and XML rules
(`newsreader.ingest.decode`), checked for entity declarations in the decoded text, and handed
to the parser re-encoded as UTF-8, so it reads exactly the text that was checked.

Well-formed documents are read by feedparser-rs (Rust, feedparser's dictionary shape, over
20 times faster per entry); feedparser stays the reference and reads every document the fast
parser cannot read as feedparser would (`_parse_fast` lists them: malformed XML, xml:base,
Atom text without a type). Both give the same mapping shape, read by the same code below.
feedparser applies xml:base; every URL still relative after that is resolved here against
Content-Location, else the final URL after redirects, else the channel's own link. Entry
bodies go through the one HTML path
(`newsreader.ingest.html`), dates through the one date parser (`newsreader.ingest.dates`).

A broken entry is skipped with one line; the rest of the feed is kept. A feed over the entry
cap is read up to the cap, with a line saying how many were skipped.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import html
import io
import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser_rs

from newsreader.ingest.builder import DocumentBuilder, absolute_url
from newsreader.ingest.dates import parse_date
from newsreader.ingest.decode import Decoded, decode_bytes
from newsreader.ingest.html import html_to_document
from newsreader.ingest.safety import (
    MAX_BODY_CHARS,
    MAX_ENTRIES,
    MAX_FIELD_CHARS,
    MAX_TITLE_CHARS,
    FeedRefused,
    check_entities,
)
from newsreader.ingest.textformats import derive_title
from newsreader.models import ArticleDraft, BlockKind, Document
from newsreader.text import clean_line

__all__ = ["FeedSource", "ParsedFeed", "looks_like_feed", "parse_feed", "read_feed"]

log = logging.getLogger(__name__)

_FEED_ROOT = re.compile(rb"<(?:[\w.-]+:)?(?:rss|feed|RDF|channel)[\s>]")
_ENTRY_START = re.compile(r"<(?:[\w.-]+:)?(?:item|entry)[\s>/]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")
_ENCODING_ATTRIBUTE = re.compile(r"""encoding\s*=\s*["'][^"']*["']""")
_XML_DECLARATION_BYTES = re.compile(rb"<\?xml[^>]{0,200}\?>")
_ENCODING_BYTES = re.compile(rb"""encoding\s*=\s*["']([^"']*)["']""")
_UNTITLED = "(untitled)"
EBCDIC_CODECS = frozenset({"cp037", "cp273", "cp424", "cp500", "cp875", "cp1026", "cp1140"})
"""Mainframe encodings: no feed needs them, and they hide markup from byte-level checks."""
_ABSOLUTE_WEB_URL = re.compile(r"^\s*https?://", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FeedSource:
    """Where a feed document came from, for charset and base rules and for error lines."""

    location: str
    """The path or the final URL after redirects (error lines start with it)."""
    content_type: str = ""
    """The HTTP `Content-Type` header value, charset included."""
    content_location: str = ""
    """The HTTP `Content-Location` header value, if any."""
    guid_prefix: str = ""
    """Prepended to every entry's identity (local files use `<relpath>#`)."""
    fallback_title: str = ""
    """The feed's title when the document has none."""

    @property
    def base_url(self) -> str | None:
        """What relative URLs resolve against: Content-Location, else an http(s) location."""
        is_url = urlsplit(self.location).scheme in ("http", "https")
        base = self.location if is_url else ""
        if self.content_location:
            with contextlib.suppress(ValueError):
                base = urljoin(base, self.content_location.strip())
        return base or None


@dataclass(slots=True)
class ParsedFeed:
    """A feed's title, its articles and one line per problem met on the way."""

    title: str
    articles: list[ArticleDraft] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    site_url: str = ""
    """The web page the feed belongs to (RSS/Atom `<link>`, JSON Feed `home_page_url`)."""


def looks_like_feed(data: bytes) -> bool:
    """Whether a file's bytes look like an RSS/Atom/RDF document or a JSON Feed.

    Args:
        data: The file's bytes.

    Returns:
        True when the start of the document names a feed root element or a JSON Feed version.
    """
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return b"jsonfeed.org/version" in head or b'"items"' in data[:65536]
    return head.startswith(b"<") and _FEED_ROOT.search(head) is not None


def read_feed(data: bytes, source: FeedSource) -> ParsedFeed:
    """Parse an RSS, Atom, RDF or JSON Feed document into articles.

    Args:
        data: The document's bytes (never a URL or path).
        source: Where they came from (headers and final URL for HTTP).

    Returns:
        The feed with every entry that could be read; a document that cannot be read at all
        gives no articles and one error line (`<location>: <what is wrong>`).
    """
    is_json = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")
    try:
        feed = _read_json(data, source) if is_json else _read_xml(data, source)
    except FeedRefused as error:
        return ParsedFeed(source.fallback_title, [], [f"{source.location}: {error}"])
    feed.articles = _unique(feed.articles)
    return feed


def parse_feed(
    data: bytes,
    *,
    location: str,
    guid_prefix: str = "",
    fallback_title: str = "",
    content_type: str = "",
    content_location: str = "",
) -> tuple[str, list[ArticleDraft], list[str]]:
    """`read_feed` as a tuple: (feed title, articles, error lines)."""
    source = FeedSource(location, content_type, content_location, guid_prefix, fallback_title)
    feed = read_feed(data, source)
    return feed.title, feed.articles, feed.errors


# ---------------------------------------------------------------------------------------------
# Entries shared by both formats


def _content_hash(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8", "replace")).hexdigest()[:16]


def _unique(articles: list[ArticleDraft]) -> list[ArticleDraft]:
    """Entries repeated with the same content are dropped; a reused id with other content
    gets a numbered suffix so neither is lost."""
    repeated = {guid for guid, count in Counter(a.guid for a in articles).items() if count > 1}
    if not repeated:
        return articles  # the common case: no content to compare
    seen: dict[str, int] = {}
    contents: set[tuple[str, str]] = set()
    unique = []
    for article in articles:
        if article.guid not in repeated:
            unique.append(article)
            continue
        fingerprint = (article.guid, _content_hash(article.title, *article.paragraphs))
        if fingerprint in contents:
            continue
        contents.add(fingerprint)
        count = seen.get(article.guid, 0)
        seen[article.guid] = count + 1
        if count:
            article = replace(article, guid=f"{article.guid}~{count + 1}")
        unique.append(article)
    return unique


def _line(value: object, limit: int = MAX_FIELD_CHARS) -> str:
    return clean_line(value)[:limit] if isinstance(value, str) else ""


def _title_from(document: Document, link: str | None) -> str:
    title = derive_title(document.paragraphs)
    if title:
        return title
    for enclosure in document.enclosures:
        name = urlsplit(enclosure.url).path.rstrip("/").rsplit("/", 1)[-1]
        if name:
            return clean_line(name)[:MAX_TITLE_CHARS]
    return _UNTITLED if not link else clean_line(link)[:MAX_TITLE_CHARS]


def _body(value: str, content_type: str, base_url: str | None) -> Document:
    """A text construct as a document: HTML through the HTML path, plain text by paragraphs."""
    value = value[:MAX_BODY_CHARS]
    plain = content_type.startswith("text/plain")
    if "html" in content_type or (not plain and "<" in value and ">" in value):
        return html_to_document(value, base_url)
    return _plain_text(value)


def _plain_text(value: str) -> Document:
    """Plain text as the feed wrote it: blank lines part paragraphs, single newlines stay."""
    builder = DocumentBuilder()
    for paragraph in re.split(r"\n[ \t]*\n", value.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        if not lines:
            continue
        builder.start(BlockKind.PARAGRAPH)
        for number, line in enumerate(lines):
            if number:
                builder.line_break()
            builder.text(line)
        builder.close()
    return builder.finish()


def _with_enclosures(
    document: Document, enclosures: Sequence[tuple[Any, Any, Any]], base: str | None
) -> Document:
    if not enclosures:
        return document  # most entries
    builder = DocumentBuilder(base)
    for url, mime_type, length in enclosures:
        builder.enclosure(url if isinstance(url, str) else None, _line(mime_type), length)
    found = builder.finish().enclosures
    return replace(document, enclosures=found) if found else document


def _skipping(
    items: Iterable[Any], build: Callable[[Any], ArticleDraft], location: str
) -> tuple[list[ArticleDraft], list[str]]:
    """Build each entry; one that raises is skipped with a line, the rest are kept."""
    articles: list[ArticleDraft] = []
    errors: list[str] = []
    for number, item in enumerate(items, start=1):
        try:
            articles.append(build(item))
        except Exception as error:  # one broken entry must not lose the feed
            log.warning("%s: entry %d skipped", location, number, exc_info=True)
            reason = clean_line(str(error))[:120] or type(error).__name__
            errors.append(f"{location}: entry {number} skipped ({reason})")
    return articles, errors


# ---------------------------------------------------------------------------------------------
# RSS, Atom and RDF


def _utf8_document(text: str, decoded: Decoded, data: bytes) -> bytes:
    """The decoded document as UTF-8 bytes whose declaration says UTF-8: `data` itself when
    it is that already (most documents; encoding 3 KB an entry again took a twentieth of the
    time of reading it), else `text` encoded with its declaration rewritten."""
    if (
        text is decoded.text  # nothing was cut
        and decoded.encoding == "utf-8"
        and not decoded.note  # strictly decoded: `data` is exactly `text` in UTF-8
        and not data.startswith(codecs.BOM_UTF8)
    ):
        found = _XML_DECLARATION_BYTES.match(data)
        if found is None and b"<?xml" not in data[:512]:
            return data
        named = _ENCODING_BYTES.search(found.group(0)) if found else None
        if found is not None and (named is None or named.group(1).lower() == b"utf-8"):
            return data
    declaration = _XML_DECLARATION.match(text)
    if declaration:
        rewritten = _ENCODING_ATTRIBUTE.sub('encoding="utf-8"', declaration.group(0).strip())
        text = rewritten + text[declaration.end() :]
    return text.encode("utf-8", "replace")


def _capped(text: str, location: str) -> tuple[str, list[str]]:
    """The document cut before the entry past the cap, and a line saying how many were cut."""
    starts = [m.start() for m in _ENTRY_START.finditer(text)]
    if len(starts) <= MAX_ENTRIES:
        return text, []
    return text[: starts[MAX_ENTRIES]], [_skipped_line(location, len(starts) - MAX_ENTRIES)]


_LONG_PERSON = re.compile(
    r"(<(?:[\w.-]+:)?(?:author|creator|contributor|name|email|managingEditor|webMaster)"
    r"\b[^<>]{0,200}>)"
    rf"([^<]{{{MAX_FIELD_CHARS * 4},}})"
)
"""An author-like element with more text than any name: feedparser's author parsing is
superlinear in it (20 items of 100 KB take over 30 s), so it is cut before parsing."""


_LONG_TEXT = re.compile(rf"[^<]{{{MAX_BODY_CHARS},}}")
"""A text run longer than any entry body: cut before feedparser copies it several times."""


def _cut_text(found: re.Match[str]) -> str:
    # A cut inside an entity reference (`&am`) would make the document malformed.
    return re.sub(r"&[#\w]{0,10}$", "", found.group(0)[:MAX_BODY_CHARS])


def _cut_person(found: re.Match[str]) -> str:
    return found.group(1) + found.group(2)[:MAX_FIELD_CHARS]


def _skipped_line(location: str, skipped: int) -> str:
    noun = "entry" if skipped == 1 else "entries"
    return f"{location}: {skipped:,} {noun} skipped (at most {MAX_ENTRIES:,} are read)"


def _read_xml(data: bytes, source: FeedSource) -> ParsedFeed:
    decoded = decode_bytes(data, content_type=source.content_type, markup="xml")
    if decoded.encoding in EBCDIC_CODECS:
        raise FeedRefused(f"EBCDIC encoding ({decoded.encoding}) refused: no feed is written in it")
    errors = [f"{source.location}: {decoded.note}"] if decoded.note else []
    check_entities(decoded.text)
    text, cap_errors = _capped(decoded.text, source.location)
    text = _LONG_PERSON.sub(_cut_person, text)
    text = _LONG_TEXT.sub(_cut_text, text)
    # feedparser is given the base only when the document sets xml:base, which may itself be
    # relative ("../site/") and then needs it. Otherwise it would resolve guids too (`ep12`
    # would become an address and change identity with the URL); relative URLs are then
    # resolved here against `base`.
    document = _utf8_document(text, decoded, data)
    # A document cut at the entry cap ends mid-way: feedparser's lenient parser reads it.
    parsed = _parse_fast(document, text) if not cap_errors else None
    fast = parsed is not None
    if parsed is None:
        headers = {"content-type": "application/xml; charset=utf-8"}
        if source.base_url and "xml:base" in text:
            headers["content-location"] = source.base_url
        parsed = _parse_reference(document, headers, source.location)
    atom = str(parsed.get("version") or "").startswith("atom")
    feed_title = _title_of(parsed.feed, guess_type=fast and not atom) or source.fallback_title
    channel_link = absolute_url(parsed.feed.get("link"), source.base_url)
    base = source.base_url or channel_link or None

    def build(entry: Mapping[str, Any]) -> ArticleDraft:
        return _xml_article(
            entry, source=source, feed_title=feed_title, base=base, atom=atom, fast=fast
        )

    articles, entry_errors = _skipping(parsed.entries, build, source.location)
    if not articles and not entry_errors:
        reason = parsed.get("bozo_exception") if parsed.get("bozo") else None
        raise FeedRefused(f"not a feed: {clean_line(str(reason))}" if reason else "no entries")
    return ParsedFeed(feed_title, articles, errors + cap_errors + entry_errors, channel_link)


def _parse_reference(document: bytes, headers: dict[str, str], location: str) -> Any:
    """The document as feedparser reads it; FeedRefused when feedparser itself fails."""
    try:
        # Imported here: feedparser-rs reads most documents, and feedparser costs a worker
        # process 14 MB and a tenth of a second.
        import feedparser

        # A stream, never bytes or str: feedparser opens a str as a URL or path.
        return feedparser.parse(
            io.BytesIO(document),
            response_headers=headers,
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except Exception as error:  # feedparser's own fault (a `<textInput>` in an item...)
        log.warning("%s: feedparser failed", location, exc_info=True)
        reason = f"{type(error).__name__}: {clean_line(str(error))[:120]}"
        raise FeedRefused(f"not a feed: the feed parser failed ({reason})") from error


_FAST_LIMITS = feedparser_rs.ParserLimits(
    max_feed_size_bytes=4 * 64 * 1024 * 1024,
    max_entries=MAX_ENTRIES + 1,
    max_links_per_feed=1_000,
    max_links_per_entry=1_000,
    max_authors=100,
    max_contributors=100,
    max_tags=1_000,
    max_content_blocks=100,
    max_enclosures=1_000,
)
"""Bounds for feedparser-rs: above anything the caps before it let through (entries, bytes),
so it never cuts silently; a list that reaches its bound sends the document to feedparser."""

_ATOM = "http://www.w3.org/2005/Atom"
_DC = "http://purl.org/dc/elements/1.1/"
_MEDIA = "http://search.yahoo.com/mrss/"
_ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
_FAST_VOCABULARIES = {
    "rss": frozenset(
        {
            "http://purl.org/rss/1.0/",
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "http://purl.org/rss/1.0/modules/content/",
            _DC,
            "http://wellformedweb.org/CommentAPI/",
            "http://purl.org/rss/1.0/modules/syndication/",
            "http://purl.org/rss/1.0/modules/slash/",
            _MEDIA,
            _ITUNES,
            _ATOM,
        }
    ),
    "atom": frozenset({_ATOM, "http://www.w3.org/1999/xhtml", _MEDIA}),
}
"""The namespaces whose elements feedparser-rs reads as feedparser does, checked over the
feedparser corpus; a document declaring any other goes to feedparser. In RSS the Atom
namespace is read for `atom:link` only (the channel's self link)."""
_FAST_UNREAD = frozenset(
    {(_DC, "title"), (_DC, "description"), (_DC, "author"), (_DC, "identifier")}
    | {(_MEDIA, "title"), (_MEDIA, "description")}
    | {(_ITUNES, "title"), (_ITUNES, "summary")}
)
"""Elements of those namespaces that feedparser reads into the title, body, author or id
differently from feedparser-rs (another precedence, or not at all)."""
_RSS_RIVALS = (
    ((_DC, "date"), re.compile(rb"<pubDate[ \t\r\n>]")),
    ((_DC, "creator"), re.compile(rb"<author[ \t\r\n>]")),
    ((_ITUNES, "author"), re.compile(rb"<author[ \t\r\n>]")),
)
"""RSS elements that both fill one field (the date, the author): feedparser keeps the last
written, feedparser-rs its own choice, so a document with both goes to feedparser."""
_ATTRIBUTE_REFERENCE = re.compile(r"""=\s*(?:"[^"<>]*&|'[^'<>]*&)""")
"""An attribute value with a character reference: feedparser-rs leaves `&amp;` in Atom link
addresses (RSS attributes it reads right)."""

_NAMESPACE_DECLARATION = re.compile(r"""xmlns(?::([\w.-]+))?\s*=\s*["']([^"']*)["']""")
_PREFIXED_ELEMENT = re.compile(r"<([A-Za-z_][\w.-]*):([A-Za-z_][\w.-]*)")
_RSS_FOREIGN_ELEMENT = re.compile(
    rb"<(?:body|fullitem|summary|updated|published|created|issued|modified|id)[ \t\r\n/>]"
)
"""Unprefixed elements that are not RSS but that feedparser reads in RSS (XHTML bodies,
Atom-style dates and ids); feedparser-rs ignores them."""
_FEED_LINK_REL = re.compile(
    r"""\srel\s*=\s*["'](?:self|hub|next|prev|previous|first|last|search)["']"""
)
_RSS2_ELEMENT = re.compile(r"<(?:guid|pubDate|author|enclosure)[\s/>]")
"""RSS 2.0 elements feedparser also reads in an RSS 1.0 (RDF) document; feedparser-rs does
not."""
_UNTYPED_ATOM_TEXT = re.compile(
    r"<(?:[\w.-]+:)?(?:title|subtitle|summary|content|rights)(?![\w.:-])(?![^<>]*\stype\s*=)"
)
"""An Atom text construct without a `type`: plain text by the standard (feedparser's reading),
but feedparser-rs cannot tell it from `type="html"`."""
_ATOM_LINK_WITHOUT_HREF = re.compile(r"<(?:[\w.-]+:)?link\b(?![^<>]*\bhref\s*=)")
"""An Atom `<link>` whose address is its text: feedparser reads it, feedparser-rs does not."""
_BASE64_TEXT = re.compile(
    r"""<(?:[\w.-]+:)?(?:title|subtitle|summary|content|rights)\s[^<>]*?"""
    r"""\b(?:mode\s*=\s*["']base64|"""
    r"""type\s*=\s*["'](?!\s*(?:text|html|xhtml)\s*["']|text/|[^"']*xml\s*["']))"""
)
"""Atom text in base64: `mode="base64"` (Atom 0.3) or a media type that is not text or XML
(RFC 4287 4.1.3.3); feedparser decodes it, feedparser-rs keeps the base64."""
_C1_CONTROL = re.compile(rb"\xc2[\x80-\x9f]")
_C1_REFERENCE = re.compile(rb"&#(?:1[2-5][0-9]|[xX]0*[89][0-9a-fA-F]);")
"""A C1 control, in UTF-8 or as a character reference: feedparser reads it as the
windows-1252 character publishers meant (`&#146;` is ’); feedparser-rs keeps the control."""


_ROOT = re.compile(r"<(?:[\w.-]+:)?(rss|RDF|feed)[\s>]")


def _family(version: str) -> str:
    """`rss` (RSS 0.9x, 1.0 and 2.0), `atom` (1.0 only) or '' from a format's version name."""
    return "atom" if version == "atom10" else "rss" if version.startswith("rss") else ""


def _fast_reads(document: bytes, text: str, family: str) -> set[tuple[str, str]] | None:
    """The namespaced elements used, if feedparser-rs reads this document as feedparser would
    (see `_parse_fast`); None if it does not.

    `document` is `text` in UTF-8 (searched as bytes where that is faster); `family` is the
    format its root element names (`rss` or `atom`).
    """
    # Checks of literal markup search the UTF-8 bytes: twice as fast as the text of a document
    # with any character outside Latin-1, and XML's whitespace is ASCII.
    if b"xml:base" in document or _C1_CONTROL.search(document) or _C1_REFERENCE.search(document):
        return None
    # feedparser writes `file:///x` as `file://x`; the same entry must keep one identity.
    if b"file:/" in document or (family == "atom" and _ATTRIBUTE_REFERENCE.search(text)):
        return None
    declared = {prefix: uri for prefix, uri in _NAMESPACE_DECLARATION.findall(text)}
    if not set(declared.values()) <= _FAST_VOCABULARIES[family]:
        return None
    used = set()
    first_entry = _ENTRY_START.search(text)
    for prefix, name in set(_PREFIXED_ELEMENT.findall(text)):
        uri = declared.get(prefix)
        if uri is None or (uri, name) in _FAST_UNREAD:
            return None
        if family == "rss" and uri == _ATOM:
            # The channel's `atom:link rel="self"` (or hub, paging) only: feedparser-rs skips
            # one in an item, and an alternate one that feedparser takes as the site.
            start = first_entry.start() if first_entry else 0
            if name != "link" or text.find(f"<{prefix}:link", start) >= 0:
                return None
            tags = re.finditer(rf"<{re.escape(prefix)}:link\b[^<>]*", text)
            if not all(_FEED_LINK_REL.search(tag.group(0)) for tag in tags):
                return None
        used.add((uri, name))
    if family == "atom":
        if _UNTYPED_ATOM_TEXT.search(text) or _BASE64_TEXT.search(text):
            return None
        return None if _ATOM_LINK_WITHOUT_HREF.search(text) else used
    if any(element in used and rival.search(document) for element, rival in _RSS_RIVALS):
        return None
    return None if _RSS_FOREIGN_ELEMENT.search(document) else used


def _parse_fast(document: bytes, text: str) -> Any | None:
    """The document as feedparser-rs reads it, or None when feedparser must read it instead.

    None for what feedparser-rs would read differently: a document that sets xml:base
    (feedparser resolves links against it and against Content-Location) or uses vocabularies
    or constructs it does not read as feedparser does (`_fast_reads`, checked first so such a
    document is parsed once); one it refuses, calls malformed or finds no entries in
    (feedparser's lenient reading and its error text are the reference); and one whose entry
    lists reach the bounds. The caller never hands it a document cut at the entry cap.
    """
    root = _ROOT.search(text)
    family = "atom" if root and root.group(1) == "feed" else "rss" if root else ""
    used = _fast_reads(document, text, family) if family else None
    if used is None or (root and root.group(1) == "RDF" and _RSS2_ELEMENT.search(text)):
        return None
    try:
        # Bytes, never str: feedparser-rs fetches a str that looks like a URL.
        parsed = feedparser_rs.parse_with_limits(
            document, limits=_FAST_LIMITS, sanitize_html=False, resolve_relative_uris=False
        )
    except Exception:  # any refusal is feedparser's to explain
        log.debug("feedparser-rs refused a document; feedparser reads it", exc_info=True)
        return None
    except BaseException as error:  # a panic in the Rust code arrives as a BaseException
        if type(error).__name__ != "PanicException":
            raise
        log.warning("feedparser-rs failed on a document; feedparser reads it", exc_info=True)
        return None
    if parsed.get("bozo") or not parsed.entries:
        return None
    if _family(str(parsed.get("version") or "")) != family:
        return None
    # An Atom entry without an author takes the feed's in feedparser-rs, not in feedparser;
    # of several authors or alternate links feedparser keeps the last, feedparser-rs the first;
    # a dc:date feedparser-rs cannot read is dropped, where the date parser here may read it;
    # and feedparser-rs blanks entry links and enclosures that name a private or local host
    # (192.168.x.x, localhost, *.local), which a home or office feed rightly does.
    feed_author = parsed.feed.get("author") if family == "atom" else None
    dc_dates = (_DC, "date") in used
    for entry in parsed.entries:
        if dc_dates and not (entry.get("published") or entry.get("updated")):
            return None
        enclosures = entry.get("enclosures") or ()
        if len(enclosures) >= _FAST_LIMITS.max_enclosures or entry.get("link") == "":
            return None
        if any(not item.get("href") for item in (*enclosures, *(entry.get("links") or ()))):
            return None
        if len(entry.get("authors") or ()) > 1 or (
            feed_author and entry.get("author") == feed_author
        ):
            return None
        if family == "atom" and len(_alternates(entry)) > 1:
            return None
    return parsed


def _alternates(entry: Any) -> set[str]:
    """The distinct addresses of an entry's alternate links."""
    return {
        link.get("href")
        for link in entry.get("links") or ()
        if link.get("rel") in (None, "alternate") and link.get("href")
    }


_HTML_SIGN = re.compile(r"</(\w+)>|&#?\w+;")
"""What feedparser's test below requires first: a closing tag or an entity reference."""


def _looks_like_html(text: str) -> bool:
    """feedparser's test of whether RSS text is HTML: a closing tag or an entity reference,
    and only HTML tags and entities (`_FeedParserMixin.looks_like_html`). Its first condition
    is checked here, so feedparser is loaded only for text that may be HTML."""
    if not _HTML_SIGN.search(text):
        return False
    import feedparser.mixin

    test: Callable[[str], bool] = feedparser.mixin._FeedParserMixin.looks_like_html
    return test(text)


_ENTITY_REFERENCE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,30});")


def _title_of(holder: Mapping[str, Any], *, guess_type: bool = False) -> str:
    """A feed's or entry's title as text: HTML titles converted, escaped entities read.

    Titles marked as HTML go through the HTML path; a plain title that still holds entity
    references (`Tom &amp; Jerry`, escaped twice by its publisher) has them read once.
    With `guess_type` (an RSS title as feedparser-rs reads it, always marked HTML) the title
    is HTML when feedparser's own test says it looks like HTML, as feedparser would mark it.
    """
    detail = holder.get("title_detail") or {}
    title = holder.get("title") or ""
    if not isinstance(title, str):
        return ""
    content_type = detail.get("type") or ""
    if guess_type and ("<" in title or "&" in title):
        content_type = "text/html" if _looks_like_html(title) else "text/plain"
    if "html" in content_type and ("<" in title or "&" in title):
        title = " ".join(html_to_document(title).paragraphs)
    elif _ENTITY_REFERENCE.search(title):
        title = html.unescape(title)
    return clean_line(title)[:MAX_TITLE_CHARS]


def _entry_document(entry: Mapping[str, Any], base: str | None, *, xml_base: bool) -> Document:
    """The longest of the entry's contents and summary, with its own xml:base if read."""
    candidates = []
    for content in entry.get("content") or []:
        candidates.append(
            (content.get("value") or "", content.get("type") or "", content.get("base"))
        )
    summary = entry.get("summary")
    if isinstance(summary, str) and summary:
        detail = entry.get("summary_detail") or {}
        candidates.append((summary, detail.get("type") or "", detail.get("base")))
    candidates = [c for c in candidates if isinstance(c[0], str)]
    if not candidates:
        return Document()
    value, content_type, own_base = max(candidates, key=lambda candidate: len(candidate[0]))
    if not xml_base:
        return _body(value, content_type, base)
    return _body(value, content_type, absolute_url(own_base, base) or base)


def _entry_link(
    entry: Mapping[str, Any], base: str | None, atom: bool, *, fast: bool = False
) -> str | None:
    """The entry's page: its alternate `<link>`, else (RSS) a guid that is a web address.

    feedparser copies an entry's id into `link` when it has no link of its own (feedparser-rs,
    `fast`, into `links` too); an Atom id, or an RSS guid such as `ep12`, is an identity and
    not an address, so it never becomes one.
    """
    hrefs = [
        candidate.get("href")
        for candidate in entry.get("links") or []
        if candidate.get("rel") in (None, "alternate") and candidate.get("href")
    ]
    link = entry.get("link")
    if fast and entry.get("guidislink"):
        hrefs = [href for href in hrefs if href != link]
    if isinstance(link, str) and link and link not in hrefs:
        from_guid = bool(entry.get("guidislink")) or link == entry.get("id")
        if from_guid and (atom or not _ABSOLUTE_WEB_URL.match(link)):
            link = None
    if not isinstance(link, str) or not link:
        link = hrefs[0] if hrefs else None
    # Kept whatever its scheme, so a `file:` link is shown and its refusal said; only
    # http(s) links are ever opened (`links.browser_url`) or fetched (full text).
    return (absolute_url(link, base, any_scheme=True) or None) if isinstance(link, str) else None


def _entry_base(entry: Mapping[str, Any]) -> str | None:
    """The xml:base in force for an entry, as feedparser tracked it (absolute ones only)."""
    details = [*(entry.get("content") or []), entry.get("summary_detail") or {}]
    for detail in details:
        base = detail.get("base") if _is_record(detail) else None
        if isinstance(base, str) and _ABSOLUTE_WEB_URL.match(base):
            return base
    return None


def _is_record(value: object) -> bool:
    """A parsed element: a dict from feedparser, an object with `get` from feedparser-rs."""
    return isinstance(value, Mapping) or hasattr(value, "get")


def _entry_published(entry: Mapping[str, Any]) -> Any:
    for key in ("published", "updated", "created", "issued", "modified"):
        moment = parse_date(entry.get(key))
        if moment is not None:
            return moment
    return None


def _xml_article(
    entry: Mapping[str, Any],
    *,
    source: FeedSource,
    feed_title: str,
    base: str | None,
    atom: bool = False,
    fast: bool = False,
) -> ArticleDraft:
    """One RSS/Atom entry as an article.

    `fast` says feedparser-rs read it: its RSS titles are all marked HTML, so their type is
    guessed as feedparser guesses it; and its `base` fields hold the channel link rather than
    an xml:base (documents with xml:base are read by feedparser), so they are not read.
    """
    title = _title_of(entry, guess_type=fast and not atom)
    link = _entry_link(entry, base, atom, fast=fast)
    document = _entry_document(entry, base, xml_base=not fast)
    enclosures = [
        (e.get("href") or e.get("url"), e.get("type"), e.get("length"))
        for e in entry.get("enclosures") or []
        if _is_record(e)
    ]
    # Media RSS (`<media:content>`, also inside `<media:group>`): podcasts and video feeds
    # that carry their file only there.
    enclosures += [
        (m.get("url"), m.get("type"), m.get("filesize") or m.get("fileSize"))
        for m in entry.get("media_content") or []
        if _is_record(m) and m.get("url")
    ]
    entry_base = _entry_base(entry) if not fast else None
    document = _with_enclosures(document, enclosures, entry_base or base)
    entry_id = _line(entry.get("id"), 2048)
    identity = entry_id or link or _content_hash(title, *document.paragraphs)
    return ArticleDraft(
        guid=source.guid_prefix + identity,
        title=title or _title_from(document, link),
        source_name=feed_title,
        document=document,
        link=link,
        author=_line(entry.get("author")) or None,
        published=_entry_published(entry),
        location=source.location,
    )


# ---------------------------------------------------------------------------------------------
# JSON Feed (https://jsonfeed.org/version/1.1)

_VERSION_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def _is_json_feed(feed: object) -> bool:
    """JSON Feed 1.0/1.1 by its version URL; also the bare `"1.1"` some publishers write."""
    if not isinstance(feed, dict) or not isinstance(feed.get("items", []), list):
        return False
    version = feed.get("version")
    if isinstance(version, str):
        return "jsonfeed.org/version" in version or bool(_VERSION_NUMBER.match(version.strip()))
    return version is None and isinstance(feed.get("items"), list)


def _read_json(data: bytes, source: FeedSource) -> ParsedFeed:
    try:
        feed = json.loads(decode_bytes(data, content_type=source.content_type, markup="text").text)
    except (ValueError, RecursionError) as error:
        raise FeedRefused(f"not a feed: invalid JSON ({clean_line(str(error))[:120]})") from error
    if not _is_json_feed(feed):
        raise FeedRefused("not a feed: JSON without a JSON Feed version")
    feed_title = _line(feed.get("title"), MAX_TITLE_CHARS) or source.fallback_title
    items = [item for item in feed.get("items") or [] if isinstance(item, dict)]
    errors = []
    if len(items) > MAX_ENTRIES:
        skipped = len(items) - MAX_ENTRIES
        errors.append(
            f"{source.location}: {skipped:,} entries skipped (at most {MAX_ENTRIES:,} are read)"
        )
        items = items[:MAX_ENTRIES]
    base = source.base_url or absolute_url(_text(feed, "home_page_url"), None) or None

    def build(item: Mapping[str, Any]) -> ArticleDraft:
        return _json_article(item, feed, source=source, feed_title=feed_title, base=base)

    articles, entry_errors = _skipping(items, build, source.location)
    if not articles and not entry_errors:
        raise FeedRefused("no entries")
    site_url = absolute_url(_text(feed, "home_page_url"), None)
    return ParsedFeed(feed_title, articles, errors + entry_errors, site_url)


def _text(item: Mapping[str, Any], key: str) -> str:
    value = item.get(key)
    return value if isinstance(value, str) else ""


def _json_author(item: Mapping[str, Any], feed: Mapping[str, Any]) -> str | None:
    """JSON Feed 1.1 `authors`, else 1.0 `author`, from the item or the feed."""
    for holder in (item, feed):
        authors = holder.get("authors")
        if not isinstance(authors, list):
            authors = [holder.get("author")]
        names = [_line(a.get("name")) for a in authors if isinstance(a, dict)]
        names = [name for name in names if name]
        if names:
            return ", ".join(names)[:MAX_FIELD_CHARS]
    return None


def _json_article(
    item: Mapping[str, Any],
    feed: Mapping[str, Any],
    *,
    source: FeedSource,
    feed_title: str,
    base: str | None,
) -> ArticleDraft:
    link = absolute_url(_text(item, "url"), base, any_scheme=True) or absolute_url(
        _text(item, "external_url"), base, any_scheme=True
    )
    html, text = _text(item, "content_html"), _text(item, "content_text")
    item_base = link or base
    if html and len(html) >= len(text):
        document = html_to_document(html[:MAX_BODY_CHARS], item_base)
    else:
        document = _body(text or _text(item, "summary"), "text/plain", item_base)
    attachments = item.get("attachments")
    if not isinstance(attachments, list):
        attachments = []
    enclosures = [
        (a.get("url"), a.get("mime_type"), a.get("size_in_bytes"))
        for a in attachments
        if isinstance(a, dict)
    ]
    document = _with_enclosures(document, enclosures, item_base)
    title = _line(item.get("title"), MAX_TITLE_CHARS)
    item_id = item.get("id")
    identity = _line(str(item_id), 2048) if isinstance(item_id, str | int) else ""
    published = parse_date(item.get("date_published")) or parse_date(item.get("date_modified"))
    return ArticleDraft(
        guid=source.guid_prefix + (identity or link or _content_hash(title, *document.paragraphs)),
        title=title or _title_from(document, link or None),
        source_name=feed_title,
        document=document,
        link=link or None,
        author=_json_author(item, feed),
        published=published,
        location=source.location,
    )
