"""Period, base period, change, comparison and regions of facts, on synthetic sentences."""
from __future__ import annotations

import datetime as dt

import pytest

DATE = dt.date(2020, 3, 1)


def facts(pipeline, text, date=DATE):
    return {f.text: f for f in pipeline.extract(text, date=date).facts}


# -- period -----------------------------------------------------------------------------


def test_a_heading_sets_the_period_of_the_figures_under_it(pipeline) -> None:
    got = facts(pipeline, "Итоги 2019 года\n\nВыручка завода составила 5 млн рублей.\n\nИтоги 2018 года\n\nВыручка составила 7 млн рублей.")
    assert (got["5 млн рублей"].period, got["7 млн рублей"].period) == ("2019", "2018")


def test_a_list_lead_sets_the_period_of_its_items(pipeline) -> None:
    got = facts(pipeline, "Источники инвестиций в 2016 году:\nсобственные средства – 14,2 млн руб.;\nзаёмные – 3,1 млн руб.")
    assert (got["14,2 млн руб."].period, got["3,1 млн руб."].period) == ("2016", "2016")


def test_a_paragraph_opening_with_a_period_sets_it_for_the_next_sentences(pipeline) -> None:
    text = (
        "Сводка\n\nВ 2017 году выручка составила 5 млн рублей. Прибыль компании составила 2 млн рублей.\n\n"
        "Расходы компании составили 3 млн рублей. В офисе 20 столов."
    )
    got = facts(pipeline, text)
    assert (got["5 млн рублей"].period, got["2 млн рублей"].period, got["3 млн рублей"].period) == ("2017", "2017", "2017")
    assert got["20 столов"].period is None  # a bare count is a state, not a figure of the period


def test_an_event_month_sets_no_period_for_the_next_sentences(pipeline) -> None:
    got = facts(pipeline, "Сводка\n\nВ июне 2017 года компания купила завод. Выручка компании составила 5 млн рублей.")
    assert got["5 млн рублей"].period is None


def test_a_sentence_date_wins_over_the_document_period(pipeline) -> None:
    got = facts(pipeline, "Итоги 2019 года\n\nВыручка составила 5 млн рублей, а в 2015 году выручка составила 3 млн рублей.")
    assert (got["5 млн рублей"].period, got["3 млн рублей"].period) == ("2019", "2015")


def test_a_month_range_takes_the_year_of_its_context_not_the_document_date(pipeline) -> None:
    got = facts(pipeline, "Итоги 2016 года\n\nС января по май объём продаж вырос на 5 %.")
    assert got["5 %"].period == "2016-01..2016-05"
    alone = facts(pipeline, "С января по май объём продаж вырос на 5 %.")
    assert alone["5 %"].period is None
    assert alone["5 %"].as_of == "2020-03-01"


def test_a_fact_with_no_stated_period_has_none_but_its_document_date(pipeline) -> None:
    (fact,) = pipeline.extract("Выручка компании составила 5 млн рублей.", date=DATE).facts
    assert (fact.period, fact.as_of) == (None, "2020-03-01")
    (undated,) = pipeline.extract("Выручка компании составила 5 млн рублей.").facts
    assert undated.as_of is None


def test_an_enumeration_shares_the_period_of_its_lead(pipeline) -> None:
    got = facts(pipeline, "В 2016 году инвестиции составили 20 млн руб.: собственные средства – 14,2 млн руб.; заёмные – 3,1 млн руб.")
    assert {got[k].period for k in ("20 млн руб.", "14,2 млн руб.", "3,1 млн руб.")} == {"2016"}


def test_a_year_earlier_is_the_year_before_the_sentence(pipeline) -> None:
    got = facts(pipeline, "Его состояние в 2013 году составило 17,6 млрд долларов против 18,1 млрд долларов годом ранее.")
    assert (got["17,6 млрд долларов"].period, got["18,1 млрд долларов"].period) == ("2013", "2012")


def test_the_number_takes_the_date_right_after_it(pipeline) -> None:
    got = facts(pipeline, "Выделят 1,3 миллиарда рублей в 2018 году и 1,5 миллиарда рублей в 2019 году.")
    assert (got["1,3 миллиарда рублей"].period, got["1,5 миллиарда рублей"].period) == ("2018", "2019")


@pytest.mark.parametrize(
    "text, number, period, base",
    [
        ("В 2019 году производство было на 4,1 % больше, чем в 2018 году.", "4,1 %", "2019", "2018"),
        ("В 2019 году выпуск вырос на 3 % к уровню 2018 года.", "3 %", "2019", "2018"),
        ("Добыча в 2017 году составит 2,6 млн тонн, что на 5,4 % ниже уровня 2016 года.", "5,4 %", "2017", "2016"),
        ("В 2019 году выпуск вырос на 1,3 % к 2017 году.", "1,3 %", "2019", "2017"),
        ("В 2019 году выпуск вырос на 3 % к предыдущему году.", "3 %", "2019", "2018"),
    ],
)
def test_the_base_of_a_change_is_its_base_period_not_its_period(pipeline, text, number, period, base) -> None:
    fact = facts(pipeline, text)[number]
    assert (fact.period, fact.base_period, fact.change) == (period, base, "increase" if "выше" not in text and "ниже" not in text else "decrease")


