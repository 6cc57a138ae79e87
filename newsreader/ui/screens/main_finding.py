"""The main screen's finding part: search as you type, filters, the sources pane, `A`."""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from textual import on, work
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from newsreader.links import display_text
from newsreader.store import ListFilter, Store
from newsreader.ui.screens.confirm import ConfirmScreen
from newsreader.ui.screens.main_base import MainScreenBase
from newsreader.ui.widgets.sources_pane import SourcesPane

SEARCH_RESULT_LIMIT = 500


class FindingPart(MainScreenBase):
    """Narrowing the list: search, view and date filters, one source, marking a source read."""

    # --- searching ---------------------------------------------------------------------------

    def action_search(self) -> None:
        """Show the search box (esc leaves search)."""
        if not self.mode.query:
            self._mode_before_search = self.mode
        search = self.search_input
        search.display = True
        # Focus now, not after the next refresh: keys typed right after `/` belong to the box.
        self.set_focus(search)

    @on(Input.Changed, "#search")
    def search_as_typed(self, event: Input.Changed) -> None:
        """Search again on every keystroke (the worker drops stale queries)."""
        if event.value.strip():
            self.run_search(event.value)
        else:
            self.set_mode(self._mode_before_search)

    @on(Input.Submitted, "#search")
    def leave_search_box(self) -> None:
        """Enter moves from the search box to the results."""
        self.article_list.focus()

    @work(thread=True, exclusive=True, exit_on_error=False, group="search")
    def run_search(self, query: str) -> tuple[str, list[int]]:
        """Query the index on a connection of its own, so typing never waits on SQLite."""
        store = Store(self.store.path) if self.store.path is not None else self.store
        try:
            return query, store.search(query, limit=SEARCH_RESULT_LIMIT)
        finally:
            if store is not self.store:
                store.close()

    @on(Worker.StateChanged)
    def search_finished(self, event: Worker.StateChanged) -> None:
        """Show the results of the newest search."""
        if event.worker.group != "search" or event.state != WorkerState.SUCCESS:
            return
        query, result_ids = cast("tuple[str, list[int]]", event.worker.result)
        if query != self.search_input.value:
            return  # a newer keystroke is on its way
        self.set_mode(replace(self._mode_before_search, query=query.strip()), result_ids)

    def action_leave_search(self) -> None:
        """Back to the list as it was before searching."""
        if not self.mode.query and not self.search_input.display:
            return
        self.search_input.display = False
        self.search_input.value = ""
        self.set_mode(self._mode_before_search)
        self.article_list.focus()

    # --- filters -----------------------------------------------------------------------------

    def action_cycle_view(self) -> None:
        """All → unread → starred."""
        self.set_mode(self.mode.next_view())

    def action_cycle_dates(self) -> None:
        """Any time → 24 hours → 7 days → 30 days."""
        self.set_mode(self.mode.next_date_range())

    def action_toggle_sources(self) -> None:
        """Show or hide the sources pane (on terminals under 140 columns it borrows the
        quote pane's room, and gives it back when closed)."""
        pane = self.sources_pane
        pane.display = not pane.display
        if pane.display:
            pane.show_sources(self.store.sources(), self._chosen_source())
            pane.focus()
            self._quote_pane_lent = self.size.width < 140 and self.quote_pane.display
            if self._quote_pane_lent:
                self.quote_pane.display = False
        else:
            if self._quote_pane_lent:
                self.quote_pane.display = True
                self._quote_pane_lent = False
            self.article_list.focus()

    @on(SourcesPane.SourceChosen)
    def filter_to_source(self, event: SourcesPane.SourceChosen) -> None:
        """List only the chosen source (or all)."""
        title = "" if event.source_id is None else self.store.source_title(event.source_id) or ""
        ids = () if event.source_id is None else (event.source_id,)
        self.set_mode(replace(self.mode, source_ids=ids, source_title=display_text(title)))

    def action_mark_source_read(self) -> None:
        """Mark every article of the current source read (asks first when it is many)."""
        source_id = self.current_source_id()
        if source_id is None:
            return
        # The whole source, whatever the list's view or date filter shows of it.
        source_filter = ListFilter(source_ids=(source_id,))
        unread = self.store.unread_count(source_filter)
        if unread == 0:
            self.notify("Nothing unread in this source.", timeout=2)
            return
        title = self.store.source_title(source_id) or "this source"

        def mark(confirmed: bool | None) -> None:
            if confirmed:
                self.save(lambda store: store.mark_all_read(source_filter), "marking all read")
                self.reload_list()
                self.notify(f"Marked {unread} articles read.", timeout=3, markup=False)

        if unread > max(1, self.article_list.size.height // 2):
            question = f"Mark all {unread} unread articles in {display_text(title)} read?"
            self.app.push_screen(ConfirmScreen(question), mark)
        else:
            mark(True)
