"""Grammar pieces for counts ("20 спортсменов") and quantities ("10 тыс. тонн").

Quantities carry a measure unit from `units.UNIT_FORMS` ("тонна", "гектар",
"квадратный метр", "километр", "МВт"...); the unit is part of the span and
`unit` is its lemma.

Counts are a number and the counted noun phrase after it: "восемь команд",
"4,5 тысячи совместных предприятий", "14 погибших".  The span is the number
(with its multiplier) only; `noun` is the span of the noun phrase (adjectives
+ head noun), for the caller to lemmatise; `unit` is a lemma guess from
`count_words.COUNT_NOUNS` or None.  The abbreviations "чел.", "шт.", "ед." are
counted nouns too.

Without morphology the noun phrase is found by shape: lower-case Cyrillic
words, adjectives recognised by their endings, at most three of them before
the head.  A word that is a time unit ("5 лет", "12 часов"), a month, a rank
("3 место", "9 класс"), an ordinal ("сто одиннадцатую годовщину"), a share
("две трети")
is not a counted noun, and the number is dropped; a verb after the number
("более 500 получили ранения", "ВАЗ 2115 проехал") means no noun: such a
number is kept only with a qualifier or a multiplier.
"""
from __future__ import annotations

import re

from .count_words import (
    COUNT_ABBREVIATIONS, COUNT_NOUNS, FRACTION_NOUNS, FUNCTION_WORDS, MONTH_WORDS, POSSESSIVES,
    RANK_WORDS, TIME_STEMS, TIME_WORDS,
)
from .number_words import ORDINAL_ENDINGS, ORDINAL_STEMS
from .units import UNIT_FORMS
from .numbers import END, SP, alternation, norm_form, norm_table

_UNIT_LEMMA: dict[str, str] = norm_table(
    {f: lemma for lemma, forms in UNIT_FORMS.items() for f in forms})
_COUNT_ABBR = norm_table(COUNT_ABBREVIATIONS)

#: "т." in "т. е.", "т. д.", "т. п.", "т. ч." is not a tonne
_NOT_TONNE = r"(?!т\.?[^\S\r\n]*[епдчк]\.)"


def unit_source() -> str:
    """A measure unit after the amount."""
    forms = [f for forms in UNIT_FORMS.values() for f in forms]
    return _NOT_TONNE + alternation(forms) + END


def count_abbreviation_source() -> str:
    return alternation(COUNT_ABBREVIATIONS) + END


def unit_lemma(text: str) -> str:
    key = norm_form(text)
    if key in _UNIT_LEMMA:
        return _UNIT_LEMMA[key]
    return _UNIT_LEMMA.get(key.rstrip("."), key)


def count_abbreviation_lemma(text: str) -> str:
    return _COUNT_ABBR[norm_form(text)]


# --------------------------------------------------------------------------
# The counted noun phrase
# --------------------------------------------------------------------------

#: one word after a number (letters, hyphenated parts)
NEXT_WORD = re.compile(SP + r"(?P<w>[^\W\d_]+(?:[-‐‑][^\W\d_]+)*)")
#: a counted noun in quotes: "два «Оскара»", "две "Золотых Маски""
QUOTED_NOUN = re.compile(SP + r"(?P<q>[«\"„“][^\W\d_][^»\"”\n]{0,40}?[»\"”])")

_ADJ_ENDINGS = ("ых", "ые", "ый", "ая", "яя", "ое", "ее", "ого", "его", "ому", "ему", "ыми",
                "ими", "ую", "юю", "ым", "их", "им")
_VOWELS = frozenset("аеёиоуыэюя")
_CYRILLIC = re.compile(r"[а-яё]+(?:[-‐‑][а-яё]+)*")

#: grammatical number the noun after a numeral takes
ONE, FEW, MANY = "one", "few", "many"  # 21 школа / 22 школы / 25 школ (or a fraction)

NOUN = "noun"  # a noun phrase follows
NONE = "none"  # no word, or a function word / capitalised word: no noun
EXCLUDED = "excluded"  # a word that makes the number a date, time, rank...
PARTITIVE = "partitive"  # "157 из 172": part of a whole, the noun elided
VERB = "verb"  # a plural verb: the number is the subject ("936 получили ранения")
_PLURAL_VERB_ENDINGS = ("ли", "лись", "ются", "ятся", "утся", "атся")


def agreement(value_text_last: int | None, is_fraction: bool) -> str:
    """The noun form a number asks for: ONE, FEW or MANY."""
    if is_fraction or value_text_last is None:
        return FEW
    n = value_text_last % 100
    if 11 <= n <= 19:
        return MANY
    d = n % 10
    if d == 1:
        return ONE
    if 2 <= d <= 4:
        return FEW
    return MANY


def is_adjective(w: str) -> bool:
    """Shape test: "совместных", "крупнейших", "российским", "рабочие"."""
    if len(w) < 4 or w in COUNT_NOUNS or w in FUNCTION_WORDS:
        return False
    if w.endswith(_ADJ_ENDINGS):
        return True
    if w.endswith("ой") and len(w) >= 5:
        return True
    if w.endswith("ие"):
        before = w[-3]
        if before in "кгхжшщч":
            return True
        if before == "н" and w[-4] not in _VOWELS:  # "последние", but "решение"
            return True
    return False


