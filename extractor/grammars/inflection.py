"""Case forms of a word from its stem, for the word lists (data helpers only).

Every word list of the number grammars is lower case; the patterns are
compiled with IGNORECASE, so "Восемьсот" and "ЕВРО" match too.  Both "ё"
and "е" spellings are listed where they differ.  Abbreviations are listed
with their dot when they take one ("руб.", "тыс."); a form like "кв. м"
matches "кв.м" and "кв. м" (`numbers.alternation`).
"""
from __future__ import annotations

#: endings joined by "|" ("" is the bare stem)
HARD_MASCULINE = "|а|у|ом|е|ы|ов|ам|ами|ах"  # миллион, доллар, метр
FEMININE = "а|ы|е|у|ой||ам|ами|ах"  # тонна (genitive plural "тонн")
FEMININE_OYU = "а|ы|е|у|ой|ою|ам|ами|ах"  # гривна, лира (genitive plural listed apart)
HARD_ADJECTIVE = "ый|ого|ому|ым|ом|ые|ых|ыми"  # квадратный
SOFT_ADJECTIVE = "ий|ого|ому|им|ом|ие|их|ими"  # кубический


def forms(stem: str, endings: str = HARD_MASCULINE) -> tuple[str, ...]:
    """`stem` + each ending: forms("миллион") -> ("миллион", "миллиона", ...)."""
    return tuple(stem + e for e in endings.split("|"))


def by_value(table: dict) -> dict:
    """{value: forms} -> {form: value}: the word lists are written by value."""
    return {f: v for v, fs in table.items() for f in fs}
