"""Tests for tools.bench and its kin: corpus loading, medians and ratios, the tables, the round
order with the workers faked, and real runs of each bench on a few tiny documents."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from tools import bench, bench_stages
from tools.bench import BenchError, Meta, load_corpus, medians, ratios
from tools.bench_table import render_table


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
    assert data.total_bytes == 19 + 4 + 3  # UTF-8 bytes, not characters
    assert data.label == str(corpus)


def test_corpus_limit_takes_first_files(corpus: Path) -> None:
    data = load_corpus(corpus, limit=2)
    assert [p.name for p in data.files] == ["a.txt", "b.txt"]
    assert data.texts == ["Мэр Москвы", "Бэ"]


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


def test_default_corpora_skip_the_missing_ones(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench, "DEFAULT_CORPORA", ((corpus, "tiny"), (tmp_path / "gone", "../shared/gone")))
    loaded, notes = bench.load_corpora(None, None)
    assert [c.label for c in loaded] == ["tiny"] and notes == ["default corpus ../shared/gone not found: skipped"]
    with pytest.raises(BenchError, match="not found"):  # one given on the command line must be there
        bench.load_corpora([tmp_path / "gone"], None)
    monkeypatch.setattr(bench, "DEFAULT_CORPORA", ((tmp_path / "gone", "gone"),))
    with pytest.raises(BenchError, match="--corpus"):
        bench.load_corpora(None, None)


# --- medians, ratios, table -----------------------------------------------------------------------


def figures_of(system: str, corpus: str, round_no: int, cpu: float, docs: int = 100) -> dict:
    """A run's figures: whole process 1 s over its CPU, the pass half of it, load 1 s."""
    return {"round": round_no, "corpus": corpus, "system": system, "docs": docs, "bytes": 1000 * docs,
            "process_seconds": cpu + 1, "process_cpu_seconds": cpu, "pass_seconds": cpu / 2, "pass_cpu_seconds": cpu / 2,
            "load_seconds": 1.0, "load_cpu_seconds": 1.0, "peak_rss_mb": 300.0 + round_no, "failed_docs": 0,
            "gc_seconds": 0.01, "gc_collections": 3}


RUNS = [figures_of("extractor", "nerel", 1, 4.0), figures_of("natasha", "nerel", 1, 12.0),
        figures_of("extractor", "nerel", 2, 6.0), figures_of("natasha", "nerel", 2, 9.0),
        figures_of("extractor", "nerel", 3, 5.0), figures_of("natasha", "nerel", 3, 10.0),
        *(figures_of(s, "start-up", r, c, docs=1) for r in (1, 2, 3) for s, c in (("extractor", 3.0), ("natasha", 1.5)))]
META = Meta(date="2024-05-01 12:00 UTC", python="3.11.7", cpu="AMD EPYC (2 logical CPUs)",
            command="python cli.py bench --corpus nerel", rounds=3,
            corpora=[{"corpus": "nerel", "files": 100, "kb": 100.0}], load_before="0.10 0.20 0.30", load_after="1.50 0.70 0.40", versions={"natasha": "1.6.0"})


def test_medians_per_corpus_and_system() -> None:
    rows = {(r["corpus"], r["system"]): r for r in medians(RUNS)}
    ours = rows[("nerel", "extractor")]
    assert (ours["rounds"], ours["process_cpu_seconds"], ours["pass_cpu_seconds"], ours["peak_rss_mb"]) == (3, 5.0, 2.5, 302.0)
    assert rows[("nerel", "natasha")]["process_cpu_seconds"] == 10.0
    assert list(rows) == [("nerel", "extractor"), ("nerel", "natasha"), ("start-up", "extractor"), ("start-up", "natasha")]


