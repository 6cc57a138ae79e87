"""OPML import and export: real-world shapes, hostile files, and the round trip."""

from __future__ import annotations

from newsreader.sources.opml import OpmlEntry, read_opml, write_opml
from tests.conftest import SAMPLE_FEEDS

# In the style of real exports: Feedly/Inoreader nest folders and repeat feeds across them,
# NetNewsWire writes lower-case attributes, some tools put the name only in `title`.
REAL_STYLE = b"""<?xml version="1.0" encoding="UTF-8"?>
<!-- exported by a reader -->
<opml version="1.0">
  <head><title>Subscriptions</title></head>
  <body>
    <outline text="Tech" title="Tech">
      <outline text="Python" title="Python">
        <outline type="rss" text="Planet Python" xmlUrl="https://planetpython.org/rss20.xml"
                 htmlUrl="https://planetpython.org/"/>
      </outline>
      <outline type="rss" title="LWN" xmlurl="https://lwn.net/headlines/rss"/>
    </outline>
    <outline text="News &amp; Politics">
      <outline type="rss" text="Planet Python again" xmlUrl="https://planetpython.org/rss20.xml"/>
      <outline type="rss" text="Caf\xc3\xa9 Daily" xmlUrl="https://example.org/feed?a=1&amp;b=2"/>
    </outline>
    <outline type="rss" text="Top level" xmlUrl="https://example.com/top.xml"/>
    <outline text="Empty folder"/>
    <outline type="local" text="Notes" xmlUrl="/home/me/notes"/>
  </body>
</opml>
"""


def test_nested_folders_become_categories_and_duplicates_are_dropped() -> None:
    entries, errors = read_opml(REAL_STYLE)
    assert errors == []
    assert entries == [
        OpmlEntry(
            "https://planetpython.org/rss20.xml",
            "Planet Python",
            "Tech/Python",
            "https://planetpython.org/",
        ),
        OpmlEntry("https://lwn.net/headlines/rss", "LWN", "Tech"),
        OpmlEntry("https://example.org/feed?a=1&b=2", "Café Daily", "News & Politics"),
        OpmlEntry("https://example.com/top.xml", "Top level", None),
        OpmlEntry("/home/me/notes", "Notes", None),
    ]
    assert [entry.is_url for entry in entries] == [True, True, True, True, False]


def test_export_round_trips_with_categories() -> None:
    entries, _ = read_opml(REAL_STYLE)
    document = write_opml(entries)
    assert document.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert read_opml(document.encode())[0] == entries
    assert read_opml(write_opml(read_opml(document.encode())[0]).encode())[0] == entries


def test_the_bundled_sample_reads() -> None:
    entries, errors = read_opml((SAMPLE_FEEDS / "subscriptions.opml").read_bytes())
    assert errors == [] and len(entries) == 11
    assert {entry.category for entry in entries} == {"News", "Science", "Local"}


def test_entity_declarations_are_refused() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;">]>'
        b'<opml><body><outline text="&b;" xmlUrl="https://e.org/"/></body></opml>'
    )
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<opml><body><outline text="&x;" xmlUrl="https://e.org/"/></body></opml>'
    )
    for document in (laughs, xxe):
        entries, errors = read_opml(document)
        assert entries == [] and errors[0].startswith("refused: unsafe XML entity")


def test_an_ill_formed_export_still_yields_its_feeds() -> None:
    broken = (
        b'<opml><body><outline text="Q&A" xmlUrl="https://e.org/qa.xml">'
        b'<outline text="B" xmlUrl="https://e.org/b.xml"/></body>'
    )
    entries, errors = read_opml(broken)
    assert [entry.location for entry in entries] == ["https://e.org/qa.xml", "https://e.org/b.xml"]
    assert "not well-formed" in errors[0]


def test_not_opml() -> None:
    assert read_opml(b"<html><p>hi</p></html>") == ([], ["not an OPML file (no <body>)"])
    assert read_opml(b"")[0] == []
