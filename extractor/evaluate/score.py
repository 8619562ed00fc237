"""Span and pair scoring: per type precision/recall/F1, exact and overlapping match.

Spans are compared per document as sets (duplicates count once). Under overlap matching the
number of correct predictions and of found gold spans can differ (one long prediction may cover
two gold spans), so both are kept: P = correct / predicted, R = found / gold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from extractor.evaluate.corpora import GoldDoc, Span

PAIRS = "PAIRS"  # row name for WORKS_AS (person, position) pairs; the other rows: corpora.RELATIONS

Offsets = tuple[int, int]
PredPair = tuple[list[Offsets], Offsets]  # (person spans, position span); (participant spans, event span) …


@dataclass
class Prediction:
    spans: list[Span]
    relations: dict[str, list[PredPair]] = field(default_factory=dict)  # row name -> pairs

    @property
    def pairs(self) -> list[PredPair]:
        return self.relations.get(PAIRS, [])


# Takes all texts of a corpus at once so that a system can batch.
System = Callable[[list[str]], list[Prediction]]


@dataclass
class Counts:
    predicted: int = 0
    correct: int = 0  # predictions that match some gold item
    gold: int = 0
    found: int = 0  # gold items matched by some prediction

    @property
    def tp(self) -> int:
        return self.correct

    @property
    def fp(self) -> int:
        return self.predicted - self.correct

    @property
    def fn(self) -> int:
        return self.gold - self.found

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.predicted += other.predicted
        self.correct += other.correct
        self.gold += other.gold
        self.found += other.found

    def as_dict(self) -> dict[str, float]:
        return {
            "predicted": self.predicted, "correct": self.correct, "gold": self.gold, "found": self.found,
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
        }


@dataclass
class TypeScore:
    type: str
    exact: Counts = field(default_factory=Counts)
    overlap: Counts = field(default_factory=Counts)

    @property
    def support(self) -> int:
        return self.exact.gold


# --- matching primitives ------------------------------------------------------------------------


def overlaps(a: Offsets, b: Offsets) -> bool:
    """Half-open intervals share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def _count(pred: Sequence, gold: Sequence, match: Callable[[object, object], bool]) -> Counts:
    correct = sum(any(match(p, g) for g in gold) for p in pred)
    found = sum(any(match(p, g) for p in pred) for g in gold)
    return Counts(predicted=len(pred), correct=correct, gold=len(gold), found=found)


def _bounds(span: Span) -> Offsets:
    return span.start, span.end


def _span_counts(pred: list[Span], gold: list[Span]) -> tuple[Counts, Counts]:
    exact_pred, exact_gold = set(pred), set(gold)
    exact = Counts(len(exact_pred), len(exact_pred & exact_gold), len(exact_gold), len(exact_pred & exact_gold))
    overlap = _count(list(exact_pred), list(exact_gold), lambda p, g: overlaps(_bounds(p), _bounds(g)))
    return exact, overlap


def _pair_match(pred: PredPair, gold: tuple[Span, Span], same: Callable[[Offsets, Offsets], bool]) -> bool:
    persons, position = pred
    gold_person, gold_position = gold
    return same(position, _bounds(gold_position)) and any(same(p, _bounds(gold_person)) for p in persons)


def _pair_counts(pred: list[PredPair], gold: list[tuple[Span, Span]]) -> tuple[Counts, Counts]:
    # Normalise so that the same official reported twice counts once.
    unique = list(dict.fromkeys((tuple(sorted(map(tuple, persons))), tuple(position)) for persons, position in pred))
    pred_pairs: list[PredPair] = [(list(persons), position) for persons, position in unique]
    gold_pairs = list(dict.fromkeys(gold))
    exact = _count(pred_pairs, gold_pairs, lambda p, g: _pair_match(p, g, lambda a, b: tuple(a) == tuple(b)))
    overlap = _count(pred_pairs, gold_pairs, lambda p, g: _pair_match(p, g, overlaps))
    return exact, overlap


# --- corpus scoring -----------------------------------------------------------------------------


def _of_type(spans: Iterable[Span], kind: str) -> list[Span]:
    return [s for s in spans if s.type == kind]


def score(
    golds: Sequence[GoldDoc],
    preds: Sequence[Prediction],
    types: Iterable[str] | None = None,
    relations: Iterable[str] = (),
) -> dict[str, TypeScore]:
    """Score ``preds`` against ``golds`` (aligned by position).

    ``types``: the types to score (default: those present in the gold). Predicted spans of other
    types are ignored, not counted as false positives, since the corpus does not annotate them.
    ``relations``: also score these relation rows (``PAIRS`` for WORKS_AS, …), each under its
    own key. Under "exact" a pair needs identical offsets; under "overlap" any span of the first
    side (any mention of the person) must overlap the gold Arg1 and the second side the gold Arg2.
    """
    if len(golds) != len(preds):
        raise ValueError(f"{len(preds)} predictions for {len(golds)} gold documents")
    kinds = list(types) if types is not None else sorted({s.type for g in golds for s in g.spans})
    rows = list(relations)
    result = {kind: TypeScore(kind) for kind in kinds + rows}
    for gold, pred in zip(golds, preds):
        for kind in kinds:
            exact, overlap = _span_counts(_of_type(pred.spans, kind), _of_type(gold.spans, kind))
            result[kind].exact.add(exact)
            result[kind].overlap.add(overlap)
        for row in rows:
            exact, overlap = _pair_counts(pred.relations.get(row, []), gold.relations.get(row, []))
            result[row].exact.add(exact)
            result[row].overlap.add(overlap)
    return result
