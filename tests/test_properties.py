"""Property-based reliability of the whole pipeline: whatever the text, a valid record.

For arbitrary Unicode, control characters, absurd numbers, mixed scripts and
real Russian sentences spliced with all of these, extraction must not raise,
every span must point into the text, every number must be finite (JSON cannot
carry inf or nan), the record must round-trip through the JSONL writer and
validate against the schema, and the result must not depend on the run or on
the other documents of the batch.

CI runs a small, derandomised number of examples (reproducible, no example
database). To hunt for bugs, run with many random ones:
    PROPERTY_EXAMPLES=3000 .venv/bin/python -m pytest -q tests/test_properties.py
"""
from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.document import Document
from extractor.grammars import dates as G
from extractor.records import DocumentRecord, load_schema
from extractor.io.write import dumps, record_from_dict

ROOT = Path(__file__).resolve().parent.parent
HUNT = int(os.environ.get("PROPERTY_EXAMPLES", "0"))  # > 0: that many random examples per property


def budget(examples: int) -> settings:
    """Derandomised and database-free in CI (a flaky property test is worse than none)."""
    common: dict[str, Any] = {
        "deadline": None,
        "database": None,
        "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    }
    if HUNT:
        return settings(max_examples=HUNT, **common)
    return settings(max_examples=examples, derandomize=True, **common)


# -- the checks -------------------------------------------------------------------


@cache
def validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema())


def _no_constant(name: str) -> None:
    raise AssertionError(f"{name} in the JSON output")


def spans(item: Any, path: str = "record") -> Iterator[tuple[str, tuple[int, int]]]:
    """Every span of a record, by walking it (so a field added later is checked too):
    the start/end of each part and every (start, end) pair, named by their path."""
    if is_dataclass(item):
        if isinstance(getattr(item, "start", None), int):
            yield path, (item.start, item.end)
        for f in fields(item):
            yield from spans(getattr(item, f.name), f"{path}.{f.name}")
    elif isinstance(item, tuple) and len(item) == 2 and all(isinstance(x, int) for x in item):
        yield path, item
    elif isinstance(item, list):
        for k, x in enumerate(item):
            yield from spans(x, f"{path}[{k}]")


def check(text: str, rec: DocumentRecord) -> str:
    """Assert every property of one record; returns its JSON line."""
    assert rec.ok and not rec.errors, rec.errors
    assert rec.text_length == len(text)
    for where, (start, end) in spans(rec):
        assert 0 <= start <= end <= len(text), (where, start, end, len(text))
    for item in [*rec.entities, *rec.facts, *rec.events]:
        assert item.text == text[item.start : item.end], item
    assert not rec.blocks or rec.blocks[0].start == 0
    for before, after in zip(rec.blocks, rec.blocks[1:]):
        assert before.end == after.start, "blocks must tile the text"
    assert not rec.blocks or rec.blocks[-1].end == len(text)
    block_ids = {b.id for b in rec.blocks}
    for item in [*rec.entities, *rec.officials, *rec.facts, *rec.events]:
        assert item.block in block_ids, item
    for f in rec.facts:
        for number in (f.value, f.low, f.high):
            assert number is None or (isinstance(number, float | int) and math.isfinite(number)), f
    line = dumps(rec)
    assert line.splitlines() == [line], "a JSONL record must be one line by every reader's definition"
    data = json.loads(line, parse_constant=_no_constant)
    validator().validate(data)
    assert record_from_dict(data) == rec
    return line


# -- strategies -------------------------------------------------------------------


def _sentences() -> list[str]:
    from razdel import sentenize

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora" / "sample").glob("*.txt"))]
    return [s.text for text in texts for s in sentenize(text) if len(s.text) > 10]


def _words() -> list[str]:
    """Tokens of the sample texts and the words of the rule lexicons (positions, events, indicators …)."""
    from razdel import tokenize

    from extractor.lexicons import read_lexicon, read_table

    lexicons = ["positions.txt", "position_modifiers.txt", "events.txt", "indicators.txt", "role_synonyms.txt"]
    entries = [e for name in lexicons for e in read_lexicon(name)]
    entries += [f"{row['direction']} {row['stem']}" for _, row in read_table("change_words.tsv", ("direction", "stem"), 2)]
    words = {w for e in entries for w in re.split(r"[\s=]+", e) if w.isalpha()}
    return sorted(words | {t.text for s in SENTENCES for t in tokenize(s)})


