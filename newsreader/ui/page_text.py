"""Full text in the app: an entry's page fetched on demand, and where the text came from.

`fetch_page_in_background` runs `newsreader.services.fulltext.fetch_article_page` in a worker
thread (its own store connection and event loop) and posts `PageFetched` to the node that
asked; `origin_line` is the article view's line saying whether the body is the page's full
text or the feed's summary (and why, when the page failed). Nothing here touches widgets from
the worker.
"""

from __future__ import annotations

import logging
from pathlib import Path

from rich.text import Text
from textual.dom import DOMNode
from textual.message import Message

from newsreader.config import Config
from newsreader.links import browser_url, display_text
from newsreader.models import Article
from newsreader.store.pages import PageState

__all__ = [
    "NO_WEB_PAGE",
    "PageFetched",
    "fetch_page_in_background",
    "no_summary_line",
    "origin_line",
    "outcome_line",
]

logger = logging.getLogger(__name__)

NO_WEB_PAGE = "This article has no web page to fetch: its text is the only one."


class PageFetched(Message):
    """An article's page was fetched (or failed) in the background."""

    def __init__(self, article_id: int, stored: bool, line: str) -> None:
        super().__init__()
        self.article_id = article_id
        self.stored = stored
        """Whether the page's text is now the body (fetched, or unchanged since last time)."""
        self.line = line
        """What happened, in one line for a notification (plain text, never markup)."""


def fetch_page_in_background(
    node: DOMNode, database: Path, article_id: int, config: Config
) -> None:
    """Fetch the article's page in a worker thread; `node` receives `PageFetched`."""

    def fetch() -> None:
        from newsreader.services.fulltext import PageStatus, fetch_article_page

        try:
            outcome = fetch_article_page(database, article_id, config)
        except Exception:  # the store or the fetcher failed: said, logged, the app goes on
            logger.exception("fetching the page of article %d failed", article_id)
            node.post_message(
                PageFetched(article_id, False, "The page was not fetched (see the log).")
            )
            return
        stored = outcome.status in (PageStatus.STORED, PageStatus.NOT_MODIFIED)
        line = outcome_line(
            outcome.status, outcome.error, page_kept=outcome.page_kept, url=outcome.url
        )
        node.post_message(PageFetched(article_id, stored, line))

    node.run_worker(
        fetch, thread=True, exit_on_error=False, group="fetch-page", name=f"page of {article_id}"
    )


def outcome_line(status: str, error: str | None, *, page_kept: bool = False, url: str = "") -> str:
    """One line for a notification about a page fetch (`page_kept`: a failed fetch leaves
    the page's text stored before; `url`: the link asked for, named when it was refused)."""
    if status == "stored":
        return "Full text from the page stored."
    if status == "not-modified":
        return "The page has not changed since it was stored."
    if status == "no-page":
        return NO_WEB_PAGE
    reason = error or "the page was not fetched"
    if url and not browser_url(url):  # refused, never requested: say which link
        return f"{reason[:1].upper()}{reason[1:]} ({display_text(url)[:80]}); the text stays."
    if page_kept:
        return f"The full text stored before stays: {reason}."
    return f"The feed's summary stays: {reason}."


def origin_line(state: PageState | None, *, showing_summary: bool = False) -> Text | None:
    """What the article view says about where the body came from; None when no page was ever
    fetched for the article (its body is simply the feed's, as for every other feed)."""
    if state is None:
        return None
    return Text(state.origin(showing_summary=showing_summary))  # Text, never markup


def no_summary_line(article: Article) -> str:
    """What `v` says when the article has no other text to switch to: that it has no web
    page at all (a local file, an entry without an http(s) link), or that `F` fetches it."""
    if article.link and not browser_url(article.link):
        shown = display_text(article.link)[:80]
        return f"This article has no web page: its link ({shown}) is not an http(s) link."
    if not article.link:
        return "This article has no web page: its text is the only one."
    return "This article has only the feed's text; F fetches its page."
