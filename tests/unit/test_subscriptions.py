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
    key = f"local:{folder.resolve()}"
    assert parse_target(str(folder)).key == key
    single = parse_target(str(folder / "a.txt"))
    assert (single.key, single.kind, single.location) == (
        key, "local", str((folder / "a.txt").resolve())
    )  # fmt: skip
    # The same key as loading the path gives, so the app's `a` and the CLI agree.
    from newsreader.sources.local import load_path

    assert load_path(folder).key == load_path(folder / "a.txt").key == key
    (folder / "f.rss").write_text("<rss><channel><title>F</title></channel></rss>")
    feed_file = parse_target(str(folder / "f.rss"))
    assert (
        feed_file.key == f"local:{(folder / 'f.rss').resolve()}" == load_path(folder / "f.rss").key
    )


def test_neither_url_nor_path_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SubscriptionError, match="not an http"):
        parse_target(str(tmp_path / "missing"))
    with pytest.raises(SubscriptionError):
        parse_target("")
