"""Articles as the store writes them: what is stored and the digest must not move between
versions, or every stored entry would read as changed and be rewritten on the next refresh."""

from __future__ import annotations

from datetime import UTC, datetime

from newsreader.models import ArticleDraft, Block, BlockKind, Document, Enclosure, Link, LinkSpan
from newsreader.store.rows import encode_article

DOCUMENT = Document(
    (
        Block(BlockKind.HEADING, "Ferry “fares” rise", 2),
        Block(BlockKind.PARAGRAPH, "The council said so. Read more.", links=(LinkSpan(21, 31, 0),)),
        Block(BlockKind.LIST_ITEM, "First", 1, "1."),
        Block(BlockKind.IMAGE, "A ferry", url="https://example.org/ferry.jpg"),
        Block(BlockKind.CODE, "a\n\nb"),
    ),
    (Link("Read more.", "https://example.org/more"),),
    (Enclosure("https://example.org/a.mp3", "audio/mpeg", 1234),),
)


def draft(document: Document) -> ArticleDraft:
    return ArticleDraft(
        guid="g",
        title="Ferry fares",
        source_name="Harbour",
        document=document,
        published=datetime(2026, 9, 1, tzinfo=UTC),
        link="https://example.org/1",
        location="/tmp/f.xml",
    )


def test_the_stored_document_and_digest_are_those_of_earlier_versions() -> None:
    encoded = encode_article(draft(DOCUMENT))
    assert encoded.document == (
        '{"v":1,"b":[["heading","Ferry “fares” rise",2,"","",[]],["paragraph",'
        '"The council said so. Read more.",0,"","",[[21,31,0]]],["list_item","First",1,"1.",'
        '"",[]],["image","A ferry",0,"","https://example.org/ferry.jpg",[]],["code",'
        '"a\\n\\nb",0,"","",[]]],"l":[["Read more.","https://example.org/more"]],"e":[['
        '"https://example.org/a.mp3","audio/mpeg",1234]]}'
    )
    assert encoded.digest == "564b25c667e8bc4d175dc1e6579d01bb"
    assert encoded.body == (
        "Ferry “fares” rise\n\nThe council said so. Read more.\n\nFirst\n\nA ferry\n\na\n\nb"
    )


def test_a_block_that_reached_here_uncleaned_is_cleaned_in_the_body() -> None:
    document = Document.from_paragraphs(["Plain.", "Red \x1b[31malert\x1b[0m \u202eevil"])
    assert encode_article(draft(document)).body == "Plain.\n\nRed alert evil"
