"""Rules of calendar dates: days, months, quarters and other periods, seasons,
decades, centuries, years.

Each rule takes the scan and the match of its alternative of the master regex
(`extractor.grammars.dates.alternatives`, the groups `<rule>_*`), checks what
the regex cannot, and returns its candidates; `None` lets the next alternative
try at the same position, `[]` skips the text matched ("31 февраля 2023 года").
"""
from __future__ import annotations

import re

from ...grammars import date_words as W
from ...grammars.words import MONTHS
from .scan import HSPACE, Scan, in_parens, prev_word, skip_hspace
from .values import (Candidate, count, day_ok, fmt, leading_int, month_number, ordinal,
                          roman, season_year)

Found = list[Candidate] | None

_FOUR_DIGITS = re.compile(r"\d{4}")
_CONNECTOR_NUMBER = re.compile(r"[^\S\n]*(?:до|по|и|или|[-‐‑‒–—―−])[^\S\n]*\d+", re.IGNORECASE)
_PUNCT_AFTER_BARE_YEAR = frozenset(",.;:!?)»\"'”-‐‑‒–—―−/]")


# ------------------------------------------------------------------ days


def iso(s: Scan, m: re.Match[str]) -> Found:
    """2024-09-25"""
    y, mo, d = int(m.group("iso_y")), int(m.group("iso_m")), int(m.group("iso_d"))
    if not day_ok(y, mo, d):
        return None
    return [s.cand(m.start(), m.end(), gran="D", y=y, m=mo, d=d, y_explicit=True)]


def numeric(s: Scan, m: re.Match[str]) -> Found:
    """25.09.2024, 5/9/2024; "12.03.98" and "12. 03.98", "12 .03.1998" where unambiguous.

    Beyond the plain form, the rule takes (its debug names in brackets):

    * a two-digit year ["num.yy"], dots only, day and month of two digits: 32..99 is
      19yy (it can be no day or month, so "12.03.98" is a date), 00..31 only before a
      year word ("12.03.05 г."): "(24.03.02)" is a code of a speciality, "10.11.12" a
      section or a version as often as a date;
    * one stray space around the first dot ["num.spaced"], day and month of two digits
      ("12. 03.98", "12 .03.1998"); a space around the second dot is not taken ("в
      12.03. 1998 год" is more often a time and a year), nor two spaces.
    """
    sp1, sp2, sep = m.group("num_sp1"), m.group("num_sp2"), m.group("num_sep")
    dd, mm, yy = m.group("num_d"), m.group("num_m"), m.group("num_y")
    padded = sep == "." and len(dd) == 2 and len(mm) == 2
    rule = ""
    if sp1 or sp2:
        if (sp1 and sp2) or not padded:
            return None
        rule = "num.spaced"
    y = int(yy)
    if len(yy) == 2:
        if not padded:
            return None
        if y >= 32:
            y += 1900
        elif _YEAR_WORD_AFTER.match(s.text, m.end()):
            y += 2000
        else:
            return None
        rule = rule or "num.yy"
    mo, d = int(mm), int(dd)
    if not 1000 <= y <= 2100 or not day_ok(y, mo, d):
        return None
    return [s.cand(m.start(), m.end(), gran="D", y=y, m=mo, d=d, y_explicit=True, rule=rule)]


#: "г.", "года" after a date with a two-digit year ("12.03.05 г.")
_YEAR_WORD_AFTER = re.compile(r"[^\S\n]?(?:г\.|гг?(?![^\W\d_])|год(?:а|у)?(?![^\W\d_]))",
                              re.IGNORECASE)


def _day_month(s: Scan, m: re.Match[str], p: str) -> Found:
    """A day and month from the groups `<p>_d` / `<p>_m`, with the year of `<p>_y`..."""
    mo = month_number(m.group(p + "_m"))
    raw = m.group(p + "_d")
    d = leading_int(raw)
    if d is None:
        d = W.DAY_WORDS[" ".join(raw.lower().split())]
    y, explicit, rel = s.year_of(m, p)
    if not day_ok(y if explicit else None, mo, d):
        return []
    end = s.end_without_dot(m.end())
    return [s.cand(m.start(), end, gran="D", y=y, m=mo, d=d, y_explicit=explicit, rel=rel)]


