"""Untrusted text made safe and readable: control stripping, HTML to paragraphs, titles.

Everything here is pure and linear in its input. Text from files and feeds passes through
`clean_text` before it can reach a terminal, so escape sequences, C1 controls and bidi
overrides never do. The HTML converter is an event-driven `html.parser` subclass that keeps
counters instead of a tree, so 100,000 nested tags cost no recursion.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = [
    "HtmlPage",
    "clean_line",
    "clean_text",
    "derive_title",
    "html_to_paragraphs",
    "parse_html_page",
]

# C0 controls except \t and \n, DEL, C1 controls, bidi embeddings/overrides and isolates.
_UNSAFE_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Whole escape sequences, so their parameters do not survive as visible junk.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI, 7- and 8-bit (SGR, cursor moves, ...)
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"  # OSC 0/8/52 ... to BEL or ST
    r"|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)"  # DCS, SOS, PM, APC
    r"|\x1b[ -/]*[0-~]"  # any other ESC sequence (charset selection, reset, ...)
)
_WHITESPACE_RUN = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Remove everything that could act on a terminal from untrusted text.

    Args:
        text: Text from a file or the network.

    Returns:
        The text without escape sequences, control characters (except newline and tab) and
        bidi overrides; carriage returns become newlines.
    """
    if not _UNSAFE_CHAR.search(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE_CHAR.sub("", _ESCAPE_SEQUENCE.sub("", text))


def clean_line(text: str) -> str:
    """Clean untrusted text for one line (a title, a name): whitespace runs become one space.

    Args:
        text: Text from a file or the network.

    Returns:
        The cleaned text on a single line, stripped.
    """
    return " ".join(clean_text(text).split())


# ---------------------------------------------------------------------------------------------
# Embedded posts

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY_DATE = re.compile(_MONTH + r"\s+\d{1,2},\s+\d{4}")
# The author line after the post text: "— Display Name (@handle) January 2, 2020".
_AUTHOR_TAIL = re.compile(
    r"(?:^|\s)(?:—|―|--)\s*(?P<name>[^()—―]{0,80}?)\s*\(\s*@(?P<handle>[^()\s]{1,100})\s*\)"
    r"(?P<date>[^()—―]{0,60})$"
)
_TWITTER_STATUS = re.compile(
    r"https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(?:\w{1,15}|i(?:/web)?)/status(?:es)?/\d{5,20}"
)
_BLUESKY_POST = re.compile(r"https?://bsky\.app/profile/[^/\s?#]+/post/[\w-]+")
_MASTODON_POST = re.compile(r"(?P<url>https?://(?P<instance>[\w.-]+)/@(?P<user>\w+)/\d+)")
_EMBED_CLASSES = frozenset({"twitter-tweet", "twitter-video", "bluesky-embed", "mastodon-embed"})
# Text the Mastodon embed script shows in place of the post; it is not the post's words.
_MASTODON_BOILERPLATE = re.compile(r"^Post by @\S+\s*View on Mastodon$")
# How much of an embed's tail the author regex looks at, so hostile input stays linear.
_TAIL_WINDOW = 400


@dataclass
class _Embed:
    """What has been collected so far inside an embedded-post blockquote."""

    classes: frozenset[str]
    embed_url: str = ""
    depth: int = 1
    in_paragraph: bool = False
    post_chunks: list[str] = field(default_factory=list)
    tail_chunks: list[str] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)


def _first_match(pattern: re.Pattern[str], candidates: Sequence[str]) -> str:
    """The first match of `pattern` in any of `candidates` (last candidate first), or ''."""
    for candidate in reversed(candidates):
        found = pattern.search(candidate)
        if found:
            return found.group(0)
    return ""


def _short_date(date_text: str) -> str:
    """`May 2, 2025 at 9:15 PM` -> `May 2, 2025`; other date texts are kept as they are."""
    found = _DAY_DATE.search(date_text)
    return found.group(0) if found else date_text.strip(" .")


def _join_words(*parts: str) -> str:
    """Join non-empty parts with single spaces, collapsing whitespace inside them."""
    return " ".join(" ".join(parts).split())


