"""`DateRecognizer`: the master regex of `extractor.grammars.dates` scanned over a
text, each hit handed to the rule of its alternative (`RULES`).  The conventions
of spans and values are told in `extractor.entities.dates`."""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ...grammars import dates as G
from . import absolute as A
from . import relative as R
from .scan import Handler, Scan
from .values import DateMatch

#: alternative of the master regex (`extractor.grammars.dates.alternatives`, in
#: priority order) -> its rule; the alternative's name is the rule's name
RULES: dict[str, Handler] = {
    "iso": A.iso,  # 2024-09-25
    "num": A.numeric,  # 25.09.2024; 12.03.98 ("num.yy"), 12. 03.98 ("num.spaced")
    "wdd": A.weekday_day_month,  # вторник, 5 мая 2020 года
    "ddm": A.day_range,  # 21–22 мая, с 25 по 29 июля
    "dmy": A.day_month_year,  # 25 сентября 2024 года, 1 мая
    "mmy": A.month_range,  # январь — февраль 2013 года
    "my": A.month_year,  # в сентябре 2024 года, в декабре прошлого года
    "qtr": A.quarter,  # III квартал 2024 г.
    "hy": A.half_year,  # первое полугодие 2024 года
    "half": A.half,  # первой половине 2024 года
    "nmon": A.months_of_year,  # 8 месяцев 2024 года
    "sea": A.season,  # летом 2013 года, прошлой зимой
    "dec": A.decade,  # 1990-е годы, в 90-х
    "cen": A.century,  # XIX век
    "yr": A.year_range,  # с 2021 по 2023 год, 2021–2023 годы
    "ys": A.year_season,  # 2016/17
    "ylist": A.year_list,  # 1958, 1962 и 1970 годах
    "y": A.year,  # 2023 год, в 2023 г.
    "after": R.after,  # через два года
    "ago": R.ago,  # три года назад
    "rmon": R.relative_month,  # в прошлом октябре
    "rel": R.relative,  # в прошлом году, на этой неделе
    "rwd": R.relative_weekday,  # в минувшую пятницу
    "deic": R.deictic,  # вчера
    "anaph": R.anaphoric,  # в тот же день
    "vague": R.vague,  # в последние годы
    "wd": R.weekday,  # во вторник
    "mon": A.month,  # в сентябре, к концу мая
    "bare": A.bare_year,  # (1997), Евро-2012, в 1958, — "bare.parens", "bare.glued"...
}


class DebugMatch(NamedTuple):
    """A date found with the rule behind it: "dmy"; "bare.parens" (which context made a
    bare number a year); "dmy+year" (the year taken from the next date of a list);
    "dmy..dmy" (a range "с ... по ..." joined from two)."""

    text: str
    start: int
    end: int
    rule: str
    value: str


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
        scan = self._scan(text, doc_date)
        return [scan.emit(c) for c in scan.run()]

    def debug(self, text: str, doc_date: dt.date | None = None) -> list[DebugMatch]:
        """`find`, with the name of the rule behind each date: to explain a wrong one.

        >>> DateRecognizer().debug("Фильм «Лили» (1953) вышел.")
        [DebugMatch(text='1953', start=14, end=18, rule='bare.parens', value='1953')]
        """
        scan = self._scan(text, doc_date)
        out = []
        for c in scan.run():
            m = scan.emit(c)
            out.append(DebugMatch(m.text, m.start, m.end, c.rule, m.value))
        return out

    def _scan(self, text: str, doc_date: dt.date | None) -> Scan:
        if isinstance(doc_date, dt.datetime):
            doc_date = doc_date.date()
        return Scan(self._p, RULES, text, doc_date, self.include_preposition)
