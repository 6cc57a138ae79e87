"""Tests for newsreader.sources.local: the seed format, md/html/txt files, folders, bad files."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.ingest.textformats import parse_seed_text
from newsreader.sources.local import load_path

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "deployment_2020-01-03.txt"
SEED_TEXT = """ date 2020-01-03 OAN Newsroom

UPDATED 3:15 PM PT \u2014 Friday, January 3, 2020

The U.S. is planning to deploy over 3,000 additional troops to the Middle East following the
death of Iranian General Qasem Soleimani. Reports detailed the move on Friday.

\u201cAs previously announced,\u201d read a statement from the Pentagon.

All quiet today at @USEmbBaghdad. \u2014 OIR Spokesman (@OIRSpox) January 2, 2020
"""
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Disk Feed</title>
<item><guid>e1</guid><title>One</title><description>&lt;p&gt;First.&lt;/p&gt;</description></item>
<item><title>Two</title><link>https://example.com/2</link><description>Second.</description></item>
</channel></rss>"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_seed_format(tmp_path: Path) -> None:
    write(tmp_path / "news", "deployment.txt", SEED_TEXT)
    source = load_path(tmp_path / "news")
    folder = (tmp_path / "news").resolve()
    assert (source.key, source.title, source.errors) == (f"local:{folder}", "news", ())
    (article,) = source.articles
    assert article.guid == "deployment.txt"
    assert article.source_name == "OAN Newsroom"
    assert article.published == datetime(2020, 1, 3, tzinfo=UTC)
    assert article.dateline == "UPDATED 3:15 PM PT \u2014 Friday, January 3, 2020"
    assert article.title == (  # the whole lead sentence, which the body then goes on from
        "The U.S. is planning to deploy over 3,000 additional troops to the Middle East"
        " following the death of Iranian General Qasem Soleimani"
    )
    assert article.paragraphs == (
        "Reports detailed the move on Friday.",
        "\u201cAs previously announced,\u201d read a statement from the Pentagon.",
        "All quiet today at @USEmbBaghdad. \u2014 OIR Spokesman (@OIRSpox) January 2, 2020",
    )
    assert article.location == str((tmp_path / "news" / "deployment.txt").resolve())


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not present")
def test_the_real_seed_file() -> None:
    source = load_path(SEED)
    (article,) = source.articles
    assert article.source_name == "OAN Newsroom"
    assert article.dateline == "UPDATED 3:15 PM PT \u2014 Friday, January 3, 2020"
    assert len(article.paragraphs) == 10
    assert article.paragraphs[4].endswith("(@OIRSpox) January 2, 2020")


@pytest.mark.parametrize(
    ("lead", "is_dateline"),
    [
        ("Published: Jan. 3, 2020 at 9:00 AM", True),
        ("Updated 10:02 AM ET, Fri January 3, 2020", True),
        ("January 3, 2020", True),
        ("Friday, January 3, 2020", True),
        ("BAGHDAD, Iraq \u2014 The embassy was quiet on Friday.", False),
        ("Updates on the deployment are expected later this week from several officials.", False),
    ],
)
def test_dateline_detection(lead: str, is_dateline: bool) -> None:
    seed = parse_seed_text(f"date 2020-01-03 Wire\n\n{lead}\n\nBody text here.\n")
    assert seed is not None
    assert (seed.dateline == lead) is is_dateline


def test_markdown_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        "story.md",
        "# A *bold* [headline](https://x)\n\nSome **strong** and _em_ text with a"
        " [link](https://example.com) and ![img](a.png).\n\n- item one\n- item two\n",
    )
    (article,) = load_path(tmp_path / "story.md").articles
    assert article.title == "A bold headline"
    assert article.paragraphs == (
        "Some strong and em text with a link and .",
        "item one",
        "item two",
    )
    assert article.source_name == tmp_path.name


def test_html_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        "page.html",
        "<html><head><title>Page [bold]title[/]</title><script>x()</script></head><body>"
        "<nav><p>Menu</p></nav><article><h1>Headline</h1><time datetime='2020-01-02T10:00:00Z'>"
        "</time><p>\u201cQuoted,\u201d she said.</p></article></body></html>",
    )
    (article,) = load_path(tmp_path / "page.html").articles
    # The article's own headline, not the page's <title> ("Site | Headline" in the wild).
    assert article.title == "Headline"
    assert article.paragraphs == ("\u201cQuoted,\u201d she said.",)
    assert article.published == datetime(2020, 1, 2, 10, tzinfo=UTC)


def test_plain_txt_without_header(tmp_path: Path) -> None:
    write(tmp_path, "note.txt", "My title\nFirst paragraph\ncontinues.\n\nSecond.\n")
    (article,) = load_path(tmp_path / "note.txt").articles
    assert article.title == "My title"
    assert article.paragraphs == ("First paragraph continues.", "Second.")


def test_cp1252_file(tmp_path: Path) -> None:
    write(tmp_path, "old.txt", "Caf\u00e9 \u201cquote\u201d\n\nBody.".encode("cp1252"))
    (article,) = load_path(tmp_path).articles
    assert article.title == "Caf\u00e9 \u201cquote\u201d"


def test_feed_files_in_a_folder(tmp_path: Path) -> None:
    write(tmp_path / "src", "sub/feed.rss", RSS)
    write(tmp_path / "src", "list.opml", "<opml/>")
    write(tmp_path / "src", ".hidden.txt", "hidden")
    source = load_path(tmp_path / "src")
    assert source.errors == ()
    assert [a.guid for a in source.articles] == [
        "sub/feed.rss#e1",
        "sub/feed.rss#https://example.com/2",
    ]
    assert {a.source_name for a in source.articles} == {"Disk Feed"}


def test_identity_survives_moving_the_folder(tmp_path: Path) -> None:
    write(tmp_path / "a" / "news", "one.txt", SEED_TEXT)
    write(tmp_path / "a" / "news", "deep/two.md", "# Two\n\nBody.")
    write(tmp_path / "a" / "news", "feed.xml", RSS)
    before = load_path(tmp_path / "a" / "news")
    (tmp_path / "b").mkdir()
    shutil.move(tmp_path / "a" / "news", tmp_path / "b" / "news")
    after = load_path(tmp_path / "b" / "news")
    single = load_path(tmp_path / "b" / "news" / "one.txt")
    # The key is the folder's path; the store recognises the moved folder by its articles
    # (tests/unit/test_local_identity.py), and a file alone belongs to its folder's source.
    assert after.key == single.key == f"local:{(tmp_path / 'b' / 'news').resolve()}"
    assert before.key == f"local:{(tmp_path / 'a' / 'news').resolve()}"
    assert [a.guid for a in before.articles] == [a.guid for a in after.articles]
    assert [a.guid for a in before.articles] == [
        "deep/two.md",
        "feed.xml#e1",
        "feed.xml#https://example.com/2",
        "one.txt",
    ]
    assert [a.guid for a in single.articles] == ["one.txt"]


def test_bad_files_give_one_error_line_each(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", SEED_TEXT)
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path, "broken.xml", b"<rss><channel><title>x</title>")
    write(tmp_path, "broken.json", b"{nope")
    unreadable = write(tmp_path, "locked.txt", "secret")
    unreadable.chmod(0)
    source = load_path(tmp_path)
    assert [a.guid for a in source.articles] == ["good.txt"] or _running_as_root()
    messages = dict(line.split(": ", 1) for line in source.errors)
    assert messages[str(tmp_path.resolve() / "empty.txt")] == "empty file"
    assert "binary" in messages[str(tmp_path.resolve() / "binary.txt")]
    assert "not a feed" in messages[str(tmp_path.resolve() / "broken.xml")]
    assert "not a feed" in messages[str(tmp_path.resolve() / "broken.json")]
    assert len(source.errors) == 4 + (0 if _running_as_root() else 1)


def _running_as_root() -> bool:
    import os

    return os.geteuid() == 0


def test_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_path(tmp_path / "nope")


def test_control_sequences_in_files_are_stripped(tmp_path: Path) -> None:
    write(
        tmp_path,
        "x.txt",
        "date 2020-01-03 Evil\x1b]0;t\x07 [/]\n\n\x1b[5mBlink\u202e [bold red]x.\n",
    )
    (article,) = load_path(tmp_path).articles
    assert article.source_name == "Evil [/]"
    assert article.paragraphs == ("Blink [bold red]x.",)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=500))
def test_seed_parser_never_fails(body: str) -> None:
    seed = parse_seed_text("date 2020-01-03 Source\n\n" + body)
    assert seed is not None
    assert sum(len(p) for p in seed.document.paragraphs) <= len(body)
    assert all(p and "\n" not in p for p in seed.document.paragraphs)


def test_html_file_without_a_heading_takes_its_title(tmp_path: Path) -> None:
    write(tmp_path, "page.html", "<title>Page [bold]title[/]</title><p>Body.</p>")
    (article,) = load_path(tmp_path / "page.html").articles
    assert (article.title, article.paragraphs) == ("Page [bold]title[/]", ("Body.",))