def test_a_level_has_no_base_period(pipeline) -> None:
    got = facts(pipeline, "В 2016 году выручка выросла по сравнению с 2015 годом на 7 % и составила 50 млн рублей.")
    assert (got["7 %"].base_period, got["50 млн рублей"].base_period) == ("2015", None)
    assert got["50 млн рублей"].period == "2016"


# -- change and comparison -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, changes",
    [
        (
            "Население выросло и достигло 2,3 тыс. человек, в том числе 800 детей (рост на 5 %).",
            {"2,3 тыс. человек": None, "800 детей": None, "5 %": "increase"},
        ),
        ("Выручка составила 10 млн рублей, что на 7 % больше уровня прошлого года.", {"10 млн рублей": None, "7 %": "increase"}),
        ("Продажи снизились на 4 % и составили 51 млн долларов.", {"4 %": "decrease", "51 млн долларов": None}),
        ("Доля торговли сократилась (на 4,9 процентных пункта).", {"4,9 процентных пункта": "decrease"}),
        ("Выпуск вырос в 3 раза, а затраты – в 12 раз.", {"в 3 раза": "increase", "в 12 раз": "increase"}),
        ("Удовлетворённость выросла с 76 % до 89 %.", {"76 %": None, "89 %": None}),
        ("Снижение объёмов производства в 2016 году составило 7,5 %.", {"7,5 %": "decrease"}),
        ("Ожидается рост потребления в 1,2 раза при сокращении потерь.", {"в 1,2 раза": "increase"}),
        ("Доходы составили 600 тыс. рублей, что на 11 тыс. рублей меньше, чем за 2014 год.", {"11 тыс. рублей": "decrease"}),
    ],
)
def test_change_words_away_from_the_number(pipeline, text, changes) -> None:
    got = facts(pipeline, text)
    assert {k: got[k].change for k in changes} == changes
    assert not any(got[k].comparison for k in changes)


def test_a_signed_percentage_is_a_change_of_that_size(pipeline) -> None:
    got = facts(pipeline, "Далее идут Kia (201 727 машин -11%), Skoda (94 632 машины, +7%) и ГАЗ (51 169 машин, −20%).")
    assert [(got[k].value, got[k].change) for k in ("-11%", "+7%", "−20%")] == [(11, "decrease"), (7, "increase"), (20, "decrease")]
    level = facts(pipeline, "Инфляция в марте составила -0,5%.")["-0,5%"]
    assert (level.value, level.change) == (-0.5, None)  # a negative level, after a level verb


@pytest.mark.parametrize(
    "text, number",
    [
        ("Зарплата директора в 30 раз выше средней зарплаты.", "в 30 раз"),
        ("Обеспеченность койками на 7,5 % меньше среднереспубликанского показателя.", "7,5 %"),
        ("Обеспеченность койками меньше среднереспубликанского показателя на 7,5 %.", "7,5 %"),
        ("Риск депрессии был в 2,7 раза выше, чем у всех остальных.", "в 2,7 раза"),
    ],
)
def test_a_comparison_with_a_peer_is_no_change(pipeline, text, number) -> None:
    fact = facts(pipeline, text)[number]
    assert (fact.change, fact.comparison) == (None, True)


def test_a_comparison_with_a_past_time_is_a_change(pipeline) -> None:
    fact = facts(pipeline, "Экспорт в 26 раз больше в сравнении с аналогичным периодом прошлого года.")["в 26 раз"]
    assert (fact.change, fact.comparison) == ("increase", False)


# -- regions ----------------------------------------------------------------------------

REGION_TEXT = (
    "Смоленская область наращивает связи с Белоруссией. Губернатор Смоленской области рассказал об этом. "
    "По товарообороту с сопредельным государством мы входим в топ-5 среди регионов России: он составил $3 млрд."
)


def test_a_neighbour_phrase_names_the_partner_country_and_the_home_region(pipeline) -> None:
    fact = facts(pipeline, REGION_TEXT)["$3 млрд"]
    assert set(fact.regions) == {"Смоленская область", "Белоруссия"}


def test_a_ranking_frame_is_not_a_region_of_the_fact(pipeline) -> None:
    fact = facts(pipeline, "Область входит в топ-5 среди регионов России, выпуск молока составил 500 тысяч тонн.")["500 тысяч тонн"]
    assert "Россия" not in fact.regions
    named = facts(pipeline, "Выпуск молока в России составил 500 тысяч тонн.")["500 тысяч тонн"]
    assert named.regions == ["Россия"]
