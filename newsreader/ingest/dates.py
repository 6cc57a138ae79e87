"""The one date parser: feed, file and page dates all come through `parse_date`.

RFC 822/1123 and ISO 8601 are read exactly; anything else (`5 November 2025 - 09:01`,
`Sun, 15 Dec 2024 03:15 PM`, `Thursday, March 3, 2022 at 5:00 pm ET`) is read by
python-dateutil's parser. What cannot be read for certain is "no date", never a wrong date:

- a text without a day, month and year of its own gives None (nothing is filled in from today);
- a zone abbreviation not in `ZONE_OFFSETS` gives None rather than a time taken as UTC;
- numeric day/month orders that could be either (`05/11/2025`) give None, except with dots
  (`05.11.2025`), which are day-first wherever they are written;
- a moment outside 1970-01-01 .. 2100-01-01 gives None (a year-9999 `pubDate` is a typo or an
  attack, and such values overflow local-time conversion east of UTC).
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime, timedelta, timezone

__all__ = ["EARLIEST", "LATEST", "ZONE_OFFSETS", "clamp_date", "parse_date"]

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)

ZONE_OFFSETS: dict[str, float] = {
    # RFC 822 section 5 and RFC 5322 section 4.3 (obsolete zones).
    "UT": 0,
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    # US forms without standard/daylight, and the other US zones (IANA tz database names).
    "ET": -5,
    "CT": -6,
    "MT": -7,
    "PT": -8,
    "AKST": -9,
    "AKDT": -8,
    "HST": -10,
    "AST": -4,
    "ADT": -3,
    "NST": -3.5,
    "NDT": -2.5,
    # Europe (IANA tz database abbreviations).
    "WET": 0,
    "WEST": 1,
    "BST": 1,
    "IST": 5.5,
    "CET": 1,
    "CEST": 2,
    "MET": 1,
    "MEST": 2,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    # Asia and Oceania (IANA). IST is India's, the commonest use in feeds.
    "PKT": 5,
    "ICT": 7,
    "WIB": 7,
    "HKT": 8,
    "SGT": 8,
    "AWST": 8,
    "PHT": 8,
    "JST": 9,
    "KST": 9,
    "ACST": 9.5,
    "ACDT": 10.5,
    "AEST": 10,
    "AEDT": 11,
    "NZST": 12,
    "NZDT": 13,
    "SAST": 2,
    "WAT": 1,
    "CAT": 2,
    "EAT": 3,
}
"""UTC offsets in hours of the zone abbreviations dates are read with (sources named inline).
An abbreviation missing here makes a date unreadable rather than wrong."""

_ZONES = {name: timezone(timedelta(hours=hours)) for name, hours in ZONE_OFFSETS.items()}
_ZONE_WORD = re.compile(r"(?<![A-Za-z])([A-Z]{2,5})\s*$")
_AMBIGUOUS_NUMERIC = re.compile(r"^\s*(\d{1,2})[/-](\d{1,2})[/-](\d{2,4})\b")
_DOTTED = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_FIRST_DEFAULT = datetime(2001, 1, 1)
_SECOND_DEFAULT = datetime(2002, 2, 2)
MAX_DATE_CHARS = 100


def clamp_date(moment: datetime | None) -> datetime | None:
    """`moment` in UTC when it lies in the sane range, else None."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        moment = moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    return moment if EARLIEST <= moment < LATEST else None


def _iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None


def _rfc822(text: str) -> datetime | None:
    if re.search(r"\b[AaPp]\.?[Mm]\b", text):
        return None  # the email parser drops AM/PM
    # Imported here: `_strict` reads nearly every feed's dates, and the email package costs
    # each process that parses feeds 2 MB.
    from email.utils import parsedate_to_datetime

    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    zone = _ZONE_WORD.search(text)
    if moment.tzinfo is None and zone:
        # The email parser knows only the US zones and leaves others (CEST, JST) naive.
        known = _ZONES.get(zone.group(1))
        return moment.replace(tzinfo=known) if known else None
    return moment


def _zone(name: str | None, offset: int | None) -> timezone | None:
    if offset is not None:
        return timezone(timedelta(seconds=offset))
    return _ZONES.get((name or "").upper())


def _loose(text: str) -> datetime | None:
    """dateutil's reading, only when the text itself gives day, month and year."""
    dayfirst = _DOTTED.match(text) is not None
    ambiguous = _AMBIGUOUS_NUMERIC.match(text)
    if (
        ambiguous
        and int(ambiguous.group(1)) <= 12
        and int(ambiguous.group(2)) <= 12
        and ambiguous.group(1) != ambiguous.group(2)
    ):
        return None
    unknown_zone: list[str] = []

    def zone(name: str | None, offset: int | None) -> timezone | None:
        if name is None and offset is None:
            return None  # dateutil asks even when the text names no zone
        found = _zone(name, offset)
        if found is None:
            unknown_zone.append(name or "")
        return found

    # Imported here: most dates are RFC 822 or ISO 8601, and the store imports this module.
    from dateutil import parser as dateutil_parser

    readings = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for default in (_FIRST_DEFAULT, _SECOND_DEFAULT):
            try:
                readings.append(
                    dateutil_parser.parse(text, default=default, tzinfos=zone, dayfirst=dayfirst)
                )
            except (ValueError, OverflowError, TypeError):
                return None
    first, second = readings
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None
    if unknown_zone or (first.tzinfo is None and _ZONE_WORD.search(text) and _has_zone_word(text)):
        return None
    return first


