"""Batch extraction: worker processes give the same bytes as one process, a killed run
resumes without losing or repeating a document, and a crashed worker costs only the
document that crashed it (extractor/run/pool.py and journal.py, `cli.py extract -j N`)."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from extractor.run.journal import Journal, JournalError, fingerprint, item_key, run_identity
from extractor.run.pool import CRASH_HOOK, THREAD_VARS, Options, _child_start_environment, extract_many_parallel
from extractor.run.progress import Progress
from extractor.document import Document
from extractor.io.sources import open_inputs
from extractor.io.write import dumps, record_from_dict
from support import kill_after_first_record

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpora" / "sample"
TEXT = "Губернатор Смоленской области Василий Анохин встретился с министром здравоохранения Михаилом Мурашко.\n"
REPEATED = sorted(SAMPLE.glob("*.txt"))[0].stem  # also the name of a file in a subfolder
CRASHER = "gen_07"  # the generated file that kills its worker in test_worker_crash_becomes_an_error_record


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "extract", *args], capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, **(env or {})}, timeout=120,
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """40 files: the sample corpus, 30 texts made from it, a repeated file name in a
    subfolder, a windows-1251 file and a binary file (a failed document)."""
    folder = tmp_path_factory.mktemp("corpus")
    samples = sorted(SAMPLE.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in samples]
    for path, text in zip(samples, texts):
        (folder / path.name).write_text(text, encoding="utf-8")
    for i in range(30):
        lines = texts[i % len(texts)].splitlines()
        shift = (3 * i) % max(len(lines), 1)
        (folder / f"gen_{i:02d}.txt").write_text("\n".join(lines[shift:] + lines[:shift]) + "\n", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / samples[0].name).write_text(TEXT + texts[1], encoding="utf-8")  # same id, other source
    (folder / "cp1251.txt").write_bytes(TEXT.encode("cp1251"))
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 16)
    assert len(list(folder.rglob("*.txt"))) == 40
    return folder


@pytest.fixture(scope="module")
def clean(corpus: Path, tmp_path_factory) -> bytes:
    """The reference: one uninterrupted run in one process."""
    out = tmp_path_factory.mktemp("clean") / "out.jsonl"
    result = cli(str(corpus), "-o", str(out))
    assert result.returncode == 1, result.stderr  # the binary file
    assert "40 documents, 1 failed" in result.stderr
    return out.read_bytes()


def unfinished(journal: Path, inputs: list[str]) -> None:
    """The marker of an unfinished run of `extract INPUTS -o ...` over the inputs as they are now."""
    Journal.open(journal, run_identity(inputs, Options()), fingerprint(open_inputs(inputs))).close()


def records(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def test_two_workers_write_the_same_bytes_as_one_process(corpus: Path, clean: bytes, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = cli(str(corpus), "-o", str(out), "-j", "2", "--chunk-size", "3")
    assert result.returncode == 1, result.stderr
    assert "40 documents, 1 failed" in result.stderr
    assert out.read_bytes() == clean
    sources = [r["source"] for r in records(clean)]
    assert len(set(sources)) == 40 and Counter(r["id"] for r in records(clean))[REPEATED] == 2


def test_killed_run_resumes_without_loss_or_repeat(corpus: Path, clean: bytes, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    command = [sys.executable, str(ROOT / "cli.py"), "extract", str(corpus), "-o", str(out), "--chunk-size", "1"]
    written = kill_after_first_record(command, out)
    assert 1 <= written < 40, f"the run was to be killed midway, it wrote {written} records"

    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert f"{40 - written} of 40 to go" in result.stderr
    assert "40 documents, 1 failed" in result.stderr
    resumed = out.read_bytes()
    assert Counter(r["source"] for r in records(resumed)) == Counter(r["source"] for r in records(clean))
    assert resumed == clean  # same records, same order: nothing lost, nothing twice


def test_resume_cuts_a_partial_last_line_and_tables_cover_everything(corpus: Path, clean: bytes, tmp_path: Path) -> None:
    lines = clean.splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    unfinished(out, [str(corpus)])
    out.write_bytes(b"".join(lines[:-2]) + lines[-2][: len(lines[-2]) // 2])  # killed while writing
    tables = tmp_path / "tables"
    result = cli(str(corpus), "-o", str(out), "--tables", str(tables))
    assert result.returncode == 1, result.stderr
    assert "partial last line" in result.stderr and "2 of 40 to go" in result.stderr
    assert out.read_bytes() == clean and not Journal(out).marker.exists()

    from extractor.io.tables import write_tables

    expected = tmp_path / "expected"
    write_tables([record_from_dict(r) for r in records(clean)], expected)
    for name in ("documents", "entities", "persons", "officials", "facts"):
        assert (tables / f"{name}.csv").read_bytes() == (expected / f"{name}.csv").read_bytes(), name
    assert (tables / "documents.csv").read_text(encoding="utf-8").count("\n") == 41


def test_json_format_is_assembled_from_a_journal(corpus: Path, clean: bytes, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    journal = tmp_path / "out.json.partial.jsonl"
    unfinished(journal, [str(corpus)])
    journal.write_bytes(b"".join(clean.splitlines(keepends=True)[:35]))  # an earlier, stopped run
    result = cli(str(corpus), "-o", str(out), "--format", "json")
    assert result.returncode == 1, result.stderr
    assert "5 of 40 to go" in result.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == records(clean)
    assert not journal.exists() and not Journal(journal).marker.exists()


def test_worker_crash_becomes_an_error_record(corpus: Path, clean: bytes, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = cli(str(corpus), "-o", str(out), "-j", "2", "--chunk-size", "4", env={CRASH_HOOK: CRASHER})
    assert result.returncode == 1, result.stderr
    assert "40 documents, 2 failed" in result.stderr
    got, want = records(out.read_bytes()), records(clean)
    assert [r["source"] for r in got] == [r["source"] for r in want]
    for mine, theirs in zip(got, want):
        if CRASHER in mine["source"]:
            assert not mine["ok"] and mine["id"] == CRASHER
            assert mine["errors"] == [{"stage": "worker", "message": "worker crashed (killed by SIGKILL)"}]
        else:
            assert mine == theirs  # its chunk-mates were redone one by one, not lost


def test_parallel_api_takes_documents_and_keeps_their_order(pipeline) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))][:4] + [TEXT, ""]
    docs = [Document(id=f"d{i % 3}", text=text) for i, text in enumerate(texts)]  # ids repeat, no sources
    got = list(extract_many_parallel(docs, jobs=2, chunk_size=2))
    want = list(pipeline.extract_many(Document(id=f"d{i % 3}", text=t) for i, t in enumerate(texts)))
    assert [dumps(r) for r in got] == [dumps(r) for r in want]
    assert got[0].officials and isinstance(got[0].officials[0].position_span, tuple)


# -- no pipeline needed ---------------------------------------------------------------


def test_journal_resumes_only_an_unfinished_run_of_the_same_command(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    run = run_identity(["x"], Options())
    line = json.dumps({"id": "a", "source": "x/a.txt", "ok": True, "entities": [{}], "facts": []})
    path.write_text(line + "\n", encoding="utf-8")  # a finished output: written afresh
    journal = Journal.open(path, run)
    assert not journal.resumed and path.read_bytes() == b"" and journal.marker.exists()
    with pytest.raises(JournalError, match="another run"):
        Journal.open(path, run)  # locked while the first one writes
    journal.close()

    path.write_text(line + "\n" + line + "\n" + '{"id": "b", "sou', encoding="utf-8")  # then killed
    journal = Journal.open(path, run)
    journal.close()
    assert journal.resumed and journal.cut == len('{"id": "b", "sou')
    assert path.read_text(encoding="utf-8") == (line + "\n") * 2
    assert journal.totals.documents == 2 and journal.totals.entities == 2
    assert journal.remaining(["x/a.txt", "x/a.txt", "x/b.txt", "x/c.txt"]) == ["x/b.txt", "x/c.txt"]  # the first two: done
    with pytest.raises(JournalError, match="not the record of x/b.txt"):
        journal.remaining(["x/a.txt", "x/b.txt", "x/a.txt"])  # not the documents of its records, in their order
    with pytest.raises(JournalError, match="holds 2 records, the inputs only 1"):
        journal.remaining(["x/a.txt"])
    assert item_key(Document(id="a", text="")) == "id:a"

    with pytest.raises(JournalError, match="differs in: tokens"):
        Journal.open(path, run_identity(["x"], Options(with_tokens=True)))
    with pytest.raises(JournalError, match="differs in: inputs"):
        Journal.open(path, run_identity(["y"], Options()))
    assert path.read_text(encoding="utf-8") == (line + "\n") * 2  # refused: left as it was
    restarted = Journal.open(path, run_identity(["y"], Options()), restart=True)
    assert not restarted.resumed and path.read_bytes() == b""
    restarted.finish()
    assert not restarted.marker.exists()


def test_journal_refuses_a_file_that_is_not_its_own(tmp_path: Path) -> None:
    path = tmp_path / "notes.jsonl"
    run = run_identity(["x"], Options())
    Journal.open(path, run).close()
    path.write_text("just some notes\n", encoding="utf-8")
    with pytest.raises(JournalError, match="--restart"):
        Journal.open(path, run)
    assert path.read_text(encoding="utf-8") == "just some notes\n"


def test_progress_is_one_line_on_a_terminal_and_silent_elsewhere() -> None:
    quiet = io.StringIO()
    Progress(10, stream=quiet).update(5, 0, force=True)
    assert quiet.getvalue() == ""
    shown = io.StringIO()
    progress = Progress(10, stream=shown, enabled=True)
    progress.update(5, 1, force=True)
    progress.clear()
    text = shown.getvalue()
    assert text.startswith("\r5/10 documents 50%") and "1 failed" in text and "\n" not in text


def test_workers_start_with_one_blas_thread_and_the_parent_keeps_its_environment(monkeypatch) -> None:
    monkeypatch.setenv("OMP_NUM_THREADS", "4")
    monkeypatch.delenv("MKL_NUM_THREADS", raising=False)
    with _child_start_environment():
        assert all(os.environ[var] == "1" for var in THREAD_VARS)
    assert os.environ["OMP_NUM_THREADS"] == "4" and "MKL_NUM_THREADS" not in os.environ
    code = "import sys, extractor.run.pool, extractor.run.journal, extractor.run.progress, extractor.run.cli; print('numpy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout.strip() == "False"


SCRIPT = """\
from extractor.run import extract_many

