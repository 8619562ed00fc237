"""Typed output records: the contract that notebooks and dashboards rely on.

Every record is a plain dataclass; `to_dict` gives the JSON object described by
`schema.json` (shipped in the package, printed by `cli.py schema`), which
`extractor/schema.py` generates from these classes: the annotations give the
types (a Literal: the allowed values), a string in `Annotated[...]` a field's
description, a class docstring its object's. All `start`/`end` are Python string
offsets, end exclusive, into the text exactly as decoded from the input:
`text == original[start:end]`.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from importlib import resources
from typing import Annotated, Any, Literal, TypedDict, get_args

Span = Annotated[tuple[int, int], "[start, end): Python string offsets, end exclusive"]

# The allowed values, each declared once: the Literal types the fields, the tuple is for
# code that checks or lists them (lexicons, tables, tests).
EntityType = Literal["PER", "ORG", "LOC", "POSITION", "EVENT", "DATE"]
LocSubtype = Literal["country", "region", "city", "district", "other"]
# ORG subtypes: what kind of body it is, from its head word or a known name
OrgSubtype = Literal["government", "legislature", "court", "party", "company", "bank", "sports", "education",
                     "science", "media", "military", "international", "religious", "public", "culture", "other"]
EventType = Literal["meeting", "session", "forum", "visit", "talks", "signing", "opening", "competition",
                    "election", "appointment", "incident", "legal", "culture", "protest", "other"]
EntitySource = Literal["ner", "gazetteer", "rules"]
BlockKind = Literal["article", "meta", "credits", "related", "furniture"]
DateSource = Literal["given", "inferred", "inferred-year"]
DatePrecision = Literal["day", "year"]  # of a document's date: YYYY-MM-DD, or YYYY alone
FactKind = Literal["money", "percent", "count", "quantity", "ratio"]
Qualifier = Literal["approx", "more_than", "less_than", "at_least", "up_to"]
Change = Literal["increase", "decrease"]
ParticipantKind = Literal["person", "organization", "place"]
ParticipantRole = Literal["organizer", "participant"]
EntitySubtype = LocSubtype | OrgSubtype | EventType  # LOC, ORG and EVENT subtypes, in one field

ENTITY_TYPES: tuple[str, ...] = get_args(EntityType)
LOC_SUBTYPES: tuple[str, ...] = get_args(LocSubtype)
ORG_SUBTYPES: tuple[str, ...] = get_args(OrgSubtype)
EVENT_TYPES: tuple[str, ...] = get_args(EventType)
ENTITY_SUBTYPES: tuple[str, ...] = tuple(dict.fromkeys(LOC_SUBTYPES + ORG_SUBTYPES + EVENT_TYPES))  # of any type
ENTITY_SOURCES: tuple[str, ...] = get_args(EntitySource)
BLOCK_KINDS: tuple[str, ...] = get_args(BlockKind)
DATE_SOURCES: tuple[str, ...] = get_args(DateSource)
DATE_PRECISIONS: tuple[str, ...] = get_args(DatePrecision)
FACT_KINDS: tuple[str, ...] = get_args(FactKind)
QUALIFIERS: tuple[str, ...] = get_args(Qualifier)
CHANGES: tuple[str, ...] = get_args(Change)
PARTICIPANT_KINDS: tuple[str, ...] = get_args(ParticipantKind)
PARTICIPANT_ROLES: tuple[str, ...] = get_args(ParticipantRole)

# field metadata: the key is left out of the JSON object when the value is None (not null)
OMIT_NONE = {"omit_none": True}


@dataclass
class Block:
    """A contiguous part of the page: the article or its furniture."""

    id: Annotated[str, '"article-1", "meta-1", "credits-1", "related-3", "furniture-1"']
    kind: BlockKind
    start: int
    end: int


@dataclass
class Entity:
    """A named entity mention: a person, organisation, place, position, event or date."""

    type: EntityType
    text: str
    start: int
    end: int
    normal: Annotated[
        str, "normal form in the nominative case; canonical gazetteer name for known places; TIMEX3 value for dates"
    ]
    block: Annotated[str, "id of the block it came from"]
    subtype: Annotated[
        EntitySubtype | None, "LOC: country | region | city | district | other; ORG: the kind of body; EVENT: the event type"
    ] = None
    code: Annotated[
        str | None,
        "LOC: ISO 3166-1 alpha-2 (countries) or ISO 3166-2 (Russian regions); ORG: ISO 3166-1 alpha-2 of its country when known",
    ] = None
    value: Annotated[str | None, "DATE: TIMEX3-style value, e.g. 2017-05-09, 2017-05, 2015, XXXX-04-01"] = None
    person: Annotated[
        str | None, 'PER, and a POSITION linked to someone: id of the merged person in persons ("P1")'
    ] = None
    source: Annotated[EntitySource, "which recogniser found it"] = "ner"


@dataclass
class Person:
    """One person per document, all mentions merged."""

    id: Annotated[str, "P1, P2 … within the document"]
    name: Annotated[str, 'fullest normal name seen ("Василий Анохин")']
    mentions: list[Span] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)
    block: str = ""
    role_mentions: Annotated[
        list[Span], 'role-only mentions ("губернатор", "глава региона") that refer to this person'
    ] = field(default_factory=list)
    pronoun_mentions: Annotated[
        list[Span], "sentence-initial personal pronouns that refer to this person"
    ] = field(default_factory=list)
    occupation_spans: Annotated[
        list[Span], 'mentions of a profession or plain job linked to this person ("писатель", "предприниматель"): no post, so no official'
    ] = field(default_factory=list)


@dataclass
class Official:
    """Who holds which position where."""

    person: Annotated[str, "normal name"]
    person_id: str
    position: Annotated[str, 'normalised position phrase without its place ("губернатор")']
    organization: str | None
    region: Annotated[str | None, 'canonical gazetteer name ("Смоленская область")']
    region_code: str | None
    person_spans: list[Span]
    position_span: Span  # the first of position_spans: what readers of one span use
    block: str
    rule: Annotated[
        str, 'what linked them: a hand rule (position_then_name, …), "model" (the trained linker alone) or "model+<rule>" (both)'
    ]
    country: Annotated[str | None, 'the country served ("Россия"), from the region, the body or the text'] = None
    country_code: Annotated[str | None, "ISO 3166-1 alpha-2"] = None
    position_spans: Annotated[
        list[Span], "every mention of the position linked to the person, in text order: one record per person and post"
    ] = field(default_factory=list)
    city: Annotated[str | None, 'the city served, when the post names one ("мэр Томска": Томск; region then Томская область)'] = None
    organization_type: Annotated[
        OrgSubtype | None, "the kind of body of the organization (government, legislature, court, company …), or null"
    ] = None
    acting: Annotated[bool, '"и.о.", "врио", "исполняющий обязанности": the post held for now (position without it)'] = False
    former: Annotated[bool, '"бывший", "экс-", "был министром": a post held once (position without it)'] = False
    period: Annotated[str | None, 'when the post was held, as the text gives it: "2012..2015", "2014"'] = None

    def __post_init__(self) -> None:
        # spans as tuples (a record read back from JSON has lists); a record written before
        # the field existed has its one position
        self.position_spans = [(s[0], s[1]) for s in self.position_spans] or (
            [self.position_span] if self.position_span is not None else []
        )


@dataclass
class Fact:
    """A numeric fact: a normalised value, what it measures, when and where."""

    kind: FactKind
    text: str
    start: int
    end: int
    value: Annotated[float, "fully normalised: '$3,17 млрд' -> 3170000000"]
    unit: Annotated[str | None, "ISO 4217 code, '%', 'п.п.', 'раз', or the lemma of the counted noun / measure unit"]
    qualifier: Qualifier | None
    change: Annotated[Change | None, "set when the number is a change (вырос на), null for a level"]
    indicator: Annotated[str | None, "lemma phrase of what is measured: 'товарооборот', 'экспорт семян льна'"]
    indicator_span: Annotated[Span | None, "where the indicator is named (a pronoun's antecedent included)"]
    period: Annotated[
        str | None, "'2023', '2024-H1', '2024-Q3', '2024-01..2024-08', '2021..2023': stated in its sentence or above it, else null"
    ]
    regions: Annotated[list[str], "canonical gazetteer names of the places it concerns"]
    sentence: Span
    block: str
    group: Annotated[str | None, "facts sharing one indicator mention (a level and its change)"] = None
    low: Annotated[float | None, 'ranges ("от 3 до 5 тыс. рублей"): the lower bound'] = None
    high: Annotated[float | None, "ranges: the upper bound"] = None
    period_start: Annotated[
        str | None, "first day of the period (ISO 8601, '2024-01-01' for '2024-H1'), null when it names no stretch of time"
    ] = None
    period_end: Annotated[str | None, "last day of the period (ISO 8601, '2024-06-30' for '2024-H1'), or null"] = None
    as_of: Annotated[
        str | None, "date of the document it comes from (YYYY-MM-DD, or YYYY): places a fact whose period is not stated"
    ] = None
    base_period: Annotated[
        str | None, "what a change or comparison is measured against ('2018' in 'на 4,1 % больше, чем в 2018 году'), as period"
    ] = None
    comparison: Annotated[
        bool, "compared with another territory, average or group ('в 30 раз выше средней зарплаты'): change is then null"
    ] = False
    unit_head: Annotated[str | None, "counts and quantities: the head noun of the unit ('малое предприятие' -> 'предприятие'), else null"] = None


@dataclass
class Participant:
    """Who or what takes part in an event: a person, an organisation or a country."""

    kind: ParticipantKind
    name: Annotated[str, 'normal form ("Вячеслав Володин", "Государственная дума")']
    span: Span
    role: ParticipantRole = "participant"
    person_id: Annotated[str | None, 'merged person id for persons ("P1")'] = None


@dataclass
class Event:
    """Something that happened: a meeting, session, forum, visit, competition …"""

    id: Annotated[str, "E1, E2 … in text order"]
    type: EventType
    text: str
    start: int
    end: int
    normal: Annotated[str, 'the event phrase in the nominative ("заседание Совета Парламентского собрания")']
    date: Annotated[str | None, "TIMEX3-style value resolved against the document date"]
    date_span: Annotated[Span | None, "where it is named, or null"]
    place: Annotated[str | None, 'canonical gazetteer name ("Могилёв")']
    place_code: Annotated[str | None, "ISO 3166 code of the place"]
    place_span: Annotated[Span | None, "where it is named, or null"]
    participants: Annotated[list[Participant], "organizers first, then the others, in text order"]
    sentence: Span
    block: str
    date_start: Annotated[str | None, "first day of the date (ISO 8601), null when it names no stretch of time"] = None
    date_end: Annotated[str | None, "last day of the date (ISO 8601), or null"] = None


@dataclass
class ErrorInfo:
    """Why a stage failed on the document."""

    stage: str
    message: str


class Token(TypedDict):
    """A token with its lemma (only when asked for)."""

    start: int
    end: int
    lemma: str


@dataclass
class DocumentRecord:
    """One extracted document. All start/end are Python string offsets (end exclusive) into the text
    exactly as decoded from the input: text == original[start:end]."""

    id: Annotated[str, "for a file: its name without extension"]
    source: Annotated[str | None, "path of the input file"]
    text_length: int
    encoding: Annotated[str | None, "detected encoding: utf-8, utf-8-sig, cp1251, koi8_r"] = None
    date: Annotated[
        str | None, "publication date (YYYY-MM-DD, or YYYY when only the year is known) relative dates were resolved against"
    ] = None
    date_source: Annotated[DateSource | None, "given by the caller, or inferred from the article's own dates"] = None
    date_precision: Annotated[DatePrecision | None, "day: date is YYYY-MM-DD; year: only the year is known"] = None
    region: Annotated[
        str | None,
        "the document's main region: the federal subject (or, when none is named, the country) its article mentions most"
        ", its officials' regions counted too; canonical gazetteer name",
    ] = None
    region_code: Annotated[str | None, "ISO 3166-2 code of the region, or ISO 3166-1 alpha-2 of the country"] = None
    ok: Annotated[bool, "false when the document failed; errors says why"] = True
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    facts: Annotated[list[Fact], "numeric facts"] = field(default_factory=list)
    events: Annotated[
        list[Event], "events: meetings, sessions, forums, visits, competitions …, with place, date and participants"
    ] = field(default_factory=list)
    errors: list[ErrorInfo] = field(default_factory=list)
    tokens: Annotated[list[Token] | None, "only with --tokens"] = field(default=None, metadata=OMIT_NONE)
    text: Annotated[
        str | None, "only with --text: the decoded text the offsets refer to"
    ] = field(default=None, metadata=OMIT_NONE)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for f in fields(self):
            if f.metadata.get("omit_none") and data[f.name] is None:
                del data[f.name]
        return data


def load_schema() -> dict[str, Any]:
    """The shipped JSON Schema of a record (`extractor.schema.record_schema()` generates it)."""
    return json.loads(resources.files("extractor").joinpath("schema.json").read_text("utf-8"))
