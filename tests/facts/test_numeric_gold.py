"""The numeric-facts gold set (tests/data/numeric_facts.jsonl, 241 real expressions
from NEREL train, RuREBus train and the seed): quality floors, so a change that
makes extraction worse fails here. The figures themselves are in results/facts.md."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.evaluate.facts import evaluate_facts

GOLD = Path(__file__).resolve().parents[1] / "data" / "numeric_facts.jsonl"

FLOORS = {  # measured 2026-11-26: detection 0.996, whole 0.979, change 0.90, period 0.88, indicator 0.53
    "detection": 0.97,
    "whole": 0.95,
    "qualifier": 0.95,
    "change": 0.85,
    "period": 0.80,
    "indicator": 0.50,
}


@pytest.fixture(scope="module")
def scores(pipeline):
    return evaluate_facts(pipeline, GOLD)


def test_gold_set_is_large_and_consistent() -> None:
    from extractor.evaluate.facts import read_gold

    gold = read_gold(GOLD)
    assert len(gold) >= 200
    for item in gold:
        assert item["context"][item["start"] : item["start"] + len(item["text"])] == item["text"]


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_quality_floor(scores, measure: str) -> None:
    if measure == "detection":
        value = scores.detected / scores.items
    elif measure == "whole":
        value = scores.whole / scores.items
    else:
        value = scores.right[measure] / scores.asked[measure]
    assert value >= FLOORS[measure], f"{measure}: {value:.3f} < {FLOORS[measure]}"
