"""Flat tables: documented columns and dtypes in pandas, CSV and Parquet; one JSON Schema per table."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import jsonschema
import pandas as pd
import pyarrow.parquet as pq
import pytest

from extractor.io import tables
from extractor.records import DocumentRecord, Entity, ErrorInfo, Event, Fact, Participant, Person
from extractor.io.formats import FORMATS, TABLE_FORMATS
from extractor.schema import record_schema
from extractor.io.tables import COLUMNS, read_table, table_schema, to_frames, write_tables


def documented(name: str) -> list[tuple[str, str]]:
    return [(c.name, c.dtype) for c in COLUMNS[name]]


def dtypes(frame: pd.DataFrame) -> list[tuple[str, str]]:
    return [(c, str(t)) for c, t in frame.dtypes.items()]


def handmade() -> list[DocumentRecord]:
    """Edge cases the seed lacks: events, a failed document, text that CSV must quote, empty strings."""
    text = 'Губернатор провёл встречу в Могилёве, "сказал": 5,5 млн рублей;\nдалее'
    meeting = Event(
        id="E1", type="meeting", text="встречу", start=18, end=25, normal="встреча", date="2024-09-25", date_span=None, place_span=(28, 36),
        place="Могилёв", place_code="BY-MA",
        participants=[
            Participant("person", "Василий Анохин", (0, 10), role="organizer", person_id="P1"),
            Participant("organization", "Правительство Республики Беларусь", (30, 40)),
            Participant("place", "Беларусь", (41, 49)),
        ],
        sentence=(0, 64), block="article-1",
    )
    forum = Event(
        id="E2", type="forum", text="форум", start=66, end=71, normal="форум", date=None, date_span=None, place=None, place_span=None,
        place_code=None, participants=[], sentence=(66, 71), block="article-1",
    )
    ok = DocumentRecord(
        id="edge", source="a, b/\"quoted\".txt", text_length=len(text), date="2024", date_source="inferred-year",
        entities=[
            Entity("PER", "Губернатор", 0, 10, "губернатор", "article-1", person="P1"),
            Entity("EVENT", "встречу", 18, 25, "встреча", "article-1", subtype="meeting"),
            Entity("ORG", 'ООО "Ромашка", филиал\nNA', 26, 50, "", "article-1", subtype="company", code="RU"),
        ],
        persons=[Person("P1", "Василий Анохин", [(0, 10)], ["губернатор", "глава региона"], "article-1")],
        facts=[
            Fact("money", "5,5 млн рублей", 50, 64, 5_500_000.0, "RUB", None, None, None, None, None,
                 ["Смоленская область", "Могилёвская область"], (0, 64), "article-1", low=5.0e6, high=6.0e6),
        ],
        events=[meeting, forum],
    )
    failed = DocumentRecord(id="broken", source="broken.txt", text_length=0, ok=False, errors=[ErrorInfo("read", "binary file")])
    return [ok, failed]


@pytest.fixture(scope="module")
def records(seed) -> list[DocumentRecord]:
    return [seed, *handmade()]


def test_frames_have_the_documented_columns_and_types(seed) -> None:
    frames = to_frames([seed])
    assert set(frames) == set(COLUMNS)
    for name, frame in frames.items():
        assert dtypes(frame) == documented(name), name
    assert len(frames["documents"]) == 1
    assert len(frames["entities"]) == len(seed.entities)
    officials = frames["officials"]
    row = officials[officials.person == "Василий Анохин"].iloc[0]
    assert (row.doc_id, row.position, row.region_code) == ("seed", "губернатор", "RU-SMO")
    # one row per official; every mention of the post in one list cell
    assert len(officials) == len(seed.officials)
    anokhin = next(o for o in seed.officials if o.person == "Василий Анохин")
    assert row.position_spans == "; ".join(f"{a}-{b}" for a, b in anokhin.position_spans)
    assert row.position_spans.startswith(f"{row.position_start}-{row.position_end}")


def test_events_are_a_table_and_their_participants_another() -> None:
    frames = to_frames(handmade())
    docs = frames["documents"].set_index("doc_id")
    assert docs.loc["edge", "events"] == 2 and docs.loc["broken", "events"] == 0
    events = frames["events"].set_index("id")
    assert events.loc["E1", "organizers"] == "Василий Анохин"
    assert events.loc["E1", "participants"] == "Правительство Республики Беларусь; Беларусь"
    assert (events.loc["E1", "sentence_start"], events.loc["E1", "sentence_end"]) == (0, 64)
    assert pd.isna(events.loc["E2", "participants"]) and pd.isna(events.loc["E2", "place"])
    people = frames["event_participants"]
    assert list(people.event_id) == ["E1", "E1", "E1"]
    assert list(people.role) == ["organizer", "participant", "participant"]
    assert (people.iloc[0].person_id, people.iloc[0].start, people.iloc[0].end) == ("P1", 0, 10)


def test_a_failed_document_is_a_row_with_its_errors() -> None:
    row = to_frames(handmade())["documents"].set_index("doc_id").loc["broken"]
    assert not row.ok and row.errors == "read: binary file"
    assert (row.entities, row.officials, row.facts, row.events) == (0, 0, 0, 0)


def test_lists_are_joined_and_empty_strings_are_null() -> None:
    frames = to_frames(handmade())
    assert frames["facts"].regions.iloc[0] == "Смоленская область; Могилёвская область"
    assert frames["persons"].positions.iloc[0] == "губернатор; глава региона"
    org = frames["entities"].set_index("type").loc["ORG"]
    assert pd.isna(org.normal) and (org.subtype, org.code) == ("company", "RU")


@pytest.mark.parametrize("fmt", TABLE_FORMATS)
def test_files_read_back_with_the_documented_types_and_the_same_rows(records, fmt: str, tmp_path: Path) -> None:
    paths = write_tables(records, tmp_path, fmt)
    assert paths == {name: tmp_path / f"{name}.{fmt}" for name in COLUMNS}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths.values())  # no .partial left
    expected = to_frames(records)
    for name, path in paths.items():
        frame = pd.read_parquet(path) if fmt == "parquet" else read_table(path)
        assert dtypes(frame) == documented(name), name
        pd.testing.assert_frame_equal(frame, expected[name], check_exact=True)


def test_csv_and_parquet_hold_the_same_rows(records, tmp_path: Path) -> None:
    csv = write_tables(records, tmp_path / "csv", "csv")
    parquet = write_tables(records, tmp_path / "parquet", "parquet")
    for name in COLUMNS:
        pd.testing.assert_frame_equal(read_table(csv[name]), read_table(parquet[name]), check_exact=True)
    assert len(read_table(csv["entities"])) == len(records[0].entities) + 3


def test_parquet_carries_the_documented_arrow_types(records, tmp_path: Path) -> None:
    for name, path in write_tables(records, tmp_path, "parquet").items():
        schema = pq.read_schema(path)
        assert [(f.name, str(f.type)) for f in schema] == [(c.name, c.type.arrow) for c in COLUMNS[name]], name
        assert [f.nullable for f in schema] == [c.null for c in COLUMNS[name]], name


@pytest.mark.parametrize("fmt", TABLE_FORMATS)
def test_no_records_give_empty_tables_with_their_columns(fmt: str, tmp_path: Path) -> None:
    frames = to_frames([])
    for name, path in write_tables(iter(()), tmp_path, fmt).items():
        assert frames[name].empty and dtypes(frames[name]) == documented(name)
        frame = read_table(path)
        assert frame.empty and dtypes(frame) == documented(name), name


def test_rows_are_written_in_groups_without_changing_the_output(records, tmp_path: Path, monkeypatch) -> None:
    whole = {fmt: write_tables(records, tmp_path / f"whole-{fmt}", fmt) for fmt in TABLE_FORMATS}
    monkeypatch.setattr(tables, "ROW_GROUP", 3)
    grouped = {fmt: write_tables(iter(records), tmp_path / f"grouped-{fmt}", fmt) for fmt in TABLE_FORMATS}
    for name in COLUMNS:
        assert grouped["csv"][name].read_bytes() == whole["csv"][name].read_bytes(), name
        pd.testing.assert_frame_equal(read_table(grouped["parquet"][name]), read_table(whole["parquet"][name]))
    assert pq.ParquetFile(grouped["parquet"]["entities"]).num_row_groups > 1


def test_an_interrupted_write_leaves_no_table_files(tmp_path: Path) -> None:
    def failing():
        yield from handmade()
        raise RuntimeError("stopped")

    for fmt in TABLE_FORMATS:
        with pytest.raises(RuntimeError):
            write_tables(failing(), tmp_path, fmt)
    assert list(tmp_path.iterdir()) == []


def test_every_row_matches_its_table_schema(records) -> None:
    for name, frame in to_frames(records).items():
        schema = table_schema(name)
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        rows = tables.json_rows(frame)
        assert len(rows) == len(frame)
        for row in rows:
            validator.validate(row)
            for c in COLUMNS[name]:  # dates as ISO 8601 days
                if c.dtype == tables.DATE and row[c.name] is not None:
                    assert dt.date.fromisoformat(row[c.name]).isoformat() == row[c.name], (name, c.name)


def test_table_schemas_reject_rows_that_break_the_contract() -> None:
    frame = to_frames(handmade())["events"]
    row = tables.json_rows(frame)[0]
    validator = jsonschema.Draft202012Validator(table_schema("events"))
    assert validator.is_valid(row)
    for broken in ({**row, "start": "18"}, {**row, "type": "party"}, {**row, "id": None}, {**row, "extra": 1}):
        assert not validator.is_valid(broken)
    assert not validator.is_valid({k: v for k, v in row.items() if k != "place"})


def record_properties(table: str) -> dict:
    """The record schema's properties of the object a table flattens."""
    top = record_schema()["properties"]
    if table == "documents":
        return top
    if table == "event_participants":
        return top["events"]["items"]["properties"]["participants"]["items"]["properties"]
    return top[table]["items"]["properties"]


