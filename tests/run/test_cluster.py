"""Extraction on a Dask cluster (extractor/run/cluster.py, `cli.py extract --scheduler`): the
same JSON lines as a local run, in input order, the pipeline loaded once per worker, and
a document that kills its worker costs only its own record."""
from __future__ import annotations

import datetime as dt
import json
import logging
from copy import deepcopy
from dataclasses import replace
from pathlib import Path

import dask
import pytest
from distributed import Client, LocalCluster

from extractor.run.pool import CRASH_HOOK, Options, WorkerError
from extractor.run.cluster import cluster_lines, extract_on_cluster, pipelines_loaded
from extractor.document import Document
from extractor.io.read import read_file
from extractor.io.write import dumps

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = sorted((ROOT / "corpora" / "sample").glob("*.txt"))
CRASHER = "kills-its-worker"  # a document id that makes the workers of this module crash


@pytest.fixture(scope="module")
def client():
    # a task is given up after one worker death (3 by default): keeps the crash test short
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
            silence_logs=logging.CRITICAL, env={CRASH_HOOK: CRASHER},
        )
        client = Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list:
    """The sample corpus, an empty file, a binary file, and a document given as text."""
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    text = "Губернатор Смоленской области Василий Анохин встретился с министром Михаилом Мурашко вчера."
    return [*SAMPLE, folder / "empty.txt", folder / "binary.txt", Document(id="given", text=text, source=None)]


def local_lines(pipeline, items: list, options: Options = Options()) -> list[str]:
    """What a local run writes, one document at a time (records do not depend on batching)."""
    pipeline = replace(pipeline, with_tokens=options.with_tokens, with_text=options.with_text)
    lines = []
    for item in items:
        doc = deepcopy(item) if isinstance(item, Document) else read_file(Path(item))  # process() fills it in
        doc = replace(doc, date=options.date) if options.date else doc
        lines.append(dumps(pipeline.record(pipeline.process([doc])[0])))
    return lines


def test_same_lines_as_a_local_run_and_one_pipeline_per_worker(client, pipeline, inputs):
    results = list(cluster_lines(inputs, client, chunk_size=2))
    assert [r.line for r in results] == local_lines(pipeline, inputs)
    binary = results[-2]
    assert not binary.ok and binary.errors == [("read", "binary file: not text")]
    assert sorted(client.run(pipelines_loaded).values()) == [1, 1]

    # other record options reuse the loaded pipeline
    options = Options(with_tokens=True, with_text=True, date=dt.date(2025, 11, 26))
    records = list(extract_on_cluster(inputs[-1:] + SAMPLE[:3], client, options, chunk_size=1))
    assert [dumps(r) for r in records] == local_lines(pipeline, inputs[-1:] + SAMPLE[:3], options)
    assert records[0].tokens and records[0].text == inputs[-1].text
    assert sorted(client.run(pipelines_loaded).values()) == [1, 1]


def test_parquet_tables_from_the_streamed_records(client, pipeline, inputs, tmp_path):
    import pandas as pd

    from extractor.io.tables import write_tables
    from extractor.io.write import record_from_dict

    cluster = write_tables(extract_on_cluster(inputs, client), tmp_path / "cluster", "parquet")
    local = write_tables((record_from_dict(json.loads(line)) for line in local_lines(pipeline, inputs)), tmp_path / "local", "parquet")
    assert cluster.keys() == local.keys()
    for name in cluster:
        pd.testing.assert_frame_equal(pd.read_parquet(cluster[name]), pd.read_parquet(local[name]))
    assert len(pd.read_parquet(cluster["documents"])) == len(inputs)


def test_cli_scheduler_option_writes_the_local_output(client, pipeline, inputs, tmp_path):
    from extractor.run.cli import EXIT_DOC_ERRORS, main

    paths = [str(p) for p in inputs if not isinstance(p, Document)]
    out = tmp_path / "out.jsonl"
    code = main(["extract", *paths, "-o", str(out), "--scheduler", client.scheduler.address, "--chunk-size", "3"])
    assert code == EXIT_DOC_ERRORS  # the binary file
    assert out.read_text(encoding="utf-8").splitlines() == local_lines(pipeline, paths)
    assert not out.with_name(out.name + ".incomplete").exists()  # finished, as a local run


def test_a_worker_crash_costs_one_record(client, pipeline):
    docs = [read_file(p) for p in SAMPLE[:3]]
    docs.insert(1, Document(id=CRASHER, text="Текст, на котором падает процесс."))
    results = list(cluster_lines(docs, client, chunk_size=2, window=1))  # one chunk at a time: no bystander
    assert [r.id for r in results] == [d.id for d in docs]
    crashed = results[1]
    assert not crashed.ok and crashed.errors == [("worker", "worker crashed (the workers running it died)")]
    expected = local_lines(pipeline, docs)
    assert [r.line for r in results if r.id != CRASHER] == [line for line, d in zip(expected, docs) if d.id != CRASHER]


def _break_loading() -> None:
    """On a worker: forget the pipeline, and make loading it fail (a broken install)."""
    import extractor
    import extractor.run.cluster

    def load(**_: object) -> None:
        raise OSError("no models here")

    extractor.run.cluster._pipeline = None
    extractor.load = load


def test_a_pipeline_that_cannot_load_stops_the_run(client):
    client.run(_break_loading)
    try:
        with pytest.raises(WorkerError, match="the pipeline failed to load on a worker: OSError: no models here"):
            list(cluster_lines(SAMPLE[:3], client, chunk_size=1))
    finally:
        client.restart()  # fresh worker processes