def day_month_year(s: Scan, m: re.Match[str]) -> Found:
    """25 сентября 2024 года, 1 мая, пятого сентября"""
    return _day_month(s, m, "dmy")


def weekday_day_month(s: Scan, m: re.Match[str]) -> Found:
    """вторник, 5 мая 2020 года: the weekday is part of the span, the date gives the value"""
    return _day_month(s, m, "wdd")


def day_range(s: Scan, m: re.Match[str]) -> Found:
    """21–22 мая 2019 года, с 25 по 29 июля; "21 и 22 мая" is two dates"""
    mo = month_number(m.group("ddm_m"))
    d1, d2 = leading_int(m.group("ddm_d1")), leading_int(m.group("ddm_d2"))
    y, explicit, rel = s.year_of(m, "ddm")
    yy = y if explicit else None
    if not (day_ok(yy, mo, d1) and day_ok(yy, mo, d2)) or d2 <= d1:
        return None
    end = s.end_without_dot(m.end())
    sep = m.group("ddm_sep").strip().lower()
    if sep == "и":
        first = s.cand(m.start(), m.end("ddm_d1"), gran="D", y=y, m=mo, d=d1,
                       y_explicit=explicit, rel=rel)
        second = Candidate(cs=m.start("ddm_d2"), ce=end, gran="D", y=y, m=mo, d=d2,
                           y_explicit=explicit, rel=rel, lead_start=m.start("ddm_d2"))
        return [first, second]
    c = s.cand(m.start(), end, value=f"{fmt(y, mo, d1)}..{fmt(y, mo, d2)}", rel=rel)
    if sep in ("по", "на") and c.prep not in W.RANGE_FROM:
        return None
    c.range_start = True
    return [c]


# ---------------------------------------------------------------- months


def month_range(s: Scan, m: re.Match[str]) -> Found:
    """январь — февраль 2013 года, с января по март 2024 года; "мае и июне 2020 года" is two"""
    w1, w2 = m.group("mmy_m1"), m.group("mmy_m2")
    if w1[0].isupper() and w2[0].isupper():
        return None
    m1, m2 = month_number(w1), month_number(w2)
    if m2 <= m1:
        return None
    y, explicit, rel = s.year_of(m, "mmy")
    if not explicit and rel is None:
        return None
    sep_text = s.text[m.end("mmy_m1"):m.start("mmy_m2")].strip().lower()
    if sep_text in ("и", "или"):
        first = s.cand(m.start(), m.end("mmy_m1"), gran="M", y=y, m=m1, y_explicit=explicit, rel=rel)
        second = Candidate(cs=m.start("mmy_m2"), ce=m.end(), gran="M", y=y, m=m2,
                           y_explicit=explicit, rel=rel, lead_start=m.start("mmy_m2"))
        return [first, second]
    c = s.cand(m.start(), m.end(), value=f"{fmt(y, m1)}..{fmt(y, m2)}", rel=rel)
    c.range_start = sep_text == "по"
    return [c]


def month_year(s: Scan, m: re.Match[str]) -> Found:
    """сентябрь 2024 г., в декабре прошлого года (a capitalised month needs a number: "Марта")"""
    w = m.group("my_m")
    mo = month_number(w)
    y, explicit, rel = s.year_of(m, "my")
    if not explicit and rel is None:
        return None
    if w[0].isupper() and not explicit:
        return None
    return [s.cand(m.start(), m.end(), gran="M", y=y, m=mo, y_explicit=explicit, rel=rel)]


def month(s: Scan, m: re.Match[str]) -> Found:
    """в сентябре, к концу мая: a month alone needs a preposition or a modifier"""
    w = m.group("mon_w")
    if w[0].isupper():
        return None
    c = s.cand(m.start(), m.end())
    if c.prep is None and c.mod is None:
        return None
    c.gran, c.m = "M", MONTHS[w.lower()]
    c.y = s.doc.year if s.doc is not None else None
    return [c]


# --------------------------------------------------------------- periods


