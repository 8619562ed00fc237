"""Checks on a candidate number and the text around it: what makes it a
label, a title or a pronoun rather than a number, what makes a number with
no unit no count (`NOT_A_COUNT`), whether "до" is a new level, and where the
span of a match ends."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..grammars import counts as C
from ..grammars.count_words import LABEL_WORDS_BEFORE
from ..grammars.number_words import ONE_FORMS, ONE_PRONOUN_BEFORE
from ..grammars.numbers import SP
from ..grammars.qualifiers import CHANGE_TO_STEMS
from ..grammars.units import UNDOTTED_ABBREVIATIONS
from ..grammars.words import OPENING_QUOTES
from .values import Operands

#: what separates two amounts too much for one to lend its currency (or "до") to the other
CLAUSE_BREAK = re.compile(r"[()\n;:]|[.!?][\s\xa0]+[A-ZА-ЯЁ«]")
_PREV_TOKEN = re.compile(r"(\S+)[^\S\r\n]*\Z")
_TITLE_CLOSE = re.compile(r"(?:" + SP + r"[^\W\d_]+){0,2}[»\"”]")
#: a title may open with an apostrophe too ('Три сестры')
_OPEN_QUOTES = frozenset(OPENING_QUOTES) | {"'"}
_LEADING_PUNCT = "([{" + "".join(sorted(_OPEN_QUOTES))
_CYRILLIC_WORD = re.compile(r"[а-яё]+")
_WORD = re.compile(r"[^\W\d_]+")
_DOTTED_PREFIX = re.compile(r"(?:кв|куб)\.[^\S\r\n]*\Z", re.IGNORECASE)


def glued_label(text: str, start: int) -> bool:
    """"топ-5", "Су-27", "COVID-19", "Горки-8": a name; but "пашни-46 тыс. га" is a dash."""
    if start < 2 or text[start - 1] not in "-‐‑" or not text[start - 2].isalpha():
        return False
    i = start - 2
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    word = text[i:start - 1]
    return not (len(word) >= 4 and word.islower() and _CYRILLIC_WORD.fullmatch(word))


def title(text: str, start: int, end: int) -> bool:
    """A capitalised number word opening a short quoted title: «Три сестры»."""
    if text[start - 1:start] not in _OPEN_QUOTES or not text[start].isupper():
        return False
    return _TITLE_CLOSE.match(text, end) is not None


def pronoun_one(text: str, start: int) -> bool:
    """"один" used as a pronoun: "ещё один", "ни одного", "по одним данным"."""
    m = _PREV_TOKEN.search(text, max(0, start - 20), start)
    return m is not None and m.group(1).lower() in ONE_PRONOUN_BEFORE


def label_before(text: str, start: int) -> bool:
    """"№ 49", "статьи 5", "ВАЗ 2115", "iPhone 15": a label, not a count."""
    m = _PREV_TOKEN.search(text, max(0, start - 40), start)
    if m is None:
        return False
    tok = m.group(1).lstrip(_LEADING_PUNCT)
    if tok.lower() in LABEL_WORDS_BEFORE or tok.endswith(("№", "#")):
        return True
    # ВАЗ, ГАЗ, ТУ; iPhone, Boeing
    return len(tok) >= 2 and tok.isalpha() and (tok.isupper() or tok.isascii())


def change_before(text: str, pos: int) -> bool:
    """A word of change earlier in the clause: "увеличилась на 20 % до 668 млн"."""
    lo = max(0, pos - 150)
    for br in CLAUSE_BREAK.finditer(text, lo, pos):
        lo = br.end()
    return any(w.group().lower().startswith(CHANGE_TO_STEMS) for w in _WORD.finditer(text, lo, pos))


def trim_dot(text: str, lo: int, end: int) -> int:
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
    if text[i:end - 1].lower() not in UNDOTTED_ABBREVIATIONS:
        return end
    if _DOTTED_PREFIX.search(text, lo, i):  # "кв. м.", "куб. м."
        return end
    return end - 1


@dataclass(frozen=True)
class Noun:
    """What follows a number with no unit (`counts.counted_noun`)."""
    status: str
    span: tuple[int, int] | None
    lemma: str | None


# --------------------------------------------------------------------------
# What makes a number with no unit no count: each check returns True to drop it
# --------------------------------------------------------------------------

def _one_as_pronoun(text: str, m: re.Match, ops: Operands, noun: Noun) -> bool:
    """"ещё один", "одной плоскости": "one" counts only known nouns."""
    return (ops.a.words and ops.b is None and m.group("a_w").lower() in ONE_FORMS
            and (noun.lemma is None or pronoun_one(text, m.start())))


def _title_words(text: str, m: re.Match, ops: Operands, noun: Noun) -> bool:
    """«Двенадцать стульев»."""
    return ops.a.words and title(text, m.start(), ops.last.end)


def _year_before_noun(text: str, m: re.Match, ops: Operands, noun: Noun) -> bool:
    """"2023 компания" (but "2000 рублей")."""
    return (noun.status == C.NOUN and ops.a.year_like and (ops.b is None or ops.b.year_like)
            and not C.looks_genitive_plural(text, noun.span))


def _bare_number(text: str, m: re.Match, ops: Operands, noun: Noun) -> bool:
    """No noun: only "около 600", "более 50", "5 млн", "15 получили" are counts."""
    if noun.status == C.NOUN:
        return False
    a, last = ops.a, ops.last
    has_mult = last.factor is not None or a.factor is not None
    if not has_mult and not _subject(ops, noun) and (
            ops.qual is None or ops.qual == "up_to" or a.words or last.last_int is None):
        return True
    return a.year_like and not has_mult


def _subject(ops: Operands, noun: Noun) -> bool:
    """"936 получили ранения", "157 из 172": the noun is elided."""
    n = ops.last.last_int
    if noun.status == C.VERB:
        return ops.b is None and n is not None and n > 1 and ops.prep is None
    return noun.status == C.PARTITIVE and n is not None


def _bare_words(text: str, m: re.Match, ops: Operands, noun: Noun) -> bool:
    """"пять" with no noun, multiplier or qualifier."""
    return (noun.span is None and not ops.a.factor and ops.a.words and ops.qual is None
            and noun.status != C.VERB)


def _label(text: str, m: re.Match, ops: Operands, noun: Noun) -> bool:
    """"статьи 5", "ВАЗ 2115"."""
    a = ops.a
    return (not a.factor and not a.words and a.last_int is not None and ops.b is None
            and label_before(text, a.start))


NOT_A_COUNT: tuple[Callable[[str, re.Match, Operands, Noun], bool], ...] = (
    _one_as_pronoun, _title_words, _year_before_noun, _bare_number, _bare_words, _label,
)
