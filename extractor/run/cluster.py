"""Extraction on a Dask cluster: the records of a local run, computed on many machines.

    from extractor.run.cluster import extract_on_cluster

    for record in extract_on_cluster(paths, "tcp://scheduler:8786"):  # or a Client, or "local:4"
        ...                                   # DocumentRecords, in input order

    for result in cluster_lines(items, client):  # what `cli.py extract --scheduler` uses
        out.write(result.line + "\\n")          # the record as a JSON line, as pool.extract_lines

What travels: texts, not paths. The client reads each file itself (`read.read_file`,
the decoding of a local run, bad files becoming error records there) and sends the
decoded documents in chunks of `chunk_size`; the workers need no access to the inputs,
no shared file system, and only a window of chunks (2 per worker thread by default) is
on the cluster at a time. Each record comes back as its JSON line, serialised on the
worker by `write.dumps`, with its counts (`pool.Result`), so the output is
byte-identical to `cli.py extract` on one machine.

What each worker loads: the pipeline (`extractor.load()`, ~2 s, ~340 MB), once per
worker process, the first time a chunk reaches it (`worker_pipeline`, a per-process
cache); it is never pickled from the client. Workers need this package installed. Run
them one thread each (`dask worker ADDRESS --nworkers N --nthreads 1`): the pipeline is
Python under the GIL, so threads would not run it faster, and a lock serialises them in
case. Dask's nanny gives each worker OMP/MKL/OPENBLAS_NUM_THREADS=1.

A worker that dies (killed, out of memory, a crash in native code) loses nothing: dask
reruns its chunks elsewhere, up to `distributed.scheduler.allowed-failures` deaths (3 by
default); a chunk that kills more is redone document by document, and a document that
does so by itself becomes an error record (`{"stage": "worker", ...}`, `ok: false`), as
in a local run (pool.py). An exception outside the pipeline's own per-document
isolation is handled the same way, but one that says the workers cannot run the package
at all (the pipeline fails to load, an ImportError) stops the run with `WorkerError`, as
locally. The test hook of pool.py (EXTRACTOR_TEST_CRASH in the workers' environment)
works here too.
"""
from __future__ import annotations

import json
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Union

from distributed import Client, Future, KilledWorker, LocalCluster

from .pool import CHUNK_DOCS, CRASH_HOOK, Item, Options, Result, Runner, WorkerError, item_label, crashed
from ..document import Document
from ..pipeline import Pipeline
from ..records import DocumentRecord

Scheduler = Union[str, Client]  # "tcp://host:8786", "local:N", or a connected Client
WINDOW_CHUNKS = 2  # chunks per worker thread submitted ahead of the next record to yield
CONNECT_TIMEOUT = "5s"  # to reach a scheduler (dask's default, 30 s, is long to wait for a typo)
LOCAL_HOST = "127.0.0.1"  # local:N listens here only: its scheduler and dashboard are unauthenticated

# -- on the workers ---------------------------------------------------------------------

_lock = threading.Lock()
_pipeline: Pipeline | None = None
_loads = 0  # pipelines loaded by this process: 1 once a chunk has run here


def worker_pipeline(options: Options) -> Runner:
    """This process's pipeline, loaded on first use, with the record options of `options`."""
    global _pipeline, _loads
    if _pipeline is None:
        from .. import load

        try:
            _pipeline = load()
        except Exception as exc:  # a broken install: no document could succeed here
            raise WorkerError(f"the pipeline failed to load on a worker: {type(exc).__name__}: {exc}") from exc
        _loads += 1
    # the options only set two flags on the records: one loaded pipeline serves them all
    return Runner(options, replace(_pipeline, with_tokens=options.with_tokens, with_text=options.with_text))


def pipelines_loaded() -> int:
    """How many times this process has loaded the pipeline (for `client.run`)."""
    return _loads


def run_chunk(chunk: list[tuple[int, Document]], options: Options) -> list[Result]:
    """The task: records of a chunk of numbered documents, serialised."""
    crash_on = os.environ.get(CRASH_HOOK)
    if crash_on and any(crash_on in item_label(doc) for _, doc in chunk):
        os.kill(os.getpid(), signal.SIGKILL)
    with _lock:  # one pipeline per process, not known to be thread-safe
        return worker_pipeline(options).run(chunk)


