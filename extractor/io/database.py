"""DuckDB: the flat tables in one database file, for Superset, Metabase or Grafana to point at.

    load_duckdb(Path("tables"), Path("facts.duckdb"))   # {"documents": 40, "entities": ...}

Each table of `tables.COLUMNS` is created (or replaced: a rerun does not duplicate rows)
from its Parquet file, or its CSV file when there is no Parquet, with the documented
column types, NOT NULL where a column is never empty, and the descriptions as comments
(`COMMENT ON`), all in one transaction.
"""
from __future__ import annotations

from pathlib import Path

from .formats import FORMATS
from .tables import COLUMNS, TABLES, Column

PREFERRED = ("parquet", "csv")  # the table formats, in the order a table's file is looked for: typed first


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


def _create(name: str, path: Path) -> list[str]:
    columns = COLUMNS[name]
    select = ", ".join(f"CAST({_quoted(c.name)} AS {c.type.duckdb}) AS {_quoted(c.name)}" for c in columns)
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
