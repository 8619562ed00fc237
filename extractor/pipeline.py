"""The pipeline: read → clean → segment/lemmatise → recognise → normalise → link → records.

Stages are built once, in `load()`, with their tools passed in (one shared
pymorphy3 analyser, one NER model, one gazetteer). Each stage declares what it
`requires` and `provides`; the order is checked when the pipeline is built, so
a forgotten step fails at start-up, not deep inside a batch. A stage that
raises on a document turns into an error record for that document alone.
"""
from __future__ import annotations

import datetime as dt
import gc
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Protocol

from .document import ASPECTS, FIELDS, INPUTS, Document, as_documents
from .records import DocumentRecord, ErrorInfo

log = logging.getLogger(__name__)

BATCH_DOCS = 64  # documents per batch: enough sentences to sort into even NER batches


class Stage(Protocol):
    """A step of the pipeline. `requires` and `provides` name what it reads and writes: a
    `Document` field ("tokens") or an aspect of one ("entities.places", see
    `document.ASPECTS`). Optional `batched = True`: the stage gains from seeing the
    documents of a batch at once (the NER sorts their sentences by length)."""

    name: str
    requires: frozenset[str]
    provides: frozenset[str]

    def __call__(self, docs: list[Document]) -> None: ...


class PipelineError(Exception):
    pass


def check_order(stages: Sequence[Stage]) -> None:
    """Every name is a real field or a known aspect, written by one stage only, and read only
    after the stage that writes it (the fields a reader fills in are given from the start)."""
    available: dict[str, str] = {name: "the input" for name in INPUTS}
    for stage in stages:
        for name in stage.requires | stage.provides:
            if name.split(".")[0] not in FIELDS or ("." in name and name not in ASPECTS):
                raise PipelineError(f"stage {stage.name!r} names {name!r}: neither a Document field nor an aspect of document.ASPECTS")
        missing = stage.requires - set(available)
        if missing:
            raise PipelineError(f"stage {stage.name!r} needs {sorted(missing)}, which no earlier stage provides")
        for name in sorted(stage.provides):
            if name in available:
                raise PipelineError(f"stage {stage.name!r} provides {name!r}, which {available[name]} already provides")
            if "." in name and name.split(".")[0] not in available:
                raise PipelineError(f"stage {stage.name!r} provides {name!r} before any stage provides {name.split('.')[0]!r}")
            available[name] = f"stage {stage.name!r}"


@dataclass
class Pipeline:
    stages: Sequence[Stage]
    with_tokens: bool = False
    with_text: bool = False

    def __post_init__(self) -> None:
        check_order(self.stages)

    # -- running ------------------------------------------------------------------

    def process(self, docs: list[Document]) -> list[Document]:
        """Run every stage over the documents; keeps the working state (spaCy Doc included)."""
        for stage in self.stages:
            live = [d for d in docs if not d.failed]
            if getattr(stage, "batched", False):
                try:
                    stage(live)
                    continue
                except Exception:  # isolate the document that broke the batch
                    log.debug("batch failed in %s; retrying one by one", stage.name, exc_info=True)
            for doc in live:
                self._run_one(stage, doc)
        return docs

    def _run_one(self, stage: Stage, doc: Document) -> None:
        try:
            stage([doc])
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            log.debug("stage %s failed on %s", stage.name, doc.id, exc_info=True)
            doc.failed = True
            doc.errors.append(ErrorInfo(stage.name, f"{type(exc).__name__}: {exc}"))

    def extract(self, text: str, id: str = "doc", source: str | None = None, date: dt.date | None = None) -> DocumentRecord:
        return self.record(self.process([Document(id=id, text=text, source=source, date=date)])[0])

    def extract_many(self, items: Iterable[str | Document], batch_size: int = BATCH_DOCS) -> Iterator[DocumentRecord]:
        """Records in input order, in this process; plain strings get ids "1", "2", …
        (worker processes: `extractor.run.extract_many(texts, jobs=N)`, the same records)."""
        docs = as_documents(items)
        with fewer_collections():
            while batch := list(islice(docs, batch_size)):
                for doc in self.process(batch):
                    yield self.record(doc)

    # -- records ------------------------------------------------------------------

    def record(self, doc: Document) -> DocumentRecord:
        from .io.periods import iso_bounds, publication_date

        rec = DocumentRecord(
            id=doc.id,
            source=doc.source,
            text_length=len(doc.text),
            encoding=doc.encoding,
            ok=not doc.failed,
            errors=list(doc.errors),
        )
        if doc.failed:
            return rec
        rec.date = doc.date.isoformat() if doc.date else (str(doc.year) if doc.year else None)
        rec.date_precision = publication_date(rec.date)[1]
        rec.date_source = doc.date_source
        rec.region, rec.region_code = (doc.region.name, doc.region.code) if doc.region else (None, None)
        rec.blocks = doc.blocks
        rec.sentences = doc.sentences
        rec.entities = sorted(doc.entities, key=lambda e: (e.start, -e.end, e.type))
        rec.persons = doc.persons
        rec.officials = doc.officials
        rec.facts = doc.facts
        rec.events = doc.events
        for fact in rec.facts:  # the periods as days, for charts: whatever a stage made of them
            fact.period_start, fact.period_end = iso_bounds(fact.period)
        for event in rec.events:
            event.date_start, event.date_end = iso_bounds(event.date)
        if self.with_tokens:
            rec.tokens = [{"start": t.start, "end": t.end, "lemma": t.lemma} for t in doc.tokens]
        if self.with_text:
            rec.text = doc.text
        return rec


# -- the cyclic garbage collector during extract_many ----------------------------------------

# Young-generation collections every 20,000 net allocations instead of 700. The pipeline
# allocates millions of short-lived objects, which reference counting frees; with the
# default thresholds the cyclic collector ran ~2,300 times over 1,500 documents and took 8 %
# of the time, with these and what is loaded frozen ~100 times and 1 %. Same records.
BATCH_GC_THRESHOLDS = (20_000, 20, 20)


@dataclass
class _CollectorState:
    depth: int = 0  # extract_many calls running in this process (a notebook may interleave two)
    thresholds: tuple[int, int, int] = (700, 10, 10)  # the process's own, from before the first


_collector = _CollectorState()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """BATCH_GC_THRESHOLDS while records are made, and no collection over what is alive when
    the first call starts (the models: `gc.freeze`); the process's own settings come back
    when the last call ends."""
    if _collector.depth == 0:
        _collector.thresholds = gc.get_threshold()
        gc.freeze()
        gc.set_threshold(*BATCH_GC_THRESHOLDS)
    _collector.depth += 1
    try:
        yield
    finally:
        _collector.depth -= 1
        if _collector.depth == 0:
            gc.set_threshold(*_collector.thresholds)
            gc.unfreeze()
