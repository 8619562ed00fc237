"""Bench: the extractor against natasha's standard pipeline, the way a user meets them.

    python cli.py bench [--corpus DIR]... [--rounds N] [--limit N] [--table results/speed.md]
    python cli.py bench --stages [--corpus DIR]... [--rounds N] [--table results/stages.md]

Every measurement is a fresh child process (one BLAS/OpenMP thread) that starts Python,
imports and loads one system, reads the texts and makes one pass over them, then exits:
nothing is warmed up first. The parent times it from start to exit and reads its CPU time
(user + system) and peak RSS from the kernel (os.wait4), start-up and exit included; the
child times its load and its pass itself. A third kind of run, start-up, is the same
process on one short document. Each round runs, per corpus, the extractor then natasha
(natasha first in even rounds), then both start-ups; the table gives the medians over the
rounds, and the ratios natasha / extractor of whole-process CPU, pass CPU and start-up wall.
Default corpora: the bundled sample, NEREL dev, NEREL train (a missing default is skipped).
KB = 1000 bytes of UTF-8.

The parent hands the texts to the workers in a JSON file, so both see exactly the same
strings. The worker runs this file as a script, not as `tools.bench`, so the natasha worker
does not import the extractor package at all. Only the standard library is imported at
module level. The table is rendered by bench_table.py; `--stages` (where the extractor's
time goes, stage by stage) is bench_stages.py; `--scaling` bench_scaling.py; `--soak N`
bench_soak.py.
"""
from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__" and sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    # Run as a script: sys.path[0] is tools/; the repository root goes there instead.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import datetime as dt
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
# (folder, how the table names it): the default corpora, in order
DEFAULT_CORPORA = (
    (ROOT / "corpora" / "sample", "corpora/sample"),
    (SHARED_DATA / "nerel" / "dev", "../shared/data/nerel/dev"),
    (SHARED_DATA / "nerel" / "train", "../shared/data/nerel/train"),
)
STARTUP_TEXT = "Мэр Москвы Сергей Собянин открыл новую станцию метро."  # the short document of the start-up runs
DEFAULT_ROUNDS = 3
SYSTEMS = ("extractor", "natasha")
BASELINE = "natasha"
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class BenchError(Exception):
    """A usage problem (no corpus, no texts): reported as a message, not a traceback."""


# --- corpus ---------------------------------------------------------------------------------------


@dataclass
class Corpus:
    path: Path
    label: str  # how the table names it
    files: list[Path]  # the files read, sorted
    texts: list[str]

    @property
    def total_bytes(self) -> int:
        return sum(utf8_len(t) for t in self.texts)


def utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


def list_texts(folder: Path) -> list[Path]:
    """The .txt files under `folder`, recursively, sorted by relative path (.ann etc. ignored)."""
    files = [p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() == ".txt"]
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


def read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig", errors="replace")


def load_corpus(folder: Path, limit: int | None = None, label: str | None = None) -> Corpus:
    """The first `limit` .txt files of `folder` (sorted)."""
    if not folder.is_dir():
        raise BenchError(f"corpus folder not found: {folder}")
    if limit is not None and limit < 1:
        raise BenchError(f"--limit must be at least 1, got {limit}")
    files = list_texts(folder)
    if not files:
        raise BenchError(f"no .txt files in {folder}")
    files = files[:limit] if limit is not None else files
    return Corpus(path=folder, label=label or str(folder), files=files, texts=[read_text(p) for p in files])


def load_corpora(folders: Sequence[Path] | None, limit: int | None) -> tuple[list[Corpus], list[str]]:
    """The corpora given (each must be there), or the default ones that are there; and notes on
    the defaults skipped."""
    if folders:
        return [load_corpus(Path(f), limit) for f in folders], []
    corpora, skipped = [], []
    for folder, label in DEFAULT_CORPORA:
        if folder.is_dir():
            corpora.append(load_corpus(folder, limit, label))
        else:
            skipped.append(f"default corpus {label} not found: skipped")
    if not corpora:
        raise BenchError("none of the default corpora is there: give one with --corpus DIR")
    return corpora, skipped


