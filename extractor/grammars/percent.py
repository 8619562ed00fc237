"""Grammar pieces for percentages and percentage points.

    на 32% · 32 процента · 113,9 % · на 2 п.п. · 6,9 процентных пунктов
    менее одного процента · 25 б.п. · 0,5 ‰ · 70-процентное снижение

Units: "%" (percent), "п.п." (percentage points), "б.п." (basis points),
"‰" (per mille).  The adjectives ("70-процентный", "стопроцентная") are
percentages of the noun they qualify: kind "percent", unit "%".
"""
from __future__ import annotations

import re

from .units import (
    BASIS_POINT_FORMS, PERCENT_ADJECTIVE_STEM, PERCENT_FORMS, POINT_FORMS, PROMILLE_FORMS,
    WORD_PERCENT_ADJECTIVES,
)
from .number_words import FRACTIONS
from .numbers import END, SIMPLE_DIGITS, SP, WEND, alternation

UNIT_PERCENT = "%"
UNIT_POINTS = "п.п."
UNIT_BASIS_POINTS = "б.п."
UNIT_PROMILLE = "‰"


def points_source() -> str:
    """Percentage points ("п.п.", "процентных пункта"); tried before `percent_source`."""
    return alternation(POINT_FORMS) + END


def basis_points_source() -> str:
    return alternation(BASIS_POINT_FORMS) + END


def percent_source() -> str:
    return alternation(PERCENT_FORMS) + END


def promille_source() -> str:
    return alternation(PROMILLE_FORMS) + END


def adjective_source(prefix: str) -> str:
    """"70-процентное", "стопроцентная": groups `<prefix>_n` (digits) or `<prefix>_w`."""
    stem = PERCENT_ADJECTIVE_STEM
    return (
        "(?:(?P<" + prefix + "_n>" + SIMPLE_DIGITS + r")(?:[-‐‑]|" + SP + ")?" + stem + r"[^\W\d_]*"
        + "|(?P<" + prefix + "_w>" + alternation(WORD_PERCENT_ADJECTIVES) + r")[^\W\d_]*)"
        + WEND + "(?!" + SP + "пункт)"  # "6,9 процентных пунктов" are points
    )


def adjective_value(word: str) -> int | None:
    """"стопроцентная" -> 100."""
    low = word.lower()
    for stem, v in WORD_PERCENT_ADJECTIVES.items():
        if low.startswith(stem):
            return v
    return None


# --- shares written in words: "более трети", "на четверть", "две трети", "десятая часть" ---------

#: the numerator of "две трети", "три четверти"
NUMERATORS = {"две": 2, "двух": 2, "двум": 2, "три": 3, "трех": 3, "трёх": 3, "трем": 3, "трём": 3}
#: "треть", "четверти", "половина" (number_words' FRACTIONS) -> the denominator; not "пол",
#: nor "третью", which is mostly the ordinal ("третью неделю")
PARTS = {w: round(1 / v) for w, v in FRACTIONS.items() if w not in ("пол", "третью")} | {"наполовину": 2}
#: "во второй половине 2019 года", "в первой четверти века": a stretch of time, not a share
TIME_BEFORE = re.compile(r"(?:перв|втор|трет|четв[её]рт|последн)\w*\s+$", re.I)
TIME_AFTER = re.compile(
    r"\s+(?:\d|[XVI]+\b|(?:прошл|этог|текущ|нынешн|будущ|следующ)\w*\s+|год|дня|века|столети|месяц|недел|сезон|матч|игр|пути|срок|дистанци)",
    re.I,
)


def is_time(text: str, start: int, end: int) -> bool:
    return bool(TIME_BEFORE.search(text, max(0, start - 20), start) or TIME_AFTER.match(text, end))
#: "десятая часть", "пятую часть": an ordinal's stem -> the denominator
ORDINAL_PART_STEMS = {"трет": 3, "четверт": 4, "четвёрт": 4, "пят": 5, "шест": 6, "седьм": 7, "восьм": 8, "девят": 9, "десят": 10}
_ORDINAL_ENDINGS = "(?:ья|ью|ьей|ая|ую|ой)"


def fraction_source(prefix: str) -> str:
    """A share in words: groups `<prefix>_n` (numerator), `<prefix>_d` ("трети", "половина")
    or `<prefix>_o` (the ordinal of "десятая часть")."""
    return (
        "(?:(?:(?P<" + prefix + "_n>" + alternation(NUMERATORS) + ")" + SP + ")?"
        + "(?P<" + prefix + "_d>" + alternation(PARTS) + ")"
        + "|(?P<" + prefix + "_o>" + alternation(ORDINAL_PART_STEMS) + ")" + _ORDINAL_ENDINGS + SP + r"част(?:ь|и|ью))"
        + WEND
    )


def fraction_value(numerator: str | None, part: str | None, ordinal: str | None) -> float:
    """The share in percent: "трети" -> 33.333333, "две трети" -> 66.666667, "десятая часть" -> 10."""
    if ordinal is not None:
        denominator = ORDINAL_PART_STEMS[ordinal.lower()]
    else:
        denominator = PARTS[part.lower()]
    share = NUMERATORS[numerator.lower()] if numerator else 1
    value = round(100 * share / denominator, 6)
    return int(value) if value == int(value) else value
