"""Google Reader item ids: one number, two spellings.

Servers give an item's id in the long form `tag:google.com,2005:reader/item/<16 hex digits>`
(stream contents) or the short decimal form (`stream/items/ids`, continuations, Fever). The
hex form is the unsigned 64-bit value; the decimal form is the same bits read as a *signed*
64-bit integer (Google's ids above 2**63 are negative in decimal). Both normalise to one
signed 64-bit integer, which is what SQLite stores.
"""

from __future__ import annotations

import re

LONG_PREFIX = "tag:google.com,2005:reader/item/"
_HEX = re.compile(r"[0-9a-fA-F]{1,16}")
_DECIMAL = re.compile(r"-?[1-9][0-9]{0,19}|0")
_TWO_TO_63 = 1 << 63
_TWO_TO_64 = 1 << 64


class ItemIdError(ValueError):
    """A string that is not an item id in either form."""


def item_id(text: object) -> int:
    """The signed 64-bit integer of an item id given in any of its forms.

    Accepts the long form, a bare hex id (16 digits, or any with a leading zero), the decimal
    form (possibly negative) and an int. The rule is FreshRSS's and Google's: digits only
    without a leading zero are decimal, anything else is the hex after the last `/`.

    Raises:
        ItemIdError: not an id, or outside 64 bits.
    """
    if isinstance(text, int) and not isinstance(text, bool):
        value = text
    elif isinstance(text, str):
        value = _parse(text.strip())
    else:
        raise ItemIdError(f"not an item id: {type(text).__name__}")
    if not -_TWO_TO_63 <= value < _TWO_TO_63:
        raise ItemIdError(f"item id outside 64 bits: {value}")
    return value


def _parse(text: str) -> int:
    if _DECIMAL.fullmatch(text):
        return int(text)
    tail = text.rsplit("/", 1)[-1]
    if not _HEX.fullmatch(tail):
        raise ItemIdError(f"not an item id: {text[:80]!r}")
    unsigned = int(tail, 16)
    return unsigned - _TWO_TO_64 if unsigned >= _TWO_TO_63 else unsigned


def long_form(value: int) -> str:
    """The long form of an item id (`tag:google.com,2005:reader/item/000661829108111d`)."""
    return f"{LONG_PREFIX}{value % _TWO_TO_64:016x}"


def short_form(value: int) -> str:
    """The decimal form of an item id, as `stream/items/ids` gives it."""
    return str(value)
