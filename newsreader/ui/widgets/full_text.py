"""The widget behind `F` (fetch an entry's web page and keep its main text) and `v` (the
page's text or the feed's summary).

Invisible: the fetch runs in a worker thread (`page_text.fetch_page_in_background`), how it
went is said in one notification, and `BodyChanged` tells the screen to show the article
again when its body changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual import on
from textual.message import Message
from textual.widget import Widget

from newsreader.config import Config
from newsreader.links import browser_url
from newsreader.models import ArticleRow, Extraction
from newsreader.store import Store
from newsreader.ui.page_text import (
    NO_WEB_PAGE,
    PageFetched,
    fetch_page_in_background,
    no_summary_line,
    origin_line,
)
from newsreader.ui.widgets.article_view import ArticleView


class FullText(Widget):
    """Invisible; fetches pages (`F`) and shows the feed's summary (`show_summary`)."""

    DEFAULT_CSS = "FullText { display: none; }"

    class BodyChanged(Message):
        """A page fetch ended: the page's text is the article's body now (`stored`), or the
        failure is recorded to be said under the header."""

        def __init__(self, article_id: int, stored: bool) -> None:
            super().__init__()
            self.article_id = article_id
            self.stored = stored

    def __init__(
        self, store: Store, config: Config, row_meant: Callable[[], ArticleRow | None]
    ) -> None:
        """`row_meant` gives the article `F` fetches the page of (the one under the cursor)."""
        super().__init__()
        self.store = store
        self.config = config
        self.row_meant = row_meant

    def action_fetch_page(self) -> None:
        """Fetch the web page of the article under the cursor and keep its main text.

        An article with no link (a local file's) is answered at once, without a worker; a
        link that is not http(s) is refused by the fetcher without a request (and recorded,
        for the article view), so only a web link is announced as being fetched.
        """
        row = self.row_meant()
        if row is None or self.store.path is None:
            self.notify("Choose an article first.", timeout=2)
            return
        page = self.store.page_request(row.id)
        if page is None:
            self.notify(NO_WEB_PAGE, timeout=4)
            return
        if browser_url(page.url):
            self.notify(f"Fetching the page of “{row.title[:60]}”…", timeout=3, markup=False)
        fetch_page_in_background(self, self.store.path, row.id, self.config)

    @on(PageFetched)
    def page_fetched(self, event: PageFetched) -> None:
        """Say how the fetch went; the screen shows the article again if it is open."""
        event.stop()
        self.notify(
            event.line,
            severity="information" if event.stored else "warning",
            timeout=6,
            markup=False,
        )
        self.post_message(self.BodyChanged(event.article_id, event.stored))

    async def show_summary(self, view: ArticleView, terms: list[str]) -> bool:
        """Show the feed's summary of the article open in `view` instead of the page's text.

        Returns:
            False (and says why) when no article is open or it has no other text.
        """
        article = view.article
        if article is None:
            self.notify("Open an article first.", timeout=2)
            return False
        summary = self.store.summary_document(article.id)
        if summary is None:
            self.notify(no_summary_line(article), timeout=4)
            return False
        view.origin = origin_line(self.store.page_state(article.id), showing_summary=True)
        await view.show(replace(article, document=summary), Extraction(), terms)
        view.summary_shown = True
        return True