def is_ordinal(w: str) -> bool:
    """"одиннадцатую", "пятый", "двадцатого": an ordinal adjective."""
    return w.startswith(ORDINAL_STEMS) and w.endswith(ORDINAL_ENDINGS)


def _is_verb(w: str, form: str) -> bool:
    if w.endswith(("ихся", "ыхся", "ийся", "ейся", "аяся", "ееся", "иеся")):
        return False  # participles are counted nouns: "366 учащихся"
    if w.endswith(("ть", "ться", "тся", "ся", "сь", "ешь", "ете", "ите")):
        return True
    if len(w) >= 5 and w.endswith(("или", "али", "яли", "ыли", "ули")):
        return True  # past plural: "получили", "остались" ("модели", "роли" are nouns)
    if len(w) >= 4 and w.endswith(("ал", "ял", "ил", "ыл", "ул", "ел", "ёл")):  # проехал, решил
        return form != ONE  # ("школ" is a noun; "1 канал" agrees with one)
    if w.endswith(("ла", "ло", "ли")) and len(w) >= 4 and w[-3] in _VOWELS:
        return form == MANY
    return False


def _time_or_rank(w: str) -> bool:
    return (w in TIME_WORDS or w in MONTH_WORDS or w in RANK_WORDS
            or w in FRACTION_NOUNS or w.startswith(TIME_STEMS))


def counted_noun(text: str, pos: int, form: str, max_adjectives: int = 3,
                 ordinal_follows: bool = False
                 ) -> tuple[str, tuple[int, int] | None, str | None]:
    """The noun phrase right after `pos`: (status, span, lemma guess).

    status is NOUN (span and maybe a lemma), NONE (nothing that can be
    counted follows: punctuation, a function word, a capitalised word), VERB
    (a plural verb follows: the number is the subject, its noun elided) or
    EXCLUDED (the number is a date, a time, a duration or a rank).
    `ordinal_follows`: the number ends in a word that an ordinal may continue
    ("сто", "двадцать"), so an ordinal after it excludes the number.
    """
    q = QUOTED_NOUN.match(text, pos)
    if q is not None:  # "два «Оскара», пять «Золотых глобусов»"
        return NOUN, (q.start("q"), q.end("q")), None
    words: list[tuple[int, int, str]] = []
    p = pos
    while len(words) <= max_adjectives:
        m = NEXT_WORD.match(text, p)
        if m is None:
            break
        step = _word_step(text, m, not words, form, ordinal_follows)
        if step in (EXCLUDED, VERB):
            return step, None, None
        if step == _STOP:
            break
        lw = m.group("w").lower()
        words.append((m.start("w"), m.end("w"), lw))
        p = m.end()
        if step == _WORD and not is_adjective(lw):
            break
    while words and words[-1][2] in POSSESSIVES:
        words.pop()
    if not words:
        return NONE, None, None
    return NOUN, (words[0][0], words[-1][1]), _lemma([w for _, _, w in words])


_STOP, _WORD, _POSSESSIVE = "stop", "word", "possessive"  # `_word_step`, besides EXCLUDED, VERB


def _word_step(text: str, m: re.Match, first: bool, form: str, ordinal_follows: bool) -> str:
    """What the word `m` does to the noun phrase being read (`counted_noun`)."""
    w = m.group("w")
    lw = w.lower()
    if not _CYRILLIC.fullmatch(lw) or w[0] != lw[0]:
        return _STOP  # Latin, capitalised: a name, not a counted noun
    if lw in POSSESSIVES:  # "три его заместителя": part of the phrase if a word follows
        n = NEXT_WORD.match(text, m.end())
        if (n is not None and _CYRILLIC.fullmatch(n.group("w"))
                and n.group("w") not in FUNCTION_WORDS):
            return _POSSESSIVE
        return _STOP
    if lw in FUNCTION_WORDS:
        return _STOP
    if _time_or_rank(lw):
        return EXCLUDED
    if len(lw) <= 3 and text.startswith(".", m.end()) and lw not in COUNT_NOUNS:
        return _STOP  # an abbreviation: "ч. 4 ст. 159"
    if first and ordinal_follows and is_ordinal(lw):
        return EXCLUDED  # "сто одиннадцатую годовщину", "двадцать первом"
    if first and _is_verb(lw, form):
        # "936 получили ранения": the number is the subject
        return VERB if lw.endswith(_PLURAL_VERB_ENDINGS) else _STOP
    return _WORD


def _lemma(words: list[str]) -> str | None:
    """The lemma guess of a noun phrase; a trailing adjective with no noun after
    it is a noun itself ("14 погибших")."""
    if len(words) > 1 and words[0] in POSSESSIVES:
        return COUNT_NOUNS.get(words[-1])
    return COUNT_NOUNS.get(" ".join(words)) or COUNT_NOUNS.get(words[-1])


_GENITIVE_PLURAL = ("ов", "ев", "ёв", "ей", "ий", "ых", "их")


def looks_genitive_plural(text: str, span: tuple[int, int]) -> bool:
    """The head of a noun phrase after "2000": "2000 рублей", but not "2023 компания"."""
    head = text[span[0]:span[1]].lower().split()[-1]
    return head.endswith(_GENITIVE_PLURAL) or head in ("человек", "мест", "тонн", "штук")
