"""Resuming: the JSONL output of a run is its own journal.

    journal = Journal.open(Path("out.jsonl"), run_identity(inputs, options), fingerprint(opened))
    for item in journal.skip_done(items): ...   # append a flushed line per record
    journal.finish()

`<output>.incomplete` marks the output unfinished: it holds what makes the run this run
(the inputs as named, the working directory when one of them is relative, the options
and the table settings) and a fingerprint of every input file (its path, size and
mtime_ns: `fingerprint`); it is written before the first record and removed after the
last. The records are written in input order, so the journal of an unfinished run is
always the records of the first N documents of its inputs. When the marker is there, the
run is resumed only if it names the same run and every input file is as it was when the
run started (none edited, added or removed): the complete lines are read, a partial last
line (a run killed mid-write) is cut off, the first N documents are skipped as the inputs
are read again (each checked against its record: the same `source`, or the same `id`
for a record without one) and the rest is appended, one flushed line per record. So a
resumed run writes exactly the bytes of a fresh run over the same inputs: no document
lost, none written twice, none out of order, and `-j`/`--chunk-size`/`--scheduler` may
change in between. Otherwise it refuses with `JournalError` and asks for `--restart`:
the marker of another command (other inputs, options, or a relative input named from
another directory), an input that changed, a run that read stdin (which cannot be
checked), or a journal whose records are not those of the inputs. Without a marker (a
finished run, or no run yet) the output is written afresh. A JSON array cannot be
appended to: with `--format json` the journal is `<output>.partial.jsonl`, turned into
the array (and removed) at the end; `--tables` are written at the end from the whole
journal. One run per output at a time (an advisory lock, which dies with its process).
Output to stdout keeps no journal.
"""
from __future__ import annotations

import hashlib
import json
import os
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Document
from .pool import Item, Options
from .progress import Totals


class JournalError(ValueError):
    pass


# -- keys: what the journal matches documents by ------------------------------------


def source_key(source: str | None, doc_id: str) -> str:
    """What a record and its document share: the source as the run wrote it (a run is
    resumed only from the same directory with the same input names), else the id."""
    return "id:" + doc_id if source is None else "source:" + source


def item_key(item: Item) -> str:
    if isinstance(item, Document):
        return source_key(item.source, item.id)
    return source_key(str(item), "")


def _label(item: Item) -> str:
    return (item.source or item.id) if isinstance(item, Document) else str(item)


def record_key(data: dict[str, Any]) -> str:
    return source_key(data.get("source"), data["id"])


def run_identity(paths: Iterable[str | os.PathLike[str]], options: Options, reading: dict[str, Any] | None = None) -> dict[str, Any]:
    """What makes two runs the same run: the inputs as named and the options that shape
    records; `reading`: how tables are read, where it differs from the defaults
    (`sources.Reading.identity()`; left out when empty, as before it existed)."""
    names = list(map(str, paths))
    relative = any(name != "-" and not os.path.isabs(name) for name in names)
    identity = {
        "inputs": names,  # as named: the records' sources are written as named
        "cwd": os.path.realpath(os.getcwd()) if relative else None,  # what relative names are relative to
        "tokens": options.with_tokens,
        "text": options.with_text,
        "date": options.date.isoformat() if options.date else None,
    }
    return {**identity, "reading": reading} if reading else identity


LISTED_FILES = 1000  # input files listed one by one in the marker (beyond: their digest only)


def fingerprint(inputs: Iterable[Any]) -> dict[str, Any]:
    """What the input files are now (`sources.Input`s): each one's path, size and mtime_ns,
    in input order; a missing file as null. A changed, added or removed file changes it."""
    files = []
    for found in inputs:
        for path in found.files():
            try:
                info = os.stat(path)
                files.append([str(path), info.st_size, info.st_mtime_ns])
            except OSError:
                files.append([str(path), None, None])
    digest = hashlib.sha256(json.dumps(files, ensure_ascii=False).encode("utf-8", "surrogateescape")).hexdigest()
    return {"count": len(files), "sha256": digest, **({"files": files} if len(files) <= LISTED_FILES else {})}


def _changes(then: dict[str, Any], now: dict[str, Any]) -> str:
    """The files that differ between two fingerprints, in a few words."""
    if "files" not in then or "files" not in now:
        return f"{then.get('count', '?')} input files then, {now.get('count', '?')} now, not all the same"
    before = {path: (size, mtime) for path, size, mtime in then["files"]}
    after = {path: (size, mtime) for path, size, mtime in now["files"]}
    said = [
        (kind, [p for p in paths][:3] + (["..."] if len(paths) > 3 else []))
        for kind, paths in (
            ("edited", [p for p in after if p in before and after[p] != before[p]]),
            ("added", [p for p in after if p not in before]),
            ("removed", [p for p in before if p not in after]),
        ) if paths
    ]
    return "; ".join(f"{kind}: {', '.join(paths)}" for kind, paths in said) or "the order of the input files changed"


# -- the journal ------------------------------------------------------------------------


