"""Short texts the main screen shows: plurals, empty-list messages, quote citations."""

from __future__ import annotations

from newsreader.models import Article, Post, Quote
from newsreader.store.feeds import FeedListing
from newsreader.text import clean_line
from newsreader.text import plural as plural  # the UI's texts use it from here too
from newsreader.ui.list_source import ListMode


def empty_message(mode: ListMode, feed: FeedListing | None = None) -> str:
    """What the list says when it has nothing to show in `mode` (`feed`: the one source the
    list is narrowed to, to say when it was never fetched or its last refresh failed)."""
    if mode.query:
        return f"No matches for “{clean_line(mode.query)}” (esc leaves search)."
    if feed is not None and not feed.article_count:
        error = f" The last try failed: {clean_line(feed.last_error)}." if feed.last_error else ""
        if feed.succeeded_at is None:
            return f"{clean_line(feed.title)}: not fetched yet.{error} (r fetches it)"
        return f"{clean_line(feed.title)} has no articles.{error} (r refreshes it)"
    if mode.view != "all" or mode.days is not None or mode.source_ids:
        return "Nothing matches this filter (f, d and S change it)."
    return "No articles yet: run newsreader PATH to open files or folders."


def quote_citation(item: Quote | Post, article: Article) -> str:
    """`“Text” — Speaker, Source, 2026-10-12` for the clipboard."""
    when = article.published.strftime("%Y-%m-%d") if article.published else ""
    if isinstance(item, Post):
        who = f"{item.author} (@{item.handle})"
        when = item.date or when
    else:
        who = item.speaker or "unattributed"
    parts = [part for part in (who, clean_line(article.source_name), when) if part]
    return f"“{item.text.strip()}” — {', '.join(parts)}"