def _has_zone_word(text: str) -> bool:
    word = _ZONE_WORD.search(text)
    return word is not None and word.group(1) not in ("AM", "PM", *ZONE_OFFSETS)


_COLON_OFFSET = re.compile(r"(?<=\d)\s*([+-])(\d{2}):?(\d{2})$")
_SHORT_OFFSET = re.compile(r"(?<=\d)\s+([+-])(\d{2})$")
_NAMED_OFFSET = re.compile(r"\b(?:GMT|UTC|UT)\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")
_KNOWN_WORDS = frozenset(
    [
        "jan",
        "january",
        "feb",
        "february",
        "mar",
        "march",
        "apr",
        "april",
        "may",
        "jun",
        "june",
        "jul",
        "july",
        "aug",
        "august",
        "sep",
        "sept",
        "september",
        "oct",
        "october",
        "nov",
        "november",
        "dec",
        "december",
        "mon",
        "monday",
        "tue",
        "tues",
        "tuesday",
        "wed",
        "wednesday",
        "thu",
        "thur",
        "thurs",
        "thursday",
        "fri",
        "friday",
        "sat",
        "saturday",
        "sun",
        "sunday",
        "am",
        "pm",
        "a",
        "p",
        "m",
        "t",
        "z",
        "at",
        "on",
        "of",
        "the",
        "st",
        "nd",
        "rd",
        "th",
    ]
)
"""Words a date may hold besides zone names (English month and day names, AM/PM, `at`...)."""


def _normal_offsets(text: str) -> str:
    """`+05:30` -> `+0530`, `+05` -> `+0500`, `GMT+2`/`UTC-05:30` -> `+0200`/`-0530`."""
    named = _NAMED_OFFSET.search(text)
    if named:
        sign, hours, minutes = named.groups()
        return text[: named.start()].rstrip() + f" {sign}{int(hours):02d}{minutes or '00'}"
    colon = _COLON_OFFSET.search(text)
    if colon and not re.search(r"\d{4}-\d{2}-\d{2}T", text):  # ISO keeps its own form
        sign, hours, minutes = colon.groups()
        return text[: colon.start()] + f" {sign}{hours}{minutes}"
    short = _SHORT_OFFSET.search(text)
    if short:
        return text[: short.start()] + f" {short.group(1)}{short.group(2)}00"
    return text


def _unknown_word(text: str) -> bool:
    """Whether the text holds a word that is neither a date word nor a known zone."""
    for word in _WORD.findall(text):
        if word.lower() not in _KNOWN_WORDS and word.upper() not in ZONE_OFFSETS:
            return True
    return False


_MONTHS = {
    name: number
    for number, name in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}
_STRICT_RFC822 = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov"
    r"|Dec) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? (?:([+-])(\d{2})(\d{2})|GMT|UT|UTC|Z)"
)
"""RFC 822 as nearly every RSS feed writes it (RFC 1123 four-digit years, a numeric offset or
GMT): read directly, where the general path below takes ten times as long for the same answer."""
_STRICT_ISO = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})"
)
"""ISO 8601 as Atom requires it (RFC 3339 date-time with a zone)."""


def _strict(text: str) -> datetime | None:
    """`text` read when it is in one of the two forms feeds nearly always use, else None
    (the general path then reads it, or finds it unreadable)."""
    try:
        if rfc822 := _STRICT_RFC822.fullmatch(text):
            day, month, year, hour, minute, second, sign, zone_hours, zone_minutes = rfc822.groups()
            zone = UTC
            if sign is not None and (zone_hours != "00" or zone_minutes != "00"):
                offset = timedelta(hours=int(zone_hours), minutes=int(zone_minutes))
                zone = timezone(-offset if sign == "-" else offset)
            moment = datetime(
                int(year),
                _MONTHS[month],
                int(day),
                int(hour),
                int(minute),
                int(second or 0),
                tzinfo=zone,
            )
            return clamp_date(moment)
        if _STRICT_ISO.fullmatch(text):
            return clamp_date(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:  # 31 February, hour 25, an offset of a day or more
        return None
    return None


def parse_date(text: object) -> datetime | None:
    """Read a publication date from a feed, file or page.

    Args:
        text: The date as written (anything that is not a string gives None).

    Returns:
        An aware UTC datetime, or None when the text gives no date for certain (see the
        module docstring); a time without a zone is taken as UTC.
    """
    if not isinstance(text, str):
        return None
    strict = _strict(text.strip())
    return strict if strict is not None else _general(text)


def _general(text: str) -> datetime | None:
    """`parse_date` for every form: the reference `_strict` gives the same answers as."""
    text = _normal_offsets(" ".join(text.split())[:MAX_DATE_CHARS])
    if not text or not any(character.isdigit() for character in text):
        return None
    if _unknown_word(text):
        return None  # a zone or word no parser here reads for certain: "no date"
    moment = _iso(text) or _rfc822(text) or _loose(text)
    if moment is None:
        return None
    years = {int(year) for year in _YEAR.findall(text)}
    if years and moment.year not in years:
        return None  # both parsers read a year written 0001 as 2001
    return clamp_date(moment)
