"""Fact records from the pipeline: what the recogniser alone cannot decide."""
from __future__ import annotations


def test_a_verb_after_a_count_means_the_noun_is_elided(pipeline):
    text = "Из нынешних 120 кардиналов — 62 представляют Европу. В регионе 20 школ."
    facts = [(f.text, f.value, f.unit) for f in pipeline.extract(text).facts]
    assert facts == [("120 кардиналов", 120, "кардинал"), ("62", 62, None), ("20 школ", 20, "школа")]
    for fact in pipeline.extract(text).facts:
        assert text[fact.start : fact.end] == fact.text
