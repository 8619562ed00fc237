"""Read: files and folders to documents, with the encoding detected and recorded.

A text file is one document, as decoded. An HTML page (`.html`, `.htm`) is one
document holding the page's main text, found by trafilatura (boilerplate, menus and
comments left out); the record's offsets then refer to that text, so the record keeps
it (`text`, see `is_page`), and the publication date in the page's markup becomes the
document date. Files of many documents (JSONL, CSV, Parquet) are read in `sources.py`.

Bad input never stops a batch: a file that cannot be read or decoded becomes a document
that carries an error and no text, so it still appears in the output. In particular:

- a file with nothing to read (empty, only whitespace, a page without main text) is a
  failed document, "empty text" (`without_text`; `sources.py` does the same for a row);
  the pipeline's own `extract("")` is left as it is, a record with nothing in it;

- only regular files are opened: a named pipe, a device or a socket is refused ("not a
  regular file") before it could block the run;
- UTF-16 and UTF-32 files are read by their byte-order mark (LE or BE, recorded);
- a file name that is not UTF-8 (a windows-1251 name copied from Windows, which Python
  holds as surrogate escapes) is read by its real name; the document's id and source
  are valid text: each such part of the path decoded as windows-1251 when all its
  non-ASCII bytes are Cyrillic letters there, else with U+FFFD, and the record says so;
- a page whose main text trafilatura cannot find (nested too deep, say) keeps its
  plain text, and the record says so (`pages.py`);
- folders are walked by `walk`: each real file once (by resolved path), symbolic links
  to folders followed unless they point to a folder they are in (that link becomes one
  error record), and a folder that cannot be listed becomes an error record naming it.
"""
from __future__ import annotations

import errno
import fnmatch
import glob
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..document import Document
from ..records import ErrorInfo
from .pages import page_of

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
# byte-order marks, the longer first (a UTF-32-LE mark begins like a UTF-16-LE one)
BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
CP1251_LETTERS = set(range(0xC0, 0x100)) | {0xA8, 0xB8}  # А-я, Ё, ё


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


def bom_encoding(data: bytes) -> str | None:
    """The UTF-16/32 encoding a byte-order mark names (UTF-8's is handled by `decode`)."""
    return next((encoding for bom, encoding in BOMS if data.startswith(bom)), None)


def decode(data: bytes) -> Decoded:
    wide = bom_encoding(data)
    if wide is not None:  # before the binary test: UTF-16 text is full of NUL bytes
        body = data[4 if "32" in wide else 2:]
        try:
            return Decoded(body.decode(wide), wide)
        except UnicodeDecodeError:
            text = body.decode(wide, errors="replace")
            return Decoded(text, wide, f"invalid {wide.upper()}: {text.count(chr(0xFFFD))} sequence(s) replaced by U+FFFD")
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
        if page.note:
            doc.errors.append(ErrorInfo("read", page.note))
    return without_text(doc, "no main text found in the page" if html else None)


def empty_text(text: str, why: str | None = None) -> str | None:
    """Why a text is empty ("empty text", and how), or None when it has something to read."""
    if text.strip():
        return None
    return f"empty text: {why}" if why else "empty text" if not text else "empty text: only whitespace"


def without_text(doc: Document, why: str | None = None) -> Document:
    """A document whose text is empty or whitespace, failed ("empty text"): nothing in it to extract."""
    problem = empty_text(doc.text, why)
    if problem is not None:
        doc.text, doc.failed = "", True
        doc.errors.append(ErrorInfo("read", problem))
    return doc


def is_page(source: str | None) -> bool:
    """Whether a document's text was taken out of an HTML page (its record then keeps the text)."""
    return source is not None and Path(source).suffix.lower() in HTML_SUFFIXES


def failed(doc_id: str, source: str | None, message: str) -> Document:
    doc = Document(id=doc_id, text="", source=source, failed=True)
    doc.errors.append(ErrorInfo("read", message))
    return doc


# -- text that can be written: no lone surrogates -------------------------------------


def is_text(value: str) -> bool:
    """Whether a str can be written as UTF-8: JSON escapes ("\udfff") and file names that
    are not UTF-8 (surrogate escapes) give lone surrogates, which cannot."""
    return LONE_SURROGATE.search(value) is None


