"""Recognise persons, organisations and locations with slovnet's news NER.

natasha's `NewsNERTagger` re-tokenises each whole document and runs one
document at a time. Here the model runs on our own razdel tokens, one sentence
per sequence, the sequences of all documents in the batch sorted by length, and
its forward pass is ner_numpy's (the same tags as slovnet's, ~1.6 x faster; no
navec vocabulary or similarity tables loaded: 0.1 s instead of 0.6 s).
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from ..document import Document
from ..records import Entity
from .ner_numpy import NumpyNER, shared_quantised

MAX_SEQUENCE = 256  # tokens: bounds memory on run-on "sentences" (tables, lists, junk)
MODEL = "model/slovnet_ner_news_v1.tar"
NAVEC = "emb/navec_news_v1_1B_250K_300d_100q.tar"


def natasha_data() -> Path:
    """natasha's data folder, found without importing natasha (which would pull pymorphy2)."""
    spec = find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("natasha is required for its NER model: pip install natasha")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


@dataclass
class Sequence:
    doc: int  # index of the document in the batch
    tokens: list[int]  # indices into doc.tokens


def sequences(docs: list[Document]) -> list[Sequence]:
    out: list[Sequence] = []
    for d, doc in enumerate(docs):
        current: list[int] = []
        sent = -1
        for i, tok in enumerate(doc.tokens):
            if (tok.sent != sent and current) or len(current) >= MAX_SEQUENCE:
                out.append(Sequence(d, current))
                current = []
            sent = tok.sent
            current.append(i)
        if current:
            out.append(Sequence(d, current))
    return out


def bio_spans(tags: list[str]) -> list[tuple[str, int, int]]:
    """(type, first, last + 1) token ranges from BIO tags; a stray I- opens a span."""
    spans: list[tuple[str, int, int]] = []
    for i, tag in enumerate(tags):
        if tag == "O":
            continue
        prefix, kind = tag.split("-", 1)
        if prefix == "I" and spans and spans[-1][0] == kind and spans[-1][2] == i:
            spans[-1] = (kind, spans[-1][1], i + 1)
        else:
            spans.append((kind, i, i + 1))
    return spans


class NER:
    name = "ner"
    requires: frozenset[str] = frozenset({"blocks", "text", "tokens"})
    provides: frozenset[str] = frozenset({"entities"})
    batched = True  # sentences of all the documents of a batch, sorted by length, end to end

    def __init__(self, tagger: NumpyNER) -> None:
        self.tagger = tagger

    @classmethod
    def load(cls) -> "NER":
        data = natasha_data()  # the model's weights and vocabularies, and navec's vectors
        return cls(NumpyNER.load(data / MODEL, shared_quantised(str(data / NAVEC))))

    def tag(self, words: list[list[str]]) -> list[list[str]]:
        return self.tagger.tag(words)

    def __call__(self, docs: list[Document]) -> None:
        seqs = sequences(docs)
        words = [[docs[s.doc].tokens[i].text for i in s.tokens] for s in seqs]
        for seq, tags in zip(seqs, self.tag(words)):
            doc = docs[seq.doc]
            for kind, first, last in bio_spans(tags):
                start, end = doc.tokens[seq.tokens[first]].start, doc.tokens[seq.tokens[last - 1]].end
                doc.entities.append(
                    Entity(kind, doc.text[start:end], start, end, normal="", block=doc.block_at(start).id)
                )
