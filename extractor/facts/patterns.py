"""The regexes of the number recogniser, built once from the grammar pieces.

`master` is the one pattern scanned over the text: a ratio word ("вдвое",
group `rw`), a percent adjective ("70-процентное", `pa`), a share in words ("более
трети", `fr`) or a number (`num`):
an optional currency before it (`pre`), the number (`a`: digits with their
multiplier, or words), an optional second number of a range (`rsep`, `b`),
and the unit after it (`tail`: one of the groups `cur`, `minor`, `pp`, `bp`,
`pct`, `prm`, `cnt`, `unit`, `raz`; `recognize` maps each to its rule).
`lead` reads the qualifier and preposition before a match.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..grammars import counts as C
from ..grammars import money as M
from ..grammars import percent as P
from ..grammars import ratio as R
from ..grammars.currencies import CURRENCY_CODES
from ..grammars.number_words import (
    BARE_MULTIPLIERS, BARE_MULTIPLIERS_AFTER_QUALIFIER, FRACTIONS, NUMBER_WORDS,
)
from ..grammars.numbers import (
    DASH, DIGITS, HALF_MULTIPLIERS, OSP, SP, WEND, WSTART, alternation, multiplier_source,
    word_number_source,
)
from ..grammars.qualifiers import PREPOSITIONS, QUALIFIERS
from ..grammars.units import (
    RATIO_ADJECTIVE_STEM, RATIO_ADVERBS, RATIO_STEMS, WORD_PERCENT_ADJECTIVES,
)


def _core(p: str, sign: bool) -> str:
    """A number: digits (+ a stray ", 38" before a currency, + words in
    parentheses, + a multiplier) or words."""
    cur = M.currency_source()
    # the first number: a sign, and not the tail of a code ("322017-21282")
    sign_src = r"(?<!\d[-‐‑])(?:(?<![^\s(])(?P<" + p + r"_sign>[-−+])(?=\d))?" if sign else ""
    return (
        sign_src
        + "(?:(?P<" + p + "_d>" + DIGITS + ")"
        + "(?P<" + p + "_f2>," + SP + r"\d\d(?=" + OSP + cur + "))?"
        + r"(?:" + OSP + r"\(" + OSP + "(?P<" + p + "_p>" + word_number_source() + ")" + OSP + r"\))?"
        + "(?:" + OSP + "(?P<" + p + "_m>" + multiplier_source() + ")"
        # "125 тыс. 963 гектара", "1 млрд 200 млн рублей": the rest of a composite number
        + "(?:" + SP + "(?P<" + p + r"_r>\d{1,3}(?:[.,]\d+)?)(?![\d.,:/])"
        + "(?:" + OSP + "(?P<" + p + "_rm>" + multiplier_source() + "))?)?"
        + ")?"
        + "|(?P<" + p + "_w>" + word_number_source() + "))"
    )


def _tail() -> str:
    return (
        "(?:(?P<cur>" + M.currency_source() + ")"
        + "(?:,?" + OSP + r"(?P<mn>\d{1,2})" + OSP + "(?P<mu>" + M.minor_source() + "))?"
        + "|(?P<minor>" + M.minor_source() + ")"
        + "|(?P<pp>" + P.points_source() + ")"
        + "|(?P<bp>" + P.basis_points_source() + ")"
        + "|(?P<pct>" + P.percent_source() + ")"
        + "|(?P<prm>" + P.promille_source() + ")"
        + "|(?P<cnt>" + C.count_abbreviation_source() + ")"
        + "|(?P<unit>" + C.unit_source() + ")"
        + "|(?P<raz>" + R.times_source() + "))"
    )


def _number_source(with_range: bool) -> str:
    pre = "(?:(?P<pre>" + M.prefix_source() + ")" + OSP + ")?"
    rng = ""
    if with_range:
        rng = (
            "(?:(?P<rsep>" + DASH + "|" + SP + "до" + SP + ")"
            + "(?:" + M.prefix_source() + OSP + ")?"
            + "(?P<b>" + _core("b", False) + "))?"
        )
    return pre + "(?P<a>" + _core("a", True) + ")" + rng + "(?:" + OSP + "(?P<tail>" + _tail() + "))?"


def _first_words() -> str:
    words = set(NUMBER_WORDS) | set(BARE_MULTIPLIERS) | set(BARE_MULTIPLIERS_AFTER_QUALIFIER)
    words |= set(FRACTIONS) | set(RATIO_ADVERBS) | set(HALF_MULTIPLIERS) | set(P.PARTS) | set(P.NUMERATORS)
    stems = [s + RATIO_ADJECTIVE_STEM for s in RATIO_STEMS] + list(WORD_PERCENT_ADJECTIVES) + list(P.ORDINAL_PART_STEMS)
    syms = re.escape(M.prefix_first_chars())
    codes = "(?-i:US\\$|" + "|".join(sorted(CURRENCY_CODES)) + ")"
    return (
        r"\d|[-−+]\d|[" + syms + "]|" + codes + "|" + alternation(words) + WEND
        + "|" + alternation(stems)
    )


def _master_source() -> str:
    return (
        WSTART + "(?=" + _first_words() + ")(?:"
        + "(?P<rw>" + R.word_source("rw") + ")"
        + "|(?P<pa>" + P.adjective_source("pa") + ")"
        + "|(?P<fr>" + P.fraction_source("fr") + "(?!" + SP + multiplier_source() + "))"  # "четверть миллиона" is a number
        + "|(?P<num>" + _number_source(True) + ")"
        + ")"
    )


def _lead_source() -> str:
    qual_words = [q for q in QUALIFIERS if q[0].isalpha()]
    qual_syms = "".join(q for q in QUALIFIERS if len(q) == 1 and not q.isalpha())
    qual = (
        "(?:" + WSTART + alternation(qual_words) + WEND + SP
        + "|[" + re.escape(qual_syms) + "]" + OSP + ")"
    )
    prep = WSTART + alternation(PREPOSITIONS) + WEND + SP
    return (
        "(?:(?P<q1>" + qual + "))?(?:(?P<p>" + prep + "))?(?:(?P<q2>" + qual + "))?\\Z"
    )


@dataclass(frozen=True)
class NumberPatterns:
    master: re.Pattern[str]
    single: re.Pattern[str]  # the number alternative without ranges (fallback)
    lead: re.Pattern[str]  # qualifier / preposition before a match


def compile_patterns() -> NumberPatterns:
    flags = re.IGNORECASE
    return NumberPatterns(
        master=re.compile(_master_source(), flags),
        single=re.compile(_number_source(False), flags),
        lead=re.compile(_lead_source(), flags),
    )
