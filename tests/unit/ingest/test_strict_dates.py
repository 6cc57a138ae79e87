"""Dates in the two forms feeds nearly always write are read directly (`_strict`); every such
date, and every near miss, must get the answer the general path gives."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from newsreader.ingest.dates import _general, _strict, parse_date

DAYS = ["Mon, ", "Sun, ", "Fri, ", "", "Xyz, ", "mon, ", "Monday, "]
MONTHS = ["Jan", "Feb", "Sep", "Dec", "sep", "Foo"]
ZONES = ["+0000", "-0000", "+0530", "-0800", "+1400", "+2400", "-0061", "GMT", "UT", "UTC",
         "Z", "EST", "CEST", "+05:30", "+05", ""]  # fmt: skip


def rfc822_dates(count: int) -> list[str]:
    rng = random.Random(11)
    found = []
    for _ in range(count):
        day = rng.choice([1, 9, 28, 29, 30, 31, 0, 32])
        width = rng.choice(["", "02"])
        year = rng.choice([1969, 1970, 2001, 2026, 2099, 2100, 26, 99999])
        hour, minute = rng.choice([0, 9, 23, 24]), rng.choice([0, 30, 59, 60])
        second = rng.choice(["", ":00", ":59", ":60", ":7"])
        date = (
            f"{rng.choice(DAYS)}{day:{width}d} {rng.choice(MONTHS)} {year} "
            f"{hour:02d}:{minute:02d}{second} {rng.choice(ZONES)}"
        )
        found.append(date.strip() if rng.random() < 0.9 else f"  {date}\n")
    return found


def iso_dates(count: int) -> list[str]:
    rng = random.Random(12)
    found = []
    for _ in range(count):
        year, month, day = (
            rng.choice([1969, 2026, 2100]),
            rng.choice([1, 2, 12, 13]),
            rng.choice([1, 28, 29, 30, 31]),
        )
        time = rng.choice(["T10:20", "T10:20:30", "T23:59:59.5", "T10:20:30.123456", "T24:00:00",
                           " 10:20:30", "T10:20:30.1234567"])  # fmt: skip
        zone = rng.choice(["Z", "z", "+00:00", "-05:00", "+14:00", "+0100", "", "+25:00"])
        found.append(f"{year:04d}-{month:02d}-{day:02d}{time}{zone}")
    return found


def test_strict_dates_read_as_the_general_path_reads_them() -> None:
    strict_read = 0
    for date in rfc822_dates(20_000) + iso_dates(5_000):
        strict = _strict(date.strip())
        if strict is not None:
            strict_read += 1
            assert strict == _general(date), date
        assert parse_date(date) == _general(date), date
    assert strict_read > 500  # the shortcut is taken, not only its refusals checked


def test_common_feed_dates() -> None:
    assert parse_date("Mon, 01 Sep 2026 00:00:00 +0000") == datetime(2026, 9, 1, tzinfo=UTC)
    assert parse_date("1 Sep 2026 10:30 -0230") == datetime(2026, 9, 1, 13, 0, tzinfo=UTC)
    assert parse_date("2026-09-01T10:00:00+02:00") == datetime(2026, 9, 1, 8, tzinfo=UTC)
    assert parse_date("Thu, 01 Jan 2026 00:30:00 +0100") == datetime(
        2025, 12, 31, 23, 30, tzinfo=UTC
    )
    assert parse_date("Fri, 31 Feb 2026 00:00:00 GMT") is None
    assert parse_date("Fri, 01 Feb 2100 00:00:00 GMT") is None
