"""Closed word lists that several grammars and stages share, written once: months,
quotation marks. Lists that one grammar alone uses stay with it."""
from __future__ import annotations

#: month number -> every case form (singular).  Both "ё" and "е" spellings.
MONTH_FORMS: dict[int, tuple[str, ...]] = {
    1: ("январь", "января", "январю", "январём", "январем", "январе"),
    2: ("февраль", "февраля", "февралю", "февралём", "февралем", "феврале"),
    3: ("март", "марта", "марту", "мартом", "марте"),
    4: ("апрель", "апреля", "апрелю", "апрелем", "апреле"),
    5: ("май", "мая", "маю", "маем", "мае"),
    6: ("июнь", "июня", "июню", "июнем", "июне"),
    7: ("июль", "июля", "июлю", "июлем", "июле"),
    8: ("август", "августа", "августу", "августом", "августе"),
    9: ("сентябрь", "сентября", "сентябрю", "сентябрём", "сентябрем", "сентябре"),
    10: ("октябрь", "октября", "октябрю", "октябрём", "октябрем", "октябре"),
    11: ("ноябрь", "ноября", "ноябрю", "ноябрём", "ноябрем", "ноябре"),
    12: ("декабрь", "декабря", "декабрю", "декабрём", "декабрем", "декабре"),
}

#: genitive forms: the only ones that may follow a day number ("25 сентября")
MONTH_GENITIVE: dict[str, int] = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6,
    "июля": 7, "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}

#: abbreviations, written with or without a dot ("янв.", "сент", "дек.");
#: accepted only after a day number or before a year, never alone
MONTH_ABBREVIATIONS: dict[str, int] = {
    "янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7,
    "авг": 8, "сен": 9, "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12,
}

MONTHS: dict[str, int] = {f: n for n, forms in MONTH_FORMS.items() for f in forms}

#: quotation marks of any side, as tokens ("«", "»", '"', …): not words of a name
QUOTES: frozenset[str] = frozenset("«»\"“”„'")
#: marks that open a quotation: a span right after one is a name or a title, not a reference
OPENING_QUOTES: tuple[str, ...] = ("«", '"', "“", "„")
