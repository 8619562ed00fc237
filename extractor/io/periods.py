"""Periods as dates a chart can place: the first and last day of a TIMEX-style period.

    bounds("2023")               -> (2023-01-01, 2023-12-31)
    bounds("2024-H1")            -> (2024-01-01, 2024-06-30)
    bounds("2024-01..2024-08")   -> (2024-01-01, 2024-08-31)
    bounds("XXXX-02")            -> None   (a month of an unknown year)

The values are those the facts and dates stages write (`extractor/entities/dates/`): a year,
a month, a day, an ISO week (W01–W53), a quarter (Q1–Q4), a half-year (H1, H2), a season (SP, SU, FA, WI; winter
runs into the next year), a decade (199X, 199) or a range of two of them (`a..b`).
Anything else — unresolved years, PAST_REF and other references — has no bounds.

`iso_bounds` gives the same as ISO 8601 strings (a record's `period_start`/`period_end`);
`publication_date` reads a document's date ("2024-09-25", or "2024" when only the year is
known) as a day and its precision (`records.DATE_PRECISIONS`): a year is its January 1.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

_PART = re.compile(
    r"(?P<year>\d{4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|Q(?P<quarter>[1-4])|H(?P<half>[12])|W(?P<week>\d{2})|(?P<season>SP|SU|FA|WI)))?$"
)
_DECADE = re.compile(r"(?P<decade>\d{3})X?$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # winter: December to February


def _month_end(year: int, month: int) -> dt.date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _part(value: str) -> tuple[dt.date, dt.date] | None:
    try:
        return _span(value)
    except ValueError:  # off the calendar: year 0, a winter of 9999
        return None


def _span(value: str) -> tuple[dt.date, dt.date] | None:
    decade = _DECADE.match(value)
    if decade:
        first = int(decade["decade"]) * 10
        return dt.date(first, 1, 1), dt.date(first + 9, 12, 31)
    m = _PART.match(value)
    if m is None:
        return None
    year = int(m["year"])
    try:
        if m["day"]:
            day = dt.date(year, int(m["month"]), int(m["day"]))
            return day, day
        if m["month"]:
            return dt.date(year, int(m["month"]), 1), _month_end(year, int(m["month"]))
    except ValueError:  # a month or day off the calendar
        return None
    if m["week"]:
        try:
            monday = dt.date.fromisocalendar(year, int(m["week"]), 1)
        except ValueError:
            return None
        return monday, monday + dt.timedelta(days=6)
    if m["quarter"]:
        first = 3 * int(m["quarter"]) - 2
        return dt.date(year, first, 1), _month_end(year, first + 2)
    if m["half"]:
        first = 6 * int(m["half"]) - 5
        return dt.date(year, first, 1), _month_end(year, first + 5)
    if m["season"]:
        first, last = _SEASON_MONTHS[m["season"]]
        return dt.date(year, first, 1), _month_end(year, last)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def bounds(period: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and the last day of a period, or None when it names no stretch of time."""
    if not period:
        return None
    first, _, last = period.partition("..")
    start, end = _part(first), _part(last or first)
    if start is None or end is None or end[1] < start[0]:
        return None
    return start[0], end[1]


def iso_bounds(period: str | None) -> tuple[str | None, str | None]:
    """`bounds` as ISO 8601 strings, as a record holds them: (None, None) when there are none."""
    found = bounds(period)
    return (found[0].isoformat(), found[1].isoformat()) if found else (None, None)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"\d{4}$")


def publication_date(value: str | None) -> tuple[dt.date | None, str | None]:
    """A document's date (YYYY-MM-DD, or YYYY) as a day and its precision, "day" or "year"
    (a year alone: its January 1); (None, None) for no date or one of neither form."""
    try:
        if value and _DAY.match(value):
            return dt.date.fromisoformat(value), "day"
        if value and _YEAR.match(value):
            return dt.date(int(value), 1, 1), "year"
    except ValueError:  # off the calendar, or year 0
        pass
    return None, None
