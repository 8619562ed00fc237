"""The tables' columns, defined once: each table's column names, pandas dtypes and
descriptions, from which tables.py builds the Arrow (Parquet), DuckDB and JSON Schema types.
The allowed values of closed columns come from records.py."""
from __future__ import annotations

from dataclasses import dataclass

from ..records import (
    CHANGES, DATE_PRECISIONS, DATE_SOURCES, ENTITY_SOURCES, ENTITY_SUBTYPES, ENTITY_TYPES, EVENT_TYPES, FACT_KINDS, ORG_SUBTYPES,
    PARTICIPANT_KINDS, PARTICIPANT_ROLES, QUALIFIERS,
)

LIST_SEPARATOR = "; "  # list cells (regions, positions, participants) joined for flat tables
ROW_GROUP = 20_000  # rows buffered per table before they are written: bounds memory, sizes Parquet row groups


@dataclass(frozen=True)
class ColumnType:
    arrow: str  # pyarrow type alias
    duckdb: str
    json: str  # JSON Schema type
    format: str | None = None  # JSON Schema format of the string


DATE = "date32[day][pyarrow]"  # pandas dtype of a calendar day (pd.ArrowDtype(pa.date32()))

# pandas dtype -> the same type elsewhere
TYPES: dict[str, ColumnType] = {
    "string": ColumnType("string", "VARCHAR", "string"),
    "Int64": ColumnType("int64", "BIGINT", "integer"),
    "Float64": ColumnType("double", "DOUBLE", "number"),
    "boolean": ColumnType("bool", "BOOLEAN", "boolean"),
    DATE: ColumnType("date32[day]", "DATE", "string", "date"),
}


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str  # pandas dtype, a key of TYPES
    description: str
    null: bool = True  # may be empty
    values: tuple[str, ...] | None = None  # the closed set of values, where there is one (from records.py)

    @property
    def type(self) -> ColumnType:
        return TYPES[self.dtype]


def _id(name: str, description: str) -> Column:
    return Column(name, "string", description, null=False)


def _int(name: str, description: str, null: bool = False) -> Column:
    return Column(name, "Int64", description, null=null)


def _closed(name: str, values: tuple[str, ...], description: str = "{}", null: bool = True) -> Column:
    """A column of one of `values` (records.py declares them), listed in the description at "{}"."""
    return Column(name, "string", description.format(" | ".join(values)), null=null, values=values)


DOC = _int("doc", "the document's 1-based position in the run's output: unique within the run, the key every table joins on")
DOC_ID = _id("doc_id", "the document's id (DocumentRecord.id): two documents may share it, `doc` tells them apart")
BLOCK = Column("block", "string", "id of the page block it is in (article-1, meta-1, ...)")
IN_ARTICLE = Column("in_article", "boolean", "false when it comes from a \"Читайте также\" snippet (block related-N)", null=False)

TABLES: dict[str, str] = {
    "documents": "one row per document: where it came from, its date and main region, whether it was read, what was found",
    "entities": "one row per named entity mention (person, organisation, place, position, event, date)",
    "persons": "one row per person, all mentions in a document merged",
    "officials": "one row per official: who holds which position where",
    "facts": "one row per numeric fact: a normalised value, what it measures, when and where",
    "events": "one row per event: what happened, when, where, who held it and who took part",
    "event_participants": "one row per participant of an event",
}

