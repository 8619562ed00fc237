"""Scaling bench: throughput of `extract -j 1` against `-j 2` (…) on one large corpus.

    python cli.py bench --scaling --docs 10000 [--jobs 1,2] [--rounds 3] [--data DIR] [--table results/scaling.md]

The corpus (scaling_corpus.py) is assembled deterministically from the shared corpora
(`../shared/data`): distinct documents, then documents derived from them (groups of
consecutive paragraphs), then repeated ones, only as many of each as needed; it is
written once to a temporary folder as `NNNNN_<kind>_<origin>.txt`, in that order. Then each
round runs every `-j` value in turn, `python cli.py extract FOLDER -o OUT.jsonl -j N` as a
subprocess, one after the other; its wall time runs from start to exit, model loading
included. Meanwhile the process tree is polled every POLL_SECONDS and the peak RSS of every
process kept (the kernel's high-water mark, VmHWM, where /proc has it, so peaks between
polls count too). All outputs must be byte-identical (sha256).

Why rounds: on a shared virtual machine the same run's CPU time drifts by 10 % and more
within minutes (-j 1 took 75.0, 89.1 and 76.8 s in the rounds of results/scaling.md), so one
-j 1 run against one -j 2 run measures the neighbours as much as the tool. Alternating the
values and taking, per round, the throughput over that of the round's first value pairs
runs minutes apart; the verdict is the median of those speedups, and every round is shown.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from itertools import zip_longest
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tools.bench import ROOT, BenchError, child_env, cpu_model, load_average, versions, write_results
from tools.scaling_corpus import CorpusStats, assemble, corpus_stats, write_corpus

DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_JOBS = (1, 2)
POLL_SECONDS = 0.1
TARGET_SPEEDUP = 1.8  # issue #5: -j 2 at least this many times the throughput of -j 1
DEFAULT_ROUNDS = 3
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

if TYPE_CHECKING:
    import psutil


# --- runs -----------------------------------------------------------------------------------------


@dataclass
class Run:
    jobs: int
    seconds: float
    exit_code: int
    sha256: str | None  # of the JSONL output; None when there is none
    records: int  # lines of the output
    failed_docs: int  # records with "ok": false
    parent_mb: float  # peak RSS of the extract process itself
    cpu_seconds: float = 0.0  # user + system time of the extract process and the workers it waited for
    workers_mb: list[float] = field(default_factory=list)  # peak RSS of each worker process, in start order
    others_mb: list[float] = field(default_factory=list)  # any other child (multiprocessing's resource tracker)
    error: str | None = None
    difference: str | None = None  # where the output first differs from that of the first run
    round: int = 1

    @property
    def output_name(self) -> str:
        return run_name(self.round, self.jobs) + ".jsonl"


def run_name(round_no: int, jobs: int) -> str:
    """The stem of a run's output and log files in the bench's work folder."""
    return f"r{round_no}-j{jobs}"


def peak_rss_mb(proc: psutil.Process) -> float:
    """The process's peak RSS so far (VmHWM) where /proc has it, else its current RSS."""
    try:
        for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return proc.memory_info().rss / (1024 * 1024)


def role(proc: psutil.Process, parent_pid: int) -> str:
    if proc.pid == parent_pid:
        return "parent"
    cmdline = " ".join(proc.cmdline())
    if "resource_tracker" in cmdline:
        return "other"
    # a spawned worker runs spawn_main; a forked one is a child of the run with the parent's command line
    return "worker" if "spawn_main" in cmdline or proc.ppid() == parent_pid else "other"


