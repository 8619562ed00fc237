"""When a number holds: its period, and the base period a change is measured against.

- sentence: "за N лет" counted back from the year of the sentence; else the date of the
  sentence that goes with the number: one right after it ("1,5 млрд в 2019 году"), else
  the nearest of its clause, else the nearest before it, else the nearest after it. A date
  that is a point of comparison ("по сравнению с 2015 годом", "выше уровня 2014 года",
  "чем в 2018 году", "на 1,3 % к 2017 году") is not the period: it is the base period;
- document: a line (a heading, a paragraph) that opens with a period ("Итоги 2019 года",
  "За январь–сентябрь 2019 года …") or a list lead ("В 2016 году:") sets the period of the
  figures under it, in the article or in its snippet, until another one does; a sentence
  without a date of its own takes it;
- carried (the figures are read in text order): a sentence without a date of its own takes
  the period of the last dated figure of its paragraph ("в конце марта 2014 года
  насчитывалось 39 200 … Еще 505 200 …"; after a day, "на 1 апреля", none), else the
  article's report period, the last one a counted figure stated with "в", "за", "по итогам"
  ("в первом полугодии 2014 года зарплата выросла на 32,6 %" over the list of ministries'
  wages that follows), if later than the heading's. A single month ("в июне") dates an
  event, not a report, unless "за июнь"; a target or plan ("к 2035 году", "на 2018 год")
  ends the report period: what follows are plans. A figure of "сейчас", "в настоящее
  время", "для сравнения" takes none, nor the start of a change ("подорожала с 1,54 до 1,72
  рубля": 1,54 was before);
- "за полгода", "за семь месяцев", "на весь год", "до конца года" name a part of the year
  of their sentence or context, else of the article (below);
- a month, quarter or half-year written without its year ("с января по май") takes the
  year of its sentence or of that document period; with neither, a month range is no
  period (never the document's year by default), a single month keeps the year the dates
  stage gave it. A value left unresolved ("XXXX-01") is no period;
- a relative year ("текущего года", "прошлого года") of an undated document counts from
  the year the article states: its headline's, else that of its first dated figure. The
  dates stage counts it from the latest year the article names, which may be a target
  ("к 2018 году"); a publication date, when given, stays the anchor.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from ..document import Document, scope
from ..grammars.date_words import RELATIVE_ADJECTIVES
from ..records import Entity
from .context import CLAUSE_BREAK

COMPARISON = re.compile(
    r"(?:сравнени\w*|аналогичн\w*|относительно|против|уров(?:ень|н\w*)|чем|как\s+и|по\s+отношению|(?:%|\d|раза?|п\.\s*п\.)\s+к(?!\w))\W*(?:\w+\W+){0,3}$",
    re.I,
)
DURATION = re.compile(
    r"\bза\s+(последние\s+|прошедшие\s+)?(\d{1,2}|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять)\s+(?:года|лет|год)\b",
    re.I,
)
WORD_NUMBERS = {"два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11}
YEAR = re.compile(r"^(\d{4})")
STATED_YEAR = re.compile(r"\d{4}|\bгод|\bг\.", re.I)  # the date's text names its year ("2019", "прошлого года")
SUB_YEAR = re.compile(r"^(?:\d{4}|XXXX)-(?:\d\d|Q\d|H\d|SP|SU|FA|WI)(?:\.\.(?:\d{4}|XXXX)-(?:\d\d|Q\d|H\d|SP|SU|FA|WI))?$")
# "1,5 миллиарда в 2019 году", "63 миллиарда кубометров в год — в 2018 году": the number's own date
IMMEDIATE = re.compile(r"\s*(?:[—–-]\s*)?(?:в\s+год\s*[—–-]?\s*)?(?:в|во|за|на)?\s*", re.I)
NEXT_PREDICATE = re.compile(r"\s(?:и|а|но)\s")  # "увеличился в 1,3 раза и в 2011 году составил …"
YEAR_EARLIER = re.compile(r"\s*(?:\w+\s+){0,2}?годом\s+(?:ранее|раньше)", re.I)
PREVIOUS_YEAR = re.compile(r"(?:предыдущ|прошл)\w*\s+(?:год|период)\w*|годом\s+(?:ранее|раньше)", re.I)
SAME_TIME = re.compile(r"аналогичн\w*\s+(?:период|месяц|квартал|полугоди)", re.I)
MONTH = re.compile(r"\d{4}-\d\d")
REPORT = re.compile(r"\b(?:за|итогам|итоги)\s*$", re.I)
DAY = re.compile(r"\d{4}-\d\d-\d\d")
FIRST_WORDS = re.compile(r"\W*(?:\w+\W+){0,3}")  # the words before a paragraph's opening period
OLDEST = 1800  # "АППГ-1189": a number read as a year
# "текущего года", "в прошлом году": a year counted from the article's own
RELATIVE_FORMS = "|".join(sorted(RELATIVE_ADJECTIVES, key=len, reverse=True))
RELATIVE_YEAR = re.compile(r"(?<!\w)(" + RELATIVE_FORMS + r")\s+год", re.I)
EXPLICIT_YEAR = re.compile(r"\d{4}")
SQUARE_METRE = re.compile(r"\s*м\b")  # "9,2 тыс. долларов за 1 кв. м": no first quarter
# "Сейчас они получают …", "Для сравнения: себестоимость …": a figure of another time or frame
NOT_CARRIED = re.compile(
    r"\b(?:сейчас|сегодня|в\s+настоящее\s+время|на\s+сегодняшний\s+день|на\s+данный\s+момент|для\s+сравнения)\b", re.I
)
CHANGE_START = re.compile(r"(?<!\w)(?:с|со)\s+$", re.I)  # "подорожала с 1,54 до 1,72": 1,54 was before
# "в первом полугодии 2014 года", "за 9 месяцев", "по итогам 2020 года": a report period,
# not a target ("до 2035 года", "к 2018 году") nor a plan ("на 2018 год")
REPORT_PREP = re.compile(r"(?<!\w)(?:в|во|за|итогам|итоги)\s+(?:\S+\s)?$", re.I)
NUMBER_WORD = "|".join(w for w, n in WORD_NUMBERS.items() if n > 2)
# the part of a year a phrase names without its year ("за полгода", "за семь месяцев", "на весь
# год"): the year of its sentence or context, else the article's; "" is the whole year
YEAR_PART = re.compile(
    r"\b(?:(?:за|в\s+течение)\s+(?:первые\s+)?(?P<part>полгода|первое\s+полугодие|(?P<n>\d{1,2}|"
    + NUMBER_WORD
    + r")\s+(?:первых\s+)?месяц\w*(?!\w))|(?P<whole>(?:на|за)\s+весь\s+год|до\s+конца\s+года|к\s+концу\s+года|по\s+итогам\s+года))"
    r"(?:\s+(?P<rel>" + RELATIVE_FORMS + r")\s+года)?(?!\s*\d{4}\b)",
    re.I,
)
PHRASE = "period"  # the `normal` of the dates a phrase names here, not the dates stage
TARGET_PREP = re.compile(r"(?<!\w)(?:до|к|ко|на)\s+(?:\S+\s)?$", re.I)
SEASON = re.compile(r"-(?:SP|SU|FA|WI)$")  # no period form: "летом прошлого года" stays as the dates stage read it


def year_of(value: str | None) -> int | None:
    m = YEAR.match(value or "")
    return int(m.group(1)) if m else None


def sentence_year(dates: list[Entity]) -> int | None:
    """The latest year the dates of a sentence state."""
    years = [year_of(d.value) for d in dates if STATED_YEAR.search(d.text)]
    return max((y for y in years if y), default=None)


def with_year(value: str, year: int | None) -> str | None:
    """A month, quarter or half-year given the year of its context, or None without one."""
    return re.sub(r"\d{4}|XXXX", str(year), value) if year else None


def resolve(d: Entity, year: int | None) -> str | None:
    """The period a date names, its year from its context when its text states none."""
    value = d.value or ""
    stated = STATED_YEAR.search(d.text) and d.normal != PHRASE
    if not stated and (SUB_YEAR.match(value) or value == "XXXX") and (year or ".." in value):
        value = with_year(value, year) or ""  # a month alone keeps the year the dates stage read
    if not re.match(r"\d{3}", value) or "X" in value or (year_of(value) or OLDEST) < OLDEST:  # "PAST_REF"
        return None
    return as_period(value)


# whole quarters and halves of a year, as a range of months reads them
MONTH_RANGES = {("01", "03"): "Q1", ("04", "06"): "Q2", ("07", "09"): "Q3", ("10", "12"): "Q4", ("01", "06"): "H1", ("07", "12"): "H2"}


def as_period(value: str) -> str:
    """"2017-01..2017-06" (январь–июнь, 6 месяцев) is the half-year "2017-H1"."""
    m = re.fullmatch(r"(\d{4})-(\d\d)\.\.(\d{4})-(\d\d)", value)
    if m and m.group(1) == m.group(3) and (m.group(2), m.group(4)) in MONTH_RANGES:
        return f"{m.group(1)}-{MONTH_RANGES[(m.group(2), m.group(4))]}"
    return value


def shifted(period: str, years: int) -> str:
    """The same stretch of time `years` later ("2024-01..2024-08", -1 → "2023-01..2023-08")."""
    return re.sub(r"\d{4}", lambda m: str(int(m.group()) + years), period)


def anchored(d: Entity, anchor: int | None) -> str:
    """A relative year's value counted from `anchor` ("прошлого года" in a 2014 article:
    2013), unknown ("XXXX") without one; other dates as they are."""
    m = RELATIVE_YEAR.search(d.text)
    if not m or SEASON.search(d.value or ""):
        return d.value or ""
    year = f"{anchor + RELATIVE_ADJECTIVES[m.group(1).lower()]:04d}" if anchor else "XXXX"
    return re.sub(r"\d{4}|XXXX", year, d.value or "")


def months_of(m: re.Match[str]) -> int:
    """How many months a `YEAR_PART` phrase counts from January ("за полгода": 6)."""
    n = m.group("n")
    if not n:
        return 6 if m.group("part") else 0
    return int(n) if n.isdigit() else WORD_NUMBERS[n.lower()]


def is_base(text: str, d: Entity) -> bool:
    return bool(COMPARISON.search(text[max(0, d.start - 60) : d.start]))


@dataclass
class Setter:
    start: int  # the figures from here on, in its scope, take its period
    block: str  # its scope (`document.scope`): the article, or one "Читайте также" snippet
    period: str
    lead: bool  # a list lead ("В 2016 году:"): its items take it, whatever they count


@dataclass
class Stated:
    """A period a dated figure stated: the later figures of its paragraph take it, or of
    its block when it is a report period."""

    start: int
    paragraph: int  # the start of its line
    block: str
    period: str | None  # None: a day, its paragraph's figures are states of that day


class Periods:
    """The dates of one document, the periods its headings, leads and paragraphs set, and
    those its figures stated so far (`of` reads the figures in text order)."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.clean or doc.text
        self.doc_year = doc.year
        dates = sorted((e for e in doc.entities if e.type == "DATE" and e.value and not self._square(e)), key=lambda e: e.start)
        self.dates = dates
        self.starts = [d.start for d in self.dates]
        self.year = None  # the article's year, for an undated document
        if doc.date is None:  # no publication date (nor timestamp): relative years count from the article's year
            self.year = self._article_year(doc)
            self.dates = [replace(d, value=anchored(d, self.year)) for d in dates]
        self._add_phrases(doc)
        self.setters: list[Setter] = []
        self.setter_starts: list[int] = []
        for s, e in doc.sentences:
            found = self._sets(doc, s, e)
            if found:
                self.setters.append(found)
                self.setter_starts.append(found.start)
        self.last: Stated | None = None  # the last dated figure
        self.report: Stated | None = None  # the last one that states a report period

    def _add_phrases(self, doc: Document) -> None:
        """The parts of a year a phrase names without a date ("за полгода", "на весь год"),
        as dates of their own; one the dates stage read in part ("этого года") gives way."""
        phrases = []
        for m in YEAR_PART.finditer(self.text):
            months = months_of(m)
            if not m.group("whole") and not 2 <= months <= 11:
                continue
            value = "XXXX" if m.group("whole") else as_period(f"XXXX-01..XXXX-{months:02d}")
            rel = m.group("rel")
            if rel and self.year:  # "за три первых месяца этого года"
                value = with_year(value, self.year + RELATIVE_ADJECTIVES[rel.lower()]) or value
            stop = m.start("rel") if rel else m.end()
            if any(d.start < stop and m.start() < d.end for d in self.dates):
                continue  # the dates stage read it: "за 8 месяцев года"
            phrases.append(Entity("DATE", m.group(), m.start(), m.end(), PHRASE, doc.block_at(m.start()).id, value=value, source="rules"))
        if phrases:
            kept = [d for d in self.dates if not any(p.start < d.end and d.start < p.end for p in phrases)]
            self.dates = sorted(kept + phrases, key=lambda e: e.start)
            self.starts = [d.start for d in self.dates]

    def _square(self, d: Entity) -> bool:
        return d.text.endswith("кв.") and bool(SQUARE_METRE.match(self.text, d.end))

    def _within(self, start: int, end: int) -> list[Entity]:
        return self.dates[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def _article_year(self, doc: Document) -> int | None:
        """The year the article states: its headline's (its first line), else the latest
        year of the first sentence that states a figure (a digit outside its dates) with an
        explicit year ("за первые семь месяцев 2014 года продажи упали на 10 %")."""
        first_line = self.text.find("\n", doc.sentences[0][0]) if doc.sentences else -1
        for start, end in doc.sentences:
            if scope(doc.block_at(start).id) != "article":
                continue
            dates = [d for d in self._within(start, end) if EXPLICIT_YEAR.search(d.text) and not RELATIVE_YEAR.search(d.text)]
            rest = self.text[start:end]
            for d in reversed(dates):
                rest = rest[: d.start - start] + rest[d.end - start :]
            if dates and (first_line < 0 or start < first_line or re.search(r"\d", rest)):
                return max((y for y in (year_of(d.value) for d in dates) if y), default=None)
        return None

    def _sets(self, doc: Document, start: int, end: int) -> Setter | None:
        """The period a sentence sets for what follows: when it opens a line and its first
        words are a period, or it is a list lead ("…:")."""
        text, k = self.text, start
        while k > 0 and text[k - 1] in " \t\xa0":
            k -= 1
        if k > 0 and text[k - 1] != "\n":
            return None
        dates = [d for d in self._within(start, end) if not is_base(text, d) and d.normal != PHRASE]
        if not dates:
            return None
        line, first = text[start:end].strip(), dates[0]
        if not (FIRST_WORDS.fullmatch(text[start : first.start]) or line.endswith(":")):
            return None  # a headline that names a date somewhere ("… к Олимпиаде 2014 года") is no period
        context = self._setter(start, scope(doc.block_at(start).id), True)
        period = resolve(first, sentence_year(dates) or year_of(context))
        if not period or DAY.search(period):  # "02.12.2025 18:42": a dateline, not a period
            return None
        if MONTH.fullmatch(period) and not REPORT.search(text, start, first.start):
            return None  # "В июне Enel купила …": the time of an event, "За январь 2020 года": a period
        return Setter(start, scope(doc.block_at(start).id), period, line.endswith(":"))

    def _setter(self, offset: int, block: str, counted: bool) -> str | None:
        """The period set by the last heading, lead or paragraph before `offset` in its block;
        an amount that measures no indicator and is no change (`counted` false: "зарегистрировано
        4,5 тысячи предприятий", "высотой 74 см") is a state, not a figure of a period, unless a
        list lead sets it."""
        k = bisect_right(self.setter_starts, offset) - 1
        if k < 0 or self.setters[k].block != scope(block) or not (counted or self.setters[k].lead):
            return None
        return self.setters[k].period

    def context(self, offset: int, block: str, counted: bool) -> str | None:
        """The period a figure without a date of its own takes: that of the last dated figure
        of its paragraph, else the latest of its heading's (`_setter`) and the report period;
        a bare amount (`counted` false) only a list lead's."""
        block, last, report = scope(block), self.last, self.report
        setter = self._setter(offset, block, counted)
        if not counted:
            return setter
        if last and last.block == block and last.paragraph == self._paragraph(offset):
            return last.period
        k = bisect_right(self.setter_starts, offset) - 1
        if report and report.block == block and (k < 0 or report.start > self.setter_starts[k]):
            return report.period
        return setter

    def _paragraph(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def of(
        self, clause_start: int, span: tuple[int, int], window: tuple[int, int], block: str, counted: bool = True
    ) -> tuple[str | None, str | None]:
        """(period, base period) of the number at `span`: its sentence's dates (those in
        `window`), else the period its document context sets (`context`). Called for the
        figures in text order: a counted figure's own date is carried to the next ones."""
        text, (start, end) = self.text, span
        dates = self._within(*window)
        context = None if self._not_carried(window, span) else self.context(start, block, counted)
        lent = None if context is None or MONTH.fullmatch(context) else year_of(context)  # "в декабре 2019 года … в марте": the next March
        year = sentence_year([d for d in dates if not is_base(text, d)]) or lent
        if not year and any(d.normal == PHRASE for d in dates):
            year = self.year  # "Перерасход за полгода составил …" in an article about 2016
        immediate = [d for d in dates if d.start >= end and IMMEDIATE.fullmatch(text, end, d.start)]
        own = [d for d in dates if (not is_base(text, d) or d in immediate) and resolve(d, year)]
        bases = [d for d in dates if is_base(text, d) and d not in immediate and resolve(d, year)]
        duration = None
        for match in DURATION.finditer(text, clause_start, start):
            duration = match
        if duration:
            period, best = self._duration(duration, year), None
        else:
            period, best = self._stated(own, bases, context, year, span)
        if best is not None and period and not (best in immediate and is_base(text, best)):
            self._remember(best, period, start, block, counted)  # "(против 4005 рублей в … 2007 года)" dates itself only
        return period, self._base(bases, period, year, span, window)

    def _not_carried(self, window: tuple[int, int], span: tuple[int, int]) -> bool:
        """"Сейчас они получают …": a figure of the present; "с 1,54 до 1,72": a change's start."""
        return bool(NOT_CARRIED.search(self.text, *window) or CHANGE_START.search(self.text, max(0, span[0] - 4), span[0]))

    def _remember(self, date: Entity, period: str, start: int, block: str, counted: bool) -> None:
        """A dated figure's period, for the figures after it: of its paragraph, and of the
        article when it is a report period ("в июне" is the time of an event unless it is
        "за июнь"). A day leaves its paragraph's next figures without a period; a target or
        plan ("к 2035 году", "на 2018 год"), even of a bare amount, ends both."""
        before = self.text[max(0, date.start - 12) : date.start] + date.text.split(" ")[0] + " "  # "за полгода": its own
        if TARGET_PREP.search(before) and not DAY.search(period):  # "к 2035 году планируем добыть …": plans follow
            self.last = self.report = None
        if SEASON.search(period) or not counted:
            return
        if DAY.search(period):  # "(на 1 апреля 2016 года их было 42,8 млн)": the paragraph speaks of that day
            self.last = Stated(start, self._paragraph(start), scope(block), None)
            return
        if not REPORT_PREP.search(before):
            return
        stated = Stated(start, self._paragraph(start), scope(block), period)
        self.last = stated
        if not MONTH.fullmatch(period) or REPORT.search(before):
            self.report = stated

    def _duration(self, duration: re.Match[str], year: int | None) -> str | None:
        """"за 3 года": the years up to the sentence's (or the document's) year; "за последние
        3 года" is an open span, no period."""
        n = duration.group(2)
        anchor = year or self.doc_year
        span = int(n) if n.isdigit() else WORD_NUMBERS[n.lower()]
        return f"{anchor - span + 1}..{anchor}" if anchor and not duration.group(1) else None

    def _stated(
        self, own: list[Entity], bases: list[Entity], context: str | None, year: int | None, span: tuple[int, int]
    ) -> tuple[str | None, Entity | None]:
        """The period a date of the sentence states for the number (and that date), else the
        context's."""
        text, (start, end) = self.text, span
        best = min(own, key=lambda d: self._rank(d, start, end), default=None)
        if best is not None and context and self._rank(best, start, end)[0] == 3:
            best = None  # "…составила 5 млн, а в 2015 году …": that date is the next figure's
        period = resolve(best, year) if best else context
        if period and YEAR_EARLIER.match(text, end):  # "17,6 млрд в 2013 году против 18,1 млрд годом ранее"
            period = shifted(period, -1)
        if not best and period and any(year_of(resolve(d, year)) == year_of(period) for d in bases):
            period = None  # "снизился по сравнению с январём 2020 года" under "2020": not 2020
        return period, best

    def _base(
        self, bases: list[Entity], period: str | None, year: int | None, span: tuple[int, int], window: tuple[int, int]
    ) -> str | None:
        """What the figure is compared with: a base date of the sentence, or "к предыдущему году"."""
        text, (start, end) = self.text, span
        base = min(bases, key=lambda d: self._rank(d, start, end), default=None)
        if base is not None:
            value = resolve(base, year)
            if period and value and SAME_TIME.search(text, max(0, base.start - 40), base.start) and period != value:
                if year_of(period) == (year_of(value) or 0) + 1 and re.fullmatch(r"\d{4}", value):
                    value = shifted(period, -1)  # "с аналогичным периодом прошлого года"
            return value
        if period and PREVIOUS_YEAR.search(text, window[0], window[1]):  # "к предыдущему году"
            return shifted(period, -1)
        return None

    def _rank(self, d: Entity, start: int, end: int) -> tuple[int, int]:
        """Which date goes with the number: right after it, in its clause, before it, after it."""
        before = d.end <= start
        gap = self.text[d.end : start] if before else self.text[end : d.start]
        if not before and IMMEDIATE.fullmatch(gap):
            return 0, len(gap)
        if not CLAUSE_BREAK.search(gap) and (before or not NEXT_PREDICATE.search(gap)):
            return 1, len(gap)
        return (2 if before else 3), len(gap)