# --- workers (child processes) --------------------------------------------------------------------


def load_system(name: str) -> Callable[[list[str]], int]:
    """Load a system; returns a function that processes a list of texts completely (→ failed docs)."""
    if name == "extractor":
        import extractor

        nlp = extractor.load()

        def run(texts: list[str]) -> int:
            return sum(not getattr(record, "ok", True) for record in nlp.extract_many(texts))

        return run
    if name == "natasha":
        from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

        segmenter, morph_vocab = Segmenter(), MorphVocab()
        embedding = NewsEmbedding()
        morph_tagger = NewsMorphTagger(embedding)
        syntax_parser = NewsSyntaxParser(embedding)
        ner_tagger = NewsNERTagger(embedding)

        def run(texts: list[str]) -> int:
            for text in texts:
                doc = Doc(text)
                doc.segment(segmenter)
                doc.tag_morph(morph_tagger)
                doc.parse_syntax(syntax_parser)
                doc.tag_ner(ner_tagger)
                for span in doc.spans:
                    span.normalize(morph_vocab)
            return 0

        return run
    raise ValueError(f"unknown system: {name!r} (expected one of {', '.join(SYSTEMS)})")


def peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    return rss_to_mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def rss_to_mb(maxrss: int) -> float:
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@contextmanager
def clock() -> Iterator[dict[str, float]]:
    """Wall and CPU seconds of this process while the block runs."""
    spent = {"seconds": 0.0, "cpu_seconds": 0.0}
    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    try:
        yield spent
    finally:
        spent["seconds"], spent["cpu_seconds"] = time.perf_counter() - wall0, cpu_seconds() - cpu0


@contextmanager
def collector_clock() -> Iterator[dict[str, float]]:
    """Time spent in the cyclic garbage collector, and its runs, while the block runs."""
    spent = {"seconds": 0.0, "collections": 0, "started": 0.0}

    def callback(phase: str, info: dict) -> None:
        if phase == "start":
            spent["started"] = time.perf_counter()
        else:
            spent["seconds"] += time.perf_counter() - spent["started"]
            spent["collections"] += 1

    gc.callbacks.append(callback)
    try:
        yield spent
    finally:
        gc.callbacks.remove(callback)


def worker(name: str, texts_path: Path, result_path: Path) -> None:
    """Body of a child process: read the texts, load, one timed pass; its own figures go to `result_path`."""
    texts = json.loads(texts_path.read_text(encoding="utf-8"))
    with clock() as load:
        run = load_system(name)
    with clock() as one_pass, collector_clock() as collector:
        failed = run(texts)
    figures = {
        "system": name, "docs": len(texts), "bytes": sum(utf8_len(t) for t in texts),
        "load_seconds": load["seconds"], "load_cpu_seconds": load["cpu_seconds"],
        "pass_seconds": one_pass["seconds"], "pass_cpu_seconds": one_pass["cpu_seconds"],
        "failed_docs": failed, "gc_seconds": collector["seconds"], "gc_collections": collector["collections"],
    }
    result_path.write_text(json.dumps(figures), encoding="utf-8")


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    for var in THREAD_VARS:
        env[var] = "1"
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    return env


