"""Kind 17: retention is on by default, so a feed that renews every guid cannot grow forever."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsreader.config import Config
from newsreader.store import Store
from tests.hostile.harness import run_case

DAY = 86_400


def test_issue_instance_a_churning_feed_stays_bounded(tmp_path: Path) -> None:
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("keep_per_feed = 300\n")  # the default (5000) bounds it the same way
    commands = [["add", "http://{base}/churn"]] + [["refresh"]] * 4
    run = run_case(
        "cases_net:cli_against", tmp_path, routes={"/churn": {"churn": 200}}, commands=commands
    )
    assert all(report["code"] == 0 for report in run.result["reports"])
    connection = sqlite3.connect(tmp_path / "data" / "newsreader.sqlite3")
    (count,) = connection.execute("SELECT count(*) FROM articles").fetchone()
    connection.close()
    assert count <= 300 + 200


def test_sibling_default_age_limit_drops_read_only(tmp_path: Path) -> None:
    defaults = Config()
    store = Store(tmp_path / "db.sqlite3")
    source_id, _ = store.add_subscription("k", title="t", location="l", kind="feed")
    now = 1_800_000_000
    connection = sqlite3.connect(tmp_path / "db.sqlite3")
    rows = [
        ("old-read", now - 200 * DAY, 1, 0),
        ("old-unread", now - 200 * DAY, 0, 0),
        ("old-starred", now - 200 * DAY, 1, 1),
        ("new-read", now - 10 * DAY, 1, 0),
    ]
    connection.executemany(
        "INSERT INTO articles (source_id, guid, source_name, title, sort_key, read, starred, "
        "location, content_hash, added_at) VALUES (?, ?, 's', ?, ?, ?, ?, 'l', 'h', 0)",
        [(source_id, guid, guid, when, read, star) for guid, when, read, star in rows],
    )
    connection.commit()
    connection.close()
    removed = store.drop_old_articles(
        source_id,
        keep_days=defaults.keep_days,
        keep_per_feed=defaults.keep_per_feed,
        current_guids=set(),
        now=now,
    )
    titles = {row.title for row in store.rows()}
    store.close()
    assert removed == 1 and titles == {"old-unread", "old-starred", "new-read"}
