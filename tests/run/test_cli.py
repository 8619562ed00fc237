"""The command line: every input yields records (files, pages, tables, stdin), bad input
gives error records and a failing exit code, the run goes on, tables and DuckDB files
are written, and a run on a table of documents resumes and parallelises like one on files."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extractor.run.pool import THREAD_VARS
from extractor.run.cli import main
from extractor.run.extract import Settings, run_extract
from extractor.io.sources import Reading
from support import kill_after_first_record

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Губернатор Смоленской области Василий Анохин встретился с министром здравоохранения Михаилом Мурашко.\n"
PAGE = f"""<html><head><meta charset="windows-1251"><title>Встреча</title>
<meta property="article:published_time" content="2024-09-25T10:00:00+03:00"></head>
<body><nav><a href="/">Главная</a> | <a href="/news">Новости</a></nav>
<article><h1>Анохин встретился с Мурашко</h1><p>{TEXT}</p>
<p>Они обсудили строительство больницы в Смоленске стоимостью 3,5 млрд рублей.</p></article>
<footer>© 2024 Все права защищены</footer></body></html>"""


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "cp1251.txt").write_bytes(TEXT.encode("cp1251"))
    (folder / "spaces.txt").write_bytes(b" \n\t \r\n  ")
    (folder / "broken.txt").write_bytes(TEXT.encode() * 5 + b"\xff\xfe\xc3" + TEXT.encode() * 5)
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    return folder


def test_bad_inputs_give_records_and_a_failing_exit_code(bad_inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run_cli("extract", str(bad_inputs), str(bad_inputs / "missing.txt"), "-o", str(out))
    assert result.returncode == 1, result.stderr
    records = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert set(records) == {"binary", "broken", "cp1251", "empty", "good", "spaces", "missing"}
    assert not records["binary"]["ok"] and "binary" in records["binary"]["errors"][0]["message"]
    assert not records["missing"]["ok"]
    assert records["cp1251"]["encoding"] == "cp1251"
    assert "Василий Анохин" in {e["normal"] for e in records["cp1251"]["entities"]}
    assert records["broken"]["ok"] and records["broken"]["errors"][0]["stage"] == "read"
    assert not records["empty"]["ok"] and records["empty"]["errors"] == [{"stage": "read", "message": "empty text"}]
    assert not records["spaces"]["ok"] and records["spaces"]["errors"] == [{"stage": "read", "message": "empty text: only whitespace"}]
    assert records["empty"]["encoding"] == records["spaces"]["encoding"] == "utf-8"  # read, and found empty
    assert "7 documents, 4 failed" in result.stderr


def test_clean_run_exits_zero_and_json_format_is_one_array(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.json"
    result = run_cli("extract", str(tmp_path / "a.txt"), "-o", str(out), "--format", "json")
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(out.read_text(encoding="utf-8"))
    assert record["id"] == "a" and record["officials"][0]["person"] == "Василий Анохин"


@pytest.mark.slow
def test_ten_megabyte_text_is_processed(tmp_path: Path) -> None:
    sample = (ROOT / "corpora" / "sample" / "smolensk_belarus.txt").read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text((sample * (10_000_000 // len(sample) + 1))[:10_000_000], encoding="utf-8")
    out = tmp_path / "big.jsonl"
    result = run_cli("extract", str(big), "-o", str(out))
    assert result.returncode == 0, result.stderr
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["ok"] and record["text_length"] == 10_000_000 and len(record["entities"]) > 10_000


def test_schema_command_prints_the_schema() -> None:
    result = run_cli("schema")
    assert result.returncode == 0 and json.loads(result.stdout)["title"] == "DocumentRecord"


# -- inputs of many kinds, outputs as tables (extractor/sources.py, extractor/run.py) ------


def extract(pipeline, *inputs: Path | str, **settings) -> tuple[int, str]:
    """An extract run in this process, with the session's pipeline: (exit code, report)."""
    report = io.StringIO()
    code = run_extract(Settings([str(i) for i in inputs], pipeline=pipeline, **settings), report)
    return code, report.getvalue()


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def spans_match(record: dict, text: str) -> bool:
    spans = [(e["start"], e["end"], e["text"]) for e in record["entities"]]
    spans += [(f["start"], f["end"], f["text"]) for f in record["facts"]]
    return bool(spans) and all(text[start:end] == piece for start, end, piece in spans)


