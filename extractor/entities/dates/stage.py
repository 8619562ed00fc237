"""The pipeline stage of dates: DATE entities with their TIMEX3 value."""
from __future__ import annotations

import datetime as dt

from ...document import Document
from ...records import Block, Entity
from .infer import infer_date, stamp, with_year
from .recognizer import DateRecognizer
from .values import DateMatch


class Dates:
    """Pipeline stage: DATE entities with their TIMEX3 value.

    Relative dates resolve against the document's date. When none is given, the
    article's own dates stand in: the latest year it states (not after today),
    with the day and month of its timestamp line when it has one ("25 сентября
    11:25" of an article that speaks of "первое полугодие 2024 года" was written
    on 2024-09-25); the record says the date was inferred. Inside a related-news
    snippet, dates resolve against the snippet's own timestamp ("02.12.2025 16:38
    … утром 25 ноября" is 2025-11-25), since each snippet is its own story."""

    name = "dates"
    requires: frozenset[str] = frozenset({"blocks", "clean", "date", "entities", "text"})
    provides: frozenset[str] = frozenset({"date.inferred", "date_source", "entities.dates", "year"})

    def __init__(self, recognizer: DateRecognizer, today: dt.date | None = None) -> None:
        self.recognizer = recognizer
        self.today = today or dt.date.today()

    def __call__(self, docs: list[Document]) -> None:
        for doc in docs:
            found = self._find(doc, doc.date)
            year = None
            if doc.date is not None:
                doc.year, doc.date_source = doc.date.year, doc.date_source or "given"
            else:
                year = infer_date(doc, found, self.today)
                if doc.date is not None:  # the article again, against the inferred date
                    found = self._find(doc, doc.date)
            for block in doc.blocks:
                self._add(doc, block, found[block.id], year)

    def _find(self, doc: Document, date: dt.date | None) -> dict[str, list[DateMatch]]:
        return {b.id: self.recognizer.find(doc.clean[b.start : b.end], date) for b in doc.blocks}

    def _add(self, doc: Document, block: Block, matches: list[DateMatch], year: int | None) -> None:
        """The block's dates as entities; `year` fills the unknown ones (an inferred year)."""
        if block.kind == "related":  # a snippet: its own date, not the article's year
            year = None
            day = stamp(matches)
            if day is not None:
                matches = self.recognizer.find(doc.clean[block.start : block.end], day)
        for m in matches:
            value = with_year(m, year) if year else m.value
            start, end = block.start + m.start, block.start + m.end
            doc.entities.append(
                Entity("DATE", doc.text[start:end], start, end, normal=value,
                       block=block.id, value=value, source="rules")
            )
