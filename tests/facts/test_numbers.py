"""Tests for extractor.facts: numerals, money, percentages, counts, quantities, ratios."""
from __future__ import annotations

import pytest

from extractor.grammars.numbers import parse_number
from extractor.facts.recognize import NumberMatch, NumberRecognizer


@pytest.fixture(scope="module")
def rec() -> NumberRecognizer:
    return NumberRecognizer()


def check_invariants(text: str, found: list[NumberMatch]) -> None:
    last = 0
    for m in found:
        assert text[m.start:m.end] == m.text
        assert last <= m.start < m.end
        last = m.end
        if m.qualifier_span is not None:
            qs, qe = m.qualifier_span
            assert qe <= m.start and text[qs:qe].strip() == text[qs:qe]
        if m.noun is not None:
            ns, ne = m.noun
            assert 0 <= ns < ne <= len(text)


def only(rec: NumberRecognizer, text: str) -> NumberMatch:
    found = rec.find(text)
    check_invariants(text, found)
    assert len(found) == 1, found
    return found[0]


# (text, span text, kind, value, unit, qualifier)
CASES = [
    # money
    ("Выручка составила $3,17 млрд за год.", "$3,17 млрд", "money", 3_170_000_000, "USD", None),
    ("Выручка составила $3,17 млрд.", "$3,17 млрд", "money", 3_170_000_000, "USD", None),
    ("Сделка на 3,17 млрд долларов.", "3,17 млрд долларов", "money", 3_170_000_000, "USD", None),
    ("Он получил $800 тысяч.", "$800 тысяч", "money", 800_000, "USD", None),
    ("Сумма 800 тыс. долл. США.", "800 тыс. долл. США", "money", 800_000, "USD", None),
    ("Расходы 2,2 млн.руб. в год", "2,2 млн.руб.", "money", 2_200_000, "RUB", None),
    ("Зарплата 20 т. р. в месяц", "20 т. р.", "money", 20_000, "RUB", None),
    ("Цена контракта 1 599 059, 38 Евро", "1 599 059, 38 Евро", "money", 1_599_059.38, "EUR", None),
    ("Сумма 124 451 рубль 50 копеек.", "124 451 рубль 50 копеек", "money", 124_451.5, "RUB", None),
    ("Потрачено полтора миллиарда рублей", "полтора миллиарда рублей", "money", 1_500_000_000,
     "RUB", None),
    ("Это стоит четверть миллиарда долларов", "четверть миллиарда долларов", "money",
     250_000_000, "USD", None),
    ("Бюджет 5 трлн рублей", "5 трлн рублей", "money", 5_000_000_000_000, "RUB", None),
    ("Цена 881 913 (Восемьсот восемьдесят одна тысяча девятьсот тринадцать) руб. 98 коп.",
     "881 913 (Восемьсот восемьдесят одна тысяча девятьсот тринадцать) руб. 98 коп.", "money",
     881_913.98, "RUB", None),
    ("Билет стоит 100 ₽", "100 ₽", "money", 100, "RUB", None),
    ("Фонд привлёк €5 млн", "€5 млн", "money", 5_000_000, "EUR", None),
    ("Цена 5 $ за штуку", "5 $", "money", 5, "USD", None),
    ("Оплата USD 5 млн", "USD 5 млн", "money", 5_000_000, "USD", None),
    ("Кредит 100 млрд руб. выдан", "100 млрд руб.", "money", 100_000_000_000, "RUB", None),
    ("Штраф 10 бел. руб.", "10 бел. руб.", "money", 10, "BYN", None),
    ("Активы 5 млн белорусских рублей", "5 млн белорусских рублей", "money", 5_000_000, "BYN", None),
    ("Убыток 1 000 фунтов стерлингов", "1 000 фунтов стерлингов", "money", 1000, "GBP", None),
    ("Сбор 20 швейцарских франков", "20 швейцарских франков", "money", 20, "CHF", None),
    ("Вклад 10 тыс. гривен", "10 тыс. гривен", "money", 10_000, "UAH", None),
    ("Инвестиции 5 млрд иен", "5 млрд иен", "money", 5_000_000_000, "JPY", None),
    ("Товар за 3 ¥", "3 ¥", "money", 3, "CNY", None),
    ("Премия 50 тенге", "50 тенге", "money", 50, "KZT", None),
    ("Выкуп 20 шведских крон", "20 шведских крон", "money", 20, "SEK", None),
    ("Сдача 50 копеек", "50 копеек", "money", 0.5, "RUB", None),
    ("Стоимость 5 евро 20 центов", "5 евро 20 центов", "money", 5.2, "EUR", None),
    ("Это миллион долларов", "миллион долларов", "money", 1_000_000, "USD", None),
    ("Бюджет 1 млрд 200 млн рублей", "1 млрд 200 млн рублей", "money", 1_200_000_000, "RUB", None),
    ("Исполнено 1 154.5 тыс. руб. в 2020 году", "1 154.5 тыс. руб.", "money", 1_154_500, "RUB",
     None),
    ("Всего 1,234,567 долл.", "1,234,567 долл.", "money", 1_234_567, "USD", None),
    ("Расходы не менее 20 тыс. рублей", "20 тыс. рублей", "money", 20_000, "RUB", "at_least"),
    ("Доход более 1,4 млрд рублей", "1,4 млрд рублей", "money", 1_400_000_000, "RUB", "more_than"),
    ("Компенсация до 3,5 тыс. руб", "3,5 тыс. руб", "money", 3_500, "RUB", "up_to"),
    # percent
    ("Выручка выросла на 32%.", "32%", "percent", 32, "%", None),
    ("Доля 32 процента", "32 процента", "percent", 32, "%", None),
    ("Индекс составил 113,9 % к уровню", "113,9 %", "percent", 113.9, "%", None),
    ("Ставка выросла на 2 п.п.", "2 п.п.", "percent", 2, "п.п.", None),
    ("Доля выросла на 6,9 процентных пунктов", "6,9 процентных пунктов", "percent", 6.9, "п.п.",
     None),
    ("Ставка снижена на 25 б.п.", "25 б.п.", "percent", 25, "б.п.", None),
    ("Инфляция составила -0,5%", "-0,5%", "percent", -0.5, "%", None),
    ("Страдают более 10 % пар", "10 %", "percent", 10, "%", "more_than"),
    ("Рост почти 10 процентов", "10 процентов", "percent", 10, "%", "approx"),
    ("Доля менее одного процента", "одного процента", "percent", 1, "%", "less_than"),
    ("Произошло 70-процентное снижение", "70-процентное", "percent", 70, "%", None),
    ("Спасли ещё шестерых, в том числе детей", "шестерых", "count", 6, "человек", None),
    ("Трое из них тяжело ранены", "Трое", "count", 3, "человек", None),
    # shares in words are percentages
    ("Фонд увеличен на треть", "треть", "percent", 33.333333, "%", None),
    ("На Китай приходится более трети квот", "трети", "percent", 33.333333, "%", "more_than"),
    ("Две трети депутатов против", "Две трети", "percent", 66.666667, "%", None),
    ("Это почти десятая часть пенсионеров", "десятая часть", "percent", 10, "%", "approx"),
    ("Спрос вырос на четверть", "четверть", "percent", 25, "%", None),
    ("Выпуск сократился наполовину", "наполовину", "percent", 50, "%", None),
    # counts
    ("Создано более 4,5 тысячи совместных предприятий", "4,5 тысячи совместных предприятий", "count", 4500,
     "предприятие", "more_than"),
    ("Население 645,7 тыс. человек", "645,7 тыс. человек", "count", 645_700, "человек", None),
    ("Приехали 20 спортсменов", "20 спортсменов", "count", 20, "спортсмен", None),
    ("Подано 15 505 заявок", "15 505 заявок", "count", 15_505, "заявка", None),
    ("Подано 15\xa0505 заявок", "15\xa0505 заявок", "count", 15_505, "заявка", None),
    ("Подано 15\u2009505 заявок", "15\u2009505 заявок", "count", 15_505, "заявка", None),
    ("Участвуют 27 регионов", "27 регионов", "count", 27, "регион", None),
    ("Он получил 10 наград", "10 наград", "count", 10, "награда", None),
    ("В турнире восемь команд", "восемь команд", "count", 8, "команда", None),
    ("Пришли двадцать шесть участников", "двадцать шесть участников", "count", 26, "участник", None),
    ("Погибли около 600 человек", "600 человек", "count", 600, "человек", "approx"),
    ("Штат 106 чел.", "106 чел.", "count", 106, "человек", None),
    ("Выпущено 15 шт.", "15 шт.", "count", 15, "штука", None),
    ("Сообщается о 14 погибших.", "14 погибших", "count", 14, "погибший", None),
    ("Пришли около тысячи человек", "тысячи человек", "count", 1000, "человек", "approx"),
    ("Проживает 10 тысяч 654 человек", "10 тысяч 654 человек", "count", 10_654, "человек", None),
    ("Население 49,88 – 50,28 тыс. человек", "49,88 – 50,28 тыс. человек", "count", 49_880, "человек",
     None),
    ("Собрали 15 тысяч.", "15 тысяч", "count", 15_000, None, None),
    ("Переизбирался пять раз", "пять раз", "count", 5, "раз", None),
    ("Итог: 936 получили ранения", "936", "count", 936, None, None),
    # quantities
    ("Собрано 10 тыс. тонн зерна", "10 тыс. тонн", "quantity", 10_000, "тонна", None),
    ("Засеяно 150 гектаров", "150 гектаров", "quantity", 150, "гектар", None),
    ("Комната 2,5 кв. м", "2,5 кв. м", "quantity", 2.5, "квадратный метр", None),
    ("Комната 2,5 кв. м.", "2,5 кв. м.", "quantity", 2.5, "квадратный метр", None),
    ("Добыто 63 миллиарда кубометров газа", "63 миллиарда кубометров", "quantity",
     63_000_000_000, "кубометр", None),
    ("Учились 366 учащихся", "366 учащихся", "count", 366, None, None),
    ("Продана за $635,000", "$635,000", "money", 635_000, "USD", None),
    ("Площадь пашни-46 тыс. 785 гектаров", "46 тыс. 785 гектаров", "quantity", 46_785, "гектар",
     None),
    ("Площадь 17,363 тыс. кв. км", "17,363 тыс. кв. км", "quantity", 17_363,
     "квадратный километр", None),
    ("Добыча 788,2 млн. куб. м газа", "788,2 млн. куб. м", "quantity", 788_200_000,
     "кубический метр", None),
    ("Мощность 500 МВт", "500 МВт", "quantity", 500, "мегаватт", None),
    ("Выработка 300 кВт·ч", "300 кВт·ч", "quantity", 300, "киловатт-час", None),
    ("Урожайность 35 ц/га", "35 ц/га", "quantity", 35, "центнер с гектара", None),
    ("Калибр 5,56 миллиметра", "5,56 миллиметра", "quantity", 5.56, "миллиметр", None),
    ("Сад в двух километрах от дома", "двух километрах", "quantity", 2, "километр", None),
    ("Тонна 125 тыс. 963 гектара", "125 тыс. 963 гектара", "quantity", 125_963, "гектар", None),
    ("Температура −5 градусов", "−5 градусов", "quantity", -5, "градус", None),
    ("Рекорд: 82 километра 169 метров", "82 километра 169 метров", "quantity", 82.169,
     "километр", None),
    ("Малыш весит 3 400 г и здоров", "3 400 г", "quantity", 3400, "грамм", None),
    ("Собрал пять «Оскаров».", "пять «Оскаров»", "count", 5, None, None),
    ("Уволены три его заместителя", "три его заместителя", "count", 3, None, None),
    ("Он погиб, а двое получили ранения", "двое", "count", 2, "человек", None),
    # ratios
    ("Прибыль в 26 раз больше", "в 26 раз", "ratio", 26, "раз", None),
    ("Рост в 1,9 раза", "в 1,9 раза", "ratio", 1.9, "раз", None),
    ("Выросла в полтора раза", "в полтора раза", "ratio", 1.5, "раз", None),
    ("Выросла более чем в 3 раза", "в 3 раза", "ratio", 3, "раз", "more_than"),
    ("Цены выросли вдвое", "вдвое", "ratio", 2, "раз", None),
    ("Отмечен двукратный рост цен", "двукратный", "ratio", 2, "раз", None),
    ("Цены выросли трёхкратно", "трёхкратно", "ratio", 3, "раз", None),
    ("Ожидается 10-кратное увеличение", "10-кратное", "ratio", 10, "раз", None),
]


