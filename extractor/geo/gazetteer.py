"""Gazetteer lookup: phrases of any case form to canonical places.

Names and aliases from the TSV files are keyed by their folded lemmas, with the
same `Morph` the pipeline uses, so "Смоленской области", "Смоленская область"
and "Смоленщине" reach the same region.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..morph import Morph, fold
from .data import Place, load_places

# when one key names several places, the first kind listed wins:
# "Москва" is both a city and a federal subject, and news means the city
KIND_PRIORITY = ("country", "city", "region")


def name_words(name: str) -> list[str]:
    from razdel import tokenize

    return [t.text for t in tokenize(name)]


def variants(place: Place) -> list[str]:
    """The names a place goes by; "Кемеровская область — Кузбасс" also as its two halves."""
    out = [place.name, *place.aliases]
    for name in list(out):
        for dash in (" — ", " – ", " - "):
            if dash in name:
                out.extend(part.strip() for part in name.split(dash))
    return out


@dataclass
class Gazetteer:
    morph: Morph
    index: dict[str, Place] = field(default_factory=dict)
    max_words: int = 1

    @classmethod
    def load(cls, morph: Morph, places: Sequence[Place] | None = None) -> "Gazetteer":
        gazetteer = cls(morph)
        ordered = sorted(places if places is not None else load_places(), key=lambda p: KIND_PRIORITY.index(p.kind))
        for place in ordered:
            for name in variants(place):
                words = name_words(name)
                gazetteer.max_words = max(gazetteer.max_words, len(words))
                for key in (morph.key(words), fold(" ".join(words))):
                    gazetteer.index.setdefault(key, place)
        return gazetteer

    def lookup(self, words: Sequence[str]) -> Place | None:
        """The place a phrase names, by its lemmas or, failing that, its surface form."""
        return self.index.get(self.morph.key(list(words))) or self.index.get(fold(" ".join(words)))

    def lookup_key(self, key: str) -> Place | None:
        return self.index.get(key)
