"""Write: records to JSONL (one document per line) or one JSON array."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .records import DocumentRecord

FORMATS = ("jsonl", "json")


def dumps(record: DocumentRecord) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False)


def write_records(records: Iterable[DocumentRecord], out: IO[str], fmt: str = "jsonl") -> Iterator[DocumentRecord]:
    """Write each record as it comes and pass it on (the caller counts and reports)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    first = True
    if fmt == "json":
        out.write("[\n")
    for record in records:
        if fmt == "json":
            out.write(("" if first else ",\n") + dumps(record))
        else:
            out.write(dumps(record) + "\n")
        first = False
        yield record
    if fmt == "json":
        out.write("\n]\n")


def output_path(out: str | None, fmt: str) -> Path | None:
    """`-o out/` (an existing folder or a name ending in /) gets `extracted.<fmt>` inside."""
    if out is None or out == "-":
        return None
    path = Path(out)
    if out.endswith("/") or path.is_dir():
        path.mkdir(parents=True, exist_ok=True)
        return path / f"extracted.{fmt}"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