def test_ratios_are_natasha_over_extractor() -> None:
    by_corpus = {r["corpus"]: r for r in ratios(medians(RUNS))}
    assert by_corpus["nerel"]["process_cpu_seconds"] == pytest.approx(2.0)  # 10 / 5
    assert by_corpus["nerel"]["pass_cpu_seconds"] == pytest.approx(2.0)
    assert by_corpus["start-up"]["process_seconds"] == pytest.approx(2.5 / 4.0)  # start-up wall
    assert ratios(medians(RUNS[:1])) == []  # no baseline, no ratio


def test_render_table() -> None:
    summary = medians(RUNS)
    text = render_table(META, summary, ratios(summary))
    header = text.splitlines()[0]
    for part in ("2024-05-01", "3.11.7", "AMD EPYC", "load average before: 0.10 0.20 0.30, after: 1.50", "regenerate: `python cli.py bench --corpus nerel`"):
        assert part in header
    assert ("| corpus | system | docs | KB | process s | process CPU s | pass s | pass CPU s | KB/s (pass) | load s"
            " | peak RSS MB |") in text
    assert "| `nerel` | extractor | 100 | 100.0 | 6.00 | 5.00 | 2.50 | 2.50 | 40.0 | 1.00 | 302 |" in text
    assert "| start-up (1 short document) | natasha | 1 | 1.0 | 2.50 | 1.50 | 0.75 | 0.75 | – | 1.00 | 302 |" in text
    assert "| corpus | natasha / extractor: process CPU | pass CPU | process wall |" in text
    assert "| `nerel` | 2.00× | 2.00× | 1.83× |" in text
    assert "| start-up | 0.50× | – | 0.62× |" in text
    assert "Medians of 3 round(s)" in text and "natasha 1.6.0" in text


def test_render_table_notes_failures() -> None:
    meta = Meta(**{**META.__dict__, "notes": ["default corpus x not found: skipped"]})
    text = render_table(meta, medians(RUNS[1:2]), [], {"extractor": "extractor worker failed (exit 1):\nTraceback\nImportError: boom"})
    assert "extractor did not finish: ImportError: boom" in text and "Note: default corpus x not found: skipped." in text


def test_collector_clock_counts_the_collections_inside_it() -> None:
    import gc

    with bench.collector_clock() as collector:
        gc.collect()
        gc.collect()
    assert collector["collections"] == 2 and collector["seconds"] > 0
    gc.collect()  # the callback is gone afterwards
    assert collector["collections"] == 2


def test_child_env_single_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMP_NUM_THREADS", "8")
    monkeypatch.setenv("OPENBLAS_CORETYPE", "Haswell")
    env = bench.child_env()
    assert env["OMP_NUM_THREADS"] == env["OPENBLAS_NUM_THREADS"] == env["MKL_NUM_THREADS"] == "1"
    assert env["OPENBLAS_CORETYPE"] == "Haswell"  # left as it was


def test_run_child_reads_the_child_from_the_kernel(tmp_path: Path) -> None:
    import sys

    spin = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3: pass\nx = bytearray(80 * 2**20)"
    figures = bench.run_child([sys.executable, "-c", spin], tmp_path / "log", "spin")
    assert figures["process_cpu_seconds"] >= 0.3 and figures["process_seconds"] >= figures["process_cpu_seconds"] * 0.5
    assert figures["peak_rss_mb"] > 80
    with pytest.raises(RuntimeError, match="boom failed \\(exit 3\\):\nboom"):
        bench.run_child([sys.executable, "-c", "import sys; print('boom', file=sys.stderr); sys.exit(3)"], tmp_path / "log", "boom")


# --- run_benchmark with the workers faked ---------------------------------------------------------


