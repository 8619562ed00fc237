"""Recognise persons, organisations and locations with slovnet's news NER.

natasha's `NewsNERTagger` re-tokenises each whole document and runs one
document at a time. Here the model runs on our own razdel tokens, one sentence
per sequence, the sequences of all documents in the batch sorted by length, and
its forward pass is ner_numpy's (the same tags as slovnet's, ~1.6 x faster; no
navec vocabulary or similarity tables loaded: 0.1 s instead of 0.6 s).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
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
                words = [doc.tokens[seq.tokens[k]].text for k in range(first, last)]
                for a, b in person_parts(words) if kind == "PER" else [(0, last - first)]:
                    start, end = doc.tokens[seq.tokens[first + a]].start, doc.tokens[seq.tokens[first + b - 1]].end
                    doc.entities.append(
                        Entity(kind, doc.text[start:end], start, end, normal="", block=doc.block_at(start).id)
                    )


# -- PER spans re-cut ---------------------------------------------------------------
# The model glues a name to its neighbours: a place before initials ("Правительства РА
# И.В. Коршунов", "Музея казахов Алтая Е.С. Аккожанова"), two names in a row ("главы
# Республики Алтай А.В. Бердникова В.П. Трушкокову", "до отставки Наздратенко Дубинин"),
# and takes a body for a person ("Госсобрания – Эл Курултай РА"). The morphology the cuts
# need comes from the caller (the Normalize stage holds the shared analyser).


def is_acronym_token(word: str) -> bool:
    """"РА", "РФ" (not the Roman numeral of "Елизавета II")."""
    return 1 < len(word) <= 4 and word.isupper() and all("А" <= ch <= "Я" or ch == "Ё" for ch in word)


def initials_end(words: list[str], i: int) -> int:
    """The end of the initials starting at `i` ("И", ".", "В", "."), or `i` if none do."""
    j = i
    while j + 1 < len(words) and len(words[j]) == 1 and words[j].isupper() and words[j + 1] == ".":
        j += 2
    return j


def person_parts(
    words: list[str], is_surname: Callable[[str], bool] | None = None, is_name: Callable[[str], bool] | None = None
) -> list[tuple[int, int]]:
    """Token ranges of the names in one PER span (the whole span when it holds one). The
    cuts at initials need no morphology (the NER stage makes them, before the posts are
    found); with `is_surname` and `is_name`, two surnames in a row are cut apart and an
    acronym at an edge is trimmed, the rest dropped unless a word of it can be a name."""
    first, last = 0, len(words)
    trimmed = False
    while is_name and last - first > 1 and is_acronym_token(words[first]):
        first, trimmed = first + 1, True
    while is_name and last - first > 1 and is_acronym_token(words[last - 1]):
        last, trimmed = last - 1, True
    cuts = [first]
    i = first
    while i < last:
        end = initials_end(words, i)
        if end > i:  # initials written first start a name: "… А.В. Бердникова | В.П. Трушкокову"
            if i > first and end < last and words[end][:1].isupper():
                cuts.append(i)
            i = end
            continue
        if is_surname and i > first and words[i - 1][:1].isupper() and words[i][:1].isupper() and is_surname(words[i - 1]) and is_surname(words[i]):
            cuts.append(i)  # two surnames in a row: "Наздратенко | Дубинин"
        i += 1
    parts = list(zip(cuts, cuts[1:] + [last]))
    if len(parts) == 1 and not trimmed:
        return parts
    out = []
    for n, (a, b) in enumerate(parts):
        if n + 1 < len(parts) and initials_end(words, parts[n + 1][0]) > parts[n + 1][0] and initials_end(words, a) == a:
            continue  # a place before initials ("РА", "Алтая", "Жана-Аула")
        if is_name is None or any(initials_end(words, k) > k or is_name(words[k]) for k in range(a, b)):
            out.append((a, b))
    return out


def split_persons(doc: Document, is_surname: Callable[[str], bool], is_name: Callable[[str], bool]) -> None:
    """Each PER entity re-cut into the names it holds (dropped if it holds none)."""
    out = []
    for ent in doc.entities:
        if ent.type != "PER" or ent.normal:
            out.append(ent)
            continue
        tokens = doc.tokens_in(ent.start, ent.end)
        parts = person_parts([t.text for t in tokens], is_surname, is_name) if len(tokens) > 1 else [(0, len(tokens))]
        for a, b in parts:
            start, end = tokens[a].start, tokens[b - 1].end
            out.append(ent if (start, end) == (ent.start, ent.end) else replace(ent, text=doc.text[start:end], start=start, end=end))
    doc.entities[:] = out
