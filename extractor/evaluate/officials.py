"""Score the extractor's officials against the hand-annotated news set (tests/data/news_officials.jsonl).

The gold lists every official of each annotated document (tests/data/README.md), so the
pipeline runs on those whole documents and every official it finds counts. A system
official matches a gold one of the same document when the person matches (folded name;
the surname alone when a first name is an initial or missing) and the posts are
compatible (same head word, or both a head-of-region title); the matching is one to one,
exact positions first. Among the matched: agreement of each field.
"""
from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..morph import fold
from .score import Counts

FIELDS = ("position", "position head", "organization", "region", "country", "acting", "former")
# the titles of one head of a region or city: "глава" of a republic is also its "президент"
HEAD_TITLES = {"глава", "губернатор", "президент", "мэр", "градоначальник"}
# posts named after the one they serve: "заместитель губернатора" is not "заместитель секретаря"
RELATIONAL = {"заместитель", "помощник", "советник", "пресс-секретарь"}
_ADJ_ENDINGS = ("ый", "ий", "ой", "ая", "яя", "ое", "ее")
_QUOTES = re.compile(r"[«»\"“”„'’]")


@dataclass
class OfficialsResult:
    gold_file: str
    docs: int
    counts: Counts
    agree: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    seconds: float = 0.0
    pairs: list[tuple[dict, Any]] = field(default_factory=list, repr=False)  # matched (gold, official)
    missed: list[dict] = field(default_factory=list, repr=False)
    spurious: list[tuple[str, Any]] = field(default_factory=list, repr=False)  # (doc, official)


