"""Run: one `extract` command, from its inputs to its outputs (what `cli.py extract` calls).

    code = run_extract(Settings(["news/", "feed.jsonl"], output="out/", fmt="parquet", jobs=2))

The inputs are read lazily (`sources.py`: files, folders, patterns, tables, stdin); what
an interrupted run of the same command already wrote is skipped (`journal.Journal`); the
rest is extracted in input order (`pool.extract_lines`: here or in worker processes;
`cluster.cluster_lines` with a Dask scheduler) and each record written as it comes;
the tables and the DuckDB file are written at the end, from the whole journal. A
progress line shows on a terminal, and a summary ends every run, on `report`.

Outputs, by `fmt`:
    jsonl           -o FILE (a folder: FILE/extracted.jsonl): the records; the file is its own journal
    json            -o FILE: one JSON array, assembled at the end from FILE.partial.jsonl
    csv, parquet    -o FOLDER: the tables, written at the end from FOLDER/records.jsonl (the journal, kept)
    no -o           jsonl or json on stdout, no journal
`tables` (a folder, in `tables_format`) and `duckdb` (a DuckDB file, loaded from the
tables: those of `fmt` or `tables`, else Parquet tables in a temporary folder) add to any
of them.

Before anything is written the run refuses (exit code 2) what cannot work: bad options,
an unreadable input, an output (`-o`, its journal, a table of `tables`, the DuckDB file)
that is an input file (by path, or the same file by st_dev/st_ino: a hard link), a
`duckdb` path that is not a DuckDB file, an unfinished output it cannot resume exactly
(journal.py), an unreachable scheduler (connected to before the output is opened).

Stdout closed by its reader (`extract ... | head`): the run stops quietly, exit code 0,
no summary (`stdout_closed`).

The exit code (cli.py lists them): 0; 1 when a document failed; 2 when the run refuses
to start or cannot run at all (the pipeline cannot load, the scheduler cannot be
reached); 130 on Ctrl-C (the same command continues the run). An unexpected exception
propagates (cli.py: exit code 3), the output left resumable.
"""
from __future__ import annotations

import importlib.util
import json
import logging
import os
import select
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .journal import Journal, JournalError, fingerprint, run_identity
from .pool import CHUNK_DOCS, Options, Result, WorkerError, available_cpus, extract_lines
from .progress import Progress, Totals
from ..records import DocumentRecord
from ..io.formats import FORMATS, TABLE_FORMATS
from ..io.sources import Input, InputError, Reading, count, items, open_inputs
from ..io.write import LineWriter, jsonl_to_json, output_path

EXIT_OK, EXIT_DOC_ERRORS, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
JOURNAL_NAME = "records" + FORMATS["jsonl"].suffix  # the records kept in a folder of tables (`fmt` csv or parquet)


class UsageError(ValueError):
    """Settings that cannot work together."""


@dataclass
class Settings:
    inputs: list[str]
    output: str | None = None  # file or folder; None or "-": stdout
    fmt: str = "jsonl"  # one of FORMATS
    tables: Path | None = None  # also write the flat tables here
    tables_format: str = "csv"
    duckdb: Path | None = None  # also load the tables into this DuckDB file
    jobs: int = 1  # worker processes; 1: in this process; 0: one per CPU
    chunk_size: int | None = None  # documents per task (None: CHUNK_DOCS)
    scheduler: str | None = None  # a Dask scheduler ("tcp://host:8786", "local:N") instead of -j
    options: Options = field(default_factory=Options)
    reading: Reading = field(default_factory=Reading)
    restart: bool = False  # start afresh over an unfinished run
    pipeline: Any = None  # a loaded pipeline to run (jobs>1: the forked workers'; else one is loaded with `options`)