def valid_text(value: str) -> str:
    """Lone surrogates replaced by U+FFFD, one for one: offsets into the text stay the same."""
    return LONE_SURROGATE.sub("\ufffd", value)


def _name_part(part: str) -> tuple[str, str | None]:
    if is_text(part):
        return part, None
    raw = os.fsencode(part)
    if all(b < 0x80 or b in CP1251_LETTERS for b in raw):  # a Russian name from Windows
        return raw.decode("cp1251"), "windows-1251"
    return raw.decode("utf-8", errors="replace"), "U+FFFD"


def display(path: str) -> tuple[str, str | None]:
    """A path as valid text, and what was done when it was not UTF-8 (else None)."""
    if is_text(path):
        return path, None
    parts, how = zip(*(_name_part(part) for part in path.split(os.sep)))
    used = sorted({h for h in how if h})
    said = " and ".join("read as windows-1251" if h == "windows-1251" else "undecodable bytes shown as U+FFFD" for h in used)
    return os.sep.join(parts), f"the file name is not UTF-8: {said}"


# -- files ------------------------------------------------------------------------------


def reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


FILE_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def read_file(path: Path) -> Document:
    source, note = display(str(path))
    doc_id = Path(source).stem
    try:
        info = path.stat()
    except OSError as exc:
        doc = failed(doc_id, source, f"cannot read: {reason(exc)}")
    else:
        if not stat.S_ISREG(info.st_mode):  # a pipe would block the run, a device never end: not opened
            kind = next((name for test, name in FILE_KINDS if test(info.st_mode)), "not a file")
            doc = failed(doc_id, source, f"not a regular file ({kind}): not read")
        elif info.st_size > MAX_BYTES:
            doc = failed(doc_id, source, f"file too large: {info.st_size} bytes (limit {MAX_BYTES})")
        else:
            try:
                data = path.read_bytes()
            except OSError as exc:
                doc = failed(doc_id, source, f"cannot read: {reason(exc)}")
            else:
                doc = document_from_bytes(doc_id, data, source, html=path.suffix.lower() in HTML_SUFFIXES)
    if note:
        doc.errors.insert(0, ErrorInfo("read", note))
    return doc


# -- folders ----------------------------------------------------------------------------


@dataclass
class Tree:
    """What lies below a folder, each real folder visited once."""

    folders: list[Path] = field(default_factory=list)  # below the root, the root left out
    files: list[tuple[Path, bool]] = field(default_factory=list)  # all that is not a folder (pipes, links to nowhere too), and whether it is a link
    problems: list[tuple[Path, str]] = field(default_factory=list)  # folders that cannot be listed, links that loop


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link loop: not a folder (reading it says why)
        return False


def walk(root: Path, descend: Callable[[Path], bool] | None = None) -> Tree:
    """The folders and files below `root`, in name order: the real tree first, then the
    folders that links lead to (so that a file is known by its real path first), each real
    folder once. A link to a folder it is in (or to itself) is a problem, not followed;
    `descend` may leave folders out (a pattern that cannot match below them)."""
    tree = Tree()
    visited = {os.path.realpath(root)}
    links: list[Path] = []

    def visit(folder: Path) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            tree.problems.append((folder, f"cannot read the folder: {reason(exc)}; its files are left out"))
            return
        for entry in entries:
            path = folder / entry.name
            if not _is_folder(entry):
                tree.files.append((path, entry.is_symlink()))
            elif descend is not None and not descend(path):
                continue
            elif entry.is_symlink():
                links.append(path)
            else:
                visited.add(os.path.realpath(path))
                tree.folders.append(path)
                visit(path)

    visit(root)
    while links:
        link = links.pop(0)
        target, parent = os.path.realpath(link), os.path.realpath(link.parent)
        if os.path.commonpath([parent, target]) == target:
            tree.problems.append((link, f"symbolic link loop: {display(str(link))[0]} points to {display(target)[0]}, a folder it is in; not followed"))
        elif target not in visited:  # else its files are listed already
            visited.add(target)
            tree.folders.append(link)
            visit(link)
    return tree


def loops(path: Path) -> bool:
    """Whether a path is a symbolic link loop (a link to itself, or to a link back to it)."""
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


LOOP = "symbolic link loop: it leads back to itself; not followed"


