"""Nothing lost, nothing doubled, nothing destroyed: a resumed run writes a fresh run's
bytes or refuses, no output overwrites an input, CSV cells cannot run as formulas, every
table has a key unique within the run, and crashes, refusals and failed documents exit
with codes of their own (extractor/run/extract.py, journal.py, cli.py; io/tables.py,
io/database.py, io/write.py)."""
from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import pandas as pd
import pytest

from extractor.records import DocumentRecord, Entity, Event, Fact, Participant
from extractor.run import cli
from extractor.run.extract import EXIT_DOC_ERRORS, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, Settings, run_extract
from extractor.run.journal import Journal, JournalError, fingerprint, run_identity
from extractor.run.pool import Options
from extractor.io import tables
from extractor.io.database import NotADatabase, check_database, load_duckdb
from extractor.io.sources import open_inputs
from extractor.io.write import jsonl_to_json

TEXTS = [
    "Губернатор Смоленской области Василий Анохин встретился с министром Михаилом Мурашко.",
    "В Смоленске построят больницу стоимостью 3,5 млрд рублей.",
    "Мэр Москвы Сергей Собянин открыл новую станцию метро.",
    "Цены выросли на 5% за год.",
]


def extract(pipeline, *inputs: str, output: str, **settings) -> tuple[int, str]:
    report = io.StringIO()
    code = run_extract(Settings(list(inputs), output=output, pipeline=pipeline, **settings), report=report)
    return code, report.getvalue()


