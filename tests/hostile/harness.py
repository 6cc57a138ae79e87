"""Run a hostile case in a fresh process under time and memory bounds, and return its result.

A case is a function in a module under `tests/hostile` that takes JSON-able keywords and
returns a JSON-able result; `run_case` runs it through `tests.hostile.driver` with its own data,
config and log folders and the time zone asked for, and fails the test when the process
overruns the deadline, grows past the memory bound, or ends with a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
MAX_SECONDS = 15.0
MAX_EXTRA_MIB = 64.0
EAST_AND_WEST = ("Asia/Tokyo", "America/Los_Angeles")
"""Time zones east and west of UTC, for every case that shows a date."""


@dataclass(frozen=True)
class CaseRun:
    """What one case returned, and what it cost."""

    result: Any
    seconds: float
    extra_mib: float
    stderr: str


def case_environment(home: Path, tz: str | None = None) -> dict[str, str]:
    """The environment a case runs in: its own folders under `home`, and `tz` if given."""
    environment = dict(os.environ)
    environment |= {
        "HOME": str(home),
        "NEWSREADER_DATA_DIR": str(home / "data"),
        "NEWSREADER_CONFIG_DIR": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "NEWSREADER_LOG_DIR": str(home / "log"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "PYTHONPATH": str(REPO),
        "PYTHONUNBUFFERED": "1",
    }
    if tz is not None:
        environment["TZ"] = tz
    return environment


def run_case(
    target: str,
    home: Path,
    *,
    tz: str | None = None,
    max_seconds: float = MAX_SECONDS,
    max_extra_mib: float = MAX_EXTRA_MIB,
    **keywords: Any,
) -> CaseRun:
    """Run `module:function` with `keywords` in a subprocess and check the shared bounds.

    Args:
        target: The case as `module:function`; a module without a package is taken from
            `tests.hostile` (`cases_links:open_links`).
        home: A folder for the case's data, config and logs.
        tz: The TZ environment value (None: inherited).
        max_seconds: Deadline for the case itself (the process gets a little more to start).
        max_extra_mib: Peak resident memory allowed above the baseline after imports.
        keywords: Passed to the case function (JSON-able).

    Returns:
        The case's result with its time and memory figures.
    """
    module = target if target.startswith("tests.") else f"tests.hostile.{target}"
    completed = subprocess.run(
        [sys.executable, "-m", "tests.hostile.driver", module, json.dumps(keywords)],
        cwd=REPO,
        env=case_environment(home, tz),
        capture_output=True,
        timeout=max_seconds + 20,
    )
    stdout = completed.stdout.decode("utf-8", "replace")
    stderr = completed.stderr.decode("utf-8", "replace")
    assert completed.returncode == 0, stderr[-3000:]
    report = json.loads(stdout.splitlines()[-1])
    run = CaseRun(report["result"], report["seconds"], report["extra_mib"], stderr)
    assert run.seconds <= max_seconds, f"{target} took {run.seconds:.1f} s"
    assert run.extra_mib <= max_extra_mib, f"{target} grew {run.extra_mib:.0f} MiB"
    assert "Traceback" not in stderr, stderr[-3000:]
    return run
