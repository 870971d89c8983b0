"""Date resolution: header dates, export timestamps and dateline month/day with an inferred year.

Everything is a pure function of its arguments: a missing year is inferred from an explicit
reference date, never from the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateutil import parser as dateutil_parser

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

# A timestamp must name a year, so dateutil never fills a missing part from today's date.
_HAS_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# dateutil fills parts the string lacks from this default; a fixed value keeps it deterministic.
_DEFAULT = dt.datetime(2000, 1, 1)


@dataclass(frozen=True, slots=True)
class Timestamp:
    """A parsed date, with its time and time zone when the source gave them."""

    date: dt.date
    at: dt.datetime | None = None  # None when the source gave a date only
    timezone: str | None = None  # UTC offset such as '+03:00', or 'UTC'; None when unknown


def month_number(name: str) -> int | None:
    """``'Sept.'``, ``'SEPTEMBER'``, ``'sep'`` -> 9; None for anything else."""
    return MONTHS.get(name.rstrip(".").lower())


@lru_cache(maxsize=4096)  # pure, and a dump repeats the same few header dates
def parse_timestamp(value: str) -> Timestamp | None:
    """Parse a header or export date: ISO date, ISO datetime, or a dated string dateutil reads.

    Returns None for a value that does not name a full date (no year, or not a date at all).
    """
    value = value.strip()
    if not value:
        return None
    if len(value) == 10 and _ISO_DATE.fullmatch(value):
        try:
            return Timestamp(dt.date.fromisoformat(value))
        except ValueError:
            return None
    if not _HAS_YEAR.search(value):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = dateutil_parser.parse(value, default=_DEFAULT)
        except (ValueError, OverflowError):
            return None
    return Timestamp(parsed.date(), parsed, _zone_name(parsed))


def _zone_name(moment: dt.datetime) -> str | None:
    offset = moment.utcoffset()
    if offset is None:
        return None
    if not offset:
        return "UTC"
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (Feb 30, Feb 29 of a common year)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def infer_year(month: int, day: int, reference: dt.date) -> dt.date | None:
    """The date with this month and day nearest to ``reference`` (Dec/Jan rollover included).

    A dateline ``December 31`` on a story filed 2025-01-01 is 2024-12-31; ``January 1`` on a
    story of 2024-12-31 is 2025-01-01. None when no nearby year has that day (Feb 30).
    """
    best: dt.date | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        candidate = safe_date(year, month, day) if dt.MINYEAR <= year <= dt.MAXYEAR else None
        if candidate is not None and (
            best is None or abs((candidate - reference).days) < abs((best - reference).days)
        ):
            best = candidate
    return best


def resolve_dateline_date(
    month: int | None, day: int | None, year: int | None, reference: dt.date | None
) -> dt.date | None:
    """The full date a dateline means: its own year if written, else the one nearest the reference."""
    if month is None or day is None:
        return None
    if year is not None:
        return safe_date(year, month, day)
    if reference is None:
        return None
    return infer_year(month, day, reference)
