"""Read: files and folders to documents, with the encoding detected and recorded.

Bad input never stops a batch: a file that cannot be decoded becomes a document
that carries an error and no text, so it still appears in the output.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .document import Document
from .records import ErrorInfo

TEXT_SUFFIXES = {".txt", ".text", ""}
MAX_BYTES = 50_000_000  # larger files are almost surely not one article
MAX_BAD_UTF8 = 0.01  # share of undecodable bytes still read as damaged UTF-8
SINGLE_BYTE = ("cp1251", "koi8_r")
FREQUENT = set("оеаинтсрвлкмдпу")  # the most frequent Russian letters, lower case


@dataclass
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


class DecodeError(ValueError):
    pass


def looks_binary(data: bytes) -> bool:
    head = data[:65536]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > 0.05 * len(head)


def cyrillic_score(text: str) -> float:
    """Share of frequent lower-case Russian letters: KOI8-R read as cp1251 (or the
    reverse) swaps the case of every letter and scores near zero."""
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    return sum(ch in FREQUENT for ch in letters) / len(letters) if letters else 0.0


def decode(data: bytes) -> Decoded:
    if looks_binary(data):
        raise DecodeError("binary file: not text")
    if data.startswith(b"\xef\xbb\xbf"):
        return Decoded(data[3:].decode("utf-8", errors="replace"), "utf-8-sig")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = data.decode("utf-8", errors="replace")
    bad = damaged.count("\ufffd")
    multibyte = sum(1 for b in data if b >= 0xC0)
    if bad <= MAX_BAD_UTF8 * len(data) and multibyte > 2 * bad:
        return Decoded(damaged, "utf-8", f"invalid UTF-8: {bad} byte sequence(s) replaced by U+FFFD")
    best = max(SINGLE_BYTE, key=lambda enc: cyrillic_score(data.decode(enc, errors="replace")))
    return Decoded(data.decode(best, errors="replace"), best)


def document_from_bytes(doc_id: str, data: bytes, source: str | None) -> Document:
    if len(data) > MAX_BYTES:
        return failed(doc_id, source, f"file too large: {len(data)} bytes (limit {MAX_BYTES})")
    try:
        decoded = decode(data)
    except DecodeError as exc:
        return failed(doc_id, source, str(exc))
    doc = Document(id=doc_id, text=decoded.text, source=source, encoding=decoded.encoding)
    if decoded.warning:
        doc.errors.append(ErrorInfo("read", decoded.warning))
    return doc


def failed(doc_id: str, source: str | None, message: str) -> Document:
    doc = Document(id=doc_id, text="", source=source, failed=True)
    doc.errors.append(ErrorInfo("read", message))
    return doc


def read_file(path: Path) -> Document:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return failed(path.stem, str(path), f"cannot read: {exc.strerror or exc}")
    return document_from_bytes(path.stem, data, str(path))


def expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and the text files inside folders (recursively, sorted: stable order)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES and not p.name.startswith("."))
        else:
            yield path  # a missing file becomes an error record, not a crash


def read_paths(paths: Iterable[str | Path]) -> Iterator[Document]:
    for path in expand(paths):
        yield read_file(path)
