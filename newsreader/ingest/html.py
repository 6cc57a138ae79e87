"""HTML to a `Document`, on lxml's HTML parser (libxml2): one path for feeds, files and pages.

lxml parses in C in linear time, repairs broken markup as browsers do and caps nesting depth
(libxml2 stops descending at 256 levels), so hostile input costs no recursion and no quadratic
rescans. The walk over the tree is iterative (`etree.iterwalk`). Block elements become blocks
(`h1`-`h6` headings, `li` list items with their nesting depth and number, `blockquote`
quotations, `pre` code with its lines kept, `img` images), `<br>` becomes a line break inside
the block, and `<a href>` becomes a link span; every URL is resolved against the base given.
Embedded posts (`blockquote.twitter-tweet`, `bluesky-embed`, `mastodon-embed`) become one
`POST` block in the flattened post form.
"""

from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.etree
from lxml.etree import _Element

from newsreader.ingest.builder import DocumentBuilder, absolute_url
from newsreader.ingest.embeds import EMBED_CLASSES, Embed, flatten_embed
from newsreader.models import BlockKind, Document
from newsreader.text import clean_line, clean_text

__all__ = [
    "MAX_HTML_CHARS",
    "HtmlPage",
    "html_to_document",
    "parse_html_page",
    "without_controls",
]