def _flatten_mastodon(embed: _Embed, post_text: str) -> str | None:
    """Flatten a Mastodon embed: author and handle come from the post URL."""
    found = _MASTODON_POST.search(embed.embed_url) or _MASTODON_POST.search(" ".join(embed.hrefs))
    if not found:
        return None
    if _MASTODON_BOILERPLATE.match(post_text):
        post_text = ""
    user, instance = found.group("user"), found.group("instance")
    return _join_words(post_text, f"— {user} (@{user}@{instance})", found.group("url"))


def _flatten_embed(embed: _Embed) -> str:
    """Turn a collected embed into the flattened post form, or its plain text if it has none."""
    post_text = clean_line("".join(embed.post_chunks))
    tail_text = clean_line("".join(embed.tail_chunks))
    if "mastodon-embed" in embed.classes:
        flattened = _flatten_mastodon(embed, _join_words(post_text, tail_text))
        if flattened:
            return flattened
    # Without a <p>, the post text and the author line share the tail.
    window = tail_text[-_TAIL_WINDOW:]
    author = _AUTHOR_TAIL.search(window if post_text else " " + window)
    if not author:
        return _join_words(post_text, tail_text)
    if not post_text:
        post_text = tail_text[: len(tail_text) - len(window) + max(author.start() - 1, 0)]
    url_pattern = _BLUESKY_POST if "bluesky-embed" in embed.classes else _TWITTER_STATUS
    url = _first_match(url_pattern, embed.hrefs)
    name, handle = author.group("name"), author.group("handle")
    date = _short_date(author.group("date"))
    return _join_words(post_text, f"— {name} (@{handle})", date, url)


