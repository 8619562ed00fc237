"""Link: persons merged per document, and officials — who holds which position where.

Persons: every PER mention joins the person whose surname it shares within the
same scope (the article, or one related snippet: a snippet's "Богомаз" is never
the article's). Officials: an ordered list of small named rules, as razdel does
for sentence breaks, finds the plain cases ("губернатор Смоленской области Василий
Анохин"); the trained model of `linker.py` then decides every person–position pair
in reach, the rules' verdict among its features. The rule name travels in the
record ("model+position_then_name", or "model" where no rule fired) so that a
wrong link can be explained. Without a model the rules alone decide. One record per
person, position (normal form) and body in a document: the same post named again
adds its span to `position_spans` (a page may name its governor thousands of times).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from ..document import Document, scope, top_level
from ..geo.data import Place
from ..morph import fold
from .bodies import Bodies, merge_covered
from .document_region import DocumentRegion
from .linker import Context, LinkModel, Pair, candidates
from .persons import link_persons
from .posts import PostWords, names_generic_region, period, served_place
from ..records import Entity, Official, Person

APPOSITION = re.compile(r"^\s*(?:,|\(|[—–-])\s*$")  # "Анохин, губернатор", "Анохин — губернатор"
# "Михаил Мурашко и Александр Ходжаев", "Юрий Царёв (проект «Метро»), Алексей Борисов"
LIST_JOINT = re.compile(r"^\s*(?:\([^()]*\))?\s*(?:,|и|,\s*и)\s*$")
POSITION_JOINT = re.compile(r"^\s*(?:,|и)\s*$")  # "спортсмен и актёр Олег Тактаров"
BEFORE_NAME = re.compile(r"^\s*(?:[—–:-]\s*)?$")  # "музыканты группы СВ — Вадим Голутвин"


@dataclass
class Candidate:
    position: Entity
    person: Entity
    rule: str


def gap(doc: Document, left: Entity, right: Entity) -> str:
    return doc.text[left.end : right.start] if left.end <= right.start else "\0"


def position_then_name(doc: Document, pos: Entity, ents: list[Entity], i: int) -> list[Candidate]:
    """"губернатор Смоленской области Василий Анохин"; a plural position is shared by
    the list that follows ("министры здравоохранения Михаил Мурашко и Александр Ходжаев")."""
    if i + 1 >= len(ents) or ents[i + 1].type != "PER" or not BEFORE_NAME.match(gap(doc, pos, ents[i + 1])):
        return []
    out = [Candidate(pos, ents[i + 1], "position_then_name")]
    j = i + 1
    r = doc.token_range(pos.start, pos.end)
    counted = r.start > 0 and doc.tokens[r.start - 1].tag.startswith("NUMR")  # "два первых вице-губернатора"
    plural = "plur" in doc.tokens[r.start].tag or counted
    while plural and j + 1 < len(ents) and ents[j + 1].type == "PER" and LIST_JOINT.match(gap(doc, ents[j], ents[j + 1])):
        out.append(Candidate(pos, ents[j + 1], "shared_position_list"))
        j += 1
    return out


def coordinated_positions(doc: Document, pos: Entity, ents: list[Entity], i: int) -> list[Candidate]:
    """"президент Египта и бывший лидер организации Мухаммед Мурси": every position of
    a coordinated run before a name goes to that name."""
    j = i
    while j + 1 < len(ents) and ents[j + 1].type == "POSITION" and POSITION_JOINT.match(gap(doc, ents[j], ents[j + 1])):
        j += 1
    if j == i:
        return []
    return [Candidate(pos, c.person, "coordinated_positions") for c in position_then_name(doc, ents[j], ents, j)[:1]]


def name_then_position(doc: Document, pos: Entity, ents: list[Entity], i: int) -> list[Candidate]:
    """"Василий Анохин, губернатор Смоленской области"."""
    if i == 0 or ents[i - 1].type != "PER" or not APPOSITION.match(gap(doc, ents[i - 1], pos)):
        return []
    return [Candidate(pos, ents[i - 1], "name_then_position")]


def owned_by_another(doc: Document, cand: Candidate, held: set[str]) -> bool:
    """"в связи с посланием президента, заявил министр Антон Силуанов": a post in the genitive
    after a noun names whose message it is, not the person the model links it to nearby,
    unless that person stands in the genitive too ("указом президента Владимира Путина") or the
    noun is one of the post held (`held`: "занимал пост президента"). A hand rule's link stays."""
    r = doc.token_range(cand.position.start, cand.position.end)
    if cand.rule != "model" or r.start == 0 or not r:
        return False
    prev, head = doc.tokens[r.start - 1], doc.tokens[r.start]
    if not prev.tag.startswith("NOUN") or "gent" not in head.tag or prev.sent != head.sent or fold(prev.lemma) in held:
        return False
    name = doc.tokens_in(cand.person.start, cand.person.end)
    return bool(name) and "gent" not in name[0].tag


