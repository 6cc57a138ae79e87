"""The store's side of full text: the per-feed setting, pages as bodies, summaries kept."""

from __future__ import annotations

from pathlib import Path

from newsreader.store import Store
from newsreader.store.feeds import FEED_KIND


def _feed(store: Store, url: str = "https://example.org/feed.xml") -> int:
    source_id, _ = store.add_subscription(url, title=url, location=url, kind=FEED_KIND)
    return source_id


def test_full_text_is_off_until_set_and_survives_reopening(tmp_path: Path) -> None:
    store = Store(tmp_path / "n.db")
    source_id = _feed(store)
    assert not store.full_text(source_id)
    assert store.set_full_text(source_id, True)
    store.close()
    store = Store(tmp_path / "n.db")
    assert store.full_text(source_id)
    assert store.set_full_text(source_id, False)
    assert not store.full_text(source_id)
    assert not store.set_full_text(source_id + 100, True)
    store.close()