def _period(s: Scan, m: re.Match[str], p: str, code: str, n: int | str = "",
            n2: int | None = None) -> list[Candidate]:
    """Quarter / half-year / season value with the year of groups `<p>_*`."""
    y, explicit, rel = s.year_of(m, p)
    value = f"{fmt(y)}-{code}{n}"
    if n2 is not None:
        value += f"..{fmt(y)}-{code}{n2}"
    return [s.cand(m.start(), m.end(), value=value, rel=rel)]


def quarter(s: Scan, m: re.Match[str]) -> Found:
    """III квартал 2024 г., в первом квартале, I–III кварталы"""
    n = ordinal(m.group("qtr_n"))
    n2 = ordinal(m.group("qtr_n2")) if m.group("qtr_n2") else None
    if n is None or not 1 <= n <= 4 or (n2 is not None and not n < n2 <= 4):
        return None
    return _period(s, m, "qtr", "Q", n, n2)


def half_year(s: Scan, m: re.Match[str]) -> Found:
    """первое полугодие 2024 года"""
    n = ordinal(m.group("hy_n"))
    if n not in (1, 2):
        return None
    return _period(s, m, "hy", "H", n)


def half(s: Scan, m: re.Match[str]) -> Found:
    """первой половине 2024 года"""
    n = ordinal(m.group("half_n"))
    if n not in (1, 2):
        return None
    return _period(s, m, "half", "H", n)


def months_of_year(s: Scan, m: re.Match[str]) -> Found:
    """8 месяцев 2024 года: January to August"""
    n = count(m.group("nmon_n"))
    if n is None or not 1 <= n <= 11:
        return None
    y, explicit, rel = s.year_of(m, "nmon")
    return [s.cand(m.start(), m.end(), value=f"{fmt(y, 1)}..{fmt(y, n)}", rel=rel)]


def season(s: Scan, m: re.Match[str]) -> Found:
    """летом 2013 года, прошлой зимой; a season noun alone needs a preposition ("к осени")"""
    word = m.group("sea_s").lower()
    code = W.SEASONS[word]
    adj = m.group("sea_adj")
    has_year = m.group("sea_y") or m.group("sea_ry") or m.group("sea_cy")
    if adj is not None:
        if has_year:
            return None
        off = W.RELATIVE_ADJECTIVES[adj.lower()]
        y = season_year(code, off, s.doc)
        return [s.cand(m.start(), m.end(), value=f"{fmt(y)}-{code}", rel=f"{off:+d}{code}")]
    c = _period(s, m, "sea", code)[0]
    if not has_year and word not in W.SEASON_ADVERBS and c.prep not in W.SEASON_PREPOSITIONS:
        return None
    return [c]


# ------------------------------------------------- decades and centuries


def decade(s: Scan, m: re.Match[str]) -> Found:
    """1990-е годы, 1960-х — 1980-х гг., в 90-х, 60-х годов прошлого века"""
    y1, y2, cen = m.group("dec_y"), m.group("dec_y2"), m.group("dec_c")
    prefix = None  # the century's two leading digits, when said
    if cen is not None:
        prefix = _century_prefix(s, cen)
        if prefix is None or len(y1) == 4 or (y2 is not None and len(y2) == 4):
            return None
    v1 = _decade_value(y1, prefix)
    v2 = _decade_value(y2, prefix) if y2 is not None else None
    if v1 is None or (y2 is not None and (v2 is None or v2 <= v1)):
        return None
    c = s.cand(m.start(), m.end(), value=f"{v1}..{v2}" if v2 else v1)
    if len(y1) == 2 and cen is None and not _short_decade_ok(s, m, c):
        return None
    return [c]


