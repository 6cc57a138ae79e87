"""Embedded posts (tweets and their kin) flattened to the post form of `newsreader.models`.

The HTML converter collects an embed's paragraph text, the text after it (the author line)
and its links into an `Embed`; `flatten_embed` turns that into one line,
`TEXT — Name (@handle) Month D, YYYY URL`, which the extractor recognises as a `Post`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsreader.text import clean_line

__all__ = ["EMBED_CLASSES", "MONTH_PATTERN", "Embed", "flatten_embed"]


MONTH_PATTERN = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
"""An English month name or its abbreviation, as datelines and embed bylines write it."""
_DAY_DATE = re.compile(MONTH_PATTERN + r"\s+\d{1,2},\s+\d{4}")
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
EMBED_CLASSES = frozenset({"twitter-tweet", "twitter-video", "bluesky-embed", "mastodon-embed"})
"""Classes that mark a blockquote (or a Mastodon iframe) as an embedded post."""
# Text the Mastodon embed script shows in place of the post; it is not the post's words.
_MASTODON_BOILERPLATE = re.compile(r"^Post by @\S+\s*View on Mastodon$")
# How much of an embed's tail the author regex looks at, so hostile input stays linear.
_TAIL_WINDOW = 400


@dataclass
class Embed:
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


def _flatten_mastodon(embed: Embed, post_text: str) -> str | None:
    """Flatten a Mastodon embed: author and handle come from the post URL."""
    found = _MASTODON_POST.search(embed.embed_url) or _MASTODON_POST.search(" ".join(embed.hrefs))
    if not found:
        return None
    if _MASTODON_BOILERPLATE.match(post_text):
        post_text = ""
    user, instance = found.group("user"), found.group("instance")
    return _join_words(post_text, f"— {user} (@{user}@{instance})", found.group("url"))


def flatten_embed(embed: Embed) -> str:
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