def test_html_page_record_keeps_the_text_its_offsets_refer_to(pipeline, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(PAGE.encode("cp1251"))
    out = tmp_path / "out.jsonl"
    code, report = extract(pipeline, page, output=str(out))
    assert code == 0, report
    (record,) = lines(out)
    assert record["encoding"] == "cp1251" and record["date"] == "2024-09-25" and record["date_source"] == "given"
    assert record["text"].startswith("Анохин встретился с Мурашко") and "Главная" not in record["text"]
    assert record["text_length"] == len(record["text"]) and spans_match(record, record["text"])
    assert record["officials"][0]["person"] == "Василий Анохин"


def test_tables_of_documents_with_their_own_column_names(pipeline, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([
        json.dumps({"body": TEXT, "key": "j1", "day": "2024-09-25"}, ensure_ascii=False),
        json.dumps({"body": None, "key": "j2"}),
        json.dumps({"body": TEXT, "day": "2023-01-10"}, ensure_ascii=False),
    ]) + "\n", encoding="utf-8")
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(f"key,day,body\nc1,2024-09-25,\"{TEXT}\"\nc2\n".encode("cp1251"))
    store = tmp_path / "store.parquet"
    pq.write_table(pa.table({"key": [1, 2], "body": [TEXT, None], "day": [dt.date(2024, 9, 25), None]}), store)
    out = tmp_path / "out.jsonl"
    code, report = extract(pipeline, feed, sheet, store, output=str(out), reading=Reading("body", "key", "day"))
    assert code == 1, report
    records = lines(out)
    assert [r["id"] for r in records] == ["j1", "j2", "feed:3", "c1", "c2", "1", "2"]
    assert [r["ok"] for r in records] == [True, False, True, True, False, True, False]
    assert [r["source"] for r in records][:3] == [f"{feed}#1", f"{feed}#2", f"{feed}#3"]
    assert records[1]["errors"] == [{"stage": "read", "message": "column 'body' holds null, not text"}]
    assert records[4]["errors"] == [{"stage": "read", "message": "no column 'body' in this row"}]
    assert [r["encoding"] for r in records] == ["utf-8"] * 3 + ["cp1251"] * 2 + ["utf-8"] * 2
    assert records[2]["date"] == "2023-01-10" and records[3]["date"] == "2024-09-25" and records[5]["date"] == "2024-09-25"
    for record in (records[0], records[3], records[5]):
        assert "Василий Анохин" in {o["person"] for o in record["officials"]} and spans_match(record, TEXT)
    assert "7 documents, 3 failed" in report and f"{sheet}#2: read: no column 'body'" in report


def test_a_missing_column_or_an_input_as_output_stops_the_run_before_it_starts(tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(f"id,content\n1,{TEXT}\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(sheet), "--text-column", "body", "-o", str(out)]) == 2
    assert "sheet.csv has no column 'body' (--text-column); its columns: id, content" in capsys.readouterr().err
    assert not out.exists()
    assert main(["extract", str(sheet), "--format", "parquet"]) == 2  # tables need a folder
    assert "name it with -o" in capsys.readouterr().err
    assert main(["extract", str(sheet), "--text-column", "content", "-o", str(sheet)]) == 2
    assert "would be overwritten" in capsys.readouterr().err and sheet.read_text(encoding="utf-8").startswith("id,content")


def test_stdin_as_one_text_or_as_json_lines(pipeline, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("koi8_r"))))
    code, report = extract(pipeline, "-")
    (record,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0 and (record["id"], record["encoding"], record["source"]) == ("stdin", "koi8_r", None)
    assert record["officials"][0]["person"] == "Василий Анохин"

    stream = "".join(json.dumps({"id": f"s{i}", "text": TEXT}, ensure_ascii=False) + "\n" for i in range(2))
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stream.encode())))
    out = tmp_path / "out.json"
    code, report = extract(pipeline, "-", output=str(out), fmt="json", reading=Reading(stdin_format="jsonl"))
    assert code == 0, report
    assert [(r["id"], r["source"]) for r in json.loads(out.read_text(encoding="utf-8"))] == [("s0", "<stdin>#1"), ("s1", "<stdin>#2")]


