"""Batch extraction over many files: worker processes, results in input order.

Resuming an interrupted run is in journal.py; the progress line and the totals, in progress.py.

    from extractor.run.pool import extract_many_parallel, extract_lines

    for record in extract_many_parallel(paths_or_documents, jobs=4):
        ...                                   # DocumentRecords, in input order

    for result in extract_lines(items, jobs=4):  # what the CLI uses
        out.write(result.line + "\\n")          # the record, serialised in the worker

Items are file paths (str or Path: read in the worker, exactly as `read.read_file`
does: a text file, or the main text of an HTML page) or `Document`s (sent as they are:
the rows of JSONL/CSV/Parquet inputs, read lazily by `sources.py` in this process). A
document's own date (a page's, a date column's) wins over `Options.date`; the record of an
HTML page keeps its text (`text`), which its offsets refer to. `jobs=1` runs in this
process with one pipeline; `jobs=N` starts up to N worker processes that take chunks of
`chunk_size` consecutive items (the NER sorts and batches the sentences of a whole chunk).
The command line forks them (`fork=True`, on POSIX, no other thread running) after
loading the pipeline here once: each worker starts with it, its memory shared until
written, instead of spending 1-2 s of CPU loading its own. Otherwise (the API, Windows,
macOS' spawn) they are spawned: nothing of the parent is inherited, each loads the pipeline.
Workers send back each record already serialised as a JSON line with its counts, and
results are yielded in input order, so the output of any `jobs` is byte-identical to
`jobs=1` (records do not depend on how documents are batched: tests/test_batch.py checks
it). Workers run with OMP/OPENBLAS/MKL_NUM_THREADS=1 and ignore Ctrl-C: the parent stops
them. At most `3 * jobs` chunks' worth of documents are in flight or buffered ahead of
the next record to yield, so one slow document does not make the parent hoard results.

A worker that dies (killed, out of memory, a crash in native code) does not hang or
lose anything: the documents of its chunk are retried one by one in fresh workers, and a
document that kills a worker on its own becomes an error record
(`{"stage": "worker", "message": "worker crashed (...)"}`, `ok: false`). A spawned worker
that dies while loading the pipeline is replaced; three such deaths in a row stop the run
with `WorkerError`, as does a pipeline that raises while loading (here or in a worker).

A script that calls `extract_many(..., jobs=2)` outside `if __name__ == '__main__':`
cannot work with spawned workers: each imports the script again and would start workers
of its own, which multiprocessing refuses with a RuntimeError in every one. Here a worker
in that state exits quietly with MAIN_REIMPORT_EXIT (`_start`) and the parent raises one
`WorkerError` naming the fix (NO_GUARD), at the first such worker.

Test hook, read only in worker processes: with EXTRACTOR_TEST_CRASH=TEXT in the
environment, a worker kills itself (SIGKILL) when a chunk holds a document whose source
(or id) contains TEXT; it simulates a worker crash for tests/test_batch.py.
"""
from __future__ import annotations

import gc
import json
import logging
import os
import signal
import sys
import time
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any

from ..records import DocumentRecord
from .work import Item, Options, Result, Runner, crashed, item_label, result_of  # noqa: F401 - the work (work.py), imported from here too

log = logging.getLogger(__name__)

THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
CHUNK_DOCS = 32  # documents per worker task: as fast as 64 for the NER, finer load balance
TAPER_DOCS = 4  # the smallest chunk of the tapering end of a run (`_chunks`)
WINDOW_CHUNKS = 3  # chunks per worker in flight or waiting to be yielded in order
MAX_LOAD_DEATHS = 3  # workers dying in a row before they have loaded the pipeline
MAIN_REIMPORT_EXIT = 86  # a worker's exit code when importing the main module again started workers of its own
NO_GUARD = (
    "the worker processes cannot start: each one imports the main module ({main}) again, as the 'spawn' start method does,"
    " and that module starts the extraction (jobs > 1) while it is imported; put the call under"
    " `if __name__ == '__main__':` (see the Python section of the README)"
)
CRASH_HOOK = "EXTRACTOR_TEST_CRASH"



