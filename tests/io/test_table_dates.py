"""The analyst's columns: dates a chart places, integral values written as integers, snippets
marked, the document's main region; the same in pandas, CSV, Parquet and DuckDB."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from extractor.io import tables
from extractor.io.periods import iso_bounds
from extractor.io.tables import COLUMNS, read_table, to_frames, write_tables
from extractor.records import DATE_PRECISIONS, DocumentRecord, Entity, Event, Fact, Participant

BLOCKED = [name for name, columns in COLUMNS.items() if any(c.name == "block" for c in columns)]


def fact(value: float, period: str | None, block: str = "article-1", **kw) -> Fact:
    return Fact("money", "x", 0, 1, value, "RUB", None, None, "товарооборот", None, period, [], (0, 1), block, **kw)


def event(id: str, date: str | None, block: str) -> Event:
    return Event(id, "meeting", "встреча", 0, 7, "встреча", date, None, None, None, None,
                 [Participant("person", "Василий Анохин", (0, 5))], (0, 7), block)


def handmade() -> list[DocumentRecord]:
    day = DocumentRecord(
        id="day", source="a.txt", text_length=10, date="2024-09-25", date_precision="day", region="Смоленская область",
        region_code="RU-SMO",
        entities=[Entity("LOC", "Смоленск", 0, 8, "Смоленск", "article-1", subtype="city"),
                  Entity("LOC", "Брянск", 8, 14, "Брянск", "related-1", subtype="city")],
        facts=[fact(3_170_000_000.0, "2024-H1"), fact(5.5, "XXXX-02", "related-2"), fact(-5.0, None, low=3000.0, high=5000.5),
               fact(1.5e22, "2021..2023")],
        events=[event("E1", "2024-09", "article-1"), event("E2", "XXXX-04-01", "related-1")],
    )
    year = DocumentRecord(id="year", source="b.txt", text_length=0, date="2016", date_precision="year")
    undated = DocumentRecord(id="undated", source=None, text_length=0)
    return [day, year, undated]


def test_dates_are_days_with_their_precision() -> None:
    frames = to_frames(handmade())
    docs = frames["documents"].set_index("doc_id")
    assert str(docs["date"].dtype) == tables.DATE
    assert docs.loc["day", "date"] == dt.date(2024, 9, 25) and docs.loc["year", "date"] == dt.date(2016, 1, 1)
    assert list(docs["date_precision"].fillna("-")) == ["day", "year", "-"] and pd.isna(docs.loc["undated", "date"])
    assert set(docs["date_precision"].dropna()) <= set(DATE_PRECISIONS)
    facts = frames["facts"]
    assert list(zip(facts.period_start, facts.period_end))[:2] == [(dt.date(2024, 1, 1), dt.date(2024, 6, 30)), (pd.NA, pd.NA)]
    assert facts.period_start.iloc[3] == dt.date(2021, 1, 1) and facts.period_end.iloc[3] == dt.date(2023, 12, 31)
    events = frames["events"].set_index("id")
    assert (events.loc["E1", "date_start"], events.loc["E1", "date_end"]) == (dt.date(2024, 9, 1), dt.date(2024, 9, 30))
    assert pd.isna(events.loc["E2", "date_start"])
    assert (docs.loc["day", "region"], docs.loc["day", "region_code"]) == ("Смоленская область", "RU-SMO")


def test_rows_from_snippets_are_marked() -> None:
    frames = to_frames(handmade())
    for name in BLOCKED:
        frame = frames[name]
        assert str(frame["in_article"].dtype) == "boolean" and frame["in_article"].notna().all(), name
        assert list(frame["in_article"]) == [not b.startswith("related-") for b in frame["block"].fillna("")], name
    assert list(frames["event_participants"]["in_article"]) == [True, False]  # its event's block
    assert list(frames["entities"]["in_article"]) == [True, False]


def test_csv_writes_integral_values_as_integers_and_reads_back_the_same(tmp_path: Path) -> None:
    records = handmade()
    csv = write_tables(records, tmp_path / "csv", "csv")
    text = csv["facts"].read_text(encoding="utf-8")
    assert ",3170000000," in text and ",5.5," in text and ",-5," in text and ",3000,5000.5," in text
    assert ".0," not in text and ",1.5e+22," in text  # beyond 2**53 every double is integral: written as Python does
    assert ",2024-01-01,2024-06-30," in text  # days as ISO 8601
    assert "2024-09-25" in csv["documents"].read_text(encoding="utf-8")
    parquet = write_tables(records, tmp_path / "parquet", "parquet")
    expected = to_frames(records)
    for name in COLUMNS:
        pd.testing.assert_frame_equal(read_table(csv[name]), expected[name], check_exact=True, obj=name)
        pd.testing.assert_frame_equal(pd.read_parquet(parquet[name]), expected[name], check_exact=True, obj=name)


def test_duckdb_has_dates_from_csv_and_parquet(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    from extractor.io.database import load_duckdb

    got = {}
    for fmt in ("csv", "parquet"):
        write_tables(handmade(), tmp_path / fmt, fmt)
        load_duckdb(tmp_path / fmt, tmp_path / f"{fmt}.duckdb")
        with duckdb.connect(str(tmp_path / f"{fmt}.duckdb"), read_only=True) as con:
            got[fmt] = (
                con.execute("SELECT doc_id, date, date_precision FROM documents ORDER BY doc").fetchall(),
                con.execute("SELECT value, period_start, period_end, in_article FROM facts ORDER BY start, value").fetchall(),
            )
    assert got["csv"] == got["parquet"]
    documents, facts = got["csv"]
    assert documents == [("day", dt.date(2024, 9, 25), "day"), ("year", dt.date(2016, 1, 1), "year"), ("undated", None, None)]
    assert (3_170_000_000.0, dt.date(2024, 1, 1), dt.date(2024, 6, 30), True) in facts


def test_records_carry_the_same_days(seed) -> None:
    assert seed.date_precision == ("day" if len(seed.date) == 10 else "year")
    assert seed.facts and all((f.period_start, f.period_end) == iso_bounds(f.period) for f in seed.facts)
    assert any(f.period_start for f in seed.facts)
    assert all((e.date_start, e.date_end) == iso_bounds(e.date) for e in seed.events)
    facts = to_frames([seed])["facts"]
    starts = [None if pd.isna(d) else d.isoformat() for d in facts.period_start]
    assert starts == [f.period_start for f in seed.facts]
