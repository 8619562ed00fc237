"""Bench: throughput and peak memory of the extractor against natasha's standard pipeline.

    python cli.py bench [--corpus DIR] [--table PATH] [--limit N]

Both systems run on the same texts, each in its own fresh child process (so the
peak RSS of one does not include the other), one at a time, with one BLAS/OpenMP
thread. A worker times its model load (imports included), makes one warm-up pass
over the first few documents, then times one full pass. KB = 1000 bytes of UTF-8.

The parent hands the texts to the workers in a JSON file, so both see exactly the
same strings. The worker runs this file as a script, not as `tools.bench`, so
the natasha worker does not import the extractor package at all.

Only the standard library is imported at module level. The other bench, `extract -j 1`
against `-j 2` on a 10,000-document corpus (`bench --scaling`), is in bench_scaling.py.

`bench --soak N` is a memory soak: N varied documents (assembled from `../shared/data` as
the scaling bench does, tools/scaling_corpus.py) through one extractor process, its peak
RSS read every 1,000 documents. Verdict: memory plateaus when the peak after the last
1,000 documents is within 20 % of the peak after 2,000.
"""
from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__" and sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    # Run as a script: sys.path[0] is extractor/, whose modules (read.py, dates.py, …)
    # must not become top-level modules. The repository root goes there instead.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import datetime as dt
import gc
import json
import math
import os
import platform
import resource
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "corpora"
REPEAT_BELOW = 200_000  # bytes: a default corpus smaller than this is repeated …
REPEAT_TO = 300_000  # … until it holds at least this many bytes
WARMUP_DOCS = 5
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
    files: list[Path]  # the distinct files read, sorted
    texts: list[str]  # what the systems process (the files, repeated `copies` times)
    copies: int = 1

    @property
    def file_bytes(self) -> int:
        """UTF-8 bytes of one copy of the files."""
        return sum(utf8_len(t) for t in self.texts[: len(self.files)])

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


def load_corpus(
    folder: Path,
    limit: int | None = None,
    repeat_below: int | None = None,
    repeat_to: int = REPEAT_TO,
) -> Corpus:
    """The first `limit` .txt files of `folder` (sorted). When `repeat_below` is given and the
    texts hold fewer bytes than that, the whole list is repeated until it holds >= `repeat_to`."""
    if not folder.is_dir():
        raise BenchError(f"corpus folder not found: {folder}")
    if limit is not None and limit < 1:
        raise BenchError(f"--limit must be at least 1, got {limit}")
    files = list_texts(folder)
    if not files:
        raise BenchError(f"no .txt files in {folder}")
    files = files[:limit] if limit is not None else files
    texts = [read_text(p) for p in files]
    size = sum(utf8_len(t) for t in texts)
    copies = 1
    if repeat_below is not None and size < repeat_below:
        if size == 0:
            raise BenchError(f"the .txt files in {folder} are all empty")
        copies = math.ceil(repeat_to / size)
    return Corpus(path=folder, files=files, texts=texts * copies, copies=copies)


# --- workers (child processes) --------------------------------------------------------------------


def load_system(name: str):
    """Load a system; returns a function that processes a list of texts completely."""
    if name == "extractor":
        import extractor

        nlp = extractor.load()

        def run(texts: list[str]) -> int:
            failed = 0
            for record in nlp.extract_many(texts):
                failed += not getattr(record, "ok", True)
            return failed

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
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


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
    """Body of a child process: load, warm up, one timed pass; the raw figures go to `result_path`."""
    texts = json.loads(texts_path.read_text(encoding="utf-8"))
    started = time.perf_counter()
    run = load_system(name)
    load_seconds = time.perf_counter() - started
    run(texts[:WARMUP_DOCS])
    cpu0, started = cpu_seconds(), time.perf_counter()
    with collector_clock() as collector:
        failed = run(texts)
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu0
    figures = {
        "system": name,
        "docs": len(texts),
        "bytes": sum(utf8_len(t) for t in texts),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "load_seconds": load_seconds,
        "peak_rss_mb": peak_rss_mb(),
        "failed_docs": failed,
        "gc_seconds": collector["seconds"],
        "gc_collections": collector["collections"],
    }
    result_path.write_text(json.dumps(figures), encoding="utf-8")


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    for var in THREAD_VARS:
        env[var] = "1"
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    return env


def run_worker(name: str, texts_path: Path, workdir: Path) -> dict:
    """Run one system in a fresh interpreter; returns its figures or raises RuntimeError."""
    result_path = workdir / f"{name}.json"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", name, "--texts", str(texts_path), "--result", str(result_path)]
    proc = subprocess.run(cmd, env=child_env(), cwd=str(ROOT), capture_output=True, text=True)
    if proc.returncode != 0 or not result_path.exists():
        tail = "\n".join((proc.stderr or proc.stdout or "").strip().splitlines()[-15:])
        raise RuntimeError(f"{name} worker failed (exit {proc.returncode}):\n{tail}")
    return json.loads(result_path.read_text(encoding="utf-8"))


# --- figures and table ----------------------------------------------------------------------------


def derive(figures: dict) -> dict:
    """Add KB, KB/s and docs/s to one system's raw figures."""
    out = dict(figures)
    seconds = figures["seconds"]
    out["kb"] = figures["bytes"] / 1000
    out["kb_per_s"] = out["kb"] / seconds if seconds > 0 else float("inf")
    out["docs_per_s"] = figures["docs"] / seconds if seconds > 0 else float("inf")
    return out


