"""Hostile inputs ("nothing lost, nothing doubled, nothing destroyed"): lone surrogates,
file names that are not UTF-8, a corrupt Parquet row group, an unreadable folder, a
stray CSV quote, a named pipe, symbolic link loops, deeply nested HTML, UTF-16, NUL
bytes. For each the batch finishes, every input document gives one record or one error
record, and the output is valid UTF-8 JSON. All inputs are made here, in tmp_path.
The property at the end runs 30 derandomised examples; to hunt, as tests/test_properties.py:
    PROPERTY_EXAMPLES=500 .venv/bin/python -m pytest -q tests/io/test_hostile_inputs.py -k hostile_trees
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.document import Document
from extractor.io.read import page_of, read_file
from extractor.io.sources import Reading, count, items, open_inputs
from extractor.run.extract import Settings, run_extract

TEXT = "Губернатор Смоленской области Василий Анохин встретился с министром."


def documents(names: list[str], reading: Reading = Reading()) -> list[Document]:
    """The documents of the inputs, files read as the workers read them."""
    return [item if isinstance(item, Document) else read_file(item) for item in items(open_inputs(names, reading))]


def messages(doc: Document) -> list[str]:
    return [e.message for e in doc.errors]


def extract_to_stdout(pipeline, *inputs: Path | str) -> tuple[int, list[dict], str]:
    """A run in this process writing to stdout: (exit code, records, report). The output
    is checked to be UTF-8 (strictly: a lone surrogate cannot be encoded) and JSON."""
    out, report = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out):
        code = run_extract(Settings([str(i) for i in inputs], pipeline=pipeline), report)
    raw = out.getvalue().encode("utf-8")  # strict
    return code, [json.loads(line) for line in raw.decode("utf-8").splitlines()], report.getvalue()


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail instead of hanging (a named pipe opened for reading blocks for ever)."""
    def expired(*_: object) -> None:
        raise TimeoutError(f"still reading after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# -- 1. lone surrogates in a JSONL row ----------------------------------------------------


def test_lone_surrogates_in_jsonl_are_replaced_where_read(pipeline, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "\\udfff", "text": "' + TEXT + '"}\n'
        '{"id": "x2", "text": "Анохин \\ud800 встретился с министром."}\n'
        + json.dumps({"id": "x3", "text": TEXT}) + "\n",
        encoding="utf-8",
    )
    first, second, third = documents([str(feed)])
    assert first.id == "\ufffd" and first.text == TEXT and not first.failed
    assert messages(first) == ["lone surrogates in the id replaced by U+FFFD"]
    assert second.text == "Анохин \ufffd встретился с министром." and "lone surrogates in the text" in messages(second)[0]
    assert third.errors == []
    code, records, report = extract_to_stdout(pipeline, feed)
    assert code == 0, report
    assert [r["id"] for r in records] == ["\ufffd", "x2", "x3"] and all(r["ok"] for r in records)
    assert "Василий Анохин" in {e["normal"] for e in records[0]["entities"]}


# -- 2. a file name that is not UTF-8 -----------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_read_by_its_real_name(pipeline, tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    with open(os.path.join(folder, "Новости.txt".encode("cp1251")), "wb") as handle:  # a name from Windows
        handle.write(TEXT.encode("utf-8"))
    with open(os.path.join(folder, b"x\x81\x98.txt"), "wb") as handle:  # no Cyrillic reading of its own
        handle.write(TEXT.encode("utf-8"))
    odd, cyrillic = documents([str(tmp_path / "in")])
    assert (cyrillic.id, cyrillic.source, cyrillic.text) == ("Новости", str(tmp_path / "in" / "Новости.txt"), TEXT)
    assert messages(cyrillic) == ["the file name is not UTF-8: read as windows-1251"]
    assert odd.id == "x\ufffd\ufffd" and odd.text == TEXT and "U+FFFD" in messages(odd)[0] and not odd.failed
    code, records, report = extract_to_stdout(pipeline, tmp_path / "in")
    assert code == 0, report
    assert sorted(r["id"] for r in records) == ["x\ufffd\ufffd", "Новости"]
    assert all(r["officials"] for r in records)