Rule = Callable[[Document, Entity, list[Entity], int], list[Candidate]]
RULES: tuple[Rule, ...] = (position_then_name, coordinated_positions, name_then_position)


def rule_links(doc: Document, ents: list[Entity]) -> list[Candidate]:
    """The hand rules over the top-level entities: per position the first rule that fires;
    a person mention is linked once."""
    out: list[Candidate] = []
    linked: set[tuple[int, int]] = set()
    for i, pos in enumerate(ents):
        if pos.type != "POSITION":
            continue
        for rule in RULES:
            found = [c for c in rule(doc, pos, ents, i) if (c.person.start, c.person.end) not in linked]
            linked.update((c.person.start, c.person.end) for c in found)
            out += found
            if found:
                break
    return out


@dataclass
class Countries:
    """The country of a gazetteer place: a country itself, a Russian region's RU, a city's country;
    and what the officials stage asks of the gazetteer besides (a city's region, the document's)."""

    of_place: dict[str, str] = field(default_factory=dict)  # canonical place name → ISO 3166-1 alpha-2
    names: dict[str, str] = field(default_factory=dict)  # ISO 3166-1 alpha-2 → the country's canonical name
    regions: DocumentRegion = field(default_factory=lambda: DocumentRegion({}, {}, {}))

    @classmethod
    def from_places(cls, places: list[Place]) -> "Countries":
        countries = cls(regions=DocumentRegion.from_places(places))
        for place in places:
            code = place.code if place.kind == "country" else place.country
            if code:
                countries.of_place.setdefault(place.name, code)
            if place.kind == "country" and place.code:
                countries.names.setdefault(place.code, place.name)
        return countries

    def of(self, region: Entity | None, org: Entity | None) -> str | None:
        """"губернатор Смоленской области" → RU; "министр здравоохранения Белоруссии" → BY;
        "председатель Госдумы" → RU (the organisations stage knows whose body it is)."""
        code = self.of_place.get(region.normal) if region is not None else None
        return code or (org.code if org is not None else None)

    def city_region(self, city: str) -> Place | None:
        """"Томск" → Томская область (a Russian city's federal subject)."""
        place = self.regions.cities.get(city)
        return self.regions.regions.get(place.region) if place is not None and place.region else None


@dataclass
class Served:
    """Where an official serves: region (or country named as the place), city, country."""

    region: str | None = None
    region_code: str | None = None
    city: str | None = None
    country_code: str | None = None


