"""Sources: what `extract` reads, as one stream of documents in a stable order.

    inputs = open_inputs(["news/", "data/**/*.html", "feed.jsonl", "-"], Reading(text_column="body"))
    for item in items(inputs):      # paths (read by the workers) and Documents, lazily
        ...

An input is a file or a folder (recursively: its text files and HTML pages), a
shell-style pattern (`"data/**/*.txt"`, for a shell that does not expand it), `-` for
stdin (one plain-text document, or JSON lines with `--stdin-format jsonl`), or a table
of many documents: `.jsonl`/`.ndjson`, `.csv`/`.tsv` or `.parquet`, one document per
row, with its text, id and date in columns named by `Reading`. Tables are read row by
row, never whole (a Parquet file in record batches: one row group in memory); each row
becomes a Document whose `source` is `<file>#<row>` (a stable key for resuming), whose
id is the id column's value (else `<file stem>:<row>`), and whose date is the date
column's (without `--date-column`: the first of `date`, `published`, `pub_date` the row
has, as `id` is found; not ISO 8601: a note, no date, see `_date`). Rows are numbered
from 1: lines of a JSONL file (blank ones count, so `sed -n Np` finds them), records
of a CSV after its header, rows of a Parquet file.

A row that cannot be used (not JSON, no text, a text that is not a string, "empty text"
as for a file) becomes an error record saying why, never a crash and never a gap; an
input that cannot be used at all (a missing column, a pattern matching nothing, a
JSONL/CSV file that is not text) raises `InputError` before anything is written. JSONL and CSV files are decoded in
the encoding found in their first megabyte (UTF-8 ± BOM, UTF-16/32 by their BOM,
windows-1251, KOI8-R, as `read.decode` does for a file), recorded in each row's record;
bytes that do not decode are replaced and reported in the row's errors. Damage stays
with the rows it touches, and each says so: a NUL byte is read as a space (a file is
binary only with over 16 NULs and 1 % of its first megabyte); a lone surrogate in an
id or a text (a JSON escape such as "\udfff", which no UTF-8 output can carry) becomes
U+FFFD; an unreadable Parquet row group gives an error record for each of its rows
(counted in the metadata), a Parquet file without readable metadata one; a stray CSV
quote, an error record for its first line, the lines after it read again (`csvfile.py`).

Folders and `**` patterns are walked by `read.walk`, not `glob` (which follows link
loops): each real file once per input, link loops and unreadable folders as error
records. Only regular files are opened (else: "not a regular file"). A file whose name
is not UTF-8 is read here: its record's source is the name as valid text
(`read.display`), which the journal matches by.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any, Callable

from ..document import Document
from ..records import ErrorInfo
from .csvfile import CsvReader, DecodedLines
from .read import (
    LOOP, MAX_BYTES, DecodeError, bom_encoding, decode, display, document_from_bytes, empty_text, failed, folder_items, glob_magic,
    is_regular, is_text, loops, pattern_matches, problem_once, read_file, valid_text,
)

SAMPLE_BYTES = 1 << 20  # read to detect a table's encoding
BATCH_ROWS = 256  # Parquet rows per record batch
PEEK_ROWS = 100  # JSON lines read to find the columns
MAX_FIELD = 2**31 - 1  # the csv module's default (128 KiB) cuts long articles
MAX_NUL = 0.01  # share of NUL bytes in a table's first megabyte still read as text (NUL as a space) ...
FEW_NUL = 16  # ... or this many, whatever the share (a small file); binary files have NULs everywhere
DATE_COLUMNS = ("date", "published", "pub_date")  # a row's date without --date-column: the first of them it has
STDIN = "-"
STDIN_LABEL = "<stdin>"
MISSING = object()


class InputError(ValueError):
    """An input that cannot be read at all: the run does not start."""


@dataclass(frozen=True)
class Reading:
    """How tables and stdin are read: which columns hold what."""

    text_column: str = "text"
    id_column: str | None = None  # None: "id" when the table has it, else <stem>:<row>
    date_column: str | None = None  # publication dates (ISO), one per row; None: the first of DATE_COLUMNS a row has
    stdin_format: str = "text"  # text | jsonl

    def identity(self) -> dict[str, Any]:
        """The settings that differ from the defaults (what makes two runs differ)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) != f.default}


class Input(ABC):
    @abstractmethod
    def items(self) -> Iterator[Path | Document]:
        """Paths (read where the extraction runs) or Documents, in order, lazily."""

    def count(self) -> int | None:
        """How many documents `items` yields; None when it cannot be known ahead (stdin)."""
        return None

    def check(self) -> None:
        """Raise InputError if the input cannot be read at all."""

    def files(self) -> list[Path]:
        """The files it reads."""
        return []


