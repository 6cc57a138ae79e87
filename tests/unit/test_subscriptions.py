"""What a person types becomes the right subscription."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.subscriptions import SubscriptionError, parse_target


def test_urls_are_feeds_and_feed_scheme_becomes_http() -> None:
    feed = parse_target("  https://example.com/rss ", "Example")
    assert (feed.key, feed.title, feed.location, feed.kind) == (
        "https://example.com/rss", "Example", "https://example.com/rss", "feed"
    )  # fmt: skip
    assert parse_target("feed://example.org/atom").location == "http://example.org/atom"


def test_paths_are_local_sources_keyed_by_folder(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.txt").write_text("x")
    assert parse_target(str(folder)).key == "local:notes"
    single = parse_target(str(folder / "a.txt"))
    assert (single.key, single.kind, single.location) == (
        "local:notes", "local", str((folder / "a.txt").resolve())
    )  # fmt: skip


def test_neither_url_nor_path_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SubscriptionError, match="not an http"):
        parse_target(str(tmp_path / "missing"))
    with pytest.raises(SubscriptionError):
        parse_target("")
