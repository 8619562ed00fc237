"""Resuming: the JSONL output of a run is its own journal.

    journal = Journal.open(Path("out.jsonl"), run_identity(inputs, options))
    for item in journal.skip_done(items): ...   # append a flushed line per record
    journal.finish()

`<output>.incomplete` marks the output unfinished (it holds the inputs and options of the
run; it is written before the first record and removed after the last). When the marker
is there and names the same inputs and options, the complete lines are read, a partial
last line (a run killed mid-write) is cut off, and the documents already there are
skipped as the inputs are read again (matched by `source`: the absolute path of a file,
`<file>#<row>` for a row of a table, or by `id` for a record without a source; a path
named twice counts twice); the rest is appended, one flushed line per record. So a run
stopped in any way (Ctrl-C, kill -9, a crash) continues where it stopped when the same
command is run again: no document lost, none written twice, and `-j`/`--chunk-size`
may change in between. Without a marker (a finished run, or no run yet) the output is
written afresh, as before; with the marker of a different command the run stops and
asks for that command or `--restart`. A JSON array cannot be appended to: with
`--format json` the journal is `<output>.partial.jsonl`, turned into the array (and
removed) at the end; `--tables` are written at the end from the whole journal. One run
per output at a time (an advisory lock, which dies with its process). Output to stdout
keeps no journal.
"""
from __future__ import annotations

import json
import os
from collections import Counter
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
    if source is None:
        return "id:" + doc_id
    return "source:" + source if source.startswith("<") else "path:" + os.path.abspath(source)  # "<stdin>#3" is no path


def item_key(item: Item) -> str:
    if isinstance(item, Document):
        return source_key(item.source, item.id)
    return source_key(str(item), "")


def record_key(data: dict[str, Any]) -> str:
    return source_key(data.get("source"), data["id"])


def run_identity(paths: Iterable[str | os.PathLike[str]], options: Options, reading: dict[str, Any] | None = None) -> dict[str, Any]:
    """What makes two runs the same run: the inputs as named and the options that shape
    records; `reading`: how tables are read, where it differs from the defaults
    (`sources.Reading.identity()`; left out when empty, as before it existed)."""
    identity = {
        "inputs": [p if p == "-" else os.path.abspath(p) for p in map(str, paths)],
        "tokens": options.with_tokens,
        "text": options.with_text,
        "date": options.date.isoformat() if options.date else None,
    }
    return {**identity, "reading": reading} if reading else identity


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
    done: Counter = field(default_factory=Counter)  # key -> number of records
    totals: Totals = field(default_factory=Totals)
    cut: int = 0  # bytes of a partial last line that were cut off
    resumed: bool = False

    @property
    def marker(self) -> Path:
        return self.path.with_name(self.path.name + ".incomplete")

    @classmethod
    def open(cls, path: Path, run: dict[str, Any], restart: bool = False) -> "Journal":
        journal = cls(Path(path), run)
        journal.path.parent.mkdir(parents=True, exist_ok=True)
        journal._lock()
        try:
            if journal.marker.exists() and not restart:
                journal._check_same_run()
                journal._read()
                journal.resumed = True
            else:
                journal.path.write_bytes(b"")  # before the marker: an old output is never taken for a journal
                journal.marker.write_text(json.dumps(run, ensure_ascii=False) + "\n", encoding="utf-8")
        except BaseException:
            journal.close()
            raise
        return journal

    def _check_same_run(self) -> None:
        try:
            earlier = json.loads(self.marker.read_text(encoding="utf-8"))
        except ValueError:
            earlier = {}
        if earlier != self.run:
            differ = ", ".join(k for k in sorted(set(self.run) | set(earlier)) if self.run.get(k) != earlier.get(k))
            raise JournalError(
                f"{self.path} holds an unfinished run of another command (it differs in: {differ});"
                " run that command again to finish it, or add --restart to start this one afresh"
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
                self.done[key] += 1
                self.totals.add(ok, *(len(record.get(name, ())) for name in ("entities", "officials", "facts", "events")))
                complete += len(raw)
            if self.cut:
                handle.truncate(complete)

    def finish(self) -> None:
        """The output is complete: remove the marker, release the lock."""
        self.marker.unlink(missing_ok=True)
        self.close()

    def skip_done(self, items: Iterable[Item]) -> Iterator[Item]:
        """The items not in the journal yet, lazily (each record in it accounts for one item)."""
        left = Counter(self.done)
        for item in items:
            key = item_key(item)
            if left[key] > 0:
                left[key] -= 1
            else:
                yield item

    def remaining(self, items: Iterable[Item]) -> list[Item]:
        return list(self.skip_done(items))

    def lines(self) -> Iterator[str]:
        with self.path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.endswith("\n"):
                    yield line[:-1]
