"""`newsreader add URL --full-text` and `newsreader page.html`, as a person runs them."""

from __future__ import annotations

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
    assert "1 pages failed: page not fetched: HTTP 404" in result.stdout
    server.routes.clear()
    shown = run("search", "harbour wall")
    assert shown.returncode == 0 and "Story 0" in shown.stdout, shown.stdout
    listing = run("feeds").stdout.splitlines()[1].split("\t")
    assert listing[6] == "1 entry keeps the summary: page not fetched: HTTP 404 Not Found"
    assert "full text" in listing[7]
    settings = run("feed", "1").stdout
    assert "1 stored, 1 kept the summary (latest: page not fetched: HTTP 404" in settings


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