class WorkerError(RuntimeError):
    """The workers cannot run at all (the pipeline fails to load in them)."""


def _worker_main(conn: Any, options: Options, runner: Runner | None = None) -> None:
    """A worker: load once (unless forked with the parent's `runner`), then answer (task id,
    chunk) messages until None or EOF."""
    for var in THREAD_VARS:  # already set by the parent at start; kept for other launchers
        os.environ[var] = "1"
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    crash_on = os.environ.get(CRASH_HOOK)
    try:
        runner = runner or Runner(options)
    except BaseException:  # noqa: BLE001 - reported to the parent, which stops the run
        conn.send(("load-error", traceback.format_exc()))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if message is None:
            return
        task_id, chunk = message
        if crash_on and any(crash_on in item_label(item) for _, item in chunk):
            os.kill(os.getpid(), signal.SIGKILL)
        try:
            reply = ("done", task_id, runner.run(chunk))
        except Exception:  # noqa: BLE001 - a bug outside the pipeline's own isolation
            reply = ("task-error", task_id, traceback.format_exc(limit=3).strip().splitlines()[-1])
        try:
            conn.send(reply)
        except (EOFError, OSError):
            return


# -- worker processes -------------------------------------------------------------------


@contextmanager
def _child_start_environment() -> Iterator[None]:
    """One BLAS/OpenMP thread and an ignored SIGINT, inherited by a child from birth."""
    saved = {var: os.environ.get(var) for var in THREAD_VARS}
    os.environ.update({var: "1" for var in THREAD_VARS})
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: the worker ignores SIGINT itself
        previous = None
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
        for var, value in saved.items():
            if value is None:
                os.environ.pop(var, None)
            else:
                os.environ[var] = value


@dataclass
class _Task:
    id: int
    chunk: list[tuple[int, Item]]


def _start(process: Any) -> None:
    """Start a worker; in a worker that is still importing the main module (a script that
    calls extract_many with jobs > 1 outside `if __name__ == '__main__':`), exit at once and
    quietly with MAIN_REIMPORT_EXIT instead of multiprocessing's traceback: the parent
    knows the code and says what to do, once."""
    try:
        with _child_start_environment():
            process.start()
    except RuntimeError as exc:
        import multiprocessing

        importing_main = getattr(multiprocessing.current_process(), "_inheriting", False)  # what multiprocessing tests
        if not importing_main and "bootstrapping phase" not in " ".join(str(exc).split()):  # ... and the words it says it in
            raise
        raise SystemExit(MAIN_REIMPORT_EXIT) from None


def _main_module() -> str:
    main = sys.modules.get("__main__")
    return getattr(main, "__file__", None) or getattr(getattr(main, "__spec__", None), "name", None) or "__main__"


class _Worker:
    def __init__(self, context: Any, options: Options, runner: Runner | None = None) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, options, runner), daemon=True, name="extractor-worker")
        try:
            _start(self.process)
        finally:
            child.close()
        self.task: _Task | None = None
        self.ready = False

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.conn.close()


def fork_context() -> Any:
    """multiprocessing's fork context where this process can fork workers safely (a POSIX
    system, no thread but this one: a fork copies only the calling thread, and the locks
    the others held); else None."""
    import multiprocessing
    import threading

    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return None
    return multiprocessing.get_context("fork")


