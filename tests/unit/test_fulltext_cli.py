"""`newsreader add URL --full-text` and `newsreader page.html`, as a person runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.feedserver import FeedServer, serving, static
from tests.unit.test_fulltext import QUOTE, story_page, summary_feed


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from serving()


@pytest.fixture(autouse=True)
def short_timeouts(isolated_dirs: Path) -> None:
    config = isolated_dirs / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text("fetch_timeout_seconds = 2.0\n", "utf-8")


def run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsreader", *arguments],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )


def test_add_with_full_text_stores_the_pages_and_says_so(server: FeedServer) -> None:
    server.routes["/story/0"] = static(story_page(0), "text/html")
    server.routes["/feed"] = static(summary_feed(server, ["/story/0", "/missing"]))
    result = run("add", server.url("/feed"), "--full-text")
    assert result.returncode == 0, result.stderr
    assert "2 articles, 1 with their page's full text" in result.stdout
    assert "1 page kept its summary: 1 HTTP 404 Not Found" in result.stdout
    server.routes.clear()
    shown = run("search", "harbour wall")
    assert shown.returncode == 0 and "Story 0" in shown.stdout, shown.stdout
    listing = run("feeds").stdout.splitlines()[1].split("\t")
    assert listing[6] == "1 page kept its summary: 1 HTTP 404 Not Found"
    assert "full text" in listing[7]
    settings = run("feed", "1").stdout
    assert "1 stored, 1 page kept its summary: 1 HTTP 404 Not Found" in settings


def test_feed_full_text_on_then_refresh_fetches_the_pages(server: FeedServer) -> None:
    server.routes["/story/0"] = static(story_page(0), "text/html")
    server.routes["/feed"] = static(summary_feed(server, ["/story/0"]))
    assert run("add", server.url("/feed")).returncode == 0
    assert server.headers_for("/story/0") == []
    changed = run("feed", server.url("/feed"), "--full-text", "on")
    assert changed.returncode == 0, changed.stderr
    refreshed = run("refresh")
    assert refreshed.returncode == 0, refreshed.stderr
    assert "1 with their page's full text" in refreshed.stdout
    assert len(server.headers_for("/story/0")) == 1
    assert "1 stored, 0 kept the summary" in run("feed", "1").stdout


def test_add_with_full_text_refuses_a_folder(tmp_path: Path) -> None:
    result = run("add", str(tmp_path), "--full-text")
    assert result.returncode == 2 and "web feeds" in result.stderr


def test_a_saved_page_given_on_the_command_line_is_read_in_reader_mode(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(story_page(4))
    result = run("extract", str(tmp_path / "page.html"))
    assert result.returncode == 0, result.stderr
    assert QUOTE in result.stdout and "Jane Smith" in result.stdout


def _mixed_feed(server: FeedServer) -> bytes:
    """Two good pages, a 404, an `ftp:` and a `file:` link, and an entry with no link."""
    linked = summary_feed(
        server, ["/story/0", "/story/1", "/missing", "ftp://example.org/a", "file:///etc/passwd"]
    )
    bare = (
        "<item><guid>entry-5</guid><title>Story 5</title>"
        "<description>Two sentences of summary 5. Read more.</description></item>"
    )
    return linked.replace(b"</channel>", bare.encode() + b"</channel>")


def test_every_entry_that_keeps_its_summary_is_counted_under_its_own_reason(
    server: FeedServer,
) -> None:
    for n in range(2):
        server.routes[f"/story/{n}"] = static(story_page(n), "text/html")
    server.routes["/feed"] = static(_mixed_feed(server))
    added = run("add", server.url("/feed"), "--full-text")
    assert added.returncode == 0, added.stderr
    assert "6 articles, 2 with their page's full text" in added.stdout, added.stdout
    kept = "4 pages kept their summary: "
    reasons = ["2 link refused: not an http(s) link", "1 HTTP 404 Not Found", "1 no link"]
    for line in (added.stdout, run("feed", "1").stdout, run("feeds").stdout):
        assert kept in line and all(reason in line for reason in reasons), line
    assert "2 stored, 4 pages kept" in run("feed", "1").stdout
    assert not any("etc" in path for path, _ in server.requests)


def test_show_says_where_the_text_came_from_and_why_the_page_failed(server: FeedServer) -> None:
    for n in range(2):
        server.routes[f"/story/{n}"] = static(story_page(n), "text/html")
    server.routes["/feed"] = static(_mixed_feed(server))
    assert run("add", server.url("/feed"), "--full-text").returncode == 0
    ids = {line.split()[-1]: line.split()[0] for line in run("list").stdout.splitlines() if line}
    page = run("show", ids["0"]).stdout
    assert "Full text from the page" in page and QUOTE in page
    missing = run("show", ids["2"]).stdout
    assert "Feed summary: page not fetched: HTTP 404 Not Found" in missing
    shown = json.loads(run("show", ids["2"], "--json").stdout)
    assert (shown["text_from"], shown["page_error"]) == (
        "feed",
        "page not fetched: HTTP 404 Not Found",
    )
    assert json.loads(run("show", ids["0"], "--json").stdout)["text_from"] == "page"
    for number, scheme in (("3", "ftp:"), ("4", "file:")):
        refused = run("show", ids[number]).stdout.splitlines()
        link = [line for line in refused if line.startswith(scheme)]
        assert link and "never opened" in link[0], refused
        assert "Feed summary: link refused: not an http(s) link" in refused
        as_json = json.loads(run("show", ids[number], "--json").stdout)
        assert as_json["link"].startswith(scheme) and as_json["link_opens"] is False


def test_a_local_folder_refuses_full_text_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_text("# A note\n\nSome text.\n", "utf-8")
    assert run("add", str(tmp_path / "notes")).returncode == 0
    for arguments in (["--set", "full_text=on"], ["--full-text", "on"], ["--set", "full-text=1"]):
        refused = run("feed", "1", *arguments)
        assert refused.returncode == 2, refused
        assert len(refused.stderr.strip().splitlines()) == 1
        assert "full_text is for web feeds" in refused.stderr
    assert "full_text      off" in run("feed", "1").stdout
    assert "full text" not in run("feeds").stdout.splitlines()[1]
    assert run("feed", "1", "--set", "full_text=off").returncode == 0
