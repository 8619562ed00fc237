"""The one pymorphy3 adapter of the project: cached parses, lemmas, inflection.

Every stage that needs morphology receives the same `Morph` instance, so one
dictionary is loaded per process and one cache serves all documents. The cache
is owned by the instance (not the class): three quarters of the tokens of a news
text repeat, and a cached lookup is ~5x cheaper than a parse.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Parse = Any  # pymorphy3.analyzer.Parse; kept loose to avoid importing pymorphy3 at import time

PERSON_GRAMMEMES = ("Name", "Surn", "Patr")
_MISSING = object()
ADJ_LIKE = {"ADJF", "PRTF", "NUMR"}


def fold(word: str) -> str:
    """Lower case with ё folded to е: the key under which names are compared."""
    return word.lower().replace("ё", "е")


def restore_case(word: str, model: str) -> str:
    """Give `word` the capitalisation pattern of `model` (the surface form)."""
    if model.isupper() and len(model) > 1:
        # An all-caps name ("СМИРНОВ") is a typographic choice, not an acronym,
        # when the word is long; acronyms keep their caps in `inflect_*` callers.
        return word.upper() if len(model) <= 4 else word.capitalize()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@dataclass
class Morph:
    """pymorphy3 analyser with a per-instance cache of parses by surface form."""

    analyzer: Any
    max_cache: int = 200_000
    _cache: dict[str, list[Parse]] = field(default_factory=dict, repr=False)
    # inflections by (parse, grammemes): entity normal forms repeat (57 % of 19,700 on NEREL train), one costs ~50 µs
    _inflections: dict[tuple[Parse, frozenset[str]], str | None] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls) -> "Morph":
        import pymorphy3  # heavy: loaded in the explicit load step only

        return cls(pymorphy3.MorphAnalyzer())

    def parse(self, word: str) -> list[Parse]:
        parses = self._cache.get(word)
        if parses is None:
            try:
                parses = self.analyzer.parse(word)
            except ValueError:  # pymorphy3 asks unicodedata.name() of each letter; some (Tangut …) have none
                parses = self._unknown(word)
            if len(self._cache) >= self.max_cache:
                self._cache.clear()  # bounded memory on huge, varied inputs
            self._cache[word] = parses
        return parses

    def _unknown(self, word: str) -> list[Parse]:
        """What pymorphy3 gives a word it cannot analyse: tag UNKN, the word as its own lemma."""
        from pymorphy3.units import UnknAnalyzer

        unit = next(unit for unit, _ in self.analyzer._units if isinstance(unit, UnknAnalyzer))
        return [self.analyzer._result_type(*p) for p in unit.parse(word, word.lower(), set())]

    def best(self, word: str) -> Parse:
        return self.parse(word)[0]

    def lemma(self, word: str) -> str:
        """Lemma of the most probable parse. No tagger runs in the hot path, so the
        parse with the highest pymorphy3 score stands in for part-of-speech
        disambiguation."""
        return self.parse(word)[0].normal_form

    def key(self, words: list[str]) -> str:
        """Case- and inflection-independent key of a phrase: folded lemmas.

        "Смоленской области" and "Смоленская область" share the key
        "смоленский область"."""
        return " ".join(fold(self.lemma(w)) if w[:1].isalpha() else w for w in words)

    # -- inflection to the nominative ---------------------------------------

    def person_parses(self, word: str) -> list[Parse]:
        return [p for p in self.parse(word) if any(g in p.tag for g in PERSON_GRAMMEMES)]

    def inflect(self, parse: Parse, grammemes: set[str]) -> str | None:
        """The word of `parse` inflected to `grammemes`, None where pymorphy3 has no such form; cached
        by the parse's value (word, tag, lemma, score, analysis), which is all pymorphy3 inflects from."""
        key = (parse, frozenset(grammemes))
        word = self._inflections.get(key, _MISSING)
        if word is _MISSING:
            try:
                form = parse.inflect(grammemes)
            except (ValueError, KeyError):
                form = None
            word = form.word if form else None
            if len(self._inflections) >= self.max_cache:
                self._inflections.clear()
            self._inflections[key] = word
        return word  # type: ignore[return-value]