@dataclass
class Journal:
    """The JSONL output of a run, and the marker that says the run has not finished.

    `open` resumes the file when its marker (`<path>.incomplete`, holding the run's
    inputs and options) is there and names the same run, and starts the file afresh
    otherwise; `finish` removes the marker once everything is written.
    """

    path: Path
    run: dict[str, Any] = field(default_factory=dict)  # run_identity() of this run
    inputs: dict[str, Any] = field(default_factory=dict)  # fingerprint() of its inputs now
    done: array = field(default_factory=lambda: array("q"))  # hash(key) of each record, in order
    totals: Totals = field(default_factory=Totals)
    cut: int = 0  # bytes of a partial last line that were cut off
    resumed: bool = False

    @property
    def marker(self) -> Path:
        return self.path.with_name(self.path.name + ".incomplete")

    @classmethod
    def open(cls, path: Path, run: dict[str, Any], inputs: dict[str, Any] | None = None, restart: bool = False) -> "Journal":
        """Resume the unfinished run at `path`, or start it afresh; `inputs`: `fingerprint()`
        of the run's inputs (None: no input files, as in the tests of the journal alone)."""
        journal = cls(Path(path), run, inputs if inputs is not None else fingerprint(()))
        journal.path.parent.mkdir(parents=True, exist_ok=True)
        journal._lock()
        try:
            if journal.marker.exists() and not restart:
                journal._check_same_run()
                journal._read()
                journal.resumed = True
            else:
                journal.path.write_bytes(b"")  # before the marker: an old output is never taken for a journal
                marker = {**run, "input_files": journal.inputs}
                journal.marker.write_text(json.dumps(marker) + "\n", encoding="utf-8")
        except BaseException:
            journal.close()
            raise
        return journal

    def _check_same_run(self) -> None:
        try:
            earlier = json.loads(self.marker.read_text(encoding="utf-8"))
        except ValueError:
            earlier = {}
        then = earlier.pop("input_files", None) if isinstance(earlier, dict) else None
        if earlier != self.run:
            differ = ", ".join(k for k in sorted(set(self.run) | set(earlier)) if self.run.get(k) != earlier.get(k))
            where = f" from {earlier['cwd']}" if self.run.get("cwd") != earlier.get("cwd") and earlier.get("cwd") else ""
            raise JournalError(
                f"{self.path} holds an unfinished run of another command (it differs in: {differ});"
                f" run that command again{where} to finish it, or add --restart to start this one afresh"
            )
        if "-" in self.run.get("inputs", ()):
            raise JournalError(
                f"{self.path} holds an unfinished run that read stdin, which cannot be checked to be the same again:"
                " add --restart to start afresh"
            )
        if not isinstance(then, dict) or then.get("sha256") != self.inputs.get("sha256"):
            changes = _changes(then, self.inputs) if isinstance(then, dict) else "its marker does not say what they were"
            raise JournalError(
                f"{self.path} holds an unfinished run whose inputs have changed since it started ({changes}):"
                " its records would not be those of the inputs as they are now; add --restart to start afresh"
            )

    def _lock(self) -> None:
        """One run per output: an advisory lock, released when the process ends however it ends."""
        self._handle = self.path.open("ab")  # creates, never truncates
        try:
            import fcntl

            fcntl.flock(self._handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # not POSIX: no lock
            pass
        except BlockingIOError:
            self.close()
            raise JournalError(f"{self.path} is being written by another run right now") from None
        except OSError:  # a file system without locks
            pass

    def close(self) -> None:
        """Release the lock (the marker stays: the run can be resumed)."""
        handle, self._handle = getattr(self, "_handle", None), None
        if handle is not None:
            handle.close()

    def _read(self) -> None:
        """Count the complete lines; cut a partial last line (a run killed mid-write) off."""
        complete = 0
        with self.path.open("rb+") as handle:
            for number, raw in enumerate(handle, 1):
                if not raw.endswith(b"\n"):
                    self.cut = len(raw)
                    break
                try:
                    record = json.loads(raw)
                    key, ok = record_key(record), bool(record["ok"])
                except (ValueError, KeyError, TypeError) as exc:
                    raise JournalError(f"{self.path}:{number} is not a record of this extractor ({exc}); add --restart to overwrite it") from None
                self.done.append(hash(key))
                self.totals.add(ok, *(len(record.get(name, ())) for name in ("entities", "officials", "facts", "events")))
                complete += len(raw)
            if self.cut:
                handle.truncate(complete)

    def finish(self) -> None:
        """The output is complete: remove the marker, release the lock."""
        self.marker.unlink(missing_ok=True)
        self.close()

    def skip_done(self, items: Iterable[Item]) -> Iterator[Item]:
        """The items after the first N, those of the N records in the journal, lazily; each
        skipped item is checked against its record (JournalError when it is not its document)."""
        done, seen = self.done, 0
        for item in items:
            if seen < len(done):
                if hash(item_key(item)) != done[seen]:
                    raise JournalError(
                        f"{self.path}:{seen + 1} is not the record of {_label(item)}, the input's document {seen + 1}:"
                        " the inputs are not those of the unfinished run; add --restart to start afresh"
                    )
                seen += 1
                continue
            yield item
        if seen < len(done):
            raise JournalError(
                f"{self.path} holds {len(done)} records, the inputs only {seen} documents:"
                " the inputs are not those of the unfinished run; add --restart to start afresh"
            )

    def remaining(self, items: Iterable[Item]) -> list[Item]:
        return list(self.skip_done(items))

    def lines(self) -> Iterator[str]:
        with self.path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.endswith("\n"):
                    yield line[:-1]
