"""The main screen's keys, as data: each has a stable `id` for `[keys]` in config.toml.

Help, footer and the command palette are generated from this list. Every key here works from
every pane, so it is bound on the screen; most act in one widget, and `to(owner, action)` names
the widget and its `action_*` method, which the screen's `delegate` action runs there (Textual
itself knows only the `app`, `screen` and `focused` namespaces). The rest (search, the
speakers view, `v`) join several widgets and are actions of `MainScreen`.

A new key: one `Binding` here, and an `action_*` method on the widget that does the work.
"""

from __future__ import annotations

from typing import Literal

from textual.binding import Binding, BindingType

Owner = Literal[
    "list_column",
    "sources_pane",
    "article_view",
    "quote_pane",
    "layout_keeper",
    "refresh_status",
    "exporter",
    "full_text",
]
"""The widgets of `MainScreen.owners`, by the name of the screen's attribute."""


def to(owner: Owner, action: str) -> str:
    """The action string that runs `action` (e.g. `flip('read')`) on the screen's widget
    `owner`, whichever pane has the focus."""
    return f"delegate({owner!r}, {action!r})"


MAIN_BINDINGS: list[BindingType] = [
    Binding("n", to("list_column", "jump_unread(1)"), "Next unread", id="next_unread"),
    Binding("p", to("list_column", "jump_unread(-1)"), "Prev unread", id="previous_unread"),
    Binding("m,N", to("list_column", "flip('read')"), "Read/unread", id="toggle_read"),
    Binding("s", to("list_column", "flip('starred')"), "Star", id="toggle_star"),
    Binding("space,pagedown", to("article_view", "page(1)"), "Scroll article", id="page_article"),
    Binding("b,pageup", to("article_view", "page(-1)"), "Scroll back", show=False, id="page_back"),
    Binding("]", to("quote_pane", "step(1)"), "Next quote", id="next_quote"),
    Binding("[", to("quote_pane", "step(-1)"), "Prev quote", show=False, id="previous_quote"),
    # A priority binding runs before the next key is forwarded, so text typed straight
    # after `/` (fast typing, a paste, a macro) lands in the search box.
    Binding("slash", "search", "Search", id="search", priority=True),
    Binding(
        "f", to("list_column", "cycle_view"), "All/unread/starred", show=False, id="cycle_view"
    ),
    Binding("d", to("list_column", "cycle_dates"), "Date range", show=False, id="cycle_dates"),
    Binding(
        "S", to("layout_keeper", "toggle_sources"), "Sources pane", show=False, id="toggle_sources"
    ),
    Binding(
        "A",
        to("list_column", "mark_source_read"),
        "Mark source read",
        show=False,
        id="mark_source_read",
    ),
    Binding("w", "speakers", "Speakers", id="speakers"),
    Binding("e", to("exporter", "save_article"), "Save as Markdown", show=False, id="save_article"),
    Binding(
        "vertical_line",
        to("exporter", "pipe_article"),
        "Pipe to command",
        show=False,
        id="pipe_article",
    ),
    Binding(
        "Q", to("sources_pane", "save_query"), "Save as query feed", show=False, id="save_query"
    ),
    Binding(
        "E", to("list_column", "feed_settings"), "Feed settings", show=False, id="feed_settings"
    ),
    Binding("y", to("article_view", "copy"), "Copy quote/link", show=False, id="copy"),
    Binding("o", to("article_view", "open_link"), "Open in browser", show=False, id="open_link"),
    Binding("u", to("article_view", "links"), "Links in article", show=False, id="links"),
    Binding("F", to("full_text", "fetch_page"), "Fetch full text", show=False, id="fetch_page"),
    Binding("v", "toggle_summary", "Full text/summary", show=False, id="toggle_summary"),
    Binding(
        "less_than_sign",
        to("layout_keeper", "resize_list(-4)"),
        "Narrower list",
        show=False,
        id="narrower",
    ),
    Binding(
        "greater_than_sign",
        to("layout_keeper", "resize_list(4)"),
        "Wider list",
        show=False,
        id="wider",
    ),
    Binding("escape", "leave_search", "Back (search, list)", show=False, id="leave_search"),
    Binding("a", to("refresh_status", "add_feed"), "Add feed", show=False, id="add_feed"),
    Binding(
        "r",
        to("refresh_status", "refresh_source"),
        "Refresh source",
        show=False,
        id="refresh_source",
    ),
    Binding("R", to("refresh_status", "refresh_all"), "Refresh all", id="refresh_all"),
    Binding(
        "t",
        to("layout_keeper", "toggle_quote_pane"),
        "Quote pane",
        show=False,
        id="toggle_quote_pane",
    ),
    Binding("tab", to("layout_keeper", "cycle_pane(1)"), "Next pane", show=False, id="focus_next"),
    Binding(
        "shift+tab",
        to("layout_keeper", "cycle_pane(-1)"),
        "Previous pane",
        show=False,
        id="focus_prev",
    ),
]
