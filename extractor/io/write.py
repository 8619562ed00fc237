"""Write: records to JSONL (one document per line) or one JSON array; read them back."""
from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import IO, Any

from ..records import Block, DocumentRecord, Entity, ErrorInfo, Event, Fact, Official, Participant, Person
from . import formats

try:
    import orjson
except ImportError:  # an install without it: json alone, the same bytes
    orjson = None


# line breaks to str.splitlines() that json.dumps leaves raw when ensure_ascii=False:
# escaped, so a JSONL record stays one line for every reader
_RAW_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
FLOAT_FIELDS = ("value", "low", "high")  # the record's only floats, all in Fact (tests/io/test_write.py checks)
_OMITTED = tuple(f.name for f in fields(DocumentRecord) if f.metadata.get("omit_none"))


def dumps(record: DocumentRecord) -> str:
    """The record as one JSON line: `json.dumps(record.to_dict(), ensure_ascii=False)`, the
    line breaks of `_RAW_BREAKS` escaped."""
    data = _plain(record) if orjson is not None else None
    line = json.dumps(record.to_dict() if data is None else data, ensure_ascii=False)
    if "\x85" in line or "\u2028" in line or "\u2029" in line:  # translate() maps every character: 40x slower than the look
        line = line.translate(_RAW_BREAKS)
    return line


def _plain(record: DocumentRecord) -> dict[str, Any] | None:
    """`record.to_dict()` by way of orjson, 8x faster than `dataclasses.asdict`, or None where
    the two could differ. orjson's own output cannot be written as it is (no spaces after
    "," and ":", floats as "1e16" where json writes "1e+16"), so json writes what it read
    back: the same keys in the same order, the same strings, ints and floats (both write
    the shortest repr that reads back to the same float). It differs on NaN and infinities
    (null), so a record with one goes the slow way; what orjson refuses (a string with a
    lone surrogate, an int over 64 bits, a key that is not a string) does too."""
    try:
        if not all(math.isfinite(x) for fact in record.facts for name in FLOAT_FIELDS if (x := getattr(fact, name)) is not None):
            return None
        data = orjson.loads(orjson.dumps(record))
    except (TypeError, ValueError):  # orjson.JSONEncodeError is a TypeError, JSONDecodeError a ValueError
        return None
    for name in _OMITTED:
        if data[name] is None:
            del data[name]
    return data


def write_records(records: Iterable[DocumentRecord], out: IO[str], fmt: str = "jsonl") -> Iterator[DocumentRecord]:
    """Write each record as it comes and pass it on (the caller counts and reports)."""
    writer = LineWriter(out, fmt)
    for record in records:
        writer.write(dumps(record))
        yield record
    writer.close()


class LineWriter:
    """Records already serialised (one JSON object per string, no newline) to JSONL or a JSON array."""

    def __init__(self, out: IO[str], fmt: str = "jsonl") -> None:
        formats.get(fmt, "record")
        self.out, self.fmt, self.first = out, fmt, True
        if fmt == "json":
            out.write("[\n")

    def write(self, line: str) -> None:
        if self.fmt == "json":
            self.out.write(("" if self.first else ",\n") + line)
        else:
            self.out.write(line + "\n")
        self.first = False

    def close(self) -> None:
        """Ends the JSON array (the stream itself stays open)."""
        if self.fmt == "json":
            self.out.write("\n]\n")


def jsonl_to_json(source: Path, target: Path) -> None:
    """A complete JSONL file as one JSON array, written next to `target` and renamed onto it (the temporary file removed should it fail)."""
    partial = target.with_name(target.name + ".tmp")
    try:
        with source.open(encoding="utf-8") as lines, partial.open("w", encoding="utf-8") as out:
            writer = LineWriter(out, "json")
            for line in lines:
                if line.endswith("\n"):
                    writer.write(line[:-1])
            writer.close()
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)  # left only when it failed: never a stray temporary file


def _make(cls: type, data: dict[str, Any], **converted: Any) -> Any:
    known = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in known}, **converted)


def _span(value: Any) -> tuple[int, int] | None:
    return None if value is None else (value[0], value[1])


def record_from_dict(data: dict[str, Any]) -> DocumentRecord:
    """The DocumentRecord of a JSON object written by `dumps` (spans back to tuples)."""
    nested = {"blocks", "sentences", "entities", "persons", "officials", "facts", "events", "errors"}
    return _make(
        DocumentRecord,
        {k: v for k, v in data.items() if k not in nested},
        blocks=[_make(Block, b) for b in data.get("blocks", ())],
        sentences=[_span(s) for s in data.get("sentences", ())],
        entities=[_make(Entity, e) for e in data.get("entities", ())],
        persons=[
            _make(Person, {**p, **{k: [_span(m) for m in p.get(k, ())] for k in ("mentions", "role_mentions", "pronoun_mentions", "occupation_spans")}})
            for p in data.get("persons", ())
        ],
        officials=[
            _make(Official, {**o, "person_spans": [_span(s) for s in o["person_spans"]], "position_span": _span(o["position_span"])})
            for o in data.get("officials", ())
        ],
        facts=[
            _make(Fact, {**f, "sentence": _span(f["sentence"]), "indicator_span": _span(f.get("indicator_span"))})
            for f in data.get("facts", ())
        ],
        events=[
            _make(Event, {
                **e,
                "sentence": _span(e["sentence"]),
                "date_span": _span(e.get("date_span")),
                "place_span": _span(e.get("place_span")),
                "participants": [_make(Participant, {**p, "span": _span(p["span"])}) for p in e.get("participants", ())],
            })
            for e in data.get("events", ())
        ],
        errors=[_make(ErrorInfo, e) for e in data.get("errors", ())],
    )


def output_path(out: str | None, fmt: str) -> Path | None:
    """`-o out/` (an existing folder or a name ending in /) gets `extracted.<fmt>` inside."""
    if out is None or out == "-":
        return None
    path = Path(out)
    if out.endswith("/") or path.is_dir():
        path.mkdir(parents=True, exist_ok=True)
        return path / f"extracted{formats.get(fmt, 'record').suffix}"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
