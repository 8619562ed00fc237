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
from dataclasses import replace
from pathlib import Path

EXIT_OK, EXIT_DOC_ERRORS, EXIT_USAGE = 0, 1, 2


def cmd_extract(args: argparse.Namespace) -> int:
    from . import load
    from .read import read_paths
    from .write import output_path, write_records

    pipeline = load(with_tokens=args.tokens, with_text=args.text)
    documents = read_paths(args.paths)
    if args.date:
        documents = (replace(doc, date=args.date) for doc in documents)
    path = output_path(args.output, args.format)
    out = sys.stdout if path is None else path.open("w", encoding="utf-8")
    started = time.perf_counter()
    docs = failed = entities = officials = facts = 0
    kept = []  # for --tables
    try:
        for record in write_records(pipeline.extract_many(documents), out, args.format):
            if args.tables:
                kept.append(record)
            docs += 1
            facts += len(record.facts)
            failed += not record.ok
            entities += len(record.entities)
            officials += len(record.officials)
            for error in record.errors:
                print(f"{record.source or record.id}: {error.stage}: {error.message}", file=sys.stderr)
    finally:
        if path is not None:
            out.close()
    if args.tables:
        from .tables import write_tables

        write_tables(kept, Path(args.tables))
    seconds = time.perf_counter() - started
    print(
        f"{docs} documents, {failed} failed, {entities} entities, {officials} officials, {facts} facts"
        f" in {seconds:.1f} s" + (f" → {path}" if path else "") + (f", tables in {args.tables}" if args.tables else ""),
        file=sys.stderr,
    )
    return EXIT_DOC_ERRORS if failed else EXIT_OK


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
