"""The date of a document that states none, from its own dates.

The latest year the article states (not after today), with the day and month of
its timestamp line when it has one ("25 сентября 11:25" of an article that speaks
of "первое полугодие 2024 года" was written on 2024-09-25).  A related-news
snippet has its own date: the full date that opens it (`stamp`).
"""
from __future__ import annotations

import datetime as dt
import re

from ...document import Document
from .values import DateMatch

_YEAR = re.compile(r"\d{4}")
_DAY_WITHOUT_YEAR = re.compile(r"XXXX-\d\d-\d\d")
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def infer_date(doc: Document, found: dict[str, list[DateMatch]], today: dt.date) -> int | None:
    """Set doc.date when the article's years and its timestamp give a full date;
    else return the year alone (None when the article states no year)."""
    year = _latest_year(doc, found, today)
    if year is None:
        return None
    day = _stamp_day(doc, found, year)
    if day is not None:
        doc.date = day
        doc.date_source, doc.year = "inferred", year
        return None
    doc.date_source, doc.year = "inferred-year", year
    return year


def _latest_year(doc: Document, found: dict[str, list[DateMatch]], today: dt.date) -> int | None:
    """The latest absolute year of the article, not after `today`."""
    article = [m for b in doc.blocks if b.kind == "article" for m in found[b.id]]
    years = [int(m.value[:4]) for m in article if m.rel is None and _YEAR.match(m.value)]
    years = [y for y in years if y <= today.year]
    return max(years) if years else None


def _stamp_day(doc: Document, found: dict[str, list[DateMatch]], year: int) -> dt.date | None:
    """The day and month of the first meta line date without a year, in `year`."""
    stamps = [m for b in doc.blocks if b.kind == "meta" for m in found[b.id]
              if _DAY_WITHOUT_YEAR.fullmatch(m.value)]
    if not stamps:
        return None
    try:
        return dt.date(year, int(stamps[0].value[5:7]), int(stamps[0].value[8:10]))
    except ValueError:  # "29 февраля" of a year that has none
        return None


def with_year(m: DateMatch, year: int) -> str:
    """A value with its unknown year filled in: absolute dates without a year, and
    year-relative ones ("прошлого года": -1Y)."""
    if m.rel is None:
        return m.value.replace("XXXX", str(year))
    rel = re.fullmatch(r"([+-]\d+)Y", m.rel)
    if rel and m.value == "XXXX":
        return str(year + int(rel.group(1)))
    return m.value


def stamp(matches: list[DateMatch]) -> dt.date | None:
    """The full date that opens a snippet (its publication stamp), if any."""
    if matches and matches[0].start == 0 and _FULL_DATE.fullmatch(matches[0].value):
        return dt.date.fromisoformat(matches[0].value)
    return None