class _Pool:
    """Up to `jobs` workers, chunks dispatched as workers free up, results in order. With
    `fork` (and a fork context) the pipeline is loaded here once, when the first worker is
    needed, and every worker is forked with it; else each spawned worker loads its own."""

    def __init__(self, jobs: int, options: Options, fork: bool = False, pipeline: Any = None) -> None:
        import multiprocessing

        self.forking = fork_context() if fork else None
        self.context = self.forking or multiprocessing.get_context("spawn")
        self.pipeline = pipeline
        self.runner: Runner | None = None  # forking: the one the workers inherit
        self.jobs = jobs
        self.options = options
        self.workers: list[_Worker] = []
        self.load_deaths = 0
        self.task_ids = 0

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
        deadline = time.monotonic() + 2.0
        for worker in self.workers:
            if worker.task is not None:  # busy: no reason to wait for its chunk
                worker.process.terminate()
            worker.process.join(max(deadline - time.monotonic(), 0.05))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(1.0)
        self.workers = []

    def _idle_worker(self) -> _Worker | None:
        for worker in self.workers:
            if worker.task is None:
                return worker
        if len(self.workers) < self.jobs:
            worker = _Worker(self.context, self.options, self._inherited())
            self.workers.append(worker)
            return worker
        return None

    def _inherited(self) -> Runner | None:
        """Forking: the runner loaded here, the first time; what it holds is frozen out of the
        cyclic collector, so that the workers' collections do not copy its pages."""
        if self.forking is None:
            return None
        if self.runner is None:
            try:
                self.runner = Runner(self.options, self.pipeline)
            except Exception:  # noqa: BLE001 - as a spawned worker's load error: the run cannot start
                raise WorkerError("the pipeline failed to load:\n" + traceback.format_exc()) from None
            gc.freeze()
        return self.runner

    def _send(self, worker: _Worker, chunk: list[tuple[int, Item]]) -> None:
        self.task_ids += 1
        worker.task = _Task(self.task_ids, chunk)
        try:
            worker.conn.send((worker.task.id, chunk))
        except (OSError, ValueError):
            pass  # it died meanwhile: its sentinel says so, and the task is handled there

    def run(self, chunks: Iterator[list[tuple[int, Item]]], window: int) -> Iterator[Result]:
        from multiprocessing.connection import wait

        retry: deque[list[tuple[int, Item]]] = deque()  # before any new chunk
        finished: dict[int, Result] = {}
        next_index = 0  # the next result to yield
        end = 0  # one past the highest index taken from `chunks`
        exhausted = False
        while True:
            while True:  # hand out work while a worker is free (started on demand)
                if retry:
                    chunk = retry.popleft()
                elif not exhausted and end - next_index < window:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                        break
                    end = chunk[-1][0] + 1
                else:
                    break
                worker = self._idle_worker()
                if worker is None:
                    retry.appendleft(chunk)
                    break
                self._send(worker, chunk)
            if not any(w.task is not None for w in self.workers):
                if exhausted and not retry:
                    break
                raise WorkerError("internal error: documents left but none in flight")
            ready = wait([w.conn for w in self.workers] + [w.process.sentinel for w in self.workers])
            for worker in list(self.workers):
                if worker.conn in ready or worker.process.sentinel in ready:
                    self._service(worker, retry, finished)
            while next_index in finished:
                yield finished.pop(next_index)
                next_index += 1
        if finished:  # cannot happen: every index before `end` was yielded above
            raise WorkerError(f"internal error: results {sorted(finished)[:5]} left behind, {next_index} missing")

    def _service(self, worker: _Worker, retry: deque, finished: dict[int, Result]) -> None:
        died = False
        while True:
            try:
                if not worker.conn.poll():
                    break
                message = worker.conn.recv()
            except (EOFError, OSError):
                died = True
                break
            kind = message[0]
            if kind == "ready":
                worker.ready = True
                self.load_deaths = 0
            elif kind == "load-error":
                raise WorkerError("the pipeline failed to load in a worker:\n" + message[1])
            elif worker.task is not None and message[1] == worker.task.id:
                task, worker.task = worker.task, None
                if kind == "done":
                    finished.update((r.index, r) for r in message[2])
                else:  # task-error: an exception outside the pipeline's own isolation
                    self._failed(task, f"worker error: {message[2]}", retry, finished)
        if died or not worker.process.is_alive():
            worker.process.join(1.0)
            self.workers.remove(worker)
            worker.conn.close()
            task = worker.task
            if not worker.ready and worker.process.exitcode == MAIN_REIMPORT_EXIT:
                raise WorkerError(NO_GUARD.format(main=_main_module()))
            if not worker.ready:
                self.load_deaths += 1
                if self.load_deaths >= MAX_LOAD_DEATHS:
                    raise WorkerError(
                        f"{self.load_deaths} workers in a row died while loading the pipeline (exit code {worker.process.exitcode});"
                        " a script that uses jobs > 1 must start the work under `if __name__ == '__main__':`"
                    )
                if task is not None:
                    retry.appendleft(task.chunk)  # not the chunk's fault
                return
            if task is not None:
                reason = _exit_reason(worker.process.exitcode)
                log.warning("a worker died (%s) on %d document(s) from %s: %s", reason, len(task.chunk), item_label(task.chunk[0][1]),
                            "redoing them one by one" if len(task.chunk) > 1 else "it gets an error record")
                self._failed(task, f"worker crashed ({reason})", retry, finished)

    @staticmethod
    def _failed(task: _Task, message: str, retry: deque, finished: dict[int, Result]) -> None:
        """A chunk is retried document by document; a lone document gets an error record."""
        if len(task.chunk) > 1:
            retry.extendleft(reversed([[pair] for pair in task.chunk]))
        else:
            ((index, item),) = task.chunk
            finished[index] = crashed(index, item, message)


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


