"""The period a reader of a news article understands: carried from the paragraph, the
article's report period, relative years counted from the article's own year.

The texts are shaped like the regional news of tests/data/news_facts.jsonl (a headline line,
then paragraphs); like them, they have no publication date unless a test gives one."""
from __future__ import annotations

import datetime as dt


def periods(pipeline, text, date=None):
    return {f.text: f.period for f in pipeline.extract(text, date=date).facts}


def test_the_report_period_of_the_lead_carries_to_the_list_that_follows(pipeline) -> None:
    text = (
        "Зарплата федеральных чиновников за год выросла на треть\n\n"
        "По данным Росстата, средняя зарплата федеральных чиновников в первом полугодии 2014 года увеличилась на 32,6%.\n\n"
        "Лидером по зарплатам оказалась администрация президента - 231,1 тыс. рублей в месяц и рост на 34,9%."
    )
    got = periods(pipeline, text)
    assert (got["32,6%"], got["231,1 тыс. рублей"], got["34,9%"]) == ("2014-H1", "2014-H1", "2014-H1")


def test_a_later_report_period_replaces_the_first(pipeline) -> None:
    text = (
        "Цены на автомобили выросли\n\n"
        "В январе 2021 года средняя цена автомобиля составила 1,803 млн рублей.\n\n"
        "Продажи автомобилей в России в 2020 году сократились на 9,1%.\n\n"
        "Далее идут компании Kia (-11%) и Hyundai (-9%)."
    )
    got = periods(pipeline, text)
    assert (got["-11%"], got["-9%"]) == ("2020", "2020")


def test_a_paragraph_carries_the_month_of_its_figures_an_event_month_no_further(pipeline) -> None:
    text = (
        "Спрос вырос\n\n"
        "В марте 2020 года спрос на аренду загородных домов вырос в 2,3 раза. В Ленинградской области спрос вырос в 2,7 раза.\n\n"
        "Спрос на покупку квартир вырос на 5%."
    )
    got = periods(pipeline, text)
    assert (got["в 2,3 раза"], got["в 2,7 раза"], got["5%"]) == ("2020-03", "2020-03", None)


def test_a_relative_year_counts_from_the_headline_not_from_a_later_target(pipeline) -> None:
    text = (
        "Прожиточный минимум в Москве в первом квартале 2003 года превысил 3040 рублей\n\n"
        "В первые три месяца текущего года прожиточный минимум составлял 3457 рублей 9 копеек. "
        "В марте этого года прожиточный минимум пенсионера составил 2139 рублей 71 копейку.\n\n"
        "К 2005 году власти обещают повысить пенсии на 20%."
    )
    got = periods(pipeline, text)
    assert (got["3457 рублей 9 копеек"], got["2139 рублей 71 копейку"]) == ("2003-Q1", "2003-03")


def test_a_relative_year_needs_a_year_the_article_states_or_a_publication_date(pipeline) -> None:
    text = "В январе этого года продажи новых автомобилей в России составили 95 213 штук."
    assert periods(pipeline, text)["95 213 штук"] is None
    assert periods(pipeline, text, dt.date(2021, 3, 3))["95 213 штук"] == "2021-01"


def test_last_year_is_the_year_before_the_article_s_not_before_its_latest(pipeline) -> None:
    text = (
        "Зарплата чиновников выросла\n\n"
        "По данным Росстата, средняя зарплата чиновников в первом полугодии 2014 года увеличилась на 32,6% "
        "по сравнению с тем же периодом прошлого года.\n\n"
        "Правительство решило удвоить зарплаты чиновникам к 2018 году."
    )
    fact = next(f for f in pipeline.extract(text).facts if f.text == "32,6%")
    assert (fact.period, fact.base_period) == ("2014-H1", "2013-H1")