def test_table_formats_and_a_duckdb_file(pipeline, tmp_path: Path) -> None:
    import duckdb

    (tmp_path / "in" / "deep").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "deep" / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "deep" / "c.txt").write_bytes(bytes(range(256)))
    folder, database = tmp_path / "tables", tmp_path / "facts.duckdb"
    code, report = extract(pipeline, tmp_path / "in" / "**" / "*.txt", output=str(folder), fmt="parquet", duckdb=database)
    assert code == 1 and "3 documents, 1 failed" in report, report
    assert [r["id"] for r in lines(folder / "records.jsonl")] == ["a", "b", "c"]  # the journal, kept
    assert not (folder / "records.jsonl.incomplete").exists()
    assert pq.read_table(folder / "documents.parquet").num_rows == 3
    assert {"entities.parquet", "officials.parquet", "facts.parquet", "events.parquet"} <= {p.name for p in folder.iterdir()}
    with duckdb.connect(str(database), read_only=True) as db:
        assert db.execute("select count(*) from documents").fetchone() == (3,)
        assert db.execute("select count(*) from officials where person = 'Василий Анохин'").fetchone() == (2,)

    out, tables = tmp_path / "out.jsonl", tmp_path / "csv"
    code, report = extract(pipeline, tmp_path / "in" / "a.txt", output=str(out), tables=tables, duckdb=tmp_path / "other.duckdb")
    assert code == 0 and (tables / "documents.csv").exists() and (tmp_path / "other.duckdb").exists(), report


def test_command_line_options_reach_the_run(tmp_path: Path, monkeypatch) -> None:
    seen = []
    monkeypatch.setattr("extractor.run.extract.run_extract", lambda settings: seen.append(settings) or 0)
    for var in THREAD_VARS:
        monkeypatch.setenv(var, "")
        monkeypatch.delenv(var)  # restored (unset) after the test
    assert main([
        "extract", "a.csv", "-", "-o", "out", "--format", "parquet", "--tables", "t", "--tables-format", "parquet",
        "--duckdb", "x.duckdb", "--text-column", "body", "--id-column", "key", "--date-column", "day",
        "--stdin-format", "jsonl", "--date", "2024-09-25", "-j", "2", "--restart",
    ]) == 0
    (settings,) = seen
    assert (settings.inputs, settings.output, settings.fmt, settings.jobs, settings.restart) == (["a.csv", "-"], "out", "parquet", 2, True)
    assert (settings.tables, settings.tables_format, settings.duckdb) == (Path("t"), "parquet", Path("x.duckdb"))
    assert settings.reading == Reading("body", "key", "day", "jsonl") and settings.options.date == dt.date(2024, 9, 25)
    assert all(os.environ[var] == "1" for var in THREAD_VARS)  # one BLAS thread, set before numpy loads