# ---------------------------------------------------------------------------------------------
# HTML to paragraphs

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
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
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
    ]
)
_CELL_TAGS = frozenset({"td", "th"})
_SCOPE_TAGS = frozenset({"article", "main"})


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What a whole HTML page offers an article: metadata and body paragraphs."""

    title: str
    """Text of `<title>`, or '' when absent."""
    first_heading: str
    """Text of the first `<h1>`, or ''."""
    published: str
    """`<time datetime>` or `article:published_time`, unparsed, or ''."""
    paragraphs: tuple[str, ...]
    """Body paragraphs, from `<article>`/`<main>` when the page has them."""


class _ParagraphParser(HTMLParser):
    """Streams HTML events into clean paragraphs, keeping counters rather than a tree."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.scoped_paragraphs: list[str] = []
        self.title_chunks: list[str] = []
        self.heading_chunks: list[str] = []
        self.published = ""
        self._chunks: list[str] = []
        self._dropped_depth: dict[str, int] = {}
        self._dropping = 0
        self._scope_depth = 0
        self._in_title = False
        self._heading_state = 0  # 0 before the first <h1>, 1 inside it, 2 after it
        self._after_break = False
        self._embed: _Embed | None = None

    # -- paragraphs ----------------------------------------------------------------------

    def _flush(self) -> None:
        """End the current paragraph, keeping it when it has any visible text."""
        self._after_break = False
        if not self._chunks:
            return
        paragraph = " ".join(clean_text("".join(self._chunks)).split())
        self._chunks = []
        if paragraph:
            self._add_paragraph(paragraph)

    def _add_paragraph(self, paragraph: str) -> None:
        self.paragraphs.append(paragraph)
        if self._scope_depth:
            self.scoped_paragraphs.append(paragraph)

    def _line_break(self) -> None:
        """A lone `<br>` separates words; two in a row separate paragraphs."""
        if self._after_break:
            self._flush()
        else:
            self._chunks.append(" ")
            self._after_break = True

    # -- dropped subtrees ----------------------------------------------------------------

    def _enter_dropped(self, tag: str) -> None:
        self._dropped_depth[tag] = self._dropped_depth.get(tag, 0) + 1
        self._dropping += 1

    def _leave_dropped(self, tag: str) -> None:
        if self._dropped_depth.get(tag, 0) > 0:
            self._dropped_depth[tag] -= 1
            self._dropping -= 1

    def _close_head(self) -> None:
        """Body content implies the head ended, even when `</head>` is missing."""
        self._dropping -= self._dropped_depth.pop("head", 0)

    # -- embeds --------------------------------------------------------------------------

    def _start_embed(self, tag: str, attrs: dict[str, str]) -> bool:
        """Begin collecting an embedded post when this tag is one; True if it was."""
        classes = frozenset(attrs.get("class", "").split()) & _EMBED_CLASSES
        if not classes:
            return False
        if tag == "iframe":
            if "mastodon-embed" in classes:
                self._flush()
                iframe_embed = _Embed(classes, embed_url=attrs.get("src", ""))
                self._add_paragraph(_flatten_embed(iframe_embed))
            return False
        self._flush()
        self._embed = _Embed(classes, embed_url=attrs.get("data-embed-url", ""))
        return True

    def _embed_tag(self, embed: _Embed, tag: str, attrs: dict[str, str], starting: bool) -> None:
        """Track structure inside an embed: nesting, its <p>, and links."""
        if tag == "blockquote":
            embed.depth += 1 if starting else -1
            if embed.depth == 0:
                self._finish_embed()
        elif tag == "p":
            embed.in_paragraph = starting
        elif tag == "br" and starting:
            (embed.post_chunks if embed.in_paragraph else embed.tail_chunks).append(" ")
        elif tag == "a" and starting and attrs.get("href"):
            embed.hrefs.append(attrs["href"])

    def _finish_embed(self) -> None:
        if self._embed is not None:
            flattened = _flatten_embed(self._embed)
            self._embed = None
            if flattened:
                self._add_paragraph(flattened)

    # -- parser events -------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr_map = {name: value or "" for name, value in attrs}
        if tag == "title":
            self._in_title = True
        elif tag in ("meta", "time"):
            self._note_published(tag, attr_map)
        if tag == "body" or tag in _BLOCK_TAGS:
            self._close_head()
        if self._dropping:
            if tag in _DROPPED_TAGS:
                self._enter_dropped(tag)
            return
        if self._embed is not None:
            self._embed_tag(self._embed, tag, attr_map, starting=True)
        elif tag in ("blockquote", "iframe") and self._start_embed(tag, attr_map):
            return
        if tag in _DROPPED_TAGS:
            self._enter_dropped(tag)
        elif self._embed is None:
            self._structure(tag, starting=True)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _DROPPED_TAGS:
            self._leave_dropped(tag)
            return
        if self._dropping:
            return
        if self._embed is not None:
            self._embed_tag(self._embed, tag, {}, starting=False)
        else:
            self._structure(tag, starting=False)

    def _structure(self, tag: str, starting: bool) -> None:
        """Paragraph breaks, scope and heading tracking for tags outside embeds."""
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag in _SCOPE_TAGS:
                self._scope_depth = max(0, self._scope_depth + (1 if starting else -1))
            if tag == "h1" and self._heading_state < 2:
                self._heading_state = 1 if starting else 2
        elif tag == "br" and starting:
            self._line_break()
        elif tag in _CELL_TAGS:
            self._chunks.append(" ")

    def _note_published(self, tag: str, attrs: dict[str, str]) -> None:
        if self.published:
            return
        if tag == "time":
            self.published = attrs.get("datetime", "")
        elif attrs.get("property") == "article:published_time":
            self.published = attrs.get("content", "")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_chunks.append(data)
        if self._dropping:
            return
        embed = self._embed
        if embed is not None:
            (embed.post_chunks if embed.in_paragraph else embed.tail_chunks).append(data)
            return
        if self._heading_state == 1:
            self.heading_chunks.append(data)
        if self._after_break and not data.isspace():
            self._after_break = False
        self._chunks.append(data)

    def close(self) -> None:
        super().close()
        self._finish_embed()
        self._flush()


# Character references to C0 controls. `html.unescape` silently drops them, which would leave an
# escape sequence's parameters ("[31m") behind; turned into raw characters first, `clean_text`
# removes the whole sequence instead.
_CONTROL_CHARREF = re.compile(r"&#(?:0*(\d{1,3})|[xX]0*([0-9a-fA-F]{1,2}));")

