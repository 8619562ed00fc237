"""DuckDB: the tables load with the documented types, and a second load replaces the first."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from extractor.run.cli import main
from extractor.io.database import load_duckdb
from extractor.records import DocumentRecord, ErrorInfo, Event, Participant
from extractor.io.formats import TABLE_FORMATS
from extractor.io.tables import COLUMNS, TABLES, to_frames, write_tables


def with_event() -> DocumentRecord:
    event = Event(
        id="E1", type="session", text="сессии", start=3, end=9, normal="сессия", date=None, date_span=None, place="Минск", place_span=None,
        place_code="BY-HM", participants=[Participant("organization", 'Совет "Союза", Минск\nNA', (12, 30), role="organizer")],
        sentence=(0, 40), block="article-1",
    )
    return DocumentRecord(id="event's", source="it's.txt", text_length=40, events=[event])


@pytest.fixture(scope="module")
def records(seed) -> list[DocumentRecord]:
    failed = DocumentRecord(id="broken", source=None, text_length=0, ok=False, errors=[ErrorInfo("read", "binary")])
    return [seed, with_event(), failed]


@pytest.fixture(scope="module")
def folders(records, tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("tables")
    return {fmt: write_tables(records, root / fmt, fmt)["documents"].parent for fmt in TABLE_FORMATS}


def query(database: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.mark.parametrize("fmt", TABLE_FORMATS)
def test_loading_twice_replaces_and_keeps_the_documented_types(records, folders, fmt: str, tmp_path: Path) -> None:
    database = tmp_path / "out" / "tables.duckdb"
    counts = load_duckdb(folders[fmt], database)
    assert counts == {name: len(frame) for name, frame in to_frames(records).items()}
    seed = records[0]
    assert counts["documents"] == 3 and counts["events"] == len(seed.events) + 1
    assert counts["event_participants"] == sum(len(e.participants) for e in seed.events) + 1
    assert load_duckdb(folders[fmt], database) == counts
    assert query(database, "SELECT count(*) FROM duckdb_tables()") == [(len(COLUMNS),)]
    for name, columns in COLUMNS.items():
        described = [(row[0], row[1], row[2]) for row in query(database, f'DESCRIBE "{name}"')]
        assert described == [(c.name, c.type.duckdb, "YES" if c.null else "NO") for c in columns], name


def test_csv_and_parquet_load_the_same_rows(folders, tmp_path: Path) -> None:
    databases = {fmt: tmp_path / f"{fmt}.duckdb" for fmt in TABLE_FORMATS}
    for fmt, database in databases.items():
        load_duckdb(folders[fmt], database)
    for name in COLUMNS:
        order = ", ".join(f'"{c.name}"' for c in COLUMNS[name])
        sql = f'SELECT * FROM "{name}" ORDER BY {order}'
        assert query(databases["csv"], sql) == query(databases["parquet"], sql), name
    organizer = query(databases["csv"], "SELECT name, role FROM event_participants WHERE doc_id = 'event''s'")
    assert organizer == [('Совет "Союза", Минск\nNA', "organizer")]


def test_tables_and_columns_carry_their_descriptions(folders, tmp_path: Path) -> None:
    database = tmp_path / "db.duckdb"
    load_duckdb(folders["parquet"], database)
    assert dict(query(database, "SELECT table_name, comment FROM duckdb_tables()")) == TABLES
    comments = query(database, "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = 'facts'")
    assert comments == [(c.name, c.description) for c in COLUMNS["facts"]]


def test_a_missing_table_changes_nothing(folders, tmp_path: Path) -> None:
    database = tmp_path / "db.duckdb"
    counts = load_duckdb(folders["parquet"], database)
    partial = tmp_path / "partial"
    partial.mkdir()
    (partial / "documents.csv").write_bytes((folders["csv"] / "documents.csv").read_bytes())
    with pytest.raises(FileNotFoundError, match="entities"):
        load_duckdb(partial, database)
    assert load_duckdb(folders["parquet"], database) == counts


def test_cli_loads_a_database_and_prints_table_schemas(folders, tmp_path: Path, capsys) -> None:
    database = tmp_path / "cli.duckdb"
    assert main(["duckdb", str(folders["csv"]), "-o", str(database)]) == 0
    assert query(database, "SELECT count(*) FROM documents") == [(3,)]
    assert "3 documents" in capsys.readouterr().err
    assert main(["schema", "--table", "events"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "events" and list(schema["properties"]) == [c.name for c in COLUMNS["events"]]
    assert main(["schema", "--table", "nonsense"]) == 2
    assert "documents" in capsys.readouterr().err
