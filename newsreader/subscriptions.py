"""Turning what a person typed (a URL or a path) into a subscription the store can keep.

Local files and folders become sources only when a person names them (`newsreader add PATH`,
the app's add dialog); a subscription list read from a file (OPML) may only name web feeds,
so no file can make the reader copy `/etc/passwd` or `~/.ssh` into the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from newsreader.ingest.formats import source_folder
from newsreader.links import display_text, redact_url
from newsreader.text import clean_line

FEED_KIND = "feed"
LOCAL_KIND = "local"
_WEB_SCHEMES = ("http://", "https://")
MAX_URL_CHARS = 4096
"""Longer addresses are refused: no feed needs one, and each is stored and shown."""
MAX_TITLE_CHARS = 300


@dataclass(frozen=True, slots=True)
class Subscription:
    """What to subscribe to: identity, name, where to fetch or scan it, and how."""

    key: str
    title: str
    location: str
    kind: str
    category: str | None = None
    """Folder name from an OPML file, if any."""


class SubscriptionError(ValueError):
    """The text is neither a web address nor an existing file or folder."""


def feed_url_problem(url: str) -> str | None:
    """Why `url` cannot be fetched as a feed (one short phrase), or None when it can."""
    if not url.lower().startswith(_WEB_SCHEMES):
        return "not an http(s) URL"
    if len(url) > MAX_URL_CHARS:
        return f"invalid URL: longer than {MAX_URL_CHARS} characters"
    if any(ord(character) <= 32 or 127 <= ord(character) < 160 for character in url):
        return "invalid URL: spaces or control characters"
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as error:
        reason = "port out of range" if "port" in str(error).lower() else display_text(str(error))
        return f"invalid URL: {reason}"
    return None if host else "invalid URL: no host"


def feed_subscription(
    url: str, title: str | None = None, category: str | None = None
) -> Subscription:
    """A web feed subscription; anything but an absolute http(s) URL is refused.

    Args:
        url: The feed's address (`feed://` is read as `http://`).
        title: A name to show until the first refresh finds a better one.
        category: A folder name, from OPML.

    Raises:
        SubscriptionError: one line naming the URL (credentials hidden) and why.
    """
    text = url.strip()
    if text.lower().startswith("feed://"):
        text = "http://" + text[len("feed://") :]
    problem = feed_url_problem(text)
    if problem is not None:
        raise SubscriptionError(f"{display_text(url)[:200]}: {problem}")
    return Subscription(
        key=text,
        title=clean_line(title or redact_url(text))[:MAX_TITLE_CHARS],
        location=text,
        kind=FEED_KIND,
        category=category,
    )


def parse_target(target: str, title: str | None = None) -> Subscription:
    """Read a feed URL (http, https or feed://) or a local path into a Subscription.

    Only for what a person typed: paths are accepted here, never from a file.

    Args:
        target: What the person typed.
        title: A name to show until the first refresh finds a better one.

    Raises:
        SubscriptionError: with one clear line, when the target is neither.
    """
    text = target.strip()
    if text.lower().startswith(("feed://", *_WEB_SCHEMES)):
        return feed_subscription(text, title)
    path = Path(text).expanduser()
    if not text or not path.exists():
        raise SubscriptionError(
            f"{display_text(target)[:200]}: not an http(s) URL and no such file or folder"
        )
    resolved = path.resolve()
    # Keyed as the folder walk keys it (by path, so same-named folders stay apart).
    keyed = source_folder(resolved, is_dir=resolved.is_dir())
    return Subscription(
        key=f"local:{keyed}",
        title=title or keyed.name,
        location=str(resolved),
        kind=LOCAL_KIND,
    )
