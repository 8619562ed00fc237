"""Segment and lemmatise: razdel sentences and tokens, pymorphy3 lemmas, a spaCy Doc
(on a vocab renewed when full, see spacy_view.Vocabulary).

razdel runs on the cleaned text (same length), so its offsets are offsets into
the original. razdel never splits at a line break, while web pages put one
paragraph per line, so paragraphs are cut first: at every line break except
where a hard-wrapped sentence continues in lower case.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..document import Document, Token
from ..morph import Morph
from .spacy_view import Vocabulary, to_spacy

# a line break that does not end a paragraph: the next line goes on in lower case
_BREAK = re.compile(r"\n+(?![ \t]*[a-zа-яё,;:)\-])|\n{2,}")


def paragraphs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Non-blank paragraph spans inside text[start:end]."""
    pos = start
    for match in _BREAK.finditer(text, start, end):
        if text[pos : match.start()].strip():
            yield pos, match.start()
        pos = match.end()
    if text[pos:end].strip():
        yield pos, end


def split(doc: Document) -> tuple[list[tuple[int, int]], list[Token]]:
    from razdel import sentenize, tokenize

    sentences: list[tuple[int, int]] = []
    tokens: list[Token] = []
    text = doc.clean
    for block in doc.blocks:
        for p_start, p_end in paragraphs(text, block.start, block.end):
            for sent in sentenize(text[p_start:p_end]):
                s_start = p_start + sent.start
                index = len(sentences)
                sentences.append((s_start, p_start + sent.stop))
                for tok in tokenize(sent.text):
                    start = s_start + tok.start
                    tokens.append(Token(doc.text[start : start + len(tok.text)], start, start + len(tok.text), index))
    return sentences, tokens


class Segment:
    name = "segment"
    requires: frozenset[str] = frozenset({"blocks", "clean", "text"})
    provides: frozenset[str] = frozenset({"sentences", "spacy", "tokens"})

    def __init__(self, morph: Morph, vocab: Any) -> None:
        self.morph = morph
        self.vocabulary = Vocabulary(vocab)  # renewed when full: memory plateaus over long batches

    @property
    def vocab(self) -> Any:
        """The spaCy vocab the next document's Doc is built on."""
        return self.vocabulary.current

    def __call__(self, docs: list[Document]) -> None:
        for doc in docs:
            doc.sentences, doc.tokens = split(doc)
            for tok in doc.tokens:
                if tok.text[:1].isalpha():
                    best = self.morph.best(tok.text)
                    tok.lemma, tok.tag = best.normal_form, str(best.tag)
                else:
                    tok.lemma = tok.text
            doc.spacy = to_spacy(self.vocabulary.get(), doc)
