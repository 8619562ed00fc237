"""The document's main region: the federal subject its article is about, or the country
when it names no region.

Votes, counted in the article (every block but the "Читайте также" snippets, which are
about something else: `document.scope`):
- a LOC mention of a region ("Смоленской области", "смоленских товаров") or of a Russian
  city, for the city's region through the gazetteer ("в Смоленске" → Смоленская область);
- an official serving a region ("губернатор Смоленской области": the region once more, as
  what the article's people answer to).
The region with the most votes wins, a tie going to the one named first. When no region has
a vote, the country does, by the same count: country mentions, foreign cities for their
country, officials' countries; a country's or a foreign city's adjective ("японский
писатель", "Папа Римский") says whose people or things the article names, not where it is, and has no vote. Neither: no region.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..document import Document, scope
from ..geo.data import Place
from ..records import Entity


def is_adjective(doc: Document, ent: Entity) -> bool:
    """A place written as an adjective ("американский"), as the locations stage adds them."""
    tokens = doc.tokens_in(ent.start, ent.end)
    return len(tokens) == 1 and tokens[0].tag.startswith("ADJF")


@dataclass
class Tally:
    """Votes per place, and where each was first named (the tie-break)."""

    votes: dict[str, int] = field(default_factory=dict)
    first: dict[str, int] = field(default_factory=dict)

    def add(self, code: str, offset: int) -> None:
        self.votes[code] = self.votes.get(code, 0) + 1
        self.first[code] = min(self.first.get(code, offset), offset)

    def winner(self) -> str | None:
        return min(self.votes, key=lambda code: (-self.votes[code], self.first[code]), default=None)


@dataclass
class DocumentRegion:
    name = "document_region"
    requires = frozenset({"entities.places", "entities.normal", "officials", "tokens"})
    provides = frozenset({"region"})

    regions: dict[str, Place]  # ISO 3166-2 → the federal subject
    countries: dict[str, Place]  # ISO 3166-1 alpha-2 → the country
    cities: dict[str, Place]  # canonical name → the city

    @classmethod
    def from_places(cls, places: Iterable[Place]) -> "DocumentRegion":
        by_kind: dict[str, dict[str, Place]] = {"region": {}, "country": {}, "city": {}}
        for place in places:
            key = place.name if place.kind == "city" else place.code
            if key and place.kind in by_kind:
                by_kind[place.kind].setdefault(key, place)
        return cls(by_kind["region"], by_kind["country"], by_kind["city"])

    def __call__(self, docs: list[Document]) -> None:
        for doc in docs:
            doc.region = self.region(doc)

    def region(self, doc: Document) -> Place | None:
        regions, countries = Tally(), Tally()
        for ent in doc.entities:
            if ent.type != "LOC" or scope(ent.block) != "article":
                continue
            if ent.subtype == "region" and ent.code in self.regions:
                regions.add(ent.code, ent.start)
            elif ent.subtype == "country" and ent.code in self.countries and not is_adjective(doc, ent):
                countries.add(ent.code, ent.start)
            elif ent.subtype == "city" and (city := self.cities.get(ent.normal)) is not None:
                if city.region in self.regions:
                    regions.add(city.region, ent.start)
                elif city.country in self.countries and not is_adjective(doc, ent):
                    countries.add(city.country, ent.start)
        for official in doc.officials:
            if scope(official.block) != "article":
                continue
            if official.region_code in self.regions:
                regions.add(official.region_code, official.position_span[0])
            elif official.country_code in self.countries:
                countries.add(official.country_code, official.position_span[0])
        if (code := regions.winner()) is not None:
            return self.regions[code]
        code = countries.winner()
        return self.countries[code] if code is not None else None
