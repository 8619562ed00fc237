"""Score numeric facts against a gold JSONL of expressions in context.

Each gold line holds a sentence (`context`, or its offsets `sentence` in a source text
that is not shipped), the expression (`text`, `start`) and
its expected record (`kind`, `value`, `unit`, `qualifier`, `change`,
`indicator`, `period`); the newer sets (tests/data/news_facts.jsonl) add
`indicator_head`, `base_period`, `comparison`, `unit_head` and `regions`.

What is measured: detection (a predicted fact overlaps the expression; precision
counts the system's facts in the annotated sentences that overlap no gold
expression, so it is exact only where every number of those sentences is
annotated), whole-record correctness (kind + value + unit) and the accuracy of
each field over the gold items that set it. A field the system does not produce
yet is read as None (`getattr`), so the scorer runs before and after it exists.

Where the gold id names a source file that is at hand (`news:<stem>:<offset>`
and `<sources>/<stem>.txt`), the whole document is extracted and its facts are
cut back to the sentence: the gold's periods and regions may come from the
document (a heading, a paragraph opening), which a lone sentence cannot show.
"""
from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..morph import fold
from .conventions import morph

FIELDS = ("kind", "value", "unit", "qualifier", "change", "indicator", "period")
# rows beyond FIELDS: each is scored over the gold items that carry it (see `asked_for`)
EXTRA = ("indicator_head", "period_none", "base_period", "comparison", "unit_head", "regions")
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = (ROOT / "tests" / "data" / "numeric_facts.jsonl", ROOT / "tests" / "data" / "news_facts.jsonl")
DEFAULT_SOURCES = {"news": ROOT.parent / "shared" / "data" / "news"}



@dataclass
class FactScores:
    items: int = 0
    detected: int = 0
    whole: int = 0  # kind, value and unit all right
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS + EXTRA, 0))
    asked: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS + EXTRA, 0))
    misses: list[dict[str, Any]] = field(default_factory=list)
    predicted: int = 0  # the system's facts in the annotated sentences
    matched: int = 0  # of those, the ones overlapping a gold expression
    region_counts: dict[str, int] = field(default_factory=lambda: {"right": 0, "predicted": 0, "gold": 0})
    documents: int = 0  # gold items read in their whole document (the rest: in their sentence alone)


class GoldError(ValueError):
    """A gold file that cannot be scored here (its source texts are not at hand)."""


def read_gold(path: Path, sources: dict[str, Path] | None = None) -> list[dict[str, Any]]:
    """Gold items, each with its `context`. A set made from texts we may not ship
    (tests/data/news_facts.jsonl) keeps the sentence as offsets (`sentence`: [start, end]
    in `<sources>/<stem>.txt`): its context is read from the source."""
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    folders = DEFAULT_SOURCES if sources is None else sources
    texts: dict[Path, str] = {}
    for item in items:
        if "context" in item:
            continue
        prefix, stem = item["id"].split(":")[:2]
        file = folders.get(prefix, Path("/nonexistent")) / f"{stem}.txt"
        if not file.is_file():
            raise GoldError(f"{path}: its sentences are offsets into {file.parent}, which is not at hand")
        text = texts.setdefault(file, file.read_text(encoding="utf-8"))
        start, end = item["sentence"]
        item["context"] = text[start:end]
    return items


def head_of(phrase: str | None) -> str | None:
    """The head noun of a lemma phrase: its first noun in the nominative ("средняя
    заработная плата" -> "плата", "доля граждан" -> "доля"), else its first word."""
    if not phrase:
        return None
    words = [w.strip("\"«»()„“,.") for w in phrase.split()]
    words = [w for w in words if w]
    for word in words:
        tag = morph().best(word.lower()).tag
        if "NOUN" in tag and "nomn" in tag:
            return word
    return words[0] if words else None


def same(name: str, want: Any, got: Any) -> bool:
    if name == "value":
        return got is not None and math.isclose(float(want), float(got), rel_tol=1e-6)
    if name == "regions":
        return {fold(r) for r in want} == {fold(r) for r in got or []}
    if isinstance(want, str) and isinstance(got, str):
        return fold(want) == fold(got)
    return want == got


def asked_for(name: str, item: dict[str, Any]) -> bool:
    """Whether `item` scores the row `name`: where its gold sets the field; qualifier,
    change and comparison also where they are null/false, `period_none` only there."""
    if name in ("qualifier", "change"):
        return True
    if name == "period_none":
        return "period" in item and item["period"] is None
    if name in ("comparison", "regions"):
        return name in item
    return item.get(name) is not None


def predicted(name: str, fact: Any) -> Any:
    if name == "indicator_head":
        return getattr(fact, "indicator_head", None) or head_of(getattr(fact, "indicator", None))
    if name == "period_none":
        return getattr(fact, "period", None)
    if name == "comparison":
        return bool(getattr(fact, "comparison", None))
    return getattr(fact, name, None)


def wanted(name: str, item: dict[str, Any]) -> Any:
    return None if name == "period_none" else item.get(name)


def score_fields(s: FactScores, item: dict[str, Any], got: Any) -> None:
    s.whole += all(same(n, item[n], getattr(got, n)) for n in ("kind", "value", "unit"))
    for name in FIELDS + EXTRA:
        if not asked_for(name, item):
            continue
        want, have = wanted(name, item), predicted(name, got)
        ok = same(name, want, have)
        s.asked[name] += 1
        s.right[name] += ok
        if not ok:
            s.misses.append({"field": name, "text": item["text"], "want": want, "got": have, "context": item["context"]})
    if "regions" in item:
        want_set, got_set = {fold(r) for r in item["regions"]}, {fold(r) for r in getattr(got, "regions", None) or []}
        s.region_counts["right"] += len(want_set & got_set)
        s.region_counts["predicted"] += len(got_set)
        s.region_counts["gold"] += len(want_set)


