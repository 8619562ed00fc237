"""DuckDB: the flat tables in one database file, for Superset, Metabase or Grafana to point at.

    load_duckdb(Path("tables"), Path("facts.duckdb"))   # {"documents": 40, "entities": ...}

Each table of `tables.COLUMNS` is created (or replaced: a rerun does not duplicate rows)
from its Parquet file, or its CSV file when there is no Parquet, with the documented
column types, NOT NULL where a column is never empty, and the descriptions as comments
(`COMMENT ON`), all in one transaction. A CSV string cell guarded against formula
injection (`tables.csv_cells`) is loaded as its value, without the guard.

The database is a DuckDB file, or a new file named `.duckdb`, `.db` or `.ddb`: any other
path (an existing `.csv` or `.parquet` file, a folder) raises `NotADatabase` before
anything is written (`check_database`), as DuckDB would otherwise leave it as it is and
store nothing.
"""
from __future__ import annotations

from pathlib import Path

from .formats import FORMATS
from .tables import COLUMNS, CSV_GUARDED, TABLES, Column

PREFERRED = ("parquet", "csv")  # the table formats, in the order a table's file is looked for: typed first
SUFFIXES = (".duckdb", ".db", ".ddb")  # of a new database file
MAGIC = b"DUCK"  # at byte 8 of every DuckDB file
MAGIC_AT = 8


class NotADatabase(ValueError):
    """A database path that is not a DuckDB file."""


def check_database(database: Path) -> None:
    """NotADatabase unless `database` is a DuckDB file, or a new (or empty) file named .duckdb, .db or .ddb."""
    path = Path(database)
    if path.is_dir():
        raise NotADatabase(f"--duckdb {path} is a folder: name a DuckDB file (e.g. {path / 'tables.duckdb'})")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as handle:
            head = handle.read(MAGIC_AT + len(MAGIC))
        if head[MAGIC_AT:] != MAGIC:
            raise NotADatabase(f"{path} exists and is not a DuckDB database file: nothing could be stored in it; name a DuckDB file ({', '.join(SUFFIXES)})")
    elif path.suffix.lower() not in SUFFIXES:
        raise NotADatabase(f"{path} does not name a DuckDB database file: end its name in {' or '.join(SUFFIXES)}")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'  # "end" and "group" are SQL keywords


def source(tables_dir: Path, name: str) -> Path:
    """The file a table is loaded from: Parquet first, then CSV."""
    names = [f"{name}{FORMATS[fmt].suffix}" for fmt in PREFERRED]
    for path in (tables_dir / n for n in names):
        if path.is_file():
            return path
    raise FileNotFoundError(f"no {' or '.join(names)} in {tables_dir}")


def _reader(path: Path, columns: tuple[Column, ...]) -> str:
    if path.suffix == FORMATS["parquet"].suffix:
        return f"read_parquet({_literal(str(path))})"
    types = ", ".join(f"{_literal(c.name)}: {_literal(c.type.duckdb)}" for c in columns)
    # CSV as tables.write_tables writes it: a header row, "" quoting, empty cells are nulls
    return (
        f"read_csv({_literal(str(path))}, header = true, delim = ',', quote = '\"', escape = '\"',"
        f" nullstr = '', auto_detect = false, columns = {{{types}}})"
    )


def _value(c: Column, csv: bool) -> str:
    """A column's value: from CSV, a string cell's injection guard taken off (tables.csv_values)."""
    name = _quoted(c.name)
    if csv and c.dtype == "string":
        return f"CASE WHEN regexp_matches({name}, {_literal(CSV_GUARDED)}) THEN substr({name}, 2) ELSE {name} END"
    return name


def _create(name: str, path: Path) -> list[str]:
    columns = COLUMNS[name]
    csv = path.suffix != FORMATS["parquet"].suffix
    select = ", ".join(f"CAST({_value(c, csv)} AS {c.type.duckdb}) AS {_quoted(c.name)}" for c in columns)
    return [
        f"CREATE OR REPLACE TABLE {_quoted(name)} AS SELECT {select} FROM {_reader(path, columns)}",
        *(f"ALTER TABLE {_quoted(name)} ALTER COLUMN {_quoted(c.name)} SET NOT NULL" for c in columns if not c.null),
        f"COMMENT ON TABLE {_quoted(name)} IS {_literal(TABLES[name])}",
        *(f"COMMENT ON COLUMN {_quoted(name)}.{_quoted(c.name)} IS {_literal(c.description)}" for c in columns),
    ]


def load_duckdb(tables_dir: Path, database: Path) -> dict[str, int]:
    """Create or replace every table in `database` from the files in `tables_dir`; table -> rows."""
    try:
        import duckdb
    except ImportError as exc:
        raise ImportError("DuckDB files need duckdb, an optional dependency: pip install 'ru-fact-extractor[duckdb]'") from exc

    check_database(database)
    sources = {name: source(tables_dir, name) for name in COLUMNS}  # all present before anything changes
    database.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(database)) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            for name, path in sources.items():
                for statement in _create(name, path):
                    con.execute(statement)
        except Exception:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
        return {name: con.execute(f"SELECT count(*) FROM {_quoted(name)}").fetchone()[0] for name in COLUMNS}
