"""Tests for newsreader.ingest.feeds: RSS, Atom, JSON Feed, and hostile documents."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from html import escape

import pytest

from newsreader.ingest.feeds import looks_like_feed, parse_feed

TWEET_HTML = (
    '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">All quiet today at'
    " @USEmbBaghdad.</p>&mdash; OIR Spokesman (@OIRSpox) "
    '<a href="https://twitter.com/OIRSpox/status/1212781316646875137?ref_src=twsrc%5Etfw">'
    "January 2, 2020</a></blockquote>"
    '<script async src="https://platform.twitter.com/widgets.js"></script>'
)
TWEET_FLAT = (
    "All quiet today at @USEmbBaghdad. — OIR Spokesman (@OIRSpox) January 2, 2020"
    " https://twitter.com/OIRSpox/status/1212781316646875137"
)
BODY_HTML = (
    "<p>\u201cWe will respond,\u201d the official said.</p>"
    + TWEET_HTML
    + "<p>\"It's a 'buzz saw',\" he added.</p>"
)


def rss(items: str, title: str = "Example News") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://example.com/</link>{items}</channel></rss>"
    ).encode()


def rss_item(guid: str = "", title: str = "Title", body: str = BODY_HTML, extra: str = "") -> str:
    guid_element = f"<guid>{guid}</guid>" if guid else ""
    return (
        f"<item>{guid_element}<title>{title}</title><link>https://example.com/{guid or 'x'}</link>"
        f"<pubDate>Fri, 03 Jan 2020 15:15:00 -0800</pubDate>{extra}"
        f"<description>{escape(body)}</description></item>"
    )


def test_rss_entry_with_quotes_and_tweet() -> None:
    title, articles, errors = parse_feed(rss(rss_item("id-1")), location="feed.xml")
    assert (title, errors) == ("Example News", [])
    (article,) = articles
    assert article.guid == "id-1"
    assert article.title == "Title"
    assert article.source_name == "Example News"
    assert article.link == "https://example.com/id-1"
    assert article.published == datetime(2020, 1, 3, 23, 15, tzinfo=UTC)
    assert article.paragraphs == (
        "\u201cWe will respond,\u201d the official said.",
        TWEET_FLAT,
        "\"It's a 'buzz saw',\" he added.",
    )
    assert article.location == "feed.xml"


def test_atom_entry_with_content_and_summary() -> None:
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>urn:feed</id>
<updated>2020-01-03T00:00:00Z</updated>
<entry><id>urn:entry:1</id><title type="html">Troops &lt;b&gt;deploy&lt;/b&gt;</title>
<link href="https://example.com/a"/><published>2020-01-02T10:00:00+02:00</published>
<updated>2020-01-03T00:00:00Z</updated><author><name>Jane Reporter</name></author>
<summary>Short.</summary><content type="html">{escape(BODY_HTML)}</content></entry>
</feed>""".encode()
    title, articles, errors = parse_feed(atom, location="a.atom", guid_prefix="a.atom#")
    assert (title, errors) == ("Atom News", [])
    (article,) = articles
    assert article.guid == "a.atom#urn:entry:1"
    assert article.title == "Troops deploy"
    assert article.author == "Jane Reporter"
    assert article.published == datetime(2020, 1, 2, 8, 0, tzinfo=UTC)
    assert article.paragraphs[1] == TWEET_FLAT


def test_identity_falls_back_to_link_then_content_hash() -> None:
    no_guid = "<item><title>A</title><link>https://example.com/a</link></item>"
    bare = "<item><description>Only a body. With text.</description></item>"
    _, articles, _ = parse_feed(rss(no_guid + bare + bare), location="f")
    assert articles[0].guid == "https://example.com/a"
    assert len(articles[1].guid) == 16
    assert len(articles) == 2  # the repeated entry (same identity, same content) is one article
    assert articles[1].title == "Only a body"


def test_summary_only_entry_keeps_summary_and_link() -> None:
    item = (
        "<item><title>T</title><link>https://e.com/1</link><description>Sum.</description></item>"
    )
    _, (article,), _ = parse_feed(rss(item), location="f")
    assert article.paragraphs == ("Sum.",) and article.link == "https://e.com/1"


