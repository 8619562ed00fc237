"""Reporting a run: the progress line on a terminal, and the totals of its summary.

    progress = Progress(total, sys.stderr)     # shown only on a terminal
    totals = Totals()
    for result in results:
        totals.add(result.ok, result.entities, result.officials, result.facts, result.events)
        progress.update(totals.documents, totals.failed)
    progress.clear()                           # before anything else is printed
"""
from __future__ import annotations

import shutil
import sys
import time
from dataclasses import dataclass
from typing import IO


@dataclass
class Totals:
    documents: int = 0
    failed: int = 0
    entities: int = 0
    officials: int = 0
    facts: int = 0
    events: int = 0

    def add(self, ok: bool, entities: int, officials: int, facts: int, events: int = 0) -> None:
        self.documents += 1
        self.failed += not ok
        self.entities += entities
        self.officials += officials
        self.facts += facts
        self.events += events

    def __add__(self, other: "Totals") -> "Totals":
        return Totals(*(a + b for a, b in zip(vars(self).values(), vars(other).values())))


class Progress:
    """One `\\r` line on a terminal: done/total, failures, docs/s, time left. Silent otherwise.
    With no total (stdin), the documents done, failures and docs/s."""

    def __init__(self, total: int | None, stream: IO[str] | None = None, enabled: bool | None = None, every: float = 0.25) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total = total
        self.every = every
        self.shown = 0.0
        self.width = 0
        self.first: tuple[float, int] | None = None  # (time, documents) of the first record

    def update(self, done: int, failed: int, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if self.first is None and done:  # rates count from the first record: loading is not throughput
            self.first = (now, done)
        if not force and now - self.shown < self.every:
            return
        self.shown = now
        line = self._line(done, failed, now)[: max(shutil.get_terminal_size((80, 20)).columns - 1, 10)]
        self.stream.write("\r" + line + " " * max(self.width - len(line), 0))
        self.stream.flush()
        self.width = len(line)

    def _line(self, done: int, failed: int, now: float) -> str:
        pct = f" {100 * done // self.total}%" if self.total else ""
        line = f"{done}{'' if self.total is None else f'/{self.total}'} documents{pct}, {failed} failed"
        if self.first and now - self.first[0] >= 1.0 and done > self.first[1]:
            rate = (done - self.first[1]) / (now - self.first[0])
            left = f", {_duration((self.total - done) / rate)} left" if self.total is not None and done < self.total else ""
            line += f", {rate:.1f} docs/s{left}"
        return line

    def clear(self) -> None:
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0
            self.shown = 0.0


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"
