"""Flat tables: documented columns and dtypes, one row per item, the document id on each."""
from __future__ import annotations

from extractor.tables import COLUMNS, to_frames


def test_frames_have_the_documented_columns_and_types(seed) -> None:
    frames = to_frames([seed])
    assert set(frames) == set(COLUMNS)
    for name, frame in frames.items():
        assert [(c, str(t)) for c, t in frame.dtypes.items()] == COLUMNS[name]
    assert len(frames["documents"]) == 1
    assert len(frames["entities"]) == len(seed.entities)
    officials = frames["officials"]
    row = officials[officials.person == "Василий Анохин"].iloc[0]
    assert (row.doc_id, row.position, row.region_code) == ("seed", "губернатор", "RU-SMO")


def test_empty_input_gives_empty_tables_with_columns() -> None:
    frames = to_frames([])
    assert all(frame.empty and list(frame.columns) == [c for c, _ in COLUMNS[name]] for name, frame in frames.items())