# -- on the client ----------------------------------------------------------------------


@contextmanager
def connect(scheduler: Scheduler) -> Iterator[Client]:
    """A Client: the one given (left open), one to `tcp://host:port` (WorkerError when it
    cannot be reached within CONNECT_TIMEOUT), or for `local:N` a LocalCluster of N
    one-thread worker processes on this machine, its scheduler and dashboard on 127.0.0.1
    only (closed at the end)."""
    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler.startswith("local:"):
        workers = scheduler.removeprefix("local:")
        if not workers.isdigit() or int(workers) < 1:
            raise WorkerError(f"--scheduler {scheduler}: local:N needs a number of workers N >= 1")
        # dashboard (and the HTTP server that runs without one) on any free port of this host only: no clashes, no exposure
        with LocalCluster(
            n_workers=int(workers), threads_per_worker=1, processes=True, host=LOCAL_HOST, dashboard_address=f"{LOCAL_HOST}:0",
        ) as cluster:
            with Client(cluster) as client:
                yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:  # unreachable, not a scheduler, not an address
        raise WorkerError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    with client:
        yield client


def _documents(items: Iterable[Item]) -> Iterator[Document]:
    from ..io.read import read_file

    for item in items:
        yield item if isinstance(item, Document) else read_file(Path(item))


@dataclass
class _Task:
    chunk: list[tuple[int, Document]]
    future: Future | None = None  # None until submitted


def cluster_lines(
    items: Iterable[Item], scheduler: Scheduler, options: Options = Options(), chunk_size: int = CHUNK_DOCS,
    window: int | None = None,
) -> Iterator[Result]:
    """Results in input order, as `pool.extract_lines`, computed by the cluster's workers.

    `items` are paths (read here) or Documents. Only the first `window` chunks waiting
    for their results are submitted (default: 2 per worker thread at the start), so
    the cluster holds a bounded share of the corpus; the documents of a failed chunk,
    redone one by one, take the first places.
    """
    with connect(scheduler) as client:
        window = window or max(WINDOW_CHUNKS * sum(client.nthreads().values()), 2)
        numbered = enumerate(_documents(items))
        pending: deque[_Task] = deque()  # in input order
        try:
            while True:
                while len(pending) < window and (chunk := list(islice(numbered, max(chunk_size, 1)))):
                    pending.append(_Task(chunk))
                for task in islice(pending, window):
                    task.future = task.future or client.submit(run_chunk, task.chunk, options, pure=False)
                if not pending:
                    return
                task = pending.popleft()
                try:
                    results = task.future.result()
                except Exception as exc:  # noqa: BLE001 - KilledWorker, or a bug outside the pipeline
                    if task.future.status != "error":  # not the chunk's doing: the cluster is gone, say
                        raise WorkerError(f"the cluster failed: {type(exc).__name__}: {exc}") from exc
                    if isinstance(exc, WorkerError):  # no document could succeed: stop, as locally
                        raise WorkerError(str(exc)) from exc
                    if isinstance(exc, ImportError):
                        raise WorkerError(f"the workers cannot import the extractor (is it installed there?): {exc}") from exc
                    if len(task.chunk) > 1:  # redo its documents one by one, ahead of the rest
                        pending.extendleft(reversed([_Task([pair]) for pair in task.chunk]))
                        continue
                    ((index, doc),) = task.chunk
                    results = [crashed(index, doc, _failure(exc))]
                yield from results
        finally:
            for task in pending:
                if task.future is not None:
                    task.future.cancel()


def _failure(exc: BaseException) -> str:
    if isinstance(exc, KilledWorker):
        return "worker crashed (the workers running it died)"
    return f"worker error: {type(exc).__name__}: {exc}"


def extract_on_cluster(
    items: Iterable[Item], scheduler: Scheduler, options: Options = Options(), chunk_size: int = CHUNK_DOCS,
) -> Iterator[DocumentRecord]:
    """DocumentRecords in input order, extracted on a Dask cluster (see `cluster_lines`)."""
    from ..io.write import record_from_dict

    for result in cluster_lines(items, scheduler, options, chunk_size):
        yield record_from_dict(json.loads(result.line))
