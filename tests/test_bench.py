"""Tests for extractor.bench: the pure helpers only (corpus loading, figures, table). No model is loaded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import bench
from extractor.bench import BenchError, Meta, derive, load_corpus, render_table, with_ratios


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    write(tmp_path / "b.txt", "Бэ")  # 4 bytes of UTF-8
    write(tmp_path / "a.txt", "Мэр Москвы")  # 19 bytes
    write(tmp_path / "a.ann", "T1\tPERSON 0 3\tМэр")  # never read
    write(tmp_path / "sub" / "c.txt", "abc")  # 3 bytes, found recursively
    write(tmp_path / "notes.md", "not a text")
    return tmp_path


# --- corpus ---------------------------------------------------------------------------------------


def test_corpus_reads_txt_recursively_sorted(corpus: Path) -> None:
    data = load_corpus(corpus)
    assert [p.relative_to(corpus).as_posix() for p in data.files] == ["a.txt", "b.txt", "sub/c.txt"]
    assert data.texts == ["Мэр Москвы", "Бэ", "abc"]
    assert data.copies == 1
    assert data.total_bytes == 19 + 4 + 3  # UTF-8 bytes, not characters


def test_corpus_limit_takes_first_files(corpus: Path) -> None:
    data = load_corpus(corpus, limit=2)
    assert [p.name for p in data.files] == ["a.txt", "b.txt"]
    assert data.texts == ["Мэр Москвы", "Бэ"]


def test_corpus_repeats_small_texts_to_target(corpus: Path) -> None:
    data = load_corpus(corpus, limit=2, repeat_below=100, repeat_to=100)
    # 23 bytes → 5 copies (115 bytes) is the least reaching 100
    assert data.copies == 5
    assert data.texts == ["Мэр Москвы", "Бэ"] * 5
    assert data.total_bytes == 115 >= 100
    assert data.file_bytes == 23
    assert len(data.files) == 2


def test_corpus_not_repeated_when_large_enough_or_not_asked(corpus: Path) -> None:
    assert load_corpus(corpus, repeat_below=20, repeat_to=1000).copies == 1  # 26 bytes >= 20
    assert load_corpus(corpus, repeat_below=None).copies == 1


def test_corpus_bom_is_dropped(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes(b"\xef\xbb\xbf" + "Тест".encode())
    assert load_corpus(tmp_path).texts == ["Тест"]


def test_corpus_errors(tmp_path: Path) -> None:
    write(tmp_path / "only.ann", "T1\tPERSON 0 3\tМэр")
    with pytest.raises(BenchError, match="no .txt files"):
        load_corpus(tmp_path)
    with pytest.raises(BenchError, match="not found"):
        load_corpus(tmp_path / "missing")
    write(tmp_path / "a.txt", "x")
    with pytest.raises(BenchError, match="limit"):
        load_corpus(tmp_path, limit=0)


# --- figures and table ----------------------------------------------------------------------------

EXTRACTOR = {"system": "extractor", "docs": 100, "bytes": 300_000, "seconds": 2.0, "load_seconds": 3.5, "peak_rss_mb": 412.4, "failed_docs": 0}
NATASHA = {"system": "natasha", "docs": 100, "bytes": 300_000, "seconds": 6.0, "load_seconds": 1.25, "peak_rss_mb": 299.6, "failed_docs": 0}
META = Meta(
    date="2024-05-01 12:00 UTC",
    corpus="../shared/data/nerel/dev",
    python="3.11.7",
    cpu="AMD EPYC (2 logical CPUs)",
    command="python cli.py bench --corpus ../shared/data/nerel/dev",
    files=100,
)


def test_derive_throughput() -> None:
    row = derive(EXTRACTOR)
    assert row["kb"] == pytest.approx(300.0)  # KB = 1000 bytes
    assert row["kb_per_s"] == pytest.approx(150.0)
    assert row["docs_per_s"] == pytest.approx(50.0)


def test_ratio_is_extractor_over_natasha() -> None:
    rows = {r["system"]: r for r in with_ratios([EXTRACTOR, NATASHA])}
    assert rows["extractor"]["ratio"] == pytest.approx(3.0)
    assert rows["natasha"]["ratio"] == pytest.approx(1.0)
    # different corpora sizes: the ratio is of KB/s, not of seconds
    slow = dict(NATASHA, bytes=150_000, seconds=3.0)  # 50 KB/s
    fast = dict(EXTRACTOR, bytes=300_000, seconds=1.5)  # 200 KB/s
    assert {r["system"]: r["ratio"] for r in with_ratios([fast, slow])}["extractor"] == pytest.approx(4.0)
    assert with_ratios([EXTRACTOR])[0]["ratio"] is None  # no baseline, no ratio


def test_render_table() -> None:
    text = render_table(META, [EXTRACTOR, NATASHA])
    header = text.splitlines()[0]
    for part in ("2024-05-01", "../shared/data/nerel/dev", "3.11.7", "AMD EPYC", "python cli.py bench --corpus"):
        assert part in header
    rows = [line for line in text.splitlines() if line.startswith("| extractor") or line.startswith("| natasha")]
    assert rows == [
        "| extractor | 100 | 300.0 | 2.00 | 150.0 | 50.0 | 3.50 | 412 | 3.00× |",
        "| natasha | 100 | 300.0 | 6.00 | 50.0 | 16.7 | 1.25 | 300 | 1.00× |",
    ]
    assert "repeated" not in text


def test_render_table_notes_repetition_and_failures() -> None:
    meta = Meta(**{**META.__dict__, "copies": 12, "files": 7, "file_kb": 27.2})
    text = render_table(meta, [NATASHA], {"extractor": "extractor worker failed (exit 1):\nTraceback\nImportError: boom"})
    assert "repeated ×12" in text and "7 files, 27.2 KB" in text
    assert "extractor did not finish: ImportError: boom" in text
    assert "| natasha | 100 | 300.0 | 6.00 | 50.0 | 16.7 | 1.25 | 300 | 1.00× |" in text


def test_child_env_single_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMP_NUM_THREADS", "8")
    monkeypatch.setenv("OPENBLAS_CORETYPE", "Haswell")
    env = bench.child_env()
    assert env["OMP_NUM_THREADS"] == env["OPENBLAS_NUM_THREADS"] == env["MKL_NUM_THREADS"] == "1"
    assert env["OPENBLAS_CORETYPE"] == "Haswell"  # left as it was


# --- run_benchmark with the workers faked ---------------------------------------------------------


def test_run_benchmark_writes_table_and_json(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []

    def fake_worker(name: str, texts_path: Path, workdir: Path) -> dict:
        texts = json.loads(texts_path.read_text(encoding="utf-8"))
        seen.append(texts)
        size = sum(len(t.encode()) for t in texts)
        return {"system": name, "docs": len(texts), "bytes": size, "seconds": 1.0 if name == "extractor" else 4.0,
                "load_seconds": 1.0, "peak_rss_mb": 100.0, "failed_docs": 0}

    monkeypatch.setattr(bench, "run_worker", fake_worker)
    out = tmp_path / "results" / "speed.md"
    assert bench.run_benchmark(corpus, str(out), 2) == 0
    assert seen == [["Мэр Москвы", "Бэ"]] * 2  # same texts for both systems, limit applied, no repetition
    assert "4.00×" in out.read_text(encoding="utf-8")
    raw = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert {s["system"]: s["ratio"] for s in raw["systems"]} == {"extractor": 4.0, "natasha": 1.0}
    assert raw["meta"]["command"] == f"python cli.py bench --corpus {corpus} --limit 2 --table {out}"


def test_run_benchmark_fails_without_texts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    def must_not_run(*args: object) -> dict:
        raise AssertionError("no worker may start")

    monkeypatch.setattr(bench, "run_worker", must_not_run)
    assert bench.run_benchmark(tmp_path, None, None) != 0
    assert "no .txt files" in capsys.readouterr().err


def test_run_benchmark_reports_worker_failure(corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    def broken(name: str, texts_path: Path, workdir: Path) -> dict:
        raise RuntimeError(f"{name} worker failed (exit 1):\nImportError: nope")

    monkeypatch.setattr(bench, "run_worker", broken)
    assert bench.run_benchmark(corpus, None, None) != 0
    assert "ImportError: nope" in capsys.readouterr().out