def with_ratios(systems: list[dict], baseline: str = BASELINE) -> list[dict]:
    """Derived figures plus `ratio`: throughput (KB/s) relative to the baseline system, or None."""
    rows = [derive(s) for s in systems]
    base = next((r for r in rows if r["system"] == baseline), None)
    for row in rows:
        row["ratio"] = row["kb_per_s"] / base["kb_per_s"] if base and base["kb_per_s"] > 0 else None
    return rows


@dataclass
class Meta:
    date: str
    corpus: str
    python: str
    cpu: str
    command: str
    files: int
    copies: int = 1
    file_kb: float = 0.0
    versions: dict = field(default_factory=dict)
    threads: str = "OMP/OPENBLAS/MKL_NUM_THREADS=1"


def render_table(meta: Meta, systems: list[dict], failures: dict[str, str] | None = None) -> str:
    rows = with_ratios(systems)
    versions = ", ".join(f"{k} {v}" for k, v in meta.versions.items())
    lines = [
        f"Benchmark {meta.date} · corpus `{meta.corpus}` · Python {meta.python} · CPU {meta.cpu}"
        f" · regenerate: `{meta.command}`",
        "",
    ]
    if meta.copies > 1:
        lines.append(
            f"The corpus is small ({meta.files} files, {meta.file_kb:.1f} KB), so its texts are repeated"
            f" ×{meta.copies} to keep timings stable."
        )
        lines.append("")
    lines += [
        "| system | docs | KB | seconds | KB/s | docs/s | load s | GC s (runs) | peak RSS MB | ratio vs natasha |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        ratio = f"{r['ratio']:.2f}×" if r["ratio"] is not None else "–"
        collector = f"{r['gc_seconds']:.2f} ({r['gc_collections']})" if "gc_seconds" in r else "–"
        lines.append(
            f"| {r['system']} | {r['docs']} | {r['kb']:.1f} | {r['seconds']:.2f} | {r['kb_per_s']:.1f}"
            f" | {r['docs_per_s']:.1f} | {r['load_seconds']:.2f} | {collector} | {r['peak_rss_mb']:.0f} | {ratio} |"
        )
    lines.append("")
    lines.append(
        f"Each system in its own fresh process, one at a time, {meta.threads}; load = imports + models;"
        f" one warm-up pass over {WARMUP_DOCS} documents, then one timed pass; GC s = time in Python's cyclic"
        " garbage collector during that pass (gc.callbacks), and how many times it ran. KB = 1000 bytes of UTF-8."
        + (f" Versions: {versions}." if versions else "")
    )
    for r in rows:
        if r.get("failed_docs"):
            lines.append(f"Note: {r['system']} returned {r['failed_docs']} failed document record(s).")
    for name, message in (failures or {}).items():
        last = [line.strip() for line in message.splitlines() if line.strip()]
        lines.append(f"Note: {name} did not finish: {last[-1] if last else 'unknown error'}")
    return "\n".join(lines) + "\n"


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


def command_line(corpus: Path | None, table: str | None, limit: int | None) -> str:
    parts = ["python cli.py bench"]
    if corpus is not None:
        parts.append(f"--corpus {corpus}")
    if limit is not None:
        parts.append(f"--limit {limit}")
    if table:
        parts.append(f"--table {table}")
    return " ".join(parts)


# --- entry point ----------------------------------------------------------------------------------


def run_benchmark(corpus: Path | None, table: str | None, limit: int | None) -> int:
    folder = Path(corpus) if corpus is not None else DEFAULT_CORPUS
    try:
        # Only the bundled sample is repeated; a corpus given on the command line is taken as is.
        data = load_corpus(folder, limit, repeat_below=REPEAT_BELOW if corpus is None else None)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return EXIT_USAGE

    meta = Meta(
        date=dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        corpus=str(corpus) if corpus is not None else "corpora/ (bundled sample)",
        python=platform.python_version(),
        cpu=f"{cpu_model()} ({os.cpu_count()} logical CPUs)",
        command=command_line(corpus, table, limit),
        files=len(data.files),
        copies=data.copies,
        file_kb=data.file_bytes / 1000,
        versions=versions(),
    )
    print(
        f"bench: {len(data.texts)} documents, {data.total_bytes / 1000:.1f} KB from {folder}"
        + (f" ({len(data.files)} files ×{data.copies})" if data.copies > 1 else ""),
        file=sys.stderr,
    )
    systems, failures = [], {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        workdir = Path(tmp)
        texts_path = workdir / "texts.json"
        texts_path.write_text(json.dumps(data.texts, ensure_ascii=False), encoding="utf-8")
        for name in SYSTEMS:
            print(f"bench: running {name} …", file=sys.stderr)
            try:
                systems.append(run_worker(name, texts_path, workdir))
            except RuntimeError as exc:
                failures[name] = str(exc)
                print(f"bench: {exc}", file=sys.stderr)

    text = render_table(meta, systems, failures)
    print(text)
    if table:
        out = Path(table)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        raw = {"meta": asdict(meta), "systems": with_ratios(systems), "failures": failures}
        raw_path = out.with_suffix(".json") if out.suffix != ".json" else out.with_name(out.name + ".raw.json")
        raw_path.write_text(json.dumps(raw, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return EXIT_FAILED if failures else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", choices=SYSTEMS, help="internal: run one system in this process")
    parser.add_argument("--texts", type=Path, help="internal: JSON list of texts for --worker")
    parser.add_argument("--result", type=Path, help="internal: where --worker writes its figures")
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--table", default=None)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    if args.worker:
        if not (args.texts and args.result):
            parser.error("--worker needs --texts and --result")
        worker(args.worker, args.texts, args.result)
        return EXIT_OK
    return run_benchmark(args.corpus, args.table, args.limit)


if __name__ == "__main__":
    raise SystemExit(main())