def tree_pids(pid: int) -> list[int]:
    """`pid` and its descendants, from the kernel's lists of each thread's children
    (/proc/PID/task/TID/children): no scan of every process of the machine, which psutil's
    `children(recursive=True)` does (2.5-3 ms a poll on this 2-core machine against 0.2 ms:
    2.5-3 % of a core at POLL_SECONDS, which a -j 2 run lost from its two cores and a -j 1 run
    took from the idle one). Parents before children, children in the order they started."""
    out, todo = [], [pid]
    while todo:
        current = todo.pop(0)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:  # exited
            continue
        out.append(current)
        for task in tasks:
            try:
                todo.extend(int(child) for child in Path(f"/proc/{current}/task/{task}/children").read_text().split())
            except (OSError, ValueError):
                pass
    return out


class TreeWatch:
    """The peak RSS of every process in a process tree, from repeated polls."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.psutil = psutil
        self.root = psutil.Process(pid)
        self.peaks: dict[int, tuple[str, float]] = {}  # pid → (role, MB), in first-seen order
        self.fast = Path(f"/proc/{pid}/task/{pid}/children").exists()  # else psutil lists the tree
        self.procs: dict[int, psutil.Process] = {pid: self.root}

    def processes(self) -> list[psutil.Process]:
        if not self.fast:
            return [self.root, *self.root.children(recursive=True)]
        out = []
        for pid in tree_pids(self.root.pid):
            try:
                out.append(self.procs.get(pid) or self.procs.setdefault(pid, self.psutil.Process(pid)))
            except self.psutil.Error:  # exited since it was listed
                pass
        return out

    def poll(self) -> None:
        try:
            procs = self.processes()
        except self.psutil.Error:  # the root has exited
            return
        for proc in procs:
            try:
                name = self.peaks[proc.pid][0] if proc.pid in self.peaks else role(proc, self.root.pid)
                mb = peak_rss_mb(proc)
            except self.psutil.Error:  # exited between listing and reading
                continue
            self.peaks[proc.pid] = (name, max(mb, self.peaks.get(proc.pid, ("", 0.0))[1]))

    def by_role(self, name: str) -> list[float]:
        return [mb for r, mb in self.peaks.values() if r == name]


def extract_command(folder: Path, output: Path, jobs: int, chunk_size: int | None = None) -> list[str]:
    cmd = [sys.executable, str(ROOT / "cli.py"), "extract", str(folder), "-o", str(output), "-j", str(jobs)]
    return cmd + (["--chunk-size", str(chunk_size)] if chunk_size else [])


def output_figures(path: Path) -> tuple[str, int, int]:
    """sha256, records and failed records of a JSONL output."""
    digest, records, failed = hashlib.sha256(), 0, 0
    with path.open("rb") as f:
        for line in f:
            digest.update(line)
            if line.strip():
                records += 1
                failed += json.loads(line).get("ok") is False
    return digest.hexdigest(), records, failed


def first_difference(a: Path, b: Path) -> str | None:
    """Where two JSONL outputs first differ: the line, and the file of its document."""
    with a.open("rb") as fa, b.open("rb") as fb:
        for number, (x, y) in enumerate(zip_longest(fa, fb), 1):
            if x != y:
                try:
                    source = json.loads(x or y).get("source") or "?"
                except ValueError:
                    source = "?"
                return f"line {number}, {Path(source).name}"
    return None


def compare_output(first: Run, run: Run, workdir: Path) -> None:
    """Note in `run` where its output first differs from that of `first`; drop an equal one."""
    if first.error is None and run.error is None and run.sha256 != first.sha256:
        run.difference = first_difference(workdir / first.output_name, workdir / run.output_name)
    elif run is not first:
        (workdir / run.output_name).unlink(missing_ok=True)  # ~50 MB each: keep only what may be compared


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_extract(folder: Path, workdir: Path, jobs: int, chunk_size: int | None = None, round_no: int = 1) -> Run:
    """One `extract -j N` subprocess, timed from start to exit, its process tree watched."""
    stem = run_name(round_no, jobs)
    output, log = workdir / f"{stem}.jsonl", workdir / f"{stem}.log"
    with log.open("wb") as err:
        cpu0, started = children_cpu(), time.perf_counter()
        proc = subprocess.Popen(
            extract_command(folder, output, jobs, chunk_size), cwd=str(ROOT), env=child_env(),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
        )
        watch = TreeWatch(proc.pid)
        while True:
            watch.poll()
            try:
                code = proc.wait(timeout=POLL_SECONDS)
                break
            except subprocess.TimeoutExpired:
                pass
        seconds, cpu = time.perf_counter() - started, children_cpu() - cpu0
    parent = watch.by_role("parent")
    run = Run(jobs, seconds, code, None, 0, 0, parent[0] if parent else 0.0, cpu, watch.by_role("worker"),
              watch.by_role("other"), round=round_no)
    # Exit 1 means some documents failed (counted below); anything else is a failed run.
    if code in (0, 1) and output.exists():
        run.sha256, run.records, run.failed_docs = output_figures(output)
    else:
        tail = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
        run.error = f"extract -j {jobs} exited with {code}: {tail[-1] if tail else 'no message'}"
    return run


# --- table ----------------------------------------------------------------------------------------


@dataclass
class Meta:
    date: str
    command: str
    python: str
    cpu: str
    cpus: int
    load_before: str  # load average (1, 5, 15 min) when the bench started
    data: str
    versions: dict = field(default_factory=dict)


def speedup(run: Run, runs: list[Run]) -> float | None:
    """Throughput of a run over that of the first run of its round (same corpus: a ratio of wall times)."""
    base = next((r for r in runs if r.round == run.round), None)
    ok = base is not None and base.error is None and run.error is None and run.seconds > 0
    return base.seconds / run.seconds if ok else None


@dataclass
class Summary:
    """One -j value over all rounds: medians, and the speedup of every round."""

    jobs: int
    seconds: float  # median wall time
    cpu_seconds: float  # median CPU time
    records: int
    speedups: list[float]  # one per round, in round order

    @property
    def speedup(self) -> float | None:
        return statistics.median(self.speedups) if self.speedups else None


def summaries(runs: list[Run]) -> list[Summary]:
    """Per -j value (in the order of their first runs), its successful runs summed up."""
    out = []
    for jobs in dict.fromkeys(r.jobs for r in runs):
        done = [r for r in runs if r.jobs == jobs and r.error is None]
        if done:
            ratios = [x for x in (speedup(r, runs) for r in done) if x is not None]
            out.append(Summary(jobs, statistics.median(r.seconds for r in done),
                               statistics.median(r.cpu_seconds for r in done), done[0].records, ratios))
    return out


def identical(runs: list[Run]) -> bool:
    return bool(runs) and all(r.error is None for r in runs) and len({r.sha256 for r in runs}) == 1


def mb_list(values: list[float]) -> str:
    return ", ".join(f"{v:.0f}" for v in values) if values else "–"


def times(x: float | None) -> str:
    return f"{x:.2f}×" if x else "–"


def run_row(r: Run, corpus: CorpusStats, speed: float | None) -> str:
    if r.error:
        return f"| {r.round} | {r.jobs} | – | – | – | – | – | – | – | {r.parent_mb:.0f} | {mb_list(r.workers_mb)} | – |"
    return (
        f"| {r.round} | {r.jobs} | {r.records} | {corpus.mb:.2f} | {r.seconds:.1f} | {r.cpu_seconds:.1f}"
        f" | {r.records / r.seconds:.1f} | {corpus.bytes / 1000 / r.seconds:.1f} | {times(speed)} | {r.parent_mb:.0f}"
        f" | {mb_list(r.workers_mb)} | {r.failed_docs} |"
    )


def summary_row(s: Summary, corpus: CorpusStats, base: Summary) -> str:
    spread = f" ({min(s.speedups):.2f}–{max(s.speedups):.2f})" if len(s.speedups) > 1 else ""
    return (
        f"| {s.jobs} | {len(s.speedups)} | {s.seconds:.1f} | {s.cpu_seconds:.1f} | {s.records / s.seconds:.1f}"
        f" | {corpus.bytes / 1000 / s.seconds:.1f} | {times(s.speedup)}{spread} | {times(s.cpu_seconds / base.cpu_seconds)} |"
    )


def verdicts(runs: list[Run]) -> list[str]:
    """Identical outputs, and the target of issue #5."""
    if identical(runs):
        lines = [f"Outputs byte-identical: yes (sha256 {runs[0].sha256[:16]}…)."]
    else:
        shas = ", ".join(f"round {r.round} -j {r.jobs}: {(r.sha256 or 'none')[:16]}" for r in runs)
        lines = [f"Outputs byte-identical: **no** ({shas})."]
    by_jobs = {s.jobs: s for s in summaries(runs)}
    if runs and runs[0].jobs == 1 and 2 in by_jobs and by_jobs[2].speedup:
        two = by_jobs[2]
        verdict = "met" if two.speedup >= TARGET_SPEEDUP else "**not met**"
        rounds = f", the median of {len(two.speedups)} rounds: " + ", ".join(f"{x:.2f}×" for x in two.speedups) if len(two.speedups) > 1 else ""
        lines.append(f"Target of issue #5 (-j 2 at least {TARGET_SPEEDUP}× the throughput of -j 1): {verdict}"
                     f" ({two.speedup:.2f}×{rounds}).")
    return lines


