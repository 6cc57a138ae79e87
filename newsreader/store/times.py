"""Reading stored times back: whatever a column holds, a datetime every time zone can show."""

from __future__ import annotations

from datetime import UTC, datetime

EARLIEST_SECONDS = int(datetime(1, 1, 2, tzinfo=UTC).timestamp())
LATEST_SECONDS = int(datetime(9999, 12, 30, 23, 59, 59, tzinfo=UTC).timestamp())
"""Stored times are read within years 1-9999 with a day to spare, so converting one to any
local time zone can never overflow."""


def stored_datetime(seconds: object) -> datetime | None:
    """An aware UTC datetime from stored unix seconds, clamped to what every time zone can show.

    Whatever is stored (year 9999, year 1, a float, text), this never raises: a value that is
    not a number reads as None.
    """
    if seconds is None:
        return None
    try:
        value = int(seconds)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return None
    return datetime.fromtimestamp(min(max(value, EARLIEST_SECONDS), LATEST_SECONDS), UTC)
