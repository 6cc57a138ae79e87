"""RSS/Atom documents are read by feedparser-rs when it reads them as feedparser would, and by
feedparser otherwise: each test gives the right value, whichever parser the document takes."""

from __future__ import annotations

import re

import pytest

from newsreader.ingest.decode import Decoded, decode_bytes
from newsreader.ingest.feeds import _parse_fast, _utf8_document, parse_feed

RSS = '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"{ns}><channel><title>F</title>'
RSS_END = "</channel></rss>"
ATOM = (
    '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"{ns}>'
    '<title type="text">F</title>'
)


def rss(items: str, ns: str = "") -> bytes:
    return (RSS.format(ns=ns) + items + RSS_END).encode()


def atom(entries: str, ns: str = "") -> bytes:
    return (ATOM.format(ns=ns) + entries + "</feed>").encode()


def make_feed(number: int, items: int) -> bytes:
    """An RSS 2.0 feed shaped like the import benchmark's (benchmarks/local_import.py)."""
    body = (
        "&lt;p&gt;A “quote” said Dana O’Brien. &lt;a href=&quot;/r&quot;&gt;ref&lt;/a&gt;&lt;/p&gt;"
    )
    entries = "".join(
        f"<item><title>Plan &amp; more ({number}-{n})</title>"
        f"<link>https://example.org/{number}/{n}</link>"
        f'<guid isPermaLink="false">feed-{number}-item-{n}</guid>'
        f"<pubDate>Mon, 01 Sep 2026 0{n % 10}:00:00 +0000</pubDate>"
        f"<dc:creator>Reporter {n % 7}</dc:creator><description>{body * 3}</description></item>"
        for n in range(items)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>Feed {number} — City &amp; Region</title><link>https://example.org/{number}</link>"
        f"<description>News</description>{entries}</channel></rss>\n"
    ).encode()


def routed_fast(data: bytes) -> bool:
    text = data.decode()
    return _parse_fast(_utf8_document(text, Decoded(text, "utf-8"), data), text) is not None


def test_a_well_formed_rss_feed_takes_the_fast_parser() -> None:
    data = make_feed(1, 20)
    assert routed_fast(data)
    title, articles, errors = parse_feed(data, location="feed001.xml")
    assert (title, len(articles), errors) == ("Feed 1 — City & Region", 20, [])
    first = articles[0]
    assert first.title.endswith("& more (1-0)") and first.author == "Reporter 0"
    assert first.link == "https://example.org/1/0" and first.guid == "feed-1-item-0"
    assert first.published is not None and len(first.paragraphs) == 3
    assert [link.url for link in first.document.links] == ["https://example.org/r"]


def test_a_malformed_feed_is_still_read_by_feedparser() -> None:
    data = rss("<item><title>a</title><guid>1</guid></item><item><title>b</item>")
    assert not routed_fast(data)
    _, articles, _ = parse_feed(data, location="bad.xml")
    assert [a.title for a in articles][:1] == ["a"] and len(articles) == 2


def test_not_a_feed_keeps_feedparser_reason() -> None:
    _, articles, errors = parse_feed(b"<rss><channel><title>not xml", location="x.xml")
    assert articles == [] and errors and errors[0].startswith("x.xml: not a feed: ")