@dataclass
class Files(Input):
    """Files read one document each (text or HTML), as paths: the workers read them; and
    the error documents of a folder (one that cannot be read, a link loop)."""

    paths: list[Path | Document]

    def items(self) -> Iterator[Path | Document]:
        for item in self.paths:
            if isinstance(item, Path) and not is_text(str(item)):
                yield read_file(item)  # read here: its record's source is not its path, and the journal must see that source
            else:
                yield item

    def files(self) -> list[Path]:
        return [item for item in self.paths if isinstance(item, Path)]

    def count(self) -> int:
        return len(self.paths)


class StdinText(Input):
    """All of stdin as one document, "stdin"."""

    def items(self) -> Iterator[Document]:
        yield document_from_bytes("stdin", sys.stdin.buffer.read(), None)

    def count(self) -> int:
        return 1


# -- tables -----------------------------------------------------------------------------


@dataclass
class Row:
    number: int  # from 1
    values: Any = None  # the row's values by column; None when the row could not be read
    problem: str | None = None  # why it could not be read
    damaged: bool = False  # bytes that did not decode were replaced
    nul: bool = False  # NUL bytes were read as spaces


class Table(Input):
    """A file of many documents, one per row."""

    def __init__(self, path: Path | None, reading: Reading, label: str | None = None) -> None:
        self.path = path
        self.reading = reading
        self.label = label or display(str(path))[0]  # a part of every source: valid text
        self.stem = Path(self.label).stem if path is not None else "stdin"
        self.encoding: str | None = None

    @abstractmethod
    def rows(self) -> Iterator[Row]: ...

    def files(self) -> list[Path]:
        return [self.path] if self.path is not None else []

    def columns(self) -> list[str] | None:
        """The column names, when they can be known before reading the rows."""
        return None

    def check(self) -> None:
        names = self.columns()
        if names is not None:
            self.require(names)

    def require(self, names: Iterable[str]) -> None:
        names = list(names)
        wanted = [("--text-column", self.reading.text_column), ("--id-column", self.reading.id_column), ("--date-column", self.reading.date_column)]
        missing = [f"{name!r} ({option})" for option, name in wanted if name is not None and name not in names]
        if missing:
            raise InputError(f"{self.label} has no column {', '.join(missing)}; its columns: {', '.join(map(str, names)) or 'none'}")

    def items(self) -> Iterator[Document]:
        return map(self.document, self.rows())

    def document(self, row: Row) -> Document:
        values = row.values if isinstance(row.values, dict) else {}
        doc_id = self.row_id(values, row.number)
        doc = Document(id=valid_text(doc_id), text="", source=f"{self.label}#{row.number}", encoding=self.encoding)
        if not is_text(doc_id):
            doc.errors.append(ErrorInfo("read", "lone surrogates in the id replaced by U+FFFD"))
        text = values.get(self.reading.text_column, MISSING)
        problem = row.problem or self.unusable(text)
        if problem is not None:
            doc.failed = True
            doc.errors.append(ErrorInfo("read", problem))
            return doc
        doc.text = valid_text(text)
        if not is_text(text):
            doc.errors.append(ErrorInfo("read", "lone surrogates in the text replaced by U+FFFD (one for one: offsets are kept)"))
        if row.damaged:
            doc.errors.append(ErrorInfo("read", f"bytes that are not {self.encoding} replaced by U+FFFD"))
        if row.nul:
            doc.errors.append(ErrorInfo("read", "NUL bytes read as spaces"))
        column, value = self.row_date(values)
        doc.date = _date(value)
        if doc.date is None and value not in (None, ""):
            doc.errors.append(ErrorInfo("read", f"date {value!r} in column {column!r} is not an ISO date: ignored"))
        return doc

    def row_date(self, values: dict) -> tuple[str | None, Any]:
        """The column of a row's date and its value: `--date-column`'s, else the first of DATE_COLUMNS holding one."""
        names = [self.reading.date_column] if self.reading.date_column else [c for c in DATE_COLUMNS if values.get(c) not in (None, "")]
        return (names[0], values.get(names[0])) if names else (None, None)

    def unusable(self, text: Any) -> str | None:
        """Why a row's text cannot be extracted, if it cannot."""
        column = self.reading.text_column
        if text is MISSING:
            return f"no column {column!r} in this row"
        if not isinstance(text, str):
            return f"column {column!r} holds {_kind(text)}, not text"
        if len(text) > MAX_BYTES:
            return f"text too large: {len(text)} characters (limit {MAX_BYTES})"
        return empty_text(text)  # "empty text", as a file with nothing in it

    def row_id(self, values: dict, number: int) -> str:
        value = values.get(self.reading.id_column or "id")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value) if value not in (None, "") else f"{self.stem}:{number}"


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _date(value: Any) -> dt.date | None:
    """A date column's value as a date: a date, a datetime (its day as written), ISO 8601 text. Else (25.09.2024,
    "вчера", a number, 2024-02-30) None: a bad date is no reason to lose the text, so the row is extracted without
    a date of its own (`--date`'s, or inferred), its record's errors saying "... is not an ISO date: ignored"."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return dt.datetime.fromisoformat(value.strip()).date()
        except ValueError:
            return None
    return None


class TextTable(Table):
    """A table in a text file (JSONL, CSV), decoded in the encoding of its first megabyte,
    or in a byte stream (stdin: UTF-8)."""

    def __init__(self, path: Path | None, reading: Reading, label: str | None = None, stream: IO[bytes] | None = None) -> None:
        super().__init__(path, reading, label)
        self.stream = stream
        if stream is not None:
            self.encoding = "utf-8"

    def check(self) -> None:
        if self.path is not None:
            self.encoding = self._sniff()
        super().check()

    def _sniff(self) -> str:
        try:
            with self.path.open("rb") as handle:
                sample = handle.read(SAMPLE_BYTES)
            if bom_encoding(sample) is None and sample.count(0) <= max(FEW_NUL, MAX_NUL * len(sample)):
                sample = sample.replace(b"\x00", b" ")  # a stray NUL is a damaged row, not a binary file
            return decode(sample).encoding
        except OSError as exc:
            raise InputError(f"{self.label}: cannot read: {exc.strerror or exc}") from None
        except DecodeError as exc:
            raise InputError(f"{self.label}: {exc}") from None

    @contextmanager
    def lines(self) -> Iterator[DecodedLines]:
        if self.stream is not None:
            yield DecodedLines(self.stream, "utf-8")
            return
        self.encoding = self.encoding or self._sniff()
        with self.path.open("rb") as handle:
            yield DecodedLines(handle, self.encoding)


class JsonLines(TextTable):
    """JSON objects, one per line. Its columns are those of its first rows: a column that
    none of them has is missing; one that only some lack makes error records of those."""

    def __init__(self, path: Path | None, reading: Reading, label: str | None = None, stream: IO[bytes] | None = None) -> None:
        super().__init__(path, reading, label, stream)
        self.head: list[Row] = []  # stdin cannot be read twice: its first rows, kept from `check`
        self.rest: Iterator[Row] | None = None

    def columns(self) -> list[str] | None:
        if self.path is None:
            self.rest = self.rows()
            self.head = list(islice(self.rest, PEEK_ROWS))
            return _keys(self.head)
        return _keys(islice(self.rows(), PEEK_ROWS))

    def items(self) -> Iterator[Document]:
        if self.path is not None:
            return map(self.document, self.rows())
        if self.rest is None:
            self.check()
        return map(self.document, chain(self.head, self.rest))

    def rows(self) -> Iterator[Row]:
        with self.lines() as lines:
            seen = nul = 0
            for number, line in enumerate(lines, 1):
                damaged, seen = lines.damaged > seen, lines.damaged
                with_nul, nul = lines.nul > nul, lines.nul
                if not line.strip():
                    continue
                try:
                    values = json.loads(line)
                except ValueError as exc:
                    yield Row(number, problem=f"not JSON: {exc}")
                    continue
                if not isinstance(values, dict):
                    yield Row(number, problem=f"a JSON {_kind(values)}, not an object")
                    continue
                yield Row(number, values, damaged=damaged, nul=with_nul)

    def count(self) -> int | None:
        if self.path is None:
            return None
        with self.lines() as lines:  # decoded, as `rows` sees them (UTF-16, blank lines)
            return sum(1 for line in lines if line.strip())


def _keys(rows: Iterable[Row]) -> list[str] | None:
    """The columns seen in these rows; None when none of them could be read."""
    dicts = [row.values for row in rows if isinstance(row.values, dict)]
    return list(dict.fromkeys(chain.from_iterable(dicts))) if dicts else None


class Csv(TextTable):
    def __init__(self, path: Path, reading: Reading, delimiter: str = ",") -> None:
        super().__init__(path, reading)
        self.delimiter = delimiter
        csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD))

    def columns(self) -> list[str]:
        with self.lines() as lines:
            return next(csv.reader(lines, delimiter=self.delimiter), [])

    def rows(self) -> Iterator[Row]:
        with self.lines() as lines:
            reader = CsvReader(lines, self.delimiter, self.reading.id_column, self.reading.text_column)
            for record in reader:  # a short row lacks its last columns
                yield Row(record.number, dict(zip(reader.header, record.cells)), record.problem, record.damaged, record.nul)

    def count(self) -> int:
        return sum(1 for _ in self.rows())  # as `rows` takes broken records apart


class Parquet(Table):
    def __init__(self, path: Path, reading: Reading) -> None:
        super().__init__(path, reading)
        self.encoding = "utf-8"  # Parquet strings are UTF-8 by definition

    def _file(self) -> Any:
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            return pq.ParquetFile(self.path)
        except (OSError, pa.ArrowException) as exc:
            raise InputError(f"{self.label}: not a readable Parquet file ({exc})") from None

    def columns(self) -> list[str] | None:
        try:
            return list(self._file().schema_arrow.names)
        except InputError:
            return None  # unreadable: one error record (`items`), not a refused run

    def count(self) -> int:
        try:
            return self._file().metadata.num_rows
        except InputError:
            return 1

    def items(self) -> Iterator[Document]:
        try:
            file = self._file()
        except InputError as exc:
            yield failed(self.stem, self.label, str(exc))
            return
        yield from map(self.document, self.rows(file))

    def rows(self, file: Any = None) -> Iterator[Row]:
        import pyarrow as pa

        file = file if file is not None else self._file()
        names = set(file.schema_arrow.names)
        wanted = dict.fromkeys([self.reading.text_column, self.reading.id_column or "id", *([self.reading.date_column] if self.reading.date_column else DATE_COLUMNS)])
        columns = [c for c in wanted if c in names]
        groups = file.metadata.num_row_groups
        number = 0
        for group in range(groups):
            size, done = file.metadata.row_group(group).num_rows, 0
            try:
                for batch in file.iter_batches(batch_size=BATCH_ROWS, row_groups=[group], columns=columns):
                    for values in batch.to_pylist():
                        done += 1
                        yield Row(number + done, values)
            except (OSError, ValueError, pa.ArrowException) as exc:  # a damaged group: its rows are known by number
                problem = f"row group {group + 1} of {groups} cannot be read: {' '.join(str(exc).split())}"
                for k in range(done, size):
                    yield Row(number + k + 1, problem=problem)
            number += max(size, done)


# -- the inputs of a run ----------------------------------------------------------------


TABLES: dict[str, Callable[[Path, Reading], Table]] = {
    ".jsonl": JsonLines,
    ".ndjson": JsonLines,
    ".csv": Csv,
    ".tsv": lambda path, reading: Csv(path, reading, delimiter="\t"),
    ".parquet": Parquet,
}


def _of_path(path: Path, reading: Reading, seen: set[str]) -> list[Input]:
    """The input a path is; none when `seen` (the real paths this input has listed) has it."""
    if path.is_dir():
        return [Files(folder_items(path, seen))]
    if loops(path):  # an error record, and not a path: no one should resolve it
        return [Files(problem_once(path, LOOP, seen))]
    real = os.path.realpath(path)
    if real in seen:
        return []
    seen.add(real)
    table = TABLES.get(path.suffix.lower())
    # a missing file, a pipe: an error record (a pipe is not opened, it would block)
    return [table(path, reading) if table and is_regular(path) else Files([path])]


def _pattern(name: str, reading: Reading) -> list[Input]:
    """What a pattern matches, in path order (folders that cannot be read, link loops
    met on the way among them), each real file once."""
    matches = pattern_matches(name)
    if not matches:
        raise InputError(f"no file matches {name!r}")
    seen: set[str] = set()
    found: list[Input] = []
    for path, problem in matches:
        found += _of_path(path, reading, seen) if problem is None else [Files(problem_once(path, problem, seen))]
    return found


def _stdin(reading: Reading) -> Input:
    if reading.stdin_format == "jsonl":
        return JsonLines(None, reading, STDIN_LABEL, stream=sys.stdin.buffer)
    return StdinText()


def open_inputs(names: Iterable[str], reading: Reading = Reading()) -> list[Input]:
    """The inputs named on the command line, checked: InputError if one cannot be read."""
    inputs: list[Input] = []
    names = list(names)
    if names.count(STDIN) > 1:
        raise InputError("stdin ('-') can be read only once")
    for name in names:
        if name == STDIN:
            inputs.append(_stdin(reading))
        elif glob_magic(name) and not os.path.lexists(name):
            inputs += _pattern(name, reading)
        else:
            inputs += _of_path(Path(name), reading, set())
    for found in inputs:
        found.check()
    return inputs


def items(inputs: Iterable[Input]) -> Iterator[Path | Document]:
    return chain.from_iterable(found.items() for found in inputs)


def count(inputs: Iterable[Input]) -> int | None:
    """How many documents the inputs hold (a pass over each table); None with stdin."""
    total = 0
    for found in inputs:
        number = found.count()
        if number is None:
            return None
        total += number
    return total
