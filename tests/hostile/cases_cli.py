"""Cases through the command line, in-process: each command's exit code, stdout and stderr."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import time
from pathlib import Path
from typing import Any

import newsreader.sources.refresh
import newsreader.store
from newsreader.cli import build_parser, main
from newsreader.config import load_config

# The commands import these lazily; importing them here keeps import costs out of the memory
# a case is measured for.
PRELOADED = (newsreader.sources.refresh, newsreader.store, build_parser())


def cli(commands: list[list[str]]) -> list[dict[str, Any]]:
    """Run `newsreader ARGS` for each command in turn; report what each printed."""
    reports = []
    for arguments in commands:
        out, err = io.StringIO(), io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(arguments)
            except SystemExit as exit_:
                code = int(exit_.code or 0)
        reports.append(
            {
                "code": code,
                "out": out.getvalue(),
                "err": err.getvalue(),
                "seconds": time.perf_counter() - start,
            }
        )
    return reports


def config(path: str) -> dict[str, Any]:
    """Load a config file; report the settings, the warnings and the time it took."""
    start = time.perf_counter()
    loaded, warnings = load_config(Path(path))
    return {
        "seconds": time.perf_counter() - start,
        "config": dataclasses.asdict(loaded),
        "warnings": warnings,
    }
