"""Bench: the markdown table of `python cli.py bench` (the figures: bench.py)."""
from __future__ import annotations

from tools.bench import BASELINE, STARTUP_TEXT, Meta

STARTUP = "start-up"  # the corpus label of the start-up runs (bench.run_rounds)


def header(title: str, meta: Meta) -> list[str]:
    """The first line (date, machine, the command that regenerates the table) and the corpora."""
    corpora = "; ".join(f"`{c['corpus']}` {c['files']} files, {c['kb']:.1f} KB" for c in meta.corpora)
    after = f", after: {meta.load_after}" if meta.load_after else ""
    return [
        f"{title} {meta.date} · Python {meta.python} · CPU {meta.cpu} · load average before: {meta.load_before}{after}"
        f" · regenerate: `{meta.command}`",
        "",
        f"Corpora: {corpora}. Medians of {meta.rounds} round(s).",
        "",
    ]


def fmt(x: float | None, digits: int = 2, suffix: str = "") -> str:
    return f"{x:.{digits}f}{suffix}" if x is not None else "–"


def system_row(r: dict) -> str:
    kb = r["bytes"] / 1000
    corpus = f"{STARTUP} (1 short document)" if r["corpus"] == STARTUP else f"`{r['corpus']}`"
    rate = kb / r["pass_seconds"] if r["pass_seconds"] > 0 and r["corpus"] != STARTUP else None  # none of one sentence
    return (
        f"| {corpus} | {r['system']} | {r['docs']} | {kb:.1f} | {r['process_seconds']:.2f} | {r['process_cpu_seconds']:.2f}"
        f" | {r['pass_seconds']:.2f} | {r['pass_cpu_seconds']:.2f} | {fmt(rate, 1)} | {r['load_seconds']:.2f}"
        f" | {r['peak_rss_mb']:.0f} |"
    )


def ratio_row(r: dict) -> str:
    if r["corpus"] == STARTUP:
        return f"| {STARTUP} | {fmt(r['process_cpu_seconds'], suffix='×')} | – | {fmt(r['process_seconds'], suffix='×')} |"
    return (f"| `{r['corpus']}` | {fmt(r['process_cpu_seconds'], suffix='×')} | {fmt(r['pass_cpu_seconds'], suffix='×')}"
            f" | {fmt(r['process_seconds'], suffix='×')} |")


def notes(meta: Meta, summary: list[dict], failures: dict[str, str]) -> list[str]:
    lines = [f"Note: {note}." for note in meta.notes]
    for r in summary:
        if r.get("failed_docs"):
            lines.append(f"Note: {r['system']} returned {r['failed_docs']} failed document record(s) on {r['corpus']}.")
    for name, message in failures.items():
        last = [line.strip() for line in message.splitlines() if line.strip()]
        lines.append(f"Note: {name} did not finish: {last[-1] if last else 'unknown error'}")
    return lines


def render_table(meta: Meta, summary: list[dict], ratios: list[dict], failures: dict[str, str] | None = None) -> str:
    versions = ", ".join(f"{k} {v}" for k, v in meta.versions.items())
    lines = header("Benchmark", meta) + [
        "| corpus | system | docs | KB | process s | process CPU s | pass s | pass CPU s | KB/s (pass) | load s | peak RSS MB |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *(system_row(r) for r in summary),
        "",
        f"| corpus | {BASELINE} / extractor: process CPU | pass CPU | process wall |",
        "|---|---:|---:|---:|",
        *(ratio_row(r) for r in ratios),
        "",
        "Each figure is the median over the rounds of a fresh process per system, corpus and round, one at a time,"
        f" {meta.threads}, nothing warmed up: process = the whole child process from start to exit (Python's start-up,"
        " imports, models, reading the texts, the pass, exit), its wall seconds and CPU seconds (user + system, os.wait4);"
        " pass = the one pass over the texts, timed inside it; load = imports + models, inside it; peak RSS = the"
        f" process's high-water mark. Start-up = the same process on one short document ({STARTUP_TEXT!r})."
        " Ratios above 1: natasha takes longer. The extractor runs the full extraction (records made, not"
        " serialised); natasha its standard pipeline: segment, tag_morph, parse_syntax, tag_ner, span normalisation."
        " KB = 1000 bytes of UTF-8." + (f" Versions: {versions}." if versions else ""),
        *notes(meta, summary, failures or {}),
    ]
    return "\n".join(lines) + "\n"