def test_bench_outside_a_checkout_says_so_in_one_line(monkeypatch, capsys) -> None:
    """tools/ is not installed with the package: `bench` there is an error message, not a traceback."""
    monkeypatch.setitem(sys.modules, "tools", None)  # None in sys.modules: the import fails as if absent
    monkeypatch.setitem(sys.modules, "tools.bench", None)
    assert main(["bench"]) == 2 and main(["bench", "--scaling"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all("bench is a repository tool" in line for line in err), err


@pytest.fixture(scope="module")
def feed(tmp_path_factory) -> Path:
    """16 rows of news text in a JSONL file, one of them bad."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora" / "sample").glob("*.txt"))]
    rows = [{"id": f"n{i}", "text": texts[i % len(texts)][(37 * i) % 200:]} for i in range(15)]
    rows.insert(6, {"id": "bad", "text": 42})
    path = tmp_path_factory.mktemp("feed") / "feed.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def feed_records(pipeline, feed: Path, tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("reference") / "out.jsonl"
    code, report = extract(pipeline, feed, output=str(out))
    assert code == 1 and "16 documents, 1 failed" in report, report
    return out.read_bytes()


def test_two_workers_write_the_same_bytes_on_a_jsonl_input(feed: Path, feed_records: bytes, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run_cli("extract", str(feed), "-o", str(out), "-j", "2", "--chunk-size", "3")
    assert result.returncode == 1 and "16 documents, 1 failed" in result.stderr, result.stderr
    assert out.read_bytes() == feed_records


def test_killed_run_on_a_jsonl_input_resumes_without_loss_or_repeat(feed: Path, feed_records: bytes, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    command = [sys.executable, str(ROOT / "cli.py"), "extract", str(feed), "-o", str(out), "--chunk-size", "1"]
    written = kill_after_first_record(command, out)
    assert 1 <= written < 16, f"the run was to be killed midway, it wrote {written} records"

    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert f"{16 - written} of 16 to go" in result.stderr and "16 documents, 1 failed" in result.stderr
    assert out.read_bytes() == feed_records  # nothing lost, nothing twice, in order


@pytest.mark.parametrize("options", [["-j", "1"], ["--format", "json", "-j", "2"]])
def test_a_closed_stdout_stops_the_run_quietly(options: list[str], tmp_path: Path) -> None:
    """`extract ... | head -c 100`: exit code 0 and nothing on stderr (no BrokenPipeError), as Unix tools do."""
    stderr = tmp_path / "stderr.txt"
    command = f"set -o pipefail; '{sys.executable}' cli.py extract corpora/sample {' '.join(options)} 2>'{stderr}' | head -c 100"
    result = subprocess.run(["bash", "-c", command], cwd=ROOT, capture_output=True, timeout=120)
    err = stderr.read_text(encoding="utf-8")
    assert len(result.stdout) == 100 and result.stdout.startswith(b'{"id": ' if options[0] == "-j" else b"[\n{")
    assert (result.returncode, err) == (0, "")


def test_reading_a_few_bytes_and_closing_the_pipe(tmp_path: Path) -> None:
    (tmp_path / "many").mkdir()
    for k in range(2):  # the first record alone (with its tokens) is more than a pipe holds: it cannot all be written
        (tmp_path / "many" / f"{k}.txt").write_text(TEXT * 150, encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "extract", str(tmp_path / "many"), "--tokens"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert process.stdout.read(10) == b'{"id": "0"'
    process.stdout.close()
    _, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (0, b"")
    schema = subprocess.run(f"set -o pipefail; '{sys.executable}' cli.py schema | head -c 1", shell=True, executable="bash",
                            cwd=ROOT, capture_output=True, timeout=60)
    assert (schema.returncode, schema.stdout, schema.stderr) == (0, b"{", b"")


def test_a_broken_pipe_that_is_not_stdout_is_an_internal_error(monkeypatch, capsys) -> None:
    def broken(args) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("extractor.run.cli.cmd_schema", broken)  # stdout is pytest's capture: no pipe went away
    assert main(["schema"]) == 3
    assert "internal error: BrokenPipeError" in capsys.readouterr().err


def test_stdout_closed_only_for_a_pipe_without_its_reader(monkeypatch) -> None:
    from extractor.run.extract import stdout_closed

    class Out:
        def __init__(self, fd: int) -> None:
            self.fd = fd

        def fileno(self) -> int:
            return self.fd

    read, write = os.pipe()
    try:
        monkeypatch.setattr("sys.stdout", Out(write))
        assert not stdout_closed()  # its reader is there: some other pipe broke
        os.close(read)
        assert stdout_closed()  # gone: stdout is /dev/null now, so writing more is harmless
        assert os.write(write, b"more") == 4
    finally:
        os.close(write)
    monkeypatch.setattr("sys.stdout", io.StringIO())  # no file descriptor at all
    assert not stdout_closed()
