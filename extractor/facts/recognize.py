"""Fast regex recogniser of numeric expressions in Russian text.

    rec = NumberRecognizer()          # compiles the patterns once (~0.5 s)
    rec.find("Выручка выросла на 32% и составила $3,17 млрд.")
    -> [NumberMatch(kind='percent', text='32%', value=32, unit='%', prep='на', ...),
        NumberMatch(kind='money', text='$3,17 млрд', value=3170000000, unit='USD', ...)]

The hot path is one scan of one compiled regex over the whole text (no
tokenisation, no morphology); each hit is checked and normalised by a small
handler, and a last pass over the matches joins pairs ("от 5 % до 7 %",
"82 километра 169 метров").  Kinds and units:

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
`lexicon.QUALIFIERS`).  "до" is `up_to` ("штраф до миллиона рублей") except
after "с ..." or a word of change earlier in the clause ("возрастет до 3,1
тыс. руб"), where it marks the new level: no qualifier, prep "до".

Money whose currency is elided takes it from the money just before it in
the same clause ("1,3 млрд рублей в 2018 году и 1,5 млрд в 2019").

What is not a number here: years, dates and times ("2023 году", "11:25",
"02.12.2025", "1970-х"), labels and codes ("№ 49", "ВАЗ 2115", "топ-5",
"статьи 5"), titles («Двенадцать стульев»), ranks ("3 место", "9 класс"),
ordinals, durations and ages ("5 лет", "12 часов", "72-х летний": the date
layer's business), bare numbers without a noun, unit, multiplier, qualifier
or verb ("против — 59", "(22)"), "один" as a pronoun ("ещё один", "один
из"), vague numbers ("несколько", "десятки", "тысячи людей"), shares ("две
трети", "3/4"), "-кратный" before a title ("двукратный чемпион").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..grammars import counts as C
from ..grammars import lexicon as L
from ..grammars import money as M
from ..grammars import percent as P
from ..grammars import ratio as R
from ..grammars.numbers import (
    DASH, DIGITS, HALF_MULTIPLIERS, OSP, SP, WEND, WSTART, alternation, multiplier_source,
    norm_form, parse_digits, parse_words, to_value, word_number_source,
)

__all__ = ["NumberMatch", "NumberRecognizer"]

KINDS = ("money", "percent", "count", "quantity", "ratio")


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


# --------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------


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
    words = set(L.NUMBER_WORDS) | set(L.BARE_MULTIPLIERS) | set(L.BARE_MULTIPLIERS_AFTER_QUALIFIER)
    words |= set(L.FRACTIONS) | set(L.RATIO_ADVERBS) | set(HALF_MULTIPLIERS)
    stems = [s + L.RATIO_ADJECTIVE_STEM for s in L.RATIO_STEMS] + list(L.WORD_PERCENT_ADJECTIVES)
    syms = re.escape(M.prefix_first_chars())
    codes = "(?-i:US\\$|" + "|".join(sorted(L.CURRENCY_CODES)) + ")"
    return (
        r"\d|[-−+]\d|[" + syms + "]|" + codes + "|" + alternation(words) + WEND
        + "|" + alternation(stems)
    )


def _master_source() -> str:
    return (
        WSTART + "(?=" + _first_words() + ")(?:"
        + "(?P<rw>" + R.word_source("rw") + ")"
        + "|(?P<pa>" + P.adjective_source("pa") + ")"
        + "|(?P<num>" + _number_source(True) + ")"
        + ")"
    )


def _lead_source() -> str:
    qual_words = [q for q in L.QUALIFIERS if q[0].isalpha()]
    qual_syms = "".join(q for q in L.QUALIFIERS if len(q) == 1 and not q.isalpha())
    qual = (
        "(?:" + WSTART + alternation(qual_words) + WEND + SP
        + "|[" + re.escape(qual_syms) + "]" + OSP + ")"
    )
    prep = WSTART + alternation(L.PREPOSITIONS) + WEND + SP
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


# --------------------------------------------------------------------------
# Recogniser
# --------------------------------------------------------------------------

_MULT = {norm_form(k): v for k, v in L.MULTIPLIERS.items()}
_QUAL = {" ".join(k.split()): v for k, v in L.QUALIFIERS.items()}
_LABEL_BEFORE = L.LABEL_WORDS_BEFORE
_PREV_TOKEN = re.compile(r"(\S+)[^\S\r\n]*\Z")
_YEAR_MIN, _YEAR_MAX = 1900, 2100
_ORDINAL_HEADS = frozenset(list(L.HUNDREDS) + list(L.TENS))
_FROM_NUMBER = re.compile(SP + r"из" + SP + r"(?=\d|[^\W\d_])", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"(?:" + SP + r"[^\W\d_]+){0,2}[»\"”]")
_OPEN_QUOTES = frozenset("«\"“„'")
_LEADING_PUNCT = "(«\"“„'[{"
_ENDS_WITH_MULTIPLIER = re.compile(
    r"(?:тыс|млн|млрд|трлн|тысяч[а-я]*|миллион[а-я]*|миллиард[а-я]*|триллион[а-я]*)\.?\Z",
    re.IGNORECASE)
#: what separates two amounts too much for one to lend its currency to the other
_CLAUSE_BREAK = re.compile(r"[()\n;:]|[.!?][\s\xa0]+[A-ZА-ЯЁ«]")
_LATIN_SYMBOLS = frozenset("$£€")
_EN_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_CYRILLIC_WORD = re.compile(r"[а-яё]+")
_WORD = re.compile(r"[^\W\d_]+")
_DOTTED_PREFIX = re.compile(r"(?:кв|куб)\.[^\S\r\n]*\Z", re.IGNORECASE)
_OT_BEFORE = re.compile(WSTART + "от" + SP + r"\Z", re.IGNORECASE)


def _trim_dot(text: str, lo: int, end: int) -> int:
    """Drop a final dot after an abbreviation that takes none: "$270 млн." -> "$270 млн".

    Russian writes "млн", "млрд", "м", "км", "т" without a dot, so a dot after
    them at the end of a match is the full stop ("руб.", "тыс.", "кв. м." keep
    theirs).
    """
    if end - lo < 2 or text[end - 1] != "." or text[end - 2:end].isspace():
        return end
    i = end - 1
    while i > lo and text[i - 1].isalpha():
        i -= 1
    if text[i:end - 1].lower() not in L.UNDOTTED_ABBREVIATIONS:
        return end
    if _DOTTED_PREFIX.search(text, lo, i):  # "кв. м.", "куб. м."
        return end
    return end - 1


def _pairs(text: str, out: list[NumberMatch]) -> list[NumberMatch]:
    """"с 7,5 % до 7 %": "до" is the target, not `up_to`; "от 5 % до 7 %" is a range."""
    res: list[NumberMatch] = []
    for cur in out:
        prev = res[-1] if res else None
        if (prev is not None and cur.qualifier == "up_to" and cur.qualifier_span is not None
                and prev.prep in ("с", "со", "от") and prev.low is None
                and text[cur.qualifier_span[0]:cur.qualifier_span[1]].lower() == "до"
                and cur.qualifier_span[0] - prev.end <= 60
                and _CLAUSE_BREAK.search(text, prev.end, cur.qualifier_span[0]) is None
                and prev.kind == cur.kind and prev.unit == cur.unit):
            if (prev.prep == "от" and prev.value <= cur.value and prev.noun is None
                    and not text[prev.end:cur.qualifier_span[0]].strip()):
                lo = res[-2].end if len(res) > 1 else 0
                ot = _OT_BEFORE.search(text, max(lo, prev.start - 20), prev.start)
                ps = ot.start() if ot is not None else prev.start
                res[-1] = NumberMatch(cur.kind, ps, cur.end, text[ps:cur.end], prev.value, cur.unit,
                                      prev.qualifier, prev.qualifier_span, prev.value, cur.value,
                                      cur.noun, None)
                continue
            if prev.prep in ("с", "со"):
                cur = NumberMatch(cur.kind, cur.start, cur.end, cur.text, cur.value, cur.unit,
                                  None, None, cur.low, cur.high, cur.noun, "до")
        elif (prev is not None and prev.kind == cur.kind == "quantity"
              and (prev.unit, cur.unit) in L.COMPOUND_UNITS and prev.low is None
              and cur.low is None and cur.qualifier is None
              and not text[prev.end:cur.start].strip()):
            # "82 километра 169 метров" -> 82.169 километр
            value = to_value(Decimal(str(prev.value))
                             + Decimal(str(cur.value)) / L.COMPOUND_UNITS[(prev.unit, cur.unit)])
            res[-1] = NumberMatch("quantity", prev.start, cur.end, text[prev.start:cur.end], value,
                                  prev.unit, prev.qualifier, prev.qualifier_span, prep=prev.prep)
            continue
        elif (prev is not None and prev.kind == "money" and cur.kind == "count"
              and cur.noun is None and _ENDS_WITH_MULTIPLIER.search(cur.text)
              and cur.start - prev.end <= 80
              and _CLAUSE_BREAK.search(text, prev.end, cur.start) is None):
            # "1,3 млрд рублей в 2018 году и 1,5 млрд в 2019": the currency is elided
            cur = NumberMatch("money", cur.start, cur.end, cur.text, cur.value, prev.unit,
                              cur.qualifier, cur.qualifier_span, cur.low, cur.high, None, cur.prep)
        res.append(cur)
    return res


@dataclass
class _Num:
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
        out: list[NumberMatch] = []
        search = self._p.master.search
        pos = 0
        prev_end = 0
        while True:
            m = search(text, pos)
            if m is None:
                break
            name = m.lastgroup
            if name == "num":
                res = self._number(text, m, prev_end)
                if res is None and m.group("b") is not None:
                    m2 = self._p.single.match(text, m.start())
                    if m2 is not None:
                        res = self._number(text, m2, prev_end)
            elif name == "rw":
                res = self._ratio_word(text, m, prev_end)
            else:
                res = self._percent_adjective(text, m, prev_end)
            if not res:
                pos = m.start() + 1
                continue
            out.extend(res)
            prev_end = pos = res[-1].end
        return _pairs(text, out) if len(out) > 1 else out

    # ------------------------------------------------------------ helpers

    def _lead(self, text: str, start: int, prev_end: int):
        """(qualifier, qualifier span, preposition, start of the preposition)."""
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
                and self._change_before(text, qspan[0])):
            return None, None, "до", qspan[0]  # "возрастет до 3,1 тыс. руб": the new level
        return qual, qspan, prep, pstart

    @staticmethod
    def _change_before(text: str, pos: int) -> bool:
        """A word of change earlier in the clause: "увеличилась на 20 % до 668 млн"."""
        lo = max(0, pos - 150)
        for br in _CLAUSE_BREAK.finditer(text, lo, pos):
            lo = br.end()
        return any(w.group().lower().startswith(L.CHANGE_TO_STEMS)
                   for w in _WORD.finditer(text, lo, pos))

    @staticmethod
    def _parse(m: re.Match, p: str) -> _Num | None:
        d = m.group(p + "_d")
        if d is not None:
            v = parse_digits(d)
            if (m.groupdict().get("pre") or "")[:1] in _LATIN_SYMBOLS and _EN_THOUSANDS.fullmatch(d):
                v = parse_digits(d.replace(",", ""))  # "$635,000"
            if v is None:
                return None
            factor = None
            if m.group(p + "_m"):
                factor = _MULT.get(norm_form(m.group(p + "_m")), 1000)  # "т." before "р."
                v *= factor
                rest = m.group(p + "_r")
                if rest is not None:
                    rv = parse_digits(rest)
                    rf = _MULT.get(norm_form(m.group(p + "_rm")), 1000) if m.group(p + "_rm") else 1
                    if rv is None or rv * rf >= factor:
                        return None  # "5 млн 2000": not one number
                    v += rv * rf
            f2 = m.groupdict().get(p + "_f2")
            if f2:
                v += Decimal(f2.split(",")[1].strip()) / 100
            plain = d.strip()
            suffix = ""
            if "-" in plain or "‐" in plain or "‑" in plain:
                plain, suffix = re.split("[-‐‑]", plain, maxsplit=1)
            year_like = (factor is None and plain.isdigit() and len(plain) == 4
                         and _YEAR_MIN <= int(plain) <= _YEAR_MAX)
            if suffix and (year_like or (len(plain) <= 2 and plain.endswith("0"))):
                return None  # "1970-х", "90-х": decades
            raw = parse_digits(d)
            compact = "".join(plain.split())
            written_decimal = ("," in compact or "." in compact) and not (
                compact.count(",") >= 2 or compact.count(".") >= 2)
            is_int = raw == raw.to_integral_value() and not written_decimal
            sign = m.groupdict().get(p + "_sign")
            if sign and sign != "+":
                v = -v
            return _Num(v, factor, m.start(p), m.end(p), year_like=year_like and not sign,
                        last_int=int(raw) if is_int else None,
                        fraction=not is_int)
        w = m.group(p + "_w")
        v = parse_words(w)
        if v is None:
            return None
        toks = w.lower().split()
        factor = L.MULTIPLIERS.get(toks[-1])
        last = None
        frac = False
        if factor is None:
            t = toks[-1]
            if t in L.ONE_AND_HALF:
                frac = True
            elif t in L.COLLECTIVES:
                last = 5  # collectives take the genitive plural
            else:
                last = int(v)
        bare = toks[0] if len(toks) == 1 and toks[0] in L.BARE_MULTIPLIERS_AFTER_QUALIFIER else None
        return _Num(v, factor, m.start(p), m.end(p), last_int=last, fraction=frac, words=True,
                    bare_mult=bare)

    @staticmethod
    def _glued_label(text: str, start: int) -> bool:
        """"топ-5", "Су-27", "COVID-19", "Горки-8": a name; but "пашни-46 тыс. га" is a dash."""
        if start < 2 or text[start - 1] not in "-‐‑" or not text[start - 2].isalpha():
            return False
        i = start - 2
        while i > 0 and text[i - 1].isalpha():
            i -= 1
        word = text[i:start - 1]
        return not (len(word) >= 4 and word.islower() and _CYRILLIC_WORD.fullmatch(word))

    @staticmethod
    def _title(text: str, start: int, end: int) -> bool:
        """A capitalised number word opening a short quoted title: «Три сестры»."""
        if text[start - 1:start] not in _OPEN_QUOTES or not text[start].isupper():
            return False
        m = _TITLE_CLOSE.match(text, end)
        return m is not None

    def _partitive(self, text: str, end: int):
        """"54 из 81 члена": the count takes the noun of the number after "из"."""
        m = _FROM_NUMBER.match(text, end)
        if m is None:
            return None
        n = self._p.single.match(text, m.end())
        if n is None or n.group("tail") is not None:
            return None
        p = self._parse(n, "a")
        if p is None:
            return None
        form = C.agreement(p.last_int, p.fraction or p.factor is not None)
        status, noun, unit = C.counted_noun(text, n.end(), form)
        if status == C.EXCLUDED:
            return None
        return (C.NOUN if noun else C.PARTITIVE), noun, unit

    @staticmethod
    def _pronoun_one(text: str, start: int) -> bool:
        """"один" used as a pronoun: "ещё один", "ни одного", "по одним данным"."""
        m = _PREV_TOKEN.search(text, max(0, start - 20), start)
        return m is not None and m.group(1).lower() in L.ONE_PRONOUN_BEFORE

    def _label_before(self, text: str, start: int) -> bool:
        """"№ 49", "статьи 5", "ВАЗ 2115", "iPhone 15": a label, not a count."""
        m = _PREV_TOKEN.search(text, max(0, start - 40), start)
        if m is None:
            return False
        tok = m.group(1).lstrip(_LEADING_PUNCT)
        low = tok.lower()
        if low in _LABEL_BEFORE:
            return True
        if tok.endswith("№") or tok.endswith("#"):
            return True
        word = tok
        if len(word) >= 2 and word.isalpha():
            if word.isupper():  # ВАЗ, ГАЗ, ТУ
                return True
            if word.isascii():  # iPhone, Boeing
                return True
        return False

    # ------------------------------------------------------------ handlers

    def _number(self, text: str, m: re.Match, prev_end: int) -> list[NumberMatch] | None:
        a = self._parse(m, "a")
        if a is None or self._glued_label(text, m.start()):
            return None
        b = self._parse(m, "b") if m.groupdict().get("b") is not None else None
        if m.groupdict().get("b") is not None and b is None:
            return None
        qual, qspan, prep, pstart = self._lead(text, m.start(), prev_end)
        split = False
        range_start = None
        if b is not None:
            rsep = m.group("rsep").strip().lower()
            if rsep == "до":
                if prep == "от":
                    range_start = pstart
                elif prep in ("с", "со"):
                    split = True
                else:
                    return None
            elif a.year_like:
                return None  # "2020 – 3000 тыс. руб.": a year, then a value
            if a.words != b.words and rsep != "до":
                return None
            if a.factor is None and b.factor is not None and a.value * b.factor <= b.value:
                a.value *= b.factor
                a.factor = b.factor
            if not split and a.value > b.value:
                return None
        last = b if b is not None else a
        core_end = last.end
        partitive = False
        tail = m.group("tail")
        kind = unit = None
        end = core_end
        noun = None
        minor = Decimal(0)
        pre = m.group("pre")
        if pre is not None:
            kind, unit = "money", M.currency_code(pre)
            if tail is not None and m.group("cur") is not None:
                end = m.end("tail")
        elif tail is not None:
            end = m.end("tail")
            if m.group("cur") is not None:
                code = M.currency_code(m.group("cur"))
                if code is not None:
                    kind, unit = "money", code
                    if m.group("mn") is not None:
                        minor = Decimal(m.group("mn")) / 100
                else:
                    end = core_end  # "100 крон": a count of an unknown currency
            elif m.group("minor") is not None:
                kind, unit = "money", M.minor_code(m.group("minor"))
                a.value /= 100
                if b is not None:
                    b.value /= 100
            elif m.group("pp") is not None:
                kind, unit = "percent", P.UNIT_POINTS
            elif m.group("bp") is not None:
                kind, unit = "percent", P.UNIT_BASIS_POINTS
            elif m.group("pct") is not None:
                kind, unit = "percent", P.UNIT_PERCENT
            elif m.group("prm") is not None:
                kind, unit = "percent", P.UNIT_PROMILLE
            elif m.group("cnt") is not None:
                kind, unit = "count", C.count_abbreviation_lemma(m.group("cnt"))
                noun = (m.start("cnt"), m.end("cnt"))
                end = core_end
            elif m.group("unit") is not None:
                kind, unit = "quantity", C.unit_lemma(m.group("unit"))
                if m.group("unit").lower() == "г" and (a.year_like or text[end:end + 1] == "."):
                    return None  # "2015 г", "5 г.": a year, not grams
            elif m.group("raz") is not None:
                if prep in R.RATIO_PREPOSITIONS and not split:
                    kind, unit = "ratio", R.UNIT
                    range_start = pstart
                    prep = None
                else:
                    kind, unit = "count", "раз"
                    noun = (m.start("raz"), m.end("raz"))
                    end = core_end
        if kind is None:
            # a count: a noun, a multiplier or a qualifier must make it one
            end = core_end
            form = C.agreement(last.last_int, last.fraction or last.factor is not None)
            if last.factor is not None:
                form = C.MANY if not last.fraction else C.FEW
            ordinal_follows = a.words and m.group("a_w").lower().split()[-1] in _ORDINAL_HEADS
            status, noun, unit = C.counted_noun(text, core_end, form,
                                                ordinal_follows=ordinal_follows)
            if status == C.EXCLUDED:
                return None
            if status == C.NONE and b is None:
                part = self._partitive(text, core_end)
                if part is not None:  # "54 из 81 члена", "шесть из 11 стран"
                    status, noun, unit = part
                    partitive = True
            if (a.words and b is None and m.group("a_w").lower() in L.ONE_FORMS
                    and (unit is None or self._pronoun_one(text, m.start()))):
                return None  # "ещё один", "одной плоскости": "one" counts only known nouns
            if a.words and self._title(text, m.start(), core_end):
                return None  # «Двенадцать стульев»
            if status == C.NOUN:
                if a.year_like and (b is None or b.year_like) and not C.looks_genitive_plural(text, noun):
                    return None
            else:
                has_mult = last.factor is not None or a.factor is not None
                subject = ((status == C.VERB and b is None and last.last_int is not None
                            and last.last_int > 1 and prep is None)
                           or (status == C.PARTITIVE and last.last_int is not None))
                if not has_mult and not subject and (
                        qual is None or qual == "up_to" or a.words or last.last_int is None):
                    return None  # a bare number: only "около 600", "более 50", "15 получили"
                if a.year_like and not has_mult:
                    return None
            if a.bare_mult is not None and qual is None:
                return None  # "тысячи людей": vague
            if noun is None and not a.factor and a.words and qual is None and status != C.VERB:
                return None
            if (not a.factor and not a.words and a.last_int is not None and b is None
                    and self._label_before(text, a.start)):
                return None
            kind = "count"
        elif a.bare_mult is not None and qual is None:
            return None
        if kind == "money" and minor:
            last.value += minor
        if kind == "count" and noun is not None and self.count_noun_in_span and not partitive:
            end = max(end, noun[1])
        end = _trim_dot(text, m.start(), end)

        if split:
            fs = m.start()
            first = NumberMatch(kind, fs, a.end, text[fs:a.end], to_value(a.value),
                                unit, qual, qspan, prep=prep)
            second = NumberMatch(kind, b.start, end, text[b.start:end], to_value(b.value), unit,
                                 None, None, noun=noun, prep="до")
            return [first, second]
        start = m.start()
        if range_start is not None:
            start = range_start
        if b is not None:
            lo, hi = to_value(a.value), to_value(b.value)
            return [NumberMatch(kind, start, end, text[start:end], lo, unit, qual, qspan, lo, hi,
                                noun, prep if range_start is None else None)]
        if a.year_like and kind in ("count",) and noun is None:
            return None
        return [NumberMatch(kind, start, end, text[start:end], to_value(a.value), unit, qual,
                            qspan, noun=noun, prep=prep)]

    def _ratio_word(self, text: str, m: re.Match, prev_end: int) -> list[NumberMatch] | None:
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
                            prep=prep)]

    def _percent_adjective(self, text: str, m: re.Match, prev_end: int) -> list[NumberMatch] | None:
        if m.group("pa_n") is not None:
            v = parse_digits(m.group("pa_n"))
            value = None if v is None else to_value(v)
        else:
            value = P.adjective_value(m.group("pa_w"))
        if value is None:
            return None
        qual, qspan, prep, _ = self._lead(text, m.start(), prev_end)
        return [NumberMatch("percent", m.start(), m.end(), m.group(), value, P.UNIT_PERCENT,
                            qual, qspan, prep=prep)]
