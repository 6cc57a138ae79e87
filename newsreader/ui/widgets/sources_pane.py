"""The sources pane: every source with its unread count; choosing one filters the list.

Query feeds (saved filters) come first in a group of their own and behave like a feed. Feeds
follow in their OPML folders (`sources.category`), each folder headed by its unread total. A
feed whose last refresh failed is marked `!` with the error on a dim second line (`i` shows
all of it); one never fetched says so; a feed with settings of its own (paused, refresh
interval, retention) shows them on the dim second line too. `j`/`k` move as in the list.
`Q` (bound on the screen, from any pane) saves what the list shows as a query feed here.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsreader import paths
from newsreader.links import display_text
from newsreader.rules.feeds import IgnoreRule, QueryFeed, hidden_condition, query_condition
from newsreader.services.feed_settings import settings_summary
from newsreader.store import SourceInfo, Store
from newsreader.store.feeds import FeedListing
from newsreader.text import clean_line
from newsreader.ui.query_feeds import save_query_feed
from newsreader.ui.state import ReaderState
from newsreader.ui.widgets.article_list import steady_width

ALL_SOURCES = "source-all"
logger = logging.getLogger(__name__)


def source_prompt(title: str, unread_count: int, width: int = 28) -> Text:
    """One line: the title, cut to fit, with the unread count right-aligned after it."""
    count = f" {unread_count}" if unread_count else ""
    text = Text(steady_width(display_text(title)), style=Style(bold=bool(unread_count)), end="")
    text.truncate(max(4, width - len(count)), overflow="ellipsis")
    text.append(count.rjust(max(0, width - text.cell_len)), Style(dim=True))
    return text


def _with_detail(prompt: Text, detail: str | None, width: int = 28) -> Text:
    """The prompt with a dim second line of settings, when the feed has any."""
    if not detail:
        return prompt
    line = Text("  " + display_text(detail), style=Style(dim=True, italic=True), end="")
    line.truncate(width, overflow="ellipsis")
    return Text.assemble(prompt, "\n", line, end="")


def feed_state(feed: FeedListing | None) -> str | None:
    """A few words on how the feed's refreshing goes, when something is worth saying."""
    if feed is None:
        return None
    if feed.last_error and feed.succeeded_at is None and not feed.article_count:
        return f"not fetched yet: {clean_line(feed.last_error)}"
    if feed.last_error:
        return f"failed: {clean_line(feed.last_error)}"
    if feed.kind == "feed" and feed.refreshed_at is None and not feed.article_count:
        return "not fetched yet"
    return None


def failure_report(feed: FeedListing) -> str:
    """The whole story of a feed's last refresh, for `i`."""
    if not feed.last_error:
        return f"{clean_line(feed.title)}: the last refresh worked."
    report = f"{clean_line(feed.title)}: {clean_line(feed.last_error)}"
    if feed.succeeded_at:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(feed.succeeded_at))
        return f"{report} (last worked {when}; r tries again)"
    return f"{report} (never fetched; r tries again)"


@dataclass(frozen=True, slots=True)
class PaneCounts:
    """What the pane shows, read in one go from the store."""

    sources: list[SourceInfo]
    queries: list[tuple[str, int]]
    """(title, unread count) of each query feed."""
    details: dict[int, str]
    """Source id → its own settings in a few words."""
    feeds: dict[int, FeedListing] = field(default_factory=dict)
    """Source id → its folder and how its last refresh went."""


def pane_counts(
    store: Store, queries: Sequence[QueryFeed], ignores: Sequence[IgnoreRule]
) -> PaneCounts:
    """Sources and query feeds with their unread counts (the killfile's articles left out),
    and each source's settings line."""
    now = int(time.time())
    hidden = hidden_condition(ignores, now)
    sources = store.sources(hidden)
    counts = store.unread_counts([query_condition(query, now) for query in queries], hidden)
    details = {
        source_id: settings_summary(settings)
        for source_id, settings in store.all_feed_settings().items()
    }
    feeds = {feed.id: feed for feed in store.feed_listing()}
    return PaneCounts(
        sources, [(q.title, n) for q, n in zip(queries, counts, strict=True)], details, feeds
    )


