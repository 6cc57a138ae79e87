"""Run a real terminal program in a pseudo-terminal and watch what it draws."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Mapping, Sequence
from types import TracebackType


class TerminalSession:
    """A child process on a pty of a fixed size, with its output collected as it arrives."""

    def __init__(
        self,
        command: Sequence[str],
        *,
        env: Mapping[str, str],
        columns: int = 120,
        lines: int = 40,
    ) -> None:
        """Start `command` on a new pty of `columns` x `lines`."""
        self.output = bytearray()
        self.started = time.perf_counter()
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        self._master = master
        self.process = subprocess.Popen(
            list(command),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**env, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(lines)},
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)

    def pump(self, timeout: float) -> bool:
        """Read whatever the child wrote within `timeout` seconds; False once it has closed."""
        ready, _, _ = select.select([self._master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self._master, 65536)
        except OSError:
            return False
        self.output.extend(chunk)
        return bool(chunk)

    def wait_for(self, pattern: bytes, *, since: int = 0, timeout: float = 30.0) -> float | None:
        """Seconds (from now) until `pattern` appears in the output after offset `since`.

        Returns:
            The time taken, or None on timeout or when the child exits first.
        """
        start = time.perf_counter()
        search = re.compile(re.escape(pattern))
        while not search.search(self.output, max(0, since - len(pattern))):
            if time.perf_counter() - start > timeout or not self.pump(0.05):
                return None
        return time.perf_counter() - start

    def send(self, keys: bytes) -> int:
        """Type `keys`; returns the output offset before they were sent."""
        mark = len(self.output)
        view = memoryview(keys)
        while view:
            self.pump(0)
            written = os.write(self._master, view[:4096])
            view = view[written:]
        return mark

    def peak_rss_mib(self) -> float | None:
        """The child's peak resident memory (VmHWM) in MiB, while it runs."""
        try:
            with open(f"/proc/{self.process.pid}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def close(self, quit_keys: bytes = b"q") -> None:
        """Ask the program to quit, then make sure it is gone."""
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                self.send(quit_keys)
            deadline = time.perf_counter() + 3
            while self.process.poll() is None and time.perf_counter() < deadline:
                self.pump(0.05)
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        os.close(self._master)

    def __enter__(self) -> TerminalSession:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
