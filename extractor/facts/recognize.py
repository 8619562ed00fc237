"""Fast regex recogniser of numeric expressions in Russian text.

    rec = NumberRecognizer()          # compiles the patterns once (~0.5 s)
    rec.find("Выручка выросла на 32% и составила $3,17 млрд.")
    -> [NumberMatch(kind='percent', text='32%', value=32, unit='%', prep='на', ...),
        NumberMatch(kind='money', text='$3,17 млрд', value=3170000000, unit='USD', ...)]

The hot path is one scan of one compiled regex over the whole text (no
tokenisation, no morphology); each hit is checked and normalised by a small
rule, chosen by the regex group that matched (`NumberRecognizer._TAIL_RULES`:
the unit after the number), and a last pass over the matches joins pairs ("от
5 % до 7 %", "82 километра 169 метров", `matches.PAIR_RULES`).  Each rule has
a name: `NumberRecognizer.debug(text)` tells which rule produced each match.
Kinds and units:

=========  =====================================================  ==========================
kind       examples                                               unit
=========  =====================================================  ==========================
money      "$3,17 млрд", "20 т. р.", "124 451 рубль 50 копеек"    ISO 4217 code ("RUB")
percent    "32%", "113,9 %", "2 п.п.", "25 б.п.", "70-процентное" "%", "п.п.", "б.п.", "‰"
count      "восемь команд", "645,7 тыс. человек", "15 тысяч"      noun lemma guess or None
quantity   "10 тыс. тонн", "150 гектаров", "2,5 кв. м"            unit lemma ("тонна")
ratio      "в 26 раз", "в 1,9 раза", "вдвое", "двукратный рост"   "раз"
=========  =====================================================  ==========================

Spans
-----
`start`/`end` are str offsets into the text given to `find` (end exclusive,
`text == original[start:end]`).  The span is the number expression: the
number, its multiplier, the currency / percent sign / measure unit, and the
minor amount ("руб. 98 коп.").  The dot of an abbreviation is part of it
when it touches the word ("100 млрд руб.", "2,4 млн. кв. м."), except after
the abbreviations Russian writes without one ("$270 млн." -> "$270 млн": the
dot is the full stop).  A qualifier before the number ("более", "около",
"не менее", "превысила") is *not* part of the span: it is in `qualifier`
with its own `qualifier_span`; the governing preposition ("на 32%", "в 2000
рублей", "до" of a new level) is in `prep`.  Exceptions: the "в" of a ratio
is part of it ("в 26 раз"), and so is the "от" of a range ("от 3 до 5 тыс.
рублей").

A count's span runs over its counted noun phrase ("4,5 тысячи совместных
предприятий", "20 спортсменов", "106 чел."), as a quantity's runs over its
unit; `noun` is the span of the noun phrase alone, for the caller to
lemmatise.  `NumberRecognizer(count_noun_in_span=False)` keeps the number
alone ("4,5 тысячи", the NEREL convention).  In "54 из 81 члена" the first
count's span is "54" and its `noun` points at "члена".

Values
------
`value` is fully normalised (multipliers applied, composite numbers added
up, minor units added): an int when integral, else a float.  Ranges ("от 3
до 5 тыс. рублей", "3–5 млн", "10-15%", "в 2–3 раза") are one match with
`low` and `high`, and `value` is the low end (the amount that is certainly
reached); a bare first number takes the multiplier of the second when that
keeps low <= high ("от 3 до 5 тыс." -> 3000..5000, but "от 500 до 1,5 тыс."
-> 500..1500).  "с 5 % до 7 %" and "с 5 до 7 %" are two matches (a change
from one value to another: prep "с", then prep "до"), not a range.

Qualifiers: approx | more_than | less_than | at_least | up_to (see
`grammars.qualifiers.QUALIFIERS`).  "до" is `up_to` ("штраф до миллиона рублей") except
after "с ..." or a word of change earlier in the clause ("возрастет до 3,1
тыс. руб"), where it marks the new level: no qualifier, prep "до".

Money whose currency is elided takes it from the money just before it in
the same clause ("1,3 млрд рублей в 2018 году и 1,5 млрд в 2019").

What is not a number here: years, dates and times ("2023 году", "11:25",
"02.12.2025", "1970-х"), labels and codes ("№ 49", "ВАЗ 2115", "топ-5",
"статьи 5"), titles («Двенадцать стульев»), ranks ("3 место", "9 класс"),
ordinals, durations and ages ("5 лет", "12 часов", "72-х летний": the date
layer's business), bare numbers without a noun, unit, multiplier, qualifier
or verb ("против — 59", "(22)"; but a collective numeral alone counts people:
"спасли ещё шестерых", "трое из них"), "один" as a pronoun ("ещё один", "один
из"), vague numbers ("несколько", "десятки", "тысячи людей"), shares written
with a slash ("3/4"), "-кратный" before a title ("двукратный чемпион").
Shares in words are percentages ("более трети" 33.333333 %, "две трети",
"на четверть", "половина", "десятая часть" 10 %), except a stretch of time
("во второй половине 2019 года").
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, Inexact, localcontext
from typing import NamedTuple

from ..grammars import counts as C
from ..grammars import money as M
from ..grammars import percent as P
from ..grammars import ratio as R
from ..grammars.number_words import COLLECTIVES, HUNDREDS, TENS
from ..grammars.qualifiers import QUALIFIERS
from ..grammars.numbers import SP, parse_digits, to_value
from . import guards as G
from .matches import KINDS, Hit, NumberMatch, join_pairs
from .patterns import compile_patterns
from .values import Operands, parse_operand

__all__ = ["KINDS", "NumberMatch", "NumberRecognizer", "RuleHit"]

_QUAL = {" ".join(k.split()): v for k, v in QUALIFIERS.items()}
_ORDINAL_HEADS = frozenset(list(HUNDREDS) + list(TENS))
#: a match with no more digits than this is read exactly in Decimal's default 28 digits
_EXACT_DIGITS = 28 - 12 - 2
_RATE = re.compile(r"\bкурс|\bкотировк", re.IGNORECASE)  # "курс евро на бирже — 98,615 рубля"
RATE_WINDOW = 40  # characters before the number where the rate is named
PEOPLE = "человек"  # what a collective numeral with no noun counts ("трое из них")


def _after_rate(text: str, start: int) -> bool:
    return _RATE.search(text, max(start - RATE_WINDOW, 0), start) is not None


_FROM_NUMBER = re.compile(SP + r"из" + SP + r"(?=\d|[^\W\d_])", re.IGNORECASE)


class RuleHit(NamedTuple):
    """A match as `NumberRecognizer.debug` explains it: its span, the name of
    the rule that produced it ("currency", "percent+range", "count"...) and
    what the rule read."""
    text: str
    start: int
    end: int
    rule: str
    kind: str
    value: int | float
    unit: str | None


@dataclass(frozen=True)
class _Reading:
    """What a rule made of a number: its kind, unit and where the span ends."""
    rule: str
    kind: str
    unit: str | None
    end: int
    noun: tuple[int, int] | None = None  # counts: the counted noun phrase
    noun_in_span: bool = True  # False: "54 из 81 члена", the noun belongs to the other number
    minor: Decimal = Decimal(0)  # "рубль 50 копеек": added to the last number
    takes_prep: bool = False  # the preposition is part of the span ("в 26 раз")


#: a rule reads the number of a match; None: the match is no number
Rule = Callable[["NumberRecognizer", str, re.Match, Operands], "_Reading | None"]
#: what a rule of the master pattern finds: one or two matches and the rule's name
_Found = tuple[list[NumberMatch], str]
#: qualifier, qualifier span, preposition, start of the preposition
_Lead = tuple[str | None, tuple[int, int] | None, str | None, int | None]


def _unit_rule(name: str, kind: str, unit: str) -> Rule:
    """A rule for a unit that fixes kind and unit: "%", "п.п.", "б.п.", "‰"."""
    def rule(self: NumberRecognizer, text: str, m: re.Match, ops: Operands) -> _Reading:
        return _Reading(name, kind, unit, m.end("tail"))
    return rule


class NumberRecognizer:
    """Find money, percentages, counts, quantities and ratios in Russian text.

    Build once (the constructor compiles the patterns) and reuse; `find`
    keeps no state between calls.
    """

    def __init__(self, count_noun_in_span: bool = True) -> None:
        self._p = compile_patterns()
        #: the span of a count runs over its noun phrase ("20 спортсменов"), as the
        #: span of a quantity runs over its unit; False: the number alone ("20", the
        #: NEREL convention).  `noun` is the noun phrase's span either way.
        self.count_noun_in_span = count_noun_in_span

    def find(self, text: str) -> list[NumberMatch]:
        """Every numeric expression of `text`, in text order, not overlapping."""
        return [match for match, _ in self._scan(text)]

    def debug(self, text: str) -> list[RuleHit]:
        """`find`, with the name of the rule behind each match, to explain a wrong one:

            >>> rec.debug("Цены выросли в 2 раза")
            [RuleHit(text='в 2 раза', start=13, end=21, rule='ratio', kind='ratio', value=2,
                     unit='раз')]
        """
        return [RuleHit(m.text, m.start, m.end, rule, m.kind, m.value, m.unit)
                for m, rule in self._scan(text)]

    def _scan(self, text: str) -> list[Hit]:
        """Each match with its rule: one regex scan, then the pair rules."""
        out: list[Hit] = []
        search = self._p.master.search
        pos = 0
        prev_end = 0
        while True:
            m = search(text, pos)
            if m is None:
                break
            hit = self._MASTER_RULES[m.lastgroup](self, text, m, prev_end)
            if hit is None:
                pos = m.start() + 1
                continue
            matches, rule = hit
            out.extend((x, rule) for x in matches)
            prev_end = pos = matches[-1].end
        return join_pairs(text, out) if len(out) > 1 else out

    # ------------------------------------------------------------ helpers

    def _lead(self, text: str, start: int, prev_end: int) -> _Lead:
        """What stands before a match (after the previous one): qualifier, preposition."""
        lo = max(prev_end, start - 50, 0)
        m = self._p.lead.search(text, lo, start)
        if m is None or m.start() == start:
            return None, None, None, None
        qual = None
        qspan = None
        for g in ("q1", "q2"):
            if m.group(g):
                s = m.start(g)
                e = s + len(m.group(g).rstrip())
                qual = _QUAL.get(" ".join(m.group(g).lower().split()))
                qspan = (s, e)
        prep = m.group("p")
        pstart = m.start("p") if prep else None
        if prep:
            prep = prep.strip().lower()
        if (qual == "up_to" and prep is None and text[qspan[0]:qspan[1]].lower() == "до"
                and G.change_before(text, qspan[0])):
            return None, None, "до", qspan[0]  # "возрастет до 3,1 тыс. руб": the new level
        return qual, qspan, prep, pstart

    def _partitive(self, text: str, end: int) -> G.Noun | None:
        """"54 из 81 члена": the count takes the noun of the number after "из"."""
        m = _FROM_NUMBER.match(text, end)
        if m is None:
            return None
        n = self._p.single.match(text, m.end())
        if n is None or n.group("tail") is not None:
            return None
        p = parse_operand(n, "a")
        if p is None:
            return None
        form = C.agreement(p.last_int, p.fraction or p.factor is not None)
        status, noun, unit = C.counted_noun(text, n.end(), form)
        if status == C.EXCLUDED:
            return None
        return G.Noun(C.NOUN if noun else C.PARTITIVE, noun, unit)

    def _operands(self, text: str, m: re.Match, prev_end: int) -> Operands | None:
        """The numbers of a match and what stands before them; None: no number here."""
        a = parse_operand(m, "a")
        if a is None or G.glued_label(text, m.start()):
            return None
        b = None
        if m.groupdict().get("b") is not None:
            b = parse_operand(m, "b")
            if b is None:
                return None
        ops = Operands(a, b, *self._lead(text, m.start(), prev_end))
        if b is not None and not ops.read_range(m.group("rsep").strip().lower()):
            return None
        return ops

    # ------------------------------------------------------------ rules

    def _number_or_single(self, text: str, m: re.Match, prev_end: int) -> _Found | None:
        """A number; a failed range ("2020 – 3000 тыс. руб.") is read again from its first number."""
        hit = self._number(text, m, prev_end)
        if hit is None and m.group("b") is not None:
            single = self._p.single.match(text, m.start())
            if single is not None:
                hit = self._number(text, single, prev_end)
        return hit

    def _number(self, text: str, m: re.Match, prev_end: int) -> _Found | None:
        """The numbers of the match, read by the rule of what follows them.

        The arithmetic is exact or there is no match: a sum or a product that would
        round (more than 28 significant digits, "123456789012345678,123456789012
        трлн") gives no fact rather than a wrong value.  A match of at most
        `_EXACT_DIGITS` digits cannot round (a multiplier adds at most 12 digits, the
        kopecks 2), so it skips the checked context, which costs a tenth of the scan."""
        if len(m.group()) <= _EXACT_DIGITS or sum(map(str.isdigit, m.group())) <= _EXACT_DIGITS:
            return self._read_number(text, m, prev_end)
        with localcontext() as ctx:
            ctx.traps[Inexact] = True
            try:
                return self._read_number(text, m, prev_end)
            except Inexact:
                return None

    def _read_number(self, text: str, m: re.Match, prev_end: int) -> _Found | None:
        ops = self._operands(text, m, prev_end)
        if ops is None:
            return None
        reading = self._rule(m)(self, text, m, ops)
        if reading is None or (ops.a.bare_mult is not None and ops.qual is None):
            return None  # "тысячи людей": vague
        matches = self._emit(text, m, ops, reading)
        return None if matches is None else (matches, reading.rule)

    def _rule(self, m: re.Match) -> Rule:
        """The rule of a number: by the currency before it, else by the unit after it."""
        if m.group("pre") is not None:
            return NumberRecognizer._currency_before
        if m.group("tail") is not None:
            for group, rule in self._TAIL_RULES.items():
                if m.group(group) is not None:
                    return rule
        return NumberRecognizer._count

    def _emit(self, text: str, m: re.Match, ops: Operands, r: _Reading) -> list[NumberMatch] | None:
        """The match(es) of a reading: one, a range, or two for "с 5 до 7 %"."""
        a, b, last = ops.a, ops.b, ops.last
        if r.minor:
            last.value += r.minor
        end = r.end
        if r.kind == "count" and r.noun is not None and self.count_noun_in_span and r.noun_in_span:
            end = max(end, r.noun[1])
        end = G.trim_dot(text, m.start(), end)
        start, prep = m.start(), ops.prep
        if r.takes_prep:
            start, prep = ops.pstart, None
        elif ops.range_start is not None:
            start = ops.range_start
        if ops.split:  # "с 5 до 7 %": from one value to the other
            first = NumberMatch(r.kind, start, a.end, text[start:a.end], to_value(a.value),
                                r.unit, ops.qual, ops.qspan, prep=prep)
            second = NumberMatch(r.kind, b.start, end, text[b.start:end], to_value(b.value),
                                 r.unit, None, None, noun=r.noun, prep="до")
            return [first, second]
        if b is not None:
            lo, hi = to_value(a.value), to_value(b.value)
            prep = prep if ops.range_start is None else None  # "от" is part of the span
            return [NumberMatch(r.kind, start, end, text[start:end], lo, r.unit, ops.qual,
                                ops.qspan, lo, hi, r.noun, prep)]
        if a.year_like and r.kind == "count" and r.noun is None:
            return None
        return [NumberMatch(r.kind, start, end, text[start:end], to_value(a.value), r.unit,
                            ops.qual, ops.qspan, noun=r.noun, prep=prep)]

    @staticmethod
    def _thousands(ops: Operands) -> bool | None:
        """"45.000 руб.", "45,000 руб", "$1 000.000": the dot or comma separates thousands.

        The rule (Russian writes a decimal comma: "3,17 млрд", "2,5 %"): a money
        amount with no multiplier whose one dot or comma is followed by exactly three
        digits, the last of the number, its head with no leading zero, reads the
        separator as a thousands one -- money has no third decimal (kopecks and cents
        take two), so "45.000 руб." is 45 000, as a reader and natasha's money grammar
        (a fraction is one or two digits there) read it.  With a multiplier it stays a
        decimal ("1,500 млрд" is 1.5 billion: every such number of the corpora reads
        so), and so it does with any other unit ("3,526 кг", "0,125 %").  Two dots or
        commas ("1.250.000") are thousands already (`numbers.parse_digits`).  True:
        the values are read so; None: a range with one number so written and one not
        ("45–50.000 руб."), which cannot be read exactly; False: nothing to read.
        """
        nums = [ops.a] if ops.b is None else [ops.a, ops.b]
        marked = [n.thousands is not None for n in nums]
        if not any(marked):
            return False
        if not all(marked):
            return None
        for n in nums:
            n.value, n.last_int, n.fraction = n.thousands, None, False
        return True

    def _money(self, rule: str, code: str | None, end: int, ops: Operands,
               minor: Decimal = Decimal(0), rate: bool = False) -> _Reading | None:
        """A money reading, with "45.000" read as thousands (`_thousands`), except in an
        exchange rate, which has three decimals or four ("курс доллара — 65,345 рубля")."""
        thousands = False if rate else self._thousands(ops)
        if thousands is None:
            return None
        return _Reading(rule + ".thousands" if thousands else rule, "money", code, end,
                        minor=minor)

    def _currency_before(self, text: str, m: re.Match, ops: Operands) -> _Reading | None:
        """"$3,17 млрд", "USD 5 млн": the symbol decides the currency."""
        end = m.end("tail") if m.group("cur") is not None else ops.last.end
        return self._money("currency_before", M.currency_code(m.group("pre")), end, ops, rate=_after_rate(text, m.start()))

    def _currency(self, text: str, m: re.Match, ops: Operands) -> _Reading | None:
        """"3,17 млрд долларов", "124 451 рубль 50 копеек"."""
        code = M.currency_code(m.group("cur"))
        if code is None:
            return self._count(text, m, ops)  # "100 крон": a count of an unknown currency
        minor = Decimal(m.group("mn")) / 100 if m.group("mn") is not None else Decimal(0)
        return self._money("currency", code, m.end("tail"), ops, minor, rate=_after_rate(text, m.start()))

    def _minor_unit(self, text: str, m: re.Match, ops: Operands) -> _Reading:
        """"50 копеек" = 0.5 RUB."""
        ops.a.value /= 100
        if ops.b is not None:
            ops.b.value /= 100
        return _Reading("minor_unit", "money", M.minor_code(m.group("minor")), m.end("tail"))

    def _count_abbreviation(self, text: str, m: re.Match, ops: Operands) -> _Reading:
        """"106 чел.", "15 шт.": a count; the abbreviation is its noun."""
        return _Reading("count_abbreviation", "count", C.count_abbreviation_lemma(m.group("cnt")),
                        ops.last.end, noun=m.span("cnt"))

    def _measure_unit(self, text: str, m: re.Match, ops: Operands) -> _Reading | None:
        """"10 тыс. тонн", "2,5 кв. м"."""
        end = m.end("tail")
        if m.group("unit").lower() == "г" and (ops.a.year_like or text[end:end + 1] == "."):
            return None  # "2015 г", "5 г.": a year, not grams
        return _Reading("measure_unit", "quantity", C.unit_lemma(m.group("unit")), end)

    def _times(self, text: str, m: re.Match, ops: Operands) -> _Reading:
        """"в 26 раз" is a ratio; "пять раз" a count of times."""
        if ops.prep in R.RATIO_PREPOSITIONS and not ops.split:
            return _Reading("ratio", "ratio", R.UNIT, m.end("tail"), takes_prep=True)
        return _Reading("count_of_times", "count", "раз", ops.last.end, noun=m.span("raz"))

    def _count(self, text: str, m: re.Match, ops: Operands) -> _Reading | None:
        """A number with no unit: a count if a noun, a multiplier, a qualifier or a
        verb makes it one ("восемь команд", "15 тысяч", "около 600", "15 получили")."""
        a, core_end = ops.a, ops.last.end
        ordinal_follows = a.words and m.group("a_w").lower().split()[-1] in _ORDINAL_HEADS
        noun = G.Noun(*C.counted_noun(text, core_end, ops.last.noun_form(),
                                     ordinal_follows=ordinal_follows))
        if noun.status == C.EXCLUDED:
            return None
        if noun.span is None and ops.b is None and a.words and m.group("a_w").lower() in COLLECTIVES:
            return _Reading("count.collective", "count", PEOPLE, core_end)  # "спасли ещё шестерых", "трое из них"
        partitive = None
        if noun.status == C.NONE and ops.b is None:
            partitive = self._partitive(text, core_end)  # "54 из 81 члена", "шесть из 11 стран"
            noun = partitive or noun
        if any(check(text, m, ops, noun) for check in G.NOT_A_COUNT):
            return None
        return _Reading("count", "count", noun.lemma, core_end, noun=noun.span,
                        noun_in_span=partitive is None)

    #: the group of the unit after a number -> its rule (a number with none is a `_count`)
    _TAIL_RULES: dict[str, Rule] = {
        "cur": _currency,
        "minor": _minor_unit,
        "pp": _unit_rule("percent_points", "percent", P.UNIT_POINTS),
        "bp": _unit_rule("basis_points", "percent", P.UNIT_BASIS_POINTS),
        "pct": _unit_rule("percent", "percent", P.UNIT_PERCENT),
        "prm": _unit_rule("promille", "percent", P.UNIT_PROMILLE),
        "cnt": _count_abbreviation,
        "unit": _measure_unit,
        "raz": _times,
    }

    def _ratio_word(self, text: str, m: re.Match, prev_end: int) -> _Found | None:
        """"вдвое", "двукратный рост", "10-кратное увеличение"."""
        if m.group("rw_n") is not None:
            v = parse_digits(m.group("rw_n"))
            value = None if v is None else to_value(v)
        else:
            value = R.word_value(m.group("rw_a"), m.group("rw_s"))
        if value is None:
            return None
        if m.group("rw_a") is None and not R.is_ratio_adjective(text, m.end(), m.group()):
            return None  # "двукратный чемпион": a count of times
        qual, qspan, prep, _ = self._lead(text, m.start(), prev_end)
        return [NumberMatch("ratio", m.start(), m.end(), m.group(), value, R.UNIT, qual, qspan,
                            prep=prep)], "ratio_word"

    def _percent_adjective(self, text: str, m: re.Match, prev_end: int) -> _Found | None:
        """"70-процентное снижение", "стопроцентная явка"."""
        if m.group("pa_n") is not None:
            v = parse_digits(m.group("pa_n"))
            value = None if v is None else to_value(v)
        else:
            value = P.adjective_value(m.group("pa_w"))
        if value is None:
            return None
        qual, qspan, prep, _ = self._lead(text, m.start(), prev_end)
        return [NumberMatch("percent", m.start(), m.end(), m.group(), value, P.UNIT_PERCENT,
                            qual, qspan, prep=prep)], "percent_adjective"

    def _fraction(self, text: str, m: re.Match, prev_end: int) -> _Found | None:
        """"более трети", "на четверть", "две трети", "десятая часть": a share, in percent;
        not "во второй половине года" (a stretch of time)."""
        if P.is_time(text, m.start(), m.end()):
            return None
        value = P.fraction_value(m.group("fr_n"), m.group("fr_d"), m.group("fr_o"))
        qual, qspan, prep, _ = self._lead(text, m.start(), prev_end)
        return [NumberMatch("percent", m.start(), m.end(), m.group(), value, P.UNIT_PERCENT,
                            qual, qspan, prep=prep)], "fraction"

    #: the alternative of the master pattern that matched -> its rule
    _MASTER_RULES = {"num": _number_or_single, "rw": _ratio_word, "pa": _percent_adjective, "fr": _fraction}
