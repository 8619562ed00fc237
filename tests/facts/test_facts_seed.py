"""Numeric facts of the seed article: value, unit, qualifier, change, indicator, period."""
from __future__ import annotations

import pytest


def fact(record, text):
    found = [f for f in record.facts if f.text == text]
    assert found, f"no fact {text!r} in {[f.text for f in record.facts]}"
    return found[0]


@pytest.mark.parametrize(
    "text, kind, value, unit, qualifier, change, indicator, period",
    [
        ("$3,17 млрд", "money", 3_170_000_000, "USD", None, None, "товарооборот", "2023"),
        ("32%", "percent", 32, "%", None, "increase", "товарооборот", "2021..2023"),
        ("$800 тысяч", "money", 800_000, "USD", None, None, "экспорт семян льна", "2024-01..2024-08"),
        ("в 26 раз", "ratio", 26, "раз", None, "increase", "экспорт семян льна", None),
        ("2%", "percent", 2, "%", None, "increase", "экспорт смоленских товаров в Белоруссию", "2024-H1"),
        ("$270 млн", "money", 270_000_000, "USD", "approx", None, "экспорт смоленских товаров в Белоруссию", "2024-H1"),
    ],
)
def test_seed_fact(seed, text, kind, value, unit, qualifier, change, indicator, period) -> None:
    f = fact(seed, text)
    got = (f.kind, f.value, f.unit, f.qualifier, f.change, f.indicator)
    assert got == (kind, pytest.approx(value), unit, qualifier, change, indicator)
    if period is not None:
        assert f.period == period


def test_joint_ventures_count(seed) -> None:
    (f,) = [f for f in seed.facts if f.kind == "count" and f.value == 4500]
    assert (f.unit, f.qualifier) == ("совместное предприятие", "more_than")


def test_level_and_change_of_one_indicator_are_linked(seed) -> None:
    level, change = fact(seed, "$3,17 млрд"), fact(seed, "32%")
    assert level.group == change.group is not None


def test_export_facts_concern_smolensk_and_belarus(seed) -> None:
    assert {"Смоленская область", "Белоруссия"} <= set(fact(seed, "$270 млн").regions)


def test_snippet_counts_stay_in_their_blocks(seed) -> None:
    blocks = {b.id: b.kind for b in seed.blocks}
    snippet = [f for f in seed.facts if blocks[f.block] == "related"]
    assert {(f.value, f.unit) for f in snippet} >= {(10, "награда"), (20, "спортсмен"), (40, "педагог"), (15505, "заявка")}
    article = [f for f in seed.facts if blocks[f.block] == "article"]
    assert len(article) == 7


def test_turnover_concerns_smolensk_and_the_neighbour_not_the_ranking_frame(seed) -> None:
    for text in ("$3,17 млрд", "32%"):
        assert set(fact(seed, text).regions) == {"Смоленская область", "Белоруссия"}


def test_snippet_facts_take_no_region_from_the_article(seed) -> None:
    blocks = {b.id: b.kind for b in seed.blocks}
    snippet = [f for f in seed.facts if blocks[f.block] == "related"]
    assert snippet
    for f in snippet:
        own = {e.normal for e in seed.entities if e.type == "LOC" and e.block == f.block}
        assert set(f.regions) <= own, (f.text, f.regions)


def test_facts_carry_the_document_date(seed) -> None:
    assert {f.as_of for f in seed.facts} == {seed.date}