SENTENCES = _sentences()
WORDS = _words()
CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f", "\x85", "\u2028", "\u2029", "\r", "\r\n", "\x0b", "\x0c"]
ODDITIES = [  # zero-width, bidi, combining, emoji, other scripts and other digits
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u0301", "\u0308", "\u20dd",
    "\u202e", "\u202d", "\u200f", "\u200e", "\u2066", "\u2069",
    "👍🏽", "👨‍👩‍👧", "🇷🇺", "🏳️‍🌈", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "﷽", "مرحبا", "שלום", "Αθήνα", "ΑΒΓ μ", "日本語", "हिन्दी",
    "٣٤٥", "１２３", "²³", "½", "Ⅻ", "𝟏𝟐", "߃", "፲", "〇",
]
NUMBERS = [
    "10^400", "1" * 500, "1,5,6.7.8", "$1e309 млрд", "−0,0 %", "1e309", "-1e-400", "0,000…1", "9" * 400 + " млрд рублей",
    "1.7976931348623157e308 трлн", "12 345 678 901 234 567 890 123 млрд долл.", "½ млн", "²³ %", "٣٤٥ тыс.",
    "на 1 000 000 000 000 000 000 000 % больше", "в 1e400 раз", "от 1e308 до 1e309 рублей", "NaN %", "inf руб.",
    "1 1/2", "3/0", "0/0 %", "−∞", "+-1", "1..2", "1,,2", ".5", "5.", "1 000,", "$", "%", "млрд",
]
UNITS = ["", "%", " %", " процента", " п.п.", " млрд", " млн рублей", " тыс. тонн", " руб.", " долл.", " евро", " раз",
         " человек", " т", " га", " кв. м", "$", " трлн долларов", " млрд $"]
FURNITURE = ["Читайте также", "02.12.2025 18:42", "25 сентября 11:25 Деловые новости", "18:42", "Фото: ТАСС",
             "31.12.9999 23:59", "00.00.0000 00:00", "Другие новости", "Источник:"]
SEPARATORS = ["", " ", "  ", "\n", "\n\n", ". ", ", ", "\t", "\u00a0"]
LOOKALIKES = str.maketrans("аеорсхуАВЕКМНОРСТХ", "aeopcxyABEKMHOPCTX")


def fragment() -> st.SearchStrategy[str]:
    """A real sentence, whole or cut anywhere."""
    cut = st.sampled_from(SENTENCES).flatmap(
        lambda s: st.tuples(st.integers(0, len(s)), st.integers(0, len(s))).map(lambda ij: s[min(ij) : max(ij)])
    )
    return st.one_of(st.sampled_from(SENTENCES), cut)


def homoglyphs() -> st.SearchStrategy[str]:
    """A real sentence with some Cyrillic letters swapped for Latin look-alikes."""

    def swap(sentence: str, mask: list[bool]) -> str:
        return "".join(c.translate(LOOKALIKES) if m else c for c, m in zip(sentence, mask + [False] * len(sentence)))

    return st.tuples(st.sampled_from(SENTENCES), st.lists(st.booleans(), max_size=60)).map(lambda sm: swap(*sm))


def numbers() -> st.SearchStrategy[str]:
    """Digits in absurd sizes and groupings, with signs, exponents and units."""
    digits = st.text("0123456789", min_size=1, max_size=30)
    grouped = st.lists(digits, min_size=1, max_size=6).flatmap(
        lambda groups: st.sampled_from([",", ".", " ", "\u00a0", "\u202f", "'", ""]).map(lambda sep: sep.join(groups))
    )
    signed = st.tuples(
        st.sampled_from(["", "-", "−", "+", "~", "$", "€", "около ", "более ", "на ", "в "]),
        grouped,
        st.sampled_from(["", "e309", "e-400", "E+99", "^400", "×10^308", ",5", ".0"]),
        st.sampled_from(UNITS),
    ).map("".join)
    return st.one_of(st.sampled_from(NUMBERS), signed, st.integers().map(str), st.floats().map(str))


def word(forms: Any) -> st.SearchStrategy[str]:
    return st.sampled_from(sorted(forms))


def dates() -> st.SearchStrategy[str]:
    """Date phrases from the date grammar's own words, with impossible days, months and years."""
    count = st.one_of(st.integers(0, 10**12).map(str), word(G.NUMBER_WORDS))
    absolute = st.tuples(st.integers(0, 99), st.one_of(word(G.MONTHS), st.integers(0, 13).map(str)), st.integers(0, 99999)).flatmap(
        lambda dmy: st.sampled_from(["{0} {1} {2} года", "{0}.{1}.{2}", "{2}-{1}-{0}", "в {2} году", "{0} {1}", "с {0} по {0} {1} {2} г."])
        .map(lambda form: form.format(*dmy))
    )
    relative = st.one_of(
        st.tuples(count, word(G.UNIT_FORMS)).map(lambda nu: f"через {nu[0]} {nu[1]}"),
        st.tuples(count, word(G.UNIT_FORMS)).map(lambda nu: f"{nu[0]} {nu[1]} назад"),
        st.tuples(word(G.RELATIVE_ADJECTIVES), word(G.RELATIVE_NOUNS)).map(lambda an: f"в {an[0]} {an[1]}"),
        st.tuples(word(G.RELATIVE_ADJECTIVES), word(G.WEEKDAYS)).map(lambda aw: f"в {aw[0]} {aw[1]}"),
        word(G.DEICTIC_DAYS), word(G.WEEKDAYS).map("в {}".format),
    )
    return st.one_of(absolute, relative)


def word_salad() -> st.SearchStrategy[str]:
    """Real words and lexicon entries in random order: every rule sees odd neighbours."""
    return st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join)


