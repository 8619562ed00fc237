"""Data and regex building blocks for the Russian date recogniser.

Nothing here is compiled at import time: `compile_patterns()` builds the
regexes once, and `extractor.entities.dates.DateRecognizer` calls it from its
constructor.  Everything is plain data so that it can be read, extended and
tested without the recogniser.

Conventions for the pattern source:
* the whole master pattern is compiled with IGNORECASE; pieces that must keep
  their case (Roman numerals) are wrapped in `(?-i:...)`;
* words are separated by `SP`: one or more horizontal Unicode spaces (the
  ordinary space, NBSP, thin and other `str.isspace()` spaces, tab) but never a
  line break, so a date never runs over two lines;
* every top-level alternative of the master pattern is a named group; the
  groups inside an alternative carry the alternative's prefix so that names
  stay unique (`dmy_day`, `my_month`...).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .pieces import DASH, OSP, SP, WEND, WSTART, alternation
from .words import MONTH_ABBREVIATIONS, MONTH_FORMS, MONTH_GENITIVE, MONTHS  # noqa: F401 - G.MONTHS for the handlers

# --------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------


def _day_words() -> dict[str, int]:
    stems = ["перв", "втор", "трет", "четвёрт", "четверт", "пят", "шест", "седьм", "восьм",
             "девят", "десят", "одиннадцат", "двенадцат", "тринадцат", "четырнадцат",
             "пятнадцат", "шестнадцат", "семнадцат", "восемнадцат", "девятнадцат"]
    values = [1, 2, 3, 4, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]

    def forms(stem: str) -> tuple[str, ...]:
        if stem == "трет":
            return ("третье", "третьего", "третьему", "третьем")
        return tuple(stem + e for e in ("ое", "ого", "ому", "ом"))

    out: dict[str, int] = {}
    for stem, v in zip(stems, values):
        for f in forms(stem):
            out[f] = v
    for tens, tv in (("двадцат", 20), ("тридцат", 30)):
        for f in forms(tens):
            out[f] = tv
    for tens_word, tv, last in (("двадцать", 20, 9), ("тридцать", 30, 1)):
        for stem, v in zip(stems, values):
            if v <= last:
                for f in forms(stem):
                    out[tens_word + " " + f] = tv + v
    return out


#: days written as ordinal words: "пятого сентября", "двадцать первое декабря"
DAY_WORDS: dict[str, int] = _day_words()

#: ISO weekday (1 = Monday) -> case forms
WEEKDAY_FORMS: dict[int, tuple[str, ...]] = {
    1: ("понедельник", "понедельника", "понедельнику", "понедельником", "понедельнике"),
    2: ("вторник", "вторника", "вторнику", "вторником", "вторнике"),
    3: ("среда", "среды", "среде", "среду", "средой"),
    4: ("четверг", "четверга", "четвергу", "четвергом", "четверге"),
    5: ("пятница", "пятницы", "пятнице", "пятницу", "пятницей"),
    6: ("суббота", "субботы", "субботе", "субботу", "субботой"),
    7: ("воскресенье", "воскресенья", "воскресенью", "воскресеньем", "воскресении"),
}
WEEKDAYS: dict[str, int] = {f: n for n, forms in WEEKDAY_FORMS.items() for f in forms}

#: weekday forms that are common words too ("окружающей среды", "Страстная
#: пятница"): they count as a weekday only after a preposition or a
#: relative adjective ("в среду", "в минувшую пятницу")
WEEKDAY_NEEDS_CONTEXT: frozenset[str] = frozenset(
    ("среда", "среды", "среде", "среду", "средой",
     "пятница", "пятницы", "пятнице", "пятницей",
     "суббота", "субботы", "субботе", "субботой")
)

#: TIMEX3 season codes
SEASON_FORMS: dict[str, tuple[str, ...]] = {
    "WI": ("зима", "зимы", "зиме", "зиму", "зимой", "зимою"),
    "SP": ("весна", "весны", "весне", "весну", "весной", "весною"),
    "SU": ("лето", "лета", "лету", "летом", "лете"),
    "FA": ("осень", "осени", "осенью"),
}
SEASONS: dict[str, str] = {f: c for c, forms in SEASON_FORMS.items() for f in forms}
#: the adverbial forms that are dates on their own ("летом", "осенью")
SEASON_ADVERBS: frozenset[str] = frozenset(("зимой", "зимою", "весной", "весною", "летом", "осенью"))

#: ordinal words 1..4 in every gender and case (for quarters, half-years, halves)
ORDINAL_WORDS: dict[int, tuple[str, ...]] = {
    1: ("первый", "первого", "первому", "первым", "первом", "первое", "первая",
        "первой", "первую", "первые", "первых"),
    2: ("второй", "второго", "второму", "вторым", "втором", "второе", "вторая",
        "вторую", "вторые", "вторых"),
    3: ("третий", "третьего", "третьему", "третьим", "третьем", "третье", "третья",
        "третьей", "третью"),
    4: ("четвёртый", "четвертый", "четвёртого", "четвертого", "четвёртому", "четвертому",
        "четвёртым", "четвертым", "четвёртом", "четвертом", "четвёртое", "четвертое",
        "четвёртая", "четвертая", "четвёртой", "четвертой", "четвёртую", "четвертую"),
}
ORDINALS: dict[str, int] = {f: n for n, forms in ORDINAL_WORDS.items() for f in forms}

QUARTER_FORMS = ("квартал", "квартала", "кварталу", "кварталом", "квартале",
                 "кварталы", "кварталов", "кварталам", "кварталах")
HALF_YEAR_FORMS = ("полугодие", "полугодия", "полугодию", "полугодием", "полугодии")
HALF_FORMS = ("половина", "половины", "половине", "половину", "половиной")

#: cardinal number words used with "N месяцев", "N лет назад", "через N дней"
NUMBER_WORDS: dict[str, int] = {}
for _n, _forms in {
    1: ("один", "одна", "одну", "одного", "одной", "одним"),
    2: ("два", "две", "двух", "двум", "пару", "пара", "пары"),
    3: ("три", "трёх", "трех", "трём", "трем"),
    4: ("четыре", "четырёх", "четырех", "четырём", "четырем"),
    5: ("пять", "пяти"), 6: ("шесть", "шести"), 7: ("семь", "семи"),
    8: ("восемь", "восьми"), 9: ("девять", "девяти"), 10: ("десять", "десяти"),
    11: ("одиннадцать", "одиннадцати"), 12: ("двенадцать", "двенадцати"),
    15: ("пятнадцать", "пятнадцати"), 20: ("двадцать", "двадцати"),
    30: ("тридцать", "тридцати"), 40: ("сорок", "сорока"), 50: ("пятьдесят", "пятидесяти"),
    100: ("сто", "ста"),
}.items():
    for _f in _forms:
        NUMBER_WORDS[_f] = _n
#: words for an unspecified count: the value becomes PAST_REF / FUTURE_REF
VAGUE_COUNT_WORDS = ("несколько", "нескольких", "много", "многих")

#: approximators before "N лет назад" -> TIMEX3 mod
APPROXIMATORS: dict[str, str] = {
    "почти": "APPROX", "около": "APPROX", "примерно": "APPROX", "приблизительно": "APPROX",
    "более": "MORE_THAN", "больше": "MORE_THAN", "свыше": "MORE_THAN",
    "чуть более": "MORE_THAN", "чуть больше": "MORE_THAN", "немногим более": "MORE_THAN",
    "менее": "LESS_THAN", "меньше": "LESS_THAN", "чуть менее": "LESS_THAN",
}

#: the word before a bare 4-digit number at the end of a clause that makes it
#: a quantity ("достигло 1200.") rather than a year ("премии мира 1993.")
QUANTITY_CONTEXT_WORDS: frozenset[str] = frozenset((
    "около", "более", "менее", "свыше", "всего", "лишь", "только", "примерно", "почти",
    "приблизительно", "порядка", "не", "и", "или", "до", "от", "из", "на", "по", "за", "с",
    "со", "в", "во", "к", "ко", "до", "уже", "ещё", "еще", "составил", "составила",
    "составило", "составили", "составляет", "составляют", "достиг", "достигла", "достигло",
    "достигли", "достигает", "достигают", "насчитывает", "насчитывают", "превышает",
    "превысил", "превысила", "превысило", "превысили", "число", "количество", "номер",
    "код", "индекс", "счёт", "счет", "тираж", "цена", "стоимость", "рейтинг", "рейтингом",
    "отметку", "отметке", "уровень", "уровне", "из", "года", "год", "году", "лет",
))

#: time units for "N лет назад" / "через N месяцев"; value = TIMEX unit letter
UNIT_FORMS: dict[str, str] = {
    **{f: "Y" for f in ("год", "года", "лет", "годом")},
    **{f: "M" for f in ("месяц", "месяца", "месяцев")},
    **{f: "W" for f in ("неделю", "недели", "недель", "неделя")},
    **{f: "D" for f in ("день", "дня", "дней", "сутки", "суток")},
}
#: "полгода назад" / "через полгода"
HALF_YEAR_WORDS = ("полгода", "полугода")

#: relative adjectives -> offset in units ("прошлом году" = -1)
RELATIVE_ADJ_STEMS: dict[str, int] = {
    "эт": 0, "текущ": 0, "нынешн": 0, "уходящ": 0, "сегодняшн": 0,
    "прошл": -1, "минувш": -1, "прошедш": -1,
    "позапрошл": -2,
    "следующ": 1, "будущ": 1, "наступающ": 1, "грядущ": 1, "предстоящ": 1, "ближайш": 1,
}
_ADJ_ENDINGS = ("ий", "ый", "ой", "ая", "ое", "его", "ого", "ему", "ому", "ем", "ом",
                "им", "ым", "ей", "ую", "ие", "ые", "их", "ых")
#: "этот" declines irregularly
_ETOT_FORMS = ("этот", "этого", "этому", "этим", "этом", "эта", "эту", "этой", "это")


def relative_adjectives() -> dict[str, int]:
    """Every written form of the relative adjectives -> offset."""
    out: dict[str, int] = {f: 0 for f in _ETOT_FORMS}
    for stem, off in RELATIVE_ADJ_STEMS.items():
        if stem == "эт":
            continue
        for end in _ADJ_ENDINGS:
            out[stem + end] = off
    return out


RELATIVE_ADJECTIVES: dict[str, int] = relative_adjectives()

#: the noun a relative adjective may govern -> granularity letter
RELATIVE_NOUNS: dict[str, str] = {
    **{f: "Y" for f in ("год", "года", "году", "годом", "годе")},
    **{f: "M" for f in ("месяц", "месяца", "месяцу", "месяцем", "месяце")},
    **{f: "W" for f in ("неделя", "недели", "неделе", "неделю", "неделей")},
    **{f: "WE" for f in ("выходные", "выходных", "выходным")},
}

#: one-word deictic dates -> day offset from the document date
DEICTIC_DAYS: dict[str, int] = {
    "позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2,
}

#: anaphoric day phrases (relative to the narrative, not to the document
#: date): never resolved; `rel` says how they relate to the previous date
ANAPHORIC_DAY_PHRASES: dict[str, str] = {
    "тот же день": "ANAPH+0D", "этот же день": "ANAPH+0D", "тот день": "ANAPH+0D",
    "этот день": "ANAPH+0D", "следующий день": "ANAPH+1D", "другой день": "ANAPH+1D",
    "предыдущий день": "ANAPH-1D",
    "тот же год": "ANAPH+0Y", "том же году": "ANAPH+0Y", "того же года": "ANAPH+0Y",
    "тот же месяц": "ANAPH+0M", "том же месяце": "ANAPH+0M", "того же месяца": "ANAPH+0M",
}

#: vague references: value is the TIMEX3 token
VAGUE_PHRASES: dict[str, str] = {
    "последние годы": "PAST_REF", "последние месяцы": "PAST_REF",
    "последние недели": "PAST_REF", "последние дни": "PAST_REF",
    "последний год": "PAST_REF",
    "ближайшие годы": "FUTURE_REF", "ближайшие месяцы": "FUTURE_REF",
    "ближайшие недели": "FUTURE_REF", "ближайшие дни": "FUTURE_REF",
}

#: prepositions that may govern a date; they are part of the span only with
#: `DateRecognizer(include_preposition=True)` (the NEREL convention)
PREPOSITIONS: tuple[str, ...] = (
    "в", "во", "с", "со", "c", "до", "по", "к", "ко", "от", "на", "за", "после",
    "около", "перед", "накануне", "в течение", "в ходе",
)
#: prepositions after which a bare year ("в 2004", "с 1991") is a date
BARE_YEAR_PREPOSITIONS: frozenset[str] = frozenset(
    ("в", "во", "с", "со", "c", "до", "по", "к", "ко", "от", "после")
)

#: verbs that put a bare weekday ("во вторник") in the future; searched in
#: the rest of the sentence, the weekday otherwise resolves to the past
FUTURE_MARKERS = (
    r"(?<![^\W_])(?:будет|будут|буду|состоится|состоятся|пройд[её]т|пройдут|планиру\w*"
    r"|намерен\w*|собира\w*|начн[её]тся|начнут|откроется|откроют|предстоит|ожидается"
    r"|ожидаются|проведут|провед[её]т|рассмотрит|рассмотрят|объявит|объявят|примет|примут"
    r"|посетит|подпишут|подпишет|выступит|встретится|встретятся|проголосуют|вступит)(?![^\W_])"
)

#: modifier nouns: "в начале 2017 года", "к концу мая", "с середины 1990-х"
MODIFIER_FORMS: dict[str, str] = {
    **{f: "START" for f in ("начало", "начала", "началу", "началом", "начале")},
    **{f: "END" for f in ("конец", "конца", "концу", "концом", "конце")},
    **{f: "MID" for f in ("середина", "середины", "середине", "середину", "серединой")},
}

#: words that, right after a 4-digit number, say that it is a quantity and
#: not a year ("в 1600 км", "в 1200 матчах", "в 2000 рублей"): exact forms,
#: lower case (short units and nouns that are also common after a year,
#: "в 2010 компания ...", are listed as their counting forms only)
QUANTITY_WORDS: frozenset[str] = frozenset((
    "км", "м", "см", "мм", "кг", "г", "т", "л", "га", "кв", "шт", "чел", "мин", "сек", "ч",
    "тыс", "млн", "млрд", "трлн", "руб", "долл", "вт", "квт", "мвт", "гвт", "мб", "гб", "%",
    "раз", "раза", "евро", "тенге", "лари", "песо", "иен", "юаней", "фунтов", "франков", "гривен",
    "метров", "метрах", "метра", "миль", "милях", "тонн", "тоннах", "тонны", "литров",
    "человек", "людей", "детей", "семей", "жителей", "граждан", "голосов", "мест", "местах",
    "матчах", "матчей", "матча", "игр", "играх", "штук", "единиц", "томов", "книг", "страниц",
    "минут", "часов", "секунд", "суток", "дней", "недель", "месяцев", "лет",
    "компаний", "школ", "случаев", "домов", "квартир", "машин", "автомобилей", "участников",
    "экземпляров", "пассажиров", "солдат", "военных", "сотрудников", "градусов", "баллов",
    "очков", "погибших", "пострадавших", "заключенных", "заключённых", "беженцев", "мигрантов",
    "пациентов", "студентов", "учеников", "туристов", "депутатов", "кандидатов", "строк",
    "слов", "знаков", "символов", "пикселей", "оборотов", "шагов", "выстрелов", "ракет",
    "снарядов", "бомб", "самолетов", "самолётов", "вертолетов", "вертолётов", "танков",
    "кораблей", "судов", "организаций", "предприятий", "заявок", "памятников", "рабочих",
    "сотен", "штуки", "пунктов", "пункта", "позиций", "позиции",
))
#: stems that never begin a word right after a year
QUANTITY_WORD_PREFIXES: tuple[str, ...] = (
    "километр", "сантиметр", "миллиметр", "килограмм", "рубл", "доллар", "процент", "тысяч",
    "миллион", "миллиард", "гектар", "баррел", "кубометр", "квадратн", "кубическ", "жител",
    "пассажир", "военнослужащ", "сотрудник", "участник", "экземпляр", "мегават", "киловат",
)

# --------------------------------------------------------------------------
# Regex building blocks (strings)
# --------------------------------------------------------------------------


YEAR4 = r"(?<![\d.,/№])(?:1\d{3}|20\d{2}|2100)(?!\d|[.,/]\d)"
#: ordinal suffix of a year: "2023-м", "2023-го", "2023-й"
YEAR_SUFFIX = r"-(?:го|й|м|му|ом|ый|ого|ому|ым)" + WEND
#: "год" in every case, "г", "гг" (the abbreviation dot is NOT part of it)
YEAR_WORD = (
    r"(?:год(?:а|у|ом|е|ы|ов|ам|ами|ах)?" + WEND + r"|гг?" + WEND + r"|г\.\s?г" + WEND + ")"
)
#: the plural year words that close a list "в 2003 и 2008 годах"
YEAR_WORD_PLURAL = r"(?:годы|годов|годам|годами|годах|гг)" + WEND
DAY = r"(?<![\d.,/])(?:0?[1-9]|[12]\d|3[01])(?:-?(?:го|е|ое|ого|м|й))?(?!\d)"
#: Roman numerals (centuries, quarters): upper case only; Cyrillic Х and І too
ROMAN = r"(?-i:[IVXХІ]{1,6})" + WEND


@dataclass(frozen=True)
class DatePatterns:
    master: re.Pattern[str]  # the one scan over the text
    lead: re.Pattern[str]  # preposition / modifier before a match (used on a short slice)
    next_word: re.Pattern[str]  # the word after a bare year
    future: re.Pattern[str]  # future-tense markers (weekday resolution)
    sources: dict[str, str]  # each alternative alone, for the rare fallback
    order: tuple[str, ...]  # names of the alternatives, in priority order
    _single: dict[str, re.Pattern[str]] = field(default_factory=dict, repr=False)

    def single(self, name: str) -> re.Pattern[str]:
        """The alternative `name` alone, compiled on first use."""
        pat = self._single.get(name)
        if pat is None:
            pat = self._single[name] = re.compile(
                WSTART + f"(?P<{name}>{self.sources[name]})", re.IGNORECASE)
        return pat


def master_source(alts: list[tuple[str, str]] | None = None) -> str:
    """The source of the master pattern (for debugging and tests)."""
    body = "|".join(f"(?P<{n}>{s})" for n, s in (alts or alternatives()))
    return WSTART + "(?=" + first_word_source() + ")(?:" + body + ")"


def first_words() -> set[str]:
    """Every word that can begin a date expression (besides digits and Roman numerals)."""
    words: set[str] = set()
    for group in (MONTHS, MONTH_ABBREVIATIONS, WEEKDAYS, SEASONS, ORDINALS, NUMBER_WORDS,
                  VAGUE_COUNT_WORDS, UNIT_FORMS, HALF_YEAR_WORDS, RELATIVE_ADJECTIVES,
                  DAY_WORDS, APPROXIMATORS,
                  DEICTIC_DAYS, ANAPHORIC_DAY_PHRASES, VAGUE_PHRASES, ("через",)):
        words.update(w.split()[0] for w in group)
    return words


def first_word_source() -> str:
    """A cheap look-ahead that rejects most word starts before the alternation.

    `re` tries the alternatives of the master pattern one after the other at
    every word start; this single trie of possible first words (plus digits
    and Roman numerals) fails fast on ordinary words and makes the scan
    several times faster.
    """
    return r"\d|(?-i:[IVXХІ])|" + alternation(first_words()) + WEND


def alternatives() -> list[tuple[str, str]]:
    """(name, source) of every alternative of the master pattern, by priority."""
    month_any = alternation(MONTHS)
    month_gen = alternation(MONTH_GENITIVE)
    month_abbr = alternation(MONTH_ABBREVIATIONS) + r"(?:\.|" + WEND + ")"
    month_dm = "(?:" + month_gen + WEND + "|" + month_abbr + ")"
    month_word = month_any + WEND
    weekday = alternation(WEEKDAYS) + WEND
    rel_adj = alternation(RELATIVE_ADJECTIVES) + WEND
    rel_noun = alternation(RELATIVE_NOUNS) + WEND
    season = alternation(SEASONS) + WEND
    ordinal = alternation(ORDINALS) + WEND
    number_word = alternation(list(NUMBER_WORDS) + list(VAGUE_COUNT_WORDS)) + WEND
    unit = alternation(UNIT_FORMS) + WEND
    quarter = "(?:" + alternation(QUARTER_FORMS) + WEND + r"|кв\.)"
    half_year = alternation(HALF_YEAR_FORMS) + WEND
    half = alternation(HALF_FORMS) + WEND
    deictic = alternation(DEICTIC_DAYS) + WEND
    anaph = alternation(ANAPHORIC_DAY_PHRASES) + WEND
    vague = alternation(VAGUE_PHRASES) + WEND
    rel_year_gen = (
        "(?:" + alternation(f for f, o in RELATIVE_ADJECTIVES.items() if f.endswith("го"))
        + "|того" + SP + "же)" + SP + r"года" + WEND
    )

    # a year with its "год"/"г." (optional "г" glued to the digits)
    def year_tail(p: str) -> str:
        return (
            "(?:" + OSP + f"(?P<{p}_y>" + YEAR4 + ")(?:" + YEAR_SUFFIX + ")?"
            + "(?:" + OSP + YEAR_WORD + ")?"
            + "|" + SP + f"(?P<{p}_ry>" + rel_year_gen + ")"
            + ")"
        )

    # period word followed by an optional year or "этого года" / "года"
    def period_year(p: str) -> str:
        return (
            "(?:" + SP + f"(?P<{p}_y>" + YEAR4 + ")(?:" + OSP + YEAR_WORD + ")?"
            + "|" + SP + f"(?P<{p}_ry>" + rel_year_gen + ")"
            + "|" + SP + f"(?P<{p}_cy>года)" + WEND
            + ")"
        )

    num_ord = r"(?:[1-4](?:-?(?:й|го|м|му|ом|е|ое|ого))?" + WEND + ")"

    alts = [
        # 2024-09-25 (ISO)
        ("iso", r"(?<![\d.,/-])(?P<iso_y>1\d{3}|20\d{2})-(?P<iso_m>0[1-9]|1[0-2])"
                r"-(?P<iso_d>0[1-9]|[12]\d|3[01])(?![\d-])"),
        # 25.09.2024, 5/9/2024, 25-09-2024 (4-digit years only)
        ("num", r"(?<![\d.,/-])(?P<num_d>0?[1-9]|[12]\d|3[01])(?P<num_sep>[./-])(?P<num_m>0?[1-9]|1[0-2])(?P=num_sep)"
                r"(?P<num_y>1\d{3}|20\d{2})(?!\d|[.,/-]\d)"),
        # вторник, 5 мая 2020 года; в минувший вторник — 27 января; вчера, 16 августа
        ("wdd", "(?P<wdd_wd>(?:" + rel_adj + SP + ")?" + weekday + "|" + deictic + r")"
                + "(?:" + OSP + "[,‐‑‒–—―−-]" + OSP + "|" + SP + ")"
                + r"(?P<wdd_d>" + DAY + ")" + SP + r"(?P<wdd_m>" + month_dm + ")"
                + "(?:" + year_tail("wdd") + ")?"),
        # 21–22 мая 2019 года, 21 и 22 мая; с 25 по 29 июля 2013 г.; со 2-го на 3-е ноября
        ("ddm", r"(?P<ddm_d1>" + DAY + ")(?P<ddm_sep>" + DASH + "|" + SP + r"(?:и|по|на)" + SP + ")"
                r"(?P<ddm_d2>" + DAY + ")" + SP + r"(?P<ddm_m>" + month_dm + ")"
                + "(?:" + year_tail("ddm") + ")?"),
        # 25 сентября 2024 года, 1 мая, 25 сент. 2024
        ("dmy", r"(?P<dmy_d>" + DAY + "|" + alternation(DAY_WORDS) + WEND + ")"
                + SP + r"(?P<dmy_m>" + month_dm + ")"
                + "(?:" + year_tail("dmy") + ")?"),
        # январь — февраль 2013 года, в январе–марте 2024 г., с января по март 2024 года
        ("mmy", r"(?P<mmy_m1>" + month_word + ")(?:" + DASH + "|" + SP + r"(?:и|по|или)" + SP + ")"
                r"(?P<mmy_m2>" + month_word + ")" + year_tail("mmy")),
        # сентябрь 2024 г., в сентябре 2024 года, в декабре прошлого года
        ("my", r"(?P<my_m>" + month_word + "|" + month_abbr + ")" + year_tail("my")),
        # III квартал 2024 г., в первом квартале, 1-й квартал текущего года, I–III кварталы
        ("qtr", r"(?P<qtr_n>" + ordinal + "|" + ROMAN + "|" + num_ord + ")"
                r"(?:" + DASH + r"(?P<qtr_n2>" + ordinal + "|" + ROMAN + "|" + num_ord + "))?"
                + SP + quarter + "(?:" + period_year("qtr") + ")?"),
        # первое полугодие 2024 года, I полугодие
        ("hy", r"(?P<hy_n>" + ordinal + "|" + ROMAN + "|" + num_ord + ")" + SP + half_year
               + "(?:" + period_year("hy") + ")?"),
        # первой половине 2024 года (a year is required)
        ("half", r"(?P<half_n>" + ordinal + ")" + SP + half + period_year("half")),
        # 8 месяцев 2024 года, девяти месяцев текущего года (a year is required)
        ("nmon", r"(?P<nmon_n>(?<!\d)(?:[1-9]|1[01])(?!\d)|" + number_word + ")" + SP
                 + r"месяц(?:ев|а|ам|ах)" + WEND + period_year("nmon")),
        # летом 2013 года, осенью прошлого года, этим летом, прошлой зимой
        ("sea", r"(?:(?P<sea_adj>" + rel_adj + ")" + SP + ")?(?P<sea_s>" + season + ")"
                + "(?:" + period_year("sea") + ")?"),
        # 1960-х — 1980-х гг., 1990-е годы, в 90-х
        ("dec", r"(?<![\d.,/])(?P<dec_y>(?:1\d|20)?\d0)-(?:х|е|ых|ые|ми)" + WEND
                + r"(?:" + DASH + r"(?P<dec_y2>(?:1\d|20)?\d0)-(?:х|е|ых|ые|ми)" + WEND + ")?"
                r"(?:" + OSP + YEAR_WORD + ")?"
                r"(?:" + SP + r"(?P<dec_c>" + ROMAN + r"|прошлого|позапрошлого|этого|текущего|нынешнего)"
                + OSP + r"(?:века|вв?\.)" + ")?"),
        # XIX век, в XXI веке, XIV–XV вв., 20-го века, ХХ-го века
        ("cen", r"(?P<cen_n>" + ROMAN + r"|(?<![\d.,])(?:[1-9]|1\d|2[01])(?!\d))(?:-?(?:го|й|м|ом|ый))?"
                r"(?:" + DASH + r"(?P<cen_n2>" + ROMAN + r"|(?:[1-9]|1\d|2[01])(?!\d))(?:-?(?:го|й|м|ом|ый))?)?"
                + OSP + r"(?:век(?:а|у|ом|е|и|ов|ам|ах)?" + WEND + r"|вв?\.)"
                r"(?P<cen_bc>" + OSP + r"до" + SP + r"(?:н\." + OSP + r"э\.?|нашей" + SP + r"эры))?"),
        # с 2021 по 2023 год, 2021–2023 годы, 2008-2011 гг, 1996–98 (years)
        ("yr", r"(?P<yr_y1>" + YEAR4 + r")(?:" + OSP + YEAR_WORD + ")?"
               r"(?P<yr_sep>" + DASH + "|" + SP + r"(?:по|до|и|или)" + SP + ")"
               r"(?P<yr_y2>" + YEAR4 + r"|(?<=[-‐‑‒–—―−])\d\d(?!\d))(?:" + YEAR_SUFFIX + ")?"
               r"(?P<yr_w>" + OSP + YEAR_WORD + ")?"),
        # 2016/17, 2016/2017 (seasons)
        ("ys", r"(?P<ys_y1>(?<![\d.,/№])(?:1\d{3}|20\d{2}))/(?P<ys_y2>\d\d(?:\d\d)?)(?![\d/])"),
        # 1958, 1962 и 1970 годах (split into one match per year afterwards)
        ("ylist", r"(?P<ylist_body>" + YEAR4 + r"(?:" + OSP + "," + OSP + YEAR4 + r")+"
                  + r"(?:" + OSP + "," + OSP + "|" + SP + r"(?:и|или)" + SP + ")" + YEAR4 + ")"
                  + OSP + YEAR_WORD_PLURAL),
        # 2023 год, в 2023 г., 2023-м, 2005г
        ("y", r"(?P<y_y>" + YEAR4 + r")(?:(?P<y_suf>" + YEAR_SUFFIX + ")(?:" + OSP + YEAR_WORD + ")?|"
              + OSP + YEAR_WORD + ")"),
        # через два года, через неделю, через несколько дней, через полгода
        ("after", r"через" + SP + r"(?:(?P<after_n>\d{1,3}|" + number_word + ")" + SP + ")?"
                  r"(?P<after_u>" + unit + "|" + alternation(HALF_YEAR_WORDS) + WEND + ")"),
        # три года назад, год назад, несколько дней назад, полгода назад
        ("ago", r"(?:(?P<ago_q>" + alternation(APPROXIMATORS) + WEND + ")" + SP + ")?"
                r"(?:(?P<ago_n>(?<![\d.,])\d{1,3}|" + number_word + ")" + SP + ")?"
                r"(?P<ago_u>" + unit + "|" + alternation(HALF_YEAR_WORDS) + WEND + ")" + SP + r"назад" + WEND),
        # в прошлом октябре, в следующем марте ("этим летом" is "sea")
        ("rmon", r"(?P<rmon_adj>" + rel_adj + ")" + SP + r"(?P<rmon_m>" + month_word + ")"),
        # в прошлом году, на этой неделе, в следующем месяце, прошлого года
        ("rel", r"(?P<rel_adj>" + rel_adj + ")" + SP + r"(?P<rel_n>" + rel_noun + ")"),
        # в минувшую пятницу, в этот вторник
        ("rwd", r"(?P<rwd_adj>" + rel_adj + ")" + SP + r"(?P<rwd_wd>" + weekday + ")"),
        # сегодня, вчера, завтра
        ("deic", r"(?P<deic_w>" + deictic + ")"),
        # в тот же день, на следующий день
        ("anaph", r"(?P<anaph_w>" + anaph + ")"),
        # в последние годы, в ближайшие дни
        ("vague", r"(?P<vague_w>" + vague + ")"),
        # во вторник, в понедельник
        ("wd", r"(?P<wd_w>" + weekday + ")"),
        # в сентябре, с января, в начале июня (needs a preposition or modifier)
        ("mon", r"(?P<mon_w>" + month_word + ")"),
        # a bare 4-digit year: "(2003)", "Олимпиаде-2016", "в 1958," (context checked in code)
        ("bare", r"(?P<bare_y>" + YEAR4 + r")(?!" + OSP + r"[%‰])"),
    ]
    return alts


def lead_source() -> str:
    """Preposition and modifier right before a match; searched on a short slice."""
    prep = alternation(PREPOSITIONS)
    mod = alternation(MODIFIER_FORMS)
    return (
        r"(?:(?<![^\W_])(?P<prep>" + prep + ")" + SP + r")?"
        r"(?:(?<![^\W_])(?P<mod>" + mod + ")" + SP + r")?\Z"
    )


def compile_patterns() -> DatePatterns:
    """Compile the regexes the recogniser needs (about 0.1 s: call once, reuse)."""
    flags = re.IGNORECASE
    alts = alternatives()
    master = re.compile(master_source(alts), flags)
    lead = re.compile(lead_source(), flags)
    next_word = re.compile(OSP + r"(?P<w>[^\W\d_]+|%)", flags)
    return DatePatterns(
        master=master, lead=lead, next_word=next_word,
        future=re.compile(FUTURE_MARKERS, flags), sources=dict(alts),
        order=tuple(n for n, _ in alts),
    )
