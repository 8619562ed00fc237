"""slovnet's news syntax model, run on our own razdel tokens of the sentences that hold a number.

natasha's `NewsSyntaxParser` re-tokenises and parses every sentence of a document; the facts
need a tree only where a number stands and the lexicon names no indicator in its clause, so
this wrapper parses just the sentences it is given (a list is sorted by length: little
padding), and loads the model on the first one it is asked for.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..entities.ner import NAVEC, natasha_data
from ..entities.ner_numpy import NumpySyntax, shared_quantised

MAX_SEQUENCE = 128  # tokens: a table pasted as one "sentence" is not parsed


@dataclass(frozen=True)
class Tree:
    """A dependency tree over tokens first..first+len(heads)-1 of a document."""

    first: int
    heads: tuple[int, ...]  # document token index of each token's head, -1 for the root
    rels: tuple[str, ...]

    def head(self, i: int) -> int:
        return self.heads[i - self.first]

    def rel(self, i: int) -> str:
        return self.rels[i - self.first]

    def children(self, i: int) -> list[int]:
        return [self.first + k for k, h in enumerate(self.heads) if h == i]

    def __contains__(self, i: int) -> bool:
        return self.first <= i < self.first + len(self.heads)


@lru_cache(maxsize=1)
def syntax_model() -> NumpySyntax:
    """slovnet's model run by ner_numpy, on the NER's navec vectors and word ids (one copy per process)."""
    data = natasha_data()
    return NumpySyntax.load(data / "model" / "slovnet_syntax_news_v1.tar", shared_quantised(str(data / NAVEC)))


class Parser:
    """Parses sentences on demand; `parsed` counts them (the cost of the step)."""

    def __init__(self) -> None:
        self.parsed = 0

    def parse(self, sentences: list[tuple[int, list[str]]]) -> list[Tree | None]:
        """Trees of (first token index, words) sentences, None for one too long or empty."""
        todo = [k for k, (_, words) in enumerate(sentences) if 0 < len(words) <= MAX_SEQUENCE]
        out: list[Tree | None] = [None] * len(sentences)
        if not todo:
            return out
        todo.sort(key=lambda k: len(sentences[k][1]))
        preds = syntax_model().parse([sentences[k][1] for k in todo])
        for k, (heads, rels) in zip(todo, preds):
            first = sentences[k][0]
            out[k] = Tree(first, tuple(h - 1 + first if h > 0 else -1 for h in heads), tuple(rels))
        self.parsed += len(todo)
        return out
