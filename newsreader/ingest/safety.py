"""Checks made before a parser sees a document: entity declarations and size limits.

The entity check reads the document as it will be parsed: after decoding, in whatever encoding
`newsreader.ingest.decode` chose, so a declaration written in EBCDIC, UTF-16 or UTF-32 is seen
exactly as the parser would see it.
"""

from __future__ import annotations

import re

from newsreader.text import clean_line

__all__ = [
    "MAX_BODY_CHARS",
    "MAX_ENTRIES",
    "MAX_FIELD_CHARS",
    "MAX_TITLE_CHARS",
    "FeedRefused",
    "check_entities",
]

MAX_ENTITY_VALUE = 256
"""Longest literal entity value allowed: enough for real feeds, too short for a blowup."""
MAX_ENTITY_DECLARATIONS = 64
MAX_BODY_CHARS = 2_000_000
"""Entry bodies are cut here before conversion: no article is longer."""
MAX_TITLE_CHARS = 500
MAX_FIELD_CHARS = 300
"""Authors, feed titles and other one-line fields are cut here."""
MAX_ENTRIES = 5_000
"""Entries read from one feed document; the rest are skipped with a line saying so. Real
feeds carry a few hundred at most; feedparser needs about 10 MiB per 1,000 entries."""

_ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)
# A harmless declaration: a general entity whose value is literal text or one character
# reference. Parameter entities (%), external ones (SYSTEM/PUBLIC) and values that refer to
# other entities are what entity attacks are made of.
_SAFE_ENTITY = re.compile(
    r"""<!ENTITY\s+[\w.:-]+\s+(?:"(?:[^"&<%]|&\#\w+;)*"|'(?:[^'&<%]|&\#\w+;)*')\s*>""",
    re.IGNORECASE,
)


class FeedRefused(Exception):
    """A document that is refused before or while parsing; the message says why."""


def check_entities(text: str | bytes) -> None:
    """Refuse documents that declare anything but short literal entities.

    Args:
        text: The decoded document (bytes are decoded first, as `decode_bytes` would).

    Raises:
        FeedRefused: For parameter or external entities (XXE), entities built from other
            entities (billion laughs) and long or many literal ones (quadratic blowup).
    """
    if isinstance(text, bytes):
        from newsreader.ingest.decode import decode_bytes

        text = decode_bytes(text).text
    for count, declaration in enumerate(_ENTITY_DECLARATION.finditer(text), start=1):
        if count > MAX_ENTITY_DECLARATIONS:
            raise FeedRefused(f"more than {MAX_ENTITY_DECLARATIONS} entity declarations")
        safe = _SAFE_ENTITY.match(text, declaration.start(), declaration.start() + 400)
        if safe is None or len(safe.group(0)) > MAX_ENTITY_VALUE + 64:
            snippet = clean_line(text[declaration.start() : declaration.start() + 60])
            raise FeedRefused(f"unsafe XML entity declaration ({snippet}…)")
