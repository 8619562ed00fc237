"""Train the person–position model of `linker.py` on NEREL WORKS_AS pairs: the one retrain command.

    python -m tools.train ../shared/data/nerel/train -o models/works_as --dev ../shared/data/nerel/dev

The pipeline runs up to the officials stage over the training texts; every candidate pair
(`linker.candidates`) is labelled by the gold pairs, matched by overlap as `cli.py evaluate`
scores them; L2-regularised logistic regression is fitted with numpy (full-batch AdaGrad, so
a rerun gives the same weights); the threshold is the one with the best overlap F1 in 5-fold
cross-validation over the training documents. `--dev` is only scored for the manifest: nothing
is chosen on it. Rerun after any change to the stages before officials or to the features.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from extractor.document import Document, top_level
from extractor.evaluate.corpora import GoldDoc, read_brat
from extractor.evaluate.score import PAIRS, Counts, Prediction, overlaps, score
from extractor.links.linker import CONTEXT, FORMAT, LinkModel, Pair
from extractor.links.officials import Officials
from extractor.links.persons import link_persons
from extractor.pipeline import Pipeline

VERSION = "1.0.0"
L2 = 1.0  # on the summed log loss: the objective is mean loss + L2 / (2 n) · |w|²
ITERATIONS = 300
LEARNING_RATE = 0.1
MIN_COUNT = 2  # features seen in fewer training candidates get no weight
FOLDS = 5
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.2, 0.625, 0.025))


@dataclass
class Example:
    """One document: its gold, its processed state, its candidates and their labels."""

    gold: GoldDoc
    doc: Document
    pairs: list[Pair]
    labels: list[bool]


def preprocess(folder: Path, nlp: Pipeline) -> list[tuple[GoldDoc, Document]]:
    """The gold documents, run through every stage before officials."""
    stages = list(nlp.stages)
    before = Pipeline(stages[: [s.name for s in stages].index("officials")])
    golds = read_brat(folder)
    docs: list[Document] = []
    for i in range(0, len(golds), 64):
        docs += before.process([Document(id=g.id, text=g.text) for g in golds[i : i + 64]])
    return list(zip(golds, docs))


def example(gold: GoldDoc, doc: Document) -> Example:
    """The candidates the officials stage gives the model, labelled by the gold pairs."""
    doc.persons = link_persons(doc)
    pairs = Officials.pairs(doc, top_level(doc.entities))
    return Example(gold, doc, pairs, [label(p, gold) for p in pairs])


def label(pair: Pair, gold: GoldDoc) -> bool:
    """True when a gold pair overlaps the position and some mention of the person."""
    span = (pair.position.start, pair.position.end)
    return any(
        overlaps(span, (pos.start, pos.end)) and any(overlaps(m, (per.start, per.end)) for m in pair.person.mentions)
        for per, pos in gold.pairs
    )


def vocabulary(examples: Sequence[Example]) -> dict[str, int]:
    seen = Counter(f for ex in examples for p in ex.pairs for f in set(p.features))
    return {f: i for i, f in enumerate(sorted(f for f, n in seen.items() if n >= MIN_COUNT))}


def fit(examples: Sequence[Example]) -> LinkModel:
    """Logistic regression by full-batch AdaGrad over the sparse 0/1 feature matrix."""
    vocab = vocabulary(examples)
    rows: list[int] = []
    cols: list[int] = []
    labels: list[bool] = []
    for ex in examples:
        for pair, y in zip(ex.pairs, ex.labels):
            ids = sorted({vocab[f] for f in pair.features if f in vocab})
            rows += [len(labels)] * len(ids)
            cols += ids
            labels.append(y)
    r, c, y = np.array(rows), np.array(cols), np.array(labels, dtype=float)
    n, d = len(y), len(vocab)
    w, b = np.zeros(d), 0.0
    gw, gb = np.full(d, 1e-8), 1e-8
    for _ in range(ITERATIONS):
        z = np.bincount(r, weights=w[c], minlength=n) + b
        err = 1.0 / (1.0 + np.exp(-z)) - y
        grad = (np.bincount(c, weights=err[r], minlength=d) + L2 * w) / n
        gw += grad * grad
        gb += err.mean() ** 2
        w -= LEARNING_RATE * grad / np.sqrt(gw)
        b -= LEARNING_RATE * err.mean() / np.sqrt(gb)
    weights = {f: round(float(w[i]), 4) for f, i in vocab.items() if round(float(w[i]), 4)}
    return LinkModel(weights, round(b, 4), threshold=0.5)


def predicted_pairs(ex: Example, probabilities: list[float], threshold: float) -> Prediction:
    pairs = [(list(p.person.mentions), (p.position.start, p.position.end)) for p, s in zip(ex.pairs, probabilities) if s >= threshold]
    return Prediction(spans=[], relations={PAIRS: pairs})


def pair_scores(golds: Sequence[GoldDoc], preds: Sequence[Prediction]) -> tuple[Counts, Counts]:
    row = score(golds, preds, types=[], relations=[PAIRS])[PAIRS]
    return row.exact, row.overlap


def cross_validate(examples: list[Example]) -> dict[float, tuple[Counts, Counts]]:
    """Pair scores per threshold, each document scored by the model of the folds without it."""
    probabilities: list[list[float]] = [[] for _ in examples]
    for k in range(FOLDS):
        model = fit([ex for i, ex in enumerate(examples) if i % FOLDS != k])
        for i, ex in enumerate(examples):
            if i % FOLDS == k:
                probabilities[i] = [model.probability(p.features) for p in ex.pairs]
    golds = [ex.gold for ex in examples]
    return {t: pair_scores(golds, [predicted_pairs(ex, s, t) for ex, s in zip(examples, probabilities)]) for t in THRESHOLDS}


def evaluate_stage(data: list[tuple[GoldDoc, Document]], model: LinkModel | None) -> tuple[Counts, Counts]:
    """The officials stage itself over preprocessed documents, scored as `cli.py evaluate` does."""
    stage = Officials(model)
    stage([doc for _, doc in data])
    preds = [Prediction(spans=[], relations={PAIRS: [(list(o.person_spans), span) for o in doc.officials for span in o.position_spans]})
             for _, doc in data]
    return pair_scores([g for g, _ in data], preds)


def figures(counts: tuple[Counts, Counts]) -> dict[str, dict[str, float]]:
    return {name: {"precision": round(c.precision, 4), "recall": round(c.recall, 4), "f1": round(c.f1, 4),
                   "predicted": c.predicted, "gold": c.gold}
            for name, c in zip(("exact", "overlap"), counts)}


def train(train_dir: Path, out: Path, dev_dir: Path | None, command: str, nlp: Pipeline | None = None) -> LinkModel:
    """Fit, choose the threshold, score, and write the model folder; `nlp` is a loaded pipeline
    (only its stages before officials run), loaded here when not given."""
    if nlp is None:
        import extractor

        nlp = extractor.load(rules_only=True)
    data = preprocess(train_dir, nlp)
    examples = [example(g, d) for g, d in data]
    cv = cross_validate(examples)
    threshold = max(cv, key=lambda t: (cv[t][1].f1, -abs(t - 0.5)))
    model = fit(examples)
    model.threshold = threshold
    model.manifest = {
        "name": "works_as",
        "format": FORMAT,
        "version": VERSION,
        "task": "link a PERSON to the POSITION (NEREL PROFESSION) it holds: NEREL WORKS_AS pairs",
        "model": "logistic regression over named sparse features (extractor/linker.py), "
                 "numpy AdaGrad, no runtime dependency beyond the standard library",
        "training_data": {
            "corpus": "NEREL train (brat), relation WORKS_AS", "path": train_dir.name,
            "documents": len(examples), "candidates": sum(len(ex.pairs) for ex in examples),
            "positive_candidates": sum(sum(ex.labels) for ex in examples),
            "gold_pairs": sum(len(ex.gold.pairs) for ex in examples),
        },
        "candidates": f"each top-level POSITION × each person of its scope named in its sentence or the {CONTEXT} before",
        "features": len(model.weights),
        "hyperparameters": {"l2": L2, "iterations": ITERATIONS, "learning_rate": LEARNING_RATE,
                            "min_count": MIN_COUNT, "context_sentences": CONTEXT},
        "threshold": threshold,
        "cross_validation_on_train": {"folds": FOLDS, "chosen_by": "overlap F1", **figures(cv[threshold])},
        "date": dt.date.today().isoformat(),
        "command": command,
    }
    if dev_dir is not None:
        dev = preprocess(dev_dir, nlp)
        model.manifest["nerel_dev"] = {
            "documents": len(dev),
            "model": figures(evaluate_stage(dev, model)),
            "rules_only": figures(evaluate_stage(dev, None)),
        }
    model.save(out)
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("train", type=Path, help="NEREL train folder (brat .txt + .ann)")
    parser.add_argument("-o", "--out", type=Path, required=True, help="model folder to write (models/works_as)")
    parser.add_argument("--dev", type=Path, help="NEREL dev folder: scored for the manifest only")
    args = parser.parse_args(argv)
    command = "python -m tools.train " + " ".join(argv if argv is not None else sys.argv[1:])
    model = train(args.train, args.out, args.dev, command)
    m = model.manifest
    print(f"{m['features']} features, threshold {m['threshold']}, cross-validated overlap F1 "
          f"{m['cross_validation_on_train']['overlap']['f1']:.3f}", end="")
    if "nerel_dev" in m:
        print(f"; NEREL dev overlap F1 {m['nerel_dev']['model']['overlap']['f1']:.3f} "
              f"(rules alone {m['nerel_dev']['rules_only']['overlap']['f1']:.3f})", end="")
    print(f" -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
