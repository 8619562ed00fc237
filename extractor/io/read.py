"""Read: files and folders to documents, with the encoding detected and recorded.

A text file is one document, as decoded. An HTML page (`.html`, `.htm`) is one
document holding the page's main text, found by trafilatura (boilerplate, menus and
comments left out); the record's offsets then refer to that text, so the record keeps
it (`text`, see `is_page`), and the publication date in the page's markup becomes the
document date. Files of many documents (JSONL, CSV, Parquet) are read in `sources.py`.

Bad input never stops a batch: a file that cannot be decoded becomes a document
that carries an error and no text, so it still appears in the output.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..document import Document
from ..records import ErrorInfo

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm"}
DOCUMENT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES  # what a folder yields: one document per file
MAX_BYTES = 50_000_000  # larger files are almost surely not one article
MAX_BAD_UTF8 = 0.01  # share of undecodable bytes still read as damaged UTF-8
SINGLE_BYTE = ("cp1251", "koi8_r")
FREQUENT = set("оеаинтсрвлкмдпу")  # the most frequent Russian letters, lower case
# a page's own charset, trusted when it names a single-byte Cyrillic one (valid UTF-8 wins):
# the letter statistics below see little of a page whose head is kilobytes of scripts
CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)|<\?xml[^>]*?encoding\s*=\s*["']([-\w.:]+)""", re.I)
CHARSET_NAMES = {"cp1251": "cp1251", "windows-1251": "cp1251", "koi8-r": "koi8_r", "koi8_r": "koi8_r"}
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")  # lxml refuses it in a str
# publication dates from the markup only (meta tags, <time>, the URL): a year in the text is no date
PAGE_DATES = {"extensive_search": False, "original_date": True}


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


def decode_html(data: bytes) -> Decoded:
    """`decode`, but a page that is not UTF-8 is read in the Cyrillic charset it declares."""
    found = CHARSET.search(data[:8192])
    declared = CHARSET_NAMES.get((found.group(1) or found.group(2)).decode("ascii").lower()) if found else None
    if declared and not looks_binary(data) and not data.startswith(b"\xef\xbb\xbf"):
        try:
            return Decoded(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
        try:
            return Decoded(data.decode(declared), declared)
        except UnicodeDecodeError:  # cp1251 leaves one byte undefined: not what it says
            pass
    return decode(data)


@dataclass
class Page:
    text: str  # the main text
    date: dt.date | None  # the publication date stated in the markup


def page_of(html: str) -> Page:
    """The main text and date of an HTML page (or fragment), offline, by trafilatura."""
    import lxml.html
    from lxml.etree import ParserError

    markup = XML_DECLARATION.sub("", html, count=1)
    if not markup.strip():
        return Page("", None)
    try:
        tree = lxml.html.document_fromstring(markup)  # takes fragments too, unlike trafilatura's own parsing
    except ParserError:  # nothing but comments or blanks
        return Page("", None)
    import trafilatura

    found = trafilatura.bare_extraction(tree, include_comments=False, with_metadata=True, date_extraction_params=PAGE_DATES)
    if found is None:
        return Page("", None)
    try:
        date = dt.date.fromisoformat(found.date) if found.date else None
    except ValueError:
        date = None
    return Page(found.text or "", date)


def document_from_bytes(doc_id: str, data: bytes, source: str | None, html: bool = False) -> Document:
    if len(data) > MAX_BYTES:
        return failed(doc_id, source, f"file too large: {len(data)} bytes (limit {MAX_BYTES})")
    try:
        decoded = decode_html(data) if html else decode(data)
    except DecodeError as exc:
        return failed(doc_id, source, str(exc))
    doc = Document(id=doc_id, text=decoded.text, source=source, encoding=decoded.encoding)
    if decoded.warning:
        doc.errors.append(ErrorInfo("read", decoded.warning))
    if html:
        try:
            page = page_of(decoded.text)
        except Exception as exc:  # noqa: BLE001 - a page the parser cannot take is this document's failure alone
            return failed(doc_id, source, f"cannot read the page: {type(exc).__name__}: {exc}")
        doc.text, doc.date = page.text, page.date
        if not page.text.strip():
            doc.errors.append(ErrorInfo("read", "no main text found in the page"))
    return doc


def is_page(source: str | None) -> bool:
    """Whether a document's text was taken out of an HTML page (its record then keeps the text)."""
    return source is not None and Path(source).suffix.lower() in HTML_SUFFIXES


def failed(doc_id: str, source: str | None, message: str) -> Document:
    doc = Document(id=doc_id, text="", source=source, failed=True)
    doc.errors.append(ErrorInfo("read", message))
    return doc


def read_file(path: Path) -> Document:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return failed(path.stem, str(path), f"cannot read: {exc.strerror or exc}")
    return document_from_bytes(path.stem, data, str(path), html=path.suffix.lower() in HTML_SUFFIXES)


def folder_files(folder: Path) -> list[Path]:
    """The text files and pages inside a folder, recursively, sorted: a stable order."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and not p.name.startswith("."))


def expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and the text files and pages inside folders."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from folder_files(path)
        else:
            yield path  # a missing file becomes an error record, not a crash


def read_paths(paths: Iterable[str | Path]) -> Iterator[Document]:
    for path in expand(paths):
        yield read_file(path)
