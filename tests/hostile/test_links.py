"""Kind 2: `o` and the link list hand the browser absolute http(s) URLs only, off the UI thread."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.links import browser_url
from tests.hostile.harness import run_case

REFUSED = [
    "file:///etc/passwd",
    "data:text/html,<script>alert(1)</script>",
    "javascript:alert(1)",
    "-a",
    "--new-window=x",
    "  --help",
    "vbscript:msgbox",
    "FILE:///etc/shadow",
    "http:/etc/passwd",
    "//example.org/x",
    "/etc/passwd",
    "~/.ssh/id_rsa",
    "ftp://example.org/x",
    "https://example.org/a b",
    "https://example.org/\x1b]2;title\x07",
    "https://example.org:99999/",
    "http://",
    "",
]
ALLOWED = ["https://example.org/story?id=1", "HTTP://Example.org/", "http://127.0.0.1:8080/x"]


@pytest.mark.parametrize("url", REFUSED)
def test_browser_url_refuses_everything_but_absolute_http(url: str) -> None:
    assert browser_url(url) is None


@pytest.mark.parametrize("url", ALLOWED)
def test_browser_url_keeps_web_links(url: str) -> None:
    assert browser_url(url) == url


def test_issue_instance_only_http_reaches_the_browser_and_ui_never_waits(tmp_path: Path) -> None:
    urls = ["file:///etc/passwd", "data:text/html,x", "javascript:alert(1)", "-a", "--new-window=x"]
    run = run_case("cases_links:open_links", tmp_path, urls=[*urls, "https://example.org/ok"])
    assert run.result["opened"] == ["https://example.org/ok"]
    assert run.result["ui_seconds"] < 1.5


def test_sibling_refused_links_never_reach_the_browser(tmp_path: Path) -> None:
    urls = ["vbscript:x", "/etc/passwd", "~/.ssh", "-", "https://x.org/\x1b]0;t\x07"]
    run = run_case("cases_links:open_links", tmp_path, urls=urls)
    assert run.result["opened"] == []