def render_table(meta: Meta, corpus: CorpusStats, runs: list[Run]) -> str:
    summary = summaries(runs)
    sources = ", ".join(f"{name} {count}" for name, count in corpus.sources.items())
    versions_text = ", ".join(f"{k} {v}" for k, v in meta.versions.items())
    lines = [
        f"Scaling benchmark {meta.date} · Python {meta.python} · CPU {meta.cpu} ({meta.cpus} logical CPUs)"
        f" · load average before: {meta.load_before} · regenerate: `{meta.command}`",
        "",
        f"Corpus: {corpus.docs} documents, {corpus.mb:.2f} MB of UTF-8 from `{meta.data}`:"
        f" {corpus.kinds['distinct']} distinct ({sources}), {corpus.kinds['derived']} derived"
        f" (groups of consecutive paragraphs of at least {corpus.min_chars} characters cut from the longer"
        f" documents), {corpus.kinds['repeated']} repeated (the list cycled).",
        "",
        "| jobs | rounds | median seconds | median CPU s | docs/s | KB/s | speedup: median (range) | CPU s over"
        f" -j {summary[0].jobs if summary else 1} |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        *(summary_row(s, corpus, summary[0]) for s in summary),
        "",
        *verdicts(runs),
        "",
        "| round | jobs | docs | MB | seconds | CPU s | docs/s | KB/s | speedup | peak RSS parent MB | peak RSS per worker MB | failed docs |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *(run_row(r, corpus, speedup(r, runs)) for r in runs),
        "",
        "Each run is one `python cli.py extract FOLDER -o OUT.jsonl -j N` subprocess, one after the other; each"
        " round runs every -j value in turn; seconds = its wall time from start to exit, model loading included;"
        " CPU s = user + system time of it and its workers (well under jobs × seconds when other processes took"
        " CPU time, or a worker waited); speedup = throughput over that of the round's"
        f" -j {runs[0].jobs if runs else 1}, and its median over the rounds is the verdict (docs/s and KB/s"
        " of the summary come from the median seconds). Peak RSS = the kernel's high-water mark of each process, read every"
        f" {POLL_SECONDS} s; the parent of -j 1 does the extraction itself. MB = 10⁶ bytes of text, KB = 1000;"
        " RSS MB = MiB." + (f" Versions: {versions_text}." if versions_text else ""),
    ]
    for jobs in dict.fromkeys(r.jobs for r in runs):
        others = [mb for r in runs if r.jobs == jobs for mb in r.others_mb]
        if others:
            n = sum(r.jobs == jobs for r in runs)
            lines.append(f"-j {jobs} also ran {len(others)} other child process(es) in its {n} run(s)"
                         f" (multiprocessing's resource tracker): at most {max(others):.0f} MB.")
    for r in runs:
        if r.error:
            lines.append(f"Note (round {r.round}): {r.error}")
        if r.difference:
            lines.append(f"Round {r.round}, -j {r.jobs} first differs from round 1, -j {runs[0].jobs} at {r.difference}.")
    return "\n".join(lines) + "\n"


