"""The JSON line of a record (io/write.py): orjson's fast way gives exactly the bytes of
`json.dumps(record.to_dict(), ensure_ascii=False)`, and falls back to it wherever orjson would differ."""
from __future__ import annotations

import dataclasses
import json
import typing

import pytest

from extractor import records
from extractor.io import write
from extractor.records import DocumentRecord, Entity, Fact, Official

BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def reference(record: DocumentRecord) -> str:
    """What the extractor wrote before orjson: the standard library alone."""
    return json.dumps(record.to_dict(), ensure_ascii=False).translate(BREAKS)


def fact(value, low=None, high=None, text="3,17 млрд") -> Fact:
    return Fact(kind="money", text=text, start=0, end=len(text), value=value, unit="RUB", qualifier=None, change=None,
                indicator="товарооборот", indicator_span=(10, 22), period="2024", regions=["Смоленская область"],
                sentence=(0, 40), block="article-1", low=low, high=high)


def record(*facts: Fact, **fields) -> DocumentRecord:
    entity = Entity(type="LOC", text="Смоленской области", start=5, end=23, normal="Смоленская область", block="article-1",
                    subtype="region", code="RU-SMO")
    official = Official(person="Василий Анохин", person_id="P1", position="губернатор", organization=None, region="Смоленская область",
                        region_code="RU-SMO", person_spans=[(30, 44)], position_span=(0, 10), block="article-1", rule="position_then_name")
    given = {"id": "d", "source": "d.txt", "text_length": 40, "date": "2024-09-25", "date_source": "given", "date_precision": "day", **fields}
    return DocumentRecord(**given, entities=[entity], officials=[official], facts=list(facts), sentences=[(0, 40)])


TRICKY = [1e16, 0.1 + 0.2, 3170000000.0, 3170000000, -0.0, 1e-7, 5e-324, 1.7976931348623157e308, 2**53 + 1, 123456789.123456789,
          2**63, 2**64 - 1, -2**63]  # orjson reads back every int it writes


@pytest.mark.parametrize("value", TRICKY)
def test_tricky_numbers_are_written_as_json_writes_them(value) -> None:
    rec = record(fact(value, low=-value if isinstance(value, float) else value, high=value))
    assert write._plain(rec) is not None  # the fast way, not the fallback
    assert write.dumps(rec) == reference(rec)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_nan_and_infinities_fall_back_to_json(value) -> None:
    """orjson writes null for them, json NaN/Infinity: the slow way keeps json's bytes."""
    for rec in (record(fact(value)), record(fact(1.0, low=value)), record(fact(1.0, high=value))):
        assert write._plain(rec) is None
        assert write.dumps(rec) == reference(rec) and ("NaN" in reference(rec) or "Infinity" in reference(rec))


@pytest.mark.parametrize("fields", [
    {"text": "лишний \ud800 суррогат"},          # orjson refuses a lone surrogate
    {"tokens": [{1: "ключ не строка"}]},          # and a key that is not a string
    {"text_length": 2**70},                       # and an int over 64 bits
])
def test_what_orjson_refuses_is_written_by_json(fields) -> None:
    rec = record(fact(1.0), **fields)
    assert write._plain(rec) is None
    assert write.dumps(rec) == reference(rec)


def test_text_escapes_omitted_fields_and_line_breaks_match() -> None:
    text = 'Он сказал: "да",\tи\\нет\x00\x1f\x7f «ёлка» 😀\x85\u2028\u2029 конец'
    for rec in (record(fact(2.5), text=text, tokens=[{"start": 0, "end": 2, "lemma": "он"}]), record(fact(2.5))):
        assert write._plain(rec) is not None
        line = write.dumps(rec)
        assert line == reference(rec) and len(line.splitlines()) == 1
    assert "text" not in json.loads(write.dumps(record())) and "tokens" not in json.loads(write.dumps(record()))


def test_without_orjson_the_bytes_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    rec = record(*(fact(v) for v in TRICKY), text="текст\u2028")
    fast = write.dumps(rec)
    monkeypatch.setattr(write, "orjson", None)
    assert write.dumps(rec) == fast == reference(rec)


def test_the_pipelines_records_are_written_byte_for_byte(pipeline) -> None:
    texts = ["Губернатор Смоленской области Василий Анохин сообщил, что товарооборот вырос на 12,5% и достиг $3,17 млрд.",
             "В 2023 году экспорт составил 1,5 трлн рублей, а в первом полугодии 2024 года — 0,3 трлн."]
    for rec in pipeline.extract_many(texts):
        assert write._plain(rec) is not None and write.dumps(rec) == reference(rec)


def _floats(cls: type, seen: set[type]) -> set[tuple[str, str]]:
    """(class, field) of every float in a record dataclass and the dataclasses it holds."""
    out: set[tuple[str, str]] = set()
    seen.add(cls)
    for name, hint in typing.get_type_hints(cls, vars(records)).items():
        for part in _parts(hint):
            if part is float:
                out.add((cls.__name__, name))
            elif dataclasses.is_dataclass(part) and part not in seen:
                out |= _floats(part, seen)
    return out


def _parts(hint) -> list:
    args = typing.get_args(hint)
    if typing.get_origin(hint) is typing.Annotated:
        return _parts(args[0])
    return [hint] if not args else [p for arg in args for p in _parts(arg)]


def test_the_checked_float_fields_are_every_float_of_a_record() -> None:
    """The NaN check (write.FLOAT_FIELDS, on facts) must see every float a record can hold."""
    assert _floats(DocumentRecord, set()) == {("Fact", name) for name in write.FLOAT_FIELDS}
