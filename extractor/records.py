"""Typed output records: the contract that notebooks and dashboards rely on.

Every record is a plain dataclass; `asdict` gives the JSON object described by
`schema.json` (shipped in the package, printed by `cli.py schema`). All
`start`/`end` are Python string offsets, end exclusive, into the text exactly
as decoded from the input: `text == original[start:end]`.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from importlib import resources
from typing import Any

Span = tuple[int, int]

ENTITY_TYPES = ("PER", "ORG", "LOC", "POSITION", "EVENT", "DATE")
LOC_SUBTYPES = ("country", "region", "city", "district", "other")
# ORG subtypes: what kind of body it is, from its head word or a known name
ORG_SUBTYPES = ("government", "legislature", "court", "party", "company", "bank", "sports", "education",
                "science", "media", "military", "international", "religious", "public", "culture", "other")
EVENT_TYPES = ("meeting", "session", "forum", "visit", "talks", "signing", "opening", "competition",
               "election", "appointment", "incident", "legal", "culture", "protest", "other")


@dataclass
class Block:
    """A contiguous part of the page: the article or its furniture."""

    id: str  # "article-1", "meta-1", "credits-1", "related-3", "furniture-1"
    kind: str  # article | meta | credits | related | furniture
    start: int
    end: int


@dataclass
class Entity:
    type: str  # one of ENTITY_TYPES
    text: str
    start: int
    end: int
    normal: str  # normal form in the nominative case
    block: str
    subtype: str | None = None  # LOC: one of LOC_SUBTYPES; ORG: one of ORG_SUBTYPES; EVENT: one of EVENT_TYPES
    code: str | None = None  # LOC from the gazetteer: ISO 3166-1 / 3166-2 code; ORG: its country's ISO 3166-1 code when known
    value: str | None = None  # DATE: TIMEX3-style value ("2024-09-25", "XXXX-04-01")
    person: str | None = None  # PER, and a POSITION linked to someone: id of the merged person ("P1")
    source: str = "ner"  # which recogniser found it: ner | gazetteer | rules


@dataclass
class Person:
    """One person per document, all mentions merged."""

    id: str
    name: str  # fullest normal name seen ("Василий Анохин")
    mentions: list[Span] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)
    block: str = ""
    role_mentions: list[Span] = field(default_factory=list)  # "губернатор", "глава региона" meaning this person
    pronoun_mentions: list[Span] = field(default_factory=list)  # a sentence-initial "Он"/"Она" meaning this person


@dataclass
class Official:
    """Who holds which position where."""

    person: str  # normal name
    person_id: str
    position: str  # normalised position phrase without its place ("губернатор")
    organization: str | None
    region: str | None  # canonical gazetteer name ("Смоленская область")
    region_code: str | None
    person_spans: list[Span]
    position_span: Span
    block: str
    rule: str  # what linked them (a hand rule, "model", "model+<rule>"), for explaining a wrong record
    country: str | None = None  # the country served ("Россия"), from the region, body or text
    country_code: str | None = None  # ISO 3166-1 alpha-2


@dataclass
class Fact:
    """A numeric fact: a normalised value, what it measures, when and where."""

    kind: str  # money | percent | count | quantity | ratio
    text: str
    start: int
    end: int
    value: float
    unit: str | None  # ISO 4217, "%", "п.п.", "раз", or the lemma of the counted noun / measure unit
    qualifier: str | None  # approx | more_than | less_than | at_least | up_to
    change: str | None  # increase | decrease when the number is a change, None for a level
    indicator: str | None  # lemma phrase of what is measured ("экспорт семян льна")
    indicator_span: Span | None  # where the indicator is named (a pronoun's antecedent included)
    period: str | None  # "2023", "2024-H1", "2024-01..2024-08", "2021..2023"
    regions: list[str]  # canonical gazetteer names of the places it concerns
    sentence: Span
    block: str
    group: str | None = None  # facts of one indicator in one sentence: a level and its change
    low: float | None = None  # ranges ("от 3 до 5 тыс. рублей"): the bounds
    high: float | None = None


@dataclass
class Participant:
    """Who or what takes part in an event: a person, an organisation or a country."""

    kind: str  # person | organization | place
    name: str  # normal form ("Вячеслав Володин", "Государственная дума")
    span: Span
    role: str = "participant"  # organizer | participant
    person_id: str | None = None  # for persons: the merged person ("P1")


@dataclass
class Event:
    """Something that happened: a meeting, session, forum, visit, competition …"""

    id: str  # "E1", in text order
    type: str  # one of EVENT_TYPES
    text: str
    start: int
    end: int
    normal: str  # the event phrase in the nominative ("заседание Совета Парламентского собрания")
    date: str | None  # TIMEX3-style value, resolved against the document date
    date_span: Span | None
    place: str | None  # canonical gazetteer name ("Могилёв")
    place_code: str | None
    place_span: Span | None
    participants: list[Participant]  # organizers first, then the others, in text order
    sentence: Span
    block: str


@dataclass
class ErrorInfo:
    stage: str
    message: str


@dataclass
class DocumentRecord:
    id: str
    source: str | None
    text_length: int
    encoding: str | None = None
    date: str | None = None  # publication date (ISO) the relative dates were resolved against
    date_source: str | None = None  # given | inferred | inferred-year
    ok: bool = True
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    errors: list[ErrorInfo] = field(default_factory=list)
    tokens: list[dict[str, Any]] | None = None  # only when asked for: {start, end, lemma}
    text: str | None = None  # only when asked for

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for optional in ("tokens", "text"):
            if data[optional] is None:
                del data[optional]
        return data


def load_schema() -> dict[str, Any]:
    return json.loads(resources.files("extractor").joinpath("schema.json").read_text("utf-8"))