class Officials:
    name = "officials"
    requires: frozenset[str] = frozenset({"entities.normal", "entities.organizations", "sentences", "text", "tokens"})
    provides: frozenset[str] = frozenset({"entities.persons", "officials", "persons"})

    def __init__(
        self, model: LinkModel | None = None, countries: Countries | None = None, posts: PostWords | None = None,
        bodies: Bodies | None = None,
    ) -> None:
        self.model = model  # None: the hand rules alone decide
        self.countries = countries or Countries()
        self.posts = posts or PostWords.load()
        self.bodies = bodies or Bodies()  # no gazetteer: the post's own words add nothing

    def __call__(self, docs: list[Document]) -> None:
        for doc in docs:
            doc.persons = link_persons(doc)
            doc.officials = self.officials(doc)

    def officials(self, doc: Document) -> list[Official]:
        ents = top_level(doc.entities)
        places = sorted((e for e in doc.entities if e.type in ("LOC", "ORG")), key=lambda e: e.start)
        place_starts = [e.start for e in places]
        persons = {p.id: p for p in doc.persons}
        where = Where(doc, self.countries)
        out: dict[tuple[str, str, str | None], Official] = {}  # one per (person, post, body)
        for cand in self.links(doc, ents):
            pos = cand.position
            inner = [
                e for e in places[bisect_left(place_starts, pos.start) : bisect_left(place_starts, pos.end)]
                if e.end <= pos.end
            ]
            if self.posts.is_occupation(doc, pos):  # a profession: the person's, but no official's
                occupied = persons[cand.person.person or ""]
                occupied.occupation_spans.append((pos.start, pos.end))
                if (title := self.posts.title(doc, pos, inner)) not in occupied.positions:
                    occupied.positions.append(title)
                continue
            org = next((e for e in inner if e.type == "ORG"), None)
            key = (cand.person.person or "", pos.normal, org.normal if org else None)
            known = out.get(key)
            if known is None:
                out[key] = self.official(doc, cand, persons[key[0]], inner, where)
            elif (pos.start, pos.end) not in known.position_spans[-1:]:
                known.position_spans.append((pos.start, pos.end))  # the same post named again
        holders: dict[tuple[int, int], set[str]] = {}  # a profession linked to one person carries it, as a post does
        for person in persons.values():
            for span in person.occupation_spans:
                holders.setdefault(span, set()).add(person.id)
        for pos in ents:
            if pos.type == "POSITION" and len(ids := holders.get((pos.start, pos.end), set())) == 1:
                pos.person = next(iter(ids))
        merged = merge_covered(merge_heads(merge_bare(merge_same(list(out.values()))), self.posts.head_posts))
        for off in merged:
            if off.position not in persons[off.person_id].positions:
                persons[off.person_id].positions.append(off.position)
        return merged

    def links(self, doc: Document, ents: list[Entity]) -> list[Candidate]:
        if self.model is None:
            return rule_links(doc, ents)
        found = [Candidate(p.position, p.mention, f"model+{p.rule}" if p.rule else "model") for p in self.pairs(doc, ents) if self.model.links(p)]
        return [c for c in found if not owned_by_another(doc, c, self.posts.held)]

    @staticmethod
    def pairs(doc: Document, ents: list[Entity]) -> list[Pair]:
        """Every person–position pair the model decides on, with the hand rule that links it
        (if one does): what the model is trained on (tools/train.py) and what it scores here."""
        hits = rule_links(doc, ents)
        return candidates(Context(doc, ents, doc.persons, scope), [(c.position, c.person, c.rule) for c in hits])

    def official(self, doc: Document, cand: Candidate, person: Person, inner: list[Entity], where: "Where") -> Official:
        """The record of one link; `inner` are the places and bodies inside the position."""
        pos = cand.position
        body = organization(doc, inner)
        status = self.posts.status(doc, pos, self.posts.title(doc, pos, inner))
        federal = self.posts.is_federal(status.title)
        served = where.served(pos, inner, body[1], federal, self.posts.is_territorial(doc, pos))
        org_name, org_type, served = self.bodies.complete(doc, pos, inner, body, served, where, federal)
        country = served.country_code
        return Official(
            person=person.name,
            person_id=person.id,
            position=status.title,
            organization=org_name,
            region=served.region,
            region_code=served.region_code,
            person_spans=list(person.mentions),
            position_span=(pos.start, pos.end),
            position_spans=[(pos.start, pos.end)],
            block=pos.block,
            rule=cand.rule,
            country=self.countries.names.get(country) if country else None,
            country_code=country,
            city=served.city,
            organization_type=org_type,
            acting=status.acting,
            former=status.former,
            period=period(doc, pos, status.former),
        )


def merge_same(officials: list[Official]) -> list[Official]:
    """One post named twice with the same place ("министр информации и печати Чеченской
    Республики", "… Чечни"): one official, its spans joined."""
    seen: dict[tuple[object, ...], Official] = {}
    out = []
    for off in officials:
        key = (off.person_id, off.position, off.organization, off.region, off.city, off.country_code, off.acting, off.former)
        if (into := seen.get(key)) is None:
            seen[key] = off
            out.append(off)
        else:
            into.position_spans = sorted({*into.position_spans, *off.position_spans})
            into.position_span = into.position_spans[0]
    return out


