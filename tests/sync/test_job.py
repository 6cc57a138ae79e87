"""The app's sync job: one line per outcome, never an exception, the session kept."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newsreader.config import SyncSettings
from newsreader.store import Store
from newsreader.sync.job import SyncJob
from tests.sync.conftest import Account, add_feed
from tests.sync.test_freshrss import client_for


def test_job_syncs_and_reports_failures_as_one_line(tmp_path: Path, account: Account) -> None:
    url = add_feed(account.feeds, f"/{account.username}/job.xml", "Job", 2)
    with client_for(account) as client:
        client.subscribe(url)
    database = tmp_path / "news.sqlite3"
    Store(database).close()
    settings = SyncSettings(
        service="greader",
        url=account.url,
        username=account.username,
        password_file=str(account.password_file),
    )
    job = SyncJob(database, settings, "config.toml")
    seen: list[str] = []
    outcome = job.run(lambda done, total, what: seen.append(what))
    assert not outcome.failed and outcome.line.startswith("Synced: 1 feed, 2 new articles")
    assert "articles" in seen
    assert job.run(lambda *_: None).report.new_items == 0  # type: ignore[union-attr]
    job.close()
    unreachable = replace(settings, url="http://127.0.0.1:9/api/greader.php")
    broken = SyncJob(database, unreachable, "config.toml")
    store = Store(database)
    store.set_read(store.search("Job")[0], True)
    store.close()
    failed = broken.run(lambda *_: None)
    assert failed.failed and "cannot reach" in failed.line and "\n" not in failed.line
