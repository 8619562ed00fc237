"""The places a document's article names, as votes for what it is about.

Shared by the document's main region (links/document_region.py) and the places of its
figures (facts/regions.py), which read the same votes:
- a LOC mention of a region ("Смоленской области", "смоленских товаров") votes for it; one
  of a Russian city for the city's region, the city kept ("в Смоленске" → Смоленская
  область, through Смоленск);
- a country's mention votes for it, a foreign city's for its country; a country's or a
  foreign city's adjective ("японский писатель", "Папа Римский") says whose people or
  things the article names, not where it is, and has no vote;
- an official serving a region ("губернатор Смоленской области"), or else a country, votes
  for it: what the article's people answer to.
Only the article counts: the "Читайте также" snippets are about something else
(`document.scope`). The most voted wins, a tie going to the one named first.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal, Self

from ..document import Document, scope
from ..records import Entity
from .data import Place


def is_adjective(doc: Document, ent: Entity) -> bool:
    """A place written as an adjective ("американский"), as the locations stage adds them."""
    tokens = doc.tokens_in(ent.start, ent.end)
    return len(tokens) == 1 and tokens[0].tag.startswith("ADJF")


@dataclass(frozen=True)
class Vote:
    level: Literal["region", "country"]
    code: str  # ISO 3166-2 of the region, ISO 3166-1 alpha-2 of the country
    offset: int  # where it was named
    city: str | None = None  # the city that was named, when one was


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
class PlaceVotes:
    """The gazetteer's places by key, and the votes a document's article gives them."""

    regions: dict[str, Place]  # ISO 3166-2 → the federal subject
    countries: dict[str, Place]  # ISO 3166-1 alpha-2 → the country
    cities: dict[str, Place]  # canonical name → the city

    @classmethod
    def from_places(cls, places: Iterable[Place]) -> Self:
        by_kind: dict[str, dict[str, Place]] = {"region": {}, "country": {}, "city": {}}
        for place in places:
            key = place.name if place.kind == "city" else place.code
            if key and place.kind in by_kind:
                by_kind[place.kind].setdefault(key, place)
        return cls(by_kind["region"], by_kind["country"], by_kind["city"])

    def votes(self, doc: Document, officials: bool = True) -> Iterator[Vote]:
        """The article's votes, its places' and (`officials`) its officials'."""
        for ent in doc.entities:
            if ent.type == "LOC" and scope(ent.block) == "article" and (vote := self.vote(doc, ent)) is not None:
                yield vote
        for official in doc.officials if officials else ():
            if scope(official.block) != "article":
                continue
            if official.region_code in self.regions:
                yield Vote("region", official.region_code, official.position_span[0], official.city)
            elif official.country_code in self.countries:
                yield Vote("country", official.country_code, official.position_span[0])

    def vote(self, doc: Document, ent: Entity) -> Vote | None:
        """What a LOC mention votes for, if anything."""
        if ent.subtype == "region" and ent.code in self.regions:
            return Vote("region", ent.code, ent.start)
        if ent.subtype == "country" and ent.code in self.countries and not is_adjective(doc, ent):
            return Vote("country", ent.code, ent.start)
        if ent.subtype == "city" and (city := self.cities.get(ent.normal)) is not None:
            if city.region in self.regions:
                return Vote("region", city.region, ent.start, city.name)
            if city.country in self.countries and not is_adjective(doc, ent):
                return Vote("country", city.country, ent.start, city.name)
        return None

    def winner(self, votes: Iterable[Vote]) -> Place | None:
        """The region with the most votes, else the country with the most."""
        regions, countries = Tally(), Tally()
        for vote in votes:
            (regions if vote.level == "region" else countries).add(vote.code, vote.offset)
        if (code := regions.winner()) is not None:
            return self.regions[code]
        code = countries.winner()
        return self.countries[code] if code is not None else None