def test_run_benchmark_alternates_the_systems_in_rounds(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, list[str]]] = []

    def fake_worker(name: str, texts_path: Path, workdir: Path) -> dict:
        texts = json.loads(texts_path.read_text(encoding="utf-8"))
        seen.append((name, texts))
        return {k: v for k, v in figures_of(name, "", 0, 2.0 if name == "extractor" else 8.0, len(texts)).items()
                if k not in ("round", "corpus")}

    monkeypatch.setattr(bench, "run_worker", fake_worker)
    out = tmp_path / "results" / "speed.md"
    assert bench.run_benchmark([corpus], str(out), 2, rounds=2) == 0
    startup = [bench.STARTUP_TEXT]
    assert seen == [("extractor", ["Мэр Москвы", "Бэ"]), ("natasha", ["Мэр Москвы", "Бэ"]), ("extractor", startup),
                    ("natasha", startup), ("natasha", ["Мэр Москвы", "Бэ"]), ("extractor", ["Мэр Москвы", "Бэ"]),
                    ("natasha", startup), ("extractor", startup)]
    assert "| 4.00× | 4.00× |" in out.read_text(encoding="utf-8")
    raw = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert [r["process_cpu_seconds"] for r in raw["ratios"]] == [4.0, 4.0]
    assert len(raw["runs"]) == 8 and raw["meta"]["command"] == f"python cli.py bench --corpus {corpus} --rounds 2 --limit 2 --table {out}"


def test_run_benchmark_refuses_without_texts_or_rounds(tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture) -> None:
    def must_not_run(*args: object) -> dict:
        raise AssertionError("no worker may start")

    monkeypatch.setattr(bench, "run_worker", must_not_run)
    assert bench.run_benchmark([tmp_path / "empty"], None, None) == bench.EXIT_USAGE
    assert "not found" in capsys.readouterr().err
    assert bench.run_benchmark([corpus], None, None, rounds=0) == bench.EXIT_USAGE
    assert "--rounds" in capsys.readouterr().err


