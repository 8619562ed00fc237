"""Flat tables for pandas, files and dashboards: one row per document, entity, person,
official, fact, event and event participant, each row carrying its document's key `doc`
(and its id, `doc_id`).

    frames = to_frames(records)                       # dict of pandas DataFrames
    frames["facts"].groupby("indicator")["value"].sum()
    write_tables(records, Path("tables"), "parquet")  # one file per table, streamed

Column names and types are the output contract, defined once in `COLUMNS` (columns.py): each column's
pandas dtype, and from it the Arrow (Parquet), DuckDB and JSON Schema types. A file read
back (`read_table`, `pd.read_parquet`, `database.load_duckdb`) has exactly these types.
Lists (a fact's regions, a person's positions, an event's participants) are "; "-joined
strings in both CSV and Parquet, so that every dashboard can filter on them; an event's
participants are also a table of their own. Empty strings are written as nulls: CSV cannot
tell them apart, and Parquet holds the same rows as CSV.

Dates (a document's date, the first and last day of a fact's period and of an event's date)
are DATE: date32 in Parquet and DuckDB, pandas `date32[day][pyarrow]`, ISO 8601 in CSV and
in a row as JSON (`json_rows`). `in_article` is false for the rows of a "Читайте также"
snippet (blocks `related-N`), which are about other news: `frame[frame.in_article]` drops them.

Keys: `doc`, the first column of every table, is the document's 1-based position in the
run's output (the records are written in input order, so it is the same with any -j,
resumed or not, on a Dask cluster or not), unique within the run: join the tables on it.
`doc_id` is the document's own id, which two inputs may share (`a/x.txt` and `b/x.txt`,
two rows of a JSONL file with the same id); it says which document, `doc` says which row.

CSV only (Parquet keeps every value as it is):
- Against formula injection (OWASP "CSV Injection"), a string cell that begins with `=`,
  `+`, `-`, `@` or a tab (a carriage return, below, becomes a line feed) is written with a `'` in front, so that a
  spreadsheet shows it as text instead of running it; so is a cell that begins with `'`
  followed by one of these or by another `'`, so that the rule can be undone exactly:
  `read_table` and `database.load_duckdb` take that one `'` off again. Number columns
  are never touched (-5 stays the number -5), and an integral value is written as an
  integer ("3170000000", not "3170000000.0"); it reads back as the same Float64.
- U+0085 (NEL), U+2028 and U+2029, line breaks to `str.splitlines()` and to other
  line-based readers but left unquoted by the CSV writer, are written as a space; a
  carriage return (`\r\n` or alone), which the writer would leave unquoted too, as a
  line feed (in a quoted cell, as every line feed).
"""
from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..document import scope
from ..records import DocumentRecord
from . import formats
from .columns import (  # noqa: F401 - the column contract, re-exported for the tables' users
    COLUMNS, DATE, LIST_SEPARATOR, ROW_GROUP, TABLES, TYPES, Column, ColumnType,
)
from .periods import bounds, publication_date


def _joined(items: Iterable[str]) -> str | None:
    return LIST_SEPARATOR.join(items) or None


def _article(block: str | None) -> bool:
    return scope(block or "") == "article"


def _days(name: str, value: str | None) -> dict[str, dt.date | None]:
    """`<name>_start`, `<name>_end`: the first and last day of a TIMEX-style value (`periods.bounds`)."""
    start, end = bounds(value) or (None, None)
    return {f"{name}_start": start, f"{name}_end": end}


