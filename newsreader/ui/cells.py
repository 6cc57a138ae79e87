"""Text every terminal draws at the width rich measures, so borders and panes stay put.

Rich (and Textual after it) measures a grapheme cluster by its first character: `✌🏼` is one
cell, `👨‍👩‍👧` two, `☺️` two. Terminals disagree with that and with each other: tmux 3.3 and
most terminals built on `wcwidth` add the width of every code point (`✌🏼` three cells, the
family six, `☺️` one), a few draw the cluster as one emoji. Whatever the widget layer believes,
the terminal then moves the rest of the line, and a card's border or the next pane's first
letters shift or vanish.

So the characters that make the difference are taken out before text is drawn: skin-tone
modifiers, zero-width joiners, variation selectors, tag characters and invisible fillers.
What remains has one width everywhere (`✌`, `👨👩👧`, `☺`); flags become their two letters.
The stored text is untouched; only what is drawn changes.
"""

from __future__ import annotations

import re

from rich.text import Text

_UNSTEADY = re.compile(
    "[\u00ad\u034f\u115f\u1160\u200b-\u200f\u2060-\u2064\u3164\ufe00-\ufe0f\uffa0"
    "\U0001f3fb-\U0001f3ff\U000e0000-\U000e007f]"
)
"""Characters whose width terminals disagree about (zero in some, one or two in others)."""
_REGIONAL_INDICATOR = re.compile("[\U0001f1e6-\U0001f1ff]")
_RI_TO_LETTER = {code: code - 0x1F1A5 for code in range(0x1F1E6, 0x1F200)}


def steady_width(text: str) -> str:
    """`text` without the characters terminals disagree about the width of (see above).

    Flags (regional indicator pairs) become their two letters. Lone surrogates are already
    gone: `clean_line` and `clean_text` drop them.
    """
    return _UNSTEADY.sub("", text).translate(_RI_TO_LETTER)


def steady_text(text: Text) -> Text:
    """`text` as `steady_width` draws it, with every style kept on the characters that stay.

    Returns `text` itself when nothing needs changing.
    """
    plain = text.plain
    if not _UNSTEADY.search(plain) and not _REGIONAL_INDICATOR.search(plain):
        return text
    # Regional indicators become letters one for one, so span offsets still hold.
    lettered = text.blank_copy(plain.translate(_RI_TO_LETTER))
    lettered.spans = list(text.spans)
    cuts = [(found.start(), found.end()) for found in _UNSTEADY.finditer(plain)]
    if not cuts:
        return lettered
    offsets = sorted({offset for cut in cuts for offset in cut})
    result = text.blank_copy()
    for piece in lettered.divide(offsets):
        if not _UNSTEADY.fullmatch(piece.plain):  # each unsteady character is a piece alone
            piece.style = ""  # the result carries the base style already
            result.append_text(piece)
    return result
