"""Tests for extractor.evaluate: corpus readers, scorer, system adapters, report rendering."""

from __future__ import annotations

import enum
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from extractor.evaluate import (
    GoldDoc,
    Prediction,
    Span,
    evaluate,
    extractor_system,
    read_brat,
    read_corpus,
    read_factrueval,
    render_markdown,
    score,
    to_json,
)
from extractor.evaluate.score import Counts, overlaps

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def write(path: Path, content: str) -> None:
    # newline='' so '\r\n' in fixtures reaches the file as is.
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(content)


# --- fixtures -----------------------------------------------------------------------------------

BRAT_TEXT = "Мэр Москвы Сергей Собянин\r\nзаявил в среду о 5% росте."
# 0   Мэр        [0, 3)
# 4   Москвы     [4, 10)
# 11  Сергей Собянин [11, 25); '\r\n' at 25-26
# 27  заявил ... 'в среду' [34, 41), '5%' [44, 46)
BRAT_ANN = "\n".join([
    "T1\tPROFESSION 0 10\tМэр Москвы",
    "T2\tCITY 4 10\tМосквы",
    "T3\tLOCATION 4 10\tМосквы",  # same span, also LOC: must collapse into one
    "T4\tPERSON 11 25\tСергей Собянин",
    "T5\tDATE 34 41\tв среду",
    "T6\tPERCENT 44 46\t5%",
    "T7\tAGE 44 45\t5",  # type we do not map
    "T8\tEVENT 27 33;42 43\tзаявил о",  # discontinuous: min start .. max end
    "R1\tWORKS_AS Arg1:T4 Arg2:T1\t",
    "R2\tWORKPLACE Arg1:T4 Arg2:T2\t",
    "R3\tWORKS_AS Arg1:T4 Arg2:T99\t",  # dangling argument: dropped
    "N1\tReference T4 Wikidata:Q123\tСобянин",
    "#1\tAnnotatorNotes T4\tзаметка",
    "A1\tNegated T5",
    "stray continuation line",
    "",
])


@pytest.fixture
def brat_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "nerel"
    folder.mkdir()
    write(folder / "001.txt", BRAT_TEXT)
    write(folder / "001.ann", BRAT_ANN)
    write(folder / "002.txt", "Пусто.")
    write(folder / "002.ann", "")
    return folder


FRE_TEXT = "В Москве лидер партии «Яблоко» Иван Петров встретился с МИД России."
FRE_TOKENS = ""  # the reader does not need tokens; present only so the folder looks real


def _fre_span(sid: int, kind: str, text: str, fragment: str, occurrence: int = 0) -> str:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(fragment, start + 1)
    return f"{sid} {kind} {start} {len(fragment)} 0 1  # 0 {fragment}"


@pytest.fixture
def fre_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "factrueval"
    folder.mkdir()
    spans = [
        _fre_span(1, "loc_name", FRE_TEXT, "Москве"),
        _fre_span(2, "org_descr", FRE_TEXT, "партии"),
        _fre_span(3, "org_name", FRE_TEXT, "Яблоко"),
        _fre_span(4, "name", FRE_TEXT, "Иван"),
        _fre_span(5, "surname", FRE_TEXT, "Петров"),
        _fre_span(6, "org_name", FRE_TEXT, "МИД"),
        _fre_span(7, "loc_name", FRE_TEXT, "России"),
    ]
    objects = [
        "10 LocOrg 1 # Москве",
        "11 Org 2 3 # партии Яблоко",
        "12 Person 5 4 # Петров Иван",  # span ids out of order
        "13 Org 6 7 # МИД России",
        "14 Location 7 # России",
        "15 Project 6 # МИД",  # unknown type: skipped
    ]
    write(folder / "book_1.txt", FRE_TEXT)
    write(folder / "book_1.tokens", FRE_TOKENS)
    write(folder / "book_1.spans", "\n".join(spans) + "\n")
    write(folder / "book_1.objects", "\n".join(objects) + "\n")
    write(folder / "book_1.coref", "")
    return folder


def texts_of(doc: GoldDoc) -> set[tuple[str, str]]:
    return {(s.type, doc.text[s.start : s.end]) for s in doc.spans}


# --- readers ------------------------------------------------------------------------------------