class SourcesPane(OptionList):
    """Lists sources; posts `SourceChosen` with the id, or None for all sources."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="sources.down"),
        Binding("k", "cursor_up", "Up", show=False, id="sources.up"),
        Binding("g", "first", "First", show=False, id="sources.first"),
        Binding("G", "last", "Last", show=False, id="sources.last"),
        Binding("i", "why", "Why it failed", id="sources.why"),
    ]

    COMPONENT_CLASSES = {"sources-pane--failed", "sources-pane--folder"}

    DEFAULT_CSS = """
    SourcesPane {
        width: 32;
        height: 1fr;
        border: none;
        border-right: solid $panel;
        background: $surface;
        &:focus { border: none; border-right: solid $accent; }
        & > .sources-pane--failed { color: $text-error; text-style: bold; }
        & > .sources-pane--folder { color: $text-accent; text-style: bold; }
    }
    """

    class SourceChosen(Message):
        """The user chose a source (None: all sources)."""

        def __init__(self, source_id: int | None) -> None:
            super().__init__()
            self.source_id = source_id

    class QueryChosen(Message):
        """The user chose a query feed (a saved filter)."""

        def __init__(self, query: QueryFeed) -> None:
            super().__init__()
            self.query = query
            self.title = query.title

    class Counted(Message):
        """Fresh counts from the store, read off the UI thread (None: counting failed)."""

        def __init__(
            self, counts: PaneCounts | None, chosen: int | None, chosen_query: str
        ) -> None:
            super().__init__()
            self.counts = counts
            self.chosen = chosen
            self.chosen_query = chosen_query

    def __init__(
        self,
        state: ReaderState,
        *,
        queries: Sequence[QueryFeed] = (),
        ignores: Sequence[IgnoreRule] = (),
        id: str | None = None,
    ) -> None:
        """`state` says which source or query feed the list shows (chosen in the pane)."""
        super().__init__(id=id)
        self.state = state
        self.query_titles: list[str] = []
        self._counting = False
        self._wanted: tuple[int | None, str] | None = None
        self._shown: tuple[Any, ...] | None = None
        """What `show_sources` was last given, to draw again at a new width."""
        self._shown_width = 0
        self.feeds: dict[int, FeedListing] = {}
        """Source id → its folder and last refresh, as last shown."""
        self.store = state.store
        self.queries = tuple(queries)
        self.ignores = tuple(ignores)

    def load(self, chosen: int | None, chosen_query: str = "") -> None:
        """Count again (sources, query feeds, settings) in a worker, then show the counts.

        One count runs at a time; asking again meanwhile runs one more when it ends (never
        cancelled halfway, never one per keypress queued up)."""
        if self._counting:
            self._wanted = (chosen, chosen_query)
            return
        self._counting = True
        self._count(chosen, chosen_query)

    def recount(self) -> None:
        """Count again, keeping what the list shows (a source, a query feed) chosen."""
        self.load(self.state.chosen_source, self.state.mode.rule_title)

    def action_save_query(self) -> None:
        """Save what the list shows (a search or a filter) as a query feed in config.toml
        (`Q`, from any pane), listed here from then on."""

        def saved(query: QueryFeed) -> None:
            self.queries = (*self.queries, query)
            self.recount()

        save_query_feed(self, self.state.mode, self.queries, paths.config_path(), saved)

    @work(thread=True, exit_on_error=False, group="sources-pane")
    def _count(self, chosen: int | None, chosen_query: str) -> None:
        store = Store(self.store.path) if self.store.path is not None else self.store
        try:
            counts = pane_counts(store, self.queries, self.ignores)
        except Exception:  # a busy or failing store: the pane keeps its last counts
            logger.exception("counting the sources pane failed")
            self.post_message(self.Counted(None, chosen, chosen_query))
            return
        finally:
            if store is not self.store:
                store.close()
        self.post_message(self.Counted(counts, chosen, chosen_query))

    @on(Counted)
    def show_counted(self, event: Counted) -> None:
        """Show the counts a worker read."""
        event.stop()
        self._counting = False
        if self._wanted is not None:
            wanted, self._wanted = self._wanted, None
            self.load(*wanted)
            return
        counts = event.counts
        if counts is not None:
            self.show_sources(
                counts.sources,
                event.chosen,
                counts.queries,
                event.chosen_query,
                counts.details,
                counts.feeds,
            )

    def show_sources(
        self,
        sources: list[SourceInfo],
        chosen: int | None,
        queries: Sequence[tuple[str, int]] = (),
        chosen_query: str | None = None,
        details: Mapping[int, str] | None = None,
        feeds: Mapping[int, FeedListing] | None = None,
    ) -> None:
        """Fill the pane, keeping the highlight on the chosen source or query feed.

        Args:
            sources: The feeds and local sources with their unread counts.
            chosen: The source the list is narrowed to, if any.
            queries: (title, unread count) of each query feed, listed in their own group.
            chosen_query: The query feed the list shows, if any.
            details: Source id → its settings line (`paused · refresh 90 min`).
            feeds: Source id → its folder and last refresh (grouping and failure marks).
        """
        self._shown = (sources, chosen, queries, chosen_query, details, feeds)
        self.feeds = dict(feeds or {})
        total_unread = sum(source.unread_count for source in sources)
        # The layout decides the pane's width; a prompt wider than it would wrap its count.
        shown = self._shown_width = self.scrollable_content_region.width
        width = max(12, shown - 1) if shown > 0 else 28
        options: list[Option | None] = [
            Option(source_prompt("All sources", total_unread, width), id=ALL_SOURCES)
        ]
        self.query_titles = [title for title, _ in queries]
        if queries:
            options.append(self._heading("Queries", None, width))
            options += [
                Option(source_prompt(title, unread, width), id=f"query-{number}")
                for number, (title, unread) in enumerate(queries)
            ]
        options += self._folders(sources, details or {}, width, headed=bool(queries))
        self.set_options(options)
        target = ALL_SOURCES if chosen is None else f"source-{chosen}"
        if chosen_query in self.query_titles:
            target = f"query-{self.query_titles.index(chosen_query)}"
        try:
            self.highlighted = self.get_option_index(target)
        except Exception:  # the chosen source is gone
            self.highlighted = 0

    def _folders(
        self, sources: list[SourceInfo], details: Mapping[int, str], width: int, *, headed: bool
    ) -> list[Option | None]:
        """The sources grouped by OPML folder (by name), then those in no folder."""
        folders: dict[str, list[SourceInfo]] = {}
        for source in sources:
            feed = self.feeds.get(source.id)
            folders.setdefault(clean_line(feed.category or "") if feed else "", []).append(source)
        names = sorted((name for name in folders if name), key=str.casefold)
        options: list[Option | None] = []
        for name in [*names, ""]:
            members = folders.get(name, [])
            if not members:
                continue
            if name or names or headed:
                unread = sum(source.unread_count for source in members)
                options.append(self._heading(name or "Feeds", unread if name else None, width))
            indent = 2 if name else 0
            options += [self._source_option(source, details, width, indent) for source in members]
        return options

    def _heading(self, name: str, unread: int | None, width: int) -> Option:
        """A folder's name (and its unread total) over its feeds; not choosable."""
        style = self.get_component_rich_style("sources-pane--folder", partial=True)
        if unread is None:
            return Option(Text(name, Style(dim=True, italic=True), end=""), disabled=True)
        heading = source_prompt(name, unread, width)
        heading.stylize(style, 0, min(len(name), len(heading.plain)))
        return Option(heading, disabled=True)

    def _source_option(
        self, source: SourceInfo, details: Mapping[int, str], width: int, indent: int
    ) -> Option:
        """One source: `! ` when its last refresh failed, its title and unread count, and a
        dim line with how refreshing goes and its own settings."""
        feed = self.feeds.get(source.id)
        failed = feed is not None and bool(feed.last_error)
        mark = "! " if failed else " " * indent
        prompt = Text(end="")
        prompt.append(mark, self.get_component_rich_style("sources-pane--failed", partial=True))
        prompt.append_text(source_prompt(source.title, source.unread_count, width - len(mark)))
        notes = [note for note in (feed_state(feed), details.get(source.id)) if note]
        return Option(_with_detail(prompt, " · ".join(notes), width), id=f"source-{source.id}")

    def action_why(self) -> None:
        """Say why the highlighted feed's last refresh failed (or that it worked)."""
        option_id = ""
        if self.highlighted is not None:
            option_id = self.get_option_at_index(self.highlighted).id or ""
        feed = None
        if option_id.startswith("source-") and option_id != ALL_SOURCES:
            feed = self.feeds.get(int(option_id.removeprefix("source-")))
        if feed is None:
            self.notify("Highlight a feed to see how its last refresh went.", timeout=3)
            return
        report = failure_report(feed)
        if feed.last_error:
            self.notify(report, title="Last refresh", severity="warning", timeout=12)
        else:
            self.notify(report, title="Last refresh", timeout=6)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._redraw())

    def _redraw(self) -> None:
        """Draw the pane again (new width or theme) from what it was last given."""
        if self._shown is not None:
            self.call_after_refresh(self.show_sources, *self._shown)

    def on_resize(self) -> None:
        """Fit the prompts to the width the layout gave the pane."""
        if self._shown is not None and self._shown_width != self.scrollable_content_region.width:
            self.show_sources(*self._shown)

    @on(OptionList.OptionSelected)
    def choose_source(self, event: OptionList.OptionSelected) -> None:
        """Filter the list to the selected source."""
        event.stop()
        option_id = event.option.id or ALL_SOURCES
        if option_id.startswith("query-"):
            number = int(option_id.removeprefix("query-"))
            title = self.query_titles[number] if number < len(self.query_titles) else None
            query = next((query for query in self.queries if query.title == title), None)
            if query is not None:
                self.post_message(self.QueryChosen(query))
            return
        source_id = None if option_id == ALL_SOURCES else int(option_id.removeprefix("source-"))
        self.post_message(self.SourceChosen(source_id))
