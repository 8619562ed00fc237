"""The output formats, declared once: what each writes and the suffix of its files.

    FORMATS["parquet"]    # Format("parquet", "table", ".parquet"): one file per table
    RECORD_FORMATS        # ("jsonl", "json"): `write.LineWriter`, `write.write_records`
    TABLE_FORMATS         # ("csv", "parquet"): `tables.write_tables`, read back by `tables.read_table`
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Writes = Literal["record", "table"]


@dataclass(frozen=True)
class Format:
    name: str
    writes: Writes  # "record": the records in one file; "table": a folder, one file per table
    suffix: str  # of that file, or of each table's file


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("jsonl", "record", ".jsonl"),  # one record a line
    Format("json", "record", ".json"),  # one array
    Format("csv", "table", ".csv"),
    Format("parquet", "table", ".parquet"),
)}
RECORD_FORMATS: tuple[str, ...] = tuple(name for name, f in FORMATS.items() if f.writes == "record")
TABLE_FORMATS: tuple[str, ...] = tuple(name for name, f in FORMATS.items() if f.writes == "table")


def get(name: str, writes: Writes) -> Format:
    """The format called `name`, which must write `writes`; ValueError naming the choices otherwise."""
    fmt = FORMATS.get(name)
    if fmt is None or fmt.writes != writes:
        choices = ", ".join(n for n, f in FORMATS.items() if f.writes == writes)
        raise ValueError(f"unknown {writes} format {name!r}: use one of {choices}")
    return fmt
