"""`NumberMatch`, what the recogniser returns, and the last pass over the
matches: rules that read two neighbouring matches as one expression ("от 5 %
до 7 %", "82 километра 169 метров") or let the first complete the second
("с 5 % до 7 %": "до" is the new level; "1,3 млрд рублей ... и 1,5 млрд": the
elided currency)."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from ..grammars.numbers import SP, WSTART, to_value
from ..grammars.units import COMPOUND_UNITS
from ..records import FACT_KINDS
from .guards import CLAUSE_BREAK

KINDS = FACT_KINDS


@dataclass(frozen=True)
class NumberMatch:
    kind: str  # "money" | "percent" | "count" | "quantity" | "ratio"
    start: int
    end: int
    text: str
    value: int | float  # fully normalised; the low end of a range
    unit: str | None  # ISO 4217 / "%" / "п.п." / "раз" / unit or noun lemma
    qualifier: str | None = None  # approx | more_than | less_than | at_least | up_to
    qualifier_span: tuple[int, int] | None = None
    low: int | float | None = None  # ranges only
    high: int | float | None = None
    noun: tuple[int, int] | None = None  # counts: the counted noun phrase
    prep: str | None = None  # governing preposition, lower case ("на", "в", "с")


#: a match and the name of the rule that produced it
Hit = tuple[NumberMatch, str]

_OT_BEFORE = re.compile(WSTART + "от" + SP + r"\Z", re.IGNORECASE)
_ENDS_WITH_MULTIPLIER = re.compile(
    r"(?:тыс|млн|млрд|трлн|тысяч[а-я]*|миллион[а-я]*|миллиард[а-я]*|триллион[а-я]*)\.?\Z",
    re.IGNORECASE)


def _to_level(text: str, prev: NumberMatch, cur: NumberMatch) -> bool:
    """"с 7,5 % до 7 %", "от 5 % до 7 %": `cur` is "до" + the other end of `prev`."""
    qs = cur.qualifier_span
    return (cur.qualifier == "up_to" and qs is not None
            and prev.prep in ("с", "со", "от") and prev.low is None
            and text[qs[0]:qs[1]].lower() == "до"
            and qs[0] - prev.end <= 60 and CLAUSE_BREAK.search(text, prev.end, qs[0]) is None
            and prev.kind == cur.kind and prev.unit == cur.unit)


def _range(text: str, prev: NumberMatch, cur: NumberMatch, floor: int) -> NumberMatch | None:
    """"от 5 % до 7 %": one range; its span starts at "от"."""
    if not (_to_level(text, prev, cur) and prev.prep == "от" and prev.value <= cur.value
            and prev.noun is None and not text[prev.end:cur.qualifier_span[0]].strip()):
        return None
    ot = _OT_BEFORE.search(text, max(floor, prev.start - 20), prev.start)
    ps = ot.start() if ot is not None else prev.start
    return NumberMatch(cur.kind, ps, cur.end, text[ps:cur.end], prev.value, cur.unit,
                       prev.qualifier, prev.qualifier_span, prev.value, cur.value, cur.noun, None)


def _new_level(text: str, prev: NumberMatch, cur: NumberMatch, floor: int) -> NumberMatch | None:
    """"с 7,5 % до 7 %": "до" is the target of a change, not `up_to`."""
    if prev.prep not in ("с", "со") or not _to_level(text, prev, cur):
        return None
    return replace(cur, qualifier=None, qualifier_span=None, prep="до")


def _compound_unit(text: str, prev: NumberMatch, cur: NumberMatch, floor: int
                   ) -> NumberMatch | None:
    """"82 километра 169 метров" -> 82.169 километр."""
    ratio = COMPOUND_UNITS.get((prev.unit, cur.unit))
    if not (prev.kind == cur.kind == "quantity" and ratio is not None and prev.low is None
            and cur.low is None and cur.qualifier is None and not text[prev.end:cur.start].strip()):
        return None
    value = to_value(Decimal(str(prev.value)) + Decimal(str(cur.value)) / ratio)
    return NumberMatch("quantity", prev.start, cur.end, text[prev.start:cur.end], value,
                       prev.unit, prev.qualifier, prev.qualifier_span, prep=prev.prep)


def _elided_currency(text: str, prev: NumberMatch, cur: NumberMatch, floor: int
                     ) -> NumberMatch | None:
    """"1,3 млрд рублей в 2018 году и 1,5 млрд в 2019": the second takes the currency."""
    if not (prev.kind == "money" and cur.kind == "count" and cur.noun is None
            and _ENDS_WITH_MULTIPLIER.search(cur.text) and cur.start - prev.end <= 80
            and CLAUSE_BREAK.search(text, prev.end, cur.start) is None):
        return None
    return replace(cur, kind="money", unit=prev.unit, noun=None)


PairRule = Callable[[str, NumberMatch, NumberMatch, int], NumberMatch | None]

#: (name, rule, joins): a rule reads the match before and the current one (`floor`: where
#: the match before those ends); with `joins` its result replaces both, else the current one
#: only.  At most one rule applies to a pair.
PAIR_RULES: tuple[tuple[str, PairRule, bool], ...] = (
    ("range", _range, True),
    ("new_level", _new_level, False),
    ("compound_unit", _compound_unit, True),
    ("elided_currency", _elided_currency, False),
)


def join_pairs(text: str, hits: list[Hit]) -> list[Hit]:
    """Apply `PAIR_RULES` to each match and the one before it; the pair rule's name
    is added to the name of the rule of the match it makes ("percent+range")."""
    res: list[Hit] = []
    for cur, rule in hits:
        pair = _pair(text, res, cur) if res else None
        if pair is None:
            res.append((cur, rule))
            continue
        name, new, joins = pair
        if joins:
            res[-1] = (new, res[-1][1] + "+" + name)
        else:
            res.append((new, rule + "+" + name))
    return res


def _pair(text: str, res: list[Hit], cur: NumberMatch) -> tuple[str, NumberMatch, bool] | None:
    """The first pair rule that applies to the last match of `res` and `cur`."""
    prev = res[-1][0]
    floor = res[-2][0].end if len(res) > 1 else 0
    for name, rule, joins in PAIR_RULES:
        new = rule(text, prev, cur, floor)
        if new is not None:
            return name, new, joins
    return None
