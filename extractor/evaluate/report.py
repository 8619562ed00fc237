"""Run systems over gold corpora, time them, and render the results (markdown table, JSON)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extractor.evaluate.corpora import CORPUS_RELATIONS, CORPUS_TYPES, UNMARKED_PLACE_ADJECTIVES, GoldDoc, read_corpus
from extractor.evaluate.conventions import without_place_adjectives
from extractor.evaluate.officials import OfficialsResult, officials_dict, render_officials
from extractor.evaluate.score import Counts, System, TypeScore, score


@dataclass
class SystemResult:
    name: str
    seconds: float  # wall time of the system call over the whole corpus (model loading excluded)
    scores: dict[str, TypeScore]


@dataclass
class CorpusResult:
    corpus: str  # "nerel" | "factrueval"
    folder: str
    docs: int
    chars: int
    rows: list[str]  # scored types in table order, then the relation rows (PAIRS, EVENT_…) where annotated
    systems: list[SystemResult] = field(default_factory=list)


@dataclass
class Report:
    corpora: list[CorpusResult] = field(default_factory=list)
    officials: list[OfficialsResult] = field(default_factory=list)  # hand-annotated news officials (officials.py)


# --- running ------------------------------------------------------------------------------------


def _run_system(name: str, system: System, docs: list[GoldDoc], corpus: str) -> SystemResult:
    texts = [doc.text for doc in docs]
    started = time.perf_counter()
    preds = system(texts)
    seconds = time.perf_counter() - started
    if corpus in UNMARKED_PLACE_ADJECTIVES:
        preds = [without_place_adjectives(doc.text, pred) for doc, pred in zip(docs, preds)]
    scores = score(docs, preds, types=CORPUS_TYPES[corpus], relations=CORPUS_RELATIONS[corpus])
    return SystemResult(name=name, seconds=seconds, scores=scores)


def evaluate_corpus(folder: Path, systems: dict[str, System]) -> CorpusResult:
    corpus, docs = read_corpus(folder)
    rows = list(CORPUS_TYPES[corpus]) + list(CORPUS_RELATIONS[corpus])
    result = CorpusResult(corpus, str(folder), len(docs), sum(len(d.text) for d in docs), rows)
    result.systems = [_run_system(name, system, docs, corpus) for name, system in systems.items()]
    return result


def evaluate(folder: Path, systems: dict[str, System]) -> Report:
    """Run every system over the corpus in ``folder`` (format auto-detected) and score it."""
    return Report([evaluate_corpus(Path(folder), systems)])


def evaluate_many(folders: Iterable[Path], systems: dict[str, System]) -> Report:
    """Same as ``evaluate`` for several corpora; the report has one table per corpus."""
    return Report([evaluate_corpus(Path(folder), systems) for folder in folders])


# --- markdown -----------------------------------------------------------------------------------

_MEASURES = ("P", "R", "F1")
_NONE = "—"  # precision is undefined when the system predicted nothing of that type


def _figures(counts: Counts) -> list[str]:
    precision = f"{counts.precision:.3f}" if counts.predicted else _NONE
    return [precision, f"{counts.recall:.3f}", f"{counts.f1:.3f}"]


def _header(corpus: CorpusResult) -> list[str]:
    cells = ["type", "support"]
    for system in corpus.systems:
        cells += [f"{system.name} {m} exact" for m in _MEASURES]
        cells += [f"{system.name} {m} overlap" for m in _MEASURES]
    return cells


def _row(corpus: CorpusResult, row: str) -> list[str]:
    support = corpus.systems[0].scores[row].support if corpus.systems else 0
    cells = [row, str(support)]
    for system in corpus.systems:
        cells += _figures(system.scores[row].exact) + _figures(system.scores[row].overlap)
    return cells


def _table_line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _render_corpus(corpus: CorpusResult) -> str:
    header = _header(corpus)
    lines = [
        f"### {corpus.corpus}: {corpus.folder} ({corpus.docs} docs, {corpus.chars} chars)",
        "",
        _table_line(header),
        _table_line(["---"] + ["---:"] * (len(header) - 1)),
    ]
    lines += [_table_line(_row(corpus, row)) for row in corpus.rows]
    lines.append("")
    lines += [_timing_line(system, corpus.docs) for system in corpus.systems]
    return "\n".join(lines)


def _timing_line(system: SystemResult, docs: int) -> str:
    rate = f" ({docs / system.seconds:.1f} docs/s)" if system.seconds > 0 else ""
    return f"- {system.name}: {system.seconds:.1f} s{rate}"


def render_markdown(report: Report) -> str:
    """One table per corpus: rows per scored type (+ PAIRS), per system P/R/F1 exact and overlap."""
    note = (f"Exact: identical offsets and type; overlap: same type, at least one shared character. "
            f"{_NONE}: no predictions of that type.")
    sections = [_render_corpus(c) for c in report.corpora] + [render_officials(o) for o in report.officials]
    return "\n\n".join(([note] if report.corpora else []) + sections) + "\n"


# --- JSON ---------------------------------------------------------------------------------------


def _scores_dict(scores: dict[str, TypeScore]) -> dict[str, dict]:
    return {
        kind: {"support": s.support, "exact": s.exact.as_dict(), "overlap": s.overlap.as_dict()}
        for kind, s in scores.items()
    }


def to_dict(report: Report) -> dict:
    return {
        "corpora": [
            {
                "corpus": c.corpus, "folder": c.folder, "docs": c.docs, "chars": c.chars, "rows": c.rows,
                "systems": {s.name: {"seconds": s.seconds, "scores": _scores_dict(s.scores)} for s in c.systems},
            }
            for c in report.corpora
        ],
        **({"officials": [officials_dict(o) for o in report.officials]} if report.officials else {}),
    }


def to_json(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2)
