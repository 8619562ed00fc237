"""The spaCy view's vocabulary (text/segment.py, text/spacy_view.py): renewed when full, so that
memory plateaus over a long varied batch, with the records unchanged and every Doc built before
the renewal still whole."""
from __future__ import annotations

from extractor.document import Document
from extractor.io.write import dumps
from extractor.text.spacy_view import Vocabulary

TEXTS = (
    "Губернатор  Смоленской области Василий Анохин посетил Минск.\n\nВстреча прошла в Могилёве.",
    "Председатель Госдумы Вячеслав Володин провёл заседание в Москве.",
)


def segment(pipeline):
    return next(s for s in pipeline.stages if s.name == "segment")


def test_a_full_vocabulary_is_replaced_by_a_fresh_one_like_it():
    import spacy

    vocab = spacy.blank("ru").vocab
    vocabulary = Vocabulary(vocab, max_strings=len(vocab.strings) + 10)
    assert vocabulary.get() is vocab
    vocab.strings.add("слово")
    assert vocabulary.get() is vocab  # not full yet
    for n in range(20):
        vocab.strings.add(f"слово{n}")
    fresh = vocabulary.get()
    assert fresh is not vocab and vocabulary.renewed == 1 and fresh.lang == "ru"
    assert len(fresh.strings) < 100
    assert fresh["и"].is_stop and fresh["100"].like_num and fresh["Мир"].shape_ == vocab["Мир"].shape_


def test_records_do_not_change_and_earlier_docs_stay_whole(pipeline, monkeypatch):
    before = [dumps(pipeline.extract(t, id=str(n))) for n, t in enumerate(TEXTS)]
    vocabulary = segment(pipeline).vocabulary
    monkeypatch.setattr(vocabulary, "max_strings", 0)  # every document gets a fresh vocab
    renewed = vocabulary.renewed
    docs = [pipeline.process([Document(id=str(n), text=t)])[0] for n, t in enumerate(TEXTS)]
    assert vocabulary.renewed == renewed  # no Doc built yet: the records never read them
    assert docs[0].spacy.vocab is not docs[1].spacy.vocab and vocabulary.renewed == renewed + 2
    assert [dumps(pipeline.record(d)) for d in docs] == before
    sdoc = docs[0].spacy  # built on a vocab since replaced: tokens, lemmas, entities, displaCy
    assert sdoc.text == TEXTS[0] and len(list(sdoc.sents)) == 2
    assert {t.text: t.lemma_ for t in sdoc}["Смоленской"] == "смоленский"
    assert ("Василий Анохин", "PER") in {(e.text, e.label_) for e in sdoc.ents}
    from spacy import displacy

    assert "Анохин" in displacy.render(sdoc, style="ent", page=False)
