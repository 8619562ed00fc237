"""Inputs of many kinds (extractor/sources.py): tables of documents read row by row with
configurable columns, bad rows as error records, unusable inputs refused up front,
patterns, folders and stdin. No pipeline is needed here."""
from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extractor.run.journal import item_key, run_identity
from extractor.run.pool import Options
from extractor.document import Document
from extractor.io.sources import BATCH_ROWS, InputError, JsonLines, Reading, count, items, open_inputs

TEXT = "Губернатор Смоленской области Василий Анохин встретился с министром."
CUSTOM = Reading(text_column="body", id_column="key", date_column="published")


def documents(names: list[str], reading: Reading = Reading()) -> list[Document]:
    found = list(items(open_inputs(names, reading)))
    assert all(isinstance(doc, Document) for doc in found)
    return found


def errors(doc: Document) -> list[str]:
    return [e.message for e in doc.errors]


def test_jsonl_rows_with_custom_columns_and_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        {"body": TEXT, "key": "a1", "published": "2024-09-25T10:00:00+03:00"},
        None,  # a blank line: not a row, but it keeps the numbering of lines
        {"body": 5, "key": "a2"},
        "not json {",
        [TEXT],
        {"key": 7, "other": TEXT},
        {"body": TEXT, "published": "yesterday"},
    ]
    path.write_text("\n".join("" if x is None else x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    docs = documents([str(path)], CUSTOM)
    assert [d.id for d in docs] == ["a1", "a2", "feed:4", "feed:5", "7", "feed:7"]
    assert [d.source for d in docs] == [f"{path}#{n}" for n in (1, 3, 4, 5, 6, 7)]
    assert [d.failed for d in docs] == [False, True, True, True, True, False]
    first, number, not_json, array, missing, undated = docs
    assert first.text == TEXT and first.date == dt.date(2024, 9, 25) and first.encoding == "utf-8" and not first.errors
    assert errors(number) == ["column 'body' holds int, not text"]
    assert errors(not_json)[0].startswith("not JSON") and errors(array) == ["a JSON list, not an object"]
    assert errors(missing) == ["no column 'body' in this row"]
    assert undated.date is None and "not an ISO date" in errors(undated)[0]
    assert count(open_inputs([str(path)], CUSTOM)) == 6


def test_csv_in_windows_1251_with_quoted_newlines(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    rows = ["key;body", "n1;" + TEXT, 'n2;"Первая строка;\nвторая ""в кавычках"""', "n3"]
    path.write_bytes("\r\n".join(rows).replace(";", ",").encode("cp1251") + b"\r\n")
    docs = documents([str(path)], Reading(text_column="body", id_column="key"))
    assert [(d.id, d.encoding, d.failed) for d in docs] == [("n1", "cp1251", False), ("n2", "cp1251", False), ("n3", "cp1251", True)]
    assert docs[0].text == TEXT and docs[1].text == 'Первая строка,\nвторая "в кавычках"'
    assert errors(docs[2]) == ["no column 'body' in this row"]  # a short row
    assert docs[1].source == f"{path}#2" and count(open_inputs([str(path)], Reading(text_column="body"))) == 3
    path.write_bytes(b"\xef\xbb\xbf" + f"id,text\nb1,{TEXT}\n".encode())  # the BOM is not part of the first column's name
    assert [(d.id, d.encoding, d.text) for d in documents([str(path)])] == [("b1", "utf-8-sig", TEXT)]


def test_tsv_and_long_fields(tmp_path: Path) -> None:
    path = tmp_path / "big.tsv"
    long_text = TEXT * 3000  # over the csv module's default field limit of 128 KiB
    path.write_text(f"id\ttext\nx\t{long_text}\n", encoding="utf-8")
    (doc,) = documents([str(path)])
    assert doc.id == "x" and doc.text == long_text


def test_parquet_is_read_in_batches_with_typed_columns(tmp_path: Path) -> None:
    path = tmp_path / "docs.parquet"
    n = BATCH_ROWS * 2 + 3
    texts = [f"{TEXT} {i}" for i in range(n)]
    texts[5] = None
    table = pa.table({
        "content": texts,
        "uid": list(range(n)),
        "day": [dt.date(2024, 1, 1) + dt.timedelta(days=i % 30) for i in range(n)],
        "unused": ["x"] * n,
    })
    pq.write_table(table, path, row_group_size=100)
    reading = Reading(text_column="content", id_column="uid", date_column="day")
    inputs = open_inputs([str(path)], reading)
    assert count(inputs) == n
    docs = list(items(inputs))
    assert [d.id for d in docs] == [str(i) for i in range(n)]
    assert docs[-1].text == texts[-1] and docs[-1].date == dt.date(2024, 1, 1) + dt.timedelta(days=(n - 1) % 30)
    assert docs[5].failed and errors(docs[5]) == ["column 'content' holds null, not text"]
    assert docs[7].source == f"{path}#8" and docs[7].encoding == "utf-8"


def test_a_missing_column_refuses_the_input(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(f"id,content\n1,{TEXT}\n", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(json.dumps({"content": TEXT}) + "\n" + json.dumps({"text": TEXT}) + "\n", encoding="utf-8")
    pq.write_table(pa.table({"content": [TEXT]}), tmp_path / "a.parquet")
    for name in ("a.csv", "a.parquet"):
        with pytest.raises(InputError, match=r"no column 'text' \(--text-column\); its columns: .*content"):
            open_inputs([str(tmp_path / name)])
    assert len(documents([str(tmp_path / "a.jsonl")])) == 2  # seen in its first rows: the others get error records
    with pytest.raises(InputError, match=r"'key' \(--id-column\)"):
        open_inputs([str(tmp_path / "a.csv")], Reading(text_column="content", id_column="key"))
    (tmp_path / "fake.parquet").write_text("no", encoding="utf-8")  # no metadata to count its rows by: one error record
    (fake,) = documents([str(tmp_path / "fake.parquet")])
    assert fake.failed and fake.source == str(tmp_path / "fake.parquet") and "not a readable Parquet file" in errors(fake)[0]


def test_damaged_bytes_in_a_row_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"text": TEXT}, ensure_ascii=False).encode("utf-8")
    path.write_bytes(good + b"\n" + good[:30] + b"\xff" + good[30:] + b"\n" + good + b"\n")
    docs = documents([str(path)])
    assert [bool(d.errors) for d in docs] == [False, True, False]
    assert "\ufffd" in docs[1].text and "replaced by U+FFFD" in errors(docs[1])[0] and not docs[1].failed


def test_patterns_folders_and_files(tmp_path: Path) -> None:
    (tmp_path / "data" / "deep").mkdir(parents=True)
    for name in ("data/b.txt", "data/deep/a.txt", "data/deep/page.html", "data/c.md", "data/.hidden.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    (tmp_path / "data" / "t.csv").write_text(f"text\n{TEXT}\n", encoding="utf-8")
    folder = list(items(open_inputs([str(tmp_path / "data")])))
    assert [p.relative_to(tmp_path).as_posix() for p in folder] == ["data/b.txt", "data/deep/a.txt", "data/deep/page.html"]
    matched = list(items(open_inputs([str(tmp_path / "data" / "**" / "*.txt"), str(tmp_path / "data" / "*.csv")])))
    assert [p.name for p in matched[:2]] == ["b.txt", "a.txt"] and matched[2].source == f"{tmp_path / 'data' / 't.csv'}#1"
    with pytest.raises(InputError, match="no file matches"):
        open_inputs([str(tmp_path / "nothing" / "*.txt")])
    assert list(items(open_inputs([str(tmp_path / "missing.jsonl")]))) == [tmp_path / "missing.jsonl"]  # an error record later


def test_stdin_text_and_json_lines(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("cp1251"))))
    (doc,) = documents(["-"])
    assert (doc.id, doc.text, doc.encoding, doc.source) == ("stdin", TEXT, "cp1251", None)

    stream = "\n".join(json.dumps({"id": f"s{i}", "text": TEXT}) for i in range(3)) + "\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stream.encode())))
    inputs = open_inputs(["-"], Reading(stdin_format="jsonl"))
    assert count(inputs) is None
    docs = list(items(inputs))
    assert [(d.id, d.source) for d in docs] == [("s0", "<stdin>#1"), ("s1", "<stdin>#2"), ("s2", "<stdin>#3")]
    assert item_key(docs[0]) == "source:<stdin>#1"

    with pytest.raises(InputError, match="<stdin> has no column 'body'"):
        JsonLines(None, Reading(text_column="body"), "<stdin>", stream=io.BytesIO(stream.encode())).check()
    with pytest.raises(InputError, match="only once"):
        open_inputs(["-", "-"])


def test_reading_settings_are_part_of_a_run_only_when_they_differ() -> None:
    assert Reading().identity() == {}
    assert run_identity(["x"], Options(), Reading().identity()) == run_identity(["x"], Options())
    assert run_identity(["x", "-"], Options(), CUSTOM.identity())["reading"] == {"text_column": "body", "id_column": "key", "date_column": "published"}
    assert run_identity(["-"], Options())["inputs"] == ["-"]


def test_a_date_column_is_found_without_a_flag_as_the_id_column_is(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    rows = [
        {"id": "d", "text": TEXT, "date": "2024-09-25"},
        {"id": "p", "text": TEXT, "published": "2024-09-24T23:30:00+03:00"},
        {"id": "u", "text": TEXT, "pub_date": "20240923"},
        {"id": "both", "text": TEXT, "date": "2024-09-22", "published": "2000-01-01"},  # the first of them
        {"id": "null", "text": TEXT, "date": None, "published": "2024-09-21"},  # the first that holds a value
        {"id": "none", "text": TEXT},
        {"id": "bad", "text": TEXT, "date": "25.09.2024"},
        {"id": "impossible", "text": TEXT, "published": "2024-02-30"},
        {"id": "number", "text": TEXT, "date": 1727222400},
    ]
    feed.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    docs = documents([str(feed)])
    day = dt.date(2024, 9, 25)
    assert [(d.id, d.date) for d in docs] == [
        ("d", day), ("p", day - dt.timedelta(1)), ("u", day - dt.timedelta(2)), ("both", day - dt.timedelta(3)),
        ("null", day - dt.timedelta(4)), ("none", None), ("bad", None), ("impossible", None), ("number", None),
    ]
    assert not any(d.failed for d in docs)  # a bad date costs the date, not the document
    assert [errors(d) for d in docs[:6]] == [[]] * 6
    assert errors(docs[6]) == ["date '25.09.2024' in column 'date' is not an ISO date: ignored"]
    assert errors(docs[7]) == ["date '2024-02-30' in column 'published' is not an ISO date: ignored"]
    assert errors(docs[8]) == ["date 1727222400 in column 'date' is not an ISO date: ignored"]

    sheet = tmp_path / "sheet.csv"
    sheet.write_text(f"id,published,text\na,2024-09-25,{TEXT}\nb,,{TEXT}\n", encoding="utf-8")
    assert [(d.id, d.date, errors(d)) for d in documents([str(sheet)])] == [("a", day, []), ("b", None, [])]
    table = tmp_path / "docs.parquet"
    pq.write_table(pa.table({"text": [TEXT, TEXT], "date": [day, None], "pub_date": ["2000-01-01", "2024-09-01"]}), table)
    assert [d.date for d in documents([str(table)])] == [day, dt.date(2024, 9, 1)]

    # --date-column names one: it alone is read, and one the table lacks stops the run
    assert [d.date for d in documents([str(feed)], Reading(date_column="published"))][:3] == [None, day - dt.timedelta(1), None]
    with pytest.raises(InputError, match=r"no column 'day' \(--date-column\)"):
        open_inputs([str(sheet)], Reading(date_column="day"))
    with pytest.raises(InputError, match=r"no column 'day' \(--date-column\)"):
        open_inputs([str(table)], Reading(date_column="day"))


def test_an_empty_or_blank_text_in_a_row_is_an_error_record(tmp_path: Path, monkeypatch) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b"".join(json.dumps(row).encode() + b"\n" for row in [
        {"id": "e", "text": ""}, {"id": "w", "text": " \n\t"}, {"id": "nul", "text": "<NUL>"}, {"id": "ok", "text": TEXT},
    ]).replace(b"<NUL>", b"\x00"))  # a NUL byte in the file, read as a space
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(f'id,text\nce,\ncw,"  "\ncok,{TEXT}\n', encoding="utf-8")
    table = tmp_path / "docs.parquet"
    pq.write_table(pa.table({"id": ["pe", "pw", "pok"], "text": ["", "\u00a0", TEXT]}), table)
    docs = documents([str(feed), str(sheet), str(table)])
    assert [(d.id, d.failed, d.text) for d in docs if d.failed] == [
        ("e", True, ""), ("w", True, ""), ("nul", True, ""), ("ce", True, ""), ("cw", True, ""), ("pe", True, ""), ("pw", True, ""),
    ]
    assert [d.id for d in docs if not d.failed] == ["ok", "cok", "pok"]
    by_id = {d.id: errors(d) for d in docs}
    assert by_id["e"] == by_id["ce"] == by_id["pe"] == ["empty text"]
    assert by_id["w"] == by_id["cw"] == by_id["pw"] == ["empty text: only whitespace"]
    assert by_id["nul"] == ["empty text: only whitespace"]  # its NUL byte read as a space
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b" \n")))  # stdin as one text: the same
    (doc,) = documents(["-"])
    assert doc.failed and errors(doc) == ["empty text: only whitespace"]
