"""The spaCy component: found by its entry point, serialisable, loadable from disk."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

TEXT = "Министр здравоохранения Михаил Мурашко прилетел в Минск. Губернатор Смоленской области Василий Анохин провёл совещание."


def run_python(code: str, cwd: Path) -> str:
    """In a fresh process that has not imported the package."""
    result = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("ru")
    nlp.add_pipe("ru_fact_extractor")
    return nlp


def test_the_component_puts_the_record_tokens_and_normal_forms_on_the_doc(nlp):
    doc = nlp(TEXT)
    assert ("Михаил Мурашко", "PER", "Михаил Мурашко") in {(e.text, e.label_, e._.normal) for e in doc.ents}
    assert ("Смоленской области", "Смоленская область") in {(s.text, s._.normal) for s in doc.spans["entities"]}
    assert {(o["person"], o["position"]) for o in doc._.officials} == {("Михаил Мурашко", "министр здравоохранения"), ("Василий Анохин", "губернатор")}
    assert doc._.record.officials[0].person == "Михаил Мурашко"
    tokens = {t.text: t for t in doc}
    assert (tokens["прилетел"].lemma_, tokens["прилетел"].pos_) == ("прилететь", "VERB")
    assert tokens["Смоленской"].pos_ == "ADJ" and tokens["Смоленской"].morph.get("Case") == ["Gen"]
    assert tokens["Мурашко"].pos_ == "PROPN" and tokens["."].pos_ == "PUNCT"


def test_the_doc_round_trips_through_bytes_and_docbin(nlp):
    from spacy.tokens import Doc, DocBin

    doc = nlp(TEXT)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.officials == doc._.officials and again._.facts == doc._.facts
    assert [(e.text, e.label_, e._.normal) for e in again.ents] == [(e.text, e.label_, e._.normal) for e in doc.ents]
    docs = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (back,) = DocBin().from_bytes(docs).get_docs(nlp.vocab)
    from extractor.io.write import dumps

    assert dumps(back._.record) == dumps(doc._.record)  # the same JSON record (msgpack gives tuples back for lists)


def test_a_fresh_process_finds_the_factory_and_loads_a_saved_pipeline(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    out = run_python(
        "import spacy, sys, json\n"
        f"nlp = spacy.load({str(tmp_path / 'pipeline')!r})\n"
        f"doc = nlp({TEXT!r})\n"
        "print(json.dumps([o['person'] for o in doc._.officials], ensure_ascii=False))\n"
        "blank = spacy.blank('ru'); blank.add_pipe('ru_fact_extractor')\n"
        f"print(len(blank({TEXT!r}).ents))\n",
        tmp_path,
    )
    officials, ents = out.splitlines()
    assert json.loads(officials) == ["Михаил Мурашко", "Василий Анохин"] and int(ents) > 4


def test_spacy_apply_runs_the_saved_pipeline(nlp, tmp_path):
    from spacy.tokens import DocBin

    nlp.to_disk(tmp_path / "pipeline")
    (tmp_path / "in.jsonl").write_text(json.dumps({"text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "spacy", "apply", str(tmp_path / "pipeline"), str(tmp_path / "in.jsonl"), str(tmp_path / "out.spacy")],
        capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr
    (doc,) = DocBin().from_disk(tmp_path / "out.spacy").get_docs(nlp.vocab)
    assert [o["person"] for o in doc._.officials] == ["Михаил Мурашко", "Василий Анохин"]
