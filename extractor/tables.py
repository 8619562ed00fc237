"""Flat tables for pandas and dashboards: one row per document, entity, person,
official and fact, each row carrying its document's id.

    frames = to_frames(records)          # dict of pandas DataFrames
    frames["facts"].groupby("indicator")["value"].sum()

Column names and types are part of the output contract (see COLUMNS).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .records import DocumentRecord

# table -> (column, pandas dtype); spans become two integer columns
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("doc_id", "string"), ("source", "string"), ("text_length", "Int64"), ("encoding", "string"),
        ("date", "string"), ("date_source", "string"), ("ok", "boolean"), ("errors", "string"),
        ("entities", "Int64"), ("officials", "Int64"), ("facts", "Int64"),
    ],
    "entities": [
        ("doc_id", "string"), ("type", "string"), ("subtype", "string"), ("text", "string"), ("normal", "string"),
        ("start", "Int64"), ("end", "Int64"), ("block", "string"), ("code", "string"), ("value", "string"),
        ("person", "string"), ("source", "string"),
    ],
    "persons": [
        ("doc_id", "string"), ("id", "string"), ("name", "string"), ("mentions", "Int64"),
        ("positions", "string"), ("block", "string"),
    ],
    "officials": [
        ("doc_id", "string"), ("person", "string"), ("person_id", "string"), ("position", "string"),
        ("organization", "string"), ("region", "string"), ("region_code", "string"),
        ("position_start", "Int64"), ("position_end", "Int64"), ("block", "string"), ("rule", "string"),
    ],
    "facts": [
        ("doc_id", "string"), ("kind", "string"), ("text", "string"), ("start", "Int64"), ("end", "Int64"),
        ("value", "Float64"), ("unit", "string"), ("qualifier", "string"), ("change", "string"),
        ("indicator", "string"), ("period", "string"), ("regions", "string"), ("block", "string"),
        ("group", "string"), ("low", "Float64"), ("high", "Float64"),
        ("sentence_start", "Int64"), ("sentence_end", "Int64"),
    ],
}
LIST_SEPARATOR = "; "  # list cells (regions, positions) joined for CSV-friendly tables


def rows(records: Iterable[DocumentRecord]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in COLUMNS}
    for rec in records:
        doc = {"doc_id": rec.id}
        out["documents"].append({
            **doc, "source": rec.source, "text_length": rec.text_length, "encoding": rec.encoding,
            "date": rec.date, "date_source": rec.date_source, "ok": rec.ok,
            "errors": LIST_SEPARATOR.join(f"{e.stage}: {e.message}" for e in rec.errors) or None,
            "entities": len(rec.entities), "officials": len(rec.officials), "facts": len(rec.facts),
        })
        out["entities"] += [{**doc, **asdict(e)} for e in rec.entities]
        out["persons"] += [
            {**doc, "id": p.id, "name": p.name, "mentions": len(p.mentions),
             "positions": LIST_SEPARATOR.join(p.positions) or None, "block": p.block}
            for p in rec.persons
        ]
        for o in rec.officials:
            row = {k: v for k, v in asdict(o).items() if k not in ("person_spans", "position_span")}
            out["officials"].append({**doc, **row, "position_start": o.position_span[0], "position_end": o.position_span[1]})
        for f in rec.facts:
            row = {k: v for k, v in asdict(f).items() if k not in ("sentence", "indicator_span")}
            row["regions"] = LIST_SEPARATOR.join(f.regions) or None
            out["facts"].append({**doc, **row, "sentence_start": f.sentence[0], "sentence_end": f.sentence[1]})
    return out


def to_frames(records: Iterable[DocumentRecord]) -> dict[str, Any]:
    """The tables as pandas DataFrames with the documented columns and dtypes."""
    import pandas as pd

    frames = {}
    for name, table in rows(records).items():
        columns = [c for c, _ in COLUMNS[name]]
        frame = pd.DataFrame(table, columns=columns)
        frames[name] = frame.astype(dict(COLUMNS[name]))
    return frames


def write_tables(records: Iterable[DocumentRecord], folder: Path) -> list[Path]:
    """One CSV per table in `folder` (UTF-8, header row)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in to_frames(records).items():
        path = folder / f"{name}.csv"
        frame.to_csv(path, index=False)
        paths.append(path)
    return paths
