"""The command line, thin: argument parsing and reporting; the work is in the package.

    extract INPUT... -o OUT [--format FORMAT]      extract files, folders, pages, tables, stdin
    schema [--table NAME]                          print the JSON Schema of a record, or of a table's row
    duckdb TABLES_DIR -o DATABASE                  load the tables (Parquet or CSV) into a DuckDB file
    report INPUT -o report.html [--with-related]   the dashboard page of an extraction (JSONL or tables)
    evaluate FOLDER... [GOLD.jsonl] [--table PATH] P/R/F1 against NEREL / factRuEval, officials of annotated news
    evaluate-facts [GOLD.jsonl...] [--table PATH]  numeric facts: detection, whole records, fields
    bench [--corpus DIR] [--table PATH]            throughput and memory vs natasha
    bench --scaling [--docs N] [--rounds N] [--table PATH]   extract -j 1 against -j 2 on a large corpus
    bench --soak N [--data DIR] [--table PATH]     peak memory every 1000 of N varied documents, one process

Exit codes, of every command:

    0    ok
    1    some documents failed (each one an error record in the output; the rest is complete)
    2    usage error or refusal: bad options, an input that cannot be read, an output that
         would overwrite an input, a --duckdb path that is not a DuckDB file, an unfinished
         output that cannot be resumed exactly (--restart), the pipeline that cannot load,
         a scheduler that cannot be reached; nothing was written
    3    internal error: an unexpected exception in the run itself, one line on stderr
         (-v: the traceback); an interrupted output stays resumable
    130  interrupted (Ctrl-C); the same command continues the run

A command whose stdout is closed by its reader (`extract ... | head`) stops quietly, with
exit code 0 and nothing on stderr, as Unix tools do (`extract.stdout_closed`).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
import traceback
from pathlib import Path

from ..io.formats import FORMATS, TABLE_FORMATS
from .extract import EXIT_DOC_ERRORS, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE  # noqa: F401 - exit codes of every command
from .extract import stdout_closed


def cmd_extract(args: argparse.Namespace) -> int:
    """Extract files, folders, pages, tables and stdin (the work: run/extract.py)."""
    from .pool import Options
    from .extract import Settings, run_extract
    from ..io.sources import Reading

    return run_extract(Settings(
        inputs=args.paths, output=args.output, fmt=args.format,
        tables=Path(args.tables) if args.tables else None, tables_format=args.tables_format,
        duckdb=Path(args.duckdb) if args.duckdb else None,
        jobs=args.jobs, chunk_size=args.chunk_size, scheduler=args.scheduler,
        options=Options(with_tokens=args.tokens, with_text=args.text, date=args.date),
        reading=Reading(args.text_column, args.id_column, args.date_column, args.stdin_format),
        restart=args.restart,
    ))


def cmd_schema(args: argparse.Namespace) -> int:
    from ..records import load_schema
    from ..io.tables import COLUMNS, table_schema

    if args.table and args.table not in COLUMNS:
        print(f"error: unknown table {args.table!r}: use one of {', '.join(COLUMNS)}", file=sys.stderr)
        return EXIT_USAGE
    schema = table_schema(args.table) if args.table else load_schema()
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_duckdb(args: argparse.Namespace) -> int:
    from ..io.database import NotADatabase, load_duckdb

    try:
        counts = load_duckdb(Path(args.tables), Path(args.output))
    except (FileNotFoundError, ImportError, NotADatabase) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(", ".join(f"{rows} {name}" for name, rows in counts.items()) + f" → {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from ..integrations.report import write_report

    try:
        shown = write_report(Path(args.input), Path(args.output), related=args.with_related)
    except (FileNotFoundError, ImportError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(", ".join(f"{n} {kind}" for kind, n in shown.items()) + f" → {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .. import load
    from ..evaluate.officials import evaluate_officials
    from ..evaluate.report import evaluate_many, render_markdown, to_json
    from ..evaluate.systems import extractor_system, natasha_system

    # a folder is a NEREL / factRuEval corpus; a .jsonl file a gold set of news officials
    folders = [p for p in args.folders if p.suffix != ".jsonl"]
    gold_files = [p for p in args.folders if p.suffix == ".jsonl"]
    if missing := [str(p) for p in gold_files if not p.is_file()] + (
        [args.news] if gold_files and not Path(args.news).is_dir() else []
    ):
        print(f"evaluate: not found: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    pipeline = load()
    systems = {"extractor": extractor_system(pipeline)}
    if not args.no_baseline:
        systems["natasha"] = natasha_system()
    report = evaluate_many(folders, systems)
    report.officials = [evaluate_officials(pipeline, path, Path(args.news)) for path in gold_files]
    table = render_markdown(report)
    print(table)
    if args.table:
        Path(args.table).write_text(table, encoding="utf-8")
    if args.json:
        Path(args.json).write_text(to_json(report), encoding="utf-8")
    return EXIT_OK


def cmd_evaluate_facts(args: argparse.Namespace) -> int:
    from .. import load
    from ..evaluate.facts import DEFAULT_GOLD, DEFAULT_SOURCES, ROOT, GoldError, evaluate_facts, render

    golds = [Path(g) for g in args.gold] or [g.relative_to(ROOT) if Path.cwd() == ROOT else g for g in DEFAULT_GOLD]
    sources = {**DEFAULT_SOURCES, "news": Path(args.sources)} if args.sources else None
    pipeline = load()
    tables = []
    for gold in golds:
        try:
            scores = evaluate_facts(pipeline, gold, sources)
        except GoldError as exc:
            print(f"error: {exc} (--sources DIR names it)", file=sys.stderr)
            return EXIT_USAGE
        tables.append(render(scores, gold))
        if args.misses:
            for miss in scores.misses:
                print(json.dumps({"gold": str(gold), **miss}, ensure_ascii=False), file=sys.stderr)
    table = "\n".join(tables)
    print(table)
    if args.table:
        Path(args.table).write_text(table, encoding="utf-8")
    return EXIT_OK


def cmd_bench(args: argparse.Namespace) -> int:
    try:  # tools/ is in a checkout of the repository, not in the installed package
        from tools.bench import BenchError, run_benchmark
    except ModuleNotFoundError as exc:
        if exc.name not in ("tools", "tools.bench"):
            raise  # a dependency of the bench itself is missing: its own message says which
        print("error: bench is a repository tool (tools/bench.py), not part of the installed package:"
              " run `python cli.py bench` in a checkout of the repository", file=sys.stderr)
        return EXIT_USAGE
    if args.soak is not None:
        from tools.bench_soak import run_soak

        return run_soak(args.soak, args.data, args.table)
    if args.stages:
        from tools.bench_stages import run_stages

        return run_stages(args.corpus, args.table, args.limit, args.rounds)
    if not args.scaling:
        return run_benchmark(args.corpus, args.table, args.limit, args.rounds)
    from tools.bench_scaling import parse_jobs, run_scaling

    try:
        jobs = parse_jobs(args.jobs)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.rounds < 1:
        print("bench: --rounds takes a number of at least 1", file=sys.stderr)
        return EXIT_USAGE
    return run_scaling(args.docs, jobs, args.data, args.table, rounds=args.rounds)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="extractor", description="Russian fact extractor")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract records from text files, HTML pages, folders, tables (JSONL, CSV, Parquet) or stdin")
    p.add_argument("paths", nargs="+", metavar="INPUT", help="files, folders (recursive: .txt, .html), quoted patterns ('data/**/*.txt'), tables of documents (.jsonl, .csv, .tsv, .parquet), or - for stdin")
    p.add_argument("-o", "--output", help="output file, or folder (a folder with --format csv|parquet); stdout when omitted or '-'")
    p.add_argument("--format", choices=tuple(FORMATS), default="jsonl", help="records as JSON lines or one JSON array; or tables, with -o a folder")
    p.add_argument("--tokens", action="store_true", help="include tokens with lemmas")
    p.add_argument("--text", action="store_true", help="include the decoded text (always there for HTML pages)")
    p.add_argument("--tables", metavar="DIR", help="also write the flat tables (documents, entities, persons, officials, facts, events, ...)")
    p.add_argument("--tables-format", choices=TABLE_FORMATS, default="csv", help="format of --tables (default csv)")
    p.add_argument("--duckdb", metavar="FILE", help="also load the tables into this DuckDB database file")
    p.add_argument("--text-column", default="text", metavar="NAME", help="tables: the column of the text (default text)")
    p.add_argument("--id-column", default=None, metavar="NAME", help="tables: the column of the id (default id, when there; else <file stem>:<row>)")
    p.add_argument("--date-column", default=None, metavar="NAME", help="tables: the column of each document's publication date (ISO)")
    p.add_argument("--stdin-format", choices=("text", "jsonl"), default="text", help="input '-': one plain-text document, or JSON lines")
    p.add_argument("--date", type=dt.date.fromisoformat, help="publication date (YYYY-MM-DD) of documents that state none: resolves relative dates")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes, forked once the pipeline is loaded here (~330 MB, shared until written); 0: one per CPU (default 1: in this process)")
    p.add_argument("--chunk-size", type=int, default=None, metavar="N", help="documents per task, batched together (default 32)")
    p.add_argument("--restart", action="store_true", help="start afresh even where an interrupted run left its output unfinished (<output>.incomplete)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="run on a Dask cluster: tcp://host:8786, or local:N for N worker processes here (instead of -j)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("schema", help="print the JSON Schema of one output record")
    p.add_argument("--table", metavar="NAME", help="the JSON Schema of one row of this table instead (documents, entities, ...)")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("duckdb", help="load tables written by extract (Parquet or CSV) into a DuckDB file for dashboards")
    p.add_argument("tables", metavar="TABLES_DIR", help="folder of the tables")
    p.add_argument("-o", "--output", required=True, metavar="DATABASE", help="DuckDB file: its tables are created or replaced")
    p.set_defaults(func=cmd_duckdb)

    p = sub.add_parser("report", help="the dashboard page: one self-contained HTML file of an extraction's facts, officials and events")
    p.add_argument("input", metavar="INPUT", help="an extraction's JSONL (or JSON array) file, or its folder of tables (CSV or Parquet)")
    p.add_argument("-o", "--output", required=True, metavar="HTML", help="the page to write")
    p.add_argument("--with-related", action="store_true", help="also the facts, officials and events of \"Читайте также\" snippets")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("evaluate", help="precision/recall/F1 against NEREL (brat) or factRuEval folders, and news officials")
    p.add_argument("folders", nargs="+", type=Path, metavar="FOLDER|GOLD.jsonl",
                   help="corpus folders (NEREL brat, factRuEval); a .jsonl file: officials gold set (tests/data/news_officials.jsonl)")
    p.add_argument("--news", default="../shared/data/news", metavar="DIR", help="the texts of the officials gold set's documents (default ../shared/data/news)")
    p.add_argument("--table", help="write the markdown table here (e.g. results/quality.md)")
    p.add_argument("--json", help="write the full report as JSON here")
    p.add_argument("--no-baseline", action="store_true", help="skip natasha's standard pipeline")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("evaluate-facts", help="numeric facts against gold JSONL files (default: tests/data/numeric_facts.jsonl and news_facts.jsonl)")
    p.add_argument("gold", nargs="*", help="gold JSONL files, one table each (default: both sets in tests/data)")
    p.add_argument("--sources", help="folder of the news_facts source texts (default: ../shared/data/news); without them each sentence is read alone")
    p.add_argument("--table", help="write the markdown table here (e.g. results/facts.md)")
    p.add_argument("--misses", action="store_true", help="list every miss on stderr, as JSON lines")
    p.set_defaults(func=cmd_evaluate_facts)

    p = sub.add_parser("bench", help="time (whole process, pass, start-up) and peak memory, against natasha's standard pipeline")
    p.add_argument("--corpus", type=Path, action="append", default=None, metavar="DIR", help="folder of .txt files; may be repeated (default: corpora/sample, NEREL dev, NEREL train)")
    p.add_argument("--table", help="write the markdown table here, and its figures as JSON beside it (e.g. results/speed.md; --stages: results/stages.md)")
    p.add_argument("--limit", type=int, default=None, help="use only the first N documents of each corpus")
    p.add_argument("--stages", action="store_true", help="instead: the extractor's CPU seconds per stage, load (imports, models) and JSON serialisation, with shares")
    p.add_argument("--scaling", action="store_true", help="instead: extract -j 1 against -j 2 on a corpus assembled from ../shared/data (e.g. results/scaling.md)")
    p.add_argument("--docs", type=int, default=10_000, metavar="N", help="--scaling: documents in the corpus (default 10000)")
    p.add_argument("--jobs", default="1,2", metavar="J,J", help="--scaling: the -j values to run, in order; speedups are over the first (default 1,2)")
    p.add_argument("--rounds", type=int, default=3, metavar="N", help="rounds, medians reported: bench, --stages: each corpus through each system; --scaling: every -j value in turn, the verdict the median speedup (default 3)")
    p.add_argument("--data", type=Path, default=None, metavar="DIR", help="--scaling, --soak: the shared corpora (default ../shared/data)")
    p.add_argument("--soak", type=int, default=None, metavar="N", help="instead: memory soak, N varied documents through one process, peak RSS every 1000 (e.g. 12000)")
    p.set_defaults(func=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    if args.command == "extract":  # before numpy loads: one BLAS thread is as fast here, at half the CPU
        from .pool import THREAD_VARS

        for var in THREAD_VARS:
            os.environ.setdefault(var, "1")
    try:
        code = int(args.func(args))
        sys.stdout.flush()  # a reader that went away shows here, not in the interpreter's flush at exit
        return code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError as exc:
        if stdout_closed():  # `| head` has what it wanted: stop quietly, as Unix tools do
            return EXIT_OK
        return _internal_error(exc, args.verbose)
    except Exception as exc:  # noqa: BLE001 - a crash: one clear line, the traceback with -v
        return _internal_error(exc, args.verbose)


def _internal_error(exc: BaseException, verbose: bool) -> int:
    if verbose:
        traceback.print_exc(file=sys.stderr)
    hint = "" if verbose else " (-v for the traceback)"
    print(f"internal error: {type(exc).__name__}: {exc}{hint}", file=sys.stderr)
    return EXIT_INTERNAL


if __name__ == "__main__":
    raise SystemExit(main())