def test_read_brat_maps_types_and_keeps_crlf_offsets(brat_dir: Path) -> None:
    docs = read_brat(brat_dir)
    assert [d.id for d in docs] == ["001", "002"]
    doc = docs[0]
    assert doc.text == BRAT_TEXT  # '\r\n' not translated
    assert texts_of(doc) == {
        ("POSITION", "Мэр Москвы"),
        ("LOC", "Москвы"),
        ("PER", "Сергей Собянин"),
        ("DATE", "в среду"),
        ("PERCENT", "5%"),
        ("EVENT", "заявил в среду о"),
    }
    assert len(doc.spans) == 6  # CITY + LOCATION on one span -> one LOC; AGE dropped
    assert doc.pairs == [(Span("PER", 11, 25), Span("POSITION", 0, 10))]
    assert docs[1].spans == [] and docs[1].pairs == []


def test_read_brat_requires_txt(brat_dir: Path) -> None:
    (brat_dir / "002.txt").unlink()
    with pytest.raises(FileNotFoundError):
        read_brat(brat_dir)


def test_read_factrueval_hulls_mentions_and_closes_quotes(fre_dir: Path) -> None:
    (doc,) = read_factrueval(fre_dir)
    assert doc.id == "book_1" and doc.pairs == []
    assert texts_of(doc) == {
        ("LOC", "Москве"),
        ("ORG", "партии «Яблоко»"),  # hull 'партии «Яблоко' extended over the closing quote
        ("PER", "Иван Петров"),
        ("ORG", "МИД России"),
        ("LOC", "России"),
    }


def test_read_corpus_detects_format(brat_dir: Path, fre_dir: Path) -> None:
    assert read_corpus(brat_dir)[0] == "nerel"
    assert read_corpus(fre_dir)[0] == "factrueval"


def test_read_corpus_rejects_unknown_folder(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "текст")
    with pytest.raises(ValueError, match="unknown corpus format"):
        read_corpus(tmp_path)
    with pytest.raises(NotADirectoryError):
        read_corpus(tmp_path / "missing")


# --- scorer -------------------------------------------------------------------------------------


def doc_with(spans: list[Span], pairs: list[tuple[Span, Span]] | None = None) -> GoldDoc:
    return GoldDoc(id="d", text="x" * 100, spans=spans, relations={"PAIRS": pairs or []})


def test_overlaps_is_half_open() -> None:
    assert overlaps((0, 5), (4, 10))
    assert not overlaps((0, 5), (5, 10))


def test_exact_and_overlap_differ() -> None:
    gold = doc_with([Span("PER", 0, 5), Span("PER", 10, 20), Span("LOC", 40, 45)])
    pred = Prediction(spans=[
        Span("PER", 0, 5),  # exact hit
        Span("PER", 10, 15),  # overlap only
        Span("PER", 30, 35),  # miss
        Span("LOC", 0, 5),  # wrong type for gold PER: no help to PER, a LOC false positive
        Span("PER", 0, 5),  # duplicate: counted once
    ])
    scores = score([gold], [pred], types=["PER", "LOC"])
    per = scores["PER"]
    assert (per.exact.predicted, per.exact.correct, per.exact.gold, per.exact.found) == (3, 1, 2, 1)
    assert per.exact.precision == pytest.approx(1 / 3)
    assert per.exact.recall == pytest.approx(0.5)
    assert per.exact.f1 == pytest.approx(0.4)
    assert (per.exact.tp, per.exact.fp, per.exact.fn) == (1, 2, 1)
    assert per.overlap.precision == pytest.approx(2 / 3)
    assert per.overlap.recall == pytest.approx(1.0)
    assert per.overlap.f1 == pytest.approx(0.8)
    assert (per.overlap.tp, per.overlap.fp, per.overlap.fn) == (2, 1, 0)
    loc = scores["LOC"]
    assert (loc.overlap.predicted, loc.overlap.correct, loc.overlap.found, loc.support) == (1, 0, 0, 1)
    assert loc.overlap.f1 == 0.0


def test_overlap_one_prediction_covering_two_gold_spans() -> None:
    gold = doc_with([Span("ORG", 0, 5), Span("ORG", 6, 10)])
    scores = score([gold], [Prediction([Span("ORG", 0, 10)])])
    org = scores["ORG"]
    assert (org.overlap.precision, org.overlap.recall) == (1.0, 1.0)
    assert (org.exact.precision, org.exact.recall) == (0.0, 0.0)