COLUMNS: dict[str, tuple[Column, ...]] = {
    "documents": (
        DOC,
        DOC_ID,
        Column("source", "string", "input file path"),
        _int("text_length", "length of the decoded text, in characters"),
        Column("encoding", "string", "detected input encoding"),
        Column("date", DATE, "publication date; when only the year is known, its January 1 (see date_precision)"),
        _closed("date_precision", DATE_PRECISIONS, "{}: how much of date is known (year: only the year)"),
        _closed("date_source", DATE_SOURCES),
        Column("region", "string", "main region: the federal subject (or, when none is named, the country) the article "
               "mentions most, its officials' regions counted too, ties to the first named; canonical gazetteer name"),
        Column("region_code", "string", "ISO 3166-2 code of the region, or ISO 3166-1 alpha-2 of the country"),
        Column("ok", "boolean", "false when the document could not be read", null=False),
        Column("errors", "string", "'stage: message' of each error, '; '-joined"),
        _int("entities", "number of entity mentions"),
        _int("officials", "number of officials"),
        _int("facts", "number of numeric facts"),
        _int("events", "number of events"),
    ),
    "entities": (
        DOC,
        DOC_ID,
        Column("type", "string", "entity type", null=False, values=ENTITY_TYPES),
        Column("subtype", "string", "LOC: kind of place; ORG: kind of body; EVENT: event type", values=ENTITY_SUBTYPES),
        Column("text", "string", "the mention as written", null=False),
        Column("normal", "string", "normal form in the nominative case"),
        _int("start", "start offset in the decoded text"),
        _int("end", "end offset in the decoded text (exclusive)"),
        BLOCK,
        IN_ARTICLE,
        Column("code", "string", "LOC: ISO 3166-1/3166-2 code; ORG: its country's ISO 3166-1 code"),
        Column("value", "string", "DATE: TIMEX3-style value (2024-09-25, XXXX-04-01)"),
        Column("person", "string", "PER: id of the merged person (persons.id)"),
        _closed("source", ENTITY_SOURCES, "recogniser that found it: {}"),
    ),
    "persons": (
        DOC,
        DOC_ID,
        _id("id", "person id within the document (P1, P2, ...)"),
        Column("name", "string", "fullest normal name seen", null=False),
        _int("mentions", "number of mentions by name"),
        _int("role_mentions", "number of mentions by a role alone (\"губернатор\", \"глава региона\")"),
        _int("pronoun_mentions", "number of sentence-initial pronouns meaning the person"),
        Column("positions", "string", "positions held, '; '-joined"),
        BLOCK,
        IN_ARTICLE,
    ),
    "officials": (
        DOC,
        DOC_ID,
        Column("person", "string", "normal name", null=False),
        Column("person_id", "string", "persons.id"),
        Column("position", "string", "normalised position phrase without its place", null=False),
        Column("organization", "string", "the body the position belongs to"),
        _closed("organization_type", ORG_SUBTYPES, "kind of body: {}"),
        Column("region", "string", "canonical gazetteer name of the region served"),
        Column("region_code", "string", "ISO 3166-2 (or 3166-1) code of the region"),
        Column("city", "string", "the city served, when the post names one (\"мэр Томска\")"),
        Column("country", "string", "the country served"),
        Column("country_code", "string", "ISO 3166-1 alpha-2 code of the country"),
        Column("acting", "boolean", "held for now: \"и.о.\", \"врио\"", null=False), Column("former", "boolean", "held once: \"бывший\", \"экс-\"", null=False),
        Column("period", "string", "when it was held, as the text gives it: \"2012..2015\", \"2014\""),
        _int("position_start", "start offset of the position phrase"),
        _int("position_end", "end offset of the position phrase (exclusive)"),
        Column("position_spans", "string", "'start-end' of every mention of the position, '; '-joined"),
        BLOCK,
        IN_ARTICLE,
        Column("rule", "string", "what linked person and position: a hand rule, \"model\", or \"model+<rule>\""),
    ),
    "facts": (
        DOC,
        DOC_ID,
        _closed("kind", FACT_KINDS, null=False),
        Column("text", "string", "the number as written", null=False),
        _int("start", "start offset in the decoded text"),
        _int("end", "end offset in the decoded text (exclusive)"),
        Column("value", "Float64", "normalised value (in CSV, an integral value as an integer)", null=False),
        Column("unit", "string", "ISO 4217 currency, %, п.п., раз, or the counted noun's lemma"),
        Column("unit_head", "string", "counts and quantities: the unit's head noun ('предприятие' of 'малое предприятие')"),
        _closed("qualifier", QUALIFIERS),
        _closed("change", CHANGES, "{} for a change, empty for a level"),
        Column("indicator", "string", "lemma phrase of what is measured"),
        _int("indicator_start", "where the indicator is named: start offset (a pronoun's antecedent included)", null=True),
        _int("indicator_end", "where the indicator is named: end offset (exclusive)", null=True),
        Column("period", "string", "period it refers to (2023, 2024-H1, 2024-01..2024-08)"),
        Column("period_start", DATE, "first day of the period (2024-01-01 for 2024-H1); empty when it names no stretch of time"),
        Column("period_end", DATE, "last day of the period (2024-06-30 for 2024-H1)"),
        Column("base_period", "string", "what a change or comparison is measured against ('2018' in 'больше, чем в 2018 году')"),
        Column("comparison", "boolean", "true when compared with another territory, average or group (change is then empty)", null=False),
        Column("as_of", DATE, "date of the document (a year alone: its 1 January): places a fact whose period is not stated"),
        Column("regions", "string", "canonical names of the places it concerns, '; '-joined"),
        BLOCK,
        IN_ARTICLE,
        Column("group", "string", "facts of one indicator in one sentence share it"),
        Column("low", "Float64", "lower bound of a range"), Column("high", "Float64", "upper bound of a range"),
        _int("sentence_start", "start offset of its sentence"),
        _int("sentence_end", "end offset of its sentence (exclusive)"),
    ),
    "events": (
        DOC,
        DOC_ID,
        _id("id", "event id within the document (E1, E2, ...)"),
        Column("type", "string", "event type", null=False, values=EVENT_TYPES),
        Column("text", "string", "the event phrase as written", null=False),
        _int("start", "start offset in the decoded text"),
        _int("end", "end offset in the decoded text (exclusive)"),
        Column("normal", "string", "the event phrase in the nominative"),
        Column("date", "string", "TIMEX3-style value, resolved against the document date"),
        Column("date_start", DATE, "first day of the date (a month: its 1st); empty when it names no stretch of time"),
        Column("date_end", DATE, "last day of the date"),
        Column("place", "string", "canonical gazetteer name of where it happened"),
        Column("place_code", "string", "ISO 3166 code of the place"),
        Column("organizers", "string", "names of who held it, '; '-joined (see event_participants)"),
        Column("participants", "string", "names of the other participants, '; '-joined"),
        _int("sentence_start", "start offset of its sentence"),
        _int("sentence_end", "end offset of its sentence (exclusive)"),
        BLOCK,
        IN_ARTICLE,
    ),
    "event_participants": (
        DOC,
        DOC_ID,
        _id("event_id", "events.id"),
        _closed("kind", PARTICIPANT_KINDS, null=False),
        _closed("role", PARTICIPANT_ROLES, null=False),
        Column("name", "string", "normal form", null=False),
        _int("start", "start offset of the mention"),
        _int("end", "end offset of the mention (exclusive)"),
        Column("person_id", "string", "for persons: persons.id"),
        Column("in_article", "boolean", "false when its event comes from a \"Читайте также\" snippet", null=False),
    ),
}
