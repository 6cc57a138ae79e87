"""SIGKILL in the middle of an import and of marking articles read loses nothing acknowledged.

A driver process (`tests/drivers/crash_writer.py`) prints one line after each commit; the test
kills it at seeded random moments many times, then checks the database file: it passes
`PRAGMA integrity_check` and holds every change that was acknowledged before a kill.
"""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from newsreader.store import Store

REPO = Path(__file__).resolve().parents[2]
FOLDERS = 30
FILES_PER_FOLDER = 100
KILLS = 16


@dataclass
class Acknowledged:
    """Every change a killed driver reported as committed."""

    imported: dict[str, int] = field(default_factory=dict)
    """Source key -> number of files in its folder."""
    read_state: dict[int, int] = field(default_factory=dict)
    """Article id -> the read value last acknowledged for it."""
    in_flight: dict[int, set[int]] = field(default_factory=dict)
    """Article id -> values it may hold: announced, maybe committed, killed before the ack."""
    announced: tuple[int, int] | None = None
    acknowledged_reads: int = 0

    def killed(self) -> None:
        """The driver died: its last announced change may or may not have been committed."""
        if self.announced is not None:
            article_id, value = self.announced
            before = self.in_flight.get(article_id, {self.read_state.get(article_id, 0)})
            self.in_flight[article_id] = before | {value}
            self.announced = None


def write_folders(root: Path) -> list[Path]:
    """Seed-format article folders, large enough that an import takes a while."""
    paragraph = "“We will not stop,” said the union’s Ada Brennan, as talks resumed on Monday. " * 6
    folders = []
    for number in range(FOLDERS):
        folder = root / f"desk-{number:02d}"
        folder.mkdir(parents=True)
        for index in range(FILES_PER_FOLDER):
            text = f"date 2026-03-{index % 28 + 1:02d} Desk {number}\n\n"
            text += f"Story {number}-{index} opens the day.\n\n" + paragraph + "\n\n" + paragraph
            (folder / f"story-{index:03d}.txt").write_text(text, encoding="utf-8")
        folders.append(folder)
    return folders


def run_until_killed(
    command: list[str], acks_before_kill: int, extra_delay: float, acknowledged: Acknowledged
) -> None:
    """Run a driver and SIGKILL it `extra_delay` seconds after its N-th acknowledgement.

    Counting acknowledgements, not seconds, puts every kill in the middle of the work however
    fast the machine is; the extra delay lands it at a random point inside the next write.
    """
    process = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0
    )
    assert process.stdout is not None
    seen = 0
    pending = b""
    deadline = time.monotonic() + 20
    while seen < acks_before_kill and time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.5)
        chunk = os.read(process.stdout.fileno(), 65536) if ready else b""
        if ready and not chunk:
            break  # the driver finished before the kill point
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            record(line.decode(), acknowledged)
            seen += line.startswith((b"imported", b"read"))
    time.sleep(extra_delay)
    process.send_signal(signal.SIGKILL)
    rest, errors = process.communicate()
    # Whatever was fully printed before the kill was acknowledged too.
    for line in (pending + rest).split(b"\n")[:-1]:
        record(line.decode(), acknowledged)
    acknowledged.killed()
    assert b"Traceback" not in errors, errors.decode()


def record(line: str, acknowledged: Acknowledged) -> None:
    """Note one acknowledgement line."""
    kind, _, rest = line.partition(" ")
    if kind == "imported":
        key, count = rest.rsplit(" ", 1)
        acknowledged.imported[key] = int(count)
    elif kind == "intent":
        article_id, value = map(int, rest.split())
        acknowledged.announced = (article_id, value)
    elif kind == "read":
        article_id, value = map(int, rest.split())
        acknowledged.read_state[article_id] = value
        acknowledged.in_flight.pop(article_id, None)
        acknowledged.announced = None
        acknowledged.acknowledged_reads += 1


def check_database(database: Path, acknowledged: Acknowledged) -> None:
    """The file is sound and holds every acknowledged change."""
    connection = sqlite3.connect(database)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        counts = dict(
            connection.execute(
                "SELECT s.key, count(a.id) FROM sources s "
                "LEFT JOIN articles a ON a.source_id = s.id GROUP BY s.id"
            ).fetchall()
        )
        for key, expected in acknowledged.imported.items():
            assert counts.get(key) == expected, key
        stored = dict(connection.execute("SELECT id, read FROM articles").fetchall())
        for article_id, value in acknowledged.read_state.items():
            allowed = acknowledged.in_flight.get(article_id, {value})
            assert stored[article_id] in allowed, f"article {article_id}: read state lost"
        for article_id, allowed in acknowledged.in_flight.items():
            assert stored[article_id] in allowed
        orphans = connection.execute(
            "SELECT count(*) FROM articles a LEFT JOIN bodies b ON b.article_id = a.id "
            "WHERE b.article_id IS NULL"
        ).fetchone()[0]
        assert orphans == 0, "an article was committed without its body"
    finally:
        connection.close()


@pytest.mark.slow
def test_sigkill_during_import_and_marking_read_loses_nothing_acknowledged(
    tmp_path: Path,
) -> None:
    folders = write_folders(tmp_path / "articles")
    database = tmp_path / "data" / "newsreader.sqlite3"
    database.parent.mkdir()
    Store(database).close()
    driver = [sys.executable, "-m", "tests.drivers.crash_writer"]
    chooser = random.Random(20260601)
    acknowledged = Acknowledged()
    for kill in range(KILLS):
        # Imports first, so that later rounds have articles to mark read; then alternate.
        importing = kill < KILLS // 3 or kill % 2 == 0
        if importing:
            waiting = [f for f in folders if f"local:{f.name}" not in acknowledged.imported]
            order = chooser.sample(waiting, len(waiting))
            command = [*driver, "import", str(database), *map(str, order)]
            acks = chooser.randint(0, 3)
        else:
            value = "1" if kill % 4 == 1 else "0"
            command = [*driver, "mark", str(database), str(kill), value]
            acks = chooser.randint(1, 2000)
        run_until_killed(command, acks, chooser.uniform(0, 0.05), acknowledged)
        check_database(database, acknowledged)
    assert acknowledged.imported, "no import was acknowledged before a kill: kills too early"
    assert acknowledged.acknowledged_reads, "no read mark was acknowledged before a kill"
    # After all the kills, the same store still takes a whole import.
    finish = subprocess.run(
        [*driver, "import", str(database), *map(str, folders)], cwd=REPO, capture_output=True
    )
    assert finish.returncode == 0, finish.stderr.decode()
    for line in finish.stdout.decode().splitlines():
        record(line, acknowledged)
    check_database(database, acknowledged)
    assert len(acknowledged.imported) == FOLDERS
