"""Web addresses from untrusted places: which may reach the browser, and how they are shown.

No textual import: the CLI and the UI share these checks.

* `browser_url` decides whether a link may be handed to the web browser: only an absolute
  http(s) URL with a host, nothing that could be read as a command-line option.
* `redact_url` / `redact_credentials` remove the `user:password@` part of URLs before they
  are shown anywhere; `display_text` does that and cleans escape sequences, for one line.
* `newsreader.browser` chooses the browser and starts it with a URL `browser_url` accepted.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from newsreader.text import clean_line

__all__ = [
    "browser_url",
    "display_text",
    "redact_credentials",
    "redact_url",
    "strip_credentials",
]

MAX_BROWSER_URL = 8192
"""Longer links are refused: no real article link is that long, and argv has limits."""
_WEB_SCHEMES = frozenset({"http", "https"})
_NOT_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s]*@")
REDACTED = "…@"
_SURROGATE = re.compile("[\ud800-\udfff]")


def browser_url(url: str) -> str | None:
    """The link as it may be passed to the browser, or None when it must not be opened.

    Args:
        url: A link from an article or a feed.

    Returns:
        The URL unchanged when it is an absolute http(s) URL with a host, free of spaces and
        control characters and not starting with `-`; None otherwise (`file:`, `data:`,
        `javascript:`, relative links, `--new-window=…`).
    """
    text = url.strip()
    if not text or text.startswith("-") or len(text) > MAX_BROWSER_URL:
        return None
    if _NOT_IN_URL.search(text):
        return None
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return None
    if parts.scheme.lower() not in _WEB_SCHEMES or not host:
        return None
    return text


def strip_credentials(url: str) -> str:
    """`url` without its `user:password@` part (for export: the credentials are dropped)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return _USERINFO.sub(r"\1", url)
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=host))


def redact_url(url: str) -> str:
    """`url` for display: its credentials replaced by `…@`, everything else unchanged."""
    return redact_credentials(url)


def redact_credentials(text: str) -> str:
    """Every `scheme://user:password@` in `text` shown as `scheme://…@` (error lines too)."""
    return _USERINFO.sub(r"\1" + REDACTED, text)


def display_text(text: str) -> str:
    """Untrusted text (a path, a URL, an error) ready for one line on a terminal.

    Escape sequences, control and bidi characters are removed, credentials in URLs are
    hidden, and lone surrogates (from a file name that is not UTF-8) become `�`, which every
    terminal can print.
    """
    return redact_credentials(clean_line(_SURROGATE.sub("\ufffd", text)))
