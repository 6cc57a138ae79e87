"""The article list: a line-API widget that draws only the visible rows.

Rows come from the store in pages and are cached, so a list of 100,000 articles costs one
`count(*)` and a page query to paint, not a widget per row.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.models import ArticleRow
from newsreader.text import clean_line
from newsreader.ui.cells import steady_width
from newsreader.ui.clock import Clock, utc_now

PAGE_SIZE = 200
ROW_HEIGHT = 2
CACHED_PAGES = 16

RowFetcher = Callable[[int, int], list[ArticleRow]]
"""Returns `limit` rows starting at `offset` (the store's `rows` with a filter bound)."""


def terms_pattern(terms: list[str]) -> re.Pattern[str] | None:
    """A case-insensitive pattern matching words that start with any of `terms`."""
    if not terms:
        return None
    alternatives = "|".join(re.escape(term) for term in sorted(set(terms), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def local_moment(moment: datetime) -> datetime:
    """`moment` in local time, except date-only values (midnight UTC), which keep their day."""
    if moment.tzinfo == UTC and (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return moment
    try:
        return moment.astimezone()
    except (OverflowError, ValueError, OSError):
        return moment  # at the edge of year 1 or 9999 local time does not exist: show UTC


def short_date(moment: datetime | None, now: datetime | None = None) -> str:
    """A compact date for the list: `Oct 14` this year, `2025-10-14` otherwise."""
    if moment is None:
        return ""
    local = local_moment(moment)
    if local.year == local_moment(now or utc_now()).year:
        return local.strftime("%b %d")
    return f"{local.year:04d}-{local.month:02d}-{local.day:02d}"  # %Y gives "1" for year 1


class RowCache:
    """Pages of list rows fetched on demand and kept in a small LRU."""

    def __init__(self, fetch: RowFetcher) -> None:
        self._fetch = fetch
        self._pages: OrderedDict[int, list[ArticleRow]] = OrderedDict()

    def row(self, index: int) -> ArticleRow | None:
        """The row at `index`, fetching its page if needed."""
        page_number, offset = divmod(index, PAGE_SIZE)
        page = self._pages.get(page_number)
        if page is None:
            page = self._fetch(page_number * PAGE_SIZE, PAGE_SIZE)
            self._pages[page_number] = page
            if len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_number)
        return page[offset] if offset < len(page) else None

    def replace(self, index: int, row: ArticleRow) -> None:
        """Swap in a changed row (read/starred) without refetching its page."""
        page = self._pages.get(index // PAGE_SIZE)
        if page is not None and index % PAGE_SIZE < len(page):
            page[index % PAGE_SIZE] = row

    def clear(self) -> None:
        """Forget every page (after an import or a filter change)."""
        self._pages.clear()


class ArticleList(ScrollView, can_focus=True):
    """Newest-first list of articles: unread marker, star and title over source and date."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="list_down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="list_up"),
        Binding("ctrl+f,ctrl+d", "page_down", "Page down", show=False, id="list_page_down"),
        Binding("ctrl+b,ctrl+u", "page_up", "Page up", show=False, id="list_page_up"),
        Binding("g,home", "first", "First", show=False, id="list_first"),
        Binding("G,end", "last", "Last", show=False, id="list_last"),
        Binding("enter", "open", "Open", id="open"),
    ]

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--read",
        "article-list--date",
        "article-list--source",
        "article-list--star",
        "article-list--empty",
        "article-list--match",
    }

    DEFAULT_CSS = """
    ArticleList {
        background: $surface;
        overflow-x: hidden;
        & > .article-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .article-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .article-list--unread { color: $text; text-style: bold; }
        & > .article-list--read { color: $text-muted; }
        & > .article-list--date { color: $text-muted; }
        & > .article-list--source { color: $text-accent; }
        & > .article-list--star { color: $text-warning; }
        & > .article-list--empty { color: $text-muted; text-style: italic; }
        & > .article-list--match { background: $warning 40%; }
    }
    """

    cursor: reactive[int] = reactive(0, init=False)

    class Highlighted(Message):
        """The cursor moved to an article."""

        def __init__(self, article_id: int) -> None:
            super().__init__()
            self.article_id = article_id

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ArticleList.Highlighted)

    class Selected(Message):
        """The user asked to open an article."""

        def __init__(self, article_id: int) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, fetch: RowFetcher, *, clock: Clock = utc_now, id: str | None = None) -> None:
        super().__init__(id=id)
        self.clock = clock
        self._rows = RowCache(fetch)
        self.row_count = 0
        self.empty_message = "No articles yet."
        self._terms: list[str] = []
        self._highlight: re.Pattern[str] | None = None

    @property
    def highlight_terms(self) -> list[str]:
        """Search words highlighted in titles (set to [] to stop highlighting)."""
        return self._terms

    @highlight_terms.setter
    def highlight_terms(self, terms: list[str]) -> None:
        self._terms = list(terms)
        self._highlight = terms_pattern(terms)
        self.refresh()

    # --- data --------------------------------------------------------------------------------

    def reset(self, row_count: int, fetch: RowFetcher | None = None) -> None:
        """Show a new list (after an import or a filter change), keeping the cursor in range."""
        if fetch is not None:
            self._rows = RowCache(fetch)
        else:
            self._rows.clear()
        self.row_count = row_count
        self.virtual_size = Size(self.size.width, row_count * ROW_HEIGHT)
        self.set_reactive(ArticleList.cursor, max(0, min(self.cursor, row_count - 1)))
        self.refresh()

    def row(self, index: int) -> ArticleRow | None:
        """The row at `index`, or None outside the list."""
        if 0 <= index < self.row_count:
            return self._rows.row(index)
        return None

    @property
    def current(self) -> ArticleRow | None:
        """The row under the cursor."""
        return self.row(self.cursor)

    def update_row(self, index: int, row: ArticleRow) -> None:
        """Redraw one row whose state changed."""
        self._rows.replace(index, row)
        self._refresh_row(index)

    def show_state(
        self, article_id: int, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """Redraw the row under the cursor with a new read/starred state (None: unchanged),
        before the store has it."""
        row = self.current
        if row is not None and row.id == article_id:
            read = row.read if read is None else read
            starred = row.starred if starred is None else starred
            self.update_row(self.cursor, replace(row, read=read, starred=starred))

    def move_to(self, index: int) -> None:
        """Put the cursor on `index` (clamped) and scroll it into view."""
        if self.row_count:
            self.cursor = max(0, min(index, self.row_count - 1))

    # --- drawing -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Draw screen line `y`: each article takes two lines, title then source and date."""
        width = self.scrollable_content_region.width
        index, part = divmod(self.scroll_offset.y + y, ROW_HEIGHT)
        if self.row_count == 0:
            lines = self._empty_lines(width)
            if 1 <= y <= len(lines):
                style = self.get_component_rich_style("article-list--empty")
                return Strip([Segment(f"  {lines[y - 1]}", style)]).adjust_cell_length(
                    width, self.rich_style
                )
            return Strip.blank(width, self.rich_style)
        row = self.row(index)
        if row is None:
            return Strip.blank(width, self.rich_style)
        base = self._row_style(row, is_cursor=index == self.cursor)
        if part == 0:
            return self._title_strip(row, width, base)
        return self._detail_strip(row, width, base)

    def _empty_lines(self, width: int) -> list[str]:
        """The empty-list message wrapped at words to the list's width (never cut off)."""
        text = Text(steady_width(clean_line(self.empty_message)))
        return [line.plain for line in text.wrap(self.app.console, max(8, width - 3))]

    def _row_style(self, row: ArticleRow, *, is_cursor: bool) -> Style:
        state = "article-list--read" if row.read else "article-list--unread"
        base = self.get_component_rich_style(state)
        if is_cursor:
            base = base + self.get_component_rich_style("article-list--cursor")
        return base

    def _title_strip(self, row: ArticleRow, width: int, base: Style) -> Strip:
        star = self.get_component_rich_style("article-list--star")
        segments = [
            Segment(" •" if not row.read else "  ", base),
            Segment("★" if row.starred else " ", base + Style(color=star.color)),
            Segment(" ", base),
        ]
        title = _fit(steady_width(clean_line(row.title)), max(1, width - 4))
        match = self.get_component_rich_style("article-list--match")
        segments.extend(_highlighted(title, self._highlight, base, base + match))
        return Strip(segments).adjust_cell_length(width, base)

    def _detail_strip(self, row: ArticleRow, width: int, base: Style) -> Strip:
        plain = base + Style(bold=False)
        source = self.get_component_rich_style("article-list--source")
        date = self.get_component_rich_style("article-list--date")
        when = short_date(row.published, self.clock())
        source_name = steady_width(clean_line(row.source_name))
        segments = [
            Segment("    ", plain),
            Segment(
                _fit(source_name, max(1, width - 7 - cell_len(when))).rstrip(),
                plain + Style(color=source.color),
            ),
            Segment(f" · {when}" if when else "", plain + Style(color=date.color)),
        ]
        return Strip(segments).adjust_cell_length(width, plain)

    def _refresh_row(self, index: int) -> None:
        self.refresh_lines(index * ROW_HEIGHT - self.scroll_offset.y, ROW_HEIGHT)

    def watch_cursor(self, previous: int, cursor: int) -> None:
        self._refresh_row(previous)
        self._refresh_row(cursor)
        self.scroll_to_region(
            Region(0, cursor * ROW_HEIGHT, 1, ROW_HEIGHT), animate=False, force=True, immediate=True
        )
        row = self.current
        if row is not None:
            self.post_message(self.Highlighted(row.id))

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self.row_count * ROW_HEIGHT)

    # --- actions -----------------------------------------------------------------------------

    def _rows_per_page(self) -> int:
        return max(1, self.size.height // ROW_HEIGHT - 1)

    def action_cursor_down(self) -> None:
        """Move down one article."""
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        """Move up one article."""
        self.move_to(self.cursor - 1)

    def action_page_down(self) -> None:
        """Move down one screenful."""
        self.move_to(self.cursor + self._rows_per_page())

    def action_page_up(self) -> None:
        """Move up one screenful."""
        self.move_to(self.cursor - self._rows_per_page())

    def action_first(self) -> None:
        """Jump to the newest article."""
        self.move_to(0)

    def action_last(self) -> None:
        """Jump to the oldest article."""
        self.move_to(self.row_count - 1)

    def action_open(self) -> None:
        """Open the article under the cursor."""
        row = self.current
        if row is not None:
            self.post_message(self.Selected(row.id))

    def on_click(self, event: events.Click) -> None:
        index = (self.scroll_offset.y + event.y) // ROW_HEIGHT
        if 0 <= index < self.row_count:
            self.move_to(index)
            self.action_open()


def _highlighted(
    text: str, pattern: re.Pattern[str] | None, style: Style, match_style: Style
) -> list[Segment]:
    """`text` as segments, with every match of `pattern` in `match_style`."""
    if pattern is None:
        return [Segment(text, style)]
    segments: list[Segment] = []
    position = 0
    for found in pattern.finditer(text):
        if found.start() > position:
            segments.append(Segment(text[position : found.start()], style))
        segments.append(Segment(found.group(), match_style))
        position = found.end()
    segments.append(Segment(text[position:], style))
    return segments


def _fit(text: str, width: int) -> str:
    """Pad or cut `text` to exactly `width` cells, marking a cut with an ellipsis."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, max(0, width - 1)) + "…"