# --- entry point ----------------------------------------------------------------------------------


def parse_jobs(text: str) -> list[int]:
    """"1,2" → [1, 2]."""
    try:
        jobs = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise BenchError(f"--jobs takes numbers separated by commas, got {text!r}") from None
    if not jobs or any(j < 1 for j in jobs):
        raise BenchError(f"--jobs takes numbers of at least 1, got {text!r}")
    return jobs


def command_line(docs: int, jobs: Sequence[int], data: Path | None, table: str | None, rounds: int = DEFAULT_ROUNDS) -> str:
    parts = ["python cli.py bench --scaling", f"--docs {docs}"]
    if tuple(jobs) != DEFAULT_JOBS:
        parts.append("--jobs " + ",".join(map(str, jobs)))
    if rounds != DEFAULT_ROUNDS:
        parts.append(f"--rounds {rounds}")
    if data is not None:
        parts.append(f"--data {data}")
    if table:
        parts.append(f"--table {table}")
    return " ".join(parts)


def scaling_results(text: str, meta: Meta, corpus: CorpusStats, runs: list[Run], table: str) -> None:
    raw = {
        "meta": asdict(meta),
        "corpus": {**asdict(corpus), "mb": corpus.mb},
        "runs": [{**asdict(r), "docs_per_s": r.records / r.seconds, "kb_per_s": corpus.bytes / 1000 / r.seconds}
                 if r.error is None else asdict(r) for r in runs],
        "summary": [{**asdict(s), "speedup": s.speedup} for s in summaries(runs)],
        "identical": identical(runs),
    }
    write_results(text, raw, table)


