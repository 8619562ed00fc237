"""Bench: where the extractor's time goes, stage by stage.

    python cli.py bench --stages [--corpus DIR]... [--rounds N] [--limit N] [--table results/stages.md]

Per corpus and round, one fresh child process (as `bench` runs them, bench.run_child) loads
the extractor and extracts the corpus through `extract_many`, each record serialised as
`extract` writes it (io.write.dumps). Inside it the CPU seconds are split: imports (the time
inside `import` statements, outermost only, while the package is imported and loaded),
models (the rest of `extractor.load()`), every stage's `__call__` over the batches (the
pipeline's stages, extractor/pipeline.py, wrapped), making the records (`Pipeline.record`),
JSON serialisation, and the rest of the pass (batching, the generator, the garbage
collector outside the stages). The parent adds the interpreter's start and exit (and the
reading of the texts): the process's CPU seconds (os.wait4) less all that was timed inside it. Shares are of the whole
process; the table gives medians over the rounds.
"""
from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__" and sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(Path(__file__).resolve().parent.parent)  # run as a script: the repository, not tools/

import builtins
import json
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict

from tools.bench import (EXIT_FAILED, EXIT_OK, EXIT_USAGE, BenchError, Corpus, DEFAULT_ROUNDS, Meta, clock, command_line,
                         load_average, make_meta, prepare, run_child, write_results, write_texts)
from tools.bench_table import header

START_EXIT = "interpreter start-up and exit, reading the texts"
IMPORTS, MODELS, RECORDS, JSON, REST = "imports", "models", "records", "JSON serialisation", "rest of the pass"


@contextmanager
def import_clock() -> Iterator[dict[str, float]]:
    """CPU seconds spent inside `import` statements while the block runs (nested imports counted once)."""
    spent = {"cpu_seconds": 0.0}
    depth = 0
    original = builtins.__import__

    def timed(*args, **kwargs):
        nonlocal depth
        if depth:
            return original(*args, **kwargs)
        depth, started = 1, time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            depth = 0
            spent["cpu_seconds"] += time.process_time() - started

    builtins.__import__ = timed
    try:
        yield spent
    finally:
        builtins.__import__ = original


class Timed:
    """A callable (a stage, `Pipeline.record`) that adds up its calls' CPU seconds; the rest is the wrapped one's."""

    def __init__(self, inner: Callable, spent: dict[str, float], key: str) -> None:
        self.inner, self.spent, self.key = inner, spent, key
        spent.setdefault(key, 0.0)

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def __call__(self, *args, **kwargs):
        started = time.process_time()
        try:
            return self.inner(*args, **kwargs)
        finally:
            self.spent[self.key] += time.process_time() - started


def stage_worker(texts_path: Path, result_path: Path) -> None:
    """Body of the child process: load and run the extractor, its CPU seconds split as the module says."""
    texts = json.loads(texts_path.read_text(encoding="utf-8"))
    with clock() as load, import_clock() as imports:
        import extractor
        from extractor.io.write import dumps

        nlp = extractor.load()
    spent: dict[str, float] = {}
    nlp.stages = [Timed(stage, spent, f"stage {stage.name}") for stage in nlp.stages]
    nlp.record = Timed(nlp.record, spent, RECORDS)
    serialise = Timed(dumps, spent, JSON)
    with clock() as one_pass:
        for record in nlp.extract_many(texts):
            serialise(record)
    parts = {IMPORTS: imports["cpu_seconds"], MODELS: load["cpu_seconds"] - imports["cpu_seconds"], **spent}
    parts[REST] = one_pass["cpu_seconds"] - sum(spent.values())
    figures = {"docs": len(texts), "inside_cpu_seconds": load["cpu_seconds"] + one_pass["cpu_seconds"], "parts": parts}
    result_path.write_text(json.dumps(figures), encoding="utf-8")