def record_rows(rec: DocumentRecord, position: int = 1) -> dict[str, list[dict[str, Any]]]:
    """One document's rows, table by table (keys as in COLUMNS; columns not given are null);
    `position`: the document's 1-based place among the records (the `doc` key). Days are
    read from `date` and `period` themselves: a record of an older file gets them too."""
    doc = {"doc": position, "doc_id": rec.id}
    date, precision = publication_date(rec.date)
    return {
        "documents": [{
            **doc, "source": rec.source, "text_length": rec.text_length, "encoding": rec.encoding,
            "date": date, "date_precision": precision, "date_source": rec.date_source,
            "region": rec.region, "region_code": rec.region_code, "ok": rec.ok,
            "errors": _joined(f"{e.stage}: {e.message}" for e in rec.errors),
            "entities": len(rec.entities), "officials": len(rec.officials), "facts": len(rec.facts),
            "events": len(rec.events),
        }],
        "entities": [{**doc, **vars(e), "in_article": _article(e.block)} for e in rec.entities],
        "persons": [
            {
                **doc, "id": p.id, "name": p.name, "mentions": len(p.mentions), "role_mentions": len(p.role_mentions),
                "pronoun_mentions": len(p.pronoun_mentions), "positions": _joined(p.positions), "block": p.block, "in_article": _article(p.block),
            }
            for p in rec.persons
        ],
        "officials": [{**doc, **vars(o), "position_start": o.position_span[0], "position_end": o.position_span[1],
                       "position_spans": _joined(f"{a}-{b}" for a, b in o.position_spans), "in_article": _article(o.block)}
                      for o in rec.officials],
        "facts": [
            {**doc, **vars(f), **_days("period", f.period), "regions": _joined(f.regions), "as_of": publication_date(f.as_of)[0],
             "indicator_start": f.indicator_span[0] if f.indicator_span else None,
             "indicator_end": f.indicator_span[1] if f.indicator_span else None,
             "sentence_start": f.sentence[0], "sentence_end": f.sentence[1], "in_article": _article(f.block)}
            for f in rec.facts
        ],
        "events": [
            {**doc, **vars(e), "organizers": _joined(p.name for p in e.participants if p.role == "organizer"),
             "participants": _joined(p.name for p in e.participants if p.role != "organizer"),
             "sentence_start": e.sentence[0], "sentence_end": e.sentence[1], "in_article": _article(e.block), **_days("date", e.date)}
            for e in rec.events
        ],
        "event_participants": [
            {**doc, "event_id": e.id, **vars(p), "start": p.span[0], "end": p.span[1], "in_article": _article(e.block)}
            for e in rec.events for p in e.participants
        ],
    }


def rows(records: Iterable[DocumentRecord]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in COLUMNS}
    for position, rec in enumerate(records, 1):
        for name, new in record_rows(rec, position).items():
            out[name] += new
    return out


def frame(name: str, table: list[dict[str, Any]]) -> Any:
    """Rows of one table as a DataFrame with exactly the documented columns and dtypes."""
    import pandas as pd

    columns = COLUMNS[name]
    result = pd.DataFrame(table, columns=[c.name for c in columns]).astype({c.name: c.dtype for c in columns})
    strings = [c.name for c in columns if c.dtype == "string"]
    result[strings] = result[strings].replace("", pd.NA)
    return result


def to_frames(records: Iterable[DocumentRecord]) -> dict[str, Any]:
    """The tables as pandas DataFrames with the documented columns and dtypes."""
    return {name: frame(name, table) for name, table in rows(records).items()}


def arrow_schema(name: str) -> Any:
    """The Parquet schema of a table, with the pandas metadata that restores the dtypes on reading."""
    import pyarrow as pa

    fields = [pa.field(c.name, pa.type_for_alias(c.type.arrow), nullable=c.null) for c in COLUMNS[name]]
    pandas_metadata = pa.Schema.from_pandas(frame(name, []), preserve_index=False).metadata
    return pa.schema(fields, metadata=pandas_metadata)


def json_rows(frame: Any) -> list[dict[str, Any]]:
    """A table's rows as JSON objects, as its `table_schema` describes them: nulls, ISO dates."""
    import json

    days = {c: "string" for c, dtype in frame.dtypes.items() if str(dtype) == DATE}
    return json.loads(frame.astype(days).to_json(orient="records", force_ascii=False))