def test_run_benchmark_reports_worker_failure(corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    calls = []

    def broken(name: str, texts_path: Path, workdir: Path) -> dict:
        calls.append(name)
        raise RuntimeError(f"{name} worker failed (exit 1):\nImportError: nope")

    monkeypatch.setattr(bench, "run_worker", broken)
    assert bench.run_benchmark([corpus], None, None, rounds=2) == bench.EXIT_FAILED
    assert "ImportError: nope" in capsys.readouterr().out
    assert calls == ["extractor", "natasha"]  # a system that failed once is not run again


# --- real runs on tiny corpora --------------------------------------------------------------------

TINY = ("Губернатор Смоленской области Василий Анохин провёл встречу с послом Республики Беларусь.",
        "Мэр Москвы Сергей Собянин открыл станцию метро «Тропарёво» 8 ноября 2024 года.")


def tiny_corpus(folder: Path) -> Path:
    for i, text in enumerate(TINY):
        write(folder / f"{i}.txt", text)
    return folder


def test_bench_runs_both_systems_and_writes_the_table(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """The real thing through the command line: 2 documents, 1 round, fresh processes."""
    from extractor.run.cli import main

    out = tmp_path / "speed.md"
    assert main(["bench", "--corpus", str(tiny_corpus(tmp_path / "tiny")), "--rounds", "1", "--table", str(out)]) == 0, capsys.readouterr().err
    raw = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert [(r["corpus"], r["system"]) for r in raw["summary"]] == [
        (str(tmp_path / "tiny"), "extractor"), (str(tmp_path / "tiny"), "natasha"), ("start-up", "extractor"), ("start-up", "natasha")]
    for row in raw["summary"]:
        assert row["process_cpu_seconds"] > row["load_cpu_seconds"] > 0.1  # the models are loaded, inside the process
        assert row["process_seconds"] > row["load_seconds"] + row["pass_seconds"] and row["peak_rss_mb"] > 100
        assert row["failed_docs"] == 0 and row["docs"] == (1 if row["corpus"] == "start-up" else 2)
    assert all(r["process_cpu_seconds"] and r["pass_cpu_seconds"] for r in raw["ratios"][:1])
    text = out.read_text(encoding="utf-8")
    assert "| corpus | system | docs | KB | process s | process CPU s | pass s | pass CPU s |" in text
    assert "| corpus | natasha / extractor: process CPU | pass CPU | process wall |" in text


def test_stage_profile_splits_the_extractor_process(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from extractor.run.cli import main

    out = tmp_path / "stages.md"
    assert main(["bench", "--stages", "--corpus", str(tiny_corpus(tmp_path / "tiny")), "--rounds", "1", "--table", str(out)]) == 0, capsys.readouterr().err
    raw = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    profile = raw["summary"][str(tmp_path / "tiny")]
    parts = profile["parts"]
    names = list(parts)
    stages = names[3:-3]  # the pipeline's, in its order: clean … spacy_entities
    assert names[:3] == [bench_stages.START_EXIT, "imports", "models"] and names[-3:] == ["records", "JSON serialisation", "rest of the pass"]
    assert stages[:4] == ["stage clean", "stage blocks", "stage segment", "stage ner"] and len(stages) > 10
    assert parts["stage ner"] > 0 and parts["JSON serialisation"] > 0
    assert parts["imports"] > 0.1 and parts["models"] > 0.1 and parts[bench_stages.START_EXIT] > 0
    assert sum(parts.values()) == pytest.approx(profile["process_cpu_seconds"])
    text = out.read_text(encoding="utf-8")
    assert f"| part | `{tmp_path / 'tiny'}` CPU s | share |" in text and "| stage ner | " in text and "**whole process**" in text


class Stage:
    name, batched = "x", True

    def __call__(self, n: int) -> int:
        return sum(range(n))


def test_timed_adds_up_and_passes_attributes_through() -> None:
    spent: dict[str, float] = {}
    timed = bench_stages.Timed(Stage(), spent, "stage x")
    assert timed.batched is True and timed.name == "x" and spent == {"stage x": 0.0}
    assert timed(200_000) == sum(range(200_000)) and spent["stage x"] > 0


def test_import_clock_counts_imports_once() -> None:
    import builtins
    import sys

    sys.modules.pop("colorsys", None)
    before = builtins.__import__
    with bench_stages.import_clock() as spent:
        import colorsys  # noqa: F401
    assert spent["cpu_seconds"] > 0 and builtins.__import__ is before


# --- scaling: corpus assembly, table, and one real -j 1 / -j 2 run -----------------------------------

from tools import bench_scaling as scaling  # noqa: E402
from tools import scaling_corpus  # noqa: E402

PARAGRAPH = (
    "Губернатор Смоленской области Василий Анохин провёл рабочую встречу с послом Республики Беларусь."
    " Стороны обсудили товарооборот, который в прошлом году составил 3,17 млрд долларов, и планы на {} год."
    " По словам губернатора, в регионе работают более сорока совместных предприятий.\n"
)  # 296 characters with its line break: two of them make one derived document


def paragraphs(n: int) -> str:
    return "".join(PARAGRAPH.format(2020 + i) for i in range(n))


def shared_data(root: Path) -> Path:
    """A miniature ../shared/data: 2 NEREL files (one long), 1 factRuEval text, 1 RuREBus zip of 2 texts."""
    import zipfile

    write(root / "nerel" / "train" / "1_text.txt", "Мэр Москвы Сергей Собянин открыл станцию метро.\n")
    write(root / "nerel" / "train" / "1_text.ann", "T1\tPERSON 11 26\tСергей Собянин\n")
    write(root / "nerel" / "dev" / "2_text.txt", paragraphs(6))  # long: three paragraph groups
    write(root / "factrueval" / "devset" / "book_1.txt", "Владимир Путин встретился с Ангелой Меркель в Берлине.\n")
    write(root / "factrueval" / "devset" / "book_1.tokens", "1 0 8 Владимир\n")
    (root / "rurebus").mkdir()
    with zipfile.ZipFile(root / "rurebus" / "train_part_1.zip", "w") as zf:
        zf.writestr("train_part_1/a_part_0.txt", "Объём инвестиций в основной капитал вырос на 5 % .\n")
        zf.writestr("train_part_1/a_part_0.ann", "T1\tMET 0 5\tОбъём\n")
        zf.writestr("train_part_1/b_part_0.txt", "Мэр Москвы Сергей Собянин открыл станцию метро.\n")  # same as NEREL: skipped
    return root


def test_paragraph_groups_are_exact_substrings_of_min_size() -> None:
    text = "Заголовок\n" + paragraphs(5) + "Хвост."
    groups = scaling_corpus.paragraph_groups(text, min_chars=300)
    assert len(groups) == 2  # 10 + 296 + 296 | 296 + 296 + short tail joined to the last group
    assert all(g in text and len(g) >= 300 for g in groups)
    assert groups[-1].endswith("Хвост.")
    assert scaling_corpus.paragraph_groups(paragraphs(1), min_chars=300) == []  # one group is no derived document
    # a line break inside a sentence (RuREBus) does not end a paragraph
    assert scaling_corpus.paragraph_groups("а б в\nг д е.\nж з и.\n", min_chars=5) == ["а б в\nг д е.", "ж з и."]


def test_spread_keeps_order_and_proportions() -> None:
    assert scaling_corpus.spread(list(range(10)), 5) == [0, 2, 4, 6, 8]
    assert scaling_corpus.spread([1, 2], 5) == [1, 2]


def test_assemble_distinct_then_derived_then_repeated(tmp_path: Path) -> None:
    data = shared_data(tmp_path)
    docs = scaling_corpus.assemble(data, 8)
    assert [d.kind for d in docs] == ["distinct"] * 4 + ["derived"] * 3 + ["repeated"]
    assert [d.origin for d in docs[:4]] == ["nerel/train/1_text", "nerel/dev/2_text", "factrueval/book_1", "rurebus/a_part_0"]
    assert [d.origin for d in docs[4:]] == ["nerel/dev/2_text#p1", "nerel/dev/2_text#p2", "nerel/dev/2_text#p3", "nerel/train/1_text"]
    assert all(d.text in docs[1].text and len(d.text) >= scaling_corpus.MIN_CHARS for d in docs[4:7])
    assert docs[7].text == docs[0].text
    stats = scaling_corpus.corpus_stats(docs)
    assert stats.kinds == {"distinct": 4, "derived": 3, "repeated": 1}
    assert stats.sources == {"NEREL train+dev": 2, "factRuEval devset": 1, "RuREBus train": 1}
    assert stats.bytes == sum(len(d.text.encode()) for d in docs)
    assert scaling_corpus.assemble(data, 8) == docs  # deterministic
    few = scaling_corpus.assemble(data, 2)
    assert [d.kind for d in few] == ["distinct"] * 2 and few[0].origin == "nerel/train/1_text"
    with pytest.raises(BenchError, match="at least 1"):
        scaling_corpus.assemble(data, 0)
    with pytest.raises(BenchError, match="not found"):
        scaling_corpus.assemble(tmp_path / "missing", 5)


def test_write_corpus_fixes_the_order(tmp_path: Path) -> None:
    docs = scaling_corpus.assemble(shared_data(tmp_path / "data"), 8)
    paths = scaling_corpus.write_corpus(docs, tmp_path / "corpus")
    assert [p.name for p in sorted((tmp_path / "corpus").glob("*.txt"))] == [p.name for p in paths]
    assert paths[0].name == "00001_distinct_nerel-train-1_text.txt"
    assert paths[4].name == "00005_derived_nerel-dev-2_text-p1.txt"
    assert [p.read_text(encoding="utf-8") for p in paths] == [d.text for d in docs]


def test_parse_jobs() -> None:
    assert scaling.parse_jobs("1,2") == [1, 2]
    assert scaling.parse_jobs("1, 2, 4") == [1, 2, 4]
    for bad in ("", "0,2", "a"):
        with pytest.raises(BenchError):
            scaling.parse_jobs(bad)


SCALING_META = scaling.Meta(
    date="2024-05-01 12:00 UTC", command="python cli.py bench --scaling --docs 100", python="3.11.7",
    cpu="AMD EPYC", cpus=2, load_before="0.10 0.20 0.30", data="../shared/data",
)
SCALING_CORPUS = scaling_corpus.CorpusStats(docs=100, bytes=2_000_000, kinds={"distinct": 60, "derived": 30, "repeated": 10},
                                            sources={"NEREL train+dev": 60})


def run_of(jobs: int, seconds: float, sha: str = "ab" * 32, workers: list[float] | None = None, round_no: int = 1) -> scaling.Run:
    return scaling.Run(jobs, seconds, 0, sha, 100, 0, 340.0 if jobs == 1 else 25.0, 0.9 * jobs * seconds, workers or [],
                       round=round_no)


def test_render_scaling_table() -> None:
    text = scaling.render_table(SCALING_META, SCALING_CORPUS, [run_of(1, 20.0), run_of(2, 10.5, workers=[341.4, 338.6])])
    assert "| round | jobs | docs | MB | seconds | CPU s | docs/s | KB/s | speedup | peak RSS parent MB | peak RSS per worker MB | failed docs |" in text
    assert "| 1 | 1 | 100 | 2.00 | 20.0 | 18.0 | 5.0 | 100.0 | 1.00× | 340 | – | 0 |" in text
    assert "| 1 | 2 | 100 | 2.00 | 10.5 | 18.9 | 9.5 | 190.5 | 1.90× | 25 | 341, 339 | 0 |" in text
    assert "| 2 | 1 | 10.5 | 18.9 | 9.5 | 190.5 | 1.90× | 1.05× |" in text  # the summary: one round, no range
    assert "60 distinct (NEREL train+dev 60), 30 derived" in text and "10 repeated" in text
    assert "byte-identical: yes" in text
    assert "issue #5" in text and ": met (1.90×)" in text
    assert "load average before: 0.10 0.20 0.30" in text


def test_scaling_verdict_is_the_median_of_rounds() -> None:
    """Each round's -j 2 is set against that round's -j 1: a slow round does not skew the others."""
    runs = [run_of(1, 20.0), run_of(2, 11.5), run_of(1, 24.0, round_no=2), run_of(2, 12.0, round_no=2),
            run_of(1, 18.0, round_no=3), run_of(2, 10.5, round_no=3)]
    assert [round(scaling.speedup(r, runs), 3) for r in runs] == [1.0, 1.739, 1.0, 2.0, 1.0, 1.714]
    two = scaling.summaries(runs)[1]
    assert (two.jobs, two.seconds, round(two.speedup, 3)) == (2, 11.5, 1.739)
    text = scaling.render_table(SCALING_META, SCALING_CORPUS, runs)
    assert "| 2 | 3 | 11.5 | 20.7 | 8.7 | 173.9 | 1.74× (1.71–2.00) | 1.15× |" in text
    assert "**not met** (1.74×, the median of 3 rounds: 1.74×, 2.00×, 1.71×)" in text
    assert "| 2 | 2 | 100 | 2.00 | 12.0 | 21.6 | 8.3 | 166.7 | 2.00× |" in text


def test_scaling_rounds_alternate_the_jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    order = []

    def fake_run(folder: Path, workdir: Path, jobs: int, chunk_size: int | None = None, round_no: int = 1) -> scaling.Run:
        order.append((round_no, jobs))
        (workdir / f"r{round_no}-j{jobs}.jsonl").write_text("{}\n", encoding="utf-8")
        return run_of(jobs, 10.0 / jobs, round_no=round_no)

    monkeypatch.setattr(scaling, "run_extract", fake_run)
    table = tmp_path / "scaling.md"
    assert scaling.run_scaling(8, [1, 2], shared_data(tmp_path / "data"), str(table), rounds=2) == 0
    assert order == [(1, 1), (1, 2), (2, 1), (2, 2)]
    raw = json.loads(table.with_suffix(".json").read_text(encoding="utf-8"))
    assert [s["speedups"] for s in raw["summary"]] == [[1.0, 1.0], [2.0, 2.0]]
    assert "--rounds 2" in raw["meta"]["command"]


def test_render_scaling_table_flags_differences_and_slow_scaling() -> None:
    text = scaling.render_table(SCALING_META, SCALING_CORPUS, [run_of(1, 20.0), run_of(2, 12.5, sha="cd" * 32)])
    assert "byte-identical: **no**" in text
    assert "**not met** (1.60×)" in text
    failed = scaling.Run(2, 3.0, 2, None, 0, 0, 20.0, error="extract -j 2 exited with 2: error: boom")
    text = scaling.render_table(SCALING_META, SCALING_CORPUS, [run_of(1, 20.0), failed])
    assert "Note (round 1): extract -j 2 exited with 2: error: boom" in text and "byte-identical: **no**" in text
    assert not scaling.identical([run_of(1, 20.0), failed])


def test_scaling_runs_extract_and_outputs_match(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """The real thing on 8 documents: -j 1 and -j 2 subprocesses (chunks of 2, so both workers work)."""
    table = tmp_path / "results" / "scaling.md"
    code = scaling.run_scaling(8, [1, 2], shared_data(tmp_path / "data"), str(table), chunk_size=2, rounds=1)
    assert code == 0, capsys.readouterr()
    raw = json.loads(table.with_suffix(".json").read_text(encoding="utf-8"))
    assert raw["identical"] is True
    one, two = raw["runs"]
    assert (one["jobs"], two["jobs"]) == (1, 2)
    assert one["records"] == two["records"] == 8 and one["sha256"] == two["sha256"]
    # the run loads the pipeline once and forks its workers, which hold it (their RSS counts the pages they
    # share); a forked worker on 2 tiny documents may come and go between two polls
    assert one["workers_mb"] == [] and len(two["workers_mb"]) <= 2
    assert one["parent_mb"] > 100 and all(mb > 100 for mb in two["workers_mb"])
    assert one["cpu_seconds"] > 0.3 and two["cpu_seconds"] > 0.3  # a load at least (0.8 s today); the workers' CPU counts too
    assert raw["corpus"]["kinds"] == {"distinct": 4, "derived": 3, "repeated": 1}
    text = table.read_text(encoding="utf-8")
    assert "| round | jobs | docs | MB | seconds | CPU s | docs/s | KB/s | speedup |" in text and "byte-identical: yes" in text


def test_first_difference_names_line_and_file(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    same = '{"id": "1", "source": "/c/00001_distinct_x.txt"}\n'
    a.write_text(same + '{"id": "2", "source": "/c/00002_derived_y.txt", "n": 1}\n', encoding="utf-8")
    b.write_text(same + '{"id": "2", "source": "/c/00002_derived_y.txt", "n": 2}\n', encoding="utf-8")
    assert scaling.first_difference(a, b) == "line 2, 00002_derived_y.txt"
    assert scaling.first_difference(a, a) is None
    b.write_text(same, encoding="utf-8")  # one output shorter
    assert scaling.first_difference(a, b) == "line 2, 00002_derived_y.txt"


# --- soak: readings, verdict, table, and run_soak with the worker faked --------------------------

from tools import bench_soak as soak  # noqa: E402


def test_soak_pass_reads_every_n_documents_and_after_the_last() -> None:
    readings: list[dict] = []
    records = lambda texts: (SimpleNamespace(ok=t != "bad") for t in texts)  # noqa: E731
    soak.soak_pass(["a", "b", "bad", "c", "d"], records, 2, readings.append)
    assert [r["docs"] for r in readings] == [2, 4, 5]
    assert [r["failed_docs"] for r in readings] == [0, 1, 1]
    assert all(r["peak_rss_mb"] > 0 and r["seconds"] >= 0 for r in readings)
    assert readings[-1]["seconds"] >= readings[0]["seconds"]


def reading(docs: int, peak: float) -> dict:
    return {"docs": docs, "seconds": docs / 100, "peak_rss_mb": peak, "rss_mb": peak - 10, "failed_docs": 0}


def test_soak_verdict_compares_the_last_peak_with_the_peak_after_two_readings() -> None:
    flat = [reading(1000, 400), reading(2000, 450), reading(3000, 460), reading(4000, 500)]
    verdict = soak.soak_verdict(flat)
    assert verdict["plateau"] is True and verdict["base_mb"] == 450 and verdict["last_docs"] == 4000
    assert round(verdict["growth"], 3) == round(500 / 450 - 1, 3)
    climbing = flat[:2] + [reading(3000, 600)]
    assert soak.soak_verdict(climbing)["plateau"] is False
    assert soak.soak_verdict(flat[:2])["plateau"] is None  # nothing after 2,000
    assert soak.soak_verdict([reading(2, 1), reading(4, 1), reading(5, 1.1)], every=2)["plateau"] is True


def test_render_soak_table() -> None:
    meta = soak.SoakMeta("2025-01-01 10:00 UTC", "python cli.py bench --soak 3000", "../shared/data", 3000, 5.5,
                          {"distinct": 1000, "derived": 2000, "repeated": 0}, "3.11", "cpu")
    readings = [reading(1000, 400), reading(2000, 450), reading(3000, 460)]
    text = soak.render_soak_table(meta, readings, soak.soak_verdict(readings))
    assert "| 3000 | 30 | 100.0 | 450 | 460 | +2.2% |" in text
    assert "| 1000 | 10 | 100.0 | 390 | 400 | – |" in text
    assert "Verdict: memory plateaus" in text and "+20%" in text
    assert "1000 distinct, 2000 derived" in text and "repeated" not in text.split("\n")[0]


def test_run_soak_assembles_the_corpus_and_writes_table_and_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = shared_data(tmp_path / "data")
    seen: list[list[str]] = []

    def fake_worker(texts_path: Path, workdir: Path, every: int) -> tuple[list[dict], None]:
        texts = json.loads(texts_path.read_text(encoding="utf-8"))
        seen.append(texts)
        readings: list[dict] = []
        soak.soak_pass(texts, lambda ts: (SimpleNamespace(ok=True) for _ in ts), every, readings.append)
        return readings, None

    monkeypatch.setattr(soak, "run_soak_worker", fake_worker)
    out = tmp_path / "results" / "soak.md"
    assert soak.run_soak(6, data, str(out), every=2) == 0
    assert len(seen[0]) == 6 and seen[0][0].startswith("Мэр Москвы")
    raw = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert [r["docs"] for r in raw["readings"]] == [2, 4, 6] and raw["verdict"]["base_docs"] == 4
    assert "| 6 |" in out.read_text(encoding="utf-8")


def test_run_soak_without_data(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert soak.run_soak(5, tmp_path / "nowhere") == soak.EXIT_USAGE
    assert "not found" in capsys.readouterr().err


def test_soak_runs_the_extractor_in_a_child_process(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """The real soak on a handful of documents: one child process, a reading every 2 documents."""
    out = tmp_path / "soak.md"
    assert soak.run_soak(5, shared_data(tmp_path / "data"), str(out), every=2) == 0
    raw = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert [r["docs"] for r in raw["readings"]] == [2, 4, 5]
    assert raw["failure"] is None and raw["readings"][-1]["failed_docs"] == 0
    assert raw["readings"][-1]["peak_rss_mb"] > 50  # the models are loaded
    assert raw["verdict"]["plateau"] is not None