@pytest.mark.parametrize("text,span,kind,value,unit,qualifier", CASES)
def test_cases(rec, text, span, kind, value, unit, qualifier):
    m = only(rec, text)
    assert m.text == span
    assert text[m.start:m.end] == span
    assert m.kind == kind
    assert m.value == pytest.approx(value)
    assert type(m.value) is type(value) or isinstance(value, float)
    assert m.unit == unit
    assert m.qualifier == qualifier


# texts with no numeric expression at all
NEGATIVES = [
    "Он родился в 2023 году.",
    "Встреча началась в 11:25.",
    "Опубликовано 02.12.2025 в 18:42",
    "Так было в 2023, а потом иначе.",
    "Школа № 49 открылась.",
    "Он ездит на ВАЗ 2115 проехал мимо.",
    "Фильм вошёл в топ-5 лучших.",
    "Ему было 12-13 лет.",
    "Это было 5 лет назад.",
    "Он занял 3 место.",
    "Ученик 9 класса.",
    "Праздник 1 мая.",
    "В середине 1970-х годов.",
    "Вирус COVID-19 и самолёт Су-27.",
    "Согласно ч. 4 ст. 159 УК.",
    "Счёт 2:1 в пользу хозяев.",
    "Против — 59.",
    "Министерство обороны (20) и МИД (4).",
    "Ещё один человек пришёл.",
    "Ни одного нарушения.",
    "Во второй половине 2019 года цены росли.",
    "В первой четверти XX века.",
    "Половина пути позади.",
    "Третью неделю идут дожди.",
    "Фильм «Двенадцать стульев» снят в 1971 году.",
    "Тысячи людей вышли на улицы.",
    "Несколько миллионов рублей.",
    "Двукратный олимпийский чемпион.",
    "В 2023 компания выросла.",
    "около 21.00 по местному времени",
    "Пройдено 12 часов пути.",
    "Версия 2 вышла.",
    "Отчёт за 2015 г был готов.",
    "В Москве 1 авг — РИА Новости.",
    "Во Львове отметили сто одиннадцатую годовщину.",
    "Он пошёл в школу № 5.",
    "Приговорён к восьми годам колонии.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(rec, text):
    assert rec.find(text) == []


def test_qualifier_span_and_noun(rec):
    text = "Создано более 4,5 тысячи совместных предприятий."
    m = only(rec, text)
    assert text[m.qualifier_span[0]:m.qualifier_span[1]] == "более"
    assert text[m.noun[0]:m.noun[1]] == "совместных предприятий"
    assert m.unit == "предприятие"


def test_noun_span_raw(rec):
    text = "В турнире восемь команд"
    m = only(rec, text)
    assert text[m.noun[0]:m.noun[1]] == "команд"


def test_count_span_without_noun():
    rec = NumberRecognizer(count_noun_in_span=False)
    text = "Создано более 4,5 тысячи совместных предприятий и 20 школ."
    a, b = rec.find(text)
    check_invariants(text, [a, b])
    assert (a.text, b.text) == ("4,5 тысячи", "20")
    assert text[a.noun[0]:a.noun[1]] == "совместных предприятий"
    m = only(rec, "Собрано 10 тыс. тонн")  # a quantity keeps its unit
    assert m.text == "10 тыс. тонн"


def test_change_target_is_not_up_to(rec):
    m = only(rec, "С 1 июля он возрастет до 3,1 тыс. руб")
    assert (m.qualifier, m.prep, m.value) == (None, "до", 3100)
    m = only(rec, "Штраф до миллиона рублей")
    assert (m.qualifier, m.value, m.unit) == ("up_to", 1_000_000, "RUB")


def test_verb_qualifiers(rec):
    m = only(rec, "Явка превысила 80 %.")
    assert (m.qualifier, m.text) == ("more_than", "80 %")
    m = only(rec, "Число гостей не должно превышать 400 человек.")
    assert (m.qualifier, m.text) == ("up_to", "400 человек")


def test_final_dot(rec):
    assert only(rec, "Сделка составила почти $270 млн.").text == "$270 млн"
    assert only(rec, "Цена 100 млрд руб.").text == "100 млрд руб."
    assert only(rec, "Площадь 2,4 млн. кв. м.").text == "2,4 млн. кв. м."


def test_preposition(rec):
    m = only(rec, "Выручка выросла на 32%")
    assert m.prep == "на" and m.qualifier is None
    m = only(rec, "Ставка выросла на 1,5 процентного пункта")
    assert m.prep == "на" and m.unit == "п.п."


def test_range_money(rec):
    text = "Зарплата от 3 до 5 тыс. рублей в месяц"
    m = only(rec, text)
    assert m.text == "от 3 до 5 тыс. рублей"
    assert (m.kind, m.unit) == ("money", "RUB")
    assert (m.low, m.high, m.value) == (3000, 5000, 3000)


def test_range_keeps_own_scale(rec):
    m = only(rec, "Цена от 500 до 1,5 тыс. рублей")
    assert (m.low, m.high) == (500, 1500)


def test_range_dash(rec):
    m = only(rec, "Инвестиции 3–5 млн")
    assert m.text == "3–5 млн"
    assert (m.kind, m.low, m.high) == ("count", 3_000_000, 5_000_000)
    m = only(rec, "Доля 10-15% рынка")
    assert (m.kind, m.low, m.high, m.unit) == ("percent", 10, 15, "%")
    m = only(rec, "выросла в 2–3 раза")
    assert (m.kind, m.text, m.low, m.high) == ("ratio", "в 2–3 раза", 2, 3)


def test_range_of_percentages_with_own_units(rec):
    m = only(rec, "Доля от 5 % до 7 % рынка")
    assert (m.text, m.low, m.high) == ("от 5 % до 7 %", 5, 7)


def test_change_from_to(rec):
    text = "Ставка снизилась с 7,5 % до 7 %."
    a, b = rec.find(text)
    check_invariants(text, [a, b])
    assert (a.value, a.prep, b.value, b.prep, b.qualifier) == (7.5, "с", 7, "до", None)
    text = "Цена выросла с 5 до 7%."
    a, b = rec.find(text)
    assert (a.text, a.value, a.unit, b.text, b.value) == ("5", 5, "%", "7%", 7)


def test_elided_currency(rec):
    text = "1,3 миллиарда рублей в 2018 году и 1,5 миллиарда в 2019 году"
    a, b = rec.find(text)
    assert (b.kind, b.unit, b.value) == ("money", "RUB", 1_500_000_000)


def test_partitive(rec):
    text = "За проголосовали 54 из 81 члена Сената"
    found = rec.find(text)
    check_invariants(text, found)
    assert [(m.text, m.value) for m in found] == [("54", 54), ("81 члена", 81)]
    assert text[found[0].noun[0]:found[0].noun[1]] == "члена"


def test_year_with_quantity(rec):
    assert [(m.kind, m.value) for m in rec.find("в 2000 рублей")] == [("money", 2000)]
    assert [(m.kind, m.value) for m in rec.find("2020 – 3000 тыс. руб.")] == [("money", 3_000_000)]


def test_offsets_with_special_spaces(rec):
    text = "Бюджет\u00a0— 3\u2009млн\u00a0рублей, а штат — 100\u202f000\u00a0человек."
    found = rec.find(text)
    check_invariants(text, found)
    assert [(m.kind, m.value) for m in found] == [("money", 3_000_000), ("count", 100_000)]
    assert found[0].text == "3\u2009млн\u00a0рублей"


def test_no_line_break_inside(rec):
    found = rec.find("Итого 5\nрублей")
    assert all("\n" not in m.text for m in found)


def test_many_in_one_text(rec):
    text = ("Выручка выросла на 32% и составила $3,17 млрд, прибыль — в 1,9 раза. "
            "Компания наняла 645,7 тыс. человек и купила 10 тыс. тонн стали.")
    found = rec.find(text)
    check_invariants(text, found)
    assert [m.kind for m in found] == ["percent", "money", "ratio", "count", "quantity"]


@pytest.mark.parametrize("s,value", [
    ("3,17", 3.17), ("15 505", 15505), ("15\xa0505", 15505), ("4,5", 4.5), ("1.5", 1.5),
    ("1,234,567", 1234567), ("1.500.000", 1500000), ("1 599 059, 38", 1599059.38),
    ("двадцать шесть", 26), ("восемьсот восемьдесят одна тысяча девятьсот тринадцать", 881913),
    ("полтора миллиарда", 1_500_000_000), ("четверть миллиарда", 250_000_000),
    ("двадцати шести", 26), ("ста", 100), ("пятистах", 500), ("полутора", 1.5),
    ("3,17 млрд", 3_170_000_000), ("тысяча", 1000), ("двух тысяч", 2000), ("5-ти", 5),
    ("полмиллиона", 500_000), ("миллион двести тысяч", 1_200_000),
])
def test_parse_number(s, value):
    v = parse_number(s)
    assert v == pytest.approx(value)
    if isinstance(value, int):
        assert isinstance(v, int)


@pytest.mark.parametrize("s", ["два три", "тысяча миллион", "четверть", "слово", "двадцать пятнадцать"])
def test_parse_number_rejects(s):
    assert parse_number(s) is None


# --------------------------------------------------------------------------
# A value the recogniser cannot read exactly is no fact, not a wrong one
# --------------------------------------------------------------------------

# (text, span, rule, value, unit): read whole and exactly
EXACT_CASES = [
    # six and seven groups: the whole number, not its last five groups
    ("Сумма 1 000 000 000 000 000 рублей.", "1 000 000 000 000 000 рублей", "currency",
     1_000_000_000_000_000, "RUB"),
    ("Сумма 1 000 000 000 000 000 000 рублей.", "1 000 000 000 000 000 000 рублей", "currency",
     10 ** 18, "RUB"),
    ("Всего 1,234,567,890,123,456 долл.", "1,234,567,890,123,456 долл.", "currency",
     1_234_567_890_123_456, "USD"),
    ("Сумма 12.000.000.000.000.000.000 руб", "12.000.000.000.000.000.000 руб", "currency",
     12 * 10 ** 18, "RUB"),
    # one dot or comma before three digits, no multiplier, a currency: thousands
    ("Цена 45.000 руб. за всё", "45.000 руб.", "currency.thousands", 45_000, "RUB"),
    ("Цена 45,000 руб за всё", "45,000 руб", "currency.thousands", 45_000, "RUB"),
    ("Цена €45.000", "€45.000", "currency_before.thousands", 45_000, "EUR"),
    ("Курс доллара составил 65,345 рубля", "65,345 рубля", "currency", 65.345, "RUB"),  # a rate: three decimals
    ("Цена 45.000 рублей 50 копеек", "45.000 рублей 50 копеек", "currency.thousands", 45_000.5,
     "RUB"),
    ("Цена от 45.000 до 50.000 рублей", "от 45.000 до 50.000 рублей", "currency.thousands", 45_000,
     "RUB"),
    ("Цена 1.250.000 руб.", "1.250.000 руб.", "currency", 1_250_000, "RUB"),
    # ... but a decimal with a multiplier, another unit, a leading zero or after space groups
    ("Цена 1,500 млрд рублей", "1,500 млрд рублей", "currency", 1_500_000_000, "RUB"),
    ("Выручка 3,17 млрд долларов", "3,17 млрд долларов", "currency", 3_170_000_000, "USD"),
    ("Рост 2,5 % за год", "2,5 %", "percent", 2.5, "%"),
    ("Ставка 0,125 %", "0,125 %", "percent", 0.125, "%"),
    ("Изъяли 3,526 кг кокаина", "3,526 кг", "measure_unit", 3.526, "килограмм"),
    ("Цена 0,500 руб", "0,500 руб", "currency", 0.5, "RUB"),
    ("Сумма 1 000 000,000 руб.", "1 000 000,000 руб.", "currency", 1_000_000, "RUB"),
    ("Сумма 1 000 000,5 рублей", "1 000 000,5 рублей", "currency", 1_000_000.5, "RUB"),
    # a year and then an amount is still two numbers
    ("В 2019 100 рублей ушло на налоги", "100 рублей", "currency", 100, "RUB"),
]


@pytest.mark.parametrize("text,span,rule,value,unit", EXACT_CASES, ids=[c[1] for c in EXACT_CASES])
def test_values_read_exactly(rec, text, span, rule, value, unit):
    [hit] = rec.debug(text)
    assert (hit.text, hit.rule, hit.unit) == (span, rule, unit)
    assert hit.value == value and type(hit.value) is type(value)
    check_invariants(text, rec.find(text))


# notations the grammar does not read, numbers it cannot read whole: no fact at all
NOT_EXACT = [
    "Сумма 10^400 рублей.",  # was 400 RUB
    "Сумма 2^10 рублей.",
    "Сумма 10^-3 рублей.",
    "Сумма 5-10^3 рублей.",
    "Сумма 1e6 рублей.",
    "Сумма $1e6.",  # was $1
    "Сумма 1.5E+3 рублей.",  # was 3 RUB
    "Рост 1e2 %.",
    "Рост 10^2 %.",
    "Сумма 10⁶ рублей.",
    "Рост в 10^6 раз.",
    "Сумма 1 000 000 000 000 000 000 000 рублей.",  # eight groups: was 0 RUB
    "Было 5 000 000 000 000 000 000 000 000 человек.",
    "Сумма 1 2345 рублей.",  # was 2345 RUB
    "Сумма 12 34 рублей.",  # was 34 RUB
    "Сумма 1 0000 рублей.",
    "Сумма 12345678901234567890123 рублей.",
    "Цена 45–50.000 руб.",  # thousands or not: cannot say (the "50.000 руб." alone is read)
]


@pytest.mark.parametrize("text", NOT_EXACT)
def test_no_fact_rather_than_a_wrong_one(rec, text):
    found = rec.find(text)
    check_invariants(text, found)
    if text.startswith("Цена 45–"):
        assert [(m.text, m.value) for m in found] == [("50.000 руб.", 50_000)]
    else:
        assert found == [], found


def test_inexact_arithmetic_is_no_fact(rec):
    # 30 significant digits: the product would round at Decimal's 28 -> no value
    assert rec.find("Сумма 123456789012345678,123456789012 трлн рублей") == []
    assert parse_number("123456789012345678,123456789012 трлн") is None
    # 33 digits, but 27 significant ones: exact
    [m] = rec.find("Сумма 999 999 999 999 999 999 999 трлн 999 млн рублей")
    assert m.value == 999_999_999_999_999_999_999 * 10 ** 12 + 999 * 10 ** 6


@pytest.mark.parametrize("s,value", [
    ("1 000 000 000 000 000", 10 ** 15), ("1 000 000 000 000 000 000", 10 ** 18),
    ("1.000.000.000.000.000", 10 ** 15), ("1,000,000,000,000,000", 10 ** 15),
])
def test_parse_number_long_groups(s, value):
    v = parse_number(s)
    assert v == value and isinstance(v, int)
