"""Recognise embedded posts (tweets and their kin) in their flattened paragraph form.

An embed reaches the extractor as one paragraph ending in a byline tail:

    TEXT — Display Name (@handle) Month D, YYYY[ URL]

The tail is matched with a regex anchored at the paragraph end and run over a bounded window of
the paragraph's last characters, so a 100k-character paragraph costs no more than a short one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.models import Post

_TAIL_WINDOW = 500
"""How many trailing characters can hold the byline tail (name, handle, date and URL)."""

_GAP_LIMIT = 500
"""Longest text a post may have when its words spread over several paragraphs."""

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?)?"
_DATE = (
    r"(?P<mdy>(?P<m1>" + _MONTH + r")\s+(?P<d1>\d{1,2}),?\s+(?P<y1>\d{4}))" + _TIME + r"|"
    r"(?P<dmy>(?P<d2>\d{1,2})\.?\s+(?P<m2>" + _MONTH + r")\s+(?P<y2>\d{4}))" + _TIME + r"|"
    r"(?P<iso>(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))"
)
# A handle is `name`, `name.bsky.social` or `user@instance`; the name part excludes the dashes
# and parentheses of the tail itself, which keeps em dashes inside the post's text out of it.
_TAIL_RE = re.compile(
    r"(?:^|(?<=\s))(?:—|―|–|--|&mdash;)\s*"
    r"(?P<name>(?:(?!--)[^()—―\n]){0,120}?)\s*"
    r"\(\s*@?(?P<handle>[\w.-]{1,60}(?:@[\w.-]{1,100})?)\s*\)"
    r"\s*(?:(?P<date>" + _DATE + r")\.?)?"
    r"\s*(?P<url><?https?://[^\s<>]{1,500}>?)?\s*$",
    re.IGNORECASE,
)
_MASTODON_RE = re.compile(
    r"^\s*Post by @?(?P<handle>[\w.-]{1,60}@[\w.-]{1,100})\s+View on Mastodon\s*", re.IGNORECASE
)
# A paragraph that continues a post split by `<br><br>` shows at least one of these.
_POSTLIKE_RE = re.compile(
    r"[@#][\w]|https?://|\bt\.co/|pic\.twitter\.com|[\u2600-\u27bf\U0001f000-\U0001faff]"
)


@dataclass(frozen=True, slots=True)
class PostTail:
    """The fields read from one paragraph in flattened post form."""

    text: str
    """Words before the byline tail."""
    author: str
    handle: str
    date: str | None
    url: str | None
    platform: str


def parse_post(paragraph: str) -> PostTail | None:
    """Read a paragraph in flattened post form.

    Args:
        paragraph: One plain-text paragraph.

    Returns:
        The post's fields, or None when the paragraph does not end in a post byline.
    """
    offset = max(0, len(paragraph) - _TAIL_WINDOW)
    match = _TAIL_RE.search(paragraph, offset)
    if match is None:
        return _parse_mastodon_stub(paragraph)
    if match.start() == offset and offset > 0 and not paragraph[offset - 1].isspace():
        return None
    date, url = _iso_date(match), (match.group("url") or "").strip("<>") or None
    if date is None and url is None:
        return None
    handle = match.group("handle").lstrip("@")
    text = _strip_mastodon_stub(paragraph[: match.start()].strip())
    author = match.group("name").strip() or handle
    return PostTail(text, author, handle, date, url, _platform(handle, url))


def find_posts(paragraphs: Sequence[str]) -> tuple[list[Post], set[int]]:
    """Find every embedded post in an article body.

    Args:
        paragraphs: The article's paragraphs.

    Returns:
        The posts in reading order, and the indexes of every paragraph they cover (including
        the earlier paragraphs of a post whose text was split by blank lines).
    """
    posts: list[Post] = []
    covered: set[int] = set()
    for index, paragraph in enumerate(paragraphs):
        tail = parse_post(paragraph)
        if tail is None:
            continue
        first = _gap_start(paragraphs, index, tail.text, covered)
        parts = [paragraphs[i].strip() for i in range(first, index)]
        text = "\n".join([*parts, tail.text] if tail.text else parts)
        covered.update(range(first, index + 1))
        posts.append(
            Post(
                text,
                tail.author,
                tail.handle,
                tail.date,
                tail.url,
                tail.platform,
                index,
                first_paragraph=first if first < index else None,
            )
        )
    return posts, covered


def _gap_start(paragraphs: Sequence[str], index: int, text: str, covered: set[int]) -> int:
    """Walk back over paragraphs that read as the start of the same post."""
    total = len(text)
    first = index
    while first > 0 and first - 1 not in covered:
        previous = paragraphs[first - 1].strip()
        total += len(previous)
        if not previous or total > _GAP_LIMIT or not _looks_like_post_text(previous):
            break
        first -= 1
    return first


def _looks_like_post_text(paragraph: str) -> bool:
    """Whether a paragraph reads like part of a post rather than the reporter's prose."""
    if paragraph.endswith(":") or parse_post(paragraph) is not None:
        return False
    return _POSTLIKE_RE.search(paragraph) is not None


def _parse_mastodon_stub(paragraph: str) -> PostTail | None:
    """Read the `Post by @user@instance View on Mastodon` text a Mastodon embed leaves."""
    if len(paragraph) > _TAIL_WINDOW:
        return None
    match = _MASTODON_RE.match(paragraph)
    if match is None:
        return None
    handle = match.group("handle")
    rest = paragraph[match.end() :].strip()
    url = rest if rest.startswith("http") and " " not in rest else None
    return PostTail("", handle, handle, None, url, "mastodon")


def _strip_mastodon_stub(text: str) -> str:
    """Drop the Mastodon placeholder words, which are no part of the post."""
    match = _MASTODON_RE.match(text)
    return text[match.end() :].strip() if match else text


def _iso_date(match: re.Match[str]) -> str | None:
    """The tail's date as ISO `YYYY-MM-DD`, or None when absent or impossible."""
    if match.group("mdy"):
        year, day = int(match.group("y1")), int(match.group("d1"))
        month = _MONTHS[match.group("m1")[:3].lower()]
    elif match.group("dmy"):
        year, day = int(match.group("y2")), int(match.group("d2"))
        month = _MONTHS[match.group("m2")[:3].lower()]
    elif match.group("iso"):
        year, month, day = (int(match.group(g)) for g in ("y3", "m3", "d3"))
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _platform(handle: str, url: str | None) -> str:
    """Which network a post comes from: the URL decides, then the shape of the handle."""
    if url:
        host = url.split("//", 1)[-1].split("/", 1)[0].lower().removeprefix("www.")
        host = host.removeprefix("mobile.")
        if host in ("twitter.com", "x.com"):
            return "twitter"
        if host == "bsky.app" or host.endswith(".bsky.app"):
            return "bluesky"
        if "threads.net" in host or "threads.com" in host:
            return "threads"
        if "instagram.com" in host:
            return "instagram"
        if "/@" in url:
            return "mastodon"
    if "@" in handle:
        return "mastodon"
    if "." in handle:
        return "bluesky"
    return "twitter"
