"""What the date recogniser returns (`DateMatch`), what its rules build (`Candidate`),
and the calendar arithmetic behind TIMEX3 values ("2024-09", "2024-W38", "18")."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from ...grammars import date_words as W
from ...grammars.words import MONTH_ABBREVIATIONS, MONTHS

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
#: the value of a relative date that cannot be resolved, by unit
UNKNOWN: dict[str, str] = {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "D": "XXXX-XX-XX",
                           "WE": "XXXX-WXX-WE"}


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    value: str
    mod: str | None = None  # "START" | "MID" | "END"
    rel: str | None = None  # how a relative value resolves ("-1D", "WD2", "ANAPH+1D")
    prep: str | None = None  # the governing preposition, lower case ("в", "с", "до")


@dataclass
class Candidate:
    """A date found by a rule, before the lists and ranges of the scan join it to its
    neighbours and `Scan.emit` makes it a `DateMatch`."""

    cs: int  # core span
    ce: int
    value: str = ""  # final value, unless `gran` is set
    gran: str | None = None  # "D" / "M": value built from y/m/d at the end
    y: int | None = None
    m: int | None = None
    d: int | None = None
    y_explicit: bool = False
    rel: str | None = None
    lead_start: int = -1
    prep: str | None = None
    mod: str | None = None
    range_start: bool = False  # "с ... по ...": the "с" belongs to the span
    rule: str = ""  # the rule that found it, for `DateRecognizer.debug` only


def roman(s: str) -> int | None:
    """"XIV" -> 14 (Cyrillic Х and І accepted); None unless written canonically."""
    s = s.replace("Х", "X").replace("І", "I")
    total, prev = 0, 0
    for ch in reversed(s):
        v = _ROMAN_VALUES.get(ch)
        if v is None:
            return None
        if v < prev:
            total -= v
        else:
            total += v
            prev = v
    return total if _to_roman(total) == s else None


def _to_roman(n: int) -> str:
    out = []
    for v, r in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out.append(r)
            n -= v
    return "".join(out)


def leading_int(s: str) -> int | None:
    i = 0
    while i < len(s) and s[i].isdigit():
        i += 1
    return int(s[:i]) if i else None


def ordinal(s: str) -> int | None:
    """"первом", "III", "3-й", "1" -> int."""
    low = s.lower()
    if low in W.ORDINALS:
        return W.ORDINALS[low]
    n = leading_int(s)
    if n is not None:
        return n
    return roman(s)


def count(s: str | None) -> int | None:
    """A count word or number (none written: one); None for a vague count ("несколько")."""
    if s is None:
        return 1
    if s.isdigit():
        return int(s)
    return W.NUMBER_WORDS.get(s.lower())


def month_number(word: str) -> int:
    """"сентября", "сент.", "Сент" -> 9."""
    low = word.lower().rstrip(".")
    return MONTHS.get(low) or MONTH_ABBREVIATIONS[low]


def day_ok(y: int | None, mo: int, d: int) -> bool:
    """Whether day `d` exists in month `mo` (of a leap year when the year is unknown)."""
    return 1 <= d <= calendar.monthrange(y if y is not None else 2000, mo)[1]


def fmt(y: int | None, m: int | None = None, d: int | None = None) -> str:
    out = f"{y:04d}" if y is not None else "XXXX"
    if m is not None:
        out += f"-{m:02d}"
        if d is not None:
            out += f"-{d:02d}"
    return out


def week(day: dt.date) -> str:
    iy, iw, _ = day.isocalendar()
    return f"{iy}-W{iw:02d}"


def shift(day: dt.date | None, days: int) -> dt.date | None:
    """`day` moved by `days`; None when it is unknown or the result falls off the
    calendar (a given document date near year 1 or 9999)."""
    if day is None:
        return None
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def moved(doc: dt.date, unit: str, k: int) -> str | None:
    """The value `k` units away from `doc`; None off the calendar (years 1–9999)."""
    if unit == "Y":
        return fmt(doc.year + k) if 1 <= doc.year + k <= 9999 else None
    if unit == "M":
        y, m = add_months(doc.year, doc.month, k)
        return fmt(y, m) if 1 <= y <= 9999 else None
    day = shift(doc, 7 * k if unit in ("W", "WE") else k)
    if day is None:
        return None
    return day.isoformat() if unit == "D" else week(day) + ("-WE" if unit == "WE" else "")


def season_year(code: str, off: int, doc: dt.date | None) -> int | None:
    """The year of "прошлым летом" (off -1), "этой зимой" (0), "следующей весной" (+1)."""
    if doc is None:
        return None
    if off == 0:
        return doc.year
    # the last season of this name that ended before the document (-1),
    # or the next one that starts after it (+1); winter is labelled with
    # the year of its January
    last_month = {"WI": 2, "SP": 5, "SU": 8, "FA": 11}[code]
    first_month = {"WI": 12, "SP": 3, "SU": 6, "FA": 9}[code]
    if off < 0:
        y = doc.year if doc.month > last_month else doc.year - 1
        return y + off + 1
    if code == "WI":
        y = doc.year + 1 if doc.month >= 3 else doc.year
    else:
        y = doc.year if doc.month < first_month else doc.year + 1
    return y + off - 1


def weekday_day(doc: dt.date, wd: int, off: int | None, future: bool) -> dt.date | None:
    """The date of ISO weekday `wd` near `doc`: with `off` None the last one on or
    before it (the next one when the sentence speaks of the `future`); -1 / 0 / +1
    for "в прошлый / этот / следующий вторник"."""
    delta = (wd - doc.isoweekday()) % 7  # days forward to the next such weekday
    if off is None:
        return shift(doc, delta if future else -((7 - delta) % 7))
    if off < 0:
        return shift(doc, -((7 - delta) % 7 or 7))
    if off == 0:
        return shift(doc, wd - doc.isoweekday())
    return shift(doc, delta or 7)


def first_word(s: str) -> str:
    for i, ch in enumerate(s):
        if ch.isspace():
            return s[:i].lower()
    return s.lower()