def table_schema(name: str) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of one row of a table, as a JSON object with nulls for empty cells."""
    def column(c: Column) -> dict[str, Any]:
        out: dict[str, Any] = {"type": [c.type.json, "null"] if c.null else c.type.json, "description": c.description}
        if c.type.format:
            out["format"] = c.type.format
        if c.values:
            out["enum"] = [*c.values, None] if c.null else list(c.values)
        return out

    columns = COLUMNS[name]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"ru-fact-extractor/table/{name}/1",
        "title": name,
        "description": TABLES[name],
        "type": "object",
        "properties": {c.name: column(c) for c in columns},
        "required": [c.name for c in columns],
        "additionalProperties": False,
    }


CSV_GUARD = "'"  # put before a CSV string cell that a spreadsheet would run as a formula
CSV_TRIGGERS = "=+-@\t\r"  # OWASP: the first characters that make a cell a formula
CSV_GUARDED = "^'[=+\\-@\t\r']"  # a guarded cell, as a regular expression (RE2 and Python alike)
CSV_BREAKS = "[\x85\u2028\u2029]"  # line breaks that the CSV writer leaves unquoted: written as a space
EXACT_INTEGERS = 2**53  # a double holds every integer below it, and no fraction from it on
CSV_RETURNS = "\r\n?"  # carriage returns, also left unquoted (the lines end in \n): written as a line feed


def csv_cells(values: Any) -> Any:
    """A string column (pandas Series) as it is written to CSV: raw line breaks as spaces, formula-like cells guarded."""
    values = values.str.replace(CSV_BREAKS, " ", regex=True).str.replace(CSV_RETURNS, "\n", regex=True)
    guard = values.str.match(f"[{re.escape(CSV_TRIGGERS)}]|{CSV_GUARDED}").fillna(False).astype(bool)
    return values.where(~guard, CSV_GUARD + values)


def csv_numbers(values: Any) -> Any:
    """A Float64 column as it is written to CSV: an integral value as an integer ("3170000000"),
    any other as Python writes it (the shortest text that reads back the same). Beyond 2**53,
    where every double is integral, as Python writes it too ("1.5e+22", not its 23 digits)."""
    texts = [None if v is None else str(int(v)) if abs(v) < EXACT_INTEGERS and v == int(v) else repr(v)
             for v in values.to_numpy(dtype=object, na_value=None)]
    return type(values)(texts, index=values.index, dtype=object)


def csv_values(cells: Any) -> Any:
    """A string column read from CSV: the guard of `csv_cells` taken off."""
    guarded = cells.str.match(CSV_GUARDED).fillna(False).astype(bool)
    return cells.where(~guarded, cells.str.slice(1))


class _CsvSink:
    def __init__(self, path: Path, name: str) -> None:
        self.strings = [c.name for c in COLUMNS[name] if c.dtype == "string"]
        self.numbers = [c.name for c in COLUMNS[name] if c.dtype == "Float64"]
        self.out, self.header = path.open("w", encoding="utf-8", newline=""), True

    def write(self, rows: Any) -> None:
        if len(rows):
            rows = rows.copy()
            for name in self.strings:
                rows[name] = csv_cells(rows[name])
            for name in self.numbers:
                rows[name] = csv_numbers(rows[name])
        rows.to_csv(self.out, index=False, header=self.header, lineterminator="\n")
        self.header = False

    def close(self) -> None:
        self.out.close()


class _ParquetSink:
    def __init__(self, path: Path, name: str) -> None:
        import pyarrow.parquet as pq

        self.schema = arrow_schema(name)
        self.writer = pq.ParquetWriter(path, self.schema)

    def write(self, rows: Any) -> None:
        import pyarrow as pa

        if len(rows):  # no empty row groups; a table with none is still a valid file
            self.writer.write_table(pa.Table.from_pandas(rows, schema=self.schema, preserve_index=False))

    def close(self) -> None:
        self.writer.close()


SINKS: dict[str, type[_CsvSink | _ParquetSink]] = {"csv": _CsvSink, "parquet": _ParquetSink}  # one per formats.TABLE_FORMATS


def write_tables(records: Iterable[DocumentRecord], folder: Path, fmt: str = "csv") -> dict[str, Path]:
    """One file per table in `folder` (CSV: UTF-8 with a header row; Parquet), table name -> file.

    Records are streamed: rows are written every ROW_GROUP rows of a table; the `doc` key
    is each record's 1-based position in `records`. Each file is written under a
    `.partial` name and renamed when all are complete; should anything fail, no
    `.partial` file is left behind (and the tables already there stay as they were).
    """
    suffix = formats.get(fmt, "table").suffix
    folder.mkdir(parents=True, exist_ok=True)
    paths = {name: folder / f"{name}{suffix}" for name in COLUMNS}
    partial = {name: path.with_name(path.name + ".partial") for name, path in paths.items()}
    sinks: dict[str, Any] = {}
    pending: dict[str, list[dict[str, Any]]] = {name: [] for name in COLUMNS}
    done = False
    try:
        for name in COLUMNS:
            sinks[name] = SINKS[fmt](partial[name], name)
        for position, rec in enumerate(records, 1):
            for name, new in record_rows(rec, position).items():
                pending[name] += new
                if len(pending[name]) >= ROW_GROUP:
                    sinks[name].write(frame(name, pending[name]))
                    pending[name] = []
        for name, table in pending.items():
            sinks[name].write(frame(name, table))  # the rest, or the header of an empty table
        for open_sink in sinks.values():
            open_sink.close()
        for name in COLUMNS:
            os.replace(partial[name], paths[name])
        done = True
    finally:
        if not done:
            for name, open_sink in sinks.items():
                try:
                    open_sink.close()
                except Exception:  # noqa: BLE001 - already failing: the first error is the one to raise
                    pass
            for name in COLUMNS:
                partial[name].unlink(missing_ok=True)
    return paths


def read_table(path: Path) -> Any:
    """A table file (.csv or .parquet, named after its table) as a DataFrame with the documented dtypes."""
    import pandas as pd

    if path.suffix == formats.FORMATS["parquet"].suffix:
        return pd.read_parquet(path)
    columns = COLUMNS[path.stem]
    table = pd.read_csv(path, dtype={c.name: c.dtype for c in columns}, keep_default_na=False, na_values=[""])
    for c in columns:
        if c.dtype == "string":
            table[c.name] = csv_values(table[c.name])
    return table
