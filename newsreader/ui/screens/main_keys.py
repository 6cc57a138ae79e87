"""The main screen's keys, as data: each has a stable `id` for `[keys]` in config.toml.

Help, footer and the command palette are generated from this list. A new key is one
`Binding` here and one `action_*` method on `MainScreen` (`main.py`).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

MAIN_BINDINGS: list[BindingType] = [
    Binding("n", "jump_unread(1)", "Next unread", id="next_unread"),
    Binding("p", "jump_unread(-1)", "Prev unread", id="previous_unread"),
    Binding("m,N", "flip('read')", "Read/unread", id="toggle_read"),
    Binding("s", "flip('starred')", "Star", id="toggle_star"),
    Binding("space,pagedown", "page_article(1)", "Scroll article", id="page_article"),
    Binding("b,pageup", "page_article(-1)", "Scroll back", show=False, id="page_back"),
    Binding("]", "step_quote(1)", "Next quote", id="next_quote"),
    Binding("[", "step_quote(-1)", "Prev quote", show=False, id="previous_quote"),
    # A priority binding runs before the next key is forwarded, so text typed straight
    # after `/` (fast typing, a paste, a macro) lands in the search box.
    Binding("slash", "search", "Search", id="search", priority=True),
    Binding("f", "cycle_view", "All/unread/starred", show=False, id="cycle_view"),
    Binding("d", "cycle_dates", "Date range", show=False, id="cycle_dates"),
    Binding("S", "toggle_sources", "Sources pane", show=False, id="toggle_sources"),
    Binding("A", "mark_source_read", "Mark source read", show=False, id="mark_source_read"),
    Binding("w", "speakers", "Speakers", id="speakers"),
    Binding("e", "save_article", "Save as Markdown", show=False, id="save_article"),
    Binding("vertical_line", "pipe_article", "Pipe to command", show=False, id="pipe_article"),
    Binding("Q", "save_query", "Save as query feed", show=False, id="save_query"),
    Binding("E", "feed_settings", "Feed settings", show=False, id="feed_settings"),
    Binding("y", "copy", "Copy quote/link", show=False, id="copy"),
    Binding("o", "open_link", "Open in browser", show=False, id="open_link"),
    Binding("u", "links", "Links in article", show=False, id="links"),
    Binding("F", "fetch_page", "Fetch full text", show=False, id="fetch_page"),
    Binding("v", "toggle_summary", "Full text/summary", show=False, id="toggle_summary"),
    Binding("less_than_sign", "resize_list(-4)", "Narrower list", show=False, id="narrower"),
    Binding("greater_than_sign", "resize_list(4)", "Wider list", show=False, id="wider"),
    Binding("escape", "leave_search", "Back (search, list)", show=False, id="leave_search"),
    Binding("a", "add_feed", "Add feed", show=False, id="add_feed"),
    Binding("r", "refresh_source", "Refresh source", show=False, id="refresh_source"),
    Binding("R", "refresh_all", "Refresh all", id="refresh_all"),
    Binding("t", "toggle_quote_pane", "Quote pane", show=False, id="toggle_quote_pane"),
    Binding("tab", "cycle_pane(1)", "Next pane", show=False, id="focus_next"),
    Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False, id="focus_prev"),
]