# The stdlib parser rescans from every `<` of an unterminated tag or comment (quadratic: 20,000
# `<a b="` take 22 s) and can even raise on `<![`. So a single linear pass first rewrites the
# document into tags it parses in one go: comments and declarations dropped, stray `<` escaped,
# raw-text element bodies removed, and an unterminated construct ends the document (as it does
# in a browser). Only the attributes the converter reads survive.
_TAG = re.compile(r"""<(/?)([A-Za-z][^\s/>]*+)((?:[^>"']|"[^"]*"|'[^']*')*+)>""")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_TAG_NAME = re.compile(r"[a-z][a-z0-9:-]*")
_KEPT_ATTRIBUTES = frozenset(
    {"class", "href", "src", "data-embed-url", "datetime", "property", "content"}
)
_RAW_TEXT_TAGS = frozenset({"script", "style", "iframe", "noembed", "noframes", "xmp", "textarea"})
_RAW_TEXT_END = {tag: re.compile("</" + tag, re.IGNORECASE) for tag in _RAW_TEXT_TAGS | {"title"}}


def _raw_control(reference: re.Match[str]) -> str:
    decimal, hexadecimal = reference.groups()
    code = int(decimal) if decimal else int(hexadecimal, 16)
    return chr(code) if code < 0x20 or code == 0x7F else reference.group(0)


def _canonical_tag(tag: re.Match[str]) -> tuple[str, str]:
    """The tag rewritten with only the attributes we read, double-quoted; and its name."""
    closing, name, attribute_text = tag.groups()
    name = name.lower()
    if not _TAG_NAME.fullmatch(name):
        return "", ""
    if closing:
        return f"</{name}>", name
    attributes = []
    for attribute in _ATTRIBUTE.finditer(attribute_text):
        key = attribute.group(1).lower()
        if key in _KEPT_ATTRIBUTES:
            value = next((v for v in attribute.groups()[1:] if v is not None), "")
            attributes.append(f' {key}="{value.replace(chr(34), "&quot;")}"')
    slash = "/" if attribute_text.rstrip().endswith("/") else ""
    return f"<{name}{''.join(attributes)}{slash}>", name


def _skip_raw_text(html: str, start: int, name: str, out: list[str]) -> int:
    """Consume a raw-text element's body; `<title>` keeps its text, others drop it."""
    end = _RAW_TEXT_END[name].search(html, start)
    stop = end.start() if end else len(html)
    if name == "title":
        out.append(html[start:stop].replace("<", "&lt;"))
    out.append(f"</{name}>")
    return stop


def _consume_markup(html: str, lt: int, out: list[str]) -> int:
    """Rewrite the markup starting at `html[lt] == "<"`; return where the text resumes."""
    following = html[lt + 1 : lt + 2]
    if following == "!" or following == "?":
        terminator = "-->" if html.startswith("<!--", lt) else ">"
        end = html.find(terminator, lt + 2)
        if html.startswith("<![CDATA[", lt):
            end = html.find("]]>", lt)
            terminator = "]]>"
            if end >= 0:
                out.append(html[lt + 9 : end].replace("&", "&amp;").replace("<", "&lt;"))
        return len(html) if end < 0 else end + len(terminator)
    tag = _TAG.match(html, lt)
    if tag is None:
        if following.isalpha() or (following == "/" and html[lt + 2 : lt + 3].isalpha()):
            return len(html)  # an unterminated tag swallows the rest, as in a browser
        out.append("&lt;")
        return lt + 1
    canonical, name = _canonical_tag(tag)
    out.append(canonical)
    opens_raw_text = name in _RAW_TEXT_END and not tag.group(1) and not canonical.endswith("/>")
    if opens_raw_text:
        return _skip_raw_text(html, tag.end(), name, out)
    return tag.end()


