"""The places a figure is about: from its sentence, its indicator and its document.

- the countries and regions named around the number, except a ranking frame ("входим в
  топ-5 среди регионов России": Россия is where the ranking is, not what is measured);
- the region of an indicator's adjective ("экспорт смоленских товаров" → Смоленская область);
- "the region" unnamed ("регион экспортировал …") is the article's region;
- a neighbour named by a phrase ("с сопредельным братским государством") is the foreign
  country the article names most, and the other side of that relation is the article's region.
Figures of a "Читайте также" snippet (a block that is not the article) take nothing from the
article: only what their own sentence names.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..document import Document
from ..geo.gazetteer import Gazetteer
from ..morph import fold
from ..records import Entity

HOME_WORDS = {"регион", "область", "край", "республика"}  # "the region" of the article
REGION_WORDS = ("область", "край", "республика")  # "смоленских товаров" names Смоленская область
RANKING = re.compile(r"\bсреди\s+(?:\w+\s+){0,2}$", re.I)  # "среди регионов России"
NEIGHBOUR = re.compile(r"\b(?:сопредельн|соседн|братск|дружественн)\w*\s+(?:\w+\s+)?(?:государств|стран|республик)\w*", re.I)


def is_article(doc: Document, offset: int) -> bool:
    return doc.block_at(offset).kind == "article"


@dataclass
class DocumentPlaces:
    home: str | None  # the region the article is about
    partner: str | None  # the foreign country it names most

    @classmethod
    def of(cls, doc: Document) -> "DocumentPlaces":
        kinds = {b.id: b.kind for b in doc.blocks}
        article = [e for e in doc.entities if e.type == "LOC" and kinds.get(e.block) == "article"]
        regions = Counter(e.normal for e in article if e.subtype == "region").most_common(1)
        home = regions[0][0] if regions and regions[0][1] >= 2 else None
        home_code = next((e.code for e in article if e.normal == home and e.code), None) or ""
        country = home_code.split("-")[0] if "-" in home_code else None
        abroad = Counter(e.normal for e in article if e.subtype == "country" and e.code and e.code != country)
        partner = abroad.most_common(1)[0][0] if home and abroad else None
        return cls(home, partner)


class RegionReader:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def regions(
        self, doc: Document, text: str, locs: list[Entity], indicator: tuple[int, int] | None,
        window: tuple[int, int], places: DocumentPlaces,
    ) -> list[str]:
        """The places of a number whose sentence reads `window`, `locs` the places named there."""
        names = [e.normal for e in locs if not RANKING.search(text[max(0, e.start - 40) : e.start])]
        if indicator is not None:
            names += self._adjectives(doc, *indicator)
        if not is_article(doc, window[0]):
            return list(dict.fromkeys(names))
        if places.partner and NEIGHBOUR.search(text, *window):
            names += [places.partner] + ([places.home] if places.home else [])
        if not names and places.home and any(fold(t.lemma) in HOME_WORDS for t in doc.tokens_in(*window)):
            names.append(places.home)
        return list(dict.fromkeys(names))

    def _adjectives(self, doc: Document, start: int, end: int) -> list[str]:
        """"экспорт смоленских товаров": the region an adjective of the indicator names."""
        names = []
        for tok in doc.tokens_in(start, end):
            if "ADJF" in tok.tag:
                for word in REGION_WORDS:
                    place = self.gazetteer.lookup_key(f"{fold(tok.lemma)} {word}")
                    if place is not None:
                        names.append(place.name)
                        break
        return names
