"""The record schema: generated from records.py, shipped up to date, and what real records match."""
from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from extractor import records, schema
from extractor.integrations import highlight
from extractor.io.write import dumps
from extractor.records import DocumentRecord, load_schema


def test_the_shipped_schema_is_the_generated_one() -> None:
    """Like a data-integrity test: edit records.py, then run `python -m extractor.schema`."""
    assert schema.SHIPPED.read_text(encoding="utf-8") == schema.dumps(schema.record_schema()), \
        "extractor/schema.json is stale: run python -m extractor.schema"
    assert load_schema() == schema.record_schema()


def test_the_check_command_agrees(capsys) -> None:
    assert schema.main(["--check"]) == 0
    assert "up to date" in capsys.readouterr().err


def objects(node: Any, path: str = "record") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield path, node
        for key, value in node.items():
            yield from objects(value, f"{path}.{key}")
    elif isinstance(node, list):
        for value in node:
            yield from objects(value, path)


def test_every_object_is_closed_and_requires_its_fields() -> None:
    generated = schema.record_schema()
    jsonschema.Draft202012Validator.check_schema(generated)
    found = list(objects(generated))
    assert len(found) == 10  # the record, its 8 kinds of part, a token
    for path, node in found:
        assert node["additionalProperties"] is False, path
        optional = {"tokens", "text"} if path == "record" else set()
        assert set(node["required"]) == set(node["properties"]) - optional, path


def test_every_field_of_a_record_class_is_in_the_schema() -> None:
    properties = schema.record_schema()["properties"]
    assert list(properties) == [f.name for f in dataclasses.fields(DocumentRecord)]
    assert list(properties["facts"]["items"]["properties"]) == [f.name for f in dataclasses.fields(records.Fact)]


def test_the_allowed_values_are_the_constants_of_records() -> None:
    top = schema.record_schema()["properties"]
    item = {name: top[name]["items"]["properties"] for name in ("blocks", "entities", "facts", "events")}
    participant = item["events"]["participants"]["items"]["properties"]
    assert item["entities"]["type"]["enum"] == list(records.ENTITY_TYPES)
    assert item["entities"]["subtype"]["enum"] == [*records.ENTITY_SUBTYPES, None]
    assert set(records.ENTITY_SUBTYPES) == {*records.LOC_SUBTYPES, *records.ORG_SUBTYPES, *records.EVENT_TYPES}
    assert item["entities"]["source"]["enum"] == list(records.ENTITY_SOURCES)
    assert item["blocks"]["kind"]["enum"] == list(records.BLOCK_KINDS)
    assert top["date_source"]["enum"] == [*records.DATE_SOURCES, None]
    assert top["date_precision"]["enum"] == [*records.DATE_PRECISIONS, None]
    assert item["facts"]["kind"]["enum"] == list(records.FACT_KINDS)
    assert item["facts"]["qualifier"]["enum"] == [*records.QUALIFIERS, None]
    assert item["facts"]["change"]["enum"] == [*records.CHANGES, None]
    assert item["events"]["type"]["enum"] == list(records.EVENT_TYPES)
    assert participant["kind"]["enum"] == list(records.PARTICIPANT_KINDS)
    assert participant["role"]["enum"] == list(records.PARTICIPANT_ROLES)


def test_the_lexicons_produce_only_allowed_values() -> None:
    """Stages keep their own lexicons; what they map to must be a value the schema allows."""
    from extractor.entities.events import EventLexicon
    from extractor.entities.locations import SUBTYPE_WORDS
    from extractor.facts import recognize
    from extractor.grammars.qualifiers import QUALIFIERS

    assert set(EventLexicon.load().types.values()) <= set(records.EVENT_TYPES)
    assert set(SUBTYPE_WORDS.values()) <= set(records.LOC_SUBTYPES)
    assert set(QUALIFIERS.values()) <= set(records.QUALIFIERS)
    assert recognize.KINDS == records.FACT_KINDS
    assert set(highlight.QUALIFIERS) == set(records.QUALIFIERS)
    assert set(highlight.CHANGES) == set(records.CHANGES)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_schema())


def as_json(record: DocumentRecord) -> dict[str, Any]:
    return json.loads(dumps(record))


def test_real_records_match_the_schema(pipeline, seed, seed_text, validator) -> None:
    validator.validate(as_json(seed))
    assert seed.facts and seed.events and seed.officials  # every part of a record is exercised
    everything = dataclasses.replace(pipeline, with_tokens=True, with_text=True)
    rich = everything.extract(seed_text, id="seed")
    assert rich.tokens and rich.text == seed_text
    validator.validate(as_json(rich))
    validator.validate(as_json(DocumentRecord(id="broken", source=None, text_length=0, ok=False,
                                              errors=[records.ErrorInfo("read", "binary")])))


def broken(record: dict[str, Any], change) -> dict[str, Any]:
    record = copy.deepcopy(record)
    change(record)
    return record


BREAKS = {
    "unknown fact kind": lambda r: r["facts"][0].update(kind="weight"),
    "unknown qualifier": lambda r: r["facts"][0].update(qualifier="roughly"),
    "value as a string": lambda r: r["facts"][0].update(value="5"),
    "span of three": lambda r: r["facts"][0].update(sentence=[0, 1, 2]),
    "missing field": lambda r: r["facts"][0].pop("group"),
    "negative offset": lambda r: r["entities"][0].update(start=-1),
    "unknown subtype": lambda r: r["entities"][0].update(subtype="planet"),
    "extra field": lambda r: r["entities"][0].update(extra=1),
    "official without country": lambda r: r["officials"][0].pop("country"),
    "span of one": lambda r: r["events"][0].update(date_span=[1]),
    "unknown role": lambda r: r["events"][0]["participants"][0].update(role="guest"),
    "unknown block kind": lambda r: r["blocks"][0].update(kind="sidebar"),
    "unknown date source": lambda r: r.update(date_source="guessed"),
    "null tokens": lambda r: r.update(tokens=None),
    "null text": lambda r: r.update(text=None),
    "token without lemma": lambda r: r.update(tokens=[{"start": 0, "end": 1}]),
    "no errors list": lambda r: r.pop("errors"),
}


@pytest.mark.parametrize("change", BREAKS.values(), ids=BREAKS.keys())
def test_the_schema_rejects_what_breaks_the_contract(seed, validator, change) -> None:
    record = as_json(seed)
    assert validator.is_valid(record)
    assert not validator.is_valid(broken(record, change))


def test_a_type_without_a_schema_is_refused() -> None:
    @dataclasses.dataclass
    class Odd:
        when: dict[str, int]

    with pytest.raises(TypeError, match="no JSON Schema"):
        schema._object(Odd)