# -- 3. a Parquet file with a corrupt row group ---------------------------------------------


def corrupt_row_group(path: Path, group: int) -> None:
    """Overwrite the pages of one row group's text column with junk."""
    column = pq.ParquetFile(path).metadata.row_group(group).column(1)
    start = column.dictionary_page_offset or column.data_page_offset
    data = bytearray(path.read_bytes())
    data[start:start + column.total_compressed_size] = b"U" * column.total_compressed_size
    path.write_bytes(bytes(data))


def test_a_corrupt_parquet_row_group_gives_error_records_for_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "docs.parquet"
    pq.write_table(pa.table({"id": [f"r{i}" for i in range(30)], "text": [f"{TEXT} {i}" for i in range(30)]}), path, row_group_size=10)
    corrupt_row_group(path, 1)
    inputs = open_inputs([str(path)])
    docs = list(items(inputs))
    assert count(inputs) == 30 and [d.source for d in docs] == [f"{path}#{n}" for n in range(1, 31)]
    assert [d.failed for d in docs] == [False] * 10 + [True] * 10 + [False] * 10
    assert docs[0].text == f"{TEXT} 0" and docs[29].text == f"{TEXT} 29"
    assert messages(docs[10])[0].startswith("row group 2 of 3 cannot be read")
    (tmp_path / "junk.parquet").write_bytes(b"PAR1 not really")  # not even its metadata: one error record
    (junk,) = documents([str(tmp_path / "junk.parquet")])
    assert junk.failed and "not a readable Parquet file" in messages(junk)[0]


# -- 4. an unreadable subfolder -----------------------------------------------------------


def test_an_unreadable_subfolder_is_an_error_record(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "locked" / "b.txt").write_text(TEXT, encoding="utf-8")
    scandir = os.scandir

    def refusing(path: str | os.PathLike[str]) -> object:  # root ignores chmod 000: refuse as a user's run would be
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    for name in (str(tmp_path / "in"), str(tmp_path / "in" / "**" / "*.txt")):
        found = list(items(open_inputs([name])))
        assert found[0] == tmp_path / "in" / "a.txt", name
        (locked,) = found[1:]
        assert isinstance(locked, Document) and locked.failed and locked.source == str(tmp_path / "in" / "locked")
        assert messages(locked) == ["cannot read the folder: Permission denied; its files are left out"]


# -- 5. a stray quote in a CSV --------------------------------------------------------------


