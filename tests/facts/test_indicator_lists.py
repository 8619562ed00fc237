"""Which indicator a number gets in lists, ellipsis, comparisons and governed phrases (invented sentences)."""
from __future__ import annotations

import pytest


def indicators(pipeline, text: str) -> dict[str, str | None]:
    return {f.text: f.indicator for f in pipeline.extract(text).facts}


@pytest.mark.parametrize(
    ("text", "number", "indicator"),
    [
        # list items after a dash name their own indicator
        ("Весной подорожали овощи, фруктовые соки - на 5%, сливочное масло - на 3%.", "5%", "фруктовый сок"),
        ("Весной подорожали овощи, фруктовые соки - на 5%, сливочное масло - на 3%.", "3%", "сливочное масло"),
        ("Стоимость проекта - 5 млн рублей, ремонт и оснащение школы - 2 млн рублей.", "2 млн рублей", "ремонт и оснащение школы"),
        ("Общий объем финансирования программы в период до 2030 года - 90 млн рублей.", "90 млн рублей", "общий объём финансирования программы"),
        # an item that names only a scope takes the list's first indicator
        ("Средняя пенсия для мужчин составила 12 тысяч рублей, для женщин - 11 тысяч рублей.", "11 тысяч рублей", "средняя пенсия"),
        ("Прожиточный минимум составил 9 тысяч рублей. В том числе для детей – 8 тысяч рублей.", "8 тысяч рублей", "прожиточный минимум"),
        # a head of the lexicon only after its adjective
        ("Прожиточный минимум вырос до 10 тысяч рублей.", "10 тысяч рублей", "прожиточный минимум"),
        # the head in the nominative singular, its dependents as written
        ("Расходы владельцев автомобилей составили 3 млрд рублей.", "3 млрд рублей", "расход владельцев автомобилей"),
        ("Стоимость «Северного моста» составит 3 млрд рублей.", "3 млрд рублей", "стоимость «Северного моста»"),
        ("Обеспеченность школами составила 95%.", "95%", "обеспеченность школами"),
        ("Эта выручка составила 4 млн рублей.", "4 млн рублей", "выручка"),  # a pronoun is no part of it
        # genitives of other nouns, comparison bases and governed nouns are not what is measured
        ("5 тысяч рублей составила на душу населения средняя пенсия.", "5 тысяч рублей", "средняя пенсия"),
        ("Выручка выросла до 5 млн рублей, что выше уровня 2019 года на 10%.", "10%", "выручка"),
        # … unless the number follows the governed noun
        ("Суд назначил наказание в виде штрафа в размере 300 тысяч рублей.", "300 тысяч рублей", "штраф"),
        ("Квартиры продавались по цене 90 тысяч рублей.", "90 тысяч рублей", "цена"),
        # the tree: a change verb's object, a comparative's verb, a number the walk passes through
        ("Реформа сократила очереди на 30%.", "30%", "очередь"),
        ("Билеты оказались в три раза дороже.", "в три раза", "билет"),
        ("Бензин подорожал на 2% - до 50 рублей за литр.", "50 рублей", "бензин"),
        # a count takes the subject of a verb that states an amount
        ("Перевозки пассажиров составили 5 тысяч человек.", "5 тысяч человек", "перевозка пассажиров"),
    ],
)
def test_indicator(pipeline, text: str, number: str, indicator: str) -> None:
    got = indicators(pipeline, text)
    assert got[number] == indicator, got


def test_an_adverb_phrase_names_no_indicator(pipeline) -> None:
    assert indicators(pipeline, "На собрание пришли как минимум 50 человек.")["50 человек"] != "минимум"


def test_a_subject_in_another_clause_is_not_the_indicator(pipeline) -> None:
    got = indicators(pipeline, "Клуб готов отдать за игрока 15 млн евро, однако владелец просит больше.")
    assert got["15 млн евро"] != "владелец"


def test_a_year_item_names_no_indicator(pipeline) -> None:
    got = indicators(pipeline, "Финансирование программы:\n2019 год - 225,0 тыс. рублей;\n2020 год - 230,0 тыс. рублей.")
    assert got["230,0 тыс. рублей"] != "год"