@pytest.mark.parametrize(
    "data",
    [
        atom('<entry xml:base="http://b.example/"><id>1</id><title type="text">t</title></entry>'),
        atom("<entry><id>1</id><title>untyped</title></entry>"),
        rss("<item><guid>1</guid><description>don&#146;t</description></item>"),
        rss(
            "<item><guid>1</guid><dc:identifier>x</dc:identifier></item>",
            ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
        ),
        rss("<item><guid>1</guid><x:y>z</x:y></item>", ' xmlns:x="http://unknown.example/"'),
        rss("<item><guid>1</guid><body>text</body></item>"),
        atom(
            '<author><name>Feed</name></author><entry><id>1</id><title type="text">t</title>'
            "</entry>"
        ),
        rss(
            "<item><guid>1</guid><dc:creator>A</dc:creator><dc:creator>B</dc:creator></item>",
            ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
        ),
        rss("<item><guid>1</guid><title>a</title></item><item><title>b</item>"),
        rss(
            '<atom:link rel="self" href="https://f.example/rss"/><item><guid>1</guid>'
            '<atom:link rel="enclosure" href="https://f.example/a.mp3"/></item>',
            ' xmlns:atom="http://www.w3.org/2005/Atom"',
        ),
        (
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
            b' xmlns="http://purl.org/rss/1.0/"><channel rdf:about="c"><title>F</title></channel>'
            b'<item rdf:about="https://f.example/1"><title>t</title><guid>g1</guid></item>'
            b"</rdf:RDF>"
        ),
        rss("<item><guid>1</guid><title>t</title><link>http://192.168.1.5/p</link></item>"),
    ],
    ids=[
        "xml-base",
        "untyped-atom",
        "c1-reference",
        "dc-identifier",
        "unknown-ns",
        "body",
        "inherited-author",
        "two-authors",
        "malformed",
        "atom-link-in-item",
        "rss2-in-rdf",
        "private-host",
    ],
)
def test_what_the_fast_parser_reads_otherwise_goes_to_feedparser(data: bytes) -> None:
    assert not routed_fast(data)


def test_untyped_atom_text_stays_text() -> None:
    data = atom(
        "<entry><id>1</id><title>Why &lt;details&gt; works</title>"
        "<summary>line one\n\nline &lt;two&gt;</summary></entry>"
    )
    _, (article,), _ = parse_feed(data, location="a.xml")
    assert article.title == "Why <details> works"
    assert article.paragraphs == ("line one", "line <two>")


def test_rss_titles_are_html_only_when_they_look_like_it() -> None:
    data = rss(
        "<item><guid>1</guid><title>a &lt; b &amp; c</title></item>"
        "<item><guid>2</guid><title>&lt;b&gt;Bold&lt;/b&gt; news</title></item>"
    )
    assert routed_fast(data)
    _, articles, _ = parse_feed(data, location="r.xml")
    assert [a.title for a in articles] == ["a < b & c", "Bold news"]


def test_relative_body_links_resolve_against_the_feed_url_not_the_channel_link() -> None:
    data = rss(
        "<link>/en/news</link><item><guid>1</guid><title>t</title>"
        '<description>&lt;a href="../map"&gt;map&lt;/a&gt;</description>'
        '<enclosure url="a.mp3" type="audio/mpeg" length="3"/></item>'
    )
    assert routed_fast(data)
    _, (article,), _ = parse_feed(data, location="https://h.example/en/news/rss")
    assert [link.url for link in article.document.links] == ["https://h.example/en/map"]
    assert [e.url for e in article.document.enclosures] == ["https://h.example/en/news/a.mp3"]


def test_windows_1252_references_base64_and_dcterms_dates_are_read() -> None:
    c1 = rss("<item><guid>1</guid><title>don&#146;t</title></item>")
    assert parse_feed(c1, location="c")[1][0].title == "don’t"
    base64 = atom(
        '<entry><id>1</id><title type="text">t</title>'
        '<content type="application/octet-stream">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</content></entry>'
    )
    assert parse_feed(base64, location="b")[1][0].paragraphs == ("Example Atom",)
    dated = rss(
        "<item><guid>1</guid><title>t</title><dcterms:created>2003-12-31T10:14:55Z"
        "</dcterms:created></item>",
        ' xmlns:dcterms="http://purl.org/dc/terms/"',
    )
    (article,) = parse_feed(dated, location="d")[1]
    assert article.published is not None and article.published.year == 2003


def test_every_enclosure_is_kept() -> None:
    enclosures = "".join(
        f'<enclosure url="https://m.example/{n}.mp3" type="audio/mpeg" length="{n + 1}"/>'
        for n in range(30)
    )
    data = rss(f"<item><guid>1</guid><title>t</title>{enclosures}</item>")
    (article,) = parse_feed(data, location="e")[1]
    assert len(article.document.enclosures) == 30