def test_a_stray_csv_quote_gives_an_error_record_not_a_merged_text(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    # an open quote that the parser rejects later ('"' then a letter), and one that closes silently
    path.write_text('id,text\n1,"Он сказал ""да"" и ушёл\n2,Второй текст\n3,"Третий, с запятой"\n4,Четвёртый\n', encoding="utf-8")
    docs = documents([str(path)])
    assert [(d.id, d.failed) for d in docs] == [("1", True), ("2", False), ("3", False), ("4", False)]
    assert "a stray quote at line 2? lines 2-4 parse as one record" in messages(docs[0])[0]
    assert (docs[1].text, docs[2].text) == ("Второй текст", "Третий, с запятой") and count(open_inputs([str(path)])) == 4
    path.write_text('id,text\n17,"Начало без конца\n18,Второй текст\n19,Третий с кавычкой в конце"\n20,Четвёртый\n', encoding="utf-8")
    docs = documents([str(path)])
    assert [(d.id, d.failed) for d in docs] == [("17", True), ("18", False), ("19", False), ("20", False)]
    assert "parse as rows of their own" in messages(docs[0])[0] and docs[1].text == "Второй текст"
    path.write_text('id,text\n1,"Без конца до конца файла\n2,Второй\n', encoding="utf-8")  # open at the end of the file
    assert [(d.id, d.failed) for d in documents([str(path)])] == [("1", True), ("2", False)]
    # a real text over several lines, a comma and an id-like word in them, stays one row
    path.write_text('id,text\n1,"Москва, 25 сентября.\nАнохин, губернатор, сказал:\nТекст, дальше"\n2,Второй\n', encoding="utf-8")
    first, second = documents([str(path)])
    assert first.text == "Москва, 25 сентября.\nАнохин, губернатор, сказал:\nТекст, дальше" and not first.errors and second.text == "Второй"
    path.write_text('id,text\n1,"цитата"хвост\n2,Второй\n', encoding="utf-8")  # a quote in the middle of a field
    docs = documents([str(path)])
    assert [(d.id, d.failed) for d in docs] == [("1", True), ("2", False)] and messages(docs[0])[0].startswith("malformed CSV at line 2")


# -- 6. a named pipe ----------------------------------------------------------------------


def test_a_named_pipe_is_refused_without_being_opened(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    os.mkfifo(tmp_path / "feed.jsonl")
    with deadline(20):
        docs = documents([str(tmp_path / "in"), str(tmp_path / "in" / "pipe.txt"), str(tmp_path / "feed.jsonl")])
    assert [(d.id, d.failed) for d in docs] == [("a", False), ("pipe", True), ("pipe", True), ("feed", True)]
    assert messages(docs[1]) == ["not a regular file (a named pipe): not read"] == messages(docs[3])


# -- 7. symbolic links: loops and duplicates ----------------------------------------------------


def test_links_give_each_real_file_once_and_a_loop_one_error_record(tmp_path: Path) -> None:
    root = tmp_path / "data"
    (root / "deep").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    for name in ("a.txt", "deep/b.txt"):
        (root / name).write_text(TEXT, encoding="utf-8")
    (tmp_path / "elsewhere" / "c.txt").write_text(TEXT, encoding="utf-8")
    (root / "deep" / "up").symlink_to("..")  # a loop: each file 41 times under `**` with glob
    (root / "again.txt").symlink_to("a.txt")  # the same file twice
    (root / "more").symlink_to(tmp_path / "elsewhere")  # a linked folder: followed
    (root / "self.txt").symlink_to("self.txt")
    for name in (str(root), str(root / "**" / "*.txt"), str(root / "**")):
        found = list(items(open_inputs([name])))
        paths = [item for item in found if isinstance(item, Path)]
        problems = {item.source: messages(item) for item in found if isinstance(item, Document)}
        assert [p.relative_to(root).as_posix() for p in paths] == ["a.txt", "deep/b.txt", "more/c.txt"], name
        assert set(problems) == {str(root / "deep" / "up"), str(root / "self.txt")}, name
        assert "symbolic link loop" in problems[str(root / "deep" / "up")][0] and "symbolic link loop" in problems[str(root / "self.txt")][0]
    (loop,) = documents([str(root / "self.txt")])  # named as it is
    assert loop.failed and "symbolic link loop" in messages(loop)[0]


# -- 8. deeply nested HTML ----------------------------------------------------------------


def nested(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + f"<p>{TEXT}</p>" + "</div>" * depth + "</body></html>"


def test_deeply_nested_html_keeps_its_text() -> None:
    page = page_of(nested(300))  # past libxml2's default limit (255): huge_tree
    assert page.text == TEXT and page.note is None
    page = page_of(nested(3000))  # past even huge_tree's: the plain text, said so
    assert page.text == TEXT and "plain text is used" in (page.note or "")
    assert page_of("<html><body><nav></nav></body></html>").text == ""  # nothing to fall back to


def test_a_page_trafilatura_finds_nothing_in_says_so(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text(nested(3000), encoding="utf-8")
    doc = read_file(path)
    assert doc.text == TEXT and not doc.failed and "plain text is used" in messages(doc)[0]


# -- 9. UTF-16 and UTF-32 -----------------------------------------------------------------


@pytest.mark.parametrize(("bom", "codec", "encoding"), [
    (b"\xff\xfe", "utf-16-le", "utf-16-le"), (b"\xfe\xff", "utf-16-be", "utf-16-be"), (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le"),
])
def test_utf16_files_and_tables_are_decoded_by_their_bom(tmp_path: Path, bom: bytes, codec: str, encoding: str) -> None:
    (tmp_path / "a.txt").write_bytes(bom + TEXT.encode(codec))
    (tmp_path / "p.html").write_bytes(bom + f"<html><body><p>{TEXT}</p></body></html>".encode(codec))
    (tmp_path / "t.csv").write_bytes(bom + f"id,text\r\nc1,{TEXT}\r\nc2,\"два\nабзаца\"\r\n".encode(codec))
    (tmp_path / "t.jsonl").write_bytes(bom + (json.dumps({"id": "j1", "text": TEXT}, ensure_ascii=False) + "\n").encode(codec))
    names = [str(tmp_path / n) for n in ("a.txt", "p.html", "t.csv", "t.jsonl")]
    docs = documents(names)
    assert [(d.id, d.text, d.encoding, d.errors) for d in docs] == [
        ("a", TEXT, encoding, []), ("p", TEXT, encoding, []), ("c1", TEXT, encoding, []), ("c2", "два\nабзаца", encoding, []), ("j1", TEXT, encoding, []),
    ]
    assert count(open_inputs(names)) == 5


# -- 10. NUL bytes in a table ------------------------------------------------------------


def test_a_nul_byte_affects_its_row_only(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_bytes(f"id,text\n1,{TEXT}\n2,Второй\x00текст\n3,{TEXT}\n".encode("cp1251"))
    (tmp_path / "t.jsonl").write_bytes(b'{"id": "j1", "text": "a\x00b"}\n' + json.dumps({"id": "j2", "text": TEXT}).encode() + b"\n")
    docs = documents([str(tmp_path / "t.csv"), str(tmp_path / "t.jsonl")])
    assert [(d.id, d.failed, d.encoding) for d in docs] == [("1", False, "cp1251"), ("2", False, "cp1251"), ("3", False, "cp1251"), ("j1", False, "utf-8"), ("j2", False, "utf-8")]
    assert docs[1].text == "Второй текст" and messages(docs[1]) == ["NUL bytes read as spaces"] and not docs[0].errors and not docs[2].errors
    assert docs[3].text == "a b" and messages(docs[3]) == ["NUL bytes read as spaces"]


# -- 11. a property: hostile trees and tables ---------------------------------------------


WORDS = ["Губернатор", "Анохин", "встретился", "с", "министром", "в", "Смоленске", "25 сентября", "3,5 млрд рублей", "«Газпром»", "—"]
text_strategy = st.lists(st.sampled_from(WORDS), min_size=0, max_size=8).map(" ".join)
name_strategy = st.one_of(
    st.text(alphabet="абвгдxyz _-'&!#()", min_size=1, max_size=8).map(lambda s: s.encode("utf-8")),
    st.binary(min_size=1, max_size=6).map(lambda b: bytes(x if x not in b"/\x00." else 0x5F for x in b)),  # any bytes, as Windows names copied over
)
row_strategy = st.one_of(
    st.tuples(st.just("good"), text_strategy),
    st.tuples(st.just("surrogate"), text_strategy),
    st.tuples(st.just("nul"), text_strategy),
    st.tuples(st.just("junk"), st.just("")),
    st.tuples(st.just("quote"), text_strategy),
)
entry_strategy = st.one_of(
    st.tuples(st.just("text"), st.sampled_from(["utf-8", "cp1251", "koi8_r", "utf-16"]), text_strategy),
    st.tuples(st.just("page"), st.sampled_from([1, 5, 300]), text_strategy),
    st.tuples(st.just("jsonl"), st.just(""), st.lists(row_strategy, min_size=1, max_size=4)),
    st.tuples(st.just("csv"), st.just(""), st.lists(row_strategy, min_size=1, max_size=4)),
    st.tuples(st.sampled_from(["pipe", "loop", "self-link", "file-link"]), st.just(""), st.just("")),
)


def _write_entry(folder: bytes, name: bytes, kind: str, how: object, content: object, known: dict[str, str]) -> int:
    """Write one hostile entry; the records it must give. `known`: texts by display source."""
    from extractor.io.read import display

    base = os.path.join(folder, name)
    if kind == "text":
        path = base + b".txt"
        with open(path, "wb") as handle:
            handle.write(content.encode(how, errors="replace"))  # type: ignore[union-attr]  # "utf-16": with its BOM
        if how in ("utf-8", "utf-16"):  # a short single-byte text may be taken for the other Cyrillic encoding
            known[display(os.fsdecode(path))[0]] = content  # type: ignore[assignment]
        return 1
    if kind == "page":
        with open(base + b".html", "wb") as handle:
            handle.write(("<html><body>" + "<div>" * how + f"<p>{content}</p>" + "</div>" * how + "</body></html>").encode())  # type: ignore[operator]
        return 1
    if kind in ("jsonl", "csv"):
        lines = []
        for k, (row, text) in enumerate(content, 1):  # type: ignore[union-attr]
            if kind == "jsonl":
                lines.append({
                    "good": json.dumps({"id": f"r{k}", "text": text}, ensure_ascii=False),
                    "surrogate": '{"id": "r\\udfff", "text": "' + text + ' \\ud801"}',
                    "nul": json.dumps({"id": f"r{k}", "text": text}, ensure_ascii=False).replace(" ", "\x00", 1),
                    "junk": "{not json",
                    "quote": '{"id": "r' + str(k) + '", "text": "' + text + '""}',
                }[row])
            else:
                quoted = '"' + text.replace('"', '""') + '"'
                lines.append({
                    "good": f"r{k},{quoted}",
                    "surrogate": f"r{k},{quoted}",
                    "nul": f"r{k},{quoted}".replace(" ", "\x00", 1),
                    "junk": f"r{k}",
                    "quote": f'r{k},"{text}',
                }[row])
        header = "" if kind == "jsonl" else "id,text\n"
        with open(base + b"." + kind.encode(), "wb") as handle:
            handle.write((header + "\n".join(lines) + "\n").encode("utf-8"))
        return len(lines)
    if kind == "pipe":
        os.mkfifo(base + b".txt")
        return 1
    if kind == "loop":
        os.mkdir(base)
        os.symlink(b"..", os.path.join(base, b"up"))
        return 0  # one error record for each input that walks the tree: counted by the caller
    if kind == "self-link":
        os.symlink(name + b".txt", base + b".txt")
        return 1
    os.symlink(b"first.txt", base + b".txt")  # file-link: the same file again, listed once
    return 0


def check_records(records: list[dict], known: dict[str, str]) -> None:
    for record in records:
        text = record.get("text") or known.get(record["source"] or "")
        for item in record["entities"] + record["facts"]:
            assert 0 <= item["start"] <= item["end"] <= record["text_length"], item
            if text is not None:
                assert text[item["start"]:item["end"]] == item["text"], (record["source"], item)
        assert record["ok"] or record["errors"], record


HUNT = int(os.environ.get("PROPERTY_EXAMPLES", "0"))  # as in tests/test_properties.py: > 0, that many random examples


@settings(max_examples=HUNT or 30, derandomize=not HUNT, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(entries=st.lists(st.tuples(name_strategy, entry_strategy), min_size=1, max_size=5, unique_by=lambda e: e[0].lower()))
def test_hostile_trees_give_one_record_per_document(pipeline, entries: list) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(os.fsencode(tmp), b"in")
        os.mkdir(root)
        with open(os.path.join(root, b"first.txt"), "wb") as handle:
            handle.write(TEXT.encode())
        known = {os.path.join(os.fsdecode(root), "first.txt"): TEXT}
        expected = 1
        for k, (name, (kind, how, content)) in enumerate(entries):
            expected += _write_entry(root, b"%d-" % k + name, kind, how, content, known)
        kinds = [kind for _, (kind, _, _) in entries]
        tables = [os.path.join(root, b"**", b"*." + kind.encode()) for kind in ("jsonl", "csv") if kind in kinds]  # a pattern matching nothing is refused
        names = [os.fsdecode(root), *map(os.fsdecode, tables)]
        loops = kinds.count("loop") * len(names)  # a loop is met by every input that walks the tree
        with deadline(60):
            code, records, report = extract_to_stdout(pipeline, *names)
        assert code in (0, 1), report
        assert len(records) == expected + loops, (report, [(r["source"], r["ok"]) for r in records])
        sources = [r["source"] for r in records]
        assert len(set(sources)) == len(sources) - kinds.count("loop") * (len(names) - 1), sources
        check_records(records, known)