def run_scaling(
    docs: int,
    jobs: Sequence[int] = DEFAULT_JOBS,
    data: Path | None = None,
    table: str | None = None,
    chunk_size: int | None = None,
    rounds: int = DEFAULT_ROUNDS,
) -> int:
    """Assemble the corpus, run extract once per `jobs` value in each round, print (and write) the table."""
    folder = Path(data) if data is not None else DEFAULT_DATA
    load_before = load_average()
    try:
        corpus = assemble(folder, docs)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return EXIT_USAGE
    stats = corpus_stats(corpus)
    meta = Meta(
        date=dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        command=command_line(docs, jobs, data, table, rounds),
        python=platform.python_version(),
        cpu=cpu_model(),
        cpus=os.cpu_count() or 1,
        load_before=load_before,
        data=str(data) if data is not None else "../shared/data",
        versions=versions(),
    )
    print(f"bench: {stats.docs} documents, {stats.mb:.2f} MB ({stats.kinds})", file=sys.stderr)
    runs = []
    with tempfile.TemporaryDirectory(prefix="bench-scaling-") as tmp:
        workdir = Path(tmp)
        write_corpus(corpus, workdir / "corpus")
        for round_no in range(1, rounds + 1):
            for n in jobs:
                print(f"bench: round {round_no}/{rounds}, extract -j {n} …", file=sys.stderr)
                runs.append(run_extract(workdir / "corpus", workdir, n, chunk_size, round_no))
                compare_output(runs[0], runs[-1], workdir)
    text = render_table(meta, stats, runs)
    print(text)
    if table:
        scaling_results(text, meta, stats, runs, table)
    return EXIT_OK if identical(runs) else EXIT_FAILED