def merge_bare(officials: list[Official]) -> list[Official]:
    """A post named bare ("Папа", "губернатор") is the one post of that title the same person
    holds with a place or body named ("Папа Римский"): one official, its spans joined."""
    placed: dict[tuple[str, str, bool, bool], list[Official]] = {}
    for off in officials:
        if off.organization or off.region or off.city or off.country_code:
            placed.setdefault((off.person_id, off.position, off.acting, off.former), []).append(off)
    out = []
    for off in officials:
        into = placed.get((off.person_id, off.position, off.acting, off.former), [])
        if off.organization or off.region or off.city or off.country_code or len(into) != 1:
            out.append(off)
            continue
        into[0].position_spans = sorted({*into[0].position_spans, *off.position_spans})
        into[0].position_span = into[0].position_spans[0]
    return out


def merge_heads(officials: list[Official], head_posts: set[str]) -> list[Official]:
    """The titles of one head of a region or city ("глава республики", "президент республики",
    "глава региона") are one post: one official per person, under the title named first; its
    spans joined, a place one mention leaves out taken from another, "врио" from any, "бывший"
    only from all (a post held twice is one record in its present state)."""
    groups: dict[str, list[Official]] = {}
    for off in officials:
        if off.position in head_posts and off.organization_type in (None, "government"):
            groups.setdefault(off.person_id, []).append(off)
    out = []
    for off in officials:
        group = sorted(groups.get(off.person_id, []), key=lambda o: o.position_spans[0])
        if all(o is not off for o in group) or len(group) == 1:
            out.append(off)
        elif off is group[0]:
            out.append(_merged(group))
    return out


def _merged(group: list[Official]) -> Official:
    first = group[0]
    for other in group:
        if first.region is None and first.city is None and (other.region or other.city):
            first.region, first.region_code, first.city = other.region, other.region_code, other.city
        if first.country_code is None:
            first.country, first.country_code = other.country, other.country_code
    first.position_spans = sorted({s for o in group for s in o.position_spans})
    first.position_span = first.position_spans[0]
    first.acting = any(o.acting for o in group)
    first.former = all(o.former for o in group)
    return first


def organization(doc: Document, inner: list[Entity]) -> tuple[str | None, Entity | None]:
    """The body in a post and the ORG entity that types it: adjacent bodies read as one
    ("Приокского управления Ростехнадзора" → "Приокское управление Ростехнадзора", typed and
    placed by the last, the body the unit belongs to)."""
    orgs = [e for e in inner if e.type == "ORG"]
    if not orgs:
        return None, None
    chain = [orgs[0]]
    for org in orgs[1:]:
        if org.start >= chain[-1].end and not doc.text[chain[-1].end : org.start].strip():
            chain.append(org)
        elif org.start >= chain[-1].end:
            break
    if len(chain) == 1:
        return orgs[0].normal, orgs[0]
    last = chain[-1]
    typed = last if last.code or not chain[0].subtype else chain[0]
    return f"{chain[0].normal}{doc.text[chain[0].end : last.end]}", typed


class Where:
    """Where the officials of one document serve; the document's region read once, when asked."""

    def __init__(self, doc: Document, countries: Countries) -> None:
        self.doc = doc
        self.countries = countries
        locs = [e for e in doc.entities if e.type == "LOC"]
        self.by_end = {e.end: e for e in locs}
        self.by_start = {e.start: e for e in locs}
        self._region: list[Place | None] = []

    def document_region(self) -> Place | None:
        if not self._region:
            self._region.append(self.countries.regions.region(self.doc))  # officials not yet counted
        return self._region[0]

    def served(self, pos: Entity, inner: list[Entity], org: Entity | None, federal: bool, territorial: bool) -> Served:
        place = served_place(self.doc, pos, inner, self.by_end, self.by_start, territorial)
        if place is not None:
            return self._of_place(place, org)
        if names_generic_region(self.doc, pos) and (found := self.document_region()) is not None and found.kind == "region":
            return Served(found.name, found.code, None, found.country)  # "министр экономики области"
        country = org.code if org is not None else None
        if country is None and federal and (found := self.document_region()) is not None and found.country == "RU":
            country = "RU"  # "вице-премьер" in a document about Russia
        return Served(country_code=country)

    def _of_place(self, place: Entity, org: Entity | None) -> Served:
        country = self.countries.of(place, org)
        if place.subtype != "city":
            return Served(place.normal, place.code, None, country)
        region = self.countries.city_region(place.normal)  # "мэр Томска": Томская область, the city kept
        return Served(region.name if region else None, region.code if region else None, place.normal, country)
