"""Grammar pieces for percentages and percentage points.

    на 32% · 32 процента · 113,9 % · на 2 п.п. · 6,9 процентных пунктов
    менее одного процента · 25 б.п. · 0,5 ‰ · 70-процентное снижение

Units: "%" (percent), "п.п." (percentage points), "б.п." (basis points),
"‰" (per mille).  The adjectives ("70-процентный", "стопроцентная") are
percentages of the noun they qualify: kind "percent", unit "%".
"""
from __future__ import annotations

from .units import (
    BASIS_POINT_FORMS, PERCENT_ADJECTIVE_STEM, PERCENT_FORMS, POINT_FORMS, PROMILLE_FORMS,
    WORD_PERCENT_ADJECTIVES,
)
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
