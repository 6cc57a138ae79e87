"""What the reader does besides reading: copy, open and list links, mark a source (or the
query feed listed) read.

Plain functions of what they act on, so the main screen's actions stay one line each.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from newsreader.links import browser_url, display_text
from newsreader.models import Article, ArticleRow, Post, Quote
from newsreader.store import ListFilter, Store
from newsreader.text import clean_line, plural
from newsreader.ui.browser import open_in_browser
from newsreader.ui.screens.confirm import ConfirmScreen
from newsreader.ui.screens.links import LinksScreen, article_links
from newsreader.ui.state import ReaderState
from newsreader.ui.wording import quote_citation
from newsreader.ui.writes import Change


def copy_citation(node: Widget, article: Article | None, chosen: Quote | Post | None) -> None:
    """Copy the chosen quote (with speaker, source and date), else the article's link."""
    if article is None:
        node.notify("Open an article first.", timeout=2)
        return
    if chosen is not None:
        text = quote_citation(chosen, article)
    elif article.link:
        text = article.link
    else:
        node.notify("This article has no link; choose a quote with ] to copy it.")
        return
    node.app.copy_to_clipboard(text)
    node.notify(f"Copied: {clean_line(text)[:80]}", timeout=3, markup=False)


def open_article_link(node: Widget, article: Article | None) -> None:
    """Open the article's web page in the browser, else its first enclosure that is a web
    link (a podcast); a link that is not http(s) (a local file's `file:`) is never opened,
    and when nothing else is there to open the notification names it and says why."""
    if article is None:
        node.notify("Open an article first.", timeout=2)
        return
    enclosures = (enclosure.url for enclosure in article.document.enclosures)
    links = [url for url in (article.link, *enclosures) if url]
    web_link = next((url for url in links if browser_url(url)), None)
    if web_link is not None:
        open_in_browser(node, web_link)
    elif links:
        shown = display_text(links[0])[:80]
        node.notify(
            f"Nothing to open: {shown} is not a web page (only http(s) links open).",
            severity="warning",
            timeout=4,
            markup=False,
        )
    else:
        node.notify("This article has no link to open.", timeout=2)


def choose_link(node: Widget, article: Article | None) -> None:
    """List the links of the article; the chosen one opens in the browser."""
    links = article_links(article) if article is not None else []
    if not links:
        node.notify("No links in this article.", timeout=2)
        return

    def open_chosen(url: str | None) -> None:
        if url:
            open_in_browser(node, url)

    node.app.push_screen(LinksScreen(links), open_chosen)


def mark_listed_read(
    node: Widget,
    state: ReaderState,
    row: ArticleRow | None,
    screenful: int,
    save: Callable[[Change, str], object],
    done: Callable[[], object],
) -> None:
    """`A`: mark the query feed the list shows read like a feed, else the chosen source (or
    that of `row`, the article under the cursor); other arguments as for `mark_read`."""
    if title := state.mode.rule_title:
        where = f"query feed {display_text(title)}"
        mark_read(node, state.store, state.listing.list_filter, where, screenful, save, done)
        return
    source_id = state.source_meant(row)
    if source_id is not None:
        # The whole source, whatever the list's view or date filter shows of it.
        where = display_text(state.store.source_title(source_id) or "this source")
        source_filter = ListFilter(source_ids=(source_id,))
        mark_read(node, state.store, source_filter, where, screenful, save, done)


def mark_read(
    node: Widget,
    store: Store,
    list_filter: ListFilter,
    where: str,
    screenful: int,
    save: Callable[[Change, str], object],
    done: Callable[[], object],
) -> None:
    """Mark every article `list_filter` matches read, asking first past `screenful` of them.

    Args:
        node: Where to notify and ask.
        store: The store, to count.
        list_filter: A source's or a query feed's articles (with the killfile).
        where: What they are, for the question (already cleaned for display).
        screenful: How many unread articles are marked without asking.
        save: Saves a change (the screen's writer).
        done: Called after marking (to redraw the list).
    """
    unread = store.unread_count(list_filter)
    if unread == 0:
        node.notify(f"Nothing unread in {where}.", timeout=2, markup=False)
        return

    def mark(confirmed: bool | None) -> None:
        if confirmed:
            save(lambda store: store.mark_all_read(list_filter), "marking all read")
            done()
            node.notify(f"Marked {plural(unread, 'article')} read.", timeout=3, markup=False)

    if unread > screenful:
        question = f"Mark all {plural(unread, 'unread article')} in {where} read?"
        node.app.push_screen(ConfirmScreen(question), mark)
    else:
        mark(True)