MAX_HTML_CHARS = 1_000_000
"""Longer HTML is cut here before parsing: the cut bounds time and memory (a 2 MB run of
unclosed tags is 600,000 elements, about 1 s and 87 MiB in libxml2); article bodies are far
smaller."""

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "caption",
    ]
)
_DROPPED_TAGS = frozenset(
    [
        "script",
        "style",
        "iframe",
        "noscript",
        "svg",
        "template",
        "head",
        "math",
        "object",
        "canvas",
        "select",
        "button",
        "textarea",
        "noembed",
        "noframes",
        "audio",
        "video",
        "map",
        "title",
        "input",
    ]
)
_PAGE_ONLY_DROPPED = frozenset({"nav", "header", "footer", "aside", "form"})
"""Page chrome, dropped when a whole page is read (kept inside feed content)."""
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_CONTEXT_TAGS = frozenset({"blockquote", "pre", "ul", "ol", "li", *_HEADINGS})
_PLAIN_BLOCK_TAGS = _BLOCK_TAGS - _PAGE_ONLY_DROPPED - _CONTEXT_TAGS
"""Blocks that only end the open block (`<p>`, `<div>`): no context, never dropped."""
_CELL_TAGS = frozenset({"td", "th"})
_SCOPE_TAGS = ("article", "main")
_DEPTH_LIMIT = 250
"""Near libxml2's own limit (256), past which it stops reading the document."""
_ANY_TAG = re.compile(r"<[^<>]{0,2000}>")
_PARTIAL_TAG = re.compile(r"<[^<>]{0,2000}$")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")
_CONTROL_CHARREF = re.compile(r"&#(?:0*(\d{1,3})|[xX]0*([0-9a-fA-F]{1,2}));")


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What a whole HTML page offers an article: metadata and its body."""

    title: str
    """Text of `<title>`, or '' when absent."""
    first_heading: str
    """Text of the first `<h1>`, or ''."""
    published: str
    """`<time datetime>` or `article:published_time`, unparsed, or ''."""
    document: Document
    """The body, limited to `<article>`/`<main>` when those hold text."""


@dataclass(slots=True)
class _List:
    ordered: bool
    next_number: int = 1
    step: int = 1
    """-1 for `<ol reversed>`."""
    style: str = "1"
    """`<ol type>`: 1, a, A, i or I."""


@dataclass(slots=True)
class _Context:
    """Where the walk is: open lists, quotation depth, heading and list item being read."""

    lists: list[_List] = field(default_factory=list)
    quote_depth: int = 0
    heading: int = 0
    item_marker: str | None = None
    """The marker of the list item being read, until its first block is opened."""
    item_depth: int = 0


def _raw_control(reference: re.Match[str]) -> str:
    decimal, hexadecimal = reference.groups()
    code = int(decimal) if decimal else int(hexadecimal, 16)
    return chr(code) if code < 0x20 or code == 0x7F else reference.group(0)


def without_controls(html: str) -> str:
    """Untrusted HTML with every escape sequence and control character taken out, control
    character references (`&#27;`) included, for a parser other than ours (trafilatura):
    one that drops control characters one by one would leave an escape sequence's parameters
    behind as visible text."""
    return clean_text(_CONTROL_CHARREF.sub(_raw_control, html))


def _parse_tree(html: str) -> _Element | None:
    """Parse untrusted HTML into a tree, or None when there is nothing to parse."""
    html = html[:MAX_HTML_CHARS]
    # Control character references become raw characters, so `clean_text` later removes a
    # whole escape sequence rather than leaving its parameters behind as visible junk.
    if "&#" in html:  # most bodies have no character reference: no scan with a pattern
        html = _CONTROL_CHARREF.sub(_raw_control, html)
    if not html.strip():
        return None
    # lxml refuses str input that declares an encoding; the text is already decoded.
    html = _XML_DECLARATION.sub("", html)
    # lxml.etree's parser, not lxml.html's: the same libxml2 reading, without a Python class
    # lookup for every element (a sixth of the time of a feed entry's body).
    parser = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        return lxml.etree.fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None


_STRING = lxml.etree.XPath("string()", smart_strings=False)


def _text_content(element: _Element) -> str:
    """The text of an element and its descendants, without its tail (as lxml.html's
    `HtmlElement.text_content`)."""
    return str(_STRING(element))


class _Walker:
    """Turns an lxml tree into blocks, one element event at a time."""

    def __init__(self, builder: DocumentBuilder, *, page: bool) -> None:
        self.builder = builder
        self.dropped = _DROPPED_TAGS | (_PAGE_ONLY_DROPPED if page else frozenset())
        self.context = _Context()
        self.too_deep = False

    def walk(self, root: _Element) -> None:
        walker = lxml.etree.iterwalk(root, events=("start", "end"))
        depth = 0
        # Bound once: this loop runs for every element of every entry of an import.
        dropped, start, end, add_text = self.dropped, self._start, self._end, self._text
        for event, element in walker:
            tag = element.tag
            if type(tag) is not str:  # a comment or other node that is not an element
                tag = ""  # libxml2's HTML parser gives element names in lower case
            if event == "start":
                depth += 1
                if depth >= _DEPTH_LIMIT:
                    self.too_deep = True
                if start(tag, element):
                    # Its "end" still comes, and reads the tail there.
                    walker.skip_subtree()
                elif text := element.text:
                    add_text(text)
                continue
            depth -= 1
            if tag and tag not in dropped and not (tag == "blockquote" and _is_embed(element)):
                end(tag)
            if element is not root and (tail := element.tail):
                add_text(tail)

    # --- events ------------------------------------------------------------------------------

    def _start(self, tag: str, element: _Element) -> bool:
        """Handle an opening tag; True when its subtree was consumed here."""
        # The commonest tags first: a paragraph-like block that sets no context, a link.
        if tag in _PLAIN_BLOCK_TAGS:
            self.builder.close()
            return False
        if tag == "a":
            self.builder.open_link(element.get("href"))
            return False
        if not tag or tag in self.dropped:
            if tag == "iframe" and "mastodon-embed" in _classes(element):
                self._embed(element)
            return True
        if tag == "blockquote" and _is_embed(element):
            self._embed(element)
            return True
        builder = self.builder
        if tag == "pre":
            builder.close()
            builder.start(BlockKind.CODE)
            builder.text(_text_content(element))
            builder.close()
            return True
        if tag == "br":
            builder.line_break()
        elif tag == "img" and not _is_pixel(element):
            builder.image(element.get("src"), element.get("alt") or element.get("title") or "")
        elif tag == "a":
            builder.open_link(element.get("href"))
        elif tag in _CELL_TAGS:
            self._text(" ")
        elif tag in _BLOCK_TAGS:
            builder.close()
            self._open_context(tag, element)
        return False

    def _open_context(self, tag: str, element: _Element) -> None:
        context = self.context
        if tag in _HEADINGS:
            context.heading = _HEADINGS[tag]
        elif tag in ("ul", "ol"):
            context.lists.append(_new_list(tag, element))
        elif tag == "li":
            current = context.lists[-1] if context.lists else _List(False)
            if current.ordered:
                number = _int(element.get("value"), current.next_number)
                current.next_number = number + current.step
                context.item_marker = f"{_numeral(number, current.style)}."
            else:
                context.item_marker = "•"
            context.item_depth = max(len(context.lists), 1)
        elif tag == "blockquote":
            context.quote_depth += 1

    def _end(self, tag: str) -> None:
        if tag in _PLAIN_BLOCK_TAGS:
            self.builder.close()
            return
        if tag not in _BLOCK_TAGS:
            if tag == "a":
                self.builder.close_link()
            return
        self.builder.close()
        context = self.context
        if tag in _HEADINGS:
            context.heading = 0
        elif tag in ("ul", "ol") and context.lists:
            context.lists.pop()
        elif tag == "li":
            context.item_marker = None
            context.item_depth = 0
        elif tag == "blockquote":
            context.quote_depth = max(0, context.quote_depth - 1)

    def _tail(self, element: _Element) -> None:
        if element.tail:
            self._text(element.tail)

    def _text(self, text: str) -> None:
        builder = self.builder
        if not builder.in_block:
            if text.isspace():
                return
            self._open_block()
        builder.text(text)

    def _open_block(self) -> None:
        context = self.context
        if context.heading:
            self.builder.start(BlockKind.HEADING, level=context.heading)
        elif context.item_depth:
            marker, context.item_marker = context.item_marker or "", ""
            self.builder.start(BlockKind.LIST_ITEM, level=context.item_depth, marker=marker)
        elif context.quote_depth:
            self.builder.start(BlockKind.BLOCKQUOTE)
        else:
            self.builder.start(BlockKind.PARAGRAPH)

    def _embed(self, element: _Element) -> None:
        """An embedded post: one POST block in the flattened form (its plain text otherwise)."""
        self.builder.close()
        embed = _collect_embed(element)
        flattened = flatten_embed(embed)
        if flattened:
            self.builder.block(BlockKind.POST, flattened)
        for href in embed.hrefs or [embed.embed_url]:
            url = absolute_url(href, self.builder.base_url)
            if url:
                self.builder.link(url, "")


def _is_pixel(element: _Element) -> bool:
    """A tracking pixel or spacer: one pixel wide or high."""
    return any(
        (element.get(side) or "").strip() in ("0", "1", "1px") for side in ("width", "height")
    )


def _classes(element: _Element) -> frozenset[str]:
    return frozenset((element.get("class") or "").split())


def _is_embed(element: _Element) -> bool:
    return element.tag == "blockquote" and bool(_classes(element) & EMBED_CLASSES)


def _collect_embed(element: _Element) -> Embed:
    """The parts of an embed: its `<p>` text (the post), the rest (author line) and links."""
    classes = _classes(element) & EMBED_CLASSES
    url = element.get("data-embed-url") or (element.get("src") if element.tag == "iframe" else "")
    embed = Embed(classes, embed_url=url or "")
    if element.tag == "iframe":
        return embed
    for line_break in element.iter("br"):
        line_break.tail = " " + (line_break.tail or "")
    paragraphs = list(element.iter("p"))
    embed.post_chunks = [" ".join(_text_content(p) for p in paragraphs)]
    tail: list[str] = [element.text or ""]
    for child in element:
        if child.tag != "p" and isinstance(child.tag, str):
            tail.append(_text_content(child))
        tail.append(child.tail or "")
    embed.tail_chunks = tail
    embed.hrefs = [link.get("href") or "" for link in element.iter("a")]
    return embed


def _int(value: str | None, default: int) -> int:
    try:
        number = int((value or "").strip())
    except ValueError:
        return default
    return number if -1_000_000 < number < 1_000_000 else default


def _new_list(tag: str, element: _Element) -> _List:
    """A list's numbering: `start`, `reversed` (counting down from the item count) and `type`."""
    if tag != "ol":
        return _List(False)
    reversed_ = element.get("reversed") is not None
    items = sum(1 for child in element if child.tag == "li")
    start = _int(element.get("start"), items if reversed_ else 1)
    style = (element.get("type") or "1").strip()
    return _List(True, start, -1 if reversed_ else 1, style if style in "1aAiI" else "1")


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def _numeral(number: int, style: str) -> str:
    """`number` as a list item shows it: 3, c, C, iii or III (HTML's `<ol type>`)."""
    if style in "aA" and 0 < number <= 18_278:
        letters = ""
        while number:
            number, remainder = divmod(number - 1, 26)
            letters = chr(ord("a") + remainder) + letters
        return letters if style == "a" else letters.upper()
    if style in "iI" and 0 < number < 4000:
        roman = ""
        for value, numeral in _ROMAN:
            while number >= value:
                roman, number = roman + numeral, number - value
        return roman if style == "i" else roman.upper()
    return str(number)


