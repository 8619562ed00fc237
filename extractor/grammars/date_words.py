"""Closed word lists of the date grammar (`extractor.grammars.dates`) and its handlers
(`extractor.entities.date_*`): weekdays, seasons, ordinals, relative words, the
prepositions that govern a date.  Months live in `extractor.grammars.words`, shared
with the other grammars.  Plain data, nothing compiled."""
from __future__ import annotations

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
# Words the handlers test around a match
# --------------------------------------------------------------------------

#: prepositions that open / close a range: "с 2021 по 2023 год", "от 1900 до 2000"
RANGE_FROM: frozenset[str] = frozenset(("с", "со", "от"))
RANGE_TO: frozenset[str] = frozenset(("по", "до"))
#: prepositions that make a weekday that is also a common word a date ("в среду")
WEEKDAY_PREPOSITIONS: frozenset[str] = frozenset(
    ("в", "во", "на", "до", "к", "ко", "с", "со", "по", "после", "накануне")
)
#: prepositions an anaphoric phrase needs ("в тот же день"); "того же года" needs none
ANAPHORA_PREPOSITIONS: frozenset[str] = frozenset(("в", "во", "на", "с", "со", "до", "к", "ко"))
#: prepositions that make a season noun without a year a date ("с весны", "к осени");
#: the adverbs ("летом") need none
SEASON_PREPOSITIONS: frozenset[str] = frozenset(("с", "со", "до", "к", "ко", "после", "на"))
#: unit forms that need a count before "назад": "год назад" is a date, "лет назад" alone is not
UNITS_NEEDING_COUNT: frozenset[str] = frozenset(("лет", "месяцев", "дней", "недель", "суток"))
#: "60-х годов прошлого века": how many centuries back from the document's
RELATIVE_CENTURIES: dict[str, int] = {
    "прошлого": 1, "позапрошлого": 2, "этого": 0, "текущего": 0, "нынешнего": 0,
}
#: "5 век": the nouns that make a small number without a suffix a century
CENTURY_NOUNS: frozenset[str] = frozenset(("век", "веке", "веку", "веком"))
#: stems of the word after a short decade that make it no decade ("в 10-х классах")
NOT_AFTER_SHORT_DECADE: tuple[str, ...] = (
    "класс", "мест", "этаж", "ряд", "числ", "строк", "позиц", "годовщ", "лет", "годам",
)
#: "(р. 1993)": the abbreviations of "born" before a year of birth
BIRTH_MARKS: frozenset[str] = frozenset(("р.", "род.", "г.р.", "гг.р."))
