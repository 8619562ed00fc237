"""extractor.evaluate.facts: detection precision over the annotated sentences, the rows of
the newer gold fields (read with getattr, so a system without them still scores), the
document mode and the rendered table."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from extractor.evaluate.facts import head_of, render, score, source_text

CTX = "Цены на бензин выросли на 2,2%, а стоимость жилья составила 40 тыс. рублей."


def item(text: str, **fields) -> dict:
    base = {"id": f"news:doc:{100 + CTX.index(text)}", "context": CTX, "text": text, "start": CTX.index(text),
            "kind": "percent", "value": 2.2, "unit": "%", "qualifier": None, "change": "increase",
            "indicator": "цена на бензин", "indicator_head": "цена", "period": None, "base_period": None,
            "comparison": False, "unit_head": None, "regions": []}
    return {**base, **fields}


def fact(text: str, **fields) -> SimpleNamespace:
    start = CTX.index(text)
    base = {"start": start, "end": start + len(text), "kind": "percent", "value": 2.2, "unit": "%", "qualifier": None,
            "change": "increase", "indicator": "цена на бензин", "period": None, "regions": []}
    return SimpleNamespace(**{**base, **fields})


def test_precision_counts_facts_overlapping_no_gold_in_the_sentence() -> None:
    gold = [item("2,2%")]
    facts = [fact("2,2%"), fact("40 тыс. рублей", kind="money", value=40000, unit="RUB")]
    s = score(gold, [facts])
    assert (s.detected, s.matched, s.predicted) == (1, 1, 2)
    # the same sentence twice in the gold: its facts are counted once
    s = score([item("2,2%"), item("40 тыс. рублей", kind="money", value=40000, unit="RUB")], [facts, facts])
    assert (s.detected, s.matched, s.predicted) == (2, 2, 2)


def test_fields_missing_from_the_system_read_as_none() -> None:
    gold = [item("2,2%", base_period="2019", comparison=True, regions=["Москва"], period="2020")]
    s = score(gold, [[fact("2,2%", period=None)]])
    assert s.asked["base_period"] == 1 and s.right["base_period"] == 0
    assert s.asked["comparison"] == 1 and s.right["comparison"] == 0
    assert s.asked["period"] == 1 and s.asked["period_none"] == 0
    assert s.region_counts == {"right": 0, "predicted": 0, "gold": 1}
    s = score(gold, [[fact("2,2%", period="2020", base_period="2019", comparison=True, regions=["москва"])]])
    assert s.right["base_period"] == s.right["comparison"] == s.right["period"] == s.right["regions"] == 1


def test_no_period_wants_null_and_head_is_compared_on_the_noun() -> None:
    gold = [item("2,2%", indicator="средняя заработная плата", indicator_head="плата")]
    s = score(gold, [[fact("2,2%", period="2014", indicator="заработная плата")]])
    assert s.asked["period_none"] == 1 and s.right["period_none"] == 0
    assert s.right["indicator"] == 0 and s.right["indicator_head"] == 1
    assert head_of("доля граждан") == "доля" and head_of(None) is None


def test_old_gold_without_new_fields_scores_the_old_rows_only() -> None:
    old = {k: v for k, v in item("2,2%").items() if k not in ("indicator_head", "base_period", "comparison", "unit_head", "regions")}
    s = score([old], [[fact("2,2%")]])
    assert s.asked["comparison"] == s.asked["regions"] == s.asked["indicator_head"] == 0
    table = render(s, Path("old.jsonl"))
    assert "| indicator, strict (lemma phrase) | 1 / 1 |" in table and "regions" not in table
    assert "| detection precision | 1 / 1 | 1.000 |" in table


def test_source_text_locates_the_sentence_in_its_file(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("x" * 100 + CTX, encoding="utf-8")
    file, offset = source_text(item("2,2%"), {"news": tmp_path})
    assert file == tmp_path / "doc.txt" and offset == 100
    assert source_text(item("2,2%"), {"news": tmp_path / "missing"}) is None
    assert source_text({**item("2,2%"), "id": "nerel:doc:5"}, {"news": tmp_path}) is None
