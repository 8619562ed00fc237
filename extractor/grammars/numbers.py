"""Numerals: regex pieces for written numbers and their parser.

Two kinds of numerals are recognised:

* digits: "15 505" (a space, NBSP, thin or figure space between groups of
  three, up to seven groups), "3,17" and "1.5" (decimal comma or dot),
  "1,234,567" (comma thousands only with two commas or more and groups of
  three), "1.500.000" (dot thousands, likewise), "5-ти" / "2-х" (a case ending
  after a hyphen).  One comma or dot before three digits is a decimal here
  ("1,500 млрд"); only the money rules read "45.000 руб." as thousands
  (`facts.recognize.NumberRecognizer._thousands`).  What the grammar cannot
  read whole is no number at all rather than a piece of one: more groups than
  seven, "12 34", an exponent or a power ("1e6", "10^400", "10⁶");
* words: "двадцать шесть", "восемьсот восемьдесят одна тысяча девятьсот
  тринадцать", "полтора миллиарда", "четверть миллиарда", "миллион",
  "двух тысяч", "полмиллиона".

`parse_number` turns either into an int (when integral) or a float.  The
parser works on `decimal.Decimal` so that "3,17 млрд" is exactly
3 170 000 000; arithmetic that would round (over 28 significant digits)
gives None.

The helpers `SP`, `OSP`, `alternation`... are shared by the other grammar
modules of the package.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, Inexact, InvalidOperation, localcontext

from .pieces import DASH, OSP, SP, WEND, WSTART  # noqa: F401 - used by the grammars that import this
from .pieces import alternation as _alternation
from . import number_words as W

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

#: not inside a word, a date, a time or a fraction ("топ-5" is checked by the scanner),
#: not an exponent ("10^400", "10^-3", "1.5E+3": the "400" is no number of its own), nor the tail of
#: a grouped number the body could not read whole ("1 000 ... 000" of too many groups,
#: "12 34", "1 2345": a lone group of one to three digits and a space before it)
_DIGITS_BEFORE = (
    r"(?<![\w.,:/\\^])(?<!\^ )(?<!\d[eE][-+−])(?<!\^[-+−])"
    + "".join(r"(?<!(?<![\d.,])\d{%d}" % n + GROUP_SPACE + ")" for n in (1, 2, 3))
)
#: group counts are bounded (up to 10^21) so that a long run of "123 123 123 ..."
#: costs a bounded match per position, not a quadratic rescan; a longer run is no
#: number at all (`_DIGITS_AFTER`, `_DIGITS_BEFORE`), not its last groups
_DIGITS_BODY = (
    r"(?:\d{1,3}(?:" + GROUP_SPACE + r"\d{3}){1,6}(?:[.,]\d+)?"  # 15 505, 1 154.5
    r"|\d{1,3}(?:,\d{3}){2,6}(?:\.\d+)?"  # 1,234,567
    r"|\d{1,3}(?:\.\d{3}){2,6}(?:,\d+)?"  # 1.234.567
    r"|\d{1,18}(?:[.,]\d{1,12})?)"  # 2023, 3,17, 1.5
)
#: "5-ти", "2-х", "3-ех" (cardinal case endings)
_DIGITS_CASE = r"(?:[-‐‑](?:х|ти|ми|ух|ех|ёх|и|ью)" + WEND + ")?"
#: no date, time, fraction or ordinal suffix after the number; no more groups (the
#: body took as many as it may: "1 000 000 000 000 000 000 000" is no number rather
#: than its first seven groups); no exponent or power ("1e6", "10^6", "10⁶": notations
#: the grammar does not read, so no number rather than the wrong one)
_DIGITS_AFTER = (
    r"(?!\d|[.,:/]\d|[-‐‑][^\W\d_])"
    r"(?!" + GROUP_SPACE + r"\d{3}(?!\d))"
    r"(?![eE][-+]?\d|\s?\^|[⁰¹²³⁴⁵⁶⁷⁸⁹])"
)
DIGITS = _DIGITS_BEFORE + _DIGITS_BODY + _DIGITS_CASE + _DIGITS_AFTER
#: a plain decimal number (for "2-кратный", "70-процентный")
SIMPLE_DIGITS = _DIGITS_BEFORE + r"\d+(?:[.,]\d+)?"

_SPACES_RE = re.compile(r"[\s\u2009\u202f\u2007\u2008\u200a]")
_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3}){2,6}(?:\.\d+)?")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3}){2,6}(?:,\d+)?")
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

_MULT_WORDS = [w for w in W.MULTIPLIERS if w != W.THOUSAND_BEFORE_RUBLE]


def _w(words) -> str:
    return alternation(words) + WEND


def word_number_source() -> str:
    """A numeral written in words (the parser checks the order of the parts)."""
    u, t, d, h = _w(W.UNITS), _w(W.TEENS), _w(W.TENS), _w(W.HUNDREDS)
    group = (
        "(?:" + h + "(?:" + SP + "(?:" + t + "|" + d + "(?:" + SP + u + ")?|" + u + "))?"
        + "|" + t + "|" + d + "(?:" + SP + u + ")?|" + u + ")"
    )
    mult = alternation(_MULT_WORDS) + END
    lead = "(?:" + group + "|" + _w(W.ONE_AND_HALF) + "|" + _w(W.FRACTIONS) + ")"
    chunks = "(?:" + SP + group + SP + mult + "){0,3}(?:" + SP + group + ")?"
    return (
        "(?:" + lead + SP + mult + chunks  # восемьсот восемьдесят одна тысяча девятьсот ...
        + "|" + _w(W.BARE_MULTIPLIERS | W.BARE_MULTIPLIERS_AFTER_QUALIFIER) + chunks  # тысяча двести
        + "|" + _w(HALF_MULTIPLIERS)  # полмиллиона
        + "|" + group + "|" + _w(W.ONE_AND_HALF) + "|" + _w(W.ZERO) + "|" + _w(W.COLLECTIVES)
        + ")"
    )


def multiplier_source() -> str:
    """A multiplier after digits: "тыс.", "млн", "миллиарда", "т." before "р."."""
    return (
        "(?:" + alternation(_MULT_WORDS) + END
        + r"|т\.(?=" + OSP + r"(?:р\.|руб))" + ")"
    )


_RANK = {**{k: 3 for k in W.HUNDREDS}, **{k: 2 for k in W.TENS},
         **{k: 1 for k in W.TEENS}, **{k: 1 for k in W.UNITS}, **{k: 1 for k in W.ZERO}}


def parse_words(s: str) -> Decimal | None:
    """"восемьсот восемьдесят одна тысяча девятьсот тринадцать" -> 881913.

    None when the words do not make one number ("два три", "тысяча миллион").
    """
    state = _Words()
    for tok in s.lower().split():
        step = _WORD_STEPS.get(tok)
        if step is None or not step(state, tok):
            return None
    if state.frac_pending:
        return None
    return state.total if state.group is None else state.total + state.group


@dataclass
class _Words:
    """`parse_words` so far: the sum of the groups read and the group being read."""
    total: Decimal = Decimal(0)
    group: Decimal | None = None
    rank: int = 4  # rank of the last word of the current group (3 hundreds, 2 tens, 1 units)
    last_mult: int | None = None
    frac_pending: bool = False  # "четверть" must be followed by a multiplier

    def multiplier(self, tok: str) -> bool:
        """"тысяча", "миллиона": closes the group; multipliers must decrease."""
        f = W.MULTIPLIERS[tok]
        if self.last_mult is not None and f >= self.last_mult:
            return False
        self.total += (self.group if self.group is not None else Decimal(1)) * f
        self.group, self.rank, self.last_mult, self.frac_pending = None, 4, f, False
        return True

    def half(self, tok: str) -> bool:
        """"полмиллиона": a whole number on its own."""
        if self.group is not None or self.last_mult is not None:
            return False
        self.total += HALF_MULTIPLIERS[tok]
        self.last_mult = HALF_MULTIPLIERS[tok] * 2
        return True

    def lead(self, tok: str) -> bool:
        """"четверть", "полтора", "двое": only before a multiplier or alone."""
        if self.group is not None:
            return False
        if tok in W.FRACTIONS:
            self.group, self.frac_pending = Decimal(str(W.FRACTIONS[tok])), True
        elif tok in W.ONE_AND_HALF:
            self.group = Decimal("1.5")
        else:
            self.group = Decimal(W.COLLECTIVES[tok])
        self.rank = 0
        return True

    def cardinal(self, tok: str) -> bool:
        """"сто", "двадцать", "пять": each of a lower rank than the one before."""
        r = _RANK[tok]
        if r >= self.rank or (self.rank == 1 and r == 1):
            return False
        if tok in W.TEENS and self.rank == 2:  # "двадцать пятнадцать"
            return False
        self.group = (self.group or Decimal(0)) + W.NUMBER_WORDS[tok]
        self.rank = 1 if tok in W.TEENS or tok in W.ZERO else r
        return True


#: word -> its step of `parse_words`; where lists share a word, the later one wins
_WORD_STEPS = {
    **{t: _Words.cardinal for t in _RANK},
    **{t: _Words.lead for t in (*W.FRACTIONS, *W.ONE_AND_HALF, *W.COLLECTIVES)},
    **{t: _Words.half for t in HALF_MULTIPLIERS},
    **{t: _Words.multiplier for t in W.MULTIPLIERS},
}


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
    with localcontext() as ctx:
        ctx.traps[Inexact] = True  # a value that would round is no value
        try:
            return _parse_number(s)
        except Inexact:
            return None


def _parse_number(s: str) -> int | float | None:
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


_MULT_KEYS = norm_table(W.MULTIPLIERS)
_PARSE_DIGITS_RE = re.compile(
    r"(?P<d>" + _DIGITS_BODY + _DIGITS_CASE + r")(?:," + OSP + r"(?P<f2>\d\d))?"
    r"(?:" + OSP + r"(?P<m>" + multiplier_source() + r"))?",
    re.IGNORECASE,
)
