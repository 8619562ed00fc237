"""Grammar pieces for ratios ("how many times").

    в 26 раз больше · в 1,9 раза · в полтора раза · в 2–3 раза
    вдвое · втрое · двукратный рост · трёхкратно · 10-кратное увеличение

The "-кратный" adjectives are ratios only as adverbs ("трёхкратно") or before
a noun of change (`units.RATIO_CHANGE_STEMS`: "рост", "снижение"...):
"двукратный олимпийский чемпион" is a count of times and is not emitted.

Unit "раз".  "в N раз" needs the preposition "в" (it is part of the span:
"в 26 раз"); without it "N раз" is a count of times (kind "count", unit
"раз": "переизбирался пять раз").  The comparative after the expression
("больше", "меньше", "выше") is not part of the span: the caller links the
direction.
"""
from __future__ import annotations

import re

from .units import RATIO_ADJECTIVE_STEM, RATIO_ADVERBS, RATIO_CHANGE_STEMS, RATIO_NOUNS, RATIO_STEMS
from .numbers import SIMPLE_DIGITS, SP, WEND, alternation

UNIT = "раз"
#: the prepositions that make "N раз" a ratio
RATIO_PREPOSITIONS = frozenset(("в", "во"))


def times_source() -> str:
    """The noun after the number: "раз", "раза"."""
    return alternation(RATIO_NOUNS) + WEND


def word_source(prefix: str) -> str:
    """"вдвое" (group `<prefix>_a`), "двукратный" (`<prefix>_s`), "2-кратно" (`<prefix>_n`)."""
    stem = RATIO_ADJECTIVE_STEM
    return (
        "(?:(?P<" + prefix + "_a>" + alternation(RATIO_ADVERBS) + ")"
        + "|(?P<" + prefix + "_n>" + SIMPLE_DIGITS + r")[-‐‑]?" + stem + r"[^\W\d_]*"
        + "|(?P<" + prefix + "_s>" + alternation(RATIO_STEMS) + ")" + stem + r"[^\W\d_]*"
        + ")" + WEND
    )


_NEXT_WORD = re.compile(SP + r"(?P<w>[^\W\d_]+)")


def is_ratio_adjective(text: str, end: int, word: str) -> bool:
    """"трёхкратно", "двукратный рост" are ratios; "двукратный чемпион" is not."""
    low = word.lower()
    if low.endswith("кратно") or low in RATIO_ADVERBS:  # the adverb
        return True
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group("w").lower().startswith(RATIO_CHANGE_STEMS)


def word_value(adverb: str | None, stem: str | None) -> float | None:
    if adverb is not None:
        return RATIO_ADVERBS.get(adverb.lower())
    if stem is not None:
        return RATIO_STEMS.get(stem.lower())
    return None
