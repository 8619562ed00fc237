"""The command line over bad input: every file yields a record, the run goes on,
and the exit code says whether anything failed."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Губернатор Смоленской области Василий Анохин встретился с министром здравоохранения Михаилом Мурашко.\n"


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
    assert records["empty"]["ok"] and records["empty"]["text_length"] == 0
    assert records["spaces"]["ok"] and records["spaces"]["entities"] == []
    assert "7 documents, 2 failed" in result.stderr


def test_clean_run_exits_zero_and_json_format_is_one_array(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.json"
    result = run_cli("extract", str(tmp_path / "a.txt"), "-o", str(out), "--format", "json")
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(out.read_text(encoding="utf-8"))
    assert record["id"] == "a" and record["officials"][0]["person"] == "Василий Анохин"


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
