"""Kind 3 at the last step: the bytes the real command writes to a terminal.

A folder holds files whose names carry a window-title sequence (`ESC ] 2 ; … BEL`), an icon
title, an 8-bit OSC and a name that is not UTF-8; none may load, so each is named in a
"Skipped" notification. The terminal must never receive the sequences' payloads.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from tests.hostile.articles import seed_folder
from tests.hostile.harness import REPO, case_environment

PAYLOADS = (b"TITLEPWN", b"ICONPWN", b"C1PWN")
"""Text inside the OSC sequences: dropped with them, never written."""


def read_for(master: int, seconds: float) -> bytes:
    """Everything the child writes during `seconds`."""
    collected = bytearray()
    deadline = time.monotonic() + seconds
    while (remaining := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([master], [], [], remaining)
        if ready:
            try:
                collected += os.read(master, 65536)
            except OSError:
                break
    return bytes(collected)


def test_file_names_never_retitle_or_clear_the_terminal(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path, ["bridge"])
    for name in ("title\x1b]2;TITLEPWN\x07", "icon\x1b]1;ICONPWN\x1b\\", "c1\x9d2;C1PWN\x9c"):
        (folder / f"{name}.json").write_text("{ broken", "utf-8")
    (Path(os.fsdecode(bytes(folder) + b"/latin1-\xe9.json"))).write_text("{")
    environment = case_environment(tmp_path / "home") | {"TERM": "xterm-256color"}
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 140, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "newsreader", str(folder)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=environment,
        cwd=REPO,
        start_new_session=True,
    )
    os.close(slave)
    try:
        output = read_for(master, 4.0)
        assert process.poll() is None, output[-2000:]
        os.write(master, b"q")
        output += read_for(master, 2.0)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        os.close(master)
    assert b"Skipped" in output, "the notifications were never drawn"
    for payload in PAYLOADS:
        assert payload not in output
