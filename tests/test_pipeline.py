"""The pipeline as a whole: stage order, the spaCy view, robustness, determinism."""
from __future__ import annotations

import pytest

from extractor.document import Document
from extractor.pipeline import Pipeline, PipelineError


class Needs:
    name = "needs"
    requires = frozenset({"tokens"})
    provides = frozenset({"facts"})

    def __call__(self, docs):  # pragma: no cover - never run
        raise AssertionError


class Boom:
    name = "boom"
    requires = frozenset({"text"})
    provides = frozenset({"clean"})

    def __call__(self, docs):
        for doc in docs:
            if "boom" in doc.text:
                raise RuntimeError("exploded")


def test_stage_order_is_checked_when_the_pipeline_is_built() -> None:
    with pytest.raises(PipelineError, match="needs.*tokens"):
        Pipeline([Needs()])


def test_a_failing_document_becomes_an_error_record_and_the_rest_go_on() -> None:
    records = list(Pipeline([Boom()]).extract_many(["fine", "boom here", "fine too"]))
    assert [r.ok for r in records] == [True, False, True]
    assert records[1].errors[0].stage == "boom" and "exploded" in records[1].errors[0].message


def test_spacy_doc_has_tokens_sentences_lemmas_and_entities(pipeline) -> None:
    text = "Губернатор  Смоленской области Василий Анохин посетил Минск.\n\nВстреча прошла в Могилёве."
    (doc,) = pipeline.process([Document(id="x", text=text)])
    sdoc = doc.spacy
    assert sdoc.text == text
    assert len(list(sdoc.sents)) == 2
    lemmas = {t.text: t.lemma_ for t in sdoc}
    assert lemmas["Смоленской"] == "смоленский" and lemmas["посетил"] == "посетить"
    labels = {(e.text, e.label_) for e in sdoc.ents}
    assert ("Василий Анохин", "PER") in labels
    assert {"LOC", "POSITION"} <= {s.label_ for s in sdoc.spans["entities"]}
    from spacy import displacy

    assert "Анохин" in displacy.render(sdoc, style="ent", page=False)


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t  ", "\x00\x01\x02", "а" * 5000, "1" * 3000 + " млрд", "Ёж\u0301 ́\u200b\ufeff\u2028 ﷽ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "«»—–…" * 200],
)
def test_odd_texts_do_not_crash_and_offsets_stay_valid(pipeline, text: str) -> None:
    record = pipeline.extract(text)
    assert record.ok, record.errors
    for ent in record.entities:
        assert text[ent.start : ent.end] == ent.text


def test_output_is_deterministic(pipeline, seed_text) -> None:
    first = pipeline.extract(seed_text).to_dict()
    assert pipeline.extract(seed_text).to_dict() == first


def test_extract_many_with_two_jobs_gives_the_same_records(pipeline, seed_text):
    texts = [seed_text, "Губернатор Тверской области Игорь Руденя посетил завод.", ""]
    local = [r.to_dict() for r in pipeline.extract_many(texts)]
    from extractor.run import extract_many

    parallel = [r.to_dict() for r in extract_many(texts, jobs=2)]
    assert parallel == local and [r["id"] for r in parallel] == ["1", "2", "3"]


def test_extract_many_gives_the_gc_settings_back_after_interleaved_calls(pipeline) -> None:
    """A notebook may hold two extract_many generators at once: the process's own collector
    settings come back only after both end, in whichever order they do."""
    import gc

    from extractor.pipeline import BATCH_GC_THRESHOLDS

    own = gc.get_threshold()
    first = pipeline.extract_many(["Глава Минфина Антон Силуанов.", "Второй текст."], batch_size=1)
    second = pipeline.extract_many(["Мэр Москвы Сергей Собянин."])
    assert next(first).ok and next(second).ok
    assert gc.get_threshold() == BATCH_GC_THRESHOLDS and gc.get_freeze_count() > 0
    assert list(second) == [] and gc.get_threshold() == BATCH_GC_THRESHOLDS  # `first` still runs
    assert [r.id for r in first] == ["2"]
    assert gc.get_threshold() == own and gc.get_freeze_count() == 0
