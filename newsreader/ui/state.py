"""The reader's state without a terminal: what is listed, what is open, what was there before.

`ReaderState` holds the list mode (view, date range, source, search), the mode to go back to
when a search ends, and the article that is open. The main screen asks it what to show and
tells it what the user did; tests drive it directly, with a real store and no Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsreader.links import display_text
from newsreader.models import ArticleRow
from newsreader.rules import is_filter
from newsreader.rules.feeds import IgnoreRule, QueryFeed
from newsreader.store import Store
from newsreader.store.feeds import FeedListing
from newsreader.ui.clock import Clock, utc_now
from newsreader.ui.list_source import ListMode, ListSource


class ReaderState:
    """List mode, search, chosen source and open article, over one store."""

    def __init__(
        self, store: Store, clock: Clock = utc_now, ignores: Sequence[IgnoreRule] = ()
    ) -> None:
        self.store = store
        self.clock = clock
        self.mode = ListMode(ignores=tuple(ignores))
        self.listing = ListSource(store, self.mode, clock())
        self.mode_before_search = self.mode
        """What the list showed when the search began; `esc` returns to it."""
        self.open_article_id: int | None = None
        """The article in the article view (None: nothing opened yet)."""

    # --- what is listed ------------------------------------------------------------------------

    def set_mode(self, mode: ListMode, result_ids: list[int] | None = None) -> ListSource:
        """List in `mode` from now on (search results as `result_ids`); returns the new listing."""
        self.mode = mode
        self.listing = ListSource(self.store, mode, self.clock())
        self.listing.result_ids = list(result_ids or [])
        return self.listing

    def refreshed_listing(self) -> ListSource:
        """The same mode read again (after a refresh, import or a date crossing midnight)."""
        return self.set_mode(self.mode, self.listing.result_ids)

    def next_view(self) -> ListSource:
        """All → unread → starred."""
        return self.set_mode(self.mode.next_view(), self.listing.result_ids)

    def next_date_range(self) -> ListSource:
        """Any time → 24 hours → 7 days → 30 days."""
        return self.set_mode(self.mode.next_date_range(), self.listing.result_ids)

    def choose_source(self, source_id: int | None) -> ListSource:
        """List only `source_id` (None: every source)."""
        title = "" if source_id is None else self.store.source_title(source_id) or ""
        ids = () if source_id is None else (source_id,)
        title = display_text(title)
        self.mode_before_search = replace(
            self.mode_before_search, source_ids=ids, source_title=title, rule="", rule_title=""
        )
        mode = replace(self.mode, source_ids=ids, source_title=title, rule="", rule_title="")
        return self.set_mode(mode, self.listing.result_ids)

    def choose_query(self, query: QueryFeed) -> ListSource:
        """List a query feed: its filter over every source, like a feed of its own."""
        self.mode_before_search = replace(
            self.mode_before_search,
            source_ids=(),
            source_title="",
            rule=query.filter,
            rule_title=query.title,
        )
        return self.set_mode(self.mode_before_search)

    def list_only_sources(self, source_ids: tuple[int, ...]) -> ListSource:
        """List only these sources (the paths the reader was started on)."""
        return self.set_mode(replace(self.mode, source_ids=source_ids))

    @property
    def chosen_source(self) -> int | None:
        """The one source the list is narrowed to, if it is."""
        return self.mode.source_ids[0] if len(self.mode.source_ids) == 1 else None

    def chosen_feed(self) -> FeedListing | None:
        """The one source the list is narrowed to, with its last refresh (None: not one)."""
        if self.chosen_source is None:
            return None
        return next((f for f in self.store.feed_listing() if f.id == self.chosen_source), None)

    def source_meant(self, row: ArticleRow | None) -> int | None:
        """The source the user means: the chosen one, else that of `row` (under the cursor)."""
        if self.chosen_source is not None:
            return self.chosen_source
        return self.store.source_of(row.id) if row is not None else None

    def article_meant(self, row: ArticleRow | None) -> int | None:
        """The article the user means: the open one, else `row` (under the cursor)."""
        return self.open_article_id or (row.id if row is not None else None)

    # --- searching -------------------------------------------------------------------------------

    @property
    def searching(self) -> bool:
        """Whether the list shows search results."""
        return bool(self.mode.query)

    def begin_search(self) -> None:
        """Remember what the list shows, so leaving the search returns to it."""
        if not self.searching:
            self.mode_before_search = self.mode

    def search_found(self, query: str, result_ids: list[int]) -> ListSource:
        """List the results of `query` (ids best first); an empty query lists as before."""
        if not query.strip():
            return self.set_mode(self.mode_before_search)
        if is_filter(query):  # `speaker ~ okonjo and age < 7d`: the list through that filter
            return self.set_mode(replace(self.mode_before_search, rule=query, rule_title=""))
        return self.set_mode(replace(self.mode_before_search, query=query.strip()), result_ids)

    def end_search(self) -> ListSource:
        """Back to the list as it was before searching."""
        return self.set_mode(self.mode_before_search)

    # --- what the header says ---------------------------------------------------------------------

    def header(self) -> str:
        """`unread · last 7 days · Harbour Gazette — 12 unread · 40 articles`, counted now."""
        # Both counts are read now, from the same filter: the list's own row count may be
        # older (another program or a refresh added articles since it was drawn).
        total, unread = self.listing.counts()
        noun = ("result" if self.searching else "article") + ("" if total == 1 else "s")
        described = display_text(self.mode.describe())  # a pasted query may hold escapes
        return (f"{described} — " if described else "") + f"{unread} unread · {total} {noun}"

    # --- moving between unread articles ----------------------------------------------------------

    def unread_to_open(self, current: ArticleRow | None, *, backwards: bool) -> int | None:
        """The article `n`/`p` opens: the row under the cursor when it is unread and not open
        yet, else the next unread one after it in list order (None: no more)."""
        if current is not None and not current.read and current.id != self.open_article_id:
            return current.id
        after = current.id if current is not None else None
        return self.listing.next_unread(after, backwards=backwards)