def html_to_document(html: str, base_url: str | None = None) -> Document:
    """Convert an HTML fragment (feed content) or page into a `Document`.

    Args:
        html: Untrusted HTML, already decoded.
        base_url: What relative URLs are resolved against (xml:base or the page's URL).

    Returns:
        The blocks in reading order with their links (absolute URLs); empty for empty input.
        Scripts, styles, frames and other non-text subtrees are dropped; every text goes
        through `clean_text`.
    """
    builder = DocumentBuilder(base_url)
    root = _parse_tree(html)
    if root is not None:
        walker = _Walker(builder, page=False)
        walker.walk(root)
        if walker.too_deep:
            return _flat_document(html, base_url)
    return builder.finish()


def _flat_document(html: str, base_url: str | None) -> Document:
    """Markup nested deeper than libxml2 descends (256 levels): its text as one paragraph.

    libxml2 stops reading at that depth, which would lose the rest of the document; no real
    article nests so deep, so its words are kept without structure instead.
    """
    cut = _PARTIAL_TAG.sub("", html[:MAX_HTML_CHARS])
    text = " ".join(html_module.unescape(_ANY_TAG.sub(" ", cut)).split())
    builder = DocumentBuilder(base_url)
    builder.block(BlockKind.PARAGRAPH, text)
    return builder.finish()


