"""Issue 16, the kinds in the ingest pipeline: each instance and a sibling, bounded in time and
memory in a subprocess (`tests.hostile.harness`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.hostile.harness import run_case

LAUGHS = (
    '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
    '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)


def entity_feed(encoding: str) -> bytes:
    body = f'<?xml version="1.0" encoding="{encoding}"?>{LAUGHS}<rss><channel><title>x</title>'
    body += "<item><title>&d;&d;&d;&d;&d;&d;&d;&d;</title><guid>g</guid></item></channel></rss>"
    return body.encode(encoding)


# --- 1: the entity check sees the document as it will be parsed ----------------------------


@pytest.mark.parametrize("encoding", ["cp037", "cp500", "utf-16", "utf-32"])
def test_entities_in_any_encoding_are_refused(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "ebcdic.xml"
    path.write_bytes(entity_feed(encoding))
    report = run_case("cases_ingest:feed", tmp_path, path=str(path)).result
    assert report["articles"] == 0
    assert "entity" in report["errors"][0] or "EBCDIC" in report["errors"][0]


def test_entities_declared_through_the_http_charset_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "lying.xml"
    path.write_bytes(entity_feed("cp037"))
    report = run_case(
        "cases_ingest:feed", tmp_path, path=str(path), content_type="text/xml; charset=cp037"
    ).result
    assert report["articles"] == 0


# --- 10: every stored field is capped -------------------------------------------------------


@pytest.mark.parametrize("field", ["title", "author"])
def test_a_huge_feed_title_is_not_copied_into_every_row(tmp_path: Path, field: str) -> None:
    huge = "W" * 100_000
    channel_title = huge if field == "title" else "Feed"
    author = huge if field == "author" else "a"
    items = "".join(
        f"<item><title>t{n}</title><guid>g{n}</guid><author>{author}</author>"
        f"<description>b{n}</description></item>"
        for n in range(20)
    )
    folder = tmp_path / "feeds"
    folder.mkdir()
    rss = f"<rss><channel><title>{channel_title}</title>{items}</channel></rss>"
    (folder / "big.rss").write_text(rss)
    report = run_case("cases_ingest:load", tmp_path, path=str(folder), save=True).result
    assert report["articles"] == 20
    assert report["longest_field"] <= 2048
    assert report["database_bytes"] < 2 * 2**20


# --- 11: entry caps hold for every format ---------------------------------------------------


def test_a_json_feed_of_a_million_items_is_read_up_to_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    items = ",".join(f'{{"id":"{n}","content_text":"x"}}' for n in range(1_000_000))
    path.write_text(f'{{"version":"https://jsonfeed.org/version/1","title":"J","items":[{items}]}}')
    report = run_case(
        "cases_ingest:feed", tmp_path, path=str(path), max_extra_mib=400, max_seconds=15
    ).result
    assert report["articles"] == 5000 and "995,000 entries skipped" in report["errors"][0]


def test_namespace_prefixed_entries_count_toward_the_cap(tmp_path: Path) -> None:
    entries = "".join(
        f"<a:entry><a:id>u{n}</a:id><a:title>t</a:title></a:entry>" for n in range(20_000)
    )
    path = tmp_path / "prefixed.atom"
    path.write_text(
        f'<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>P</a:title>{entries}</a:feed>'
    )
    report = run_case("cases_ingest:feed", tmp_path, path=str(path), max_extra_mib=128).result
    assert report["articles"] == 5000 and "15,000 entries skipped" in report["errors"][0]


# --- 12: HTML costs linear time -------------------------------------------------------------


@pytest.mark.parametrize(
    "unit",
    ['<a "', "<a href='", "<p><b><i>", "<!--", "<![CDATA[", "<div ", "&#"],
    ids=["unclosed-quote", "unclosed-single", "unclosed-tags", "comment", "cdata", "attr", "ref"],
)
def test_hostile_html_is_linear(tmp_path: Path, unit: str) -> None:
    path = tmp_path / "page.html"
    path.write_text("<p>start</p>" + unit * 500_000)
    run_case("cases_ingest:html", tmp_path, path=str(path), max_seconds=2)


def test_a_20_mb_paragraph_and_100_000_deep_nesting_are_bounded(tmp_path: Path) -> None:
    (tmp_path / "wide.html").write_text("<p>" + "word " * 4_000_000 + "</p>")
    (tmp_path / "deep.html").write_text("<div>" * 100_000 + "deep text")
    wide = run_case("cases_ingest:html", tmp_path, path=str(tmp_path / "wide.html"), max_seconds=2)
    deep = run_case("cases_ingest:html", tmp_path, path=str(tmp_path / "deep.html"), max_seconds=2)
    assert wide.result["chars"] <= 200_000
    assert deep.result["chars"] > 0


# --- 14: folders: regular files only, no escape, iterative -----------------------------------


def test_fifos_and_devices_in_a_folder_are_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "story.txt").write_text("Title\n\nBody.\n")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "null.md").symlink_to("/dev/null")
    report = run_case("cases_ingest:load", tmp_path, path=str(folder), max_seconds=5).result
    assert report["guids"] == ["story.txt"]


def test_a_fifo_or_device_added_alone_is_one_error(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.rss")
    report = run_case("cases_ingest:load", tmp_path, path=str(tmp_path / "pipe.rss")).result
    assert report["articles"] == 0 and "not a regular file" in report["errors"][0]


def test_symlinks_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "passwd.txt").write_text("root:x:0:0\n\nsecret\n")
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "story.txt").write_text("Title\n\nBody.\n")
    (folder / "leak.txt").symlink_to(secret / "passwd.txt")
    (folder / "leakdir").symlink_to(secret)
    (folder / "inside.txt").symlink_to(folder / "story.txt")
    report = run_case("cases_ingest:load", tmp_path, path=str(folder)).result
    assert report["guids"] == ["inside.txt", "story.txt"]


def test_deeply_nested_folders_do_not_recurse(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    deep = folder
    for _ in range(300):
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "story.txt").write_text("Title\n\nBody.\n")
    (folder / "top.txt").write_text("Top\n\nBody.\n")
    report = run_case("cases_ingest:load", tmp_path, path=str(folder)).result
    assert report["guids"] == ["top.txt"]
    assert any("folders deep" in line for line in report["errors"])


# --- every parser path takes the same hostile bodies ----------------------------------------

HOSTILE_BODIES = {
    "unclosed-attributes": '<a "' * 250_000,
    "deep-nesting": "<div>" * 100_000 + "deep text",
    "20-mb-paragraph": "<p>" + "word " * 4_000_000 + "</p>",
}


@pytest.mark.parametrize("body", sorted(HOSTILE_BODIES))
def test_hostile_bodies_through_the_markdown_path(tmp_path: Path, body: str) -> None:
    path = tmp_path / "page.md"
    path.write_text("# Title\n\n" + HOSTILE_BODIES[body])
    run_case("cases_ingest:markdown", tmp_path, path=str(path), max_seconds=2)


@pytest.mark.parametrize("body", sorted(HOSTILE_BODIES))
def test_hostile_bodies_through_the_feed_path(tmp_path: Path, body: str) -> None:
    escaped = HOSTILE_BODIES[body].replace("&", "&amp;").replace("<", "&lt;")[:19_000_000]
    path = tmp_path / "feed.xml"
    path.write_text(
        f"<rss><channel><title>t</title><item><title>x</title><guid>g</guid>"
        f"<description>{escaped}</description></item></channel></rss>"
    )
    report = run_case(
        "cases_ingest:feed", tmp_path, path=str(path), max_seconds=2, max_extra_mib=64
    ).result
    assert report["articles"] == 1 or report["errors"]