texts = ["Губернатор Смоленской области Василий Анохин встретился с министром.", "Мурашко приехал в Смоленск."]
print("module run as", __name__, flush=True)
{call}
"""
CALL = "print([(r.id, r.ok, len(r.entities)) for r in extract_many(texts, jobs=2)])"


def run_script(path: Path, call: str) -> subprocess.CompletedProcess[str]:
    path.write_text(SCRIPT.format(call=call), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, str(path)], capture_output=True, text=True, cwd=path.parent, env=env, timeout=180)


def test_a_script_without_the_main_guard_gets_one_message_that_says_the_fix(tmp_path: Path) -> None:
    """jobs=2 outside `if __name__ == "__main__":`: every spawned worker imports the script
    again and would start workers of its own; the run stops at once with one WorkerError."""
    result = run_script(tmp_path / "no_guard.py", CALL)
    assert result.returncode != 0
    assert result.stderr.count("Traceback") == 1 and "bootstrapping phase" not in result.stderr, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("extractor.run.pool.WorkerError: the worker processes cannot start") and str(tmp_path / "no_guard.py") in last
    assert "if __name__ == '__main__':" in last
    assert "module run as __main__" in result.stdout and "[(" not in result.stdout  # no records: no worker got to work


def test_the_same_script_with_the_guard_gets_its_records(tmp_path: Path) -> None:
    call = 'if __name__ == "__main__":\n    ' + CALL
    result = run_script(tmp_path / "guarded.py", call)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("module run as __mp_main__") == 1  # the worker (one chunk: one) imports it, and goes no further
    records = eval(result.stdout.strip().splitlines()[-1])  # noqa: S307 - our own script's printout
    assert [(doc_id, ok) for doc_id, ok, _ in records] == [("1", True), ("2", True)] and all(n > 0 for _, _, n in records)