@dataclass
class Outputs:
    """Where a run writes."""

    path: Path | None  # the records (a file) or the tables (a folder); None: stdout
    journal: Path | None  # the JSONL journal; None: stdout, no resuming
    tables: list[tuple[Path, str]]  # (folder, format) written at the end

    @classmethod
    def of(cls, settings: Settings) -> "Outputs":
        extra = [(settings.tables, settings.tables_format)] if settings.tables else []
        if settings.fmt in TABLE_FORMATS:
            if settings.output in (None, "-"):
                raise UsageError(f"--format {settings.fmt} writes a folder of tables: name it with -o")
            folder = Path(settings.output)
            if folder.exists() and not folder.is_dir():
                raise UsageError(f"--format {settings.fmt} writes a folder of tables, and {folder} is a file")
            return cls(folder, folder / JOURNAL_NAME, [(folder, settings.fmt), *extra])
        path = output_path(settings.output, settings.fmt)
        journal = None if path is None else path if settings.fmt == "jsonl" else path.with_name(path.name + ".partial.jsonl")
        return cls(path, journal, extra)


def run_extract(settings: Settings, report: IO[str] | None = None) -> int:
    """Run one extraction as described in the module docstring; the exit code."""
    report = report if report is not None else sys.stderr
    started = time.perf_counter()
    try:
        outputs, inputs = _prepare(settings)
    except (UsageError, InputError, OSError) as exc:
        print(f"error: {exc}", file=report)
        return EXIT_USAGE
    jobs = settings.jobs or available_cpus()
    kept: list[str] | None = [] if outputs.journal is None and (outputs.tables or settings.duckdb) else None  # stdout: lines for the tables
    new = Totals()
    with ExitStack() as stack:
        try:  # the scheduler first: one that cannot be reached leaves no output behind, and an old one intact
            client = _connect(stack, settings)
            journal = _journal(stack, settings, outputs, inputs)
        except (WorkerError, JournalError, OSError) as exc:
            print(f"error: {exc}", file=report)
            return EXIT_USAGE
        earlier = journal.totals if journal else Totals()
        progress = _progress(inputs, journal, report)
        todo = items(inputs) if journal is None else journal.skip_done(items(inputs))
        writer = _writer(stack, settings, journal)
        results = stack.enter_context(closing(_results(todo, settings, jobs, client)))  # closing stops the workers
        # Stopped, the run says so before the workers are stopped and the output closed.
        try:
            _write(results, writer, kept, new, progress, report)
        except KeyboardInterrupt:
            progress.clear()
            print(_interrupted(new, earlier, journal), file=report)
            return EXIT_INTERRUPTED
        except (WorkerError, InputError, JournalError) as exc:
            progress.clear()
            print(f"error: {exc}", file=report)
            return EXIT_USAGE
        except BrokenPipeError:
            if journal is not None or not stdout_closed():
                raise  # not the reader of stdout that went away
            progress.clear()  # `| head`: the reader has what it wanted; stop quietly, as Unix tools do
            return EXIT_OK
    progress.clear()
    written = _complete(settings, outputs, journal, kept)
    total = earlier + new
    print(_summary(settings, jobs, outputs, earlier, new, time.perf_counter() - started) + written, file=report)
    return EXIT_DOC_ERRORS if total.failed else EXIT_OK


