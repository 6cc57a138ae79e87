"""Two readers' worth of state changes and an import, in three processes, all at once.

The app's pattern is one SQLite connection per thread or process; here two processes change
read and starred state on the same articles (one commit each) while a third imports folders.
Nobody may see "database is locked", and every acknowledged write must be in the file.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsreader.importer import import_paths

REPO = Path(__file__).resolve().parents[2]
DRIVER = [sys.executable, "-m", "tests.drivers.concurrent_writer"]


def write_folder(folder: Path, count: int, desk: str) -> Path:
    """A folder of `count` seed-format articles."""
    folder.mkdir(parents=True)
    body = "“The vote stands,” said clerk Ines Harrow, before the council adjourned. " * 8
    for index in range(count):
        text = f"date 2026-04-{index % 28 + 1:02d} {desk}\n\n{desk} item {index}.\n\n{body}\n"
        (folder / f"item-{index:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def acknowledgements(output: str) -> list[tuple[str, str]]:
    """(kind, rest) for each acknowledgement line."""
    return [tuple(line.split(" ", 1)) for line in output.splitlines()]  # type: ignore[misc]


@pytest.mark.slow
def test_two_writers_and_an_import_at_once_lose_nothing(tmp_path: Path) -> None:
    database = tmp_path / "data" / "newsreader.sqlite3"
    database.parent.mkdir()
    existing = [write_folder(tmp_path / f"old-{n}", 150, f"Old {n}") for n in range(2)]
    assert import_paths(database, existing).added == 300
    incoming = [write_folder(tmp_path / f"new-{n}", 120, f"New {n}") for n in range(6)]
    start_at = time.time() + 1.5  # after every interpreter has started
    commands = [
        [*DRIVER, "read", str(database), str(start_at)],
        [*DRIVER, "star", str(database), str(start_at)],
        [*DRIVER, "import", str(database), str(start_at), *map(str, incoming)],
    ]
    processes = [
        subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for command in commands
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    for process, (_, errors) in zip(processes, outputs, strict=True):
        assert "locked" not in errors.decode()
        assert process.returncode == 0, errors.decode()
    acked = [acknowledgements(stdout.decode()) for stdout, _ in outputs]
    assert len(acked[0]) == len(acked[1]) == 300
    assert len(acked[2]) == len(incoming)

    connection = sqlite3.connect(database)
    states = {
        row[0]: row[1:] for row in connection.execute("SELECT id, read, starred FROM articles")
    }
    counts = dict(
        connection.execute(
            "SELECT s.key, count(a.id) FROM sources s JOIN articles a ON a.source_id = s.id "
            "GROUP BY s.id"
        ).fetchall()
    )
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()
    for _, article_id in acked[0]:
        assert states[int(article_id)][0] == 1, "a read mark was lost"
    for _, article_id in acked[1]:
        assert states[int(article_id)][1] == 1, "a star was lost"
    for _, rest in acked[2]:
        key, added = rest.rsplit(" ", 1)
        assert counts[key] == int(added) == 120


@pytest.mark.slow
def test_two_writers_and_a_cli_refresh_at_once_lose_nothing(tmp_path: Path) -> None:
    """The shape of two open apps plus `newsreader refresh` in a terminal beside them."""
    import os

    from newsreader.store import Store
    from tests.feedserver import rss, serving, static

    database = tmp_path / "data" / "newsreader.sqlite3"
    database.parent.mkdir()
    assert import_paths(database, [write_folder(tmp_path / "old", 200, "Old")]).added == 200
    feeds = {
        f"/feed-{n}.xml": static(
            rss(f"Feed {n}", [(f"f{n}-{i}", f"Item {i}", "<p>Body.</p>") for i in range(30)])
        )
        for n in range(20)
    }
    for server in serving(feeds):
        store = Store(database)
        for path in feeds:
            url = server.url(path)
            store.add_subscription(url, title=path, location=url, kind="feed")
        store.close()
        start_at = time.time() + 1.5
        environment = {**os.environ, "NEWSREADER_DATA_DIR": str(database.parent)}
        processes = [
            subprocess.Popen(
                [*DRIVER, kind, str(database), str(start_at)],
                cwd=REPO,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for kind in ("read", "star")
        ]
        refresh = subprocess.Popen(
            [sys.executable, "-m", "newsreader", "refresh", "--quiet"],
            cwd=REPO,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        outputs = [process.communicate(timeout=120) for process in processes]
        _, refresh_errors = refresh.communicate(timeout=120)
    assert refresh.returncode == 0, refresh_errors.decode()
    assert "locked" not in refresh_errors.decode()
    for process, (_, errors) in zip(processes, outputs, strict=True):
        assert process.returncode == 0 and "locked" not in errors.decode(), errors.decode()
    connection = sqlite3.connect(database)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    states = dict(connection.execute("SELECT id, read FROM articles").fetchall())
    stars = dict(connection.execute("SELECT id, starred FROM articles").fetchall())
    feed_articles = connection.execute(
        "SELECT count(*) FROM articles a JOIN sources s ON s.id = a.source_id WHERE s.kind = 'feed'"
    ).fetchone()[0]
    connection.close()
    assert feed_articles == 20 * 30
    for _, article_id in acknowledgements(outputs[0][0].decode()):
        assert states[int(article_id)] == 1, "a read mark was lost"
    for _, article_id in acknowledgements(outputs[1][0].decode()):
        assert stars[int(article_id)] == 1, "a star was lost"