def problem_key(path: Path) -> str:
    """How a folder's problem is known in a `seen` set (next to the real paths of files)."""
    return "problem:" + os.path.abspath(path)


def problem_document(path: Path, message: str) -> Document:
    source, _ = display(str(path))
    return failed(Path(source).name or source, source, message)


def problem_once(path: Path, message: str, seen: set[str]) -> list[Document]:
    """A problem's error document, the first time this input (`seen`) meets it."""
    if problem_key(path) in seen:
        return []
    seen.add(problem_key(path))
    return [problem_document(path, message)]


def is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def is_document(path: Path) -> bool:
    return path.suffix.lower() in DOCUMENT_SUFFIXES and not path.name.startswith(".")


def folder_items(folder: Path, seen: set[str] | None = None) -> list[Path | Document]:
    """The text files and pages inside a folder, recursively, sorted (a stable order),
    each real file once (`seen`: the real paths already listed by this input), and an
    error document for each folder that cannot be read or link that loops."""
    seen = set() if seen is None else seen
    tree = walk(folder)
    found: list[tuple[Path, Path | Document]] = []
    problems = list(tree.problems)
    for path, link in sorted(tree.files, key=lambda file: file[1]):  # stable: real files before links to them
        if link and loops(path):
            problems.append((path, LOOP))
            continue
        real = os.path.realpath(path)
        if is_document(path) and real not in seen:
            seen.add(real)
            found.append((path, path))
    for path, message in problems:
        found += [(path, doc) for doc in problem_once(path, message, seen)]
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def folder_files(folder: Path) -> list[Path]:
    """The text files and pages inside a folder, recursively, sorted: a stable order."""
    return [item for item in folder_items(folder) if isinstance(item, Path)]


def expand(paths: Iterable[str | Path]) -> Iterator[Path | Document]:
    """Files named, and the text files and pages inside folders (and their problems)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from folder_items(path)
        else:
            yield path  # a missing file becomes an error record, not a crash


def read_paths(paths: Iterable[str | Path]) -> Iterator[Document]:
    for item in expand(paths):
        yield item if isinstance(item, Document) else read_file(item)


# -- patterns ---------------------------------------------------------------------------


def _part_matches(pattern: str, name: str) -> bool:
    if name.startswith(".") and not pattern.startswith("."):  # as glob: hidden names only when asked for
        return False
    return fnmatch.fnmatchcase(name, pattern)


def _matches(parts: tuple[str, ...], names: tuple[str, ...], prefix: bool = False) -> bool:
    """Whether `names` match the pattern `parts` (`prefix`: could be the start of a match)."""
    if not names:
        return prefix or all(part == "**" for part in parts)
    if not parts:
        return False
    head, rest = parts[0], parts[1:]
    if head == "**":
        return _matches(rest, names, prefix) or (not names[0].startswith(".") and _matches(parts, names[1:], prefix))
    return _part_matches(head, names[0]) and _matches(rest, names[1:], prefix)


def match_tree(pattern: str) -> tuple[list[Path], list[tuple[Path, str]]]:
    """What a recursive pattern (`**`) matches, sorted as `glob.glob` sorts, found by `walk`
    (glob follows link loops 40 levels deep: each file 41 times), and the problems met."""
    parts = Path(pattern).parts
    fixed = next((k for k, part in enumerate(parts) if glob_magic(part)), len(parts))
    root, rest = Path(*parts[:fixed]) if fixed else Path("."), parts[fixed:]
    if not root.is_dir():
        return [], []
    relative = lambda path: path.relative_to(root).parts  # noqa: E731
    tree = walk(root, descend=lambda path: _matches(rest, relative(path), prefix=True))
    candidates = [root, *tree.folders, *(path for path, _ in tree.files)]
    return sorted((path for path in candidates if _matches(rest, relative(path))), key=str), tree.problems


def pattern_matches(pattern: str) -> list[tuple[Path, str | None]]:
    """What a pattern matches, with the problems met on the way (path, message), in path order."""
    matches, problems = match_tree(pattern) if "**" in pattern else ([Path(m) for m in glob.glob(pattern)], [])
    return sorted([(path, None) for path in matches] + problems, key=lambda pair: str(pair[0]))  # type: ignore[operator]


def glob_magic(part: str) -> bool:
    return any(ch in part for ch in "*?[")
