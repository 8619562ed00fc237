"""Tests for extractor.entities.dates: spans, TIMEX3-style values, relative resolution, negatives."""
from __future__ import annotations

import datetime as dt

import pytest

from extractor.entities.dates import RULES, DateMatch, DateRecognizer
from extractor.grammars import dates as grammar


@pytest.fixture(scope="module")
def rec() -> DateRecognizer:
    return DateRecognizer()


@pytest.fixture(scope="module")
def rec_prep() -> DateRecognizer:
    return DateRecognizer(include_preposition=True)


def check_invariants(text: str, found: list[DateMatch]) -> None:
    last = 0
    for m in found:
        assert text[m.start:m.end] == m.text
        assert last <= m.start < m.end
        last = m.end


# (text, expected span text, expected value) — no document date: the first match is checked
CASES = [
    ("Это случилось 25 сентября 2024 года в Москве.", "25 сентября 2024 года", "2024-09-25"),
    ("Встреча назначена на 25 сентября.", "25 сентября", "XXXX-09-25"),
    ("Документ от 25.09.2024 подписан.", "25.09.2024", "2024-09-25"),
    ("Опубликовано 02.12.2025 18:42", "02.12.2025", "2025-12-02"),
    ("Релиз 2024-09-25 вышел.", "2024-09-25", "2024-09-25"),
    ("Это было в сентябре 2024 года.", "сентябре 2024 года", "2024-09"),
    ("План на сентябрь 2024 г. утверждён.", "сентябрь 2024 г", "2024-09"),
    ("Он родился в 2023 году.", "2023 году", "2023"),
    ("Отчёт за 2023 г. готов.", "2023 г", "2023"),
    ("Это произошло ещё в 2023-м, весной.", "2023-м", "2023"),
    ("Программа на 2021–2023 годы принята.", "2021–2023 годы", "2021..2023"),
    ("Он руководил заводом с 2021 по 2023 год.", "с 2021 по 2023 год", "2021..2023"),
    ("Выручка за первое полугодие 2024 года выросла.", "первое полугодие 2024 года", "2024-H1"),
    ("Рост в III квартале 2024 г. замедлился.", "III квартале 2024 г", "2024-Q3"),
    ("Во 2-м квартале 2023 года прибыль упала.", "2-м квартале 2023 года", "2023-Q2"),
    ("Итоги за 8 месяцев 2024 года подведены.", "8 месяцев 2024 года", "2024-01..2024-08"),
    ("Итоги за 9 месяцев прошлого года.", "9 месяцев прошлого года", "XXXX-01..XXXX-09"),
    ("Это было в 1990-х годах.", "1990-х годах", "199X"),
    ("Так жили в 90-е.", "90-е", "199X"),
    ("Роман о XIX век написан давно.", "XIX век", "18"),
    ("Технологии в XXI веке меняются.", "XXI веке", "20"),
    ("Праздник 1 мая отмечают все.", "1 мая", "XXXX-05-01"),
    ("Парад 9 Мая прошёл.", "9 Мая", "XXXX-05-09"),
    ("Он умер 29 февраля 2024 года.", "29 февраля 2024 года", "2024-02-29"),
    ("Сделка закрыта 3 сент. 2024 г.", "3 сент. 2024 г", "2024-09-03"),
    ("Фестиваль пройдёт 21–23 мая 2019 года.", "21–23 мая 2019 года", "2019-05-21..2019-05-23"),
    ("Обзор СМИ с 25 по 29 июля 2013 г.", "с 25 по 29 июля 2013 г", "2013-07-25..2013-07-29"),
    ("Работы велись с 1 декабря 2009 года по 15 января 2010 года.",
     "с 1 декабря 2009 года по 15 января 2010 года", "2009-12-01..2010-01-15"),
    ("Продажи в январе — марте 2024 года.", "январе — марте 2024 года", "2024-01..2024-03"),
    ("Стройка начнётся летом 2013 года.", "летом 2013 года", "2013-SU"),
    ("Он вернулся в начале 2017 года.", "в начале 2017 года", "2017"),
    ("Сезон 2016/17 завершился.", "2016/17", "2016..2017"),
    ("Фильм «Лили» (1953) вышел.", "1953", "1953"),
    ("Золото Олимпиаде-2016 досталось ей.", "2016", "2016"),
    ("Он выигрывал в 1958, 1962 и 1970 годах.", "1958", "1958"),
    ("Они поженились в 2004, а развелись позже.", "2004", "2004"),
    ("Пятого сентября он прилетел.", "Пятого сентября", "XXXX-09-05"),
    ("Он заявил это во вторник.", "вторник", "XXXX-XX-XX"),
    ("Он приехал в пятницу, 11 октября 2019 года, утром.", "пятницу, 11 октября 2019 года", "2019-10-11"),
    ("Об этом сообщили вчера.", "вчера", "XXXX-XX-XX"),
    ("В прошлом году продажи упали.", "прошлом году", "XXXX"),
    ("Спрос вырос в последние годы.", "последние годы", "PAST_REF"),
    ("Он покинул пост три года назад.", "три года назад", "XXXX"),
    ("В тот же день он уехал.", "тот же день", "XXXX-XX-XX"),
    ("Это было в 60-х годах прошлого века.", "60-х годах прошлого века", "196X"),
    ("Курган относится к XIV–XV вв. до н. э.", "XIV–XV вв. до н. э.", "BC13..BC14"),
]