def test_score_only_given_types_and_sums_over_docs() -> None:
    golds = [doc_with([Span("PER", 0, 5)]), doc_with([Span("PER", 0, 5)])]
    preds = [Prediction([Span("PER", 0, 5), Span("DATE", 7, 9)]), Prediction([])]
    scores = score(golds, preds, types=["PER"])
    assert list(scores) == ["PER"]  # DATE is not scored, so not a false positive either
    assert (scores["PER"].exact.precision, scores["PER"].exact.recall) == (1.0, 0.5)


def test_score_default_types_come_from_gold() -> None:
    scores = score([doc_with([Span("LOC", 0, 3)])], [Prediction([Span("PER", 0, 3)])])
    assert list(scores) == ["LOC"]


def test_score_rejects_misaligned_predictions() -> None:
    with pytest.raises(ValueError):
        score([doc_with([])], [])


def test_counts_without_predictions_or_gold() -> None:
    empty = Counts()
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)


def test_pairs_matching() -> None:
    person, position = Span("PER", 0, 5), Span("POSITION", 6, 10)
    other_person, other_position = Span("PER", 50, 55), Span("POSITION", 60, 70)
    gold = doc_with([person, position, other_person, other_position],
                    pairs=[(person, position), (other_person, other_position)])
    pred = Prediction(spans=[], relations={"PAIRS": [
        ([(20, 25), (1, 4)], (7, 9)),  # second person span overlaps, position overlaps: overlap match
        ([(1, 4), (20, 25)], (7, 9)),  # same pair, persons in another order: counted once
        ([(0, 5)], (6, 10)),  # exact match
        ([(0, 5)], (30, 35)),  # position misses
        ([(60, 65)], (50, 55)),  # person and position swapped: no match
    ]})
    pairs = score([gold], [pred], types=[], relations=["PAIRS"])["PAIRS"]
    assert (pairs.overlap.predicted, pairs.overlap.correct, pairs.overlap.gold, pairs.overlap.found) == (4, 2, 2, 1)
    assert pairs.overlap.precision == pytest.approx(0.5)
    assert pairs.overlap.recall == pytest.approx(0.5)
    assert (pairs.exact.correct, pairs.exact.found) == (1, 1)
    assert pairs.exact.precision == pytest.approx(0.25)


def test_pairs_not_scored_unless_asked() -> None:
    assert "PAIRS" not in score([doc_with([])], [Prediction([])], types=[])


# --- systems ------------------------------------------------------------------------------------


class Kind(enum.Enum):
    PER = "PER"
    POSITION = "POSITION"


class FakePipeline:
    def extract_many(self, texts):
        for text in texts:
            yield SimpleNamespace(
                entities=[SimpleNamespace(type=Kind.PER, start=0, end=len(text)),
                          SimpleNamespace(type="POSITION", start=0, end=1)],
                officials=[SimpleNamespace(person_spans=[(0, 2)], position_span=(0, 1)),
                           SimpleNamespace(person_spans=[(0, 2)], position_span=None)],
            )


def test_extractor_system_is_duck_typed() -> None:
    (pred,) = extractor_system(FakePipeline())(["абв"])
    assert pred.spans == [Span("PER", 0, 3), Span("POSITION", 0, 1)]
    assert pred.pairs == [([(0, 2)], (0, 1))]  # the official without a position is dropped


def test_extractor_system_checks_record_count() -> None:
    class Short:
        def extract_many(self, texts):
            return iter([])

    with pytest.raises(ValueError):
        extractor_system(Short())(["a"])


def test_import_does_not_load_natasha() -> None:
    code = "import sys, extractor.evaluate; print('natasha' in sys.modules, 'slovnet' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.split() == ["False", "False"]


# --- report -------------------------------------------------------------------------------------


def person_only_system(texts: list[str]) -> list[Prediction]:
    # Finds 'Сергей Собянин' exactly, 'Собянин заявил' as an overlap; pairs it with 'Мэр'.
    preds = []
    for text in texts:
        start = text.find("Сергей")
        if start < 0:
            preds.append(Prediction([]))
            continue
        spans = [Span("PER", start, start + 14), Span("PER", start + 7, start + 22)]
        preds.append(Prediction(spans, relations={"PAIRS": [([(start, start + 14)], (0, 3))]}))
    return preds


