"""Links that are not http(s), and articles with no link: kept, shown, never fetched, said.

A feed's entry whose link is `file:`, `ftp:` or any other scheme keeps that link as text; the
fetch key refuses it by name without a request, and an article with no web page at all (a
local file's, an entry without a link) says so instead of offering a fetch.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.config import Config
from newsreader.ingest.feeds import parse_feed
from newsreader.services.feed_settings import settings_summary
from newsreader.services.fulltext import PageStatus, fetch_article_page, fetch_pages
from newsreader.services.library import save_local
from newsreader.sources.refresh import refresh_sources
from newsreader.store import Store
from newsreader.store.feeds import FEED_KIND
from newsreader.ui.page_text import no_summary_line, origin_line, outcome_line
from tests.feedserver import FeedServer, serving, static
from tests.unit.test_fulltext import summary_feed

CONFIG = Config(fetch_timeout_seconds=1.5, max_feed_megabytes=1)
OTHER_SCHEMES = ["file:///etc/passwd", "ftp://127.0.0.1/x.html", "smb://host/share/a.html"]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from serving()


def _articles_by_link(database: Path) -> dict[str, int]:
    store = Store(database)
    try:
        found = {}
        for row in store.listed():
            article = store.article(row.row.id)
            assert article is not None
            found[article.link or ""] = article.id
        return found
    finally:
        store.close()


def test_a_link_that_is_not_http_is_kept_and_the_fetch_key_refuses_it_by_name(
    server: FeedServer, tmp_path: Path
) -> None:
    database = tmp_path / "news.sqlite3"
    server.routes["/feed"] = static(summary_feed(server, OTHER_SCHEMES))
    store = Store(database)
    store.add_subscription(server.url("/feed"), title="f", location=server.url("/feed"),
                           kind=FEED_KIND)  # fmt: skip
    store.close()
    refresh_sources(database, None, CONFIG)
    links = _articles_by_link(database)
    schemes = sorted(link.partition(":")[0] for link in links)
    assert schemes == ["file", "ftp", "smb"], links
    for link, article_id in links.items():
        outcome = fetch_article_page(database, article_id, CONFIG)
        assert outcome.status is PageStatus.FAILED and outcome.url == link
        line = outcome_line(outcome.status, outcome.error, url=outcome.url)
        assert line.startswith("Link refused: not an http(s) link (" + link[:5]), line
        store = Store(database)
        try:
            state = store.page_state(article_id)
            article = store.article(article_id)
        finally:
            store.close()
        shown = origin_line(state)
        assert shown is not None and "link refused" in shown.plain
        assert article is not None and "not an http(s) link" in no_summary_line(article)
    assert [path for path, _ in server.requests] == ["/feed"]


def test_an_article_without_a_web_page_says_so_for_both_keys(tmp_path: Path) -> None:
    database = tmp_path / "news.sqlite3"
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_text("# A note\n\nSome text of the note.\n", "utf-8")
    store = Store(database)
    try:
        save_local(store, tmp_path / "notes")
        (listed,) = store.listed()
        article = store.article(listed.row.id)
    finally:
        store.close()
    assert article is not None
    outcome = fetch_article_page(database, article.id, CONFIG)
    assert outcome.status is PageStatus.NO_PAGE
    said = outcome_line(outcome.status, outcome.error, url=outcome.url)
    assert "no web page" in said and "summary" not in said.lower(), said
    assert "no web page" in no_summary_line(article)
    assert "F fetches" not in no_summary_line(article)


def test_a_local_folder_set_to_full_text_before_it_was_refused_fetches_nothing(
    tmp_path: Path,
) -> None:
    database = tmp_path / "news.sqlite3"
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_text("# A note\n\nSome text of the note.\n", "utf-8")
    store = Store(database)
    try:
        saved = save_local(store, tmp_path / "notes")
        store.set_full_text(saved.source_id, True)  # as a database from before the refusal
        assert store.pages_wanted() == []
        # Read as off everywhere it is shown: `feeds`, `feed`, the settings dialog.
        assert not store.full_text(saved.source_id)
        settings = store.feed_settings(saved.source_id)
        assert settings is not None and not settings.full_text
        assert not store.all_feed_settings()[saved.source_id].full_text
        assert "full text" not in settings_summary(settings)
    finally:
        store.close()
    assert fetch_pages(database, None, CONFIG).outcomes == ()


@pytest.mark.parametrize("link", [*OTHER_SCHEMES, "gopher://example.org/1/a"])
def test_every_feed_format_keeps_an_entry_link_of_any_scheme_as_text(link: str) -> None:
    rss = (
        '<rss version="2.0"><channel><title>t</title><item><guid>g</guid><title>x</title>'
        f"<link>{link}</link><description>d</description></item></channel></rss>"
    )
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>urn:x</id>'
        f'<title>x</title><link rel="alternate" href="{link}"/><summary>d</summary>'
        "</entry></feed>"
    )
    json_feed = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "t",
            "items": [{"id": "1", "url": link, "content_text": "d"}],
        }
    )
    scheme = link.partition(":")[0]
    for text in (rss, atom, json_feed):
        _, (article,), _ = parse_feed(text.encode(), location="https://example.org/feed")
        assert article.link is not None and article.link.startswith(scheme + ":"), text
