"""Evaluation of fact extractors against annotated Russian corpora (NEREL, factRuEval-2016).

Typical use::

    from extractor.evaluate import evaluate, natasha_system, render_markdown
    report = evaluate(Path("../shared/data/nerel/dev"), {"natasha": natasha_system()})
    print(render_markdown(report))
"""

from extractor.evaluate.corpora import GoldDoc, Span, read_brat, read_corpus, read_factrueval
from extractor.evaluate.report import CorpusResult, Report, SystemResult, evaluate, evaluate_many, render_markdown, to_json
from extractor.evaluate.score import Counts, Prediction, System, TypeScore, score
from extractor.evaluate.systems import extractor_system, natasha_system

__all__ = [
    "Counts", "CorpusResult", "GoldDoc", "Prediction", "Report", "Span", "System", "SystemResult", "TypeScore",
    "evaluate", "evaluate_many", "extractor_system", "natasha_system", "read_brat", "read_corpus",
    "read_factrueval", "render_markdown", "score", "to_json",
]
