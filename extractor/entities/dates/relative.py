"""Rules of relative dates: "через два года", "три года назад", "в прошлом году",
"в минувшую пятницу", "вчера", "в тот же день", "в последние годы".

They resolve against the document date when the scan has one; without it the
value keeps its granularity with X's and `rel` says how to resolve it (see
`extractor.entities.dates`).  Same contract as `date_absolute`: candidates,
`None` for the next alternative, `[]` for no date.
"""
from __future__ import annotations

import re

from ...grammars import date_words as W
from ...grammars.words import MONTHS
from .scan import Scan
from .values import UNKNOWN, Candidate, count, moved, shift, weekday_day

Found = list[Candidate] | None


def _relative(s: Scan, m: re.Match[str], n: int | None, unit: str, sign: int) -> list[Candidate]:
    """`n` units (None: an unknown number) before (`sign` -1) or after the document date."""
    if n is None:
        return [s.cand(m.start(), m.end(), value="PAST_REF" if sign < 0 else "FUTURE_REF")]
    k = sign * n
    value = None if s.doc is None else moved(s.doc, unit, k)
    return [s.cand(m.start(), m.end(), value=value or UNKNOWN[unit], rel=f"{k:+d}{unit}")]


def _unit(word: str, n: int | None) -> tuple[int | None, str]:
    """(count, unit letter) of "года" / "полгода" (six months)."""
    low = word.lower()
    if low in W.HALF_YEAR_WORDS:
        return (6 if n == 1 else None), "M"
    return n, W.UNIT_FORMS[low]


def after(s: Scan, m: re.Match[str]) -> Found:
    """через два года, через неделю, через несколько дней"""
    raw = m.group("after_n")
    n, unit = _unit(m.group("after_u"), count(raw))
    if raw is not None and raw.lower() in W.VAGUE_COUNT_WORDS:
        n = None
    return _relative(s, m, n, unit, +1)


def ago(s: Scan, m: re.Match[str]) -> Found:
    """три года назад, год назад, почти 10 лет назад (mod APPROX)"""
    raw = m.group("ago_n")
    n, unit = _unit(m.group("ago_u"), count(raw))
    if raw is not None and raw.lower() in W.VAGUE_COUNT_WORDS:
        n = None
    elif raw is None and m.group("ago_u").lower() in W.UNITS_NEEDING_COUNT:
        return None
    res = _relative(s, m, n, unit, -1)
    q = m.group("ago_q")
    if q is not None:
        res[0].mod = W.APPROXIMATORS[" ".join(q.lower().split())]
    return res


def relative_month(s: Scan, m: re.Match[str]) -> Found:
    """в прошлом октябре: the last October before the document date"""
    adj = m.group("rmon_adj").lower()
    w = m.group("rmon_m")
    if w[0].isupper() or adj.startswith("ближайш"):
        return None
    off = W.RELATIVE_ADJECTIVES[adj]
    mo = MONTHS[w.lower()]
    c = s.cand(m.start(), m.end(), gran="M", m=mo, rel=f"M{mo}{off:+d}")
    doc = s.doc
    if doc is not None:
        if off < 0:  # the last such month before the document's
            c.y = (doc.year if mo < doc.month else doc.year - 1) + off + 1
        elif off > 0:  # the next one after it
            c.y = (doc.year if mo > doc.month else doc.year + 1) + off - 1
        else:
            c.y = doc.year
    return [c]


def relative(s: Scan, m: re.Match[str]) -> Found:
    """в прошлом году, на этой неделе, в следующем месяце, в ближайшие выходные"""
    off = W.RELATIVE_ADJECTIVES[m.group("rel_adj").lower()]
    unit = W.RELATIVE_NOUNS[m.group("rel_n").lower()]
    if m.group("rel_adj").lower().startswith("ближайш"):
        if unit != "WE":
            return None
        off = 0  # "в ближайшие выходные": this week's
    return _relative(s, m, abs(off), unit, -1 if off < 0 else 1)


def _weekday_value(s: Scan, ce: int, wd: int, off: int | None) -> tuple[str, str]:
    rel = f"WD{wd}" if off is None else f"WD{wd}{off:+d}"
    if s.doc is None:
        return "XXXX-XX-XX", rel
    day = weekday_day(s.doc, wd, off, off is None and s.future_follows(ce))
    return (day.isoformat() if day else "XXXX-XX-XX"), rel


def relative_weekday(s: Scan, m: re.Match[str]) -> Found:
    """в минувшую пятницу, в этот вторник"""
    off = W.RELATIVE_ADJECTIVES[m.group("rwd_adj").lower()]
    wd = W.WEEKDAYS[m.group("rwd_wd").lower()]
    value, rel = _weekday_value(s, m.end(), wd, off)
    return [s.cand(m.start(), m.end(), value=value, rel=rel)]


def weekday(s: Scan, m: re.Match[str]) -> Found:
    """во вторник; "среда", "пятница" need a preposition, a capitalised weekday inside a
    sentence is a name ("Великий Четверг")"""
    w = m.group("wd_w")
    text = s.text
    c = s.cand(m.start(), m.end())
    if w.lower() in W.WEEKDAY_NEEDS_CONTEXT and c.prep not in W.WEEKDAY_PREPOSITIONS:
        return None
    if w[0].isupper() and c.prep is None and m.start() > 0 and text[m.start() - 1] not in "\n\r\"«(":
        prev = text[max(0, m.start() - 2):m.start()].strip()
        if prev and prev[-1] not in ".!?:;—-–,":
            return None
    c.value, c.rel = _weekday_value(s, m.end(), W.WEEKDAYS[w.lower()], None)
    return [c]


def deictic(s: Scan, m: re.Match[str]) -> Found:
    """сегодня, вчера, послезавтра"""
    k = W.DEICTIC_DAYS[m.group("deic_w").lower()]
    c = s.cand(m.start(), m.end(), rel=f"{k:+d}D")
    day = shift(s.doc, k)
    c.value = day.isoformat() if day else "XXXX-XX-XX"
    return [c]


def anaphoric(s: Scan, m: re.Match[str]) -> Found:
    """в тот же день, на следующий день, того же года: never resolved"""
    phrase = " ".join(m.group("anaph_w").lower().split())
    rel = W.ANAPHORIC_DAY_PHRASES[phrase]
    c = s.cand(m.start(), m.end(), value=UNKNOWN[rel[-1]], rel=rel)
    if c.prep not in W.ANAPHORA_PREPOSITIONS and not phrase.startswith("того"):
        return None
    return [c]


def vague(s: Scan, m: re.Match[str]) -> Found:
    """в последние годы (PAST_REF), в ближайшие дни (FUTURE_REF)"""
    phrase = " ".join(m.group("vague_w").lower().split())
    return [s.cand(m.start(), m.end(), value=W.VAGUE_PHRASES[phrase])]
