"""Fast regex recogniser of Russian date expressions with TIMEX3-style values.

The hot path is one scan of a single compiled regex over the whole text (see
`extractor.grammars.dates`); no tokenisation, no morphology.  Each hit is then
checked and normalised by a small handler for its alternative.

Spans
-----
`start`/`end` are Python str offsets into the text given to `find`, end
exclusive, `text == original[start:end]`.  By default a span is the date
expression itself without the governing preposition ("за первое полугодие
2024 года" -> "первое полугодие 2024 года"; "в 2023 году" -> "2023 году"); the
preposition is reported in `prep`.  Exceptions: a modifier phrase is part of
the date with its preposition ("в начале 2017 года", "к концу мая"), and so is
the "с" of a range ("с 2021 по 2023 год").  `DateRecognizer(
include_preposition=True)` puts the preposition in every span (the NEREL
convention: "в 2023 году").  The dot of "г."/"гг." and of a final month
abbreviation is never part of a span (it is usually also the sentence
full stop); the dot of the century abbreviation "в." is.

Values
------
* full date "2017-05-09"; month "2017-05"; year "2015"; decade "199X";
  century "18" (XIX век: the century's leading two digits), "BC04" before
  the common era; season "2013-SU" (WI/SP/SU/FA); quarter "2024-Q3";
  half-year "2024-H1"; ISO week "2024-W38";
* a range joins two values with "..": "2020..2023", "2024-01..2024-08"
  ("за 8 месяцев 2024 года"), "2013-07-25..2013-07-29", "196X..198X";
* an unknown year is "XXXX" ("25 сентября" -> "XXXX-09-25"); with a document
  date, a day or month without a year takes the document's year;
* relative expressions ("вчера", "в прошлом году", "на прошлой неделе",
  "три года назад", "во вторник") are resolved against `doc_date` when it is
  given; without it their value keeps the granularity with X's
  ("XXXX-XX-XX" for a day, "XXXX" for a year, "XXXX-XX" for a month,
  "XXXX-WXX" for a week) and `rel` says how to resolve them:
  "-1D" (вчера), "+0D" (сегодня), "-1Y" (в прошлом году), "+1M", "-2W",
  "WD2" (a Tuesday: the last one on or before the document date, or the next
  one when the sentence speaks of the future; "WD2-1"/"WD2+0"/"WD2+1" for
  "в прошлый/этот/следующий вторник");
* vague references: "PAST_REF" ("в последние годы", "несколько лет назад"),
  "FUTURE_REF" ("в ближайшие дни", "через несколько дней");
* anaphoric references ("в тот же день", "на следующий день", "в том же
  году", "в марте того же года") are never resolved: value with X's,
  `rel` "ANAPH+0D" / "ANAPH+1D" / "ANAPH+0Y"...
* other `rel` forms: "M10-1" (в прошлом октябре: month 10, one back),
  "-1SU" (прошлым летом), "+0WE" (в эти выходные: value "2024-W38-WE").
`mod` carries the TIMEX3 modifier of "в начале" / "в середине" / "в конце":
"START" / "MID" / "END" (the value is that of the whole period), and of
"почти / более / менее N лет назад": "APPROX" / "MORE_THAN" / "LESS_THAN".

What is not a date here: durations ("два года", "в течение 10 лет",
"за последние 5 лет"), ages, recurring sets ("ежегодно", "по понедельникам"),
holidays ("на Рождество"), vague "сейчас" / "недавно" / "в настоящее время",
event-relative "накануне" / "спустя год".  A bare 4-digit number is a year
only with "год"/"г."/"гг.", after a temporal preposition ("в 1958,",
"с 1991 ..." but not "в 2000 рублей"), in parentheses ("(1997)"), glued to a
name ("Евро-2012"), or closing a clause after a word ("премии мира 1993.").
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ..document import Document
from ..grammars import dates as G
from ..records import Entity

__all__ = ["DateMatch", "DateRecognizer"]


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
class _Cand:
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


_RANGE_FROM = frozenset(("с", "со", "от"))
_RANGE_TO = frozenset(("по", "до"))
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
_PUNCT_AFTER_BARE_YEAR = frozenset(",.;:!?)»\"'”-‐‑‒–—―−/]")
_PAREN_CONTEXT = 60
#: what may stand between the items of a list of dates sharing one year
_LIST_GLUE = re.compile(r"\s*(?:,|и|или|а также|,\s*а также)?\s*", re.IGNORECASE)
_CONNECTOR_NUMBER = re.compile(r"[^\S\n]*(?:до|по|и|или|[-‐‑‒–—―−])[^\S\n]*\d+", re.IGNORECASE)
_HSPACE = frozenset(" \xa0\t\u2009\u202f\u2002\u2003\u2007\u2008\u200a\u3000")
_AFTER_PAREN_ITEM = frozenset("),;-‐‑‒–—―−")


def _roman(s: str) -> int | None:
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


def _leading_int(s: str) -> int | None:
    i = 0
    while i < len(s) and s[i].isdigit():
        i += 1
    return int(s[:i]) if i else None


def _ordinal(s: str) -> int | None:
    """"первом", "III", "3-й", "1" -> int."""
    low = s.lower()
    if low in G.ORDINALS:
        return G.ORDINALS[low]
    n = _leading_int(s)
    if n is not None:
        return n
    return _roman(s)


def _count(s: str | None) -> int | None:
    """A count word or number; None for a vague count ("несколько")."""
    if s is None:
        return 1
    if s.isdigit():
        return int(s)
    return G.NUMBER_WORDS.get(s.lower())


def _fmt(y: int | None, m: int | None = None, d: int | None = None) -> str:
    out = f"{y:04d}" if y is not None else "XXXX"
    if m is not None:
        out += f"-{m:02d}"
        if d is not None:
            out += f"-{d:02d}"
    return out


def _week(day: dt.date) -> str:
    iy, iw, _ = day.isocalendar()
    return f"{iy}-W{iw:02d}"


def _shift(day: dt.date | None, days: int) -> dt.date | None:
    """`day` moved by `days`; None when it is unknown or the result falls off the
    calendar (a given document date near year 1 or 9999)."""
    if day is None:
        return None
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _first_word(s: str) -> str:
    for i, ch in enumerate(s):
        if ch.isspace():
            return s[:i].lower()
    return s.lower()


class DateRecognizer:
    """Find Russian date expressions.

    The constructor compiles the patterns (about 0.1 s): build one recogniser
    and reuse it.  `find` keeps no state between calls, so one
    instance may serve several threads.
    """

    def __init__(self, include_preposition: bool = False) -> None:
        self._p = G.compile_patterns()
        self.include_preposition = include_preposition

    def find(self, text: str, doc_date: dt.date | None = None) -> list[DateMatch]:
        """Every date expression of `text`, in text order, spans not overlapping.

        `doc_date` (the publication date) resolves relative expressions and
        gives its year to days and months written without one.
        """
        if isinstance(doc_date, dt.datetime):
            doc_date = doc_date.date()
        return _Scan(self._p, text, doc_date, self.include_preposition).run()


class _Scan:
    """One call of `find`: the text, the document date and the scan state."""

    def __init__(self, patterns: G.DatePatterns, text: str, doc: dt.date | None,
                 include_preposition: bool) -> None:
        self._p = patterns
        self.text = text
        self.doc = doc
        self.include_preposition = include_preposition
        self.prev_end = 0

    def run(self) -> list[DateMatch]:
        text = self.text
        cands: list[_Cand] = []
        search = self._p.master.search
        pos = 0
        while True:
            m = search(text, pos)
            if m is None:
                break
            name = m.lastgroup
            res = getattr(self, "_h_" + name)(m, text, self.doc)
            if res is None:
                res, end = self._fallback(name, text, m.start(), self.doc)
                if res is None:
                    pos = m.start() + 1
                    continue
            else:
                end = m.end()
            if not res:  # consumed, but not a date ("31 февраля 2023 года")
                pos = max(end, m.start() + 1)
                continue
            cands.extend(res)
            self.prev_end = res[-1].ce
            pos = max(end, m.start() + 1)
        if not cands:
            return []
        self._share_years(text, cands)
        cands = self._merge_ranges(text, cands)
        return [self._emit(text, c, self.doc) for c in cands]

    # ----------------------------------------------------------- machinery

    def _fallback(self, rejected: str, text: str, start: int, doc):
        """Try the alternatives after `rejected` at the same position."""
        order = self._p.order
        for name in order[order.index(rejected) + 1:]:
            m = self._p.single(name).match(text, start)
            if m is None:
                continue
            res = getattr(self, "_h_" + name)(m, text, doc)
            if res is not None:
                return res, m.end()
        return None, start

    def _lead(self, text: str, cs: int) -> tuple[int, str | None, str | None]:
        lo = max(self.prev_end, cs - 40, 0)
        m = self._p.lead.search(text, lo, cs)
        if m is None or m.start() == cs:
            return cs, None, None
        prep = m.group("prep")
        mod = m.group("mod")
        if prep is not None:
            prep = " ".join(prep.lower().replace("c", "с").split())
        return m.start(), prep, (G.MODIFIER_FORMS[mod.lower()] if mod else None)

    def _cand(self, text: str, cs: int, ce: int, **kw) -> _Cand:
        ls, prep, mod = self._lead(text, cs)
        return _Cand(cs=cs, ce=ce, lead_start=ls, prep=prep, mod=mod, **kw)

    def _emit(self, text: str, c: _Cand, doc) -> DateMatch:
        if c.gran is not None:
            y = c.y
            if y is None and doc is not None:
                y = doc.year
            value = _fmt(y, c.m, c.d if c.gran == "D" else None)
        else:
            value = c.value
        if self.include_preposition or c.mod is not None or (c.range_start and c.prep):
            start = c.lead_start
        else:
            start = c.cs
        return DateMatch(start, c.ce, text[start:c.ce], value, c.mod, c.rel, c.prep)

    @staticmethod
    def _share_years(text: str, cands: list[_Cand]) -> None:
        """"30 июня и 1 июля 2019 года": the first date takes the year of the second."""
        for i in range(len(cands) - 2, -1, -1):
            a, b = cands[i], cands[i + 1]
            if (a.gran is None or a.y_explicit or a.rel is not None or b.gran is None
                    or not b.y_explicit or b.rel is not None):
                continue
            if _LIST_GLUE.fullmatch(text, a.ce, b.lead_start) is None:
                continue
            a.y = b.y - 1 if (b.m is not None and a.m is not None and a.m > b.m) else b.y
            a.y_explicit = True

    def _merge_ranges(self, text: str, cands: list[_Cand]) -> list[_Cand]:
        """"с 1 декабря 2009 года по 15 января 2010 года" -> one range."""
        out: list[_Cand] = []
        i = 0
        while i < len(cands):
            a = cands[i]
            if (i + 1 < len(cands) and a.prep in _RANGE_FROM and a.mod is None
                    and cands[i + 1].prep in _RANGE_TO and cands[i + 1].mod is None
                    and not text[a.ce:cands[i + 1].lead_start].strip()
                    and ".." not in a.value and ".." not in cands[i + 1].value
                    and "REF" not in a.value + cands[i + 1].value):
                b = cands[i + 1]
                if a.gran is not None and not a.y_explicit and b.y is not None and b.y_explicit:
                    a.y = b.y - 1 if (b.m is not None and a.m is not None and a.m > b.m) else b.y
                lv = self._value_of(a)
                rv = self._value_of(b)
                rel = a.rel or b.rel
                out.append(_Cand(cs=a.cs, ce=b.ce, value=f"{lv}..{rv}", rel=rel,
                                 lead_start=a.lead_start, prep=a.prep, range_start=True))
                i += 2
                continue
            out.append(a)
            i += 1
        return out

    def _value_of(self, c: _Cand) -> str:
        if c.gran is None:
            return c.value
        y = c.y
        if y is None and self.doc is not None:
            y = self.doc.year
        return _fmt(y, c.m, c.d if c.gran == "D" else None)

    # shared helpers --------------------------------------------------------

    def _rel_year(self, phrase: str, doc) -> tuple[int | None, str]:
        first = _first_word(phrase)
        if first == "того":  # "в марте того же года": anaphoric
            return None, "ANAPH+0Y"
        off = G.RELATIVE_ADJECTIVES[first]
        return (doc.year + off if doc is not None else None), f"{off:+d}Y"

    def _year_of(self, m, p: str, doc) -> tuple[int | None, bool, str | None]:
        """Year from the groups `<p>_y` / `<p>_ry` / `<p>_cy`: (year, explicit, rel)."""
        y = m.group(p + "_y")
        if y is not None:
            return int(y), True, None
        ry = m.groupdict().get(p + "_ry")
        if ry is not None:
            year, rel = self._rel_year(ry, doc)
            return year, False, rel
        return (doc.year if doc is not None else None), False, None

    @staticmethod
    def _day_ok(y: int | None, mo: int, d: int) -> bool:
        return 1 <= d <= calendar.monthrange(y if y is not None else 2000, mo)[1]

    @staticmethod
    def _month(s: str) -> int:
        low = s.lower().rstrip(".")
        return G.MONTHS.get(low) or G.MONTH_ABBREVIATIONS[low]

    def _end_without_dot(self, text: str, end: int) -> int:
        return end - 1 if text[end - 1] == "." else end

    def _next_is_quantity(self, text: str, end: int) -> bool:
        m = self._p.next_word.match(text, end)
        if m is None:
            return False
        w = m.group("w").lower()
        return w in G.QUANTITY_WORDS or w.startswith(G.QUANTITY_WORD_PREFIXES)

    def _in_parens(self, text: str, s: int, e: int) -> bool:
        """A year alone in parentheses or an item of a list in them.

        "(2003)", "(1994, 1997)", "(1903 — физика, 1911 — химия)".
        """
        i = s - 1
        while i >= 0 and text[i] in _HSPACE:
            i -= 1
        if i < 0 or text[i] not in "(,—–":
            return False
        j = e
        while j < len(text) and text[j] in _HSPACE:
            j += 1
        if j >= len(text) or text[j] not in _AFTER_PAREN_ITEM:
            return False
        if text[i] == "(" and text[j] == ")":
            return True
        left = text[max(0, s - _PAREN_CONTEXT):s]
        right = text[e:e + _PAREN_CONTEXT]
        close = right.find(")")
        opening = right.find("(")
        return left.rfind("(") > left.rfind(")") and close >= 0 and (opening < 0 or opening > close)

    # handlers: return a list of candidates; None to let the next alternative
    # try at the same position; [] to skip the text matched ("31 февраля") -----

    def _h_iso(self, m, text, doc):
        y, mo, d = int(m.group("iso_y")), int(m.group("iso_m")), int(m.group("iso_d"))
        if not self._day_ok(y, mo, d):
            return None
        return [self._cand(text, m.start(), m.end(), gran="D", y=y, m=mo, d=d, y_explicit=True)]

    def _h_num(self, m, text, doc):
        y, mo, d = int(m.group("num_y")), int(m.group("num_m")), int(m.group("num_d"))
        if not 1000 <= y <= 2100 or not self._day_ok(y, mo, d):
            return None
        return [self._cand(text, m.start(), m.end(), gran="D", y=y, m=mo, d=d, y_explicit=True)]

    def _dm(self, m, text, doc, p: str, cs: int, dgroup: str):
        mo = self._month(m.group(p + "_m"))
        raw = m.group(dgroup)
        d = _leading_int(raw)
        if d is None:
            d = G.DAY_WORDS[" ".join(raw.lower().split())]
        y, explicit, rel = self._year_of(m, p, doc)
        if not self._day_ok(y if explicit else None, mo, d):
            return []
        end = self._end_without_dot(text, m.end())
        return [self._cand(text, cs, end, gran="D", y=y, m=mo, d=d, y_explicit=explicit, rel=rel)]

    def _h_dmy(self, m, text, doc):
        return self._dm(m, text, doc, "dmy", m.start(), "dmy_d")

    def _h_wdd(self, m, text, doc):
        return self._dm(m, text, doc, "wdd", m.start(), "wdd_d")

    def _h_ddm(self, m, text, doc):
        mo = self._month(m.group("ddm_m"))
        d1, d2 = _leading_int(m.group("ddm_d1")), _leading_int(m.group("ddm_d2"))
        y, explicit, rel = self._year_of(m, "ddm", doc)
        yy = y if explicit else None
        if not (self._day_ok(yy, mo, d1) and self._day_ok(yy, mo, d2)) or d2 <= d1:
            return None
        end = self._end_without_dot(text, m.end())
        sep = m.group("ddm_sep").strip().lower()
        if sep == "и":
            e1 = m.end("ddm_d1")
            first = self._cand(text, m.start(), e1, gran="D", y=y, m=mo, d=d1,
                               y_explicit=explicit, rel=rel)
            second = _Cand(cs=m.start("ddm_d2"), ce=end, gran="D", y=y, m=mo, d=d2,
                           y_explicit=explicit, rel=rel, lead_start=m.start("ddm_d2"))
            return [first, second]
        c = self._cand(text, m.start(), end, value=f"{_fmt(y, mo, d1)}..{_fmt(y, mo, d2)}", rel=rel)
        if sep in ("по", "на") and c.prep not in _RANGE_FROM:
            return None
        c.range_start = True
        return [c]

    def _h_mmy(self, m, text, doc):
        w1, w2 = m.group("mmy_m1"), m.group("mmy_m2")
        if w1[0].isupper() and w2[0].isupper():
            return None
        m1, m2 = self._month(w1), self._month(w2)
        if m2 <= m1:
            return None
        y, explicit, rel = self._year_of(m, "mmy", doc)
        if not explicit and rel is None:
            return None
        sep_text = text[m.end("mmy_m1"):m.start("mmy_m2")].strip().lower()
        if sep_text in ("и", "или"):
            first = self._cand(text, m.start(), m.end("mmy_m1"), gran="M", y=y, m=m1,
                               y_explicit=explicit, rel=rel)
            second = _Cand(cs=m.start("mmy_m2"), ce=m.end(), gran="M", y=y, m=m2,
                           y_explicit=explicit, rel=rel, lead_start=m.start("mmy_m2"))
            return [first, second]
        c = self._cand(text, m.start(), m.end(), value=f"{_fmt(y, m1)}..{_fmt(y, m2)}", rel=rel)
        c.range_start = sep_text == "по"
        return [c]

    def _h_my(self, m, text, doc):
        w = m.group("my_m")
        mo = self._month(w)
        y, explicit, rel = self._year_of(m, "my", doc)
        if not explicit and rel is None:
            return None
        if w[0].isupper() and not explicit:
            return None
        return [self._cand(text, m.start(), m.end(), gran="M", y=y, m=mo,
                           y_explicit=explicit, rel=rel)]

    def _period(self, m, text, doc, p: str, code: str, n: int | str = "", n2: int | None = None):
        """Quarter / half-year / season value with the year of groups `<p>_*`."""
        y, explicit, rel = self._year_of(m, p, doc)
        value = f"{_fmt(y)}-{code}{n}"
        if n2 is not None:
            value += f"..{_fmt(y)}-{code}{n2}"
        return [self._cand(text, m.start(), m.end(), value=value, rel=rel)]

    def _h_qtr(self, m, text, doc):
        n = _ordinal(m.group("qtr_n"))
        n2 = _ordinal(m.group("qtr_n2")) if m.group("qtr_n2") else None
        if n is None or not 1 <= n <= 4 or (n2 is not None and not n < n2 <= 4):
            return None
        return self._period(m, text, doc, "qtr", "Q", n, n2)

    def _h_hy(self, m, text, doc):
        n = _ordinal(m.group("hy_n"))
        if n not in (1, 2):
            return None
        return self._period(m, text, doc, "hy", "H", n)

    def _h_half(self, m, text, doc):
        n = _ordinal(m.group("half_n"))
        if n not in (1, 2):
            return None
        return self._period(m, text, doc, "half", "H", n)

    def _h_nmon(self, m, text, doc):
        n = _count(m.group("nmon_n"))
        if n is None or not 1 <= n <= 11:
            return None
        y, explicit, rel = self._year_of(m, "nmon", doc)
        return [self._cand(text, m.start(), m.end(), value=f"{_fmt(y, 1)}..{_fmt(y, n)}", rel=rel)]

    def _h_sea(self, m, text, doc):
        word = m.group("sea_s").lower()
        code = G.SEASONS[word]
        adj = m.group("sea_adj")
        has_year = m.group("sea_y") or m.group("sea_ry") or m.group("sea_cy")
        if adj is not None:
            if has_year:
                return None
            off = G.RELATIVE_ADJECTIVES[adj.lower()]
            y = self._season_year(code, off, doc)
            return [self._cand(text, m.start(), m.end(), value=f"{_fmt(y)}-{code}",
                               rel=f"{off:+d}{code}")]
        c = self._period(m, text, doc, "sea", code)[0]
        if not has_year:
            if word not in G.SEASON_ADVERBS and c.prep not in ("с", "со", "до", "к", "ко", "после", "на"):
                return None
        return [c]

    @staticmethod
    def _season_year(code: str, off: int, doc) -> int | None:
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

    def _h_dec(self, m, text, doc):
        y1, y2 = m.group("dec_y"), m.group("dec_y2")
        cen = m.group("dec_c")
        prefix = None  # the century's two leading digits, when said
        if cen is not None:
            low = cen.lower()
            if low in ("прошлого", "позапрошлого", "этого", "текущего", "нынешнего"):
                # without a document date the text is taken to be of the 21st century
                this = doc.year // 100 if doc is not None else 20
                prefix = this - {"прошлого": 1, "позапрошлого": 2}.get(low, 0)
            else:
                n = _roman(cen)
                if n is None or not 1 <= n <= 21:
                    return None
                prefix = n - 1
            if len(y1) == 4 or (y2 and len(y2) == 4):
                return None

        def decade(s: str) -> str | None:
            if len(s) == 4:
                return s[:3] + "X" if 1000 <= int(s) <= 2090 else None
            if prefix is not None:
                return f"{prefix:02d}{s[0]}X"
            century = "20" if s in ("00", "10") else "19"
            return century + s[0] + "X"

        v1 = decade(y1)
        v2 = decade(y2) if y2 else None
        if v1 is None or (y2 and (v2 is None or v2 <= v1)):
            return None
        tail_end = m.start("dec_c") if cen is not None else m.end()
        has_word = "г" in text[m.end("dec_y2") if y2 else m.end("dec_y"):tail_end].lower()
        c = self._cand(text, m.start(), m.end(), value=f"{v1}..{v2}" if v2 else v1)
        if len(y1) == 2 and not has_word and cen is None:
            if c.prep is None and c.mod is None:
                return None
            nxt = self._p.next_word.match(text, m.end())
            if nxt is not None and nxt.group("w").lower().startswith(
                    ("класс", "мест", "этаж", "ряд", "числ", "строк", "позиц", "годовщ", "лет", "годам")):
                return None
        return [c]

    def _h_cen(self, m, text, doc):
        def century(s: str | None) -> int | None:
            if s is None:
                return None
            if s[0].isdigit():
                return int(s)
            return _roman(s)

        raw = m.group("cen_n")
        n = century(raw)
        n2 = century(m.group("cen_n2")) if m.group("cen_n2") else None
        if n is None or not 1 <= n <= 21 or (m.group("cen_n2") and (n2 is None or not n < n2 <= 21)):
            return None
        tail = text[m.end("cen_n2") if n2 else m.end("cen_n"):m.end()].lower()
        if raw[0].isdigit():
            has_suffix = tail.lstrip().startswith("-") or tail[:1] in "гймо"
            noun = tail.split()[-1] if tail.split() else ""
            if not has_suffix and n < 11 and noun not in ("век", "веке", "веку", "веком"):
                return None
        bc = m.group("cen_bc") is not None
        pre = "BC" if bc else ""
        value = f"{pre}{n - 1:02d}" if n2 is None else f"{pre}{n - 1:02d}..{pre}{n2 - 1:02d}"
        return [self._cand(text, m.start(), m.end(), value=value)]

    def _h_yr(self, m, text, doc):
        y1 = int(m.group("yr_y1"))
        s2 = m.group("yr_y2")
        y2 = int(s2) if len(s2) == 4 else (y1 // 100) * 100 + int(s2)
        sep = m.group("yr_sep").strip().lower()
        first_word = m.end("yr_y1") != m.start("yr_sep")
        has_word = m.group("yr_w") is not None or first_word
        if not 1000 <= y2 <= 2100:
            return None
        if sep in ("и", "или"):
            if m.group("yr_w") is None:
                return None
            e1 = m.end("yr_y1") if not first_word else m.start("yr_sep")
            first = self._cand(text, m.start(), e1, value=str(y1))
            second = _Cand(cs=m.start("yr_y2"), ce=m.end(), value=str(y2),
                           lead_start=m.start("yr_y2"))
            return [first, second]
        if not y1 < y2 <= y1 + 200:
            return None
        c = self._cand(text, m.start(), m.end(), value=f"{y1}..{y2}")
        if sep in ("по", "до"):
            if not has_word and (c.prep not in _RANGE_FROM or self._next_is_quantity(text, m.end())):
                return None  # "от 1900 до 2000 рублей"
            c.range_start = c.prep in _RANGE_FROM
        elif not has_word:
            if not (self._in_parens(text, m.start(), m.end())
                    or self._after_season_word(text, m.start())
                    or (c.prep is not None and not self._next_is_quantity(text, m.end()))):
                return None
        return [c]

    def _after_season_word(self, text: str, s: int) -> bool:
        """"в сезоне 2017—2018", "сезона 1989-90": the sports season."""
        w = self._prev_word(text, s)
        return w is not None and w.startswith("сезон")

    @staticmethod
    def _prev_word(text: str, s: int) -> str | None:
        """The word before position `s` (skipping spaces and one hyphen), lower case."""
        i = s - 1
        while i >= 0 and (text[i] in _HSPACE or text[i] in "-‐‑"):
            i -= 1
        j = i
        while j >= 0 and (text[j].isalpha() or text[j] == "."):
            j -= 1
        return text[j + 1:i + 1].lower() if j < i else None

    def _h_ys(self, m, text, doc):
        y1 = int(m.group("ys_y1"))
        s2 = m.group("ys_y2")
        y2 = int(s2) if len(s2) == 4 else (y1 // 100) * 100 + int(s2)
        if y2 != y1 + 1:
            return None
        return [self._cand(text, m.start(), m.end(), value=f"{y1}..{y2}")]

    def _h_ylist(self, m, text, doc):
        body_start = m.start("ylist_body")
        out = []
        years = list(re.finditer(r"\d{4}", m.group("ylist_body")))
        for k, ym in enumerate(years):
            s = body_start + ym.start()
            e = body_start + ym.end() if k < len(years) - 1 else m.end()
            if k == 0:
                out.append(self._cand(text, s, e, value=ym.group()))
            else:
                out.append(_Cand(cs=s, ce=e, value=ym.group(), lead_start=s))
        return out

    def _h_y(self, m, text, doc):
        y = int(m.group("y_y"))
        if not 1000 <= y <= 2100:
            return None
        c = self._cand(text, m.start(), m.end(), value=str(y))
        c.y, c.y_explicit = y, True
        return [c]

    def _relative(self, text, cs, ce, n: int | None, unit: str, sign: int, doc):
        if n is None:
            return [self._cand(text, cs, ce, value="PAST_REF" if sign < 0 else "FUTURE_REF")]
        k = sign * n
        rel = f"{k:+d}{unit}"
        value = None if doc is None else self._moved(doc, unit, k)
        if value is None:
            value = {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "D": "XXXX-XX-XX",
                     "WE": "XXXX-WXX-WE"}[unit]
        return [self._cand(text, cs, ce, value=value, rel=rel)]

    @staticmethod
    def _moved(doc: dt.date, unit: str, k: int) -> str | None:
        """The value `k` units away from `doc`; None off the calendar (years 1–9999)."""
        if unit == "Y":
            return _fmt(doc.year + k) if 1 <= doc.year + k <= 9999 else None
        if unit == "M":
            y, m = _add_months(doc.year, doc.month, k)
            return _fmt(y, m) if 1 <= y <= 9999 else None
        day = _shift(doc, 7 * k if unit in ("W", "WE") else k)
        if day is None:
            return None
        return day.isoformat() if unit == "D" else _week(day) + ("-WE" if unit == "WE" else "")

    def _unit(self, word: str, n: int | None) -> tuple[int | None, str]:
        low = word.lower()
        if low in G.HALF_YEAR_WORDS:
            return (6 if n == 1 else None), "M"
        return n, G.UNIT_FORMS[low]

    def _h_after(self, m, text, doc):
        raw = m.group("after_n")
        n, unit = self._unit(m.group("after_u"), _count(raw))
        if raw is not None and raw.lower() in G.VAGUE_COUNT_WORDS:
            n = None
        return self._relative(text, m.start(), m.end(), n, unit, +1, doc)

    def _h_ago(self, m, text, doc):
        raw = m.group("ago_n")
        n, unit = self._unit(m.group("ago_u"), _count(raw))
        if raw is not None and raw.lower() in G.VAGUE_COUNT_WORDS:
            n = None
        elif raw is None and m.group("ago_u").lower() in ("лет", "месяцев", "дней", "недель", "суток"):
            return None
        res = self._relative(text, m.start(), m.end(), n, unit, -1, doc)
        q = m.group("ago_q")
        if q is not None:
            res[0].mod = G.APPROXIMATORS[" ".join(q.lower().split())]
        return res

    def _h_rmon(self, m, text, doc):
        adj = m.group("rmon_adj").lower()
        w = m.group("rmon_m")
        if w[0].isupper() or adj.startswith("ближайш"):
            return None
        off = G.RELATIVE_ADJECTIVES[adj]
        mo = G.MONTHS[w.lower()]
        c = self._cand(text, m.start(), m.end(), gran="M", m=mo, rel=f"M{mo}{off:+d}")
        if doc is not None:
            if off < 0:  # the last such month before the document's
                c.y = doc.year if mo < doc.month else doc.year - 1
                c.y += off + 1
            elif off > 0:  # the next one after it
                c.y = doc.year if mo > doc.month else doc.year + 1
                c.y += off - 1
            else:
                c.y = doc.year
        return [c]

    def _h_rel(self, m, text, doc):
        off = G.RELATIVE_ADJECTIVES[m.group("rel_adj").lower()]
        unit = G.RELATIVE_NOUNS[m.group("rel_n").lower()]
        if m.group("rel_adj").lower().startswith("ближайш"):
            if unit != "WE":
                return None
            off = 0  # "в ближайшие выходные": this week's
        return self._relative(text, m.start(), m.end(), abs(off), unit, -1 if off < 0 else 1, doc)

    def _weekday_value(self, text, ce, wd: int, off: int | None, doc) -> tuple[str, str]:
        rel = f"WD{wd}" if off is None else f"WD{wd}{off:+d}"
        if doc is None:
            return "XXXX-XX-XX", rel
        delta = (wd - doc.isoweekday()) % 7  # days forward to the next such weekday
        if off is None:
            sent_end = len(text)
            for stop in (".", "!", "?", "\n"):
                k = text.find(stop, ce, ce + 200)
                if k != -1:
                    sent_end = min(sent_end, k)
            future = self._p.future.search(text, ce, min(sent_end, ce + 200)) is not None
            day = _shift(doc, delta if future else -((7 - delta) % 7))
        elif off < 0:
            day = _shift(doc, -((7 - delta) % 7 or 7))
        elif off == 0:
            day = _shift(doc, wd - doc.isoweekday())
        else:
            day = _shift(doc, delta or 7)
        return (day.isoformat() if day else "XXXX-XX-XX"), rel

    def _h_rwd(self, m, text, doc):
        adj = m.group("rwd_adj").lower()
        off = G.RELATIVE_ADJECTIVES[adj]
        wd = G.WEEKDAYS[m.group("rwd_wd").lower()]
        value, rel = self._weekday_value(text, m.end(), wd, off, doc)
        return [self._cand(text, m.start(), m.end(), value=value, rel=rel)]

    def _h_wd(self, m, text, doc):
        w = m.group("wd_w")
        c = self._cand(text, m.start(), m.end())
        if w.lower() in G.WEEKDAY_NEEDS_CONTEXT and c.prep not in (
                "в", "во", "на", "до", "к", "ко", "с", "со", "по", "после", "накануне"):
            return None
        if w[0].isupper() and c.prep is None and m.start() > 0 and text[m.start() - 1] not in "\n\r\"«(":
            # "Великий Четверг", a name inside a sentence
            prev = text[max(0, m.start() - 2):m.start()].strip()
            if prev and prev[-1] not in ".!?:;—-–,":
                return None
        c.value, c.rel = self._weekday_value(text, m.end(), G.WEEKDAYS[w.lower()], None, doc)
        return [c]

    def _h_deic(self, m, text, doc):
        k = G.DEICTIC_DAYS[m.group("deic_w").lower()]
        c = self._cand(text, m.start(), m.end(), rel=f"{k:+d}D")
        day = _shift(doc, k)
        c.value = day.isoformat() if day else "XXXX-XX-XX"
        return [c]

    def _h_anaph(self, m, text, doc):
        phrase = " ".join(m.group("anaph_w").lower().split())
        rel = G.ANAPHORIC_DAY_PHRASES[phrase]
        value = {"D": "XXXX-XX-XX", "M": "XXXX-XX", "Y": "XXXX"}[rel[-1]]
        c = self._cand(text, m.start(), m.end(), value=value, rel=rel)
        if c.prep not in ("в", "во", "на", "с", "со", "до", "к", "ко") and not phrase.startswith("того"):
            return None
        return [c]

    def _h_vague(self, m, text, doc):
        phrase = " ".join(m.group("vague_w").lower().split())
        return [self._cand(text, m.start(), m.end(), value=G.VAGUE_PHRASES[phrase])]

    def _h_mon(self, m, text, doc):
        w = m.group("mon_w")
        if w[0].isupper():
            return None
        c = self._cand(text, m.start(), m.end())
        if c.prep is None and c.mod is None:
            return None
        c.gran, c.m = "M", G.MONTHS[w.lower()]
        c.y = doc.year if doc is not None else None
        return [c]

    def _h_bare(self, m, text, doc):
        s, e = m.start(), m.end()
        y = int(m.group("bare_y"))
        if not 1000 <= y <= 2100:
            return None
        # "Олимпиаде-2016", "Евро-2012"
        if s >= 2 and text[s - 1] in "-‐‑" and text[s - 2].isalpha():
            return [_Cand(cs=s, ce=e, value=str(y), lead_start=s)]
        if self._in_parens(text, s, e):
            return [_Cand(cs=s, ce=e, value=str(y), lead_start=s)]
        c = self._cand(text, s, e, value=str(y))
        j = e
        n = len(text)
        while j < n and text[j] in _HSPACE:
            j += 1
        if c.prep not in G.BARE_YEAR_PREPOSITIONS and c.mod is None:
            prev = self._prev_word(text, s)
            if prev in ("р.", "род.", "г.р.", "гг.р.") and j < n and text[j] in ")],;":
                return [c]  # "(р. 1993)": year of birth
            # "лауреат Нобелевской премии мира 1993.": a year closing a clause
            # after a word; not after a quantity word ("достигло 1200.")
            if (prev and prev[-1] != "." and prev not in G.QUANTITY_CONTEXT_WORDS
                    and s >= 1 and text[s - 1] in _HSPACE
                    and (j >= n or text[j] in "\n\r.,;:)»\"”")
                    and not (j + 1 < n and text[j] in ".," and text[j + 1].isdigit())):
                return [c]
            return None
        if j >= n or text[j] in "\n\r" or text[j] in _PUNCT_AFTER_BARE_YEAR:
            if j < n and text[j] == "/":
                return None
            return [c]
        if text[j].isdigit() or self._next_is_quantity(text, e):
            return None
        k = _CONNECTOR_NUMBER.match(text, e)  # "от 1900 до 2000 метров"
        if k is not None and self._next_is_quantity(text, k.end()):
            return None
        return [c]


class Dates:
    """Pipeline stage: DATE entities with their TIMEX3 value.

    Relative dates resolve against the document's date. When none is given, the
    article's own dates stand in: the latest year it states (not after today),
    with the day and month of its timestamp line when it has one ("25 сентября
    11:25" of an article that speaks of "первое полугодие 2024 года" was written
    on 2024-09-25); the record says the date was inferred. Inside a related-news
    snippet, dates resolve against the snippet's own timestamp ("02.12.2025 16:38
    … утром 25 ноября" is 2025-11-25), since each snippet is its own story."""

    name = "dates"
    requires: frozenset[str] = frozenset({"blocks", "clean", "date", "entities", "text"})
    provides: frozenset[str] = frozenset({"date.inferred", "date_source", "entities.dates", "year"})

    def __init__(self, recognizer: DateRecognizer, today: dt.date | None = None) -> None:
        self.recognizer = recognizer
        self.today = today or dt.date.today()

    def __call__(self, docs: list[Document]) -> None:
        for doc in docs:
            found = self._find(doc, doc.date)
            year = None
            if doc.date is not None:
                doc.year, doc.date_source = doc.date.year, doc.date_source or "given"
            else:
                year = self._infer_date(doc, found)
                if doc.date is not None:  # the article again, against the inferred date
                    found = self._find(doc, doc.date)
            for block in doc.blocks:
                matches = found[block.id]
                fill = year
                if block.kind == "related":
                    fill = None
                    stamp = _stamp(matches)
                    if stamp is not None:
                        matches = self.recognizer.find(doc.clean[block.start : block.end], stamp)
                for m in matches:
                    value = _with_year(m, fill) if fill else m.value
                    start, end = block.start + m.start, block.start + m.end
                    doc.entities.append(
                        Entity("DATE", doc.text[start:end], start, end, normal=value,
                               block=block.id, value=value, source="rules")
                    )

    def _find(self, doc: Document, date: dt.date | None) -> dict[str, list[DateMatch]]:
        return {b.id: self.recognizer.find(doc.clean[b.start : b.end], date) for b in doc.blocks}

    def _infer_date(self, doc: Document, found: dict[str, list[DateMatch]]) -> int | None:
        """Set doc.date when the article's years and its timestamp give a full date;
        else return the year alone (None when the article states no year)."""
        article = [m for b in doc.blocks if b.kind == "article" for m in found[b.id]]
        years = [int(m.value[:4]) for m in article if m.rel is None and re.match(r"\d{4}", m.value)]
        years = [y for y in years if y <= self.today.year]
        if not years:
            return None
        year = max(years)
        stamps = [m for b in doc.blocks if b.kind == "meta" for m in found[b.id] if re.fullmatch(r"XXXX-\d\d-\d\d", m.value)]
        if stamps:
            try:
                doc.date = dt.date(year, int(stamps[0].value[5:7]), int(stamps[0].value[8:10]))
                doc.date_source, doc.year = "inferred", year
                return None
            except ValueError:
                pass
        doc.date_source, doc.year = "inferred-year", year
        return year


def _with_year(m: DateMatch, year: int) -> str:
    """A value with its unknown year filled in: absolute dates without a year, and
    year-relative ones ("прошлого года": -1Y)."""
    if m.rel is None:
        return m.value.replace("XXXX", str(year))
    rel = re.fullmatch(r"([+-]\d+)Y", m.rel)
    if rel and m.value == "XXXX":
        return str(year + int(rel.group(1)))
    return m.value


def _stamp(matches: list[DateMatch]) -> dt.date | None:
    """The full date that opens a snippet (its publication stamp), if any."""
    if matches and matches[0].start == 0 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", matches[0].value):
        return dt.date.fromisoformat(matches[0].value)
    return None
