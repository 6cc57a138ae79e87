"""How wide each pane of the main screen is, decided without a terminal.

The rule: no pane is ever drawn narrower than it can be read. When the panes the user asked
for do not fit side by side, the layout changes instead of squeezing them, in this order:

1. a quote pane shown by default steps aside until there is room again; one the user asked
   for with `t` stays beside the article with the list one key away (`esc`, `tab`), or
   floats over the article when even those two do not fit;
2. the sources pane takes the list's place (the one of the two the user is in is shown);
3. one pane fills the screen: the list (or sources) or the article, whichever the user is
   in; the other is one key away (`enter` / `esc`, `tab`).

Widths are outer widths in terminal cells, borders included, and add up to the screen width.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

Pane = Literal["sources", "list", "article", "quote"]
QuoteWish = Literal["auto", "shown", "hidden"]

MIN_WIDTHS: dict[Pane, int] = {"sources": 25, "list": 25, "article": 42, "quote": 27}
"""The narrowest each pane can be read at, border or padding included: 40 columns of article
text, a list title of 20, a quote line of 24."""
SOURCES_WIDTH = 32
QUOTE_SHARE, QUOTE_MAX = 0.24, 60
LIST_SHARE = 0.38
OVERLAY_SHARE = 0.5
"""A floating quote pane covers half the screen (at least its minimum, at most all of it)."""


@dataclass(frozen=True, slots=True)
class LayoutWish:
    """What the user asked for; the layout gives as much of it as fits."""

    quote_pane: QuoteWish = "auto"
    """`auto`: shown when it fits beside the article; `shown`: asked for with `t`, floating
    over the article when it does not fit; `hidden`."""
    sources_pane: bool = False
    list_width: int | None = None
    """Set by `<` and `>` (None: a share of the screen)."""
    front: Pane = "list"
    """The pane the user is in (it stays on screen whatever else goes)."""


@dataclass(frozen=True, slots=True)
class PaneLayout:
    """Outer width of each pane in cells (0: not shown); the quote pane may float."""

    sources: int = 0
    list: int = 0
    article: int = 0
    quote: int = 0
    quote_floats: bool = False
    """The quote pane is drawn over the article (or list) instead of beside it."""

    def width(self, pane: Pane) -> int:
        """The outer width of `pane` (0: not shown)."""
        return int(getattr(self, pane))

    @property
    def one_pane(self) -> bool:
        """Whether only one of list/sources and article is on screen."""
        return (self.article == 0) != (self.list == 0 and self.sources == 0)


def plan_layout(width: int, wish: LayoutWish) -> PaneLayout:
    """The widths to draw at `width` columns, giving as much of `wish` as fits readably.

    Args:
        width: The screen width in cells.
        wish: What the user asked for.

    Returns:
        Widths adding up to `width`; a floating quote pane's width is extra (drawn above).
    """
    panes: list[Pane] = ["list", "article"]
    if wish.sources_pane:
        panes.insert(0, "sources")
    if wish.quote_pane != "hidden":
        panes.append("quote")
    if _fits(panes, width):
        return _widths(panes, width, wish)
    reading = wish.front in ("article", "quote")
    if "quote" in panes:
        panes.remove("quote")
        if wish.quote_pane == "shown" and reading:
            # Asked for with `t` while reading: beside the article, the list one key away;
            # over the article when even that does not fit.
            if _fits(["article", "quote"], width):
                return _widths(["article", "quote"], width, wish)
            return _widths(["article"], width, wish, floats=True)
        if _fits(panes, width):
            return _widths(panes, width, wish)
    if "sources" in panes:
        panes.remove("list" if wish.front == "sources" else "sources")
    if _fits(panes, width):
        return _widths(panes, width, wish)
    return _widths(["article" if reading else panes[0]], width, wish)


def _fits(panes: list[Pane], width: int) -> bool:
    return sum(MIN_WIDTHS[pane] for pane in panes) <= width


def _widths(panes: list[Pane], width: int, wish: LayoutWish, floats: bool = False) -> PaneLayout:
    """Preferred widths, shrunk (list first, then quotes, then sources) until the article
    has its minimum; the article takes what is left."""
    if len(panes) == 1:
        sizes = {panes[0]: width}
    else:
        sizes = {pane: _preferred(pane, width, wish) for pane in panes if pane != "article"}
        for pane in ("list", "quote", "sources"):
            if pane in sizes:
                spare = width - sum(sizes.values()) - MIN_WIDTHS["article"]
                if spare < 0:
                    sizes[pane] = max(MIN_WIDTHS[pane], sizes[pane] + spare)
        if "article" in panes:
            sizes["article"] = width - sum(sizes.values())
        else:  # the sources pane with no list beside it (or the reverse) fills the screen
            sizes[panes[-1]] += width - sum(sizes.values())
    quote = sizes.get("quote", 0)
    if floats:
        quote = min(width, max(MIN_WIDTHS["quote"], round(width * OVERLAY_SHARE)))
    return PaneLayout(
        sources=sizes.get("sources", 0),
        list=sizes.get("list", 0),
        article=sizes.get("article", 0),
        quote=quote,
        quote_floats=floats,
    )


def _preferred(pane: Pane, width: int, wish: LayoutWish) -> int:
    if pane == "sources":
        return SOURCES_WIDTH
    if pane == "quote":
        return max(MIN_WIDTHS["quote"], min(QUOTE_MAX, round(width * QUOTE_SHARE)))
    chosen = wish.list_width if wish.list_width is not None else round(width * LIST_SHARE)
    return max(MIN_WIDTHS["list"], chosen)


def widest_list(width: int, wish: LayoutWish) -> int:
    """The widest the list can be at `width` with the other panes the wish keeps beside it."""
    return plan_layout(width, replace(wish, list_width=width)).list