def run_stage_worker(texts_path: Path, workdir: Path) -> dict:
    """The profile of one corpus in a fresh process: the child's parts, and the interpreter's start and exit."""
    result_path = workdir / "stages.json"
    result_path.unlink(missing_ok=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", "--texts", str(texts_path), "--result", str(result_path)]
    outside = run_child(cmd, workdir / "stages.log", "the stage profile's worker")
    figures = json.loads(result_path.read_text(encoding="utf-8"))
    parts = {START_EXIT: outside["process_cpu_seconds"] - figures["inside_cpu_seconds"], **figures["parts"]}
    return {"docs": figures["docs"], "process_cpu_seconds": outside["process_cpu_seconds"], "parts": parts}


def profile(corpora: list[Corpus], rounds: int, workdir: Path) -> tuple[list[dict], dict[str, str]]:
    """Every round, each corpus once: all runs, and the first failure per corpus."""
    paths = [write_texts(workdir, f"corpus{i}", c.texts) for i, c in enumerate(corpora)]
    runs, failures = [], {}
    for round_no in range(1, rounds + 1):
        for corpus, path in zip(corpora, paths):
            if corpus.label in failures:
                continue
            print(f"bench: stages, round {round_no}/{rounds}, {corpus.label} …", file=sys.stderr)
            try:
                runs.append({"round": round_no, "corpus": corpus.label, **run_stage_worker(path, workdir)})
            except RuntimeError as exc:
                failures[corpus.label] = str(exc)
                print(f"bench: {exc}", file=sys.stderr)
    return runs, failures


def stage_medians(runs: list[dict]) -> dict[str, dict]:
    """Per corpus: the median CPU seconds of the process and of each part over the rounds."""
    out = {}
    for corpus in dict.fromkeys(r["corpus"] for r in runs):
        mine = [r for r in runs if r["corpus"] == corpus]
        out[corpus] = {"rounds": len(mine), "process_cpu_seconds": statistics.median(r["process_cpu_seconds"] for r in mine),
                       "parts": {p: statistics.median(r["parts"][p] for r in mine) for p in mine[0]["parts"]}}
    return out


def render_stages(meta: Meta, summary: dict[str, dict], failures: dict[str, str] | None = None) -> str:
    corpora = list(summary)
    parts = list(dict.fromkeys(p for s in summary.values() for p in s["parts"]))
    lines = header("Stage profile", meta) + [
        "| part | " + " | ".join(f"`{c}` CPU s | share" for c in corpora) + " |",
        "|---|" + "---:|---:|" * len(corpora),
    ]
    for part in parts:
        cells = []
        for c in corpora:
            seconds, total = summary[c]["parts"].get(part), summary[c]["process_cpu_seconds"]
            cells.append("– | –" if seconds is None else f"{seconds:.2f} | {seconds / total:.1%}" if total > 0 else f"{seconds:.2f} | –")
        lines.append(f"| {part} | " + " | ".join(cells) + " |")
    lines.append("| **whole process** | " + " | ".join(f"**{summary[c]['process_cpu_seconds']:.2f}** | 100%" for c in corpora) + " |")
    lines += [
        "",
        "CPU seconds (user + system) of one fresh extractor process per corpus and round, medians over the rounds;"
        f" {meta.threads}; `extract_many` over the texts, each record serialised as `extract` writes it."
        " imports = inside `import` statements while the package is imported and `extractor.load()` runs; models ="
        " the rest of `load()`; `stage X` = that stage's `__call__` over the batches (extractor/pipeline.py); records ="
        " `Pipeline.record`; rest of the pass = batching, the generator, the garbage collector between stages;"
        " interpreter start-up … = the process's CPU seconds (os.wait4) less all that was timed inside it. Each row is"
        " a median by itself, so the rows need not add up to the whole exactly.",
    ]
    lines += [f"Note: {note}." for note in meta.notes]
    for corpus, message in (failures or {}).items():
        last = [line.strip() for line in message.splitlines() if line.strip()]
        lines.append(f"Note: the profile of {corpus} did not finish: {last[-1] if last else 'unknown error'}")
    return "\n".join(lines) + "\n"


def run_stages(corpora: list[Path] | None = None, table: str | None = None, limit: int | None = None,
               rounds: int = DEFAULT_ROUNDS) -> int:
    try:
        loaded, notes = prepare(corpora, limit, rounds)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return EXIT_USAGE
    meta = make_meta(loaded, command_line(corpora, table, limit, rounds, stages=True), rounds, notes)
    with tempfile.TemporaryDirectory(prefix="bench-stages-") as tmp:
        runs, failures = profile(loaded, rounds, Path(tmp))
    meta.load_after = load_average()
    summary = stage_medians(runs)
    text = render_stages(meta, summary, failures)
    print(text)
    if table:
        write_results(text, {"meta": asdict(meta), "summary": summary, "runs": runs, "failures": failures}, table)
    return EXIT_FAILED if failures else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", action="store_true", help="internal: profile the extractor in this process")
    parser.add_argument("--texts", type=Path, help="internal: JSON list of texts for --worker")
    parser.add_argument("--result", type=Path, help="internal: where --worker writes its figures")
    args = parser.parse_args(argv)
    if not (args.worker and args.texts and args.result):
        parser.error("this is the child process of `python cli.py bench --stages`: --worker --texts --result")
    stage_worker(args.texts, args.result)
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
