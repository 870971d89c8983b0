"""Date resolution: header and export dates, dateline dates with an inferred year."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsquotes.dates import (
    infer_year,
    month_number,
    parse_timestamp,
    resolve_dateline_date,
)


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("January", 1),
        ("Jan.", 1),
        ("SEPT", 9),
        ("Sept.", 9),
        ("sep", 9),
        ("december", 12),
        ("Foo", None),
    ],
)
def test_month_number(name: str, number: int | None) -> None:
    assert month_number(name) == number


@pytest.mark.parametrize(
    ("value", "date", "at", "zone"),
    [
        ("2018-01-15", dt.date(2018, 1, 15), None, None),
        ("2024-12-26 14:05:00", dt.date(2024, 12, 26), dt.datetime(2024, 12, 26, 14, 5), None),
        ("2024-12-26T23:30:00+03:00", dt.date(2024, 12, 26), None, "+03:00"),
        ("2024-12-26T10:00:00Z", dt.date(2024, 12, 26), None, "UTC"),
        ("Thu, 26 Dec 2024 10:00:00 -0500", dt.date(2024, 12, 26), None, "-05:00"),
        ("26 December 2024", dt.date(2024, 12, 26), dt.datetime(2024, 12, 26), None),
    ],
    ids=["iso-date", "naive-datetime", "offset", "zulu", "rfc-2822", "written-out"],
)
def test_parse_timestamp(
    value: str, date: dt.date, at: dt.datetime | None, zone: str | None
) -> None:
    stamp = parse_timestamp(value)
    assert stamp is not None
    assert stamp.date == date
    assert stamp.timezone == zone
    if at is not None:
        assert stamp.at == at
    if len(value) == 10:
        assert stamp.at is None  # a bare date has no time


@pytest.mark.parametrize(
    "value",
    ["", "   ", "not a date", "December 26", "2024-02-30", "12:30"],
    ids=["empty", "blank", "words", "no-year", "impossible-day", "time-only"],
)
def test_parse_timestamp_rejects_incomplete_dates(value: str) -> None:
    assert parse_timestamp(value) is None


@pytest.mark.parametrize(
    ("month", "day", "reference", "expected"),
    [
        (1, 15, dt.date(2018, 1, 15), dt.date(2018, 1, 15)),
        (12, 31, dt.date(2025, 1, 1), dt.date(2024, 12, 31)),  # filed after New Year
        (1, 1, dt.date(2024, 12, 31), dt.date(2025, 1, 1)),  # dated ahead of the reference
        (2, 29, dt.date(2024, 3, 1), dt.date(2024, 2, 29)),
        (2, 29, dt.date(2023, 3, 1), dt.date(2024, 2, 29)),  # the nearest leap day
        (2, 30, dt.date(2024, 3, 1), None),
    ],
    ids=[
        "same-day",
        "dec-jan-rollover",
        "jan-dec-rollover",
        "leap-day",
        "nearest-leap-day",
        "no-such-day",
    ],
)
def test_infer_year(month: int, day: int, reference: dt.date, expected: dt.date | None) -> None:
    assert infer_year(month, day, reference) == expected


def test_resolve_dateline_date_prefers_written_year() -> None:
    assert resolve_dateline_date(4, 1, 1997, dt.date(2020, 1, 1)) == dt.date(1997, 4, 1)
    assert resolve_dateline_date(4, 1, None, dt.date(1997, 4, 2)) == dt.date(1997, 4, 1)
    assert resolve_dateline_date(4, 1, None, None) is None  # no year, no reference: unknown
    assert resolve_dateline_date(None, None, None, dt.date(1997, 4, 2)) is None


dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@given(date=dates, offset=st.integers(min_value=-182, max_value=182))
def test_dateline_date_round_trips_from_any_nearby_reference(date: dt.date, offset: int) -> None:
    """Month and day alone give back the date for any reference within half a year of it."""
    reference = date + dt.timedelta(days=offset)
    assert infer_year(date.month, date.day, reference) == date


@given(reference=dates, month=st.integers(1, 12), day=st.integers(1, 31))
def test_inferred_date_is_the_nearest_one(reference: dt.date, month: int, day: int) -> None:
    found = infer_year(month, day, reference)
    if found is None:
        # no such day, or a leap day with no leap year within a year of the reference
        assert (month, day) in {(2, 29), (2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31)}
        return
    assert (found.month, found.day) == (month, day)
    assert abs((found - reference).days) <= 366 + 183
    for year in (found.year - 1, found.year + 1):
        try:
            other = dt.date(year, month, day)
        except ValueError:
            continue
        assert abs((found - reference).days) <= abs((other - reference).days)


@given(date=dates)
def test_iso_header_dates_round_trip(date: dt.date) -> None:
    stamp = parse_timestamp(date.isoformat())
    assert stamp is not None and stamp.date == date
