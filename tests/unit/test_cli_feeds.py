"""The subscription commands, run as real processes against a real server and database."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.feedserver import FeedServer, rss, serving, static

FEED = rss("Harbour Gazette", [("a1", "Bridge reopens", "<p>The bridge reopens.</p>")])
OTHER = rss("Valley Weather", [("w1", "Storm \x1b]0;pwned\x07warning", "<p>Rain.</p>")])


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from serving(
        {
            "/feed": static(FEED),
            "/other": static(OTHER),
            "/missing": static(b"gone", "text/plain", status=404),
        }
    )


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


def feed_rows() -> list[list[str]]:
    result = run("feeds")
    assert result.returncode == 0, result.stderr
    heading, *rows = result.stdout.splitlines()
    headings = ["id", "title", "url", "unread", "last refresh", "last success", "last error",
                "settings"]  # fmt: skip
    assert heading.split("\t") == headings
    return [row.split("\t") for row in rows]


def test_add_fetches_the_feed_and_feeds_lists_it(server: FeedServer) -> None:
    result = run("add", server.url("/feed"))
    assert result.returncode == 0, result.stderr
    assert "Harbour Gazette" in result.stdout and "1 article\n" in result.stdout
    (row,) = feed_rows()
    assert row[1:4] == ["Harbour Gazette", server.url("/feed"), "1"] and row[6] == ""
    assert row[4] == row[5] != "never"
    assert "Already subscribed" in run("add", server.url("/feed")).stdout


def test_add_with_a_title_keeps_it(server: FeedServer) -> None:
    assert run("add", server.url("/feed"), "--title", "My harbour").returncode == 0
    assert feed_rows()[0][1] == "My harbour"


def test_a_failing_first_fetch_keeps_the_subscription_and_says_why(server: FeedServer) -> None:
    result = run("add", server.url("/missing"))
    assert result.returncode == 1 and "HTTP 404" in result.stderr
    assert feed_rows()[0][5:7] == ["never", "HTTP 404 Not Found"]


def test_add_refuses_what_is_neither_url_nor_path() -> None:
    result = run("add", "no-such-thing")
    assert result.returncode == 2 and "not an http(s) URL" in result.stderr


def test_add_a_local_folder(tmp_path: Path) -> None:
    folder = tmp_path / "clippings"
    folder.mkdir()
    (folder / "a.txt").write_text("date 2026-10-01 Clips\n\nA clipped story.\n", "utf-8")
    result = run("add", str(folder))
    assert result.returncode == 0, result.stderr
    (row,) = feed_rows()
    assert row[1:4] == ["clippings", str(folder.resolve()), "1"]


def test_refresh_summarises_and_exits_1_only_when_all_fail(server: FeedServer) -> None:
    run("add", server.url("/feed"))
    run("add", server.url("/missing"))
    result = run("refresh")
    assert result.returncode == 0, result.stderr
    assert "2 sources: 0 new articles" in result.stdout and "1 failed" in result.stdout
    assert "HTTP 404" in result.stdout
    run("remove", server.url("/feed"))
    assert run("refresh", "--quiet").returncode == 1


def test_untrusted_titles_reach_the_terminal_clean(server: FeedServer) -> None:
    run("add", server.url("/other"))
    listed = run("list")
    assert "Storm" in listed.stdout and "\x1b" not in listed.stdout + run("feeds").stdout


def test_remove_by_id_and_unknown(server: FeedServer) -> None:
    run("add", server.url("/feed"))
    source_id = feed_rows()[0][0]
    assert run("remove", source_id).returncode == 0
    assert feed_rows() == []
    assert run("remove", "12345").returncode == 2


def test_import_then_export_round_trips(server: FeedServer, tmp_path: Path) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="1.0"><head><title>Mine</title></head><body>'
        '<outline text="News"><outline text="Local"><outline text="Harbour" type="rss" '
        f'xmlUrl="{server.url("/feed")}" htmlUrl="https://harbour.example/"/></outline></outline>'
        f'<outline text="Weather" xmlUrl="{server.url("/other")}"/>'
        f'<outline text="Dup" xmlUrl="{server.url("/other")}"/>'
        "</body></opml>",
        "utf-8",
    )
    result = run("import", str(opml))
    assert result.returncode == 0 and "Imported 2 new subscriptions" in result.stdout
    assert "Imported 0 new" in run("import", str(opml)).stdout
    exported = run("export").stdout
    assert exported.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert '<outline text="News" title="News">' in exported
    again = tmp_path / "again.opml"
    again.write_text(exported, "utf-8")
    from newsreader.sources.opml import read_opml

    before, _ = read_opml(opml.read_bytes())
    after, _ = read_opml(again.read_bytes())
    assert {(e.location, e.title, e.category, e.site_url) for e in before} == {
        (e.location, e.title, e.category, e.site_url) for e in after
    }
    assert 'htmlUrl="https://harbour.example/"' in exported


def test_offline_refresh_fails_and_feeds_keeps_the_last_success(tmp_path: Path) -> None:
    folder = tmp_path / "clippings"
    folder.mkdir()
    (folder / "a.txt").write_text("A clipped story.\n", "utf-8")
    assert run("add", str(folder)).returncode == 0
    with contextlib.contextmanager(serving)({"/feed": static(FEED)}) as server:
        assert run("add", server.url("/feed")).returncode == 0
        url = server.url("/feed")
    # The server is gone: the local folder still rescans, the only web feed fails.
    result = run("refresh")
    assert result.returncode == 1
    assert "Every web feed failed (1)" in result.stderr
    rows = {row[2]: row for row in feed_rows()}
    refreshed, succeeded, error = rows[url][4:7]
    assert refreshed != "never" and succeeded != "never" and error
    assert rows[str(folder.resolve())][5] != "never" and rows[str(folder.resolve())][6] == ""


def test_export_names_the_site_a_fetched_feed_belongs_to(server: FeedServer) -> None:
    assert run("add", server.url("/feed")).returncode == 0
    exported = run("export").stdout
    assert f'xmlUrl="{server.url("/feed")}" htmlUrl="https://example.org/"' in exported
