"""The stage contract: every stage declares what it reads and writes, and the pipeline checks it."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from extractor.document import FIELDS, Document
from extractor.pipeline import Pipeline, PipelineError


class TracingDocument(Document):
    """A Document that notes which of its fields a stage touches."""

    def __getattribute__(self, name):
        if name in FIELDS:
            object.__getattribute__(self, "__dict__").setdefault("touched", set()).add(name)
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        if name in FIELDS and "touched" in self.__dict__:
            self.__dict__.setdefault("written", set()).add(name)
        object.__setattr__(self, name, value)


def fields_of(names: frozenset[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


def test_every_stage_touches_only_what_it_declares(pipeline, seed_text):
    doc = TracingDocument(id="seed", text=seed_text)
    for stage in pipeline.stages:
        doc.__dict__["touched"], doc.__dict__["written"] = set(), set()
        stage([doc])
        declared = fields_of(stage.requires | stage.provides)
        assert doc.__dict__["touched"] <= declared, f"{stage.name} reads {sorted(doc.__dict__['touched'] - declared)} undeclared"
        assert doc.__dict__["written"] <= fields_of(stage.provides), f"{stage.name} writes {sorted(doc.__dict__['written'])}"
    assert not doc.failed and doc.officials and doc.facts


def test_a_pipeline_without_a_stage_another_reads_does_not_build(pipeline):
    stages = [s for s in pipeline.stages if s.name != "organizations"]
    with pytest.raises(PipelineError, match="officials.*entities.organizations|normalize.*entities.organizations"):
        Pipeline(stages)


@dataclass
class Fake:
    name: str
    requires: frozenset[str]
    provides: frozenset[str]

    def __call__(self, docs: list[Document]) -> None:
        pass


def test_names_are_fields_or_known_aspects():
    with pytest.raises(PipelineError, match="neither a Document field"):
        Pipeline([Fake("a", frozenset({"text"}), frozenset({"lemmas"}))])
    with pytest.raises(PipelineError, match="neither a Document field"):
        Pipeline([Fake("a", frozenset({"text"}), frozenset({"entities.whatever"}))])


def test_each_name_has_one_writer_and_an_aspect_follows_its_field():
    clean = Fake("clean", frozenset({"text"}), frozenset({"clean"}))
    with pytest.raises(PipelineError, match="'clean', which stage 'clean' already provides"):
        Pipeline([clean, Fake("again", frozenset({"text"}), frozenset({"clean"}))])
    with pytest.raises(PipelineError, match="before any stage provides 'entities'"):
        Pipeline([Fake("places", frozenset({"text"}), frozenset({"entities.places"}))])
    with pytest.raises(PipelineError, match="which the input already provides"):
        Pipeline([Fake("reader", frozenset(), frozenset({"text"}))])
