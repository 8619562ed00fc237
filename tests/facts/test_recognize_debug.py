"""`NumberRecognizer.debug`: which rule produced each match (and only there, not in `find`)."""
from __future__ import annotations

import pytest

from extractor.facts.recognize import NumberRecognizer, RuleHit


@pytest.fixture(scope="module")
def rec() -> NumberRecognizer:
    return NumberRecognizer()


@pytest.mark.parametrize("text, span, rule, kind, value, unit", [
    ("Сделка на 3,17 млрд долларов.", "3,17 млрд долларов", "currency", "money", 3_170_000_000, "USD"),
    ("Фонд привлёк €5 млн", "€5 млн", "currency_before", "money", 5_000_000, "EUR"),
    ("Сдача 50 копеек", "50 копеек", "minor_unit", "money", 0.5, "RUB"),
    ("Выручка выросла на 32%", "32%", "percent", "percent", 32, "%"),
    ("Ставка выросла на 2 п.п.", "2 п.п.", "percent_points", "percent", 2, "п.п."),
    ("70-процентное снижение", "70-процентное", "percent_adjective", "percent", 70, "%"),
    ("В турнире восемь команд", "восемь команд", "count", "count", 8, "команда"),
    ("Пришли 106 чел.", "106 чел.", "count_abbreviation", "count", 106, "человек"),
    ("Он переизбирался пять раз", "пять раз", "count_of_times", "count", 5, "раз"),
    ("Собрано 10 тыс. тонн", "10 тыс. тонн", "measure_unit", "quantity", 10_000, "тонна"),
    ("Цены выросли в 26 раз", "в 26 раз", "ratio", "ratio", 26, "раз"),
    ("Цены выросли вдвое", "вдвое", "ratio_word", "ratio", 2, "раз"),
])
def test_debug_names_the_rule(rec: NumberRecognizer, text: str, span: str, rule: str, kind: str,
                              value: int | float, unit: str) -> None:
    [hit] = rec.debug(text)
    assert hit == RuleHit(span, text.index(span), text.index(span) + len(span), rule, kind, value, unit)


@pytest.mark.parametrize("text, rules", [
    ("Ставка от 5 % до 7 %", ["percent+range"]),
    ("Ставка с 7,5 % до 7 %", ["percent", "percent+new_level"]),
    ("Длина 82 километра 169 метров", ["measure_unit+compound_unit"]),
    ("1,3 млрд рублей в 2018 году и 1,5 млрд в 2019", ["currency", "count+elided_currency"]),
])
def test_debug_names_the_pair_rule(rec: NumberRecognizer, text: str, rules: list[str]) -> None:
    assert [hit.rule for hit in rec.debug(text)] == rules


def test_debug_agrees_with_find(rec: NumberRecognizer) -> None:
    text = ("Выручка выросла на 32% и составила $3,17 млрд; в регионе 20 школ, "
            "урожай 2,5 тыс. тонн, цены выросли в 1,9 раза, от 3 до 5 тыс. рублей.")
    found = rec.find(text)
    hits = rec.debug(text)
    assert [(m.text, m.start, m.end, m.kind, m.value, m.unit) for m in found] == [
        (h.text, h.start, h.end, h.kind, h.value, h.unit) for h in hits]
    assert all(h.rule for h in hits)
    assert not any(hasattr(m, "rule") for m in found)  # the rule stays out of the records
