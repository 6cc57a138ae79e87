"""A real, throwaway FreshRSS server for the sync tests (../shared/servers/freshrss).

One server per test session (started in about a second); each test gets its own FreshRSS user
(`new_account`), so tests never see each other's subscriptions. The source tarball is unpacked
once into a temporary folder. Tests skip, saying why, only when PHP or the FreshRSS source is
missing (CI installs PHP; a run without ../shared has no source).
"""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import subprocess
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import SHARED

SERVER_DIR = SHARED / "servers" / "freshrss"
START_SCRIPT = SERVER_DIR / "start-freshrss.sh"
_counter = itertools.count(1)


@dataclass
class FreshRSS:
    """A running instance."""

    port: int
    pid: int
    datadir: Path

    @property
    def api_url(self) -> str:
        """The Google Reader API's base URL."""
        return f"http://127.0.0.1:{self.port}/api/greader.php"

    def cli(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        """Run one of FreshRSS's cli/ scripts against this instance."""
        return subprocess.run(
            [str(self.datadir / "cli.sh"), *arguments],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    def new_account(self, password: str = "sync-pass-123") -> tuple[str, str]:
        """A fresh user with API access: (username, password)."""
        username = f"u{os.getpid()}x{next(_counter)}"
        done = self.cli(
            "create-user.php",
            "--user",
            username,
            "--password",
            password,
            "--api-password",
            password,
            "--feed-ttl-default",
            "1",
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return username, password

    def set_api_password(self, username: str, password: str) -> None:
        """Change a user's API password (its old sessions stop working)."""
        done = self.cli("update-user.php", "--user", username, "--api-password", password)
        assert done.returncode == 0, done.stdout + done.stderr

    def refresh(self, username: str) -> None:
        """Fetch every feed of the user now (FreshRSS's own actualize, cache bypassed)."""
        subprocess.run(
            [str(self.datadir / "refresh.sh"), username],
            capture_output=True,
            timeout=120,
            check=False,
        )

    def stop(self) -> None:
        """Stop the server (its data stays until `remove`)."""
        try:
            os.killpg(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _alive(self.pid):
            time.sleep(0.05)

    def remove(self) -> None:
        """Stop and delete everything it wrote."""
        self.stop()
        shutil.rmtree(self.datadir, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def unavailable_reason() -> str | None:
    """Why the real server cannot run here, or None when it can."""
    if not START_SCRIPT.exists():
        return f"FreshRSS test server not available ({SERVER_DIR} is missing)"
    if shutil.which("php") is None:
        return "php is not installed (.ci/run installs php-cli and the FreshRSS extensions)"
    if source_tree_hint() is None:
        return f"no FreshRSS source: set FRESHRSS_SRC or put the tarball in {SERVER_DIR}"
    return None


def source_tree_hint() -> Path | None:
    """The FreshRSS source: $FRESHRSS_SRC, else the tarball beside the start script."""
    given = os.environ.get("FRESHRSS_SRC")
    if given and (Path(given) / "cli" / "do-install.php").exists():
        return Path(given)
    tarballs = sorted(SERVER_DIR.glob("freshrss-*.tar.gz"))
    return tarballs[-1] if tarballs else None


def unpacked_source(scratch: Path) -> Path:
    """A FreshRSS source tree to run (the tarball unpacked into `scratch` when needed)."""
    hint = source_tree_hint()
    assert hint is not None
    if hint.is_dir():
        return hint
    with tarfile.open(hint) as archive:
        archive.extractall(scratch, filter="data")
    return scratch / "app"


def start(source: Path, scratch: Path) -> FreshRSS:
    """Start an instance whose data lives under `scratch`."""
    done = subprocess.run(
        [str(START_SCRIPT)],
        env={**os.environ, "FRESHRSS_SRC": str(source), "FRESHRSS_TMP": str(scratch)},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"FreshRSS did not start: {done.stderr[-2000:]}")
    port, pid, datadir = done.stdout.split()
    return FreshRSS(int(port), int(pid), Path(datadir))