def _century_prefix(s: Scan, word: str) -> int | None:
    """"XX" -> 19, "прошлого" -> the document's century less one; None if no century."""
    back = W.RELATIVE_CENTURIES.get(word.lower())
    if back is not None:
        # without a document date the text is taken to be of the 21st century
        return (s.doc.year // 100 if s.doc is not None else 20) - back
    n = roman(word)
    return n - 1 if n is not None and 1 <= n <= 21 else None


def _decade_value(y: str, prefix: int | None) -> str | None:
    """"1990" -> "199X"; "90" -> "199X" ("00", "10": 20XX), or of the century `prefix`."""
    if len(y) == 4:
        return y[:3] + "X" if 1000 <= int(y) <= 2090 else None
    if prefix is not None:
        return f"{prefix:02d}{y[0]}X"
    return ("20" if y in ("00", "10") else "19") + y[0] + "X"


def _short_decade_ok(s: Scan, m: re.Match[str], c: Candidate) -> bool:
    """"в 90-х" without "годы" needs a preposition and no noun it would count ("10-х классах")."""
    last = "dec_y2" if m.group("dec_y2") is not None else "dec_y"
    if "г" in s.text[m.end(last):m.end()].lower():  # "90-х годов", "90-е гг."
        return True
    if c.prep is None and c.mod is None:
        return False
    nxt = s.next_word(m.end())
    return nxt is None or not nxt.startswith(W.NOT_AFTER_SHORT_DECADE)


def century(s: Scan, m: re.Match[str]) -> Found:
    """XIX век, в XXI веке, XIV–XV вв. до н. э., 20-го века"""
    raw, raw2 = m.group("cen_n"), m.group("cen_n2")
    n = _century_number(raw)
    n2 = _century_number(raw2) if raw2 else None
    if n is None or not 1 <= n <= 21 or (raw2 and (n2 is None or not n < n2 <= 21)):
        return None
    tail = s.text[m.end("cen_n2") if n2 else m.end("cen_n"):m.end()].lower()
    if raw[0].isdigit() and not _numeric_century_ok(tail, n):
        return None
    pre = "BC" if m.group("cen_bc") is not None else ""
    value = f"{pre}{n - 1:02d}" if n2 is None else f"{pre}{n - 1:02d}..{pre}{n2 - 1:02d}"
    return [s.cand(m.start(), m.end(), value=value)]


def _century_number(raw: str) -> int | None:
    return int(raw) if raw[0].isdigit() else roman(raw)


def _numeric_century_ok(tail: str, n: int) -> bool:
    """A century in digits below 11 needs a suffix ("5-го века") or the noun itself
    ("5 век"): "5 вв." is more often a count."""
    has_suffix = tail.lstrip().startswith("-") or tail[:1] in "гймо"
    words = tail.split()
    noun = words[-1] if words else ""
    return has_suffix or n >= 11 or noun in W.CENTURY_NOUNS


# ----------------------------------------------------------------- years


def year_range(s: Scan, m: re.Match[str]) -> Found:
    """2021–2023 годы, с 2021 по 2023 год, 1996–98; "в 2003 и 2008 годах" is two years"""
    y1 = int(m.group("yr_y1"))
    s2 = m.group("yr_y2")
    y2 = int(s2) if len(s2) == 4 else (y1 // 100) * 100 + int(s2)
    if not 1000 <= y2 <= 2100:
        return None
    sep = m.group("yr_sep").strip().lower()
    if sep in ("и", "или"):
        return _two_years(s, m, y1, y2)
    if not y1 < y2 <= y1 + 200:
        return None
    c = s.cand(m.start(), m.end(), value=f"{y1}..{y2}")
    # a year word after either year: "2021–2023 годы", "с 2021 г. по 2023"
    has_word = m.group("yr_w") is not None or m.end("yr_y1") != m.start("yr_sep")
    if sep in ("по", "до"):
        if not has_word and (c.prep not in W.RANGE_FROM or s.next_is_quantity(m.end())):
            return None  # "от 1900 до 2000 рублей"
        c.range_start = c.prep in W.RANGE_FROM
    elif not has_word and not _dashed_years_ok(s, m, c):
        return None
    return [c]


def _two_years(s: Scan, m: re.Match[str], y1: int, y2: int) -> Found:
    """"в 2003 и 2008 годах": the plural year word is required."""
    if m.group("yr_w") is None:
        return None
    first = s.cand(m.start(), m.start("yr_sep"), value=str(y1))
    second = Candidate(cs=m.start("yr_y2"), ce=m.end(), value=str(y2), lead_start=m.start("yr_y2"))
    return [first, second]


def _dashed_years_ok(s: Scan, m: re.Match[str], c: Candidate) -> bool:
    """"2017—2018" without a year word: in parentheses, a sports season ("в сезоне
    2017—2018"), or after a preposition and before no unit ("в 1941–1945")."""
    if in_parens(s.text, m.start(), m.end()):
        return True
    w = prev_word(s.text, m.start())
    if w is not None and w.startswith("сезон"):
        return True
    return c.prep is not None and not s.next_is_quantity(m.end())


def year_season(s: Scan, m: re.Match[str]) -> Found:
    """2016/17, 2016/2017: a sports season of two consecutive years"""
    y1 = int(m.group("ys_y1"))
    s2 = m.group("ys_y2")
    y2 = int(s2) if len(s2) == 4 else (y1 // 100) * 100 + int(s2)
    if y2 != y1 + 1:
        return None
    return [s.cand(m.start(), m.end(), value=f"{y1}..{y2}")]


def year_list(s: Scan, m: re.Match[str]) -> Found:
    """1958, 1962 и 1970 годах: one candidate per year, the last one takes the year word"""
    body_start = m.start("ylist_body")
    out = []
    years = list(_FOUR_DIGITS.finditer(m.group("ylist_body")))
    for k, ym in enumerate(years):
        start = body_start + ym.start()
        end = body_start + ym.end() if k < len(years) - 1 else m.end()
        if k == 0:
            out.append(s.cand(start, end, value=ym.group()))
        else:
            out.append(Candidate(cs=start, ce=end, value=ym.group(), lead_start=start))
    return out


def year(s: Scan, m: re.Match[str]) -> Found:
    """2023 год, в 2023 г., 2023-м"""
    y = int(m.group("y_y"))
    if not 1000 <= y <= 2100:
        return None
    c = s.cand(m.start(), m.end(), value=str(y))
    c.y, c.y_explicit = y, True
    return [c]


def bare_year(s: Scan, m: re.Match[str]) -> Found:
    """A 4-digit number alone is a year only in some context; the rule name says which."""
    y = int(m.group("bare_y"))
    if not 1000 <= y <= 2100:
        return None
    start, end = m.span()
    text = s.text
    if start >= 2 and text[start - 1] in "-‐‑" and text[start - 2].isalpha():  # "Евро-2012"
        return [Candidate(cs=start, ce=end, value=str(y), lead_start=start, rule="bare.glued")]
    if in_parens(text, start, end):  # "(1997)", "(1994, 1997)"
        return [Candidate(cs=start, ce=end, value=str(y), lead_start=start, rule="bare.parens")]
    c = s.cand(start, end, value=str(y))
    after = skip_hspace(text, end)
    if c.prep in W.BARE_YEAR_PREPOSITIONS or c.mod is not None:
        c.rule = "bare.prep"  # "в 1958,", "с 1991 ..."
        return None if _quantity_after(s, end, after) else [c]
    if prev_word(text, start) in W.BIRTH_MARKS and after < len(text) and text[after] in ")],;":
        c.rule = "bare.birth"  # "(р. 1993)"
        return [c]
    if _closes_clause(text, start, after):
        c.rule = "bare.clause"  # "лауреат Нобелевской премии мира 1993."
        return [c]
    return None


def _quantity_after(s: Scan, end: int, after: int) -> bool:
    """What follows a governed 4-digit number makes it a quantity: "в 2000 рублей",
    "от 1900 до 2000 метров", "в 2000/01" (`after`: the first non-space after `end`)."""
    text = s.text
    if after >= len(text) or text[after] in "\n\r" or text[after] in _PUNCT_AFTER_BARE_YEAR:
        return after < len(text) and text[after] == "/"
    if text[after].isdigit() or s.next_is_quantity(end):
        return True
    k = _CONNECTOR_NUMBER.match(text, end)
    return k is not None and s.next_is_quantity(k.end())


def _closes_clause(text: str, start: int, after: int) -> bool:
    """A year closing a clause after a word, "премии мира 1993."; not after a quantity
    word ("достигло 1200."), nor a number going on ("1993.5")."""
    prev = prev_word(text, start)
    n = len(text)
    return bool(prev and prev[-1] != "." and prev not in W.QUANTITY_CONTEXT_WORDS
                and start >= 1 and text[start - 1] in HSPACE
                and (after >= n or text[after] in "\n\r.,;:)»\"”")
                and not (after + 1 < n and text[after] in ".," and text[after + 1].isdigit()))
