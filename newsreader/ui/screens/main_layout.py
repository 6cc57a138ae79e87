"""Applying `plan_layout` to the main screen's panes, on every resize and every toggle.

`LayoutKeeper` holds what the user asked for (`LayoutWish`), asks `plan_layout` what fits, sets
each pane's width and display, and says in one line what a toggle did when the answer is not
the obvious one (the quote pane floating, the list one key away). It owns the keys that change
the layout (`S`, `t`, `<`, `>`, `tab`); the screen binds them so they work from every pane.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget

from newsreader.ui.layout import MIN_WIDTHS, LayoutWish, Pane, PaneLayout, plan_layout, widest_list

PANE_IDS: dict[Pane, str] = {
    "sources": "#sources-pane",
    "list": "#list-column",
    "article": "#article-view",
    "quote": "#quote-pane",
}
FOCUS_TARGETS: dict[Pane, str] = {
    "sources": "#sources-pane",
    "list": "#article-list",
    "article": "#article-view",
    "quote": "#quote-options",
}


class LayoutKeeper(Widget):
    """Invisible; the main screen's pane layout: the user's wish and what was last drawn."""

    DEFAULT_CSS = "LayoutKeeper { display: none; }"

    class SourcesShown(Message):
        """`S` brought the sources pane on screen: its counts are to be read again."""

    def __init__(
        self,
        screen: Screen[None],
        quotes_listed: Callable[[], bool],
        *,
        quote_pane: bool,
        sources_pane: bool,
    ) -> None:
        """`screen` holds the panes (laid out before this widget is mounted); `quotes_listed`
        says whether the quote pane lists anything (`tab` passes it by when not)."""
        super().__init__()
        self.main = screen
        self.quotes_listed = quotes_listed
        self.wish = LayoutWish(
            quote_pane="auto" if quote_pane else "hidden", sources_pane=sources_pane
        )
        self.drawn = PaneLayout()

    def action_toggle_sources(self) -> None:
        """Open or close the sources pane (it takes the list's place when both do not fit)."""
        hidden = not self.shown("sources")  # closed, or out of sight since it was counted
        self.notify(self.toggle_sources_pane(), timeout=3)
        if hidden and self.shown("sources"):
            self.post_message(self.SourcesShown())

    def action_toggle_quote_pane(self) -> None:
        """Show or hide the quote pane (floating over the article when it does not fit)."""
        self.notify(self.toggle_quote_pane(), timeout=3)

    def action_resize_list(self, delta: int) -> None:
        """Make the list column narrower or wider (the article view takes the rest)."""
        if limit := self.resize_list(delta):
            self.notify(limit, timeout=3)

    def action_cycle_pane(self, delta: int) -> None:
        """Move to the next (1) or previous (-1) pane, showing it if the layout hid it."""
        self.cycle(delta, quotes_listed=self.quotes_listed())

    def pane(self, name: Pane) -> Widget:
        """The widget of pane `name`."""
        return self.main.query_one(PANE_IDS[name])

    def apply(self) -> PaneLayout:
        """Lay the panes out for the current screen width and wish; returns the plan."""
        plan = plan_layout(self.main.size.width, self.wish)
        for name in PANE_IDS:
            widget = self.pane(name)
            width = plan.width(name)
            widget.display = width > 0
            if width and name != "article":
                widget.styles.width = width
        self.pane("quote").set_class(plan.quote_floats, "-floating")
        self.drawn = plan
        self._keep_focus_visible()
        return plan

    def _keep_focus_visible(self) -> None:
        """After a resize hid the pane that had the focus, give it to one on screen."""
        focused = self.main.focused
        if focused is None or all(
            node.display for node in focused.ancestors_with_self if isinstance(node, Widget)
        ):
            return
        for name in (self.wish.front, "list", "article", "sources", "quote"):
            if self.shown(name):
                self.main.query_one(FOCUS_TARGETS[name]).focus()
                return

    def change(self, **wish: object) -> PaneLayout:
        """Change the wish (fields of `LayoutWish`) and lay out again."""
        self.wish = replace(self.wish, **wish)  # type: ignore[arg-type]
        return self.apply()

    def shown(self, name: Pane) -> bool:
        """Whether pane `name` is on screen now."""
        return self.drawn.width(name) > 0

    def go_to(self, name: Pane, *, focus: bool = True) -> None:
        """Bring pane `name` to the front (showing it if the layout had hidden it) and focus it."""
        if name == "sources" and not self.wish.sources_pane:
            name = "list"
        self.change(front=name)
        if focus:
            self.main.query_one(FOCUS_TARGETS[name]).focus()

    def back(self) -> None:
        """`esc` on a one-pane screen: from the article or the quotes back to the sources pane
        (when it is open), else to the list; nothing when the list is on screen."""
        if self.shown("list"):
            return
        reading = self.wish.front in ("article", "quote")
        self.go_to("sources" if self.wish.sources_pane and reading else "list")

    def focused(self, widget: Widget | None) -> None:
        """Remember which pane holds the focus, so a narrower screen keeps that one."""
        if widget is None:
            return
        for name in PANE_IDS:
            # A pane out of sight can hold the focus for a moment (Textual focuses the first
            # focusable widget at start); it must not become the one kept on screen.
            if self.pane(name) in widget.ancestors_with_self and self.shown(name):
                self.wish = replace(self.wish, front=name)
                return

    def article_opened(self) -> None:
        """On one-pane screens the article comes to the front when it opens."""
        if self.drawn.one_pane and not self.shown("article"):
            self.go_to("article")

    def toggle_quote_pane(self) -> str:
        """Show or hide the quote pane; returns what happened, for a notification."""
        if self.shown("quote"):
            self.change(quote_pane="hidden")
            if self.wish.front == "quote":
                self.go_to("article" if self.shown("article") else "list")
            return "Quote pane hidden (t shows it)"
        plan = self.change(quote_pane="shown")
        if not plan.quote:  # no room beside the list: the article comes forward with it
            self.go_to("article")
            plan = self.drawn
        if plan.quote_floats:
            return "Quotes over the article (t hides)"
        if not plan.list and not plan.sources:
            return "Quote pane in front (esc: list)"
        return "Quote pane shown (t hides it)"

    def toggle_sources_pane(self) -> str:
        """Open or close the sources pane; returns what happened, for a notification."""
        if self.wish.sources_pane and not self.shown("sources"):
            self.go_to("sources")  # open but out of sight on this narrow screen: bring it back
            return "Sources pane in front (S closes it)"
        if self.wish.sources_pane:
            self.change(sources_pane=False)
            self.go_to("list")
            return "Sources pane closed"
        # A quote pane the user asked for steps aside while sources are open, as one shown
        # by default does, rather than floating over the article.
        quote = "auto" if self.wish.quote_pane == "shown" else self.wish.quote_pane
        self.change(sources_pane=True, quote_pane=quote)
        self.go_to("sources")
        if not self.shown("list"):
            return "Sources pane in front (S closes)"
        return "Sources pane open (S closes)"

    def resize_list(self, delta: int) -> str | None:
        """Widen or narrow the list; returns a line when it is at its limit, else None."""
        if not self.shown("list") or not self.shown("article"):
            return "The list and the article take turns on a screen this narrow"
        current = self.drawn.list
        wanted = current + delta
        widest = widest_list(self.main.size.width, self.wish)
        narrowest = MIN_WIDTHS["list"]
        self.change(list_width=max(narrowest, min(wanted, widest)))
        if wanted > widest:
            return "The list is as wide as it can be: the article keeps 40 columns"
        if wanted < narrowest:
            return "The list is as narrow as it can be read"
        return None

    def cycle(self, delta: int, *, quotes_listed: bool) -> None:
        """Go to the next (1) or previous (-1) pane, left to right, showing it if hidden."""
        panes = [pane for pane in PANE_IDS if pane != "sources" or self.wish.sources_pane]
        if self.wish.quote_pane == "hidden" or not quotes_listed:
            panes.remove("quote")
        front = self.wish.front if self.wish.front in panes else "list"
        self.go_to(panes[(panes.index(front) + delta) % len(panes)])


async def back_to_list(screen: Screen[object]) -> None:
    """`q` / `esc` in the article view or the quote pane: back one level, to the list, as
    newsboat's `q` does (only `q` in the list quits).

    With the list on screen it just takes the focus (a search stays as it was); on a one-pane
    screen the screen's own `esc` brings the list (or the sources pane) back in front.
    """
    if screen.query_one(PANE_IDS["list"]).display:
        screen.query_one(FOCUS_TARGETS["list"]).focus()
    else:
        await screen.run_action("leave_search")