def test_a_url_in_bytes_is_never_fetched() -> None:
    _, articles, errors = parse_feed(b"https://example.com/feed.xml", location="u")
    assert articles == [] and len(errors) == 1


@pytest.mark.parametrize(
    "host", ["192.168.1.5", "127.0.0.1:8080", "localhost", "nas.local", "10.0.0.7"]
)
def test_links_to_a_home_or_office_host_are_kept(host: str) -> None:
    data = rss(
        f"<item><guid>1</guid><title>t</title><link>http://{host}/post/1</link>"
        f'<enclosure url="http://{host}/a.mp3" type="audio/mpeg" length="3"/></item>'
    )
    (article,) = parse_feed(data, location=f"http://{host}/feed")[1]
    assert article.link == f"http://{host}/post/1"
    assert [e.url for e in article.document.enclosures] == [f"http://{host}/a.mp3"]


def test_escaped_ampersands_in_atom_links_and_unusual_dc_dates_are_read() -> None:
    data = atom(
        '<entry><id>1</id><title type="text">t</title>'
        '<link href="https://a.example/?p=1&amp;lang=en"/></entry>'
    )
    assert parse_feed(data, location="a")[1][0].link == "https://a.example/?p=1&lang=en"
    dated = rss(
        "<item><guid>1</guid><title>t</title><dc:date>Monday, September 1, 2026</dc:date></item>",
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    )
    (article,) = parse_feed(dated, location="d")[1]
    assert article.published is not None and article.published.day == 1


def test_a_document_feedparser_fails_on_is_one_line_not_an_exception() -> None:
    item = (
        '<item{base}><guid isPermaLink="false">1</guid><title>T</title>'
        "<textInput><title>S</title><link>https://f.example/s</link></textInput></item>"
    )
    _, articles, errors = parse_feed(rss(item.format(base="")), location="t.xml")
    assert [a.title for a in articles] == ["T"] and errors == []
    based = rss(item.format(base=' xml:base="https://f.example/"'))
    _, articles, errors = parse_feed(based, location="t.xml")
    assert articles == [] and len(errors) == 1
    assert errors[0].startswith("t.xml: not a feed: the feed parser failed")


def test_the_parsers_are_given_utf8_whatever_the_document_came_in() -> None:
    """The bytes the parsers read are the decoded text in UTF-8 with a declaration that says
    so: the document's own bytes when they are that already, re-encoded otherwise."""
    body = '<rss version="2.0"><channel><title>Café — “news”</title></channel></rss>'
    cases = [
        ('<?xml version="1.0" encoding="UTF-8"?>' + body).encode(),
        ('<?xml version="1.0" encoding="utf-8"?>' + body).encode(),
        ('<?xml version="1.0"?>' + body).encode(),
        body.encode(),
        b"\xef\xbb\xbf" + body.encode(),
        ('  <?xml version="1.0" encoding="UTF-8"?>' + body).encode(),
        ('<?xml version="1.0" encoding="utf8"?>' + body).encode(),
        ('<?xml version="1.0" encoding="iso-8859-1"?>' + body).encode("latin-1", "replace"),
        ('<?xml version="1.0" encoding="windows-1252"?>' + body).encode("cp1252"),
        ('<?xml version="1.0" encoding="utf-16"?>' + body).encode("utf-16"),
        ('<?xml version="1.0" encoding="UTF-8"?>' + body).encode()[:-30] + b"\xff</rss>",
    ]
    encoding = re.compile(r"""encoding\s*=\s*["']([^"']*)["']""")
    for data in cases:
        for header in ("", "text/xml; charset=utf-8", "text/xml; charset=iso-8859-1"):
            decoded = decode_bytes(data, content_type=header, markup="xml")
            text = _utf8_document(decoded.text, decoded, data).decode("utf-8")
            expected = encoding.sub("", decoded.text, count=1).lstrip()
            assert encoding.sub("", text, count=1).lstrip() == expected, (data, header)
            declared = encoding.search(text[: text.find("?>")]) if "<?xml" in text else None
            assert declared is None or declared.group(1).lower() == "utf-8", (data, header)
