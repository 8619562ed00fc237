"""The command line, thin: argument parsing and reporting; the work is in the package.

    extract PATH... -o OUT [--format jsonl|json]   extract files and folders
    schema                                         print the JSON Schema of a record
    evaluate FOLDER... [--table PATH]              P/R/F1 against NEREL / factRuEval
    evaluate-facts GOLD.jsonl [--table PATH]       numeric facts: detection, whole records, fields
    bench [--corpus DIR] [--table PATH]            throughput and memory vs natasha
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
import time
from pathlib import Path

EXIT_OK, EXIT_DOC_ERRORS, EXIT_USAGE = 0, 1, 2


def cmd_extract(args: argparse.Namespace) -> int:
    """Extract files and folders: `-j` worker processes, a resumable JSONL journal, progress."""
    from .batch import (
        CHUNK_DOCS, Journal, JournalError, Options, Progress, Totals, WorkerError, available_cpus, extract_lines, run_identity,
    )
    from .read import expand
    from .write import LineWriter, jsonl_to_json, output_path

    started = time.perf_counter()
    jobs = args.jobs or available_cpus()
    options = Options(with_tokens=args.tokens, with_text=args.text, date=args.date)
    items: list = list(expand(args.paths))
    path = output_path(args.output, args.format)
    journal: Journal | None = None
    kept: list[str] = []  # --tables with stdout output: the lines, for the tables at the end
    if path is None:
        out = sys.stdout
        writer = LineWriter(out, args.format)
    else:
        # JSONL is its own journal; a JSON array is assembled from one at the end
        journal_path = path if args.format == "jsonl" else path.with_name(path.name + ".partial.jsonl")
        try:
            journal = Journal.open(journal_path, run_identity(args.paths, options), restart=args.restart)
        except JournalError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        todo = journal.remaining(items)
        if journal.resumed:
            cut = f", a partial last line of {journal.cut} bytes cut off" if journal.cut else ""
            print(
                f"resuming {journal_path}: {journal.totals.documents} documents already there{cut},"
                f" {len(todo)} of {len(items)} to go (--restart to start afresh)",
                file=sys.stderr,
            )
        items = todo
        out = journal_path.open("a", encoding="utf-8")
        writer = LineWriter(out, "jsonl")
    totals = journal.totals if journal else Totals()
    new = Totals()
    progress = Progress(len(items))
    results = extract_lines(items, jobs, chunk_size=args.chunk_size or CHUNK_DOCS, options=options)
    try:
        for result in results:
            writer.write(result.line)
            out.flush()  # a line on disk is a document done, should the run be stopped
            if args.tables and journal is None:
                kept.append(result.line)
            new.add(result.ok, result.entities, result.officials, result.facts)
            if result.errors:
                progress.clear()
                for stage, message in result.errors:
                    print(f"{result.label}: {stage}: {message}", file=sys.stderr)
            progress.update(new.documents, new.failed)
    except KeyboardInterrupt:
        progress.clear()
        where = f"; run the same command again to continue ({new.documents + totals.documents} documents in {out.name})" if journal else ""
        print(f"interrupted after {new.documents} new documents{where}", file=sys.stderr)
        return 130
    except WorkerError as exc:
        progress.clear()
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        results.close()  # stops the workers
        if journal is None:
            writer.close()
            out.flush()
        else:
            out.close()  # the journal's lock goes with this process
    progress.clear()
    seconds = time.perf_counter() - started
    if args.tables:
        from .tables import write_tables
        from .write import record_from_dict

        lines = journal.lines() if journal is not None else iter(kept)  # the complete output
        write_tables((record_from_dict(json.loads(line)) for line in lines), Path(args.tables))
    if journal is not None:
        if args.format == "json":
            jsonl_to_json(journal.path, path)
            journal.path.unlink()
        journal.finish()  # the output is complete: a rerun starts afresh
    total = Totals(*(a + b for a, b in zip(vars(totals).values(), vars(new).values())))
    rate = new.documents / seconds if seconds > 0 else 0.0
    resumed = f", {totals.documents} from an earlier run" if totals.documents else ""
    print(
        f"{total.documents} documents, {total.failed} failed, {total.entities} entities, {total.officials} officials,"
        f" {total.facts} facts in {seconds:.1f} s ({rate:.1f} docs/s, {jobs} job{'s' if jobs > 1 else ''}{resumed})"
        + (f" → {path}" if path else "") + (f", tables in {args.tables}" if args.tables else ""),
        file=sys.stderr,
    )
    return EXIT_DOC_ERRORS if total.failed else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .records import load_schema

    print(json.dumps(load_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from . import load
    from .evaluate.report import evaluate_many, render_markdown, to_json
    from .evaluate.systems import extractor_system, natasha_system

    systems = {"extractor": extractor_system(load())}
    if not args.no_baseline:
        systems["natasha"] = natasha_system()
    report = evaluate_many(args.folders, systems)
    table = render_markdown(report)
    print(table)
    if args.table:
        Path(args.table).write_text(table, encoding="utf-8")
    if args.json:
        Path(args.json).write_text(to_json(report), encoding="utf-8")
    return EXIT_OK


def cmd_evaluate_facts(args: argparse.Namespace) -> int:
    from . import load
    from .evaluate.facts import evaluate_facts, render

    scores = evaluate_facts(load(), Path(args.gold))
    table = render(scores, Path(args.gold))
    print(table)
    if args.misses:
        for miss in scores.misses:
            print(json.dumps(miss, ensure_ascii=False), file=sys.stderr)
    if args.table:
        Path(args.table).write_text(table, encoding="utf-8")
    return EXIT_OK


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import run_benchmark

    return run_benchmark(args.corpus, args.table, args.limit)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="extractor", description="Russian fact extractor")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract records from text files and folders")
    p.add_argument("paths", nargs="+", help="files or folders (recursive; .txt)")
    p.add_argument("-o", "--output", help="output file, or folder; stdout when omitted or '-'")
    p.add_argument("--format", choices=("jsonl", "json"), default="jsonl")
    p.add_argument("--tokens", action="store_true", help="include tokens with lemmas")
    p.add_argument("--text", action="store_true", help="include the decoded text")
    p.add_argument("--tables", metavar="DIR", help="also write flat CSV tables (documents, entities, persons, officials, facts)")
    p.add_argument("--date", type=dt.date.fromisoformat, help="publication date (YYYY-MM-DD): resolves relative dates")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes, each with its own pipeline (~330 MB); 0: one per CPU (default 1: in this process)")
    p.add_argument("--chunk-size", type=int, default=None, metavar="N", help="documents per task, batched together (default 32)")
    p.add_argument("--restart", action="store_true", help="start afresh even where an interrupted run left its output unfinished (<output>.incomplete)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("schema", help="print the JSON Schema of one output record")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("evaluate", help="precision/recall/F1 against NEREL (brat) or factRuEval folders")
    p.add_argument("folders", nargs="+", type=Path)
    p.add_argument("--table", help="write the markdown table here (e.g. results/quality.md)")
    p.add_argument("--json", help="write the full report as JSON here")
    p.add_argument("--no-baseline", action="store_true", help="skip natasha's standard pipeline")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("evaluate-facts", help="numeric facts against a gold JSONL (e.g. tests/data/numeric_facts.jsonl)")
    p.add_argument("gold")
    p.add_argument("--table", help="write the markdown table here (e.g. results/facts.md)")
    p.add_argument("--misses", action="store_true", help="list every miss on stderr, as JSON lines")
    p.set_defaults(func=cmd_evaluate_facts)

    p = sub.add_parser("bench", help="throughput and peak memory, against natasha's standard pipeline")
    p.add_argument("--corpus", type=Path, default=None, help="folder of .txt files (default: the bundled corpus)")
    p.add_argument("--table", help="write the markdown table here (e.g. results/speed.md)")
    p.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    p.set_defaults(func=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    return int(args.func(args))
