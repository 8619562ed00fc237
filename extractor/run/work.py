"""The work itself, the same in this process, in worker processes (pool.py) and on a Dask
cluster (cluster.py): a chunk of (index, item) turned into results, each record serialised
as a JSON line with the counts the caller reports."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Union

from ..document import Document
from ..records import DocumentRecord, ErrorInfo

Item = Union[str, "os.PathLike[str]", Document]


@dataclass(frozen=True)
class Options:
    """What every worker needs to build its pipeline and documents."""

    with_tokens: bool = False
    with_text: bool = False
    date: dt.date | None = None  # publication date given to every document


@dataclass
class Result:
    """One document's record as a JSON line, with the counts a caller reports."""

    index: int  # position in the input
    line: str  # json.dumps(record.to_dict(), ensure_ascii=False), no newline
    id: str
    source: str | None
    ok: bool
    entities: int = 0
    officials: int = 0
    facts: int = 0
    events: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (stage, message)

    @property
    def label(self) -> str:
        return self.source or self.id


def result_of(index: int, record: DocumentRecord) -> Result:
    from ..io.write import dumps

    return Result(
        index, dumps(record), record.id, record.source, record.ok,
        len(record.entities), len(record.officials), len(record.facts), len(record.events),
        [(e.stage, e.message) for e in record.errors],
    )


def crashed(index: int, item: Item, message: str) -> Result:
    """The error record of a document that its worker could not survive."""
    if isinstance(item, Document):
        doc_id, source, length, encoding = item.id, item.source, len(item.text), item.encoding
    else:
        doc_id, source, length, encoding = Path(item).stem, str(item), 0, None
    record = DocumentRecord(id=doc_id, source=source, text_length=length, encoding=encoding, ok=False)
    record.errors.append(ErrorInfo("worker", message))
    return result_of(index, record)


class Runner:
    """A pipeline and the options: turns a chunk of (index, item) into results."""

    def __init__(self, options: Options, pipeline: Any = None) -> None:
        if pipeline is None:
            from .. import load

            pipeline = load(with_tokens=options.with_tokens, with_text=options.with_text)
        self.pipeline = pipeline
        self.options = options

    def document(self, item: Item) -> Document:
        from ..io.read import read_file

        doc = item if isinstance(item, Document) else read_file(Path(item))
        return replace(doc, date=self.options.date) if self.options.date and doc.date is None else doc

    def run(self, chunk: list[tuple[int, Item]]) -> list[Result]:
        from ..io.read import is_page

        docs = [self.document(item) for _, item in chunk]
        records = self.pipeline.extract_many(docs, batch_size=max(len(docs), 1))
        results = []
        for (index, _), doc, record in zip(chunk, docs, records):
            if record.ok and is_page(doc.source):  # offsets into a page's main text: the text goes along
                record.text = doc.text
            results.append(result_of(index, record))
        return results


def item_label(item: Item) -> str:
    return (item.source or item.id) if isinstance(item, Document) else str(item)
