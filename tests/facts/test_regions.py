"""The places of a figure: its sentence's (cities included, the most specific), those it is
paired with, and the document's subject when the sentence names none."""
from __future__ import annotations

import pytest


def regions(pipeline, text: str) -> dict[str, list[str]]:
    return {f.text: f.regions for f in pipeline.extract(text).facts}


def test_a_city_in_the_sentence_is_the_place(pipeline) -> None:
    assert regions(pipeline, "В Новосибирске стоимость жилья увеличилась за год на 1,7%.")["1,7%"] == ["Новосибирск"]


def test_a_city_not_its_region_or_country(pipeline) -> None:
    got = regions(pipeline, "В Казани, столице Татарстана, цены на жилье в России выросли на 3%.")
    assert got["3%"] == ["Казань"]


def test_a_sentence_without_a_place_takes_the_city_of_the_heading_and_lead(pipeline) -> None:
    text = ("Цены на жилье в Москве выросли\n\nСтоимость квадратного метра в Москве за год выросла на 7%. "
            "Аренда квартир подорожала на 5%, сообщили аналитики.")
    assert regions(pipeline, text)["5%"] == ["Москва"]


def test_a_sentence_without_a_place_in_an_article_about_the_country(pipeline) -> None:
    text = ("Росстат: доходы россиян снизились\n\nРеальные располагаемые доходы населения России упали на 2%. "
            "Средняя зарплата при этом выросла на 3%.")
    assert regions(pipeline, text)["3%"] == ["Россия"]


def test_each_number_takes_the_place_named_before_it(pipeline) -> None:
    got = regions(pipeline, "Средний размер доплаты в России составил 2 тыс. рублей, минимальный - в Курской области "
                            "(1,1 тыс. рублей), максимальный - в Орловской области (3 тыс. рублей).")
    assert got["1,1 тыс. рублей"] == ["Курская область"]
    assert got["3 тыс. рублей"] == ["Орловская область"]
    assert got["2 тыс. рублей"] == ["Россия"]


def test_a_number_that_goes_on_keeps_the_place(pipeline) -> None:
    got = regions(pipeline, "В Санкт-Петербурге, по данным аналитиков, жилье подорожало на 1% - до 71,38 тысячи рублей.")
    assert got["1%"] == got["71,38 тысячи рублей"] == ["Санкт-Петербург"]


def test_respectively_pairs_places_and_numbers(pipeline) -> None:
    got = regions(pipeline, "В Екатеринбурге и Самаре жилье подешевело на 0,1% и 0,8% соответственно.")
    assert (got["0,1%"], got["0,8%"]) == (["Екатеринбург"], ["Самара"])


def test_a_list_of_places_after_the_number_goes_past_the_commas(pipeline) -> None:
    got = regions(pipeline, "На турнир приехали 20 спортсменов из Брянска, Курска и Тулы.")
    assert got["20 спортсменов"] == ["Брянск", "Курск", "Тула"]


@pytest.mark.parametrize(
    "text, number",
    [
        ("Трасса от Москвы до Новороссийска имеет протяженность 1524 км.", "1524 км"),  # the ends of a route
        ("В забеге «Лыжня России» приняли участие 500 человек.", "500 человек"),  # a quoted name
        ("Кардиналы из Индии и Колумбии\n\nВсего их 120 человек.", "120 человек"),  # a tie: no subject
        ("Россия в газовом форуме\n\nВ форум входят 12 государств (Россия, Алжир, Катар).", "12 государств"),  # a group of states
    ],
)
def test_places_that_are_not_where_the_figure_is(pipeline, text: str, number: str) -> None:
    assert regions(pipeline, text)[number] == []
