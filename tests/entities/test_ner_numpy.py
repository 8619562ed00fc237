"""The numpy forward passes of extractor.entities.ner_numpy tag and parse exactly as slovnet's own models."""
from __future__ import annotations

import numpy as np
import pytest

from extractor.entities.ner import MODEL, NAVEC, NER, natasha_data
from extractor.entities.ner_numpy import NumpySyntax, load_quantised, shared_quantised
from tests.conftest import SHARED, SEED

NEREL_DEV = SHARED / "data" / "nerel" / "dev"
SYNTAX = "model/slovnet_syntax_news_v1.tar"


@pytest.fixture(scope="module")
def slovnet_tagger():
    from navec import Navec
    from slovnet import NER as SlovnetNER

    data = natasha_data()
    tagger = SlovnetNER.load(str(data / MODEL), batch_size=8)
    tagger.navec(Navec.load(str(data / NAVEC)))
    return tagger


@pytest.fixture(scope="module")
def ner() -> NER:
    return NER.load()


def slovnet_tags(tagger, words: list[list[str]]) -> list[list[str]]:
    """slovnet's own path: its encoder (padded batches of 8, in the given order), model, CRF and decoder."""
    infer = tagger.infer
    return list(infer.decoder(infer.process(infer.encoder(words))))


def sentences(text: str) -> list[list[str]]:
    from razdel import sentenize, tokenize

    return [[t.text for t in tokenize(s.text)] for s in sentenize(text)]


def dev_sentences(count: int) -> list[list[str]]:
    out: list[list[str]] = []
    for path in sorted(NEREL_DEV.glob("*.txt")):
        out.extend(sentences(path.read_text(encoding="utf-8")))
        if len(out) >= count:
            break
    return out[:count]


@pytest.mark.skipif(not NEREL_DEV.is_dir(), reason="NEREL dev is not in ../shared/data")
def test_same_tags_as_slovnet_on_nerel_dev(slovnet_tagger, ner):
    words = dev_sentences(60)
    assert len(words) == 60
    expected = slovnet_tags(slovnet_tagger, words)
    assert any(tag != "O" for tags in expected for tag in tags)  # the sentences have entities
    assert ner.tag(words) == expected
    assert [ner.tag([w])[0] for w in words[:10]] == expected[:10]  # alone as in a batch


def test_same_tags_as_slovnet_on_odd_sequences(slovnet_tagger, ner):
    words = sentences(SEED.read_text(encoding="utf-8"))
    # (not "<pad>": slovnet takes that word for padding; razdel never makes it one token)
    words += [["Путин"], ["."], ["ООО", "«", "Ромашка", "»"], ["Москва"] * 300, list("АБВ")]
    assert ner.tag(words) == slovnet_tags(slovnet_tagger, words)


def test_empty_inputs(ner):
    assert ner.tag([]) == []
    assert ner.tag([[], ["Москва"], []]) == [[], ["B-LOC"], []]


def test_quantised_vectors_are_navec_vectors():
    from navec import Navec

    path = natasha_data() / NAVEC
    navec, quantised = Navec.load(str(path)), load_quantised(path)
    ids = np.array([0, 1, 17, 1000, 250_000, 250_001])
    assert quantised.id == navec.meta.id
    assert np.array_equal(quantised.vectors(ids), np.stack([navec.pq[i] for i in ids]))


@pytest.fixture(scope="module")
def slovnet_parser():
    from navec import Navec
    from slovnet import Syntax

    data = natasha_data()
    parser = Syntax.load(str(data / SYNTAX), batch_size=32)
    parser.navec(Navec.load(str(data / NAVEC)))
    return parser


def slovnet_parses(parser, words: list[list[str]]) -> list[tuple[list[int], list[str]]]:
    """slovnet's own path: its encoder (padded batches of 32), model, decoder."""
    infer = parser.infer
    return [([int(h) for h in heads], list(rels)) for _, heads, rels in infer.decoder(infer.process(infer.encoder(words)))]


@pytest.mark.skipif(not NEREL_DEV.is_dir(), reason="NEREL dev is not in ../shared/data")
def test_same_parses_as_slovnet_on_nerel_dev(slovnet_parser, ner):
    words = [w for w in dev_sentences(80) if len(w) <= 128]
    mine = NumpySyntax.load(natasha_data() / SYNTAX, shared_quantised(str(natasha_data() / NAVEC)))
    assert mine.encoder.ids is ner.tagger.ids  # one vocabulary and cache of word ids for both models
    expected = slovnet_parses(slovnet_parser, sorted(words, key=len))
    assert mine.parse(sorted(words, key=len)) == expected
    assert [mine.parse([w])[0] for w in sorted(words, key=len)[:10]] == expected[:10]  # alone as in a batch
    odd = [["Путин"], ["."], ["ООО", "«", "Ромашка", "»"], ["Москва"] * 128, list("АБВ")]
    assert mine.parse(odd) == slovnet_parses(slovnet_parser, odd)
