"""The values that flow through newsreader: documents, articles, quotes and embedded posts.

Pure data, no behaviour worth testing on its own, and no textual/rich imports: every layer
(ingest, store, extract, ui) speaks these types.

An article body is a `Document`: a sequence of `Block`s (paragraph, heading, list item,
blockquote, code, embedded post, image), each with plain text and the spans of the links inside
it, plus the article's links and enclosures. Every URL in a document is absolute. Quote spans
index blocks: `Span.paragraph` is a block index, so `Document.paragraphs` (the block texts) is
what the extractor reads.

An embedded post (tweet and its kin) is a `POST` block in the *flattened post form* that the
seed article uses, which the HTML converter also writes for `blockquote.twitter-tweet` and
friends:

    TEXT — Display Name (@handle) Month D, YYYY[ URL]

The em dash may also be `―` or `--`; the date may be missing when a URL follows (Mastodon); the
handle is `name` (X/Twitter), `name.bsky.social` (Bluesky) or `user@instance` (Mastodon). The
extractor (`newsreader.extract`) recognises that form and turns it into a `Post`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

ROW_ID_MAX = 2**63 - 1
"""The largest id SQLite can store (a signed 64-bit integer)."""


def parse_row_id(text: str) -> int | None:
    """`text` as a stored row's id (an article's, a source's), or None when it cannot be one.

    Only ASCII digits are an id (no sign, no spaces, no other scripts' digits); one past
    ROW_ID_MAX or zero names no row, so it is None rather than an OverflowError later.
    """
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 0 < number <= ROW_ID_MAX else None


class QuoteKind(StrEnum):
    """What a span between quote marks is."""

    STATEMENT = "statement"
    """A quoted sentence or clause that someone said or wrote."""
    FRAGMENT = "fragment"
    """A partial quote woven into the reporter's own sentence."""
    SCARE = "scare"
    """A word or short phrase in quote marks that is nobody's statement."""


class BlockKind(StrEnum):
    """What a block of an article body is; the names follow HTML's block elements."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    """`level` is 1-6, as `<h1>`-`<h6>` or Markdown's `#` count."""
    LIST_ITEM = "list_item"
    """`level` is the nesting depth (1 = top); `marker` is `•` or the item number (`3.`)."""
    BLOCKQUOTE = "blockquote"
    CODE = "code"
    """Preformatted text: line breaks and spaces are kept as they are."""
    POST = "post"
    """An embedded social-media post in the flattened post form (see the module docstring)."""
    IMAGE = "image"
    """`text` is the alt text or caption; `url` is the image's address."""


@dataclass(frozen=True, slots=True)
class LinkSpan:
    """A link inside a block's text."""

    start: int
    """Offset of the link text's first character in `Block.text`."""
    end: int
    """Offset one past its last character."""
    link: int
    """Index into `Document.links`; link numbers shown to people are this plus one."""


@dataclass(frozen=True, slots=True)
class Block:
    """One block of an article body.

    `text` is plain text; a line break inside a paragraph (`<br>`, a Markdown hard break, a
    line of a poem or an address) is a `\n`, and a block never contains an empty line except
    inside `CODE`.
    """

    kind: BlockKind
    text: str
    level: int = 0
    """Heading level (1-6) or list nesting depth (1 = top level); 0 for other kinds."""
    marker: str = ""
    """A list item's bullet (`•`) or number (`3.`)."""
    url: str = ""
    """An image's address; empty for other kinds."""
    links: tuple[LinkSpan, ...] = ()
    """The links inside `text`, in reading order."""


@dataclass(frozen=True, slots=True)
class Link:
    """A link the article points to: its text and absolute URL."""

    text: str
    url: str


@dataclass(frozen=True, slots=True)
class Enclosure:
    """A file attached to a feed entry (a podcast episode, an image): RSS `<enclosure>`."""

    url: str
    """Absolute URL."""
    type: str = ""
    """MIME type as the feed gives it (`audio/mpeg`), or '' when it gives none."""
    length: int | None = None
    """Size in bytes as the feed states it, or None when absent or not a number."""


@dataclass(frozen=True, slots=True)
class Document:
    """An article body with its structure: blocks, the links inside them, and enclosures."""

    blocks: tuple[Block, ...] = ()
    links: tuple[Link, ...] = ()
    """Every link in the body, numbered by position (block links point here), deduplicated
    by URL."""
    enclosures: tuple[Enclosure, ...] = ()

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The block texts, one per block: what the extractor and the search index read."""
        return tuple(block.text for block in self.blocks)

    @classmethod
    def from_paragraphs(cls, paragraphs: Sequence[str]) -> Document:
        """A document of plain paragraphs (text formats, and bodies stored before documents)."""
        return cls(tuple(Block(BlockKind.PARAGRAPH, text) for text in paragraphs if text))


@dataclass(frozen=True, slots=True)
class Span:
    """Where a piece of text sits in an article body: paragraph index and character offsets."""

    paragraph: int
    """Index into `Document.blocks` (the article's `paragraphs`)."""
    start: int
    """Offset of the first character (for quotes: the opening mark)."""
    end: int
    """Offset one past the last character (for quotes: after the closing mark)."""


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation found in an article."""

    text: str
    """The words between the outer marks (segments of a multi-paragraph quote joined by a space)."""
    speaker: str | None
    """Canonical name of who said it, or None when nobody can be named."""
    kind: QuoteKind
    """Statement, fragment or scare quote."""
    spans: tuple[Span, ...]
    """One span per paragraph the quote covers, marks included."""


@dataclass(frozen=True, slots=True)
class Post:
    """An embedded social-media post (a tweet and its kin) found in an article."""

    text: str
    """The post's own words."""
    author: str
    """Display name of the account."""
    handle: str
    """Account handle without the leading @ (`user@instance` for Mastodon)."""
    date: str | None
    """ISO date `YYYY-MM-DD`, or None when the embed carries none."""
    url: str | None
    """Link to the post, when known."""
    platform: str
    """`twitter`, `bluesky`, `mastodon`, `threads`, `instagram` or `unknown`."""
    paragraph: int
    """Index of the paragraph that holds the post's byline in the article body."""
    first_paragraph: int | None = None
    """Index of the post's first paragraph when its text spans several (None: only `paragraph`)."""


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the extractor found in one article, in reading order."""

    quotes: tuple[Quote, ...] = ()
    posts: tuple[Post, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """An article as a source produced it, before the store gives it an id and state."""

    guid: str
    """Identity within its source: entry id, link, or the file name. Stable across re-imports."""
    title: str
    """Headline (derived from the text when the source has none)."""
    source_name: str
    """Who published it, as shown in the list (the seed header's source, or the feed title)."""
    document: Document
    """The body: blocks, links and enclosures, every URL absolute."""
    published: datetime | None = None
    """Publication time (timezone-aware, UTC when the source gives no zone), if known."""
    dateline: str | None = None
    """A lead line such as `UPDATED 3:15 PM PT — Friday, January 3, 2020`, shown in the header."""
    link: str | None = None
    """Where the article lives on the web, if anywhere."""
    author: str | None = None
    """Byline, if the source gives one."""
    location: str = ""
    """The file path or URL it was read from (for `path_or_url`)."""

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The body's block texts."""
        return self.document.paragraphs


@dataclass(frozen=True, slots=True)
class SourceDraft:
    """A source as loaded from disk or the network: its identity, name and articles."""

    key: str
    """Stable identity: `local:<folder name>`, `file:<file name>` or the feed URL."""
    title: str
    """Name shown for the source (folder name, feed title)."""
    location: str
    """Where it was read from: a path or a URL."""
    articles: tuple[ArticleDraft, ...] = ()
    errors: tuple[str, ...] = ()
    """One clear line per file or entry that could not be read."""
    files: tuple[LocalFile, ...] = ()
    """The local files these articles were read from, recorded with them (see `LocalFile`)."""
    encoded: tuple[EncodedArticle, ...] = ()
    """More articles, already encoded for the store (`newsreader.store.rows.encode_article`):
    worker processes encode what they parse, so the process that writes only writes."""

    @property
    def guids(self) -> list[str]:
        """The identities of every article, drafted or encoded, in order."""
        return [a.guid for a in self.articles] + [a.guid for a in self.encoded]


class EncodedArticle(NamedTuple):
    """An article as the store writes it: every column's value, made once from a draft.

    A tuple of strings and numbers, so handing thousands from a worker process to the writer
    costs little (pickling the draft's blocks cost the writer 53 us an article, this 4).
    """

    guid: str
    source_name: str
    """The publisher's name, cleaned but not yet capped (compared with the source's title)."""
    title: str
    published: int | None
    """Unix seconds, clamped to the stored range."""
    dateline: str | None
    link: str | None
    author: str | None
    location: str
    body: str
    """The plain body (what search indexes)."""
    document: str | None
    """`bodies.document`: the JSON, or None for a plain document."""
    digest: str
    """Digest of everything shown of the article, to skip rewriting unchanged ones."""


@dataclass(frozen=True, slots=True)
class LocalFile:
    """A file of a local folder as it was when read, so a rescan can skip it while unchanged."""

    path: str
    """Its path inside the folder (an article's guid starts with it)."""
    size: int
    """Bytes."""
    modified_ns: int
    """Modification time, nanoseconds since the epoch."""
    reader: str
    """The version of the code that read it (`newsreader.sources.local.reader_version`)."""
    errors: tuple[str, ...] = ()
    """The lines it gave besides its articles (entries skipped), repeated while it is skipped."""


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One line of the article list: what the list needs, without the body."""

    id: int
    source_name: str
    title: str
    published: datetime | None
    read: bool
    starred: bool


@dataclass(frozen=True, slots=True)
class Article:
    """A stored article with its body and state."""

    id: int
    source_id: int
    source_name: str
    guid: str
    title: str
    document: Document
    published: datetime | None
    dateline: str | None
    link: str | None
    author: str | None
    location: str
    read: bool
    starred: bool

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The body's block texts (quote spans index these)."""
        return self.document.paragraphs