def html_to_paragraphs(html: str) -> list[str]:
    """The block texts of `html_to_document(html)`: for callers that need plain paragraphs."""
    return list(html_to_document(html).paragraphs)


def parse_html_page(html: str, base_url: str | None = None) -> HtmlPage:
    """Read a whole HTML page: title, first heading, publication date and body.

    Args:
        html: Untrusted HTML of a page, already decoded.
        base_url: The page's address (a `<base href>` in the page takes precedence).

    Returns:
        The page's parts; the body is limited to `<article>`/`<main>` when those hold text,
        and page chrome (`nav`, `header`, `footer`, `aside`) is left out otherwise.
    """
    root = _parse_tree(html)
    if root is None:
        return HtmlPage("", "", "", Document())
    base = root.find(".//base")
    if base is not None and base.get("href"):
        base_url = _joined(base_url, base.get("href"))
    title = root.find(".//title")
    heading = root.find(".//h1")
    builder = DocumentBuilder(base_url)
    walker = _Walker(builder, page=True)
    walker.walk(_scope(root))
    document = _flat_document(html, base_url) if walker.too_deep else builder.finish()
    return HtmlPage(
        title=clean_line(_text_content(title))[:500] if title is not None else "",
        first_heading=clean_line(_text_content(heading))[:500] if heading is not None else "",
        published=_published(root),
        document=document,
    )


def _joined(base_url: str | None, href: str) -> str:
    try:
        return urljoin(base_url or "", href.strip())
    except ValueError:
        return base_url or ""


def _scope(root: _Element) -> _Element:
    """The `<article>` or `<main>` element holding the most text, else the body."""
    for tag in _SCOPE_TAGS:
        candidates = [e for e in root.iter(tag) if _text_content(e).strip()]
        if candidates:
            return max(candidates, key=lambda e: len(_text_content(e)))
    body = root.find("body")
    return body if body is not None else root


def _published(root: _Element) -> str:
    for element in root.iter("time", "meta"):
        if element.tag == "time" and element.get("datetime"):
            return clean_line(element.get("datetime") or "")[:100]
        if element.tag == "meta" and element.get("property") == "article:published_time":
            return clean_line(element.get("content") or "")[:100]
    return ""
