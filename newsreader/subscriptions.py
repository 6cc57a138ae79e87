"""Turning what a person typed (a URL or a path) into a subscription the store can keep."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FEED_KIND = "feed"
LOCAL_KIND = "local"


@dataclass(frozen=True, slots=True)
class Subscription:
    """What to subscribe to: identity, name, where to fetch or scan it, and how."""

    key: str
    title: str
    location: str
    kind: str


class SubscriptionError(ValueError):
    """The text is neither a web address nor an existing file or folder."""


def parse_target(target: str, title: str | None = None) -> Subscription:
    """Read a feed URL (http, https or feed://) or a local path into a Subscription.

    Args:
        target: What the person typed.
        title: A name to show until the first refresh finds a better one.

    Raises:
        SubscriptionError: with one clear line, when the target is neither.
    """
    text = target.strip()
    if text.lower().startswith("feed://"):
        text = "http://" + text[len("feed://") :]
    if text.lower().startswith(("http://", "https://")):
        return Subscription(key=text, title=title or text, location=text, kind=FEED_KIND)
    path = Path(text).expanduser()
    if not text or not path.exists():
        raise SubscriptionError(f"{target}: not an http(s) URL and no such file or folder")
    resolved = path.resolve()
    folder = resolved if resolved.is_dir() else resolved.parent
    return Subscription(
        key=f"local:{folder.name}",
        title=title or folder.name,
        location=str(resolved),
        kind=LOCAL_KIND,
    )