def test_closed_columns_have_the_values_of_the_record_fields_they_copy() -> None:
    """The allowed values are declared once (records.py): a table allows what the record allows."""
    closed = 0
    for name, columns in COLUMNS.items():
        properties = record_properties(name)
        for c in columns:
            enum = properties.get(c.name, {}).get("enum")
            assert c.values == (tuple(v for v in enum if v is not None) if enum else None), (name, c.name)
            closed += bool(enum)
    assert closed == 12


def test_every_table_format_has_a_writer_and_a_suffix() -> None:
    assert set(tables.SINKS) == set(TABLE_FORMATS)
    assert all(FORMATS[fmt].suffix == f".{fmt}" for fmt in TABLE_FORMATS)


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown table format"):
        write_tables([], tmp_path, "xlsx")


def test_one_officials_row_per_official_on_the_sample(pipeline) -> None:
    """The sample's Parquet-ready frames: no two rows for one person in one post (a person
    who held the same title in two regions keeps a row for each), periods as dates, and
    snippet rows marked."""
    from extractor.io.read import read_file

    sample = Path(__file__).resolve().parents[2] / "corpora" / "sample"
    frames = to_frames(pipeline.extract_many([read_file(p) for p in sorted(sample.glob("*.txt"))]))
    officials = frames["officials"]
    assert not officials.duplicated(["doc", "person", "position", "organization", "region"]).any()
    anokhin = officials[officials.person == "Василий Анохин"]
    assert len(anokhin) == 1 and anokhin.region.iloc[0] == "Смоленская область"
    facts = frames["facts"]
    assert str(facts.period_start.dtype).startswith("date32") and facts.in_article.isin([False]).any()
    turnover = facts[facts.text == "$3,17 млрд"].iloc[0]
    assert str(turnover.period_start) == "2023-01-01" and str(turnover.period_end) == "2023-12-31"
