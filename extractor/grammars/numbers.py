"""Numerals: regex pieces for written numbers and their parser.

Two kinds of numerals are recognised:

* digits: "15 505" (a space, NBSP, thin or figure space between groups of
  three), "3,17" and "1.5" (decimal comma or dot), "1,234,567" (comma
  thousands only with two commas or more and groups of three), "1.500.000"
  (dot thousands, likewise), "5-ти" / "2-х" (a case ending after a hyphen);
* words: "двадцать шесть", "восемьсот восемьдесят одна тысяча девятьсот
  тринадцать", "полтора миллиарда", "четверть миллиарда", "миллион",
  "двух тысяч", "полмиллиона".

`parse_number` turns either into an int (when integral) or a float.  The
parser works on `decimal.Decimal` so that "3,17 млрд" is exactly
3 170 000 000.

The helpers `SP`, `OSP`, `alternation`... are shared by the other grammar
modules of the package.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .pieces import DASH, OSP, SP, WEND, WSTART  # noqa: F401 - used by the grammars that import this
from .pieces import alternation as _alternation
from . import lexicon as L

# --------------------------------------------------------------------------
# Shared regex helpers
# --------------------------------------------------------------------------

#: one character between groups of three digits
GROUP_SPACE = r"[ \xa0\u2009\u202f\u2007\u2008\u200a]"
#: end of a form: a word ends, or the form ended in a dot or a symbol
END = r"(?:(?<=[^\w])|(?![^\W_]))"


def alternation(words) -> str:
    """A prefix-trie alternation of `words`; a space after a dot is optional ("кв.м")."""
    return _alternation(words, after_dot=OSP)


def norm_form(s: str) -> str:
    """Lookup key of a matched form: lower case, no spaces, "ё" as written."""
    return "".join(s.lower().split())


def norm_table(table: dict) -> dict:
    """The same dict keyed by `norm_form` of its keys."""
    return {norm_form(k): v for k, v in table.items()}


# --------------------------------------------------------------------------
# Digits
# --------------------------------------------------------------------------

#: not inside a word, a date, a time or a fraction ("топ-5" is checked by the scanner)
_DIGITS_BEFORE = r"(?<![\w.,:/\\])"
#: group counts are bounded (up to 10^15) so that a long run of "123 123 123 ..."
#: costs a bounded match per position, not a quadratic rescan
_DIGITS_BODY = (
    r"(?:\d{1,3}(?:" + GROUP_SPACE + r"\d{3}){1,4}(?:[.,]\d+)?"  # 15 505, 1 154.5
    r"|\d{1,3}(?:,\d{3}){2,4}(?:\.\d+)?"  # 1,234,567
    r"|\d{1,3}(?:\.\d{3}){2,4}(?:,\d+)?"  # 1.234.567
    r"|\d{1,18}(?:[.,]\d{1,12})?)"  # 2023, 3,17, 1.5
)
#: "5-ти", "2-х", "3-ех" (cardinal case endings)
_DIGITS_CASE = r"(?:[-‐‑](?:х|ти|ми|ух|ех|ёх|и|ью)" + WEND + ")?"
#: no date, time, fraction or ordinal suffix after the number
_DIGITS_AFTER = r"(?!\d|[.,:/]\d|[-‐‑][^\W\d_])"
DIGITS = _DIGITS_BEFORE + _DIGITS_BODY + _DIGITS_CASE + _DIGITS_AFTER
#: a plain decimal number (for "2-кратный", "70-процентный")
SIMPLE_DIGITS = _DIGITS_BEFORE + r"\d+(?:[.,]\d+)?"

_SPACES_RE = re.compile(r"[\s\u2009\u202f\u2007\u2008\u200a]")
_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3}){2,4}(?:\.\d+)?")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3}){2,4}(?:,\d+)?")
_CASE_SUFFIX = re.compile(r"[-‐‑][^\W\d_]+$")


def parse_digits(s: str) -> Decimal | None:
    """"15 505" -> 15505, "3,17" -> 3.17, "1,234,567" -> 1234567, "5-ти" -> 5."""
    s = _CASE_SUFFIX.sub("", _SPACES_RE.sub("", s))
    if _COMMA_THOUSANDS.fullmatch(s):
        s = s.replace(",", "")
    elif _DOT_THOUSANDS.fullmatch(s):
        s = s.replace(".", "").replace(",", ".")
    else:
        s = s.replace(",", ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


# --------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------

#: "полмиллиона" -> 500 000 (one word)
HALF_MULTIPLIERS: dict[str, int] = {
    "полтысячи": 500, "полмиллиона": 500_000, "полмиллиарда": 500_000_000,
    "полтриллиона": 500_000_000_000,
}

_MULT_WORDS = [w for w in L.MULTIPLIERS if w != L.THOUSAND_BEFORE_RUBLE]


def _w(words) -> str:
    return alternation(words) + WEND


def word_number_source() -> str:
    """A numeral written in words (the parser checks the order of the parts)."""
    u, t, d, h = _w(L.UNITS), _w(L.TEENS), _w(L.TENS), _w(L.HUNDREDS)
    group = (
        "(?:" + h + "(?:" + SP + "(?:" + t + "|" + d + "(?:" + SP + u + ")?|" + u + "))?"
        + "|" + t + "|" + d + "(?:" + SP + u + ")?|" + u + ")"
    )
    mult = alternation(_MULT_WORDS) + END
    lead = "(?:" + group + "|" + _w(L.ONE_AND_HALF) + "|" + _w(L.FRACTIONS) + ")"
    chunks = "(?:" + SP + group + SP + mult + "){0,3}(?:" + SP + group + ")?"
    return (
        "(?:" + lead + SP + mult + chunks  # восемьсот восемьдесят одна тысяча девятьсот ...
        + "|" + _w(L.BARE_MULTIPLIERS | L.BARE_MULTIPLIERS_AFTER_QUALIFIER) + chunks  # тысяча двести
        + "|" + _w(HALF_MULTIPLIERS)  # полмиллиона
        + "|" + group + "|" + _w(L.ONE_AND_HALF) + "|" + _w(L.ZERO) + "|" + _w(L.COLLECTIVES)
        + ")"
    )


def multiplier_source() -> str:
    """A multiplier after digits: "тыс.", "млн", "миллиарда", "т." before "р."."""
    return (
        "(?:" + alternation(_MULT_WORDS) + END
        + r"|т\.(?=" + OSP + r"(?:р\.|руб))" + ")"
    )


_RANK = {**{k: 3 for k in L.HUNDREDS}, **{k: 2 for k in L.TENS},
         **{k: 1 for k in L.TEENS}, **{k: 1 for k in L.UNITS}, **{k: 1 for k in L.ZERO}}


def parse_words(s: str) -> Decimal | None:
    """"восемьсот восемьдесят одна тысяча девятьсот тринадцать" -> 881913.

    None when the words do not make one number ("два три", "тысяча миллион").
    """
    total = Decimal(0)
    group: Decimal | None = None
    rank = 4  # rank of the last word of the current group (3 hundreds, 2 tens, 1 units)
    last_mult: int | None = None
    frac_pending = False  # "четверть" must be followed by a multiplier
    for tok in s.lower().split():
        if tok in L.MULTIPLIERS:
            f = L.MULTIPLIERS[tok]
            if last_mult is not None and f >= last_mult:
                return None
            total += (group if group is not None else Decimal(1)) * f
            group, rank, last_mult, frac_pending = None, 4, f, False
        elif tok in HALF_MULTIPLIERS:
            if group is not None or last_mult is not None:
                return None
            total += HALF_MULTIPLIERS[tok]
            last_mult = HALF_MULTIPLIERS[tok] * 2
        elif tok in L.FRACTIONS or tok in L.ONE_AND_HALF or tok in L.COLLECTIVES:
            if group is not None:
                return None
            if tok in L.FRACTIONS:
                group, frac_pending = Decimal(str(L.FRACTIONS[tok])), True
            elif tok in L.ONE_AND_HALF:
                group = Decimal("1.5")
            else:
                group = Decimal(L.COLLECTIVES[tok])
            rank = 0
        elif tok in _RANK:
            r = _RANK[tok]
            if r >= rank or (rank == 1 and r == 1):
                return None
            if tok in L.TEENS and rank == 2:  # "двадцать пятнадцать"
                return None
            group = (group or Decimal(0)) + L.NUMBER_WORDS[tok]
            rank = r
            if tok in L.TEENS or tok in L.ZERO:
                rank = 1
        else:
            return None
    if frac_pending:
        return None
    if group is not None:
        total += group
    return total


def to_value(d: Decimal) -> int | float:
    """An int when integral, else a float."""
    if d == d.to_integral_value():
        return int(d)
    return float(d)


def parse_number(s: str) -> int | float | None:
    """Parse a numeral written in digits or words, with an optional multiplier.

    "3,17" -> 3.17; "15 505" -> 15505; "двадцать шесть" -> 26;
    "полтора миллиарда" -> 1500000000; "3,17 млрд" -> 3170000000;
    "1 599 059, 38" -> 1599059.38 (the stray space after the comma of
    amounts like "1 599 059, 38 Евро").  None if `s` is not a numeral.
    """
    s = s.strip()
    m = _PARSE_DIGITS_RE.fullmatch(s)
    if m is not None:
        d = parse_digits(m.group("d"))
        if d is None:
            return None
        if m.group("f2"):
            d += Decimal(m.group("f2")) / 100
        if m.group("m"):
            d *= _MULT_KEYS[norm_form(m.group("m"))]
        return to_value(d)
    d = parse_words(s)
    return None if d is None else to_value(d)


_MULT_KEYS = norm_table(L.MULTIPLIERS)
_PARSE_DIGITS_RE = re.compile(
    r"(?P<d>" + _DIGITS_BODY + _DIGITS_CASE + r")(?:," + OSP + r"(?P<f2>\d\d))?"
    r"(?:" + OSP + r"(?P<m>" + multiplier_source() + r"))?",
    re.IGNORECASE,
)
