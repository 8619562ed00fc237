"""Words before a number (data only): qualifiers ("около", "более", "не менее",
"превысила"), the words of change that make "до" a new level, and the
prepositions reported with a match.  See `inflection` for the conventions."""
from __future__ import annotations

#: phrase -> code.  "до" is `up_to` (also where it is a target, "выросла до
#: 5 %": the caller may read it as the new level); "от" is reported as a
#: preposition, not as a qualifier, except in ranges ("от 3 до 5").
QUALIFIERS: dict[str, str] = {
    "почти": "approx", "около": "approx", "порядка": "approx", "примерно": "approx",
    "приблизительно": "approx", "ориентировочно": "approx", "~": "approx", "≈": "approx",
    "где-то": "approx", "практически": "approx", "фактически": "approx",
    "выше": "more_than", "ниже": "less_than",
    "более": "more_than", "свыше": "more_than", "больше": "more_than", "более чем": "more_than",
    "больше чем": "more_than", "чуть более": "more_than", "чуть больше": "more_than",
    "немногим более": "more_than", "немногим больше": "more_than", "чуть более чем": "more_than",
    "сверх": "more_than", ">": "more_than",
    "менее": "less_than", "меньше": "less_than", "менее чем": "less_than",
    "меньше чем": "less_than", "чуть менее": "less_than", "чуть меньше": "less_than",
    "немногим менее": "less_than", "<": "less_than",
    "не менее": "at_least", "не менее чем": "at_least", "не меньше": "at_least",
    "не меньше чем": "at_least", "как минимум": "at_least", "минимум": "at_least",
    "по меньшей мере": "at_least", "по крайней мере": "at_least", "≥": "at_least",
    "не более": "up_to", "не более чем": "up_to", "не больше": "up_to", "не больше чем": "up_to",
    "не свыше": "up_to", "как максимум": "up_to", "максимум": "up_to", "до": "up_to",
    "вплоть до": "up_to", "≤": "up_to",
    # verbs that bound the amount: "явка превысила 80 %", "не должно превышать 400 человек"
    **{v: "more_than" for v in ("превысил", "превысила", "превысило", "превысили", "превысит",
                                "превысят", "превышает", "превышают", "превышал", "превышала",
                                "превышало", "превышали")},
    **{"не " + v: "up_to" for v in ("превышает", "превышают", "превысит", "превысят",
                                    "превышать", "должно превышать", "должна превышать",
                                    "должен превышать", "должны превышать")},
}
#: words before "до" that make it the new level of a change, not `up_to`:
#: "возрастет до 3,1 тыс. руб", "увеличилась ... до 668 миллионов долларов"
CHANGE_TO_STEMS: tuple[str, ...] = (
    "вырос", "выросл", "выраст", "увелич", "возрос", "возраст", "подрос", "рост", "прирост",
    "повыс", "повыш", "нарастил", "нарастит", "подорожа", "снизил", "снизит", "снизи",
    "снижен", "снижа", "сократ", "сокращ", "уменьш", "упал", "упад", "упаст", "опуст",
    "падени", "подешев", "довест", "довед", "доводит", "дорос", "поднял", "подня", "поднима",
    "опуска", "понизи", "пониж", "измени", "скорректир", "ухудш", "улучш", "расшир", "сузи",
    "увеличен", "уменьшен", "изменен",
)
#: prepositions reported with a match (`NumberMatch.prep`): "на 32 %", "в 2 раза"
PREPOSITIONS: tuple[str, ...] = (
    "на", "в", "во", "с", "со", "от", "по", "за", "из", "к", "ко", "о", "об", "при", "для",
    "после", "против", "между", "среди", "через",
)
