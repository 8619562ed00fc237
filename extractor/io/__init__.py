"""Read and write: input files and tables, JSONL/JSON, flat tables, DuckDB."""