def interrupted(out: Path, inputs: list[str], lines: list[bytes]) -> None:
    """`out` as a run of `extract INPUTS -o out`, stopped after `lines`, leaves it (from the current directory)."""
    Journal.open(out, run_identity(inputs, Options()), fingerprint(open_inputs(inputs))).close()
    out.write_bytes(b"".join(lines))


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch) -> Path:
    """tmp_path/corpus: four text files; the current directory is tmp_path."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"{i}.txt").write_text(text + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


# -- 1. a resumed run is a fresh run, or a refusal --------------------------------------


def test_resume_from_another_directory_refuses_and_the_same_command_continues(pipeline, corpus: Path, tmp_path: Path, monkeypatch) -> None:
    code, _ = extract(pipeline, "corpus", output="clean.jsonl")
    clean = Path("clean.jsonl").read_bytes()
    assert code == EXIT_OK and clean.count(b"\n") == 4
    out = tmp_path / "out.jsonl"
    interrupted(out, ["corpus"], clean.splitlines(keepends=True)[:2])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, report = extract(pipeline, str(corpus), output=str(out))  # the same files, named otherwise: other sources
    assert code == EXIT_USAGE and "differs in: cwd, inputs" in report and f"again from {tmp_path.resolve()}" in report
    assert out.read_bytes() == b"".join(clean.splitlines(keepends=True)[:2])  # refused: left as it was
    monkeypatch.chdir(tmp_path)
    code, report = extract(pipeline, "corpus", output="out.jsonl")
    assert code == EXIT_OK and "2 of 4 to go" in report
    assert out.read_bytes() == clean  # nothing twice, nothing lost, in order


@pytest.mark.parametrize("change", ["edited", "removed", "added"])
def test_resume_refuses_inputs_that_changed_and_restart_equals_a_fresh_run(pipeline, corpus: Path, tmp_path: Path, change: str) -> None:
    code, _ = extract(pipeline, "corpus", output="clean.jsonl")
    clean = Path("clean.jsonl").read_bytes()
    out = tmp_path / "out.jsonl"
    interrupted(out, ["corpus"], clean.splitlines(keepends=True)[:2])
    if change == "edited":
        (corpus / "0.txt").write_text(TEXTS[3] + " Изменено.\n", encoding="utf-8")
    elif change == "removed":
        (corpus / "1.txt").unlink()
    else:
        (corpus / "00.txt").write_text(TEXTS[2] + "\n", encoding="utf-8")  # sorts first
    code, report = extract(pipeline, "corpus", output="out.jsonl")
    assert code == EXIT_USAGE and "inputs have changed" in report and f"{change}: corpus/" in report and "--restart" in report
    assert out.read_bytes() == b"".join(clean.splitlines(keepends=True)[:2])
    code, _ = extract(pipeline, "corpus", output="out.jsonl", restart=True)
    extract(pipeline, "corpus", output="fresh.jsonl")
    assert code == EXIT_OK and out.read_bytes() == Path("fresh.jsonl").read_bytes()


def test_resume_refuses_a_row_inserted_at_the_top_of_a_jsonl_input(pipeline, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(TEXTS)), encoding="utf-8")
    extract(pipeline, str(feed), output="clean.jsonl")
    lines = Path("clean.jsonl").read_bytes().splitlines(keepends=True)
    interrupted(tmp_path / "out.jsonl", [str(feed)], lines[:2])
    feed.write_text(json.dumps({"id": "new", "text": TEXTS[0]}, ensure_ascii=False) + "\n" + feed.read_text(encoding="utf-8"), encoding="utf-8")
    code, report = extract(pipeline, str(feed), output="out.jsonl")
    assert code == EXIT_USAGE and f"edited: {feed}" in report


def test_a_run_that_read_stdin_is_not_resumed(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    Journal.open(path, run_identity(["-"], Options())).close()
    with pytest.raises(JournalError, match="stdin"):
        Journal.open(path, run_identity(["-"], Options()))
    Journal.open(path, run_identity(["-"], Options()), restart=True).finish()


# -- 2. no output overwrites an input ---------------------------------------------------


def test_no_output_path_can_overwrite_an_input(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = tmp_path / "a.txt"
    text.write_text(TEXTS[0], encoding="utf-8")
    os.link(text, tmp_path / "linked.jsonl")  # -o a hard link to the input
    folder = tmp_path / "tables"
    folder.mkdir()
    table = folder / "documents.csv"  # an input table where --tables would write
    table.write_text("id,text\nd1," + TEXTS[1] + "\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (text, table)}
    for inputs, settings, named in (
        ([str(text)], {"output": "linked.jsonl"}, "same file"),
        ([str(text)], {"output": "linked.jsonl", "fmt": "json"}, None),
        ([str(table)], {"output": "out.jsonl", "tables": folder}, "documents.csv"),
        ([str(table)], {"output": str(folder), "fmt": "csv"}, "documents.csv"),
    ):
        code, report = extract(None, *inputs, **settings)
        assert code == EXIT_USAGE and "is an input and would be overwritten" in report, (settings, report)
        assert named is None or named in report
    assert {p: p.read_bytes() for p in before} == before and not (tmp_path / "out.jsonl").exists()


def test_duckdb_path_must_be_a_duckdb_file(tmp_path: Path) -> None:
    feed = tmp_path / "feed.csv"
    feed.write_text("id,text\nd1,текст\n", encoding="utf-8")
    before = feed.read_bytes()
    for target in (feed, tmp_path / "new.parquet", tmp_path):
        code, report = extract(None, str(feed), output=str(tmp_path / "out.jsonl"), duckdb=target)
        assert code == EXIT_USAGE and "DuckDB" in report, report
    assert feed.read_bytes() == before and not (tmp_path / "out.jsonl").exists()
    check_database(tmp_path / "new.duckdb")  # a new file with a DuckDB name: fine
    with pytest.raises(NotADatabase):
        load_duckdb(tmp_path, feed)
    assert cli.main(["duckdb", str(tmp_path), "-o", str(feed)]) == EXIT_USAGE and feed.read_bytes() == before


# -- 3, 8. CSV cells: no formulas, no raw line breaks; 4. a key unique within the run ------


def formulas() -> list[DocumentRecord]:
    text = "=1+2 и @Мурашко -5%\x85дальше"
    event = Event(id="E1", type="meeting", text="+встреча", start=0, end=8, normal=None, date=None, date_span=None,
                  place=None, place_span=None, place_code=None, sentence=(0, 10), block=None,
                  participants=[Participant("person", "@Мурашко", (7, 15)), Participant("person", "\tТаб", (0, 3))])
    first = DocumentRecord(
        id="=HYPERLINK(\"http://x\")", source="a/x.txt", text_length=len(text),
        entities=[Entity("PER", "-Мурашко\u2028ещё", 7, 15, "'=уже", None), Entity("PER", "'обычное", 0, 3, "\rCR", None)],
        facts=[Fact("percent", "-5%", 17, 20, -5.0, "%", None, None, None, None, None, [], (0, 20), None)],
        events=[event],
    )
    same_id = DocumentRecord(id=first.id, source="b/x.txt", text_length=0, entities=[Entity("LOC", "@Москва", 0, 6, None, None)])
    return [first, same_id]


def test_csv_cells_cannot_run_as_formulas_and_read_back_as_parquet(tmp_path: Path) -> None:
    csv, parquet = tmp_path / "csv", tmp_path / "parquet"
    tables.write_tables(formulas(), csv, "csv")
    tables.write_tables(formulas(), parquet, "parquet")
    import csv as csvmod

    for name in tables.COLUMNS:
        raw = (csv / f"{name}.csv").read_text(encoding="utf-8")
        assert not any(c in raw for c in "\x85\u2028\u2029\r"), name  # written as a space (\r: as \n)
        for row in list(csvmod.reader(io.StringIO(raw, newline="")))[1:]:
            assert not any(cell[:1] in ("=", "+", "@", "\t", "\r") for cell in row), (name, row)
            assert not any(cell.startswith("-") and not cell.lstrip("-").replace(".", "").isdigit() for cell in row), (name, row)
    facts = (csv / "facts.csv").read_text(encoding="utf-8")
    assert ",'-5%," in facts and ",-5," in facts  # the text guarded, the number a number
    entities = pd.read_csv(csv / "entities.csv", dtype=str, keep_default_na=False)
    assert list(entities["normal"][:2]) == ["''=уже", "\nCR"] and entities["text"][1] == "'обычное"  # untouched: no trigger after it
    for name in tables.COLUMNS:
        got, want = tables.read_table(csv / f"{name}.csv"), tables.read_table(parquet / f"{name}.parquet")
        breaks = {c.name for c in tables.COLUMNS[name] if c.dtype == "string"}
        for column in breaks:
            want[column] = want[column].str.replace("[\x85\u2028\u2029]", " ", regex=True).str.replace("\r", "\n")
        pd.testing.assert_frame_equal(got, want, check_dtype=True, obj=name)
    assert tables.read_table(parquet / "entities.parquet")["text"][0] == "-Мурашко\u2028ещё"  # Parquet keeps the value
    pytest.importorskip("duckdb")
    import duckdb

    load_duckdb(csv, tmp_path / "t.duckdb")
    with duckdb.connect(str(tmp_path / "t.duckdb")) as con:
        assert con.execute('SELECT doc_id FROM documents ORDER BY doc').fetchall() == [(formulas()[0].id,)] * 2
        assert con.execute("SELECT normal FROM entities WHERE doc = 1 ORDER BY start DESC").fetchall() == [("'=уже",), ("\nCR",)]


def test_every_table_has_a_key_unique_within_the_run(pipeline, tmp_path: Path) -> None:
    frames = tables.to_frames(formulas())  # two documents, one id
    assert all(frame.columns[0] == "doc" and str(frame["doc"].dtype) == "Int64" for frame in frames.values())
    assert list(frames["documents"]["doc"]) == [1, 2] and frames["documents"]["doc_id"].nunique() == 1
    assert list(frames["entities"]["doc"]) == [1, 1, 2]
    joined = frames["entities"].merge(frames["documents"], on="doc")
    assert len(joined) == len(frames["entities"])  # no inflated join

    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "x.txt").write_text(TEXTS[0], encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": "same", "text": t}, ensure_ascii=False) + "\n" for t in TEXTS[:2]), encoding="utf-8")
    code, _ = extract(pipeline, str(tmp_path / "a"), str(tmp_path / "b"), str(feed), output=str(tmp_path / "out"), fmt="parquet")
    assert code == EXIT_OK
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert list(documents["doc"]) == [1, 2, 3, 4] and list(documents["doc_id"]) == ["x", "x", "same", "same"]
    entities = pd.read_parquet(tmp_path / "out" / "entities.parquet")
    assert set(entities["doc"]) == {1, 2, 3, 4}


# -- 7. no .partial file after a failed write -------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_failed_table_write_leaves_no_partial_file(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "tables"
    tables.write_tables(formulas(), folder, fmt)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def failing():
        yield formulas()[0]
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        tables.write_tables(failing(), folder, fmt)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # no .partial, the old tables intact


def test_a_failed_json_array_leaves_no_temporary_file(tmp_path: Path, monkeypatch) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.json"
    source.write_text('{"id": 1}\n', encoding="utf-8")

    def broken(*args):
        raise OSError("no space left")

    monkeypatch.setattr("extractor.io.write.os.replace", broken)
    with pytest.raises(OSError):
        jsonl_to_json(source, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


# -- 5. exit codes ----------------------------------------------------------------------


def test_crashes_interruptions_and_refusals_have_exit_codes_of_their_own(tmp_path: Path, monkeypatch, capsys) -> None:
    def crash(settings, report=None):
        raise RuntimeError("boom")

    monkeypatch.setattr("extractor.run.extract.run_extract", crash)
    assert cli.main(["extract", "x.txt", "-o", str(tmp_path / "o.jsonl")]) == EXIT_INTERNAL == 3
    err = capsys.readouterr().err
    assert err == "internal error: RuntimeError: boom (-v for the traceback)\n"
    assert cli.main(["-v", "extract", "x.txt"]) == EXIT_INTERNAL
    assert "Traceback" in capsys.readouterr().err

    def stop(settings, report=None):
        raise KeyboardInterrupt

    monkeypatch.setattr("extractor.run.extract.run_extract", stop)
    assert cli.main(["extract", "x.txt"]) == EXIT_INTERRUPTED == 130
    monkeypatch.undo()
    assert cli.main(["extract", "'nothing*matches'"]) == EXIT_USAGE == 2
    assert (EXIT_OK, EXIT_DOC_ERRORS) == (0, 1)
    assert "3    internal error" in cli.__doc__ and "130  interrupted" in cli.__doc__


# -- 9, 10. the cluster: local only, and a scheduler that cannot be reached -------------


def test_an_unreachable_scheduler_fails_fast_and_leaves_the_output_alone(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    text = tmp_path / "a.txt"
    text.write_text(TEXTS[0], encoding="utf-8")
    new, old = tmp_path / "new.jsonl", tmp_path / "old.jsonl"
    old.write_text('{"id": "a"}\n', encoding="utf-8")  # a finished output of an earlier run
    for out in (new, old):
        started = time.monotonic()
        code, report = extract(None, str(text), output=str(out), scheduler="tcp://127.0.0.1:9")
        assert code == EXIT_USAGE and "cannot reach the Dask scheduler" in report
        assert time.monotonic() - started < 15
    assert not new.exists() and not Journal(new).marker.exists()
    assert old.read_text(encoding="utf-8") == '{"id": "a"}\n' and not Journal(old).marker.exists()


def test_a_local_cluster_listens_on_this_host_only() -> None:
    pytest.importorskip("distributed")
    from extractor.run.cluster import connect

    with connect("local:1") as client:
        assert client.scheduler.address.startswith("tcp://127.0.0.1:")
        assert client.dashboard_link.startswith("http://127.0.0.1:")
        assert all(address.startswith("tcp://127.0.0.1:") for address in client.nthreads())