def read_gold(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


# --- normalising --------------------------------------------------------------------------------


def name_tokens(name: str) -> list[str]:
    """Folded name parts; initials ("В.В.") as one-letter parts."""
    return [t for t in re.split(r"[\s.]+", fold(name)) if t]


def same_person(gold: str, system: str) -> bool:
    a, b = name_tokens(gold), name_tokens(system)
    if not a or not b:
        return False
    if a == b:
        return True
    if a[-1] != b[-1]:  # surnames
        return False
    first_a, first_b = a[:-1][:1], b[:-1][:1]
    if not first_a or not first_b:
        return True
    if len(first_a[0]) == 1 or len(first_b[0]) == 1:
        return first_a[0][0] == first_b[0][0]
    return first_a[0] == first_b[0]


def norm_position(text: str | None) -> str:
    return " ".join(fold(text or "").replace(",", " ").split())


def head_word(position: str | None) -> str:
    """The post's noun: the first word that is not an adjective ("первый вице-губернатор" → "вице-губернатор")."""
    words = norm_position(position).split()
    return next((w for w in words if not w.endswith(_ADJ_ENDINGS)), words[0] if words else "")


def _complement(position: str | None) -> str:
    """The first word after a relational head, cut to a stem ("председателя" → "предс"); "" when none."""
    words = norm_position(position).split()
    head = head_word(position)
    if head not in RELATIONAL or head not in words or words.index(head) + 1 >= len(words):
        return ""
    return words[words.index(head) + 1][:5]


def compatible(gold: str | None, system: str | None) -> bool:
    a, b = head_word(gold), head_word(system)
    if a in HEAD_TITLES and b in HEAD_TITLES:
        return True
    ca, cb = _complement(gold), _complement(system)
    return a == b and (not ca or not cb or ca == cb)


def norm_org(text: str | None) -> str | None:
    if text is None:
        return None
    folded = " ".join(_QUOTES.sub(" ", fold(text)).replace("—", "-").replace("–", "-").split())
    return folded or None


def _bool(value: Any) -> bool:
    return bool(value)  # a system without the field (None) says "not acting", "not former"


def field_agrees(name: str, gold: dict, official: Any) -> bool:
    got = {
        "position": lambda: norm_position(gold["position"]) == norm_position(official.position),
        "position head": lambda: head_word(gold["position"]) == head_word(official.position),
        "organization": lambda: norm_org(gold["organization"]) == norm_org(getattr(official, "organization", None)),
        "region": lambda: gold["region"] == getattr(official, "region", None),
        "country": lambda: gold["country"] == getattr(official, "country", None),
        "acting": lambda: gold["acting"] == _bool(getattr(official, "acting", None)),
        "former": lambda: gold["former"] == _bool(getattr(official, "former", None)),
    }
    return got[name]()


# --- matching -----------------------------------------------------------------------------------


def match_doc(gold: list[dict], officials: list[Any]) -> tuple[list[tuple[dict, Any]], list[dict], list[Any]]:
    """One-to-one matches of a document's gold records and system officials, exact posts first."""
    candidates = []
    for gi, g in enumerate(gold):
        for si, o in enumerate(officials):
            if same_person(g["person"], o.person) and compatible(g["position"], o.position):
                exact = norm_position(g["position"]) == norm_position(o.position)
                candidates.append((0 if exact else 1, gi, si))
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, gi, si in sorted(candidates):
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            pairs.append((gold[gi], officials[si]))
    missed = [g for i, g in enumerate(gold) if i not in used_g]
    spurious = [o for i, o in enumerate(officials) if i not in used_s]
    return pairs, missed, spurious


def score_officials(gold: list[dict], officials_by_doc: dict[str, list[Any]], gold_file: str = "") -> OfficialsResult:
    by_doc: dict[str, list[dict]] = {}
    for g in gold:
        by_doc.setdefault(g["doc"], []).append(g)
    result = OfficialsResult(gold_file, len(by_doc), Counts())
    for doc, items in by_doc.items():
        pairs, missed, spurious = match_doc(items, officials_by_doc.get(doc, []))
        result.pairs += pairs
        result.missed += missed
        result.spurious += [(doc, o) for o in spurious]
    matched = len(result.pairs)
    result.counts = Counts(predicted=matched + len(result.spurious), correct=matched, gold=len(gold), found=matched)
    for name in FIELDS:
        result.agree[name] = sum(field_agrees(name, g, o) for g, o in result.pairs)
    return result


def evaluate_officials(pipeline: Any, gold_file: Path, news_dir: Path) -> OfficialsResult:
    """Run ``pipeline.extract_many`` on the whole of every annotated document and score its officials."""
    gold = read_gold(gold_file)
    docs = list(dict.fromkeys(g["doc"] for g in gold))
    texts = [(Path(news_dir) / f"{doc}.txt").read_text(encoding="utf-8") for doc in docs]
    started = time.perf_counter()
    records = list(pipeline.extract_many(texts))
    seconds = time.perf_counter() - started
    officials = {doc: list(getattr(r, "officials", None) or []) for doc, r in zip(docs, records)}
    result = score_officials(gold, officials, str(gold_file))
    result.seconds = seconds
    return result


# --- rendering ----------------------------------------------------------------------------------


def render_officials(result: OfficialsResult) -> str:
    c = result.counts
    precision = f"{c.precision:.3f}" if c.predicted else "—"
    lines = [
        f"### officials: {result.gold_file} ({result.docs} docs, {c.gold} officials)",
        "",
        "Development figures: hand-annotated regional news (tests/data/README.md), text also tuned on. "
        "A match: same document, same person (surname when a first name is an initial), compatible post.",
        "",
        "| system | gold | predicted | matched | P | R | F1 |",
        "|---|---:|---:|---:|---:|---:|---:|",
        f"| extractor | {c.gold} | {c.predicted} | {c.tp} | {precision} | {c.recall:.3f} | {c.f1:.3f} |",
        "",
        f"Field agreement among the {c.tp} matched (null = null agrees; a missing acting/former reads as false):",
        "",
        "| field | agree | share |",
        "|---|---:|---:|",
    ]
    for name in FIELDS:
        share = f"{result.agree[name] / c.tp:.3f}" if c.tp else "—"
        lines.append(f"| {name} | {result.agree[name]} | {share} |")
    lines += ["", f"- extractor: {result.seconds:.1f} s"]
    return "\n".join(lines)


def officials_dict(result: OfficialsResult) -> dict[str, Any]:
    c = result.counts
    return {
        "gold_file": result.gold_file, "docs": result.docs, "seconds": result.seconds, **c.as_dict(),
        "agreement": {name: {"agree": n, "share": n / c.tp if c.tp else None} for name, n in result.agree.items()},
    }
