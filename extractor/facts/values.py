"""The value of each number of a match: digits or words, with a multiplier,
the rest of a composite number ("1 млрд 200 млн") and the shape facts the
rules need (a year? an integer? which noun form does it govern?)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..grammars import counts as C
from ..grammars.number_words import (
    BARE_MULTIPLIERS_AFTER_QUALIFIER, COLLECTIVES, MULTIPLIERS, ONE_AND_HALF,
)
from ..grammars.numbers import norm_form, parse_digits, parse_words

_MULT = {norm_form(k): v for k, v in MULTIPLIERS.items()}
_YEAR_MIN, _YEAR_MAX = 1900, 2100
_LATIN_SYMBOLS = frozenset("$£€")
_EN_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
#: "45.000", "45,000": one to three digits, no leading zero ("0,500" is a decimal
#: however it is read), one dot or comma, three digits.  Not after groups of spaces:
#: who groups thousands with spaces writes the decimal comma ("1 000 000,000").
_ONE_SEPARATOR_THOUSANDS = re.compile(r"[1-9]\d{0,2}[.,]\d{3}")
_HYPHEN = re.compile("[-‐‑]")


@dataclass
class Num:
    """One parsed number of a match."""
    value: Decimal
    factor: int | None  # its multiplier, if written
    start: int
    end: int
    year_like: bool = False  # a bare 4-digit 1900..2100
    last_int: int | None = None  # the integer that governs the noun form
    fraction: bool = False
    words: bool = False
    bare_mult: str | None = None  # "тысячи" alone
    #: "45.000", "45,000": the value if the one dot or comma separates thousands (the
    #: money rules decide, `recognize.NumberRecognizer._thousands`); None: not so written
    thousands: Decimal | None = None

    def noun_form(self) -> str:
        """The form of the noun after it: "21 школа", "22 школы", "25 школ", "2,5 тыс. школ"."""
        if self.factor is not None:
            return C.FEW if self.fraction else C.MANY
        return C.agreement(self.last_int, self.fraction)


@dataclass
class Operands:
    """The numbers of a match ("3–5 млн": `a` and `b`) and the words before them."""
    a: Num
    b: Num | None
    qual: str | None
    qspan: tuple[int, int] | None
    prep: str | None
    pstart: int | None  # where `prep` starts
    split: bool = False  # "с 5 до 7 %": two matches, a change from one value to the other
    range_start: int | None = None  # "от 3 до 5 тыс.": the span starts at "от"

    @property
    def last(self) -> Num:
        """The number the unit or noun follows (and agrees with)."""
        return self.b if self.b is not None else self.a

    def read_range(self, rsep: str) -> bool:
        """Check "3–5 млн", "от 3 до 5", "с 5 до 7 %"; False: not one expression."""
        a, b = self.a, self.b
        if rsep == "до":
            if self.prep == "от":
                self.range_start = self.pstart
            elif self.prep in ("с", "со"):
                self.split = True
            else:
                return False
        elif a.year_like:
            return False  # "2020 – 3000 тыс. руб.": a year, then a value
        if a.words != b.words and rsep != "до":
            return False
        if a.factor is None and b.factor is not None and a.value * b.factor <= b.value:
            a.value *= b.factor  # "от 3 до 5 тыс." -> 3000..5000, not "от 500 до 1,5 тыс."
            a.factor = b.factor
        return self.split or a.value <= b.value


def parse_operand(m: re.Match, p: str) -> Num | None:
    """The number of group `p` ("a", or "b" of a range); None if it is not one."""
    if m.group(p + "_d") is not None:
        return _digits(m, p)
    return _words(m, p)


def _factor(multiplier: str) -> int:
    return _MULT.get(norm_form(multiplier), 1000)  # "т." before "р."


def _digits(m: re.Match, p: str) -> Num | None:
    d = m.group(p + "_d")
    v = parse_digits(d)
    if (m.groupdict().get("pre") or "")[:1] in _LATIN_SYMBOLS and _EN_THOUSANDS.fullmatch(d):
        v = parse_digits(d.replace(",", ""))  # "$635,000"
    if v is None:
        return None
    factor = None
    if m.group(p + "_m"):
        factor = _factor(m.group(p + "_m"))
        v = _composite(m, p, v * factor, factor)
        if v is None:
            return None
    f2 = m.groupdict().get(p + "_f2")
    if f2:
        v += Decimal(f2.split(",")[1].strip()) / 100  # "1 599 059, 38 Евро"
    plain, suffix = _case_suffix(d)
    year_like = (factor is None and plain.isdigit() and len(plain) == 4
                 and _YEAR_MIN <= int(plain) <= _YEAR_MAX)
    if suffix and (year_like or (len(plain) <= 2 and plain.endswith("0"))):
        return None  # "1970-х", "90-х": decades
    as_int = _written_int(d, plain)
    thousands = None
    if factor is None and not f2 and not suffix and _ONE_SEPARATOR_THOUSANDS.fullmatch(plain):
        thousands = parse_digits(plain.replace(",", "").replace(".", ""))
    sign = m.groupdict().get(p + "_sign")
    if sign and sign != "+":
        v = -v
        thousands = None if thousands is None else -thousands
    return Num(v, factor, m.start(p), m.end(p), year_like=year_like and not sign,
               last_int=as_int, fraction=as_int is None, thousands=thousands)


def _composite(m: re.Match, p: str, v: Decimal, factor: int) -> Decimal | None:
    """"125 тыс. 963", "1 млрд 200 млн": add the rest; None if it is not one number."""
    rest = m.group(p + "_r")
    if rest is None:
        return v
    rv = parse_digits(rest)
    rf = _factor(m.group(p + "_rm")) if m.group(p + "_rm") else 1
    if rv is None or rv * rf >= factor:
        return None  # "5 млн 2000"
    return v + rv * rf


def _case_suffix(d: str) -> tuple[str, str]:
    """"5-ти" -> ("5", "ти"), "15 505" -> ("15 505", "")."""
    parts = _HYPHEN.split(d.strip(), maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (parts[0], "")


def _written_int(d: str, plain: str) -> int | None:
    """The integer `d` is written as; None for a decimal ("3,0" too, but not "1,234,567")."""
    raw = parse_digits(d)
    compact = "".join(plain.split())
    written_decimal = ("," in compact or "." in compact) and not (
        compact.count(",") >= 2 or compact.count(".") >= 2)
    return int(raw) if raw == raw.to_integral_value() and not written_decimal else None


def _words(m: re.Match, p: str) -> Num | None:
    w = m.group(p + "_w")
    v = parse_words(w)
    if v is None:
        return None
    toks = w.lower().split()
    factor = MULTIPLIERS.get(toks[-1])
    last = None
    frac = False
    if factor is None:
        if toks[-1] in ONE_AND_HALF:
            frac = True
        elif toks[-1] in COLLECTIVES:
            last = 5  # collectives take the genitive plural
        else:
            last = int(v)
    bare = toks[0] if len(toks) == 1 and toks[0] in BARE_MULTIPLIERS_AFTER_QUALIFIER else None
    return Num(v, factor, m.start(p), m.end(p), last_int=last, fraction=frac, words=True,
               bare_mult=bare)