def test_json_feed() -> None:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON News",
        "authors": [{"name": "Desk"}],
        "items": [
            {
                "id": "1",
                "url": "https://example.com/1",
                "title": "First",
                "content_html": BODY_HTML,
                "date_published": "2020-01-03T10:00:00-05:00",
            },
            {"id": 2, "content_text": "Plain one.\n\nPlain two.", "author": {"name": "Old"}},
        ],
    }
    title, articles, errors = parse_feed(json.dumps(document).encode(), location="f.json")
    assert (title, errors) == ("JSON News", [])
    first, second = articles
    assert first.paragraphs[1] == TWEET_FLAT
    assert first.published == datetime(2020, 1, 3, 15, 0, tzinfo=UTC)
    assert first.author == "Desk"
    assert (second.guid, second.title, second.paragraphs) == (
        "2",
        "Plain one",
        ("Plain one.", "Plain two."),
    )


def test_escapes_and_markup_in_every_field_raw_and_as_references() -> None:
    hostile = "[bold red]x [/] &#27;]0;owned&#7;\x1b[5m&#x9b;&#x202e;"
    item = (
        f"<item><guid>g</guid><title>{hostile}</title><author>{hostile}</author>"
        f"<description>{escape('<p>' + hostile + '</p>')}{hostile}</description></item>"
    )
    data = rss(item, title=hostile).replace(b"\x1b", b"&#27;")
    title, (article,), _errors = parse_feed(data, location="f")
    for text in (
        title,
        article.title,
        article.source_name,
        article.author or "",
        *article.paragraphs,
    ):
        assert "[bold red]x [/]" in text
        assert not any(ch in text for ch in "\x1b\x07\x9b\u202e"), repr(text)


@pytest.mark.parametrize(
    "document",
    [
        b"",
        b"   ",
        b"<html><body><p>login</p></body></html>",
        b"\x00\x01\x02binary",
        b"<rss><channel><title>t</title>",
        b'{"not": "a feed"}',
        b"{broken json",
    ],
)
def test_bad_documents_give_one_error_line(document: bytes) -> None:
    _, articles, errors = parse_feed(document, location="bad.xml")
    assert articles == []
    assert len(errors) == 1 and errors[0].startswith("bad.xml: ")


def _timed_parse(document: bytes) -> tuple[float, list[str]]:
    started = time.perf_counter()
    _, articles, errors = parse_feed(document, location="attack.xml")
    assert articles == []
    return time.perf_counter() - started, errors


def test_billion_laughs_is_refused() -> None:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    ]
    document = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{"".join(entities)}]>'
        "<rss><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>"
    ).encode()
    seconds, errors = _timed_parse(document)
    assert seconds < 1 and "entity" in errors[0]


def test_quadratic_blowup_is_refused() -> None:
    reference = "&big;" * 20_000
    document = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "{"x" * 100_000}">]>'
        f"<rss><channel><title>t</title><item><title>{reference}</title></item></channel></rss>"
    ).encode()
    seconds, errors = _timed_parse(document)
    assert seconds < 1 and "entity" in errors[0]


def test_external_entities_are_never_read(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    for declaration in (
        f'<!ENTITY xxe SYSTEM "file://{secret}">',
        '<!ENTITY xxe SYSTEM "file:///etc/passwd">',
        '<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;',
    ):
        document = (
            f'<?xml version="1.0"?><!DOCTYPE rss [{declaration}]>'
            "<rss><channel><title>t</title><item><title>&xxe;</title></item></channel></rss>"
        ).encode()
        _, errors = _timed_parse(document)
        assert "entity" in errors[0] and "TOP-SECRET" not in errors[0]


def test_simple_literal_entities_are_allowed() -> None:
    document = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY nbsp "&#160;"><!ENTITY site "Example">]>'
        b"<rss><channel><title>&site; News</title><item><guid>1</guid><title>A&nbsp;B</title>"
        b"</item></channel></rss>"
    )
    title, articles, errors = parse_feed(document, location="f")
    assert errors == [] and title == "Example News" and articles[0].title == "A B"


def test_bytes_that_name_a_file_are_not_opened(tmp_path) -> None:
    target = tmp_path / "feed.xml"
    target.write_bytes(rss(rss_item("from-disk")))
    _, articles, errors = parse_feed(str(target).encode(), location="f")
    assert articles == [] and len(errors) == 1


def test_looks_like_feed() -> None:
    assert looks_like_feed(b'\xef\xbb\xbf <?xml version="1.0"?>\n<rss version="2.0">')
    assert looks_like_feed(b'<feed xmlns="http://www.w3.org/2005/Atom">')
    assert looks_like_feed(b'{"version": "https://jsonfeed.org/version/1", "items": []}')
    assert not looks_like_feed(b"<html><body></body></html>")
    assert not looks_like_feed(b"date 2020-01-03 Source")