def stdout_closed() -> bool:
    """Whether stdout is a pipe whose reader has gone (`| head`); if so, stdout is pointed at
    /dev/null, so that what is still buffered, and the interpreter's flush at exit, go nowhere
    instead of raising BrokenPipeError again (Python's docs on SIGPIPE)."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # replaced or closed: not a pipe to go quiet on
        return False
    if hasattr(select, "poll"):  # a pipe without a reader polls as an error: a BrokenPipeError from elsewhere is no closed stdout
        poller = select.poll()
        poller.register(fd, select.POLLOUT)
        if not any(events & (select.POLLERR | select.POLLHUP) for _, events in poller.poll(0)):
            return False
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)
    return True


def _prepare(settings: Settings) -> tuple[Outputs, list[Input]]:
    """The outputs and the inputs (opened, not read yet): all that can refuse to start, before anything is written."""
    if settings.fmt not in FORMATS or settings.tables_format not in TABLE_FORMATS:
        raise UsageError(f"unknown format: use one of {', '.join(FORMATS)} (tables: {', '.join(TABLE_FORMATS)})")
    for wanted, module, extra in ((settings.scheduler, "distributed", "cluster"), (settings.duckdb, "duckdb", "duckdb")):
        if wanted and importlib.util.find_spec(module) is None:  # an optional part: say so before anything is written
            raise UsageError(f"this needs {module}, an optional dependency: pip install 'ru-fact-extractor[{extra}]'")
    if settings.duckdb is not None:
        from ..io.database import check_database

        try:
            check_database(settings.duckdb)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    outputs = Outputs.of(settings)
    inputs = open_inputs(settings.inputs, settings.reading)
    _refuse_overwriting(inputs, _targets(settings, outputs))
    return outputs, inputs


def _journal(stack: ExitStack, settings: Settings, outputs: Outputs, inputs: list[Input]) -> Journal | None:
    """The journal, resumed or started (its lock released at the end; the marker stays until the run is complete)."""
    if outputs.journal is None:
        return None
    identity = run_identity(settings.inputs, settings.options, settings.reading.identity())
    journal = Journal.open(outputs.journal, identity, fingerprint(inputs), restart=settings.restart)
    stack.callback(journal.close)
    return journal


def _connect(stack: ExitStack, settings: Settings) -> Any:
    """The Dask client of `scheduler` (None without one), closed at the end."""
    if not settings.scheduler:
        return None
    from .cluster import connect

    logging.getLogger("distributed").setLevel(logging.getLogger().level)  # dask's INFO lines only with -v
    return stack.enter_context(connect(settings.scheduler))


def _targets(settings: Settings, outputs: Outputs) -> list[Path]:
    """Every file the run may write: the records, the journal and its marker, the JSON
    array's temporary file, each table (and its .partial file), the DuckDB file (and its WAL)."""
    from ..io.tables import COLUMNS

    paths = [p for p in (outputs.path, outputs.journal) if p is not None]
    if outputs.journal is not None:
        paths.append(Journal(outputs.journal).marker)
    if outputs.path is not None and settings.fmt == "json":
        paths.append(outputs.path.with_name(outputs.path.name + ".tmp"))
    for folder, fmt in outputs.tables:
        suffix = FORMATS[fmt].suffix
        paths += [folder / f"{name}{suffix}{end}" for name in COLUMNS for end in ("", ".partial")]
    if settings.duckdb is not None:
        paths += [settings.duckdb, settings.duckdb.with_name(settings.duckdb.name + ".wal")]
    return paths


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:  # not there (yet): only its path can say
        return None
    return info.st_dev, info.st_ino


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symbolic link loop: the path as given
        return path


def _refuse_overwriting(inputs: list[Input], targets: list[Path]) -> None:
    """UsageError when an output would be written over an input file: the same path once
    resolved, or the same file under another name (a hard link: st_dev and st_ino)."""
    by_path = {_resolved(target): target for target in targets}
    by_file = {key: target for target in targets if (key := _identity(target)) is not None}
    for found in inputs:
        for path in found.files():
            target = by_path.get(_resolved(path))
            link = target is None and (target := by_file.get(_identity(path))) is not None  # type: ignore[arg-type]
            if target is not None:
                same = f" ({target} is the same file: a link)" if link else ""
                raise UsageError(f"{path} is an input and would be overwritten by the output {target}{same}: choose another output")


def _progress(inputs: list[Input], journal: Journal | None, report: IO[str]) -> Progress:
    """The progress line (on a terminal), and what a resumed run has left to do."""
    progress = Progress(None, report)
    resumed, done = (journal.resumed, journal.totals.documents) if journal else (False, 0)
    if progress.enabled or resumed:  # a pass over the tables: only when it is shown
        total = count(inputs)
        progress.total = None if total is None else max(total - done, 0)
    if resumed:
        cut = f", a partial last line of {journal.cut} bytes cut off" if journal.cut else ""
        left = "the rest" if progress.total is None else f"{progress.total} of {progress.total + done}"
        print(f"resuming {journal.path}: {done} documents already there{cut}, {left} to go (--restart to start afresh)", file=report)
    return progress