def run_child(cmd: list[str], log_path: Path, label: str) -> dict:
    """Run `cmd` as a fresh process, to its exit: wall seconds, CPU seconds (user + system) and peak
    RSS, from the kernel (os.wait4); raises RuntimeError with the tail of its stderr when it fails."""
    with log_path.open("wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=child_env(), cwd=str(ROOT), stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    if proc.returncode != 0:
        lines = [line for line in log_path.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
        raise RuntimeError(f"{label} failed (exit {proc.returncode}):\n" + "\n".join(lines[-15:]))
    return {"process_seconds": seconds, "process_cpu_seconds": usage.ru_utime + usage.ru_stime,
            "peak_rss_mb": rss_to_mb(usage.ru_maxrss)}


def run_worker(name: str, texts_path: Path, workdir: Path) -> dict:
    """One system over the texts of `texts_path` in a fresh process: the parent's and the child's figures."""
    result_path = workdir / f"{name}.json"
    result_path.unlink(missing_ok=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", name, "--texts", str(texts_path), "--result", str(result_path)]
    outside = run_child(cmd, workdir / f"{name}.log", f"{name} worker")
    return {**json.loads(result_path.read_text(encoding="utf-8")), **outside}


# --- rounds ---------------------------------------------------------------------------------------


@dataclass
class Meta:
    date: str
    python: str
    cpu: str
    command: str
    rounds: int
    corpora: list[dict] = field(default_factory=list)  # label, files, KB of each corpus
    load_before: str = ""  # the load average when the bench started …
    load_after: str = ""  # … and when it ended: other work on the machine shows in the wall times
    versions: dict = field(default_factory=dict)
    threads: str = "OMP/OPENBLAS/MKL_NUM_THREADS=1"
    notes: list[str] = field(default_factory=list)


def write_texts(workdir: Path, name: str, texts: list[str]) -> Path:
    path = workdir / f"{name}.texts.json"
    path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return path


def round_order(round_no: int) -> tuple[str, ...]:
    """The extractor first in odd rounds, natasha first in even ones: neither always runs on a machine the other warmed."""
    return SYSTEMS if round_no % 2 else SYSTEMS[::-1]


def run_rounds(corpora: list[Corpus], rounds: int, workdir: Path) -> tuple[list[dict], dict[str, str]]:
    """Every round: each corpus through each system, then each system's start-up. All runs, and the
    first failure of each system (its later runs are skipped)."""
    paths = [write_texts(workdir, f"corpus{i}", c.texts) for i, c in enumerate(corpora)]
    startup = write_texts(workdir, "startup", [STARTUP_TEXT])
    runs, failures = [], {}
    for round_no in range(1, rounds + 1):
        jobs = [(c.label, p) for c, p in zip(corpora, paths)] + [("start-up", startup)]
        for label, path in jobs:
            for name in round_order(round_no):
                if name in failures:
                    continue
                print(f"bench: round {round_no}/{rounds}, {label}, {name} …", file=sys.stderr)
                try:
                    runs.append({"round": round_no, "corpus": label, **run_worker(name, path, workdir)})
                except RuntimeError as exc:
                    failures[name] = str(exc)
                    print(f"bench: {exc}", file=sys.stderr)
    return runs, failures


MEDIAN_FIELDS = ("process_seconds", "process_cpu_seconds", "pass_seconds", "pass_cpu_seconds", "load_seconds",
                 "load_cpu_seconds", "peak_rss_mb", "gc_seconds", "gc_collections")


def medians(runs: list[dict]) -> list[dict]:
    """Per corpus and system (in the order of their first runs): the median of each figure over the rounds."""
    out = []
    for key in dict.fromkeys((r["corpus"], r["system"]) for r in runs):
        mine = [r for r in runs if (r["corpus"], r["system"]) == key]
        first = mine[0]
        row = {"corpus": key[0], "system": key[1], "rounds": len(mine), "docs": first["docs"], "bytes": first["bytes"],
               "failed_docs": max(r["failed_docs"] for r in mine)}
        row.update({f: statistics.median(r[f] for r in mine) for f in MEDIAN_FIELDS if all(f in r for r in mine)})
        out.append(row)
    return out


def ratios(summary: list[dict], baseline: str = BASELINE, system: str = "extractor") -> list[dict]:
    """Per corpus: baseline / system of whole-process CPU, pass CPU and wall (start-up: its wall)."""
    by_key = {(r["corpus"], r["system"]): r for r in summary}
    out = []
    for corpus in dict.fromkeys(r["corpus"] for r in summary):
        ours, theirs = by_key.get((corpus, system)), by_key.get((corpus, baseline))
        if ours and theirs:
            out.append({"corpus": corpus, **{f: theirs[f] / ours[f] if ours[f] > 0 else None
                                              for f in ("process_cpu_seconds", "pass_cpu_seconds", "process_seconds")}})
    return out


# --- machine ---------------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def versions() -> dict[str, str]:
    from importlib import metadata

    found = {}
    for dist in ("natasha", "slovnet", "razdel", "pymorphy3", "spacy", "numpy"):
        try:
            found[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            pass
    return found


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def command_line(corpora: Sequence[Path] | None, table: str | None, limit: int | None, rounds: int,
                 stages: bool = False) -> str:
    parts = ["python cli.py bench"] + (["--stages"] if stages else [])
    parts += [f"--corpus {c}" for c in corpora or ()]
    if rounds != DEFAULT_ROUNDS:
        parts.append(f"--rounds {rounds}")
    if limit is not None:
        parts.append(f"--limit {limit}")
    if table:
        parts.append(f"--table {table}")
    return " ".join(parts)


def make_meta(corpora: list[Corpus], command: str, rounds: int, notes: list[str]) -> Meta:
    return Meta(
        date=dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"), python=platform.python_version(),
        cpu=f"{cpu_model()} ({os.cpu_count()} logical CPUs)", command=command, rounds=rounds,
        corpora=[{"corpus": c.label, "files": len(c.files), "kb": c.total_bytes / 1000} for c in corpora],
        load_before=load_average(), versions=versions(), notes=notes,
    )


def write_results(text: str, raw: dict, table: str) -> None:
    """The markdown table at `table`, and its figures as JSON beside it."""
    out = Path(table)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    raw_path = out.with_suffix(".json") if out.suffix != ".json" else out.with_name(out.name + ".raw.json")
    raw_path.write_text(json.dumps(raw, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# --- entry point ----------------------------------------------------------------------------------


def prepare(corpora: Sequence[Path] | None, limit: int | None, rounds: int) -> tuple[list[Corpus], list[str]]:
    """The corpora, checked; BenchError on a usage problem."""
    if rounds < 1:
        raise BenchError("--rounds takes a number of at least 1")
    loaded, notes = load_corpora(corpora, limit)
    for c in loaded:
        print(f"bench: {c.label}: {len(c.texts)} documents, {c.total_bytes / 1000:.1f} KB", file=sys.stderr)
    return loaded, notes


def run_benchmark(corpora: Sequence[Path] | None = None, table: str | None = None, limit: int | None = None,
                  rounds: int = DEFAULT_ROUNDS) -> int:
    from tools.bench_table import render_table

    try:
        loaded, notes = prepare(corpora, limit, rounds)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return EXIT_USAGE
    meta = make_meta(loaded, command_line(corpora, table, limit, rounds), rounds, notes)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        runs, failures = run_rounds(loaded, rounds, Path(tmp))
    meta.load_after = load_average()
    summary = medians(runs)
    text = render_table(meta, summary, ratios(summary), failures)
    print(text)
    if table:
        write_results(text, {"meta": asdict(meta), "summary": summary, "ratios": ratios(summary), "runs": runs,
                             "failures": failures}, table)
    return EXIT_FAILED if failures else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", choices=SYSTEMS, help="internal: run one system in this process")
    parser.add_argument("--texts", type=Path, help="internal: JSON list of texts for --worker")
    parser.add_argument("--result", type=Path, help="internal: where --worker writes its figures")
    parser.add_argument("--corpus", type=Path, action="append", default=None)
    parser.add_argument("--table", default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS)
    args = parser.parse_args(argv)
    if args.worker:
        if not (args.texts and args.result):
            parser.error("--worker needs --texts and --result")
        worker(args.worker, args.texts, args.result)
        return EXIT_OK
    return run_benchmark(args.corpus, args.table, args.limit, args.rounds)


if __name__ == "__main__":
    raise SystemExit(main())