# -- the API ----------------------------------------------------------------------------


def _chunks(items: Iterable[Item], size: int, jobs: int = 1) -> Iterator[list[tuple[int, Item]]]:
    """Chunks of `size` consecutive (index, item). For several workers the last ones taper off:
    once fewer than `2 * jobs * size` items are left, a chunk takes a `2 * jobs`-th of what is
    left (at least TAPER_DOCS), so that the workers run out of work together instead of one
    finishing a whole chunk while the others wait."""
    numbered = enumerate(items)
    if jobs <= 1:
        while chunk := list(islice(numbered, size)):
            yield chunk
        return
    ahead: deque[tuple[int, Item]] = deque()
    horizon = 2 * jobs * size
    while True:
        ahead.extend(islice(numbered, horizon - len(ahead)))
        if not ahead:
            return
        take = size if len(ahead) >= horizon else min(size, max(-(-len(ahead) // (2 * jobs)), TAPER_DOCS))
        yield [ahead.popleft() for _ in range(min(take, len(ahead)))]


def extract_lines(
    items: Iterable[Item],
    jobs: int = 1,
    *,
    chunk_size: int = CHUNK_DOCS,
    options: Options = Options(),
    pipeline: Any = None,
    fork: bool = False,
) -> Iterator[Result]:
    """Results in input order, one per item, each record serialised as a JSON line.

    `jobs=1` runs here (with `pipeline` when given, else one loaded with `options`);
    `jobs>1` runs in up to that many worker processes; `jobs=0` means one per CPU. With
    `fork`, where `fork_context()` allows, the pipeline (`pipeline`, or one loaded here) is
    loaded once and the workers are forked with it: none of them loads its own.
    Close the generator (or let it finish) to stop the workers.
    """
    jobs = jobs or available_cpus()
    chunk_size = max(int(chunk_size), 1)
    chunks = _chunks(items, chunk_size, jobs)
    if jobs <= 1:
        runner = None  # loaded with the first chunk: nothing to do costs nothing
        for chunk in chunks:
            runner = runner or Runner(options, pipeline)
            yield from runner.run(chunk)
        return
    pool = _Pool(jobs, options, fork=fork, pipeline=pipeline)
    try:
        yield from pool.run(chunks, window=WINDOW_CHUNKS * jobs * chunk_size)
    finally:
        pool.close()


def extract_many_parallel(items: Iterable[Item], jobs: int = 0, **kwargs: Any) -> Iterator[DocumentRecord]:
    """DocumentRecords in input order, extracted by `jobs` worker processes (0: one per CPU)."""
    from ..io.write import record_from_dict

    for result in extract_lines(items, jobs, **kwargs):
        yield record_from_dict(json.loads(result.line))


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
