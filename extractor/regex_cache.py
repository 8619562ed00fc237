"""Compiled regular expressions kept between runs, in the user's cache folder.

The grammars of numbers, money and dates compile to a few very long patterns (250,000
characters of alternations); Python's `re` parses and compiles them again in every process,
0.6 s of a 2 s start-up. `compiled_patterns()` keeps the compiled form (the sre code
`re` would build) of each long pattern the pipeline compiles, keyed by the pattern string
and flags themselves, so an edited grammar simply misses and is compiled anew; reading
them back takes 25 ms.

Safe by construction:
- the file is marshal data (no code runs on reading it) named after the interpreter's
  version and its regex engine's magic number, so another Python never reads it;
- an entry is stored only after the pattern it rebuilds compares equal (`re.Pattern.__eq__`
  compares the sre code) to what `re` itself compiled; the regex engine validates code
  again when it is rebuilt;
- anything that goes wrong (no cache folder, an unwritable or damaged file, an interpreter
  whose `re` internals differ) leaves the compilation to `re`, as without a cache.

The folder: $EXTRACTOR_CACHE_DIR, else $XDG_CACHE_HOME/ru-fact-extractor, else
~/.cache/ru-fact-extractor; EXTRACTOR_CACHE_DIR=off turns the cache off.
"""
from __future__ import annotations

import functools
import logging
import marshal
import os
import re
import sys
import threading
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)

MIN_LENGTH = 200  # shorter patterns compile in well under a millisecond: not worth a line of the file
_compiler = getattr(re, "_compiler", None)  # Python 3.11+: where re's own compile() lives
_parser = getattr(re, "_parser", None)
_lock = threading.RLock()  # one patch of re at a time; nested calls share it
F = TypeVar("F", bound=Callable[..., Any])


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off."""
    given = os.environ.get("EXTRACTOR_CACHE_DIR")
    if given is not None:
        return None if given.strip().lower() in ("", "0", "off", "no") else Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ru-fact-extractor"


def cache_file() -> Path | None:
    folder = cache_dir()
    if folder is None or _compiler is None:
        return None
    import _sre

    version = "{}.{}.{}{}{}".format(*sys.version_info)  # a bug fix of re's compiler may change its code: the exact release
    tag = f"{sys.implementation.name}-{version}-{_sre.MAGIC}-{_sre.CODESIZE}"
    return folder / f"regex-{tag}.marshal"


Entry = tuple  # (flags, code as bytes, groups, groupindex, indexgroup): _sre.compile's arguments less the pattern


def _entry(pattern: str, flags: int) -> Entry:
    """What re._compiler.compile passes to _sre.compile, the code as bytes."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (flags | parsed.state.flags, array("I", code).tobytes(), parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _rebuild(pattern: str, entry: Entry) -> re.Pattern:
    import _sre

    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, array("I", code).tolist(), groups, groupindex, indexgroup)


def _read(path: Path) -> dict[tuple[str, int], Entry]:
    try:
        table = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):  # none yet, unreadable or damaged: compile as usual
        return {}
    return table if isinstance(table, dict) else {}


def _write(path: Path, table: dict[tuple[str, int], Entry]) -> None:
    """Written next to its place and renamed onto it: a reader sees the old file or the new one."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, partial = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(marshal.dumps(table))
            os.replace(partial, path)
        finally:
            if os.path.exists(partial):
                os.unlink(partial)
    except OSError as exc:  # a read-only home, a full disk: the next run compiles again
        log.debug("regex cache not written to %s: %s", path, exc)


class _Session:
    """The patterns compiled while `compiled_patterns` is active: served from `known`, new ones added."""

    def __init__(self, known: dict[tuple[str, int], Entry], compile_: Callable[[Any, int], Any]) -> None:
        self.known = known
        self.compile = compile_  # re's own
        self.used: dict[tuple[str, int], Entry] = {}
        self.added = 0

    def __call__(self, pattern: Any, flags: int = 0) -> Any:
        if not isinstance(pattern, str) or len(pattern) < MIN_LENGTH or flags & re.DEBUG:
            return self.compile(pattern, flags)
        key = (pattern, int(flags))
        entry = self.known.get(key)
        if entry is not None:
            try:
                compiled = _rebuild(pattern, entry)
            except Exception:  # noqa: BLE001 - an entry the engine refuses: compile it anew below
                entry = None
            else:
                self.used[key] = entry
                return compiled
        compiled = self.compile(pattern, flags)
        try:
            entry = _entry(pattern, int(flags))
            if _rebuild(pattern, entry) == compiled:  # only what reproduces re's own result is kept
                self.used[key] = entry
                self.added += 1
        except Exception:  # noqa: BLE001 - re's internals are not what this module knows: no entry
            log.debug("regex cache: no entry for a pattern of %d characters", len(pattern), exc_info=True)
        return compiled


@contextmanager
def compiled_patterns() -> Iterator[None]:
    """While active, the long patterns `re` compiles come from the cache file, and new ones
    are added to it at the end (the file then keeps exactly the patterns used this time)."""
    path = cache_file()
    if path is None:
        yield
        return
    with _lock:
        if isinstance(_compiler.compile, _Session):  # nested: the outer one serves and saves
            yield
            return
        session = _Session(_read(path), _compiler.compile)
        _compiler.compile = session
        try:
            yield
        finally:
            _compiler.compile = session.compile
        if session.added or len(session.used) < len(session.known):
            _write(path, session.used)


def with_compiled_patterns(function: F) -> F:
    """`function` run inside `compiled_patterns()`."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with compiled_patterns():
            return function(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
