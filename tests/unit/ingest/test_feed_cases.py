"""Feed inputs that broke other readers (public bug reports), each with its right value.

The first six are rebuilt from `../shared/cases/feeds/` (inlined here) and served over a real
loopback HTTP server where the fault is about HTTP; every other test is a sibling of the same
kind that is not in the handed-over set.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader.config import Config
from newsreader.ingest.feeds import parse_feed
from newsreader.sources.local import load_path
from newsreader.sources.refresh import refresh_sources
from newsreader.store import Store
from tests.feedserver import FeedServer, serving, static

CONFIG = Config(fetch_timeout_seconds=2.0)


def channel(items: str, *, title: str = "Feed", link: str = "https://example.org/") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{link}</link><description>d</description>"
        f"{items}</channel></rss>"
    ).encode()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from serving()


def fetched(tmp_path: Path, server: FeedServer, path: str, body: bytes, content_type: str) -> Store:
    """Subscribe to `path` on the server, refresh once, and return the store."""
    server.routes[path] = static(body, content_type)
    database = tmp_path / "db.sqlite3"
    store = Store(database)
    store.add_subscription(server.url(path), title="", location=server.url(path), kind="feed")
    store.close()
    refresh_sources(database, None, CONFIG)
    return Store(database)


# --- links --------------------------------------------------------------------------------


RELATIVE = channel(
    "<item><title>Water troughs refilled</title><link>/en/allotments/news/water-troughs</link>"
    '<guid isPermaLink="false">allot-1001</guid><description><![CDATA[<p>All troughs were '
    'refilled. See <a href="../plots/map">the map</a> and <img src="/img/trough.jpg" alt="A'
    ' trough">.</p>]]></description></item>',
    link="/en/allotments/news",
)


def test_relative_item_link_resolves_against_the_feed_url(
    tmp_path: Path, server: FeedServer
) -> None:
    store = fetched(tmp_path, server, "/en/allotments/news/rss", RELATIVE, "application/rss+xml")
    (row,) = store.rows()
    article = store.article(row.id)
    assert article is not None
    base = server.url("")
    assert article.link == f"{base}/en/allotments/news/water-troughs"
    urls = [link.url for link in article.document.links]
    assert f"{base}/en/allotments/plots/map" in urls


def test_xml_base_and_content_location_are_bases_too() -> None:
    atom = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" '
        b'xml:base="https://news.example.com/section/"><title>T</title>'
        b'<entry><id>urn:1</id><title>One</title><link href="one.html"/>'
        b'<content type="html">&lt;a href="two.html"&gt;two&lt;/a&gt;</content></entry></feed>'
    )
    _, (article,), _ = parse_feed(atom, location="https://cdn.example.net/feed")
    assert article.link == "https://news.example.com/section/one.html"
    assert article.document.links[0].url == "https://news.example.com/section/two.html"
    plain = channel("<item><title>x</title><link>story/1</link><guid>g</guid></item>", link="")
    _, (moved,), _ = parse_feed(
        plain, location="https://a.example/feed", content_location="https://b.example/rss/"
    )
    assert moved.link == "https://b.example/rss/story/1"


def test_body_links_are_kept_numbered_and_absolute() -> None:
    body = (
        "<![CDATA[<p>Read <a href='https://a.example/x'>the report</a>, the "
        "<a href='/y'>reply</a> and <a href='https://a.example/x'>the report</a> again.</p>]]>"
    )
    feed = channel(f"<item><title>t</title><guid>g</guid><description>{body}</description></item>")
    _, (article,), _ = parse_feed(feed, location="https://site.example/feed.xml")
    assert [link.url for link in article.document.links] == [
        "https://a.example/x",
        "https://site.example/y",
    ]
    (block,) = article.document.blocks
    assert [block.text[s.start : s.end] for s in block.links] == [
        "the report",
        "reply",
        "the report",
    ]


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("5 November 2025 - 09:01", datetime(2025, 11, 5, 9, 1, tzinfo=UTC)),
        ("Sun, 15 Dec 2024 03:15 PM", datetime(2024, 12, 15, 15, 15, tzinfo=UTC)),
        ("Sun, 15 Dec 2024 03:15 PM EST", datetime(2024, 12, 15, 20, 15, tzinfo=UTC)),
        ("Thursday, March 3, 2022 at 5:00 pm ET", datetime(2022, 3, 3, 22, 0, tzinfo=UTC)),
        ("Tue, 10 Jun 2003 04:00:00 CEST", datetime(2003, 6, 10, 2, 0, tzinfo=UTC)),
        ("Fri, 29 Nov 2026 10:00:00 JST", datetime(2026, 11, 29, 1, 0, tzinfo=UTC)),
        ("05.11.2025 09:01", datetime(2025, 11, 5, 9, 1, tzinfo=UTC)),
        ("2025-11-05T09:01:00+01:00", datetime(2025, 11, 5, 8, 1, tzinfo=UTC)),
        ("Wed, 05 Nov 2025 09:01:00 +05:30", datetime(2025, 11, 5, 3, 31, tzinfo=UTC)),
        ("Wed, 05 Nov 2025 09:01:00 +05", datetime(2025, 11, 5, 4, 1, tzinfo=UTC)),
        ("Wed, 05 Nov 2025 09:01:00 GMT+2", datetime(2025, 11, 5, 7, 1, tzinfo=UTC)),
        ("Wed, 05 Nov 2025 09:01:00 UTC-5", datetime(2025, 11, 5, 14, 1, tzinfo=UTC)),
        ("November 5, 2025 12:00 foo", None),
        ("2025-11-05 12:00 Europe/Paris", None),
        ("Tue, 10 Jun 2003 04:00:00 XYZ", None),
        ("05/11/2025", None),
        ("Mon, 01 Jan 9999 00:00:00 +1400", None),
        ("Mon, 1 Jan 0001 00:00:00 +1400", None),
        ("12", None),
        ("soon", None),
    ],
)
def test_one_date_parser_for_every_path(written: str, expected: datetime | None) -> None:
    feed = channel(
        f"<item><title>t</title><guid>g</guid><pubDate>{written}</pubDate>"
        "<description>b</description></item>"
    )
    _, (from_file,), _ = parse_feed(feed, location="/tmp/feed.xml")
    _, (from_http,), _ = parse_feed(
        feed, location="https://example.org/feed", content_type="application/rss+xml"
    )
    assert from_file.published == from_http.published == expected


# --- character sets -----------------------------------------------------------------------

GB2312 = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>城市新闻</title>'
    "<link>https://example.org/city/</link><description>本地消息</description><item>"
    "<title>公园开放时间调整</title><guid>https://example.org/city/park</guid>"
    "<description>公园开放时间调整。</description></item></channel></rss>"
).encode("gb2312")


def test_charset_only_in_the_http_header(tmp_path: Path, server: FeedServer) -> None:
    store = fetched(tmp_path, server, "/city", GB2312, "application/rss+xml; charset=gb2312")
    (row,) = store.rows()
    assert (row.title, row.source_name) == ("公园开放时间调整", "城市新闻")


def test_charset_header_wins_for_text_types_and_a_newline_before_the_declaration() -> None:
    body = "\n<?xml version='1.0' encoding='iso-8859-1'?><rss><channel><title>Café</title>"
    body += "<item><title>Crème</title><guid>g</guid></item></channel></rss>"
    title, (article,), errors = parse_feed(body.encode("latin-1"), location="f")
    assert (title, article.title, errors) == ("Café", "Crème", [])
    koi8 = "<rss><channel><title>Новости</title><item><title>Как пережить ночь</title>"
    koi8 += "<guid>g</guid></item></channel></rss>"
    title, (article,), _ = parse_feed(
        koi8.encode("koi8-r"), location="u", content_type="text/xml; charset=koi8-r"
    )
    assert (title, article.title) == ("Новости", "Как пережить ночь")


@pytest.mark.parametrize("codec", ["koi8-r", "cp1255", "euc-jp", "cp1251"])
def test_undeclared_legacy_encodings_are_detected(codec: str) -> None:
    words = {
        "koi8-r": "Как пережить новогоднюю ночь и не сойти с ума от салатов и гостей",
        "cp1251": "Как пережить новогоднюю ночь и не сойти с ума от салатов и гостей",
        "cp1255": "האם תדפיס ניירות מהמדפסת החדשה שלך כבר היום בבוקר",
        "euc-jp": "ゲーム三昧な正月を過ごしてしまったので今年こそは読書をしたい",
    }[codec]
    body = f"<rss><channel><title>x</title><item><title>{words}</title><guid>g</guid>"
    body += f"<description>{words} {words}</description></item></channel></rss>"
    _, (article,), _ = parse_feed(body.encode(codec), location="f")
    assert article.title == words


# --- entries ------------------------------------------------------------------------------


def test_a_repeated_item_is_stored_once(tmp_path: Path) -> None:
    item = (
        "<item><title>Bread at Home</title><link>https://example.org/bread</link>"
        "<guid>https://example.org/bread</guid><description>Recipes.</description></item>"
    )
    other = item.replace("Bread at Home", "Lighthouse").replace("bread", "lighthouse")
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "arrivals.rss").write_bytes(channel(other + item + item))
    store = Store(tmp_path / "db.sqlite3")
    store.save_source(load_path(tmp_path / "feeds"))
    assert (store.count(), store.unread_count()) == (2, 2)


def test_an_enclosure_only_item_has_its_file(tmp_path: Path) -> None:
    item = (
        "<item><title>Episode 12: Winter mulch</title>"
        '<guid isPermaLink="false">garden-hour-ep-12</guid>'
        "<pubDate>Sat, 30 Apr 2022 07:00:00 +0000</pubDate>"
        '<enclosure url="https://media.example.org/garden-hour/ep12.mp3" length="62,447,386"/>'
        "</item>"
    )
    _, (article,), _ = parse_feed(channel(item), location="f")
    (enclosure,) = article.document.enclosures
    assert enclosure.url == "https://media.example.org/garden-hour/ep12.mp3"
    assert enclosure.length == 62_447_386
    assert article.link is None


def test_a_guid_that_is_not_an_address_never_becomes_the_link() -> None:
    item = "<item><title>t</title><guid>ep12</guid><description>b</description></item>"
    _, (article,), _ = parse_feed(channel(item), location="https://pod.example.com/feed")
    assert article.link is None


def test_a_broken_entry_costs_only_itself() -> None:
    json_feed = (
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": ['
        b'{"id": "1", "title": "Good", "content_text": "fine", "authors": [{"name": 5}]},'
        b'{"id": "2", "title": "Also good", "content_text": "ok", "author": "not a dict"}]}'
    )
    title, articles, errors = parse_feed(json_feed, location="j")
    assert (title, [a.title for a in articles], errors) == ("J", ["Good", "Also good"], [])


def test_json_feed_short_version_is_read() -> None:
    data = b'{"version": "1.1", "title": "Short", "items": [{"id": "a", "content_text": "Hi."}]}'
    title, articles, errors = parse_feed(data, location="j")
    assert (title, len(articles), errors) == ("Short", 1, [])


# --- structure ----------------------------------------------------------------------------


def test_structure_survives_a_feed_body() -> None:
    body = (
        "<![CDATA[<h2>Timeline</h2><ul><li>Monday</li><li>Tuesday<ul><li>noon</li></ul></li>"
        "</ul><p>Line one<br>line two</p><pre>  a = 1\n  b = 2</pre>]]>"
    )
    _, (article,), _ = parse_feed(
        channel(f"<item><title>t</title><guid>g</guid><description>{body}</description></item>"),
        location="f",
    )
    kinds = [(b.kind.value, b.text, b.level) for b in article.document.blocks]
    assert kinds == [
        ("heading", "Timeline", 2),
        ("list_item", "Monday", 1),
        ("list_item", "Tuesday", 1),
        ("list_item", "noon", 2),
        ("paragraph", "Line one\nline two", 0),
        ("code", "  a = 1\n  b = 2", 0),
    ]


def test_a_saved_feed_keeps_its_warning_line(tmp_path: Path, server: FeedServer) -> None:
    body = channel("<item><title>Crème brûlée</title><guid>g</guid></item>")
    server.routes["/lying"] = static(body.decode().encode("latin-1"), "application/rss+xml")
    database = tmp_path / "db.sqlite3"
    store = Store(database)
    store.add_subscription(
        server.url("/lying"), title="", location=server.url("/lying"), kind="feed"
    )
    store.close()
    (outcome,) = refresh_sources(database, None, CONFIG).outcomes
    assert not outcome.failed and outcome.added == 1
    assert outcome.error is not None and "does not fit the bytes" in outcome.error
    store = Store(database)
    assert store.rows()[0].title == "Crème brûlée"
    (listing,) = store.feed_listing()
    assert listing.last_error == outcome.error


def test_atom_links_resolve_and_ids_never_become_links() -> None:
    atom = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
        b'<entry><title>E1</title><id>urn:e1</id><link rel="alternate" href="e1.html"/></entry>'
        b"<entry><title>E3</title><id>http://id.example/3</id></entry></feed>"
    )
    _, articles, _ = parse_feed(atom, location="http://h.example/deep/feeds/x.xml")
    assert [a.link for a in articles] == ["http://h.example/deep/feeds/e1.html", None]


def test_media_rss_content_is_an_enclosure() -> None:
    feed = channel(
        '<item xmlns:media="http://search.yahoo.com/mrss/"><title>Video</title><guid>v</guid>'
        '<media:content url="videos/ep1.mp4" type="video/mp4" fileSize="1200"/></item>'
    ).replace(b"<rss ", b'<rss xmlns:media="http://search.yahoo.com/mrss/" ')
    _, (article,), _ = parse_feed(feed, location="https://tv.example/feed")
    (enclosure,) = article.document.enclosures
    assert (enclosure.url, enclosure.type, enclosure.length) == (
        "https://tv.example/videos/ep1.mp4",
        "video/mp4",
        1200,
    )


def test_plain_text_stays_text_and_titles_read_their_entities() -> None:
    text = (
        b'{"version": "1.1", "items": [{"id": "1",'
        b' "content_text": "if a<b and c>d\\nthen <tag> stays.\\n\\nNew."}]}'
    )
    _, (article,), _ = parse_feed(text, location="j")
    assert article.paragraphs == ("if a<b and c>d\nthen <tag> stays.", "New.")
    feed = (
        b"<rss><channel><title>Tom &amp;amp; Jerry&apos;s</title><item><title>x &amp;amp; y"
        b"</title><guid>g</guid></item></channel></rss>"
    )
    title, (item,), _ = parse_feed(feed, location="f")
    assert (title, item.title) == ("Tom & Jerry's", "x & y")


@pytest.mark.parametrize(
    ("html", "markers"),
    [
        ("<ol type=a><li>x<li>y</ol>", ["a.", "b."]),
        ("<ol reversed><li>x<li>y<li>z</ol>", ["3.", "2.", "1."]),
        ("<ol type=I start=4><li>x<li>y</ol>", ["IV.", "V."]),
        ("<ol start=5><li>x<li value=9>y<li>z</ol>", ["5.", "9.", "10."]),
    ],
)
def test_ordered_list_numbering_follows_html(html: str, markers: list[str]) -> None:
    from newsreader.ingest.html import html_to_document

    assert [block.marker for block in html_to_document(html).blocks] == markers


def test_a_relative_xml_base_chain_resolves_against_the_feed_url() -> None:
    atom = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="../site/">'
        b'<title>T</title><id>x</id><entry xml:base="posts/"><title>E1</title><id>urn:e1</id>'
        b'<link href="e1.html"/><content type="html">&lt;a href="../up.html"&gt;up&lt;/a&gt;'
        b'&lt;p&gt;&lt;img src="i.png" alt="i"&gt;&lt;/p&gt;</content>'
        b'<link rel="enclosure" href="e1.mp3" type="audio/mpeg"/></entry></feed>'
    )
    _, (article,), _ = parse_feed(atom, location="http://h.example/deep/feeds/atom.xml")
    posts = "http://h.example/deep/site/posts/"
    assert article.link == posts + "e1.html"
    assert [link.url for link in article.document.links] == ["http://h.example/deep/site/up.html"]
    assert [block.url for block in article.document.blocks if block.url] == [posts + "i.png"]
    assert [e.url for e in article.document.enclosures] == [posts + "e1.mp3"]


def test_an_rss_item_base_applies_to_its_enclosure_and_no_other_item() -> None:
    feed = channel(
        '<item xml:base="http://other.example/x/"><title>B</title><guid isPermaLink="false">b'
        "</guid><link>based.html</link><description>b</description>"
        '<enclosure url="b.mp3" type="audio/mpeg"/></item>'
        '<item><title>C</title><guid isPermaLink="false">c</guid><link>third.html</link>'
        '<enclosure url="t.mp3" type="audio/mpeg"/></item>'
    )
    _, (based, third), _ = parse_feed(feed, location="http://h.example/feed.xml")
    assert (based.link, based.document.enclosures[0].url) == (
        "http://other.example/x/based.html",
        "http://other.example/x/b.mp3",
    )
    assert (third.link, third.document.enclosures[0].url) == (
        "http://h.example/third.html",
        "http://h.example/t.mp3",
    )
