"""The memory soak: N varied documents through one process, peak RSS read every 1,000.

    python cli.py bench --soak 12000 [--data ../shared/data] [--table results/soak.md]

The documents are assembled from the shared corpora as the scaling bench assembles them
(`tools/scaling_corpus.py`); one child process loads the extractor and runs them all through
one `extract_many`, writing a reading (documents, seconds, peak and current RSS) every
`SOAK_EVERY` documents. The verdict: the peak after the last reading within `SOAK_TOLERANCE`
of the peak after 2 × `SOAK_EVERY` documents — memory plateaus.
"""
from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__" and sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(Path(__file__).resolve().parent.parent)  # run as a script: the repository, not tools/

import datetime as dt
import json
import os
import platform
import subprocess
import tempfile
import time
from dataclasses import asdict, dataclass

from tools.bench import EXIT_FAILED, EXIT_OK, EXIT_USAGE, ROOT, BenchError, child_env, cpu_model, peak_rss_mb, write_results

DEFAULT_DATA = ROOT.parent / "shared" / "data"  # the shared corpora the soak assembles its documents from
SOAK_EVERY = 1000  # documents between two readings of the soak
SOAK_TOLERANCE = 0.20  # the last peak may exceed the peak after 2 × SOAK_EVERY documents by this much


def rss_mb() -> float | None:
    """The resident set size now (Linux), or None where /proc is not there."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def soak_pass(texts: list[str], extract_many, every: int, report) -> None:
    """All `texts` through one `extract_many` (texts → records); after every `every`
    documents, and after the last, `report` gets a reading: documents so far, seconds,
    peak and current RSS, failed records."""
    started, failed = time.perf_counter(), 0
    for done, record in enumerate(extract_many(texts), 1):
        failed += not getattr(record, "ok", True)
        if done % every == 0 or done == len(texts):
            report({"docs": done, "seconds": time.perf_counter() - started, "peak_rss_mb": peak_rss_mb(),
                    "rss_mb": rss_mb(), "failed_docs": failed})


def soak_worker(texts_path: Path, result_path: Path, every: int) -> None:
    """Body of the soak's child process: load the extractor, run every text, one JSON line per reading."""
    texts = json.loads(texts_path.read_text(encoding="utf-8"))
    import extractor

    nlp = extractor.load()
    with result_path.open("w", encoding="utf-8") as out:
        def report(reading: dict) -> None:
            out.write(json.dumps(reading) + "\n")
            out.flush()  # what was read survives a crash
            print(f"bench: {reading['docs']} documents, {reading['seconds']:.0f} s, peak RSS {reading['peak_rss_mb']:.0f} MB",
                  file=sys.stderr, flush=True)

        soak_pass(texts, nlp.extract_many, every, report)


def read_readings(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_soak_worker(texts_path: Path, workdir: Path, every: int) -> tuple[list[dict], str | None]:
    """The soak in a fresh interpreter (its progress on stderr): its readings, and why it stopped early, if it did."""
    result_path = workdir / "soak.jsonl"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--soak-worker", "--texts", str(texts_path),
           "--result", str(result_path), "--every", str(every)]
    proc = subprocess.run(cmd, env=child_env(), cwd=str(ROOT))
    readings = read_readings(result_path)
    return readings, (f"the soak worker failed (exit {proc.returncode})" if proc.returncode != 0 else None)


def soak_verdict(readings: list[dict], every: int = SOAK_EVERY, tolerance: float = SOAK_TOLERANCE) -> dict:
    """Peak RSS after the last reading against the peak after 2 × `every` documents:
    `plateau` True within `tolerance`, False beyond it, None when there is no later reading."""
    base = next((r for r in readings if r["docs"] == 2 * every), None)
    last = readings[-1] if readings else None
    if base is None or last is None or last["docs"] <= base["docs"]:
        return {"plateau": None, "base_docs": 2 * every, "base_mb": base and base["peak_rss_mb"], "last_docs": last and last["docs"],
                "last_mb": last and last["peak_rss_mb"], "growth": None, "tolerance": tolerance}
    growth = last["peak_rss_mb"] / base["peak_rss_mb"] - 1
    return {"plateau": growth <= tolerance, "base_docs": base["docs"], "base_mb": base["peak_rss_mb"], "last_docs": last["docs"],
            "last_mb": last["peak_rss_mb"], "growth": growth, "tolerance": tolerance}


@dataclass
class SoakMeta:
    date: str
    command: str
    data: str
    docs: int
    mb: float  # UTF-8 megabytes of the corpus
    kinds: dict  # distinct / derived / repeated → documents
    python: str
    cpu: str
    every: int = SOAK_EVERY