def junk() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(st.characters(codec="utf-8"), max_size=20),
        st.lists(st.sampled_from(CONTROLS), min_size=1, max_size=5).map("".join),
        st.sampled_from(ODDITIES),
        numbers(),
        dates(),
        homoglyphs(),
        word_salad(),
        st.text("абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИКЛМНОПРСТУФХЧШЭЮЯё0123456789 .,-–—«»()%$№\n", max_size=40),
        st.sampled_from(FURNITURE).map("\n{}\n".format),
    )


def spliced() -> st.SearchStrategy[str]:
    """Russian news text spliced with junk: fragments and junk, joined by odd separators."""
    piece = st.one_of(fragment(), fragment(), junk())
    return st.lists(st.tuples(piece, st.sampled_from(SEPARATORS)), max_size=10).map(
        lambda parts: "".join(p + sep for p, sep in parts)
    )


# -- properties -------------------------------------------------------------------


@budget(60)
@given(st.text(st.characters(codec="utf-8"), max_size=300))
def test_any_unicode_text(pipeline, text: str) -> None:
    check(text, pipeline.extract(text, id="x"))


@budget(40)
@given(st.lists(st.one_of(st.sampled_from(CONTROLS), st.sampled_from("Путин 1,5 млрд руб. в Москве.".split(" ") + [" "])), max_size=60).map("".join))
def test_control_characters(pipeline, text: str) -> None:
    check(text, pipeline.extract(text, id="x"))


@budget(80)
@given(st.sampled_from(SENTENCES), numbers(), numbers())
def test_weird_numbers_in_russian_sentences(pipeline, sentence: str, a: str, b: str) -> None:
    text = f"Экспорт зерна в 2023 году составил {a}, что на {b} больше, чем годом ранее. {sentence}"
    check(text, pipeline.extract(text, id="x"))


@budget(80)
@given(spliced())
def test_russian_text_spliced_with_junk(pipeline, text: str) -> None:
    check(text, pipeline.extract(text, id="x"))


@budget(60)
@given(word_salad())
def test_word_salad(pipeline, text: str) -> None:
    check(text, pipeline.extract(text, id="x"))


@budget(40)
@given(spliced(), st.one_of(st.none(), st.sampled_from([dt.date.min, dt.date.max]), st.dates()))
def test_any_document_date(pipeline, text: str, date: dt.date | None) -> None:
    check(text, pipeline.extract(text, id="x", date=date))


@budget(15)
@given(spliced())
def test_extraction_is_deterministic(pipeline, text: str) -> None:
    assert dumps(pipeline.extract(text, id="x")) == dumps(pipeline.extract(text, id="x"))


@budget(15)
@given(spliced(), spliced())
def test_a_record_does_not_depend_on_its_batch(pipeline, a: str, b: str) -> None:
    together = list(pipeline.extract_many([Document(id="a", text=a), Document(id="b", text=b)]))
    alone = [pipeline.extract(a, id="a"), pipeline.extract(b, id="b")]
    assert [dumps(r) for r in together] == [dumps(r) for r in alone]


LONG = 100_000


@pytest.mark.parametrize(
    "text",
    [
        "а" * LONG,
        "1" * LONG,
        "1,5" * (LONG // 3),
        "Путин" + "x" * LONG + " посетил Москву. Экспорт вырос на 5%.",
        "Экспорт вырос на " + "9" * LONG + " млрд рублей.",
        "\u200b" * LONG,
        "5% " * (LONG // 3),  # one "sentence" of 33,000 numbers: facts read each in a window, not all of it
    ],
    ids=["letters", "digits", "grouped-digits", "word", "number", "zero-width", "numbers-in-one-sentence"],
)
def test_very_long_lines(pipeline, text: str) -> None:
    check(text, pipeline.extract(text, id="x"))


# -- regressions: minimal examples the properties found -------------------------------


def test_a_letter_without_a_unicode_name_is_an_unknown_word(pipeline) -> None:
    # pymorphy3 asked unicodedata.name() of every letter; Tangut ideographs have none (ValueError)
    check("𘚶\x11Ò/", pipeline.extract("𘚶\x11Ò/", id="x"))


def test_a_jsonl_record_is_one_line_whatever_breaks_its_text_holds(pipeline) -> None:
    # json.dumps(ensure_ascii=False) left U+0085/U+2028/U+2029 raw: str.splitlines() cut the record
    check("0\x85J", pipeline.extract("0\x85J", id="x"))  # an ORG entity "0\x85J"
    record = DocumentRecord(id="a\x85b\u2028c\u2029d", source=None, text_length=0)
    line = dumps(record)
    assert line.splitlines() == [line] and record_from_dict(json.loads(line)) == record


@pytest.mark.parametrize("date", [dt.date.min, dt.date.max])
def test_relative_dates_at_the_ends_of_the_calendar(pipeline, date: dt.date) -> None:
    # "завтра" on 9999-12-31 raised OverflowError: the whole document was lost
    text = "Вчера, сегодня и завтра. Через неделю, в эти выходные, в прошлую пятницу, 3 года назад, в прошлом месяце."
    rec = pipeline.extract(text, id="x", date=date)
    check(text, rec)
    assert all(not e.value.startswith(("0000", "-", "10000")) for e in rec.entities if e.type == "DATE")
