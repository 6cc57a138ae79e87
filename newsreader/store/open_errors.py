"""Why a database could not be opened, in words that lead to the right fix.

Only a file that is not a database, or fails `PRAGMA integrity_check`, is called damaged; a
read-only file or folder, a full disk, a lock held by another program or a missing `-wal` file
are named as what they are, and the advice never risks the data ("move it aside" is kept for a
damaged file).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from newsreader.links import display_text

_LEFT_ALONE = "it was left untouched"


def describe_open_error(target: str, error: sqlite3.Error) -> str:
    """One message naming the real cause of `error` while opening the database at `target`."""
    text = str(error).lower()
    path = Path(target)
    shown = display_text(target)
    if "full" in text or _no_space_left(path.parent):
        return f"{shown}: the disk is full; free some space and start again ({_LEFT_ALONE})"
    if "locked" in text or "busy" in text:
        return (
            f"{shown}: another program holds the database locked; close it (or wait for it) "
            f"and start again ({_LEFT_ALONE})"
        )
    permission = _permission_problem(path)
    if permission is not None:
        return f"{shown}: {permission} ({_LEFT_ALONE})"
    if "not a database" in text or "malformed" in text or not _passes_integrity_check(target):
        return (
            f"{shown}: damaged or not a newsreader database ({display_text(str(error))}); "
            f"{_LEFT_ALONE}. Move it aside to start afresh."
        )
    return f"{shown}: cannot open the database ({display_text(str(error))}); {_LEFT_ALONE}"


def _permission_problem(path: Path) -> str | None:
    """What in the file system stops SQLite from writing here, if anything."""
    folder = path.parent
    if not folder.exists():
        return f"its folder {display_text(str(folder))} does not exist"
    if _read_only_file_system(folder):
        return (
            f"{display_text(str(folder))} is on a read-only file system; newsreader needs to "
            "write there (the database and its -wal and -shm files)"
        )
    if path.exists() and not os.access(path, os.R_OK):
        return "the file cannot be read (permissions); fix them with chmod"
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only; make it writable (chmod u+w) to use it"
    if not os.access(folder, os.W_OK):
        return (
            f"its folder {display_text(str(folder))} is read-only; newsreader needs to write "
            "there (the database and its -wal and -shm files)"
        )
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists() and not os.access(companion, os.W_OK):
            return f"{display_text(companion.name)} is read-only; make it writable to use it"
    return None


def _read_only_file_system(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _no_space_left(folder: Path) -> bool:
    """Whether the file system holding `folder` has no free blocks (SQLite then reports only
    "disk I/O error" while making its -shm file)."""
    try:
        stats = os.statvfs(folder)
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < 64 * 1024


def _passes_integrity_check(target: str) -> bool:
    """Whether SQLite, opened read-only, finds the file sound (True when it cannot tell)."""
    if not Path(target).is_file():
        return True
    try:
        connection = sqlite3.connect(f"file:{target}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return True
    try:
        row = connection.execute("PRAGMA integrity_check(1)").fetchone()
        return bool(row) and row[0] == "ok"
    except sqlite3.DatabaseError as error:
        return "not a database" not in str(error) and "malformed" not in str(error)
    finally:
        connection.close()
