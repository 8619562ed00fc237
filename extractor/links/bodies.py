"""Where an official serves, completed from the body and the place its post names.

The officials stage finds the place a post names (`Where.served`) and the ORG inside it;
this module fills in what the post says without naming it, read from the post's words
(lexicons/post_bodies.tsv) and the document:
- a body the post's words name: "председатель городского совета" → "Петрозаводский городской
  совет", "вице-спикер облдумы" → "Мурманская областная дума", "министр финансов РФ" →
  "Министерство финансов России", "зампред регионального правительства" → "Правительство
  Московской области"; whose it is: the place named after the words, else the document's
  region or city, else Россия for a federal post;
- the place of a named body: "УВД региона" → "УВД Орловской области", "Минприроды России" →
  "Министерство природных ресурсов и экологии России"; places are spelt by their gazetteer
  names in the genitive ("Российской Федерации", "РФ" → "России");
- the region: a district is no region ("администрации Колпинского района Петербурга":
  Санкт-Петербург, the district's city, or the document's region); "районный", "областной",
  "губернатор", "мэр" of no named place serve the document's region; a federal post
  (president, State Duma deputy, federal body) serves Россия;
- the country: that of the region or city served.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Protocol, TypeVar

from ..document import Document, Token, scope
from ..entities.organizations import phrase_key, token_lemmas
from ..geo.data import REGION_KINDS, Place
from ..geo.gazetteer import Gazetteer, name_words
from ..grammars.words import QUOTES
from ..lexicons import read_table
from ..morph import Morph, fold, restore_case
from ..records import ORG_SUBTYPES, Entity, Official
from ..geo.subject import Tally
from .document_region import DocumentRegion
from .posts import GENERIC_REGION



class Served(Protocol):
    """What links.officials.Served holds (a dataclass: `replace` makes the completed one)."""

    region: str | None
    region_code: str | None
    city: str | None
    country_code: str | None


class Countries(Protocol):
    regions: DocumentRegion
    names: dict[str, str]  # ISO 3166-1 alpha-2 → the country's name


class Where(Protocol):
    """links.officials.Where: the gazetteer's places and the document's region, read once."""

    countries: Countries

    def document_region(self) -> Place | None: ...


S = TypeVar("S", bound=Served)

PLACE_KINDS = ("region", "city", "named", "federal")
SLOT = re.compile(r"\{(of|rest|legislature|adj:(?:masc|femn|neut))\}")
FEDERAL_TYPES = {"government", "legislature", "court", "military"}  # a Russian body of these kinds is federal
RUSSIA = "RU"
# an executive body's name says what it does, not whose it is: "Минприроды России" keeps its
# place; a known legislature, party or company of one state does not ("Госдумы РФ")
KIND_NAMED = "government"
OPEN, CLOSE = "«", "»"


@dataclass(frozen=True)
class PostBody:
    """A row of post_bodies.tsv."""

    body: str | None  # pattern; None: the words only place the post
    type: str | None
    place: str  # one of PLACE_KINDS


@dataclass(frozen=True)
class Match:
    start: int  # token indices in the post
    end: int
    row: PostBody


@dataclass
class Named:
    """A place a post names: a gazetteer place, or a district as written ("Колпинского района")."""

    place: Place | None
    written: str = ""
    end: int = 0  # offset where the place's mention ends


@dataclass
class Bodies:
    morph: Morph | None = None
    gazetteer: Gazetteer | None = None
    rows: dict[str, PostBody] = field(default_factory=dict)  # lemma key → row
    longest: int = 1
    federal: set[str] = field(default_factory=set)  # canonical names of Russia's federal bodies
    proper: set[str] = field(default_factory=set)  # known bodies of one state named as such ("Государственная дума")
    legislatures: dict[str, str] = field(default_factory=dict)  # region name → its legislature
    legislature_names: dict[tuple[str, str], str] = field(default_factory=dict)  # (region, alias key) → legislature
    _adjectives: dict[str, str | None] = field(default_factory=dict)  # place name → adjective lemma

    @classmethod
    def load(cls, gazetteer: Gazetteer) -> "Bodies":
        bodies = cls(gazetteer.morph, gazetteer)
        for number, row in read_table("post_bodies.tsv", ("words", "body", "type", "place"), 4):
            if row["place"] not in PLACE_KINDS or (row["type"] != "-" and row["type"] not in ORG_SUBTYPES):
                raise ValueError(f"post_bodies.tsv:{number}: unknown place or type in {row!r}")
            words = name_words(row["words"])
            bodies.longest = max(bodies.longest, len(words))
            body = None if row["body"] == "-" else row["body"]
            bodies.rows[phrase_key(gazetteer.morph, words)] = PostBody(body, None if row["type"] == "-" else row["type"], row["place"])
        for _, row in read_table("bodies.tsv", ("name", "type", "country", "aliases"), 2):
            if row["country"] == RUSSIA and row["type"] in FEDERAL_TYPES:
                bodies.federal.add(row["name"])
            if row["country"] and row["type"] != KIND_NAMED:
                bodies.proper.add(row["name"])
        for _, row in read_table("regional_legislatures.tsv", ("region", "legislature", "aliases"), 2):
            bodies.legislatures[row["region"]] = row["legislature"]
            for alias in [row["legislature"], *(a.strip() for a in row["aliases"].split("|") if a.strip())]:
                bodies.legislature_names[(row["region"], phrase_key(gazetteer.morph, name_words(alias)))] = row["legislature"]
        return bodies

    # -- the hook --------------------------------------------------------------------

    def complete(
        self, doc: Document, pos: Entity, inner: list[Entity], body: tuple[str | None, Entity | None],
        served: S, where: Where, federal: bool,
    ) -> tuple[str | None, str | None, S]:
        """Organisation, its type and where the official serves, completed (see the module doc)."""
        if self.morph is None:
            return body[0], body[1].subtype if body[1] is not None else None, served
        regions = where.countries.regions
        tokens = doc.tokens_in(pos.start, pos.end)
        matches = self.matches(token_lemmas(tokens))
        if federal and any(m.row.place == "named" for m in matches) and (found := where.document_region()) and found.kind == "region":
            federal = False  # "вице-премьер" in an article about a region may be the region's
        named = self.named(doc, pos, inner, regions)
        served = self._placed(doc, served, named, matches, where, regions)
        organization, kind, served = self._body(doc, pos, tokens, matches, inner, body, served, where, federal)
        unit = body[1] is not None and body[0] != body[1].normal  # "Приокское управление Ростехнадзора": not federal
        served = served if unit else self._federal(served, body[1], matches, federal, where)
        if served.country_code is None and served.region_code:
            served = replace(served, country_code=served.region_code.split("-")[0])
        return organization, kind, served

    def _body(
        self, doc: Document, pos: Entity, tokens: list[Token], matches: list[Match], inner: list[Entity],
        body: tuple[str | None, Entity | None], served: S, where: Where, federal: bool,
    ) -> tuple[str | None, str | None, S]:
        """The body its words name ("председатель городского совета"), else the ORG in the post:
        a regional legislature's short name, or the body with the place written after it."""
        name, org = body
        row = next((m for m in matches if m.row.body), None)
        # the ORG is the row's words ("Председатель Правительства") or, with {rest}, whose body it is
        if row is not None and (org is None or org.start < tokens[row.end - 1].end or "{rest}" in (row.row.body or "")):
            found = self._post_body(doc, pos, tokens, row, inner, served, where, federal and org is None)
            if found is not None:
                return found, row.row.type or (org.subtype if org is not None else None), served
        if org is None or name is None:
            return name, org.subtype if org is not None else None, served
        if (legislature := self._legislature(doc, pos, org, served, where)) is not None:
            return legislature
        return self._placed_body(doc, pos, name, org, where), org.subtype, served

    # -- the post's words ---------------------------------------------------------------

    def matches(self, lemmas: list[str]) -> list[Match]:
        """The rows of post_bodies.tsv in a post, left to right, longest first."""
        out, i = [], 0
        while i < len(lemmas):
            for size in range(min(self.longest, len(lemmas) - i), 0, -1):
                row = self.rows.get(" ".join(lemmas[i : i + size]))
                if row is not None:
                    out.append(Match(i, i + size, row))
                    i += size - 1
                    break
            i += 1
        return out

    def _federal(self, served: S, org: Entity | None, matches: list[Match], federal: bool, where: Where) -> S:
        """Россия for a federal post of no named place: a federal body's ("депутат Госдумы"), or a
        federal title's of no body ("президент", "полпред президента") in a document about Russia."""
        if served.region is not None or served.country_code not in (None, RUSSIA):
            return served
        if org is not None and org.normal not in self.federal:
            return served
        if org is None and not (federal or any(m.row.place == "federal" for m in matches)):
            return served
        if org is None and served.country_code is None and ((found := where.document_region()) is None or found.country != RUSSIA):
            return served
        return replace(served, region=where.countries.names.get(RUSSIA), region_code=RUSSIA, country_code=RUSSIA)

    def named(self, doc: Document, pos: Entity, inner: list[Entity], regions: DocumentRegion) -> list[Named]:
        """The places a post names, in text order: gazetteer places and districts."""
        out = []
        for ent in inner:
            if ent.type != "LOC":
                continue
            place = self.place_of(ent, regions)
            if place is not None or ent.subtype == "district":
                out.append(Named(place, balanced(doc, ent, pos.end), ent.end))
        return out

    @staticmethod
    def place_of(ent: Entity, regions: DocumentRegion) -> Place | None:
        if ent.subtype == "region":
            return regions.regions.get(ent.code or "")
        if ent.subtype == "country":
            return regions.countries.get(ent.code or "")
        return regions.cities.get(ent.normal) if ent.subtype == "city" else None

    # -- where it serves -----------------------------------------------------------------

    def _placed(
        self, doc: Document, served: S, named: list[Named], matches: list[Match], where: Where, regions: DocumentRegion
    ) -> S:
        """A district is no region: the place named after it, else the document's region; a post
        of no named place whose words say "the region's" or "the city's" serves the document's."""
        district = served.region is not None and served.region_code is None and served.city is None \
            and not served.region.endswith(tuple(f" {kind}" for kind in REGION_KINDS))  # "Таймырский автономный округ": a subject of old
        if district:
            after = next((n.place for n in named if n.place is not None), None)
            served = self.serving(served, after, where) if after is not None else replace(served, region=None)
        if served.region is not None and served.region_code is None and served.country_code is None and not district:
            found = where.document_region()  # a subject of old is the document's country's
            return replace(served, country_code=found.country if found is not None else None)
        if served.region is not None or served.city is not None or served.country_code not in (None, RUSSIA):
            return served
        kinds = {m.row.place for m in matches}
        found = where.document_region()
        if found is None or found.kind != "region" or "federal" in kinds or not (district or kinds & {"region", "city"}):
            return served
        city = self.document_city(doc, where, found) if "city" in kinds else None
        return replace(served, region=found.name, region_code=found.code, city=city.name if city else None, country_code=found.country)

    @staticmethod
    def serving(served: S, place: Place, where: Where) -> S:
        """Where a post of a named gazetteer place serves: a city's region, the city kept."""
        if place.kind != "city":
            return replace(served, region=place.name, region_code=place.code, city=None, country_code=place.country)
        region = where.countries.regions.regions.get(place.region or "")
        return replace(served, region=region.name if region else None, region_code=region.code if region else None,
                       city=place.name, country_code=place.country)

    @staticmethod
    def document_city(doc: Document, where: Where, region: Place) -> Place | None:
        """The city of the document's region its article names most ("мэр" of no named city)."""
        cities, tally = where.countries.regions.cities, Tally()
        for ent in doc.entities:
            city = cities.get(ent.normal) if ent.type == "LOC" and ent.subtype == "city" else None
            if city is not None and city.region == region.code and scope(ent.block) == "article":
                tally.add(city.name, ent.start)
        name = tally.winner()
        return cities[name] if name is not None else None

    # -- the body ---------------------------------------------------------------------

    def _post_body(
        self, doc: Document, pos: Entity, tokens: list[Token], match: Match, inner: list[Entity], served: S,
        where: Where, federal: bool,
    ) -> str | None:
        """The body of a post_bodies.tsv row, its slots filled, or None when a slot cannot be."""
        after = tokens[match.end - 1].end
        named = [n for n in self.named(doc, pos, inner, where.countries.regions) if n.end > after]
        place = named[0] if named else self._implied(doc, pos, match, served, where, federal)
        if place is None:
            return None
        values = {"of": self.genitive_of(place), "rest": self._rest(doc, pos, tokens[match.end :], after, inner, match.row),
                  "legislature": self.legislatures.get(place.place.name) if place.place is not None else None}
        pattern = match.row.body or ""
        for gender in ("masc", "femn", "neut"):
            if f"{{adj:{gender}}}" in pattern:
                values[f"adj:{gender}"] = self.adjective(place.place, gender) if place.place else None
        if any(values.get(slot) is None or values.get(slot) == "" for slot in SLOT.findall(pattern)):
            return None
        return " ".join(SLOT.sub(lambda m: values[m.group(1)] or "", pattern).split())

    @staticmethod
    def _rest(doc: Document, pos: Entity, tokens: list[Token], after: int, inner: list[Entity], row: PostBody) -> str | None:
        """The post's words after a row's, up to the place: "министр [информации и печати] Чеченской
        Республики"; an ORG begun in them is read to its end ("отделения [«Единой России»]"). A
        branch's row (no type of its own) needs that ORG: "отделение партии" says not whose."""
        cut = min((e.start for e in inner if e.type == "LOC" and e.start >= after), default=pos.end)
        cut = min([cut, *(t.start for t in tokens if fold(t.lemma) in GENERIC_REGION)])
        orgs = [e for e in doc.entities if e.type == "ORG" and after <= e.start < cut]
        if row.type is None and not orgs:
            return None
        end = max([cut, *(e.end for e in orgs)])
        if doc.text[after:end].count(OPEN) > doc.text[after:end].count(CLOSE) and doc.text[end : end + 1] == CLOSE:
            end += 1
        return doc.text[after:end].strip(" ,") or None

    def _implied(
        self, doc: Document, pos: Entity, match: Match, served: S, where: Where, federal: bool
    ) -> Named | None:
        """Whose body it is when no place is named after its words: the served city or region
        (a generic region word, the document's, "по <place>"), or Россия for a federal post."""
        cities, regions = where.countries.regions.cities, where.countries.regions.regions
        if match.row.place in ("city", "named") and served.city in cities:
            return Named(cities[served.city])
        if match.row.place == "city":
            return None  # "городской совет" of no known city
        if served.region_code in regions:
            return Named(regions[served.region_code])
        if federal and served.country_code == RUSSIA:
            return Named(where.countries.regions.countries.get(RUSSIA))
        return None

    def _legislature(
        self, doc: Document, pos: Entity, org: Entity, served: S, where: Where
    ) -> tuple[str, str, S] | None:
        """"председателя Госсобрания" in an article about Республика Алтай → "Государственное
        Собрание — Эл Курултай Республики Алтай": a regional legislature's short name, of the
        place named in or after it, else of the region served or the document's."""
        regions = where.countries.regions
        places = [e for e in doc.entities if e.type == "LOC" and org.start <= e.start < pos.end and e.end <= pos.end]
        named = next((p for e in places if (p := self.place_of(e, regions)) is not None), None)
        if named is None and served.country_code not in (None, RUSSIA):
            return None
        region = named if named is not None else regions.regions.get(served.region_code or "")
        if region is None and (found := where.document_region()) is not None and found.kind == "region":
            region = found
        ent_end = min((e.start for e in places if e.start > org.start), default=org.end)
        key = " ".join(token_lemmas([t for t in doc.tokens_in(org.start, min(org.end, ent_end)) if t.text not in QUOTES]))
        name = self.legislature_names.get((region.name, key)) if region is not None and region.kind == "region" else None
        if name is None or region is None:
            return None
        if served.region is None:
            served = replace(served, region=region.name, region_code=region.code, country_code=region.country)
        return name, "legislature", served

    def _placed_body(self, doc: Document, pos: Entity, organization: str, org: Entity, where: Where) -> str:
        """"УВД региона" → "УВД Орловской области", "Минприроды России" → "… России": the place
        written right after a body, spelt out; a place ending its name respelt ("СК РФ")."""
        if org.subtype in FEDERAL_TYPES:
            organization = self.respelt(organization)
        rest = doc.tokens_in(org.end, pos.end)
        if not rest or org.normal in self.proper or self._ends_in_place(organization):
            return organization
        regions = where.countries.regions
        place_ent = next((e for e in doc.entities if e.type == "LOC" and e.start == rest[0].start and e.end <= pos.end), None)
        if place_ent is not None and (place := self.place_of(place_ent, regions)) is not None:
            return f"{organization} {self.genitive_of(Named(place))}"
        if place_ent is not None and place_ent.subtype == "district":
            return f"{organization} {balanced(doc, place_ent, pos.end)}"
        if fold(rest[0].lemma) in GENERIC_REGION and (found := where.document_region()) is not None and found.kind == "region":
            return f"{organization} {self.genitive(found.name)}"
        return organization

    def _ends_in_place(self, name: str) -> bool:
        words = name_words(name)
        return self.gazetteer is not None and any(self.gazetteer.lookup(words[i:]) for i in range(1, len(words)))

    def respelt(self, name: str) -> str:
        """A place of several words or an abbreviation ending a body's name, by its gazetteer name
        in the genitive: "Следственный комитет Российской Федерации" → "… России"."""
        words = name.split()
        for i in range(1, len(words)):
            tail = words[i:]
            place = self.gazetteer.lookup(tail) if self.gazetteer is not None else None
            if place is not None and (len(tail) > 1 or tail[0].isupper()):
                return " ".join([*words[:i], self.genitive(place.name)])
        return name

    # -- spelling places --------------------------------------------------------------

    def genitive_of(self, named: Named) -> str | None:
        return self.genitive(named.place.name) if named.place is not None else named.written or None

    def genitive(self, name: str) -> str:
        """A gazetteer name in the genitive: its head noun and the adjectives before it
        ("Республики Алтай", "Кемеровской области — Кузбасса", "Чеченской Республики")."""
        parts = name.split(" — ")
        first, apposed = self._genitive_part(parts[0])
        rest = [part if apposed else self._genitive_part(part)[0] for part in parts[1:]]
        return " — ".join([first, *rest])

    def _genitive_part(self, text: str) -> tuple[str, bool]:
        """The part inflected, and whether words follow its head ("Республика Алтай")."""
        words = text.split()
        out = []
        for i, word in enumerate(words):
            parse = self._nominative(word)
            if parse is None:
                return " ".join([*out, *words[i:]]), i + 1 < len(words)
            form = self.morph.inflect(parse, {"gent"}) if self.morph is not None else None
            out.append(spelt_like(form, word) if form else word)
            if parse.tag.POS == "NOUN":
                return " ".join([*out, *words[i + 1 :]]), i + 1 < len(words)
        return " ".join(out), False

    def _nominative(self, word: str):  # a pymorphy3 Parse
        parses = self.morph.parse(word) if self.morph is not None else []
        return next((p for p in parses if p.tag.POS in ("NOUN", "ADJF") and p.tag.case == "nomn"), None)

    def adjective(self, place: Place, gender: str) -> str | None:
        """The place's adjective agreeing with a noun of `gender`: "Мурманская", "Петрозаводский"."""
        if place.name not in self._adjectives:
            derived = self.gazetteer.derived(place) if self.gazetteer is not None else []
            self._adjectives[place.name] = derived[0] if derived else None
        lemma = self._adjectives[place.name]
        if lemma is None or self.morph is None:
            return None
        parse = next((p for p in self.morph.parse(lemma) if p.tag.POS == "ADJF"), None)
        form = self.morph.inflect(parse, {gender, "sing", "nomn"}) if parse is not None else None
        return form.capitalize() if form else None


