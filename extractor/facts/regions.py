"""The places a figure is about: from its sentence, its indicator and its document.

- the places its sentence names for it (countries, regions, cities): those named since the
  number before it ("минимальный в Брянской области (1,1 тыс. рублей), максимальный - в
  Чечне (3 тыс. рублей)"), else those after it in its clause, else those of the numbers it
  goes on from; "соответственно" pairs a list of places with the numbers after it. Not
  counted: a ranking frame ("входим в топ-5 среди регионов России": Россия is where the
  ranking is, not what is measured), the ends of a route ("от Москвы до Новороссийска": a
  road's length is no figure of Москва), a word of a quoted name ("«Лыжня России»");
- the most specific of them: a city, not its region or country ("Москва - в столице РФ");
- the region of an indicator's adjective ("экспорт смоленских товаров" → Смоленская область);
- "the region" unnamed ("регион экспортировал …") is the article's region;
- a neighbour named by a phrase ("с сопредельным братским государством") is the foreign
  country the article names most, and the other side of that relation is the article's region;
- a sentence that names no place is about the document's subject: the place its heading and
  lead name most, else its article (the votes of `geo/subject.py`), a city when half of its
  region's votes name that city ("Прожиточный минимум в Москве …" → Москва, "по данным
  Росстата …" in an article about Russia → Россия), none for a tie;
- none for a count of states ("входит 12 государств (Россия, Алжир …)"): a group of them.
Figures of a "Читайте также" snippet (a block that is not the article) take nothing from the
article: only what their own sentence names.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..document import Document
from ..geo.data import Place, load_places
from ..geo.gazetteer import Gazetteer
from ..geo.subject import PlaceVotes, Vote
from ..morph import fold
from ..records import Entity

HOME_WORDS = {"регион", "область", "край", "республика"}  # "the region" of the article
REGION_WORDS = ("область", "край", "республика")  # "смоленских товаров" names Смоленская область
RANKING = re.compile(r"\bсреди\s+(?:\w+\s+){0,2}$", re.I)  # "среди регионов России"
ROUTE_END = re.compile(r"\b(?:от|до)\s+(?:границ\w*\s+с\s+)?$", re.I)  # "от Москвы до Новороссийска", "до границы с Украиной"
NEIGHBOUR = re.compile(r"\b(?:сопредельн|соседн|братск|дружественн)\w*\s+(?:\w+\s+)?(?:государств|стран|республик)\w*", re.I)
# between two places of a list: ", ", " и ", ", и в "
LIST_JOINT = re.compile(r"\s*(?:,\s*(?:и\s+)?|(?:и|или)\s+)(?:(?:в|во|из|на)\s+)?", re.I)
STATES = re.compile(r"\b(?:стран|государств)", re.I)  # "12 государств", "из 133 стран": a group of states, no one place
RESPECTIVELY = re.compile(r"\bсоответственно\b", re.I)
OPENING, CLOSING = "«„", "»“"
LEAD = 2  # sentences of the article that state what it is about: the heading and the first


def is_article(doc: Document, offset: int) -> bool:
    return doc.block_at(offset).kind == "article"


@dataclass
class DocumentPlaces:
    home: str | None  # the region the article is about
    partner: str | None  # the foreign country it names most
    subject: str | None = None  # the place of a figure whose sentence names none

    @classmethod
    def of(cls, doc: Document, voters: PlaceVotes | None = None) -> "DocumentPlaces":
        kinds = {b.id: b.kind for b in doc.blocks}
        article = [e for e in doc.entities if e.type == "LOC" and kinds.get(e.block) == "article"]
        regions = Counter(e.normal for e in article if e.subtype == "region").most_common(1)
        home = regions[0][0] if regions and regions[0][1] >= 2 else None
        home_code = next((e.code for e in article if e.normal == home and e.code), None) or ""
        country = home_code.split("-")[0] if "-" in home_code else None
        abroad = Counter(e.normal for e in article if e.subtype == "country" and e.code and e.code != country)
        partner = abroad.most_common(1)[0][0] if home and abroad else None
        return cls(home, partner, subject(doc, voters) if voters is not None else None)


def _listed(text: str, group: list[Entity], locs: list[Entity]) -> list[Entity]:
    """`group` and the places listed after it ("из Брянска, Орла, Курска и Москвы")."""
    out = list(group)
    for ent in locs:
        if out and ent.start >= out[-1].end and LIST_JOINT.fullmatch(text, out[-1].end, ent.start):
            out.append(ent)
    return out


def quoted(before: str) -> bool:
    """Whether the text that ends here is inside quotes: an opened guillemet not yet closed,
    or an odd number of straight quotes."""
    opened = max(before.rfind(c) for c in OPENING)
    return opened > max(before.rfind(c) for c in CLOSING) or before.count('"') % 2 == 1


def framed(text: str, start: int, offset: int) -> bool:
    """A place named at `offset` (its sentence starting at `start`) that is not where the
    figures are: the frame of a ranking ("среди регионов России"), the end of a route ("от
    Москвы до Новороссийска") or a word of a quoted name ("«Лыжня России»", "трасса М1
    \"Беларусь\"", "звезда испанской «Барселоны»")."""
    before = text[max(start, offset - 40) : offset]
    return bool(RANKING.search(before) or ROUTE_END.search(before)) or quoted(text[start:offset])


def subject(doc: Document, voters: PlaceVotes) -> str | None:
    """The place the heading and lead name most, else the article; the city half of a
    region's votes name, for a region; none for a tie. Officials do not vote: a figure is
    where it is measured, and "губернатор Смоленской области" names the region as a place
    anyway."""
    votes = [
        v for v in voters.votes(doc, officials=False)
        if not framed(doc.clean, doc.sentences[doc.sentence_at(v.offset)][0] if doc.sentences else 0, v.offset)
    ]
    lead = [s for s in doc.sentences if is_article(doc, s[0])][:LEAD]
    first = [v for v in votes if lead and v.offset < lead[-1][1]]
    return most_specific(voters, first or votes)


def most_specific(voters: PlaceVotes, votes: list[Vote]) -> str | None:
    place = voters.winner(votes)
    if place is None:
        return None
    level = "country" if place.kind == "country" else "region"
    top = Counter(v.code for v in votes if v.level == level).most_common(2)
    if len(top) == 2 and top[0][1] == top[1][1]:
        return None  # "кардиналы из Индии, Колумбии, США …": no one place
    if place.kind != "region":
        return place.name
    named = [v.city for v in votes if v.level == "region" and v.code == place.code]
    cities = Counter(c for c in named if c).most_common(1)
    return cities[0][0] if cities and 2 * cities[0][1] >= len(named) else place.name


@dataclass(frozen=True)
class Position:
    """Where a number stands: its sentence (read within `window`), its clause, and the
    numbers of the sentence, itself among them."""

    window: tuple[int, int]
    clause: tuple[int, int]
    number: tuple[int, int]
    numbers: list[tuple[int, int]]


class RegionReader:
    def __init__(self, gazetteer: Gazetteer, places: Sequence[Place] | None = None) -> None:
        self.gazetteer = gazetteer
        # the places themselves, not the gazetteer's index: there a name of two places
        # ("Москва" the city and the federal subject) keys one of them only
        self.voters = PlaceVotes.from_places(places if places is not None else load_places())

    def regions(
        self, doc: Document, text: str, locs: list[Entity], indicator: tuple[int, int] | None,
        at: Position, places: DocumentPlaces,
    ) -> list[str]:
        """The places of the number at `at`, `locs` the places named in its sentence."""
        if STATES.search(text, *at.number):
            return []
        named = [e for e in locs if not framed(text, at.window[0], e.start)]
        names = self._specific(self._respectively(text, at, self._own(text, at, named)))
        if indicator is not None:
            names += self._adjectives(doc, *indicator)
        if not is_article(doc, at.window[0]):
            return list(dict.fromkeys(names))
        if places.partner and NEIGHBOUR.search(text, *at.window):
            names += [places.partner] + ([places.home] if places.home else [])
        if not names and places.home and any(fold(t.lemma) in HOME_WORDS for t in doc.tokens_in(*at.window)):
            names.append(places.home)
        if not names and places.subject:
            names.append(places.subject)
        return list(dict.fromkeys(names))

    @staticmethod
    def _own(text: str, at: Position, locs: list[Entity]) -> list[Entity]:
        """The places a number's sentence names for it: those since the number before it
        ("в Москве цены выросли на 0,2%, в Санкт-Петербурге - на 0,1%"), else those after it
        in its clause ("1560 зарезервированы в Приморском крае"; "20 спортсменов из Брянска,
        Орла и Курска": a list goes on past the comma), else those the numbers before it go
        with ("в столице стоимость выросла на 5,2% - до 134,29 тысячи")."""
        before = [e for e in locs if e.end <= at.number[0]]
        previous = max((end for _, end in at.numbers if end <= at.number[0]), default=at.window[0])
        if own := [e for e in before if e.start >= previous]:
            return own
        if (after := [e for e in locs if at.number[1] <= e.start < at.clause[1]]) or not before:
            return _listed(text, after, locs)
        since = max((end for _, end in at.numbers if end <= before[-1].start), default=at.window[0])
        return [e for e in before if e.start >= since]

    @staticmethod
    def _respectively(text: str, at: Position, locs: list[Entity]) -> list[Entity]:
        """"в Екатеринбурге и Нижнем Новгороде жилье подешевело на 0,1% и 0,8% …
        соответственно": the k-th number after the places goes with the k-th of them."""
        if len(locs) < 2 or not RESPECTIVELY.search(text, at.number[1], at.window[1]):
            return locs
        numbers = [n for n in at.numbers if locs[-1].end <= n[0]]
        return [locs[numbers.index(at.number) % len(locs)]] if at.number in numbers else locs

    def _specific(self, locs: list[Entity]) -> list[str]:
        """The places' names, without those another one lies in: a city's region and country."""
        parents = {parent for e in locs for parent in self._parents(e)}
        return [e.normal for e in locs if e.normal not in parents]

    def _parents(self, ent: Entity) -> list[str]:
        city = self.voters.cities.get(ent.normal) if ent.subtype == "city" else None
        region_code = city.region if city is not None else (ent.code if ent.subtype == "region" else None)
        region = self.voters.regions.get(region_code or "")
        country = self.voters.countries.get(region.country if region else (city.country if city else ""))
        return [p.name for p in (region, country) if p is not None and p.name != ent.normal]

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