@pytest.mark.parametrize("text,span,value", CASES, ids=[c[1] for c in CASES])
def test_cases(rec, text, span, value):
    found = rec.find(text)
    check_invariants(text, found)
    assert found, f"nothing found in {text!r}"
    assert found[0].text == span
    assert found[0].value == value


DOC = dt.date(2024, 9, 27)  # a Friday

# (text, expected span text, expected value) with the document date DOC
RELATIVE_CASES = [
    ("Об этом стало известно вчера.", "вчера", "2024-09-26"),
    ("Сегодня суд вынес решение.", "Сегодня", "2024-09-27"),
    ("Заседание пройдёт завтра.", "завтра", "2024-09-28"),
    ("В прошлом году продажи упали.", "прошлом году", "2023"),
    ("В этом году урожай хороший.", "этом году", "2024"),
    ("В текущем году планы выполнены.", "текущем году", "2024"),
    ("В прошлом месяце цены выросли.", "прошлом месяце", "2024-08"),
    ("На прошлой неделе он был в Москве.", "прошлой неделе", "2024-W38"),
    ("Встреча назначена на 25 сентября.", "25 сентября", "2024-09-25"),
    ("Во вторник он выступил в Думе.", "вторник", "2024-09-24"),
    ("В понедельник заседание состоится снова.", "понедельник", "2024-09-30"),
    ("В минувшую пятницу он уехал.", "минувшую пятницу", "2024-09-20"),
    ("Он покинул пост три года назад.", "три года назад", "2021"),
    ("Дом сдадут через два месяца.", "через два месяца", "2024-11"),
    ("Отчёт за 8 месяцев года опубликован.", "8 месяцев года", "2024-01..2024-08"),
    ("Это произошло в декабре прошлого года.", "декабре прошлого года", "2023-12"),
    ("Это было в марте.", "марте", "2024-03"),
    ("Прошлым летом было жарко.", "Прошлым летом", "2024-SU"),
    ("Результаты в третьем квартале оказались хуже.", "третьем квартале", "2024-Q3"),
]


@pytest.mark.parametrize("text,span,value", RELATIVE_CASES, ids=[c[1] for c in RELATIVE_CASES])
def test_relative_with_doc_date(rec, text, span, value):
    found = rec.find(text, doc_date=DOC)
    check_invariants(text, found)
    assert found, f"nothing found in {text!r}"
    assert (found[0].text, found[0].value) == (span, value)


def test_relative_without_doc_date_keeps_rel(rec):
    (m,) = rec.find("Об этом сообщили вчера.")
    assert (m.value, m.rel) == ("XXXX-XX-XX", "-1D")
    (m,) = rec.find("В прошлом году продажи упали.")
    assert (m.value, m.rel, m.prep) == ("XXXX", "-1Y", "в")
    (m,) = rec.find("Он выступил во вторник.")
    assert (m.value, m.rel, m.prep) == ("XXXX-XX-XX", "WD2", "во")


