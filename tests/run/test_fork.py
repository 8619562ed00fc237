"""Forked workers (pool.py, `fork=True`, what `cli.py extract -j N` uses): the pipeline is
loaded once, in the parent, and the workers give the bytes of one process."""
from __future__ import annotations

import os

import pytest

import extractor
from extractor.document import Document
from extractor.run import pool
from extractor.run.pool import CRASH_HOOK, Options, WorkerError, extract_lines

TEXTS = [
    "Губернатор Смоленской области Василий Анохин встретился с министром здравоохранения Михаилом Мурашко.",
    "Товарооборот Смоленской области и Беларуси в 2023 году вырос на 12,5% и достиг $3,17 млрд.",
    "Мурашко приехал в Смоленск 25 сентября.",
    "Глава региона провёл заседание совета.",
    "В Москве прошёл форум.",
]


@pytest.fixture
def forking() -> None:
    if pool.fork_context() is None:
        pytest.skip("no fork here (not POSIX, or another thread runs)")


def docs(tag: str = "d") -> list[Document]:
    return [Document(id=f"{tag}{n}", text=text, source=f"{tag}{n}.txt") for n, text in enumerate(TEXTS)]


def test_forked_workers_write_the_bytes_of_one_process_and_load_nothing(pipeline, forking, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = [r.line for r in extract_lines(docs(), 1, pipeline=pipeline)]

    def no_load(**_: object) -> None:  # a worker that loaded its own pipeline would die of this
        os._exit(99)

    monkeypatch.setattr(extractor, "load", no_load)
    forked = [r.line for r in extract_lines(docs(), 2, chunk_size=2, pipeline=pipeline, fork=True)]
    assert forked == alone


def test_the_parent_loads_once_for_every_worker(pipeline, forking, monkeypatch: pytest.MonkeyPatch) -> None:
    loads = []
    monkeypatch.setattr(extractor, "load", lambda **options: loads.append(options) or pipeline)
    results = list(extract_lines(docs(), 2, chunk_size=1, options=Options(), fork=True))
    assert [r.id for r in results] == [d.id for d in docs()] and all(r.ok for r in results)
    assert loads == [{"with_tokens": False, "with_text": False}]


def test_a_pipeline_that_cannot_load_stops_a_forked_run(forking, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**_: object) -> None:
        raise FileNotFoundError("models/works_as/weights.json")

    monkeypatch.setattr(extractor, "load", broken)
    with pytest.raises(WorkerError, match="(?s)the pipeline failed to load:.*FileNotFoundError: models/works_as/weights.json"):
        list(extract_lines(docs(), 2, fork=True))


def test_a_forked_worker_that_crashes_costs_only_its_document(pipeline, forking, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CRASH_HOOK, "d2.txt")
    results = list(extract_lines(docs(), 2, chunk_size=2, pipeline=pipeline, fork=True))
    assert [(r.id, r.ok) for r in results] == [("d0", True), ("d1", True), ("d2", False), ("d3", True), ("d4", True)]
    assert results[2].errors == [("worker", "worker crashed (killed by SIGKILL)")]