def _normalize_markup(html: str) -> str:
    """Rewrite untrusted HTML, in one linear pass, into markup the stdlib parser reads linearly."""
    if "&#" in html:
        html = _CONTROL_CHARREF.sub(_raw_control, html)
    out: list[str] = []
    position = 0
    while position < len(html):
        lt = html.find("<", position)
        if lt < 0:
            out.append(html[position:])
            break
        out.append(html[position:lt])
        position = _consume_markup(html, lt, out)
    return "".join(out)


def _parse(html: str) -> _ParagraphParser:
    parser = _ParagraphParser()
    parser.feed(_normalize_markup(html))
    parser.close()
    return parser


def html_to_paragraphs(html: str) -> list[str]:
    """Convert an HTML fragment or page into clean plain-text paragraphs.

    Block elements end paragraphs, scripts/styles/iframes and other non-text subtrees are
    dropped, entities are unescaped, whitespace is collapsed and every paragraph goes through
    `clean_text`. Embedded posts (`blockquote.twitter-tweet`, `bluesky-embed`,
    `mastodon-embed`) become one paragraph in the flattened post form of `newsreader.models`.

    Args:
        html: Untrusted HTML.

    Returns:
        The non-empty paragraphs in reading order.
    """
    return _parse(html).paragraphs


def parse_html_page(html: str) -> HtmlPage:
    """Read a whole HTML page: title, first heading, publication date and body paragraphs.

    Args:
        html: Untrusted HTML of a page.

    Returns:
        The page's parts; the body is limited to `<article>`/`<main>` when those hold text.
    """
    parser = _parse(html)
    return HtmlPage(
        title=clean_line("".join(parser.title_chunks)),
        first_heading=clean_line("".join(parser.heading_chunks)),
        published=clean_line(parser.published),
        paragraphs=tuple(parser.scoped_paragraphs or parser.paragraphs),
    )


# ---------------------------------------------------------------------------------------------
# Titles

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "maj",
        "adm",
        "cmdr",
        "gov",
        "sen",
        "rep",
        "rev",
        "prof",
        "pres",
        "supt",
        "insp",
        "det",
        "vs",
        "etc",
        "inc",
        "corp",
        "co",
        "ltd",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "ave",
        "blvd",
        "dept",
        "est",
        "approx",
    ]
)
# A sentence ends at . ! or ? (optionally with a closing quote) followed by space.
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?=\s)")
_DATELINE_LIKE = re.compile(r"^(?:UPDATED|Updated|Published|PUBLISHED)\b")


def _is_abbreviation(text: str, period_index: int) -> bool:
    """Whether the period at `period_index` ends an abbreviation or initial, not a sentence."""
    if text[period_index] != ".":
        return False
    word_start = text.rfind(" ", 0, period_index) + 1
    word = text[word_start:period_index].lstrip("\"“‘'(")
    if len(word) == 1 or "." in word:
        return True  # an initial ("Myles B.") or a dotted acronym ("U.S.", "D.C.")
    if word.lower() == "no":
        return text[period_index + 2 : period_index + 3].isdigit()  # "No. 10", not "said no."
    return word.lower() in _ABBREVIATIONS


def _first_sentence(paragraph: str) -> str:
    for end in _SENTENCE_END.finditer(paragraph):
        if not _is_abbreviation(paragraph, end.start()):
            return paragraph[: end.end()]
    return paragraph


def _trim_at_word(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters at a word boundary, ending with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    head = text[:cut] if cut > limit // 3 else text[: limit - 1]
    return head.rstrip(" ,;:—–-") + "…"


def derive_title(paragraphs: Sequence[str], limit: int = 90) -> str:
    """Make a headline-like title from an article's lead.

    Args:
        paragraphs: The article body; datelines and empty paragraphs are skipped.
        limit: Longest title allowed, ellipsis included.

    Returns:
        The first sentence of the first real paragraph, trimmed at a word boundary, or ''.
    """
    for paragraph in paragraphs:
        line = clean_line(paragraph)
        if line and not _DATELINE_LIKE.match(line):
            sentence = _first_sentence(line)
            if sentence.endswith(".") and not sentence.endswith(".."):
                sentence = sentence[:-1]
            return _trim_at_word(sentence, limit)
    return ""