def test_a_target_ends_the_report_period(pipeline) -> None:
    text = (
        "Добыча газа вырастет\n\n"
        "Президент напомнил, что в 2014 году Россия добыла 578 миллиардов кубометров газа, а к 2035 году планирует добыть 885 миллиардов кубометров.\n\n"
        "Поставки газа в Азию планируется увеличить на 30%."
    )
    got = periods(pipeline, text)
    assert (got["578 миллиардов кубометров"], got["885 миллиардов кубометров"], got["30%"]) == ("2014", "2035", None)


def test_a_figure_of_the_present_takes_no_report_period(pipeline) -> None:
    text = "Зарплаты выросли\n\nВ 2017 году зарплата чиновников выросла на 10%.\n\nСейчас они получают от 132 тыс. до 715 тыс. рублей."
    got = periods(pipeline, text)
    assert (got["10%"], got["от 132 тыс. до 715 тыс. рублей"]) == ("2017", None)


def test_the_start_of_a_change_takes_no_carried_period(pipeline) -> None:
    text = "Рассылки подорожали\n\nВ 2020 году мэрия потратит на рассылки 1,03 млрд рублей.\n\nОтправка SMS-сообщения подорожала с 1,54 до 1,72 рубля за штуку."
    got = periods(pipeline, text)
    assert (got["1,54"], got["1,72 рубля"]) == (None, "2020")


def test_after_a_day_the_paragraph_takes_no_report_period(pipeline) -> None:
    text = (
        "Доплаты закончились\n\n"
        "В первом полугодии 2016 года на доплаты было истрачено 47,2 млрд рублей.\n\n"
        "Доплату получают пенсионеры (на 1 апреля 2016 года их было 42,8 млн человек). Средний размер доплаты - 1,96 тыс. рублей."
    )
    got = periods(pipeline, text)
    assert (got["42,8 млн человек"], got["1,96 тыс. рублей"]) == ("2016-04-01", None)


def test_parts_of_a_year_without_their_year_take_the_article_s(pipeline) -> None:
    text = (
        "Деньги, заложенные в бюджете 2016 года на доплаты, ПФР истратил за полгода.\n\n"
        "Перерасход за полгода составил 3,3 млрд рублей, а за семь месяцев - уже более 11 млрд рублей.\n\n"
        "За шесть месяцев 2016 года истрачено 47,2 млрд рублей при запланированных на весь год 43,9 млрд рублей."
    )
    got = periods(pipeline, text)
    assert (got["3,3 млрд рублей"], got["11 млрд рублей"]) == ("2016-H1", "2016-01..2016-07")
    assert got["43,9 млрд рублей"] == "2016"


def test_a_compared_figure_takes_the_date_right_after_it(pipeline) -> None:
    got = periods(pipeline, "Судя по данным Росстата, в 2008 году доля бедных опустилась до 13,1% против 13,3% в 2007 году.")
    assert (got["13,1%"], got["13,3%"]) == ("2008", "2007")


def test_a_dash_before_the_date_keeps_it_the_number_s(pipeline) -> None:
    got = periods(pipeline, "Минфин позволит доплачивать по 40 700 рублей в 2015 году, 68 300 рублей в 2016-м и 152 300 рублей - в 2017-м.")
    assert (got["68 300 рублей"], got["152 300 рублей"]) == ("2016", "2017")


def test_an_open_span_and_a_square_metre_are_no_period(pipeline) -> None:
    got = periods(pipeline, "В октябре 2020 года аналитики сообщили, что цена нового автомобиля за последние шесть лет выросла на 67%.")
    assert got["67%"] is None
    got = periods(pipeline, "В 2012 году владелец был готов продать здание почти за 290 млн долларов, или 9,2 тыс. долларов за 1 кв. м.")
    assert (got["290 млн долларов"], got["9,2 тыс. долларов"]) == ("2012", "2012")


def test_as_in_last_year_is_a_comparison_not_the_period(pipeline) -> None:
    text = (
        "Минтруд выдал квоты на 2015 год\n\n"
        "В 2015 году компании получили 240 тысяч квот, на 8% меньше.\n\n"
        "Главный поставщик рабочей силы, как и в прошлом году, - Китай: на него приходится более трети квот."
    )
    assert periods(pipeline, text)["трети"] == "2015"
