"""The list column: the search box over the article list, showing what `ReaderState` lists.

It owns the keys that change what is listed or the state of listed articles (`n`/`p`, `m`,
`s`, `f`, `d`, `A`, `E`); the screen binds them (they work from every pane) and runs them here.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message

from newsreader.models import ArticleRow
from newsreader.store.search import search_terms
from newsreader.ui.article_actions import mark_listed_read
from newsreader.ui.list_source import ListSource
from newsreader.ui.query_feeds import edit_feed_settings
from newsreader.ui.state import ReaderState
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.search_box import SearchBox
from newsreader.ui.wording import empty_message
from newsreader.ui.writes import Change, state_change


class ListColumn(Vertical):
    """Draws the state's listing, searches and re-reads it; posts `Listed` after each.

    `SearchBox.Done` (enter or ↓ in the box) bubbles on to the screen, which moves to the list.
    """

    class Listed(Message):
        """The list was drawn again; `header` says what it lists (for the screen's header)."""

        def __init__(self, header: str) -> None:
            super().__init__()
            self.header = header

    def __init__(
        self,
        state: ReaderState,
        save: Callable[[Change, str], object] | None = None,
        *,
        id: str | None = None,
    ) -> None:
        """`save` saves read/starred changes (the screen's writer); None: into the store now."""
        super().__init__(id=id)
        self.state = state
        self._save = save or (lambda change, _what: change(state.store))

    def compose(self) -> ComposeResult:
        yield SearchBox(self.state.store, id="search")
        yield ArticleList(self._fetch_rows, clock=self.state.clock, id="article-list")

    def _fetch_rows(self, offset: int, limit: int) -> list[ArticleRow]:
        return self.state.listing.fetch(offset, limit)

    @property
    def article_list(self) -> ArticleList:
        """The list itself."""
        return self.query_one(ArticleList)

    @property
    def search_box(self) -> SearchBox:
        """The search box above the list (hidden until `/`)."""
        return self.query_one(SearchBox)

    def show(self, listing: ListSource) -> None:
        """Draw `listing` (the state's new list): highlights, empty message, rows."""
        self.article_list.highlight_terms = search_terms(listing.mode.query)
        self.reload(keep_cursor=not listing.searching)
        # Only an empty list says anything, so the source's refresh record is read only then.
        feed = self.state.chosen_feed() if not self.article_list.row_count else None
        self.article_list.empty_message = empty_message(listing.mode, feed)

    def reload(self, *, keep_cursor: bool = True) -> None:
        """Re-read the list from the store, keeping the cursor on the same article if it can."""
        article_list, listing = self.article_list, self.state.listing
        current = article_list.current
        article_list.reset(listing.count())
        if keep_cursor and current is not None:
            position = listing.position(current.id)
            if position is not None:
                article_list.move_to(position)
        else:
            article_list.move_to(0)
        self.announce()

    def show_imported(self, imported: bool, only_sources: tuple[int, ...] | None) -> None:
        """After an import: list what it brought (only `only_sources`, when given), or say
        that nothing was imported (`imported` False: the reason was said already)."""
        self.article_list.empty_message = (
            "No articles found." if imported else "Nothing imported (see the message above)."
        )
        if only_sources is not None:
            self.show(self.state.list_only_sources(only_sources))
        else:
            self.reload()

    def article_meant(self) -> int | None:
        """The open article, else the one under the cursor (what `e`, `|` act on)."""
        return self.state.article_meant(self.article_list.current)

    def source_meant(self) -> int | None:
        """The chosen source, else that of the article under the cursor (`r`, `E`)."""
        return self.state.source_meant(self.article_list.current)

    def action_jump_unread(self, direction: int) -> None:
        """Open the next (1) or previous (-1) unread article from the cursor, across sources."""
        target = self.state.unread_to_open(self.article_list.current, backwards=direction < 0)
        if target is None:
            self.notify("No more unread articles.", timeout=3)
            return
        if (position := self.state.listing.position(target)) is not None:
            self.article_list.move_to(position)
        self.article_list.post_message(ArticleList.Selected(target))

    def action_cycle_view(self) -> None:
        """All → unread → starred."""
        self.show(self.state.next_view())

    def action_cycle_dates(self) -> None:
        """Any time → 24 hours → 7 days → 30 days."""
        self.show(self.state.next_date_range())

    def action_mark_source_read(self) -> None:
        """Mark every article of the current source (or query feed) read; asks first past a
        screenful of them."""
        screenful = max(1, self.article_list.size.height // 2)
        row = self.article_list.current
        mark_listed_read(self, self.state, row, screenful, self._save, self.reload)

    def set_state(
        self, article_id: int, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """Save read/starred state, then redraw the row and the counts at once."""
        what = "starring" if starred is not None else "marking read"
        self._save(state_change(article_id, read, starred), what)
        self.article_list.show_state(article_id, read=read, starred=starred)
        self.announce()

    def action_flip(self, field: str) -> None:
        """Flip `read` or `starred` of the article under the cursor."""
        if row := self.article_list.current:
            if field == "read":
                self.set_state(row.id, read=not row.read)
            else:
                self.set_state(row.id, starred=not row.starred)

    def action_feed_settings(self) -> None:
        """Edit the settings of the chosen source, or of the article under the cursor's (`E`);
        the list is drawn again after a change (and the sources pane's counts with it)."""
        state = self.state
        edit_feed_settings(self, state.store, self.source_meant(), self._save, self.reload)

    def announce(self) -> None:
        """Post what is listed now, counted now."""
        self.post_message(self.Listed(self.state.header()))

    # --- searching -------------------------------------------------------------------------------

    def begin_search(self) -> None:
        """Show the search box and type into it (esc leaves the search)."""
        self.state.begin_search()
        box = self.search_box
        box.display = True
        # Focus now, not after the next refresh: keys typed right after `/` belong to the box.
        self.screen.set_focus(box)

    def end_search(self) -> bool:
        """Back to the list as it was before searching; False when no search was on."""
        box = self.search_box
        if not (self.state.searching or box.display):
            return False
        box.display = False
        box.clear_query()
        self.show(self.state.end_search())
        return True

    @on(SearchBox.Searched)
    def show_results(self, event: SearchBox.Searched) -> None:
        """List the newest results (an empty box lists as before the search)."""
        event.stop()
        self.show(self.state.search_found(event.query, event.result_ids))
