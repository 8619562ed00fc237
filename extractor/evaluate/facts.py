"""Score numeric facts against a gold JSONL of expressions in context.

Each gold line holds a sentence (`context`), the expression (`text`, `start`) and
its expected record (`kind`, `value`, `unit`, `qualifier`, `change`,
`indicator`, `period`). The gold lists chosen expressions, not every number of
a sentence, so precision is not measured here (NEREL's MONEY/PERCENT/NUMBER
rows of `evaluate` give it); what is: recall of detection (a predicted fact
overlaps the expression), whole-record correctness (kind + value + unit) and the
accuracy of each field over the gold items that set it.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..morph import fold

FIELDS = ("kind", "value", "unit", "qualifier", "change", "indicator", "period")


@dataclass
class FactScores:
    items: int = 0
    detected: int = 0
    whole: int = 0  # kind, value and unit all right
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    asked: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[dict[str, Any]] = field(default_factory=list)


def read_gold(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def same(name: str, want: Any, got: Any) -> bool:
    if name == "value":
        return got is not None and math.isclose(float(want), float(got), rel_tol=1e-6)
    if isinstance(want, str) and isinstance(got, str):
        return fold(want) == fold(got)
    return want == got


def score(gold: list[dict[str, Any]], predictions: Iterable[list[Any]]) -> FactScores:
    """`predictions`: for each gold item (same order), the facts predicted for its context."""
    s = FactScores()
    for item, facts in zip(gold, predictions):
        s.items += 1
        start, end = item["start"], item["start"] + len(item["text"])
        overlapping = [f for f in facts if f.start < end and start < f.end]
        if not overlapping:
            s.misses.append({"text": item["text"], "context": item["context"], "got": None})
            continue
        s.detected += 1
        got = min(overlapping, key=lambda f: abs(f.start - start) + abs(f.end - end))
        s.whole += all(same(n, item[n], getattr(got, n)) for n in ("kind", "value", "unit"))
        for name in FIELDS:
            # a field is scored where the gold sets it, and for qualifier/change also where it is null
            if item.get(name) is None and name not in ("qualifier", "change"):
                continue
            s.asked[name] += 1
            ok = same(name, item.get(name), getattr(got, name))
            s.right[name] += ok
            if not ok:
                s.misses.append({"field": name, "text": item["text"], "want": item.get(name), "got": getattr(got, name)})
    return s


def evaluate_facts(pipeline: Any, path: Path) -> FactScores:
    gold = read_gold(path)
    contexts = list(dict.fromkeys(item["context"] for item in gold))
    facts = {ctx: rec.facts for ctx, rec in zip(contexts, pipeline.extract_many(contexts))}
    return score(gold, (facts[item["context"]] for item in gold))


def render(s: FactScores, path: Path) -> str:
    def pct(a: int, b: int) -> str:
        return f"{a / b:.3f}" if b else "—"

    lines = [
        f"### numeric facts: `{path}` ({s.items} gold expressions)",
        "",
        "| measure | right / asked | score |",
        "| --- | ---: | ---: |",
        f"| detection recall | {s.detected} / {s.items} | {pct(s.detected, s.items)} |",
        f"| whole record (kind + value + unit) | {s.whole} / {s.items} | {pct(s.whole, s.items)} |",
    ]
    for name in FIELDS:
        lines.append(f"| {name} | {s.right[name]} / {s.asked[name]} | {pct(s.right[name], s.asked[name])} |")
    lines += ["", "Fields are scored over the detected items whose gold sets them (qualifier and change also when null)."]
    return "\n".join(lines) + "\n"
