"""Kind 9: a database that cannot be opened is described by its real cause, and only a damaged
one is called damaged (the advice to move it aside is for that case alone)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.store import Store
from tests.hostile.harness import run_case

DAMAGED = "Move it aside"


def make_database(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "newsreader.sqlite3"
    store = Store(database)
    store.add_subscription("https://example.org/f", title="F", location="x", kind="feed")
    store.close()
    return database


def shared_folder(tmp_path: Path) -> Path:
    """A folder `nobody` can reach (pytest's own are private to root)."""
    folder = Path("/tmp") / f"nr-hostile-{os.getpid()}-{tmp_path.name}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    return folder


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs (root only)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "mnt"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)]).returncode:
        pytest.skip("mount -t tmpfs failed (no CAP_SYS_ADMIN here?)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_issue_instance_read_only_file_system(tmp_path: Path, mounted: Path) -> None:
    database = make_database(mounted / "data")
    subprocess.run(["mount", "-o", "remount,ro", str(mounted)], check=True)
    run = run_case("cases_store:feeds_with", tmp_path, data_dir=str(database.parent))
    err = run.result["err"]
    assert run.result["code"] == 1 and "read-only file system" in err
    assert DAMAGED not in err and "damaged" not in err


def test_issue_instance_disk_full(tmp_path: Path, mounted: Path) -> None:
    descriptor = os.open(mounted / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(descriptor, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(descriptor)
    run = run_case("cases_store:feeds_with", tmp_path, data_dir=str(mounted / "data"))
    assert "disk is full" in run.result["err"] and DAMAGED not in run.result["err"]


@pytest.mark.skipif(os.geteuid() != 0, reason="switching to the nobody user needs root")
def test_sibling_read_only_file_and_folder_as_an_ordinary_user(tmp_path: Path) -> None:
    folder = shared_folder(tmp_path)
    try:
        database = make_database(folder / "file")
        for path in database.parent.iterdir():
            path.chmod(0o444)
        database.parent.chmod(0o777)
        run = run_case(
            "cases_store:feeds_with", tmp_path, data_dir=str(database.parent), as_nobody=True
        )
        assert run.result["code"] == 0, run.result["err"]  # reading a read-only file works
        run = run_case(
            "cases_store:feeds_with",
            tmp_path,
            data_dir=str(database.parent),
            as_nobody=True,
            add=True,
        )
        assert "read-only" in run.result["err"] and DAMAGED not in run.result["err"]
        database = make_database(folder / "dir")
        for path in database.parent.iterdir():
            path.chmod(0o666)
        (database.parent / "newsreader.sqlite3-wal").unlink(missing_ok=True)
        database.parent.chmod(0o555)
        run = run_case(
            "cases_store:feeds_with", tmp_path, data_dir=str(database.parent), as_nobody=True
        )
        err = run.result["err"]
        assert ("read-only" in err or run.result["code"] == 0) and DAMAGED not in err
    finally:
        subprocess.run(["chmod", "-R", "u+rwx", str(folder)], check=False)
        shutil.rmtree(folder, ignore_errors=True)


def test_sibling_a_deleted_wal_is_not_damage(tmp_path: Path) -> None:
    database = make_database(tmp_path / "data")
    holder = sqlite3.connect(database)  # keeps the -wal and -shm files in place
    holder.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal",):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    run = run_case("cases_store:feeds_with", tmp_path, data_dir=str(database.parent))
    holder.close()
    assert run.result["code"] == 0, run.result["err"]
    assert "https://example.org/f" in run.result["out"] or "F" in run.result["out"]


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_only_a_damaged_file_is_called_damaged(tmp_path: Path, damage: str) -> None:
    database = make_database(tmp_path / "data")
    if damage == "garbage":
        database.write_bytes(b"this is not a database at all" * 100)
    else:
        data = database.read_bytes()
        database.write_bytes(data[:100] + b"\xff" * (len(data) - 100))
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    run = run_case("cases_store:feeds_with", tmp_path, data_dir=str(database.parent))
    assert run.result["code"] == 1 and DAMAGED in run.result["err"]