def _writer(stack: ExitStack, settings: Settings, journal: Journal | None) -> LineWriter:
    """Records to stdout, or appended to the journal."""
    if journal is None:
        out: IO[str] = sys.stdout
    else:
        out = stack.enter_context(journal.path.open("a", encoding="utf-8"))
    writer = LineWriter(out, settings.fmt if journal is None else "jsonl")
    stack.callback(writer.close)  # ends a JSON array on stdout
    return writer


def _results(todo: Iterator, settings: Settings, jobs: int, client: Any = None) -> Iterator[Result]:
    chunk_size = settings.chunk_size or CHUNK_DOCS
    if client is not None:  # the same results from a Dask cluster's workers (cluster.py)
        from .cluster import cluster_lines

        return cluster_lines(todo, client, settings.options, chunk_size=chunk_size)
    # workers forked from this process, which loads the pipeline once for all of them
    return extract_lines(todo, jobs, chunk_size=chunk_size, options=settings.options, pipeline=settings.pipeline, fork=True)


def _write(results: Iterator[Result], writer: LineWriter, kept: list[str] | None, new: Totals, progress: Progress, report: IO[str]) -> None:
    """Each record as it comes, counted in `new`; its errors reported."""
    for result in results:
        writer.write(result.line)
        writer.out.flush()  # a line on disk is a document done, should the run be stopped
        if kept is not None:
            kept.append(result.line)
        new.add(result.ok, result.entities, result.officials, result.facts, result.events)
        if result.errors:
            progress.clear()
            for stage, message in result.errors:
                print(f"{result.label}: {stage}: {message}", file=report)
        progress.update(new.documents, new.failed)


def _interrupted(new: Totals, earlier: Totals, journal: Journal | None) -> str:
    where = f"; run the same command again to continue ({earlier.documents + new.documents} documents in {journal.path})" if journal else ""
    return f"interrupted after {new.documents} new documents{where}"


def _complete(settings: Settings, outputs: Outputs, journal: Journal | None, kept: list[str] | None) -> str:
    """Everything written at the end (tables, DuckDB, the JSON array), the journal closed; what was written, for the summary."""
    written = _write_tables(settings, outputs, journal.lines if journal is not None else lambda: iter(kept or ()))
    if journal is not None:
        if settings.fmt == "json":
            jsonl_to_json(journal.path, outputs.path)
            journal.path.unlink()
        journal.finish()  # the output is complete: a rerun starts afresh
    return written


def _summary(settings: Settings, jobs: int, outputs: Outputs, earlier: Totals, new: Totals, seconds: float) -> str:
    total = earlier + new
    rate = new.documents / seconds if seconds > 0 else 0.0
    how = f"scheduler {settings.scheduler}" if settings.scheduler else f"{jobs} job{'s' if jobs > 1 else ''}"
    resumed = f", {earlier.documents} from an earlier run" if earlier.documents else ""
    return (
        f"{total.documents} documents, {total.failed} failed, {total.entities} entities, {total.officials} officials,"
        f" {total.facts} facts, {total.events} events in {seconds:.1f} s ({rate:.1f} docs/s, {how}{resumed})"
        + (f" → {outputs.path}" if outputs.path else "")
    )


def _write_tables(settings: Settings, outputs: Outputs, lines: Callable[[], Iterator[str]]) -> str:
    """The tables and the DuckDB file, from the complete output; what was written, for the summary."""
    from ..io.tables import write_tables
    from ..io.write import record_from_dict

    def records() -> Iterator[DocumentRecord]:
        return (record_from_dict(json.loads(line)) for line in lines())

    for folder, fmt in outputs.tables:
        write_tables(records(), folder, fmt)
    said = "".join(f", tables in {folder}" for folder, _ in outputs.tables if folder != outputs.path)
    if settings.duckdb is None:
        return said
    from ..io.database import load_duckdb

    with tempfile.TemporaryDirectory(prefix="extractor-tables-") as scratch:
        if outputs.tables:
            folder = outputs.tables[0][0]
        else:
            folder = Path(scratch)
            write_tables(records(), folder, "parquet")
        load_duckdb(folder, settings.duckdb)
    return said + f", DuckDB in {settings.duckdb}"