def overlaps(fact: Any, start: int, end: int) -> bool:
    return fact.start < end and start < fact.end


def score(gold: list[dict[str, Any]], predictions: Iterable[list[Any]]) -> FactScores:
    """`predictions`: for each gold item (same order), the facts predicted for its context,
    with offsets into the context. Items sharing a context share its facts (for precision)."""
    s = FactScores()
    sentences: dict[str, tuple[list[Any], list[tuple[int, int]]]] = {}
    for item, facts in zip(gold, predictions):
        s.items += 1
        start, end = item["start"], item["start"] + len(item["text"])
        sentences.setdefault(sentence_key(item), (facts, []))[1].append((start, end))
        overlapping = [f for f in facts if overlaps(f, start, end)]
        if not overlapping:
            s.misses.append({"text": item["text"], "context": item["context"], "got": None})
            continue
        s.detected += 1
        score_fields(s, item, min(overlapping, key=lambda f: abs(f.start - start) + abs(f.end - end)))
    for facts, spans in sentences.values():
        s.predicted += len(facts)
        s.matched += sum(any(overlaps(f, a, b) for a, b in spans) for f in facts)
    return s


def sentence_key(item: dict[str, Any]) -> str:
    """One key per annotated sentence: its document (from the id) and its text."""
    parts = item.get("id", "").split(":")
    return f"{':'.join(parts[:2])}\t{item['context']}"


def source_text(item: dict[str, Any], sources: dict[str, Path]) -> tuple[Path, int] | None:
    """(source file, offset of the context in it) when the item's source file is at hand."""
    prefix, _, rest = item.get("id", "").partition(":")
    stem, _, offset = rest.rpartition(":")
    folder = sources.get(prefix)
    if folder is None or not offset.isdigit() or not (folder / f"{stem}.txt").is_file():
        return None
    return folder / f"{stem}.txt", int(offset) - item["start"]


def evaluate_facts(pipeline: Any, path: Path, sources: dict[str, Path] | None = None) -> FactScores:
    gold = read_gold(path, sources)
    located = [source_text(item, DEFAULT_SOURCES if sources is None else sources) for item in gold]
    files = list(dict.fromkeys(loc[0] for loc in located if loc))
    texts = [file.read_text(encoding="utf-8") for file in files]
    doc_facts = {file: rec.facts for file, rec in zip(files, pipeline.extract_many(texts))}
    contexts = list(dict.fromkeys(item["context"] for item, loc in zip(gold, located) if not loc))
    ctx_facts = {ctx: rec.facts for ctx, rec in zip(contexts, pipeline.extract_many(contexts))}

    def facts_of(item: dict[str, Any], loc: tuple[Path, int] | None) -> list[Any]:
        if loc is None:
            return ctx_facts[item["context"]]
        file, offset = loc
        end = offset + len(item["context"])
        return [dataclasses.replace(f, start=f.start - offset, end=f.end - offset) for f in doc_facts[file] if overlaps(f, offset, end)]

    s = score(gold, [facts_of(item, loc) for item, loc in zip(gold, located)])
    s.documents = sum(loc is not None for loc in located)
    return s


def pct(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "—"


ROW_NAMES = {
    "indicator": "indicator, strict (lemma phrase)",
    "indicator_head": "indicator, by head noun",
    "period": "period, stated (gold non-null)",
    "period_none": "period, none (gold null, predicted must be null)",
    "base_period": "base_period (gold non-null)",
    "comparison": "comparison (true/false)",
    "unit_head": "unit_head (gold non-null)",
    "regions": "regions, set equal",
}


def render(s: FactScores, path: Path) -> str:
    precision = s.matched / s.predicted if s.predicted else 0.0
    recall = s.detected / s.items if s.items else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    read = f"{s.documents} read in their document, {s.items - s.documents} in their sentence alone"
    lines = [
        f"### numeric facts: `{path}` ({s.items} gold expressions; {read})",
        "",
        "| measure | right / asked | score |",
        "| --- | ---: | ---: |",
        f"| detection precision | {s.matched} / {s.predicted} | {pct(s.matched, s.predicted)} |",
        f"| detection recall | {s.detected} / {s.items} | {pct(s.detected, s.items)} |",
        f"| detection F1 | | {f1:.3f} |",
        f"| whole record (kind + value + unit) | {s.whole} / {s.items} | {pct(s.whole, s.items)} |",
    ]
    for name in FIELDS[:5] + ("indicator", "indicator_head", "period", "period_none") + EXTRA[2:]:
        if s.asked[name]:
            lines.append(f"| {ROW_NAMES.get(name, name)} | {s.right[name]} / {s.asked[name]} | {pct(s.right[name], s.asked[name])} |")
    rc = s.region_counts
    if rc["gold"] or rc["predicted"]:
        lines.append(f"| region names, precision (micro) | {rc['right']} / {rc['predicted']} | {pct(rc['right'], rc['predicted'])} |")
        lines.append(f"| region names, recall (micro) | {rc['right']} / {rc['gold']} | {pct(rc['right'], rc['gold'])} |")
    lines += [
        "",
        "Fields are scored over the detected items whose gold sets them (qualifier, change and comparison "
        "also when null/false). Detection precision counts the system's facts in the annotated sentences "
        "that overlap no gold expression: exact where every number of a sentence is annotated "
        "(news_facts.jsonl), a lower bound where only chosen expressions are (numeric_facts.jsonl).",
    ]
    return "\n".join(lines) + "\n"