def test_evaluate_and_render_markdown(brat_dir: Path) -> None:
    report = evaluate(brat_dir, {"toy": person_only_system})
    (corpus,) = report.corpora
    assert corpus.corpus == "nerel" and corpus.docs == 2
    (result,) = corpus.systems
    assert result.seconds >= 0
    md = render_markdown(report)
    lines = md.splitlines()
    header = next(line for line in lines if line.startswith("| type"))
    assert header == ("| type | support | toy P exact | toy R exact | toy F1 exact "
                      "| toy P overlap | toy R overlap | toy F1 overlap |")
    rows = {line.split(" | ")[0][2:]: line for line in lines if line.startswith("| ") and line != header}
    # PER: 2 predicted, 1 exact hit out of 1 gold; both overlap it.
    assert rows["PER"] == "| PER | 1 | 0.500 | 1.000 | 0.667 | 1.000 | 1.000 | 1.000 |"
    # LOC: nothing predicted, so precision is undefined.
    assert rows["LOC"] == "| LOC | 1 | — | 0.000 | 0.000 | — | 0.000 | 0.000 |"
    # PAIRS: 'Мэр' (0, 3) overlaps the gold position 'Мэр Москвы' but is not identical.
    assert rows["PAIRS"] == "| PAIRS | 1 | 0.000 | 0.000 | 0.000 | 1.000 | 1.000 | 1.000 |"
    assert "POSITION" in rows and "MONEY" in rows
    assert "- toy:" in md


def test_factrueval_report_has_three_types_and_no_pairs(fre_dir: Path) -> None:
    report = evaluate(fre_dir, {"none": lambda texts: [Prediction([]) for _ in texts]})
    assert report.corpora[0].rows == ["PER", "ORG", "LOC"]
    assert "PAIRS" not in render_markdown(report)


def test_to_json_round_trips(brat_dir: Path) -> None:
    data = json.loads(to_json(evaluate(brat_dir, {"toy": person_only_system})))
    per = data["corpora"][0]["systems"]["toy"]["scores"]["PER"]
    assert per["support"] == 1
    assert per["exact"]["precision"] == pytest.approx(0.5)
    assert per["overlap"]["fp"] == 0


# --- real data (skipped where ../shared is absent) ----------------------------------------------


@pytest.mark.skipif(not (SHARED / "nerel" / "dev").is_dir(), reason="../shared/data/nerel not available")
def test_nerel_dev_offsets_match_ann_text() -> None:
    folder = SHARED / "nerel" / "dev"
    docs = {d.id: d for d in read_brat(folder)}
    assert len(docs) == 94
    checked = 0
    for ann in sorted(folder.glob("*.ann")):
        text = docs[ann.stem].text
        for line in ann.read_text(encoding="utf-8").split("\n"):
            if not line.startswith("T"):
                continue
            _, kind_offsets, annotated = line.split("\t", 2)
            fragments = [tuple(map(int, f.split())) for f in kind_offsets.split(" ", 1)[1].split(";")]
            assert " ".join(text[a:b] for a, b in fragments) == annotated, (ann.name, line)
            checked += 1
    assert checked > 5000
    for doc in docs.values():
        for span in doc.spans:
            assert 0 <= span.start < span.end <= len(doc.text)
            assert doc.text[span.start : span.end] == doc.text[span.start : span.end].strip()


@pytest.mark.skipif(not (SHARED / "factrueval" / "devset").is_dir(), reason="../shared/data/factrueval not available")
def test_factrueval_dev_token_offsets_match_text() -> None:
    folder = SHARED / "factrueval" / "devset"
    docs = {d.id: d for d in read_factrueval(folder)}
    assert len(docs) == 122
    for tokens in sorted(folder.glob("*.tokens")):
        text = docs[tokens.stem].text
        for line in tokens.read_text(encoding="utf-8").split("\n"):
            fields = line.split()
            if len(fields) >= 4:
                start, length = int(fields[1]), int(fields[2])
                assert text[start : start + length] == fields[3], (tokens.name, line)
    for doc in docs.values():
        for span in doc.spans:
            assert doc.text[span.start : span.end] == doc.text[span.start : span.end].strip()
