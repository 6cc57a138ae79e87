"""The clock the reader shows times against, injected so tests and snapshots get a fixed one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
"""Returns the current time (aware)."""


def utc_now() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)