def test_datetime_doc_date_accepted(rec):
    (m,) = rec.find("Сообщили вчера.", doc_date=dt.datetime(2024, 1, 1, 10, 30))
    assert m.value == "2023-12-31"


NEGATIVES = [
    "Штраф составил 2000 рублей.",
    "Он заплатил в 2000 рублей больше.",
    "На митинг пришли 1990 человек.",
    "Приказ № 2023 вступил в силу.",
    "Он пробежал в 1600 км от дома.",
    "Расстояние от 1900 до 2000 метров.",
    "Индекс 3500 пунктов.",
    "Дата 25.09.24 записана коротко.",
    "Телефон 12.10.1234.5 не дата.",
    "Это случилось 31 февраля 2023 года.",
    "Он прожил там 10 лет.",
    "В течение двух лет он молчал.",
    "Загрязнение окружающей среды растёт.",
    "Марта приехала вчера поздно.",  # only "вчера" is a date here
    "Version 3.2.2020.1 released.",
    "В 10-х классах учатся 200 детей.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(rec, text):
    found = rec.find(text)
    check_invariants(text, found)
    if text.startswith("Марта"):
        assert [m.text for m in found] == ["вчера"]
    else:
        assert found == [], [m.text for m in found]


def test_nbsp_and_unicode_spaces_keep_offsets(rec):
    text = "Сделка\xa0закрыта 25\xa0сентября\u202f2024\xa0года, а\u2009в 2023\xa0г. — нет."
    found = rec.find(text)
    check_invariants(text, found)
    assert [(m.text, m.value) for m in found] == [
        ("25\xa0сентября\u202f2024\xa0года", "2024-09-25"),
        ("2023\xa0г", "2023"),
    ]
    assert found[0].start == text.index("25")


def test_no_match_across_line_break(rec):
    assert rec.find("Он родился 5\nмая") == []
    text = "Это было в 2017\nгоду и 1 мая\n2018 года"
    found = rec.find(text)
    check_invariants(text, found)
    assert found and all("\n" not in m.text for m in found)


def test_include_preposition(rec_prep):
    text = "За первое полугодие 2024 года и в 2023 году, с 2021 по 2023 год."
    found = rec_prep.find(text)
    check_invariants(text, found)
    assert [m.text for m in found] == ["За первое полугодие 2024 года", "в 2023 году", "с 2021 по 2023 год"]
    assert [m.prep for m in found] == ["за", "в", "с"]


def test_modifier(rec):
    (m,) = rec.find("Это случилось к концу мая.")
    assert (m.text, m.mod, m.value) == ("к концу мая", "END", "XXXX-05")
    (m,) = rec.find("В середине 1990-х годов всё изменилось.")
    assert (m.text, m.mod, m.value) == ("В середине 1990-х годов", "MID", "199X")


def test_list_of_dates_shares_year(rec):
    found = rec.find("Концерты пройдут 30 июня и 1 июля 2019 года.")
    assert [(m.text, m.value) for m in found] == [("30 июня", "2019-06-30"), ("1 июля 2019 года", "2019-07-01")]


def test_year_list_split(rec):
    found = rec.find("Он выигрывал в 1958, 1962 и 1970\xa0годах.")
    assert [m.value for m in found] == ["1958", "1962", "1970"]
    assert found[-1].text == "1970\xa0годах"


def test_weekday_future_tense(rec):
    (m,) = rec.find("Во вторник пройдёт заседание.", doc_date=DOC)
    assert m.value == "2024-10-01"


def test_results_are_sorted_and_disjoint(rec):
    text = ("Вчера, 16 августа 2016 года, в Москве прошёл форум. В 2015–2016 годах и в начале "
            "2017 года он работал в ООО. Во II квартале, 5 мая, во вторник и 1 июня 2020 г.")
    found = rec.find(text, doc_date=DOC)
    check_invariants(text, found)
    assert len(found) >= 6


def test_compile_patterns_is_explicit():
    patterns = grammar.compile_patterns()
    assert patterns.master.search("в 2023 году") is not None
    assert "январём" in grammar.MONTHS and grammar.MONTHS["январём"] == 1


def test_every_alternative_has_its_rule():
    assert list(RULES) == [name for name, _ in grammar.alternatives()]


# (text, [(span, rule, value)]): the rule that `debug` names for each date
DEBUG_CASES = [
    ("Это случилось 25 сентября 2024 года в Москве.", [("25 сентября 2024 года", "dmy", "2024-09-25")]),
    ("Фильм «Лили» (1953) вышел.", [("1953", "bare.parens", "1953")]),
    ("Золото Олимпиаде-2016 досталось ей.", [("2016", "bare.glued", "2016")]),
    ("Они поженились в 2004, а развелись позже.", [("2004", "bare.prep", "2004")]),
    ("Иванов (р. 1993) — лауреат премии мира 1993.", [("1993", "bare.birth", "1993"), ("1993", "bare.clause", "1993")]),
    ("Концерты пройдут 30 июня и 1 июля 2019 года.",
     [("30 июня", "dmy+year", "2019-06-30"), ("1 июля 2019 года", "dmy", "2019-07-01")]),
    ("Работы велись с 1 декабря 2009 года по 15 января 2010 года.",
     [("с 1 декабря 2009 года по 15 января 2010 года", "dmy..dmy", "2009-12-01..2010-01-15")]),
    # "2017 году — 1809" is no range ("yr" declines): the next alternative, "y", takes the year
    ("Цена составит в 2017 году — 1809 рублей.", [("2017 году", "y", "2017")]),
    ("Об этом стало известно вчера.", [("вчера", "deic", "XXXX-XX-XX")]),
    # a stray space around the first dot; a two-digit year that can only be a year
    ("Родился 12. 03.98 в Москве.", [("12. 03.98", "num.spaced", "1998-03-12")]),
    ("Родился 12 .03.1998 в Москве.", [("12 .03.1998", "num.spaced", "1998-03-12")]),
    ("Родился 12.03.98 в Москве.", [("12.03.98", "num.yy", "1998-03-12")]),
    ("Приказ от 12.03.05 г. издан.", [("12.03.05", "num.yy", "2005-03-12")]),
    ("Родился 12.03.1998 в Москве.", [("12.03.1998", "num", "1998-03-12")]),
]

#: what the stray-space and two-digit-year forms do not take: ambiguous
NOT_NUMERIC_DATES = [
    "Направление «Системы управления» (24.03.02). При поступлении",  # a code, not 2002
    "Приказ от 12.03.05 издан.",  # 2005 or a section 12.03.05: no year word
    "Родился 12. 03. 1998 в Москве.",  # two stray spaces
    "Встреча 12.03 .1998 года.",  # a space at the second dot
    "См. п. 3. 12.1998 года.",  # a list item, then a month
    "Родился 2. 03.1998 в Москве.",  # one-digit day with a stray space
    "Родился 12-03-98 в Москве.",  # two-digit year with dashes
    "Версия 5.3.98 вышла.",  # one-digit day and month
]


@pytest.mark.parametrize("text", NOT_NUMERIC_DATES)
def test_numeric_date_negatives(rec, text):
    found = rec.find(text)
    check_invariants(text, found)
    assert [m.text for m in found if m.text[:1].isdigit() and "." in m.text] == [], found


@pytest.mark.parametrize("text,expected", DEBUG_CASES, ids=[c[0][:30] for c in DEBUG_CASES])
def test_debug_names_the_rule(rec, text, expected):
    found = rec.debug(text)
    assert [(d.text, d.rule, d.value) for d in found] == expected
    assert [(d.text, d.start, d.end, d.value) for d in found] == [(m.text, m.start, m.end, m.value) for m in rec.find(text)]


def test_debug_resolves_like_find(rec_prep):
    text = "Во вторник пройдёт заседание, а в прошлом году — нет."
    assert [d.value for d in rec_prep.debug(text, DOC)] == [m.value for m in rec_prep.find(text, DOC)]
    assert [d.rule for d in rec_prep.debug(text, DOC)] == ["wd", "rel"]
