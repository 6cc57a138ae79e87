"""The widget behind `F` (fetch an entry's web page and keep its main text) and `v` (the
page's text or the feed's summary).

Invisible: the fetch runs in a worker thread (`page_text.fetch_page_in_background`), how it
went is said in one notification, and `BodyChanged` tells the screen to show the article
again when its body changed.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.message import Message
from textual.widget import Widget

from newsreader.config import Config
from newsreader.models import ArticleRow, Extraction
from newsreader.store import Store
from newsreader.ui.page_text import (
    PageFetched,
    fetch_page_in_background,
    no_summary_line,
    origin_line,
)
from newsreader.ui.widgets.article_view import ArticleView


class FullText(Widget):
    """Invisible; fetches pages (`fetch`) and shows the feed's summary (`show_summary`)."""

    DEFAULT_CSS = "FullText { display: none; }"

    class BodyChanged(Message):
        """A page fetch ended: the page's text is the article's body now (`stored`), or the
        failure is recorded to be said under the header."""

        def __init__(self, article_id: int, stored: bool) -> None:
            super().__init__()
            self.article_id = article_id
            self.stored = stored

    def __init__(self, store: Store, config: Config) -> None:
        super().__init__()
        self.store = store
        self.config = config

    def fetch(self, row: ArticleRow | None) -> None:
        """Fetch the web page of `row` (the article under the cursor) and keep its main text."""
        if row is None or self.store.path is None:
            self.notify("Choose an article first.", timeout=2)
            return
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
