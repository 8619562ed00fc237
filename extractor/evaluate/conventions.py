"""What a corpus's guidelines leave out, taken out of our predictions before they are scored
against it, so that a figure measures what the corpus annotates."""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..morph import Morph
from .score import Prediction


@lru_cache(maxsize=1)
def morph() -> Morph:
    """The one analyser of the scorers (loaded on first use: scoring spans needs none)."""
    return Morph.load()


def is_place_adjective(word: str) -> bool:
    """One word read as an adjective and never as a geographical name ("белорусскими",
    "Брянские"; not "Грозный", "Нижний Новгород")."""
    if " " in word or not word[:1].isalpha():
        return False
    analyser = morph()
    return "ADJF" in str(analyser.best(word).tag) and not any("Geox" in str(p.tag) for p in analyser.parse(word))


def without_place_adjectives(text: str, pred: Prediction) -> Prediction:
    """The prediction less its LOC spans that are one place adjective."""
    spans = [s for s in pred.spans if not (s.type == "LOC" and is_place_adjective(text[s.start : s.end]))]
    return replace(pred, spans=spans)
