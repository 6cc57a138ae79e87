"""What the article list shows: the stored articles through a filter, or search results.

The list widget only asks for counts and pages; this object answers from the store either way,
so filters, the sources pane and search all drive the same virtual list.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from newsreader.models import ArticleRow
from newsreader.rules import filter_condition
from newsreader.rules.feeds import IgnoreRule, hidden_condition
from newsreader.store import ListFilter, Store

VIEWS = ("all", "unread", "starred")
DATE_RANGES: tuple[tuple[int | None, str], ...] = (
    (None, "any time"),
    (1, "last 24 hours"),
    (7, "last 7 days"),
    (30, "last 30 days"),
)


@dataclass(frozen=True, slots=True)
class ListMode:
    """The user's choice of what to list."""

    view: str = "all"
    """One of VIEWS."""
    days: int | None = None
    """Only the last N days (None: any time)."""
    source_ids: tuple[int, ...] = ()
    """Only these sources (empty: all)."""
    source_title: str = ""
    """Name of the chosen source, for the status line."""
    query: str = ""
    """Search text; when not empty the list shows search results instead."""
    rule: str = ""
    """A filter in the filter language (a query feed's, or one typed in the search box)."""
    rule_title: str = ""
    """The query feed's title when `rule` is one (empty: a filter typed in the search box)."""
    ignores: tuple[IgnoreRule, ...] = ()
    """The killfile (`[[ignore]]`): what it matches is never listed or counted."""

    def list_filter(self, now: datetime) -> ListFilter:
        """The store filter for this mode (`age` in the filter counts back from `now`).

        Raises:
            RuleError: `rule` does not parse (query feeds and killfile rules parsed when the
                config was read; a typed filter is parsed before it becomes a mode).
        """
        since = None if self.days is None else int((now - timedelta(days=self.days)).timestamp())
        moment = int(now.timestamp())
        return ListFilter(
            unread_only=self.view == "unread",
            starred_only=self.view == "starred",
            source_ids=self.source_ids,
            since=since,
            conditions=(filter_condition(self.rule, moment),) if self.rule else (),
            hidden=hidden_condition(self.ignores, moment),
        )

    def next_view(self) -> ListMode:
        """All → unread → starred → all."""
        return replace(self, view=VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)])

    def next_date_range(self) -> ListMode:
        """Any time → 24 hours → 7 days → 30 days → any time."""
        days = [days for days, _ in DATE_RANGES]
        return replace(self, days=days[(days.index(self.days) + 1) % len(days)])

    def describe(self) -> str:
        """A few words for the status line: `unread · last 7 days · Harbour Gazette`."""
        parts = []
        if self.query:
            parts.append(f"search “{self.query}”")
        if self.rule:
            parts.append(self.rule_title or f"filter “{self.rule}”")
        if self.view != "all":
            parts.append(self.view)
        if self.days is not None:
            parts.append(dict(DATE_RANGES)[self.days])
        if self.source_title:
            parts.append(self.source_title)
        return " · ".join(parts)


class ListSource:
    """Counts, pages and positions for the article list in the current mode."""

    def __init__(self, store: Store, mode: ListMode, now: datetime) -> None:
        self.store = store
        self.mode = mode
        self.list_filter = mode.list_filter(now)
        self._result_ids: list[int] = []
        self._total: int | None = None

    @property
    def result_ids(self) -> list[int]:
        """The search results listed, best first, without what the killfile hides."""
        return self._result_ids

    @result_ids.setter
    def result_ids(self, article_ids: list[int]) -> None:
        hidden = self.list_filter.hidden
        gone = self.store.ids_matching(article_ids, hidden) if hidden is not None else set()
        self._result_ids = [article_id for article_id in article_ids if article_id not in gone]

    @property
    def searching(self) -> bool:
        """Whether the list shows search results."""
        return bool(self.mode.query)

    def count(self) -> int:
        """How many rows the list has."""
        if self.searching:
            return len(self.result_ids)
        self._total = self.store.count(self.list_filter)
        return self._total

    def fetch(self, offset: int, limit: int) -> list[ArticleRow]:
        """One page of rows."""
        if self.searching:
            return self.store.rows_for_ids(self.result_ids[offset : offset + limit])
        return self.store.rows(self.list_filter, offset, limit, total=self._total)

    def position(self, article_id: int) -> int | None:
        """Where an article is in the list, if it is there."""
        if self.searching:
            return self.result_ids.index(article_id) if article_id in self.result_ids else None
        return self.store.position(article_id, self.list_filter)

    def counts(self) -> tuple[int, int]:
        """(listed, unread) as the store has them now, unread never above listed.

        Unlike `count`, this leaves the list's paging alone, so the header can be current
        while the rows on screen wait for the next reload.
        """
        if self.searching:
            rows = self.store.rows_for_ids(self.result_ids)
            return len(rows), sum(not row.read for row in rows)
        total = self.store.count(self.list_filter)
        return total, min(self.store.unread_count(self.list_filter), total)

    def unread_count(self) -> int:
        """How many listed articles are unread."""
        if self.searching:
            return sum(not row.read for row in self.store.rows_for_ids(self.result_ids))
        return self.store.unread_count(self.list_filter)

    def next_unread(self, after_id: int | None, *, backwards: bool) -> int | None:
        """The next unread article after `after_id` in list order (or before it, backwards)."""
        if not self.searching:
            return self.store.next_unread(after_id, self.list_filter, backwards=backwards)
        ids = self.result_ids[::-1] if backwards else self.result_ids
        start = ids.index(after_id) + 1 if after_id in ids else 0
        for row in self.store.rows_for_ids(ids[start:]):
            if not row.read:
                return row.id
        return None
