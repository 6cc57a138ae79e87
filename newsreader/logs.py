"""The log file: exceptions caught per source or per write go here, with their tracebacks.

`setup_logging()` is called by the command line and the app at start. The file
(`newsreader.log` under `platformdirs.user_log_dir("newsreader")`, or `NEWSREADER_LOG_DIR`)
is created on the first record, so a run that logs nothing leaves nothing behind, and a log
folder that cannot be written never stops the reader. `newsreader --verbose` also prints the
records, debug ones too, on stderr.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TextIO

import platformdirs

from newsreader.paths import APP_NAME

LOG_NAME = "newsreader.log"
MAX_LOG_BYTES = 1_000_000
"""Past this size the log is started again (the old one kept as `.1`), so it never grows."""
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_path() -> Path:
    """Where the log file goes (not created here)."""
    override = os.environ.get("NEWSREADER_LOG_DIR")
    folder = Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME))
    return folder / LOG_NAME


class _LazyFileHandler(logging.Handler):
    """Opens (and makes the folder for) the log file on the first record; never raises."""

    def __init__(self, path: Path) -> None:
        super().__init__(logging.INFO)
        self.path = path
        self._inner: logging.Handler | None = None
        self._broken = False

    def emit(self, record: logging.LogRecord) -> None:
        if self._broken:
            return
        try:
            if self._inner is None:
                from logging.handlers import RotatingFileHandler

                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._inner = RotatingFileHandler(
                    self.path, maxBytes=MAX_LOG_BYTES, backupCount=1, encoding="utf-8"
                )
                self._inner.setFormatter(logging.Formatter(_FORMAT))
            self._inner.emit(record)
        except (OSError, ValueError):
            self._broken = True  # a full disk or a read-only home must not end the reader

    def close(self) -> None:
        if self._inner is not None:
            self._inner.close()
        super().close()


class _StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to whatever `sys.stderr` is when the record comes (the app captures it)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter("newsreader: %(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr  # not the terminal the app is drawing on, while it runs
        super().emit(record)


def setup_logging(*, verbose: bool = False) -> Path:
    """Send newsreader's log records to the log file (once per process).

    Args:
        verbose: also print every record, from debug up, on stderr.

    Returns:
        The log file's path, for messages that point at it.
    """
    logger = logging.getLogger(APP_NAME)
    path = log_path()
    if not any(isinstance(handler, _LazyFileHandler) for handler in logger.handlers):
        logger.addHandler(_LazyFileHandler(path))
        logger.setLevel(logging.INFO)
        logger.propagate = False
    if verbose and not any(isinstance(handler, _StderrHandler) for handler in logger.handlers):
        logger.addHandler(_StderrHandler())
        logger.setLevel(logging.DEBUG)
    return path
