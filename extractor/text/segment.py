"""Segment and lemmatise: razdel sentences and tokens (razdel_fast: razdel's own, faster),
pymorphy3 lemmas, and a spaCy Doc built on first read (on a vocab renewed when full, see
spacy_view.Vocabulary).

razdel runs on the cleaned text (same length), so its offsets are offsets into
the original. razdel never splits at a line break, while web pages put one
paragraph per line, so paragraphs are cut first: at every line break except
where a hard-wrapped sentence continues in lower case.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..document import Deferred, Document, Token
from ..morph import Morph
from . import razdel_fast
from .spacy_view import Vocabulary, to_spacy

MAX_LEMMAS = 200_000  # token texts whose lemma and tag are kept (as many as Morph keeps parses)

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
    sentences: list[tuple[int, int]] = []
    tokens: list[Token] = []
    text, original = doc.clean, doc.text
    for block in doc.blocks:
        for p_start, p_end in paragraphs(text, block.start, block.end):
            for s_start, s_end in razdel_fast.sentences(text, p_start, p_end):
                index = len(sentences)
                sentences.append((s_start, s_end))
                tokens.extend(Token(original[start:end], start, end, index) for start, end in razdel_fast.tokens(text, s_start, s_end))
    return sentences, tokens


class Segment:
    name = "segment"
    requires: frozenset[str] = frozenset({"blocks", "clean", "text"})
    provides: frozenset[str] = frozenset({"sentences", "spacy", "tokens"})

    def __init__(self, morph: Morph, vocab: Any = None) -> None:
        self.morph = morph
        self.vocabulary = Vocabulary(vocab)  # spacy.blank("ru")'s by default; renewed when full: memory plateaus
        self.lemmas: dict[str, tuple[str, str]] = {}  # by token text: most tokens repeat

    @property
    def vocab(self) -> Any:
        """The spaCy vocab the next document's Doc is built on."""
        return self.vocabulary.current

    def lemma_tag(self, text: str) -> tuple[str, str]:
        """The lemma and tag of a token's most probable parse (a non-word: itself, no tag), cached."""
        if text[:1].isalpha():
            best = self.morph.best(text)
            found = best.normal_form, str(best.tag)
        else:
            found = text, ""
        if len(self.lemmas) >= MAX_LEMMAS:
            self.lemmas.clear()  # bounded memory on huge, varied inputs
        self.lemmas[text] = found
        return found

    def spacy_doc(self, doc: Document) -> Any:
        """The spaCy Doc of a segmented document, on the current vocab (its `Deferred`)."""
        return to_spacy(self.vocabulary.get(), doc)

    def __call__(self, docs: list[Document]) -> None:
        for doc in docs:
            doc.sentences, doc.tokens = split(doc)
            lemmas = self.lemmas
            for tok in doc.tokens:
                found = lemmas.get(tok.text)
                if found is None:
                    found = self.lemma_tag(tok.text)
                tok.lemma, tok.tag = found
            doc.spacy = Deferred(self.spacy_doc)  # built on first read: most runs never read it
