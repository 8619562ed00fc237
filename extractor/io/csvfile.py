"""CSV files read so that a stray quote shows; the decoded lines of a table (CSV, JSONL).

A stray quote (an opening quote with no closing one) makes the csv module read the
lines after it as one field, silently: rows merged into one text. Here CSV is parsed
strictly (`strict=True`), and the physical lines each record takes are kept, so that a
record can be taken apart again. Two things are detected: (1) the parser's own errors - a quote followed by neither
a delimiter nor a line end, or a quoted field still open at the end of the file;
(2) a quoted field that runs over several lines, one of which, parsed alone, is a
whole row: the header's number of cells, with an id of the same shape as the
record's own (runs of digits and of letters as one class each: "17" and "18", "n1"
and "n2"; the id column, else the first column when it is not the text; no spaces).
(2) needs an id column besides the text; a genuine text with a line that looks like
such a row (an id-shaped word, then just the header's number of delimiters) is
taken for a stray quote, and a stray quote whose swallowed lines hold no such row
goes unseen.
The first line of a broken record (where the stray quote opened) is an error record
saying so; the lines after it are parsed again, as rows of their own.
"""
from __future__ import annotations

import csv
import io
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

MAX_ID = 64  # longer cells are no ids (a line of text that happens to hold a delimiter)


class DecodedLines:
    """The lines of a byte stream as text; a line with bytes that do not decode is
    decoded with replacements and counted in `damaged`, one with NUL bytes has them
    read as spaces and is counted in `nul`, so that its row can say so. UTF-16/32 is
    decoded as a stream (its lines are not split at a byte 10)."""

    def __init__(self, stream: IO[bytes], encoding: str) -> None:
        self.stream, self.encoding, self.damaged, self.nul = stream, encoding, 0, 0

    def _decoded(self) -> Iterator[str]:
        wide = self.encoding.startswith(("utf-16", "utf-32"))
        if wide:  # the codec without -le/-be reads the byte-order mark and drops it
            yield from io.TextIOWrapper(self.stream, self.encoding[:6], errors="replace", newline="")  # type: ignore[arg-type]
            return
        for raw in self.stream:
            try:
                yield raw.decode(self.encoding)
            except UnicodeDecodeError:
                self.damaged += 1
                yield raw.decode(self.encoding, errors="replace")

    def __iter__(self) -> Iterator[str]:
        for line in self._decoded():
            if "\x00" in line:
                self.nul += 1
                line = line.replace("\x00", " ")
            yield line


@dataclass
class Line:
    number: int  # in the file, from 1 (the header's line is 1)
    text: str
    damaged: bool = False
    nul: bool = False


class PhysicalLines:
    """The lines of a CSV file for `csv.reader`, each record's kept (`taken`), and lines
    that can be given back (`again`) to be parsed anew after a broken record."""

    def __init__(self, lines: DecodedLines) -> None:
        self.lines, self.source = lines, iter(lines)
        self.number = 0
        self.pending: deque[Line] = deque()
        self.taken: list[Line] = []

    def __iter__(self) -> PhysicalLines:
        return self

    def __next__(self) -> str:
        if self.pending:
            line = self.pending.popleft()
        else:
            damaged, nul = self.lines.damaged, self.lines.nul
            text = next(self.source)
            self.number += 1
            line = Line(self.number, text, self.lines.damaged > damaged, self.lines.nul > nul)
        self.taken.append(line)
        return line.text

    def again(self, lines: list[Line]) -> None:
        self.pending.extendleft(reversed(lines))


def _shape(cell: str) -> str:
    """An id's shape: runs of digits and of letters as one class each ("n17" → "a9")."""
    return re.sub(r"\d+", "9", re.sub(r"[^\W\d_]+", "a", cell))


@dataclass
class Record:
    number: int  # from 1, after the header
    cells: list[str]
    problem: str | None = None  # why it is not a row (its cells: the first line's, for its id)
    damaged: bool = False  # bytes that did not decode were replaced
    nul: bool = False  # NUL bytes were read as spaces


class CsvReader:
    """The records of a CSV file (after its header), broken ones taken apart."""

    def __init__(self, decoded: DecodedLines, delimiter: str, id_column: str | None, text_column: str) -> None:
        self.lines = PhysicalLines(decoded)
        self.delimiter = delimiter
        self.header: list[str] = next(csv.reader(self.lines, delimiter=delimiter), [])  # leniently, as a table's columns are read
        name = id_column or ("id" if "id" in self.header else self.header[0] if self.header and self.header[0] != text_column else None)
        self.id_at = self.header.index(name) if name in self.header else None

    def _cells(self, text: str) -> list[str]:
        """One physical line parsed alone (leniently: a row with a stray quote of its own is still a row)."""
        return next(csv.reader([text], delimiter=self.delimiter), [])

    def _swallows(self, cells: list[str], taken: list[Line]) -> bool:
        """Whether a record over several lines holds a line that is a row of its own (see the module docstring)."""
        at = self.id_at
        if len(taken) < 2 or len(self.header) < 2 or at is None or at >= len(cells):
            return False
        shape = _shape(cells[at])
        for line in taken[1:]:
            alone = self._cells(line.text)
            if len(alone) == len(self.header):
                cell = alone[at]
                if cell and len(cell) <= MAX_ID and not any(ch.isspace() for ch in cell) and _shape(cell) == shape:
                    return True
        return False

    def __iter__(self) -> Iterator[Record]:
        lines = self.lines
        reader = csv.reader(lines, delimiter=self.delimiter, strict=True)
        number = 0
        while True:
            lines.taken = []
            try:
                cells: list[str] | None = next(reader)
                error = None
            except StopIteration:
                return
            except csv.Error as exc:
                cells, error = None, str(exc)
            taken = lines.taken
            number += 1
            damaged, nul = any(line.damaged for line in taken), any(line.nul for line in taken)
            if cells is not None and not self._swallows(cells, taken):
                yield Record(number, cells, None, damaged, nul)
                continue
            first, last = taken[0].number, taken[-1].number
            if len(taken) == 1:
                problem = f"malformed CSV at line {first}: {error}; this row is not extracted"
            else:
                why = error or "lines in it parse as rows of their own"
                problem = (f"a stray quote at line {first}? lines {first}-{last} parse as one record ({why}); "
                           f"this row is not extracted, the lines after it are read again as rows")
                lines.again(taken[1:])
            yield Record(number, self._cells(taken[0].text), problem, damaged, nul)