PLACED = ("organization", "region", "city", "country_code")


def merge_covered(officials: list[Official]) -> list[Official]:
    """"губернатор" of the document's region and "губернатор Камчатского края" of one person are
    one post: a record whose body and places are all those of one other record of the same
    person, title and status (or unset) joins it, its spans added; the richer record is kept."""
    by_post: dict[tuple[str, str, bool, bool], list[Official]] = {}
    for off in sorted(officials, key=lambda o: -sum(getattr(o, f) is not None for f in PLACED)):
        kept = by_post.setdefault((off.person_id, off.position, off.acting, off.former), [])
        into = [k for k in kept if all(getattr(off, f) in (None, getattr(k, f)) for f in PLACED)]
        if len(into) == 1:
            into[0].position_spans = sorted({*into[0].position_spans, *off.position_spans})
            into[0].position_span = into[0].position_spans[0]
        else:
            kept.append(off)
    keep = {id(off) for kept in by_post.values() for off in kept}
    return [off for off in officials if id(off) in keep]


def spelt_like(form: str, model: str) -> str:
    """An inflected form with the capitals of the written word, part by part ("Санкт-Петербурга")."""
    return "-".join(restore_case(f, m) for f, m in zip(form.split("-"), model.split("-"))) if form.count("-") == model.count("-") else restore_case(form, model)


def balanced(doc: Document, ent: Entity, limit: int) -> str:
    """A place as written, an opened guillemet closed ("МО «Майминский район»")."""
    text = doc.text[ent.start : ent.end]
    if text.count(OPEN) > text.count(CLOSE) and doc.text[ent.end : ent.end + 1] == CLOSE:
        text += CLOSE
    return text