def render_soak_table(meta: SoakMeta, readings: list[dict], verdict: dict, failure: str | None = None) -> str:
    kinds = ", ".join(f"{n} {k}" for k, n in meta.kinds.items() if n)
    lines = [
        f"Soak {meta.date} · {meta.docs} documents ({meta.mb:.1f} MB: {kinds}) from `{meta.data}` through one process"
        f" · Python {meta.python} · CPU {meta.cpu} · regenerate: `{meta.command}`",
        "",
        "| documents | seconds | docs/s since the last reading | RSS MB | peak RSS MB | peak vs the peak after 2,000 |"
        if meta.every == 1000 else
        f"| documents | seconds | docs/s since the last reading | RSS MB | peak RSS MB | peak vs the peak after {2 * meta.every} |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    before = {"docs": 0, "seconds": 0.0}
    for r in readings:
        span = r["seconds"] - before["seconds"]
        rate = f"{(r['docs'] - before['docs']) / span:.1f}" if span > 0 else "–"
        vs = f"{r['peak_rss_mb'] / verdict['base_mb'] - 1:+.1%}" if verdict.get("base_mb") and r["docs"] >= verdict["base_docs"] else "–"
        now = f"{r['rss_mb']:.0f}" if r.get("rss_mb") is not None else "–"
        lines.append(f"| {r['docs']} | {r['seconds']:.0f} | {rate} | {now} | {r['peak_rss_mb']:.0f} | {vs} |")
        before = r
    lines.append("")
    if verdict["plateau"] is None:
        lines.append(f"Verdict: none — it needs readings after {verdict['base_docs']} documents and later.")
    else:
        lines.append(
            f"Verdict: {'memory plateaus' if verdict['plateau'] else 'memory climbs'}: the peak RSS after"
            f" {verdict['last_docs']} documents is {verdict['last_mb']:.0f} MB, {verdict['growth']:+.1%} on the peak after"
            f" {verdict['base_docs']} ({verdict['base_mb']:.0f} MB); the bound is +{verdict['tolerance']:.0%}."
        )
    failed = readings[-1]["failed_docs"] if readings else 0
    if failed:
        lines.append(f"Note: {failed} failed document record(s).")
    if failure:
        lines.append(f"Note: {failure} after {readings[-1]['docs'] if readings else 0} documents.")
    return "\n".join(lines) + "\n"


def run_soak(docs: int, data: Path | None = None, table: str | None = None, every: int = SOAK_EVERY) -> int:
    """Assemble `docs` documents, run them through one extractor process, print (and write) the table."""
    from tools.scaling_corpus import assemble, corpus_stats  # it imports this module

    if every < 1:
        print("bench: readings need at least 1 document between them", file=sys.stderr)
        return EXIT_USAGE
    folder = Path(data) if data is not None else DEFAULT_DATA
    try:
        corpus = assemble(folder, docs)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return EXIT_USAGE
    stats = corpus_stats(corpus)
    command = "python cli.py bench --soak " + str(docs) + (f" --data {data}" if data is not None else "") + (f" --table {table}" if table else "")
    meta = SoakMeta(
        date=dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"), command=command,
        data=str(data) if data is not None else "../shared/data", docs=stats.docs, mb=stats.mb, kinds=stats.kinds,
        python=platform.python_version(), cpu=f"{cpu_model()} ({os.cpu_count()} logical CPUs)", every=every,
    )
    print(f"bench: soak of {stats.docs} documents, {stats.mb:.2f} MB ({stats.kinds})", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="bench-soak-") as tmp:
        workdir = Path(tmp)
        texts_path = workdir / "texts.json"
        texts_path.write_text(json.dumps([d.text for d in corpus], ensure_ascii=False), encoding="utf-8")
        readings, failure = run_soak_worker(texts_path, workdir, every)
    verdict = soak_verdict(readings, every)
    text = render_soak_table(meta, readings, verdict, failure)
    print(text)
    if table:
        write_results(text, {"meta": asdict(meta), "readings": readings, "verdict": verdict, "failure": failure}, table)
    return EXIT_FAILED if failure or verdict["plateau"] is False else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--soak", type=int, default=None, metavar="N", help="the memory soak over N documents")
    parser.add_argument("--data", type=Path, default=None, help="the shared corpora (default ../shared/data)")
    parser.add_argument("--table", default=None)
    parser.add_argument("--every", type=int, default=SOAK_EVERY, help="documents between readings")
    parser.add_argument("--soak-worker", action="store_true", help="internal: run the soak in this process")
    parser.add_argument("--texts", type=Path, help="internal: JSON list of texts for --soak-worker")
    parser.add_argument("--result", type=Path, help="internal: where --soak-worker writes its readings")
    args = parser.parse_args(argv)
    if args.soak_worker:
        if not (args.texts and args.result):
            parser.error("--soak-worker needs --texts and --result")
        soak_worker(args.texts, args.result, args.every)
        return EXIT_OK
    if args.soak is None:
        parser.error("--soak N is needed")
    return run_soak(args.soak, args.data, args.table, args.every)


if __name__ == "__main__":
    raise SystemExit(main())
