"""The spaCy view is built on first read only (text/spacy_view.py, Document.spacy): records never
need it, so extraction never imports spaCy."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from extractor.document import Deferred, Document

ROOT = Path(__file__).resolve().parents[2]

TEXT = "Губернатор Смоленской области Василий Анохин посетил Минск.\n\nВстреча прошла в Могилёве."


def test_the_doc_is_built_on_first_read_with_the_entities(pipeline):
    (doc,) = pipeline.process([Document(id="x", text=TEXT)])
    assert isinstance(doc._spacy, Deferred)
    sdoc = doc.spacy
    assert sdoc is doc.spacy and not isinstance(doc._spacy, Deferred)  # built once
    assert sdoc.text == TEXT and len(list(sdoc.sents)) == 2
    assert ("Василий Анохин", "PER") in {(e.text, e.label_) for e in sdoc.ents}
    assert {"LOC", "POSITION"} <= {s.label_ for s in sdoc.spans["entities"]}


def test_a_step_on_a_built_doc_runs_at_once():
    doc, seen = Document(id="x", text="a"), []
    doc.spacy = "built"
    doc.on_spacy(seen.append)
    assert seen == ["built"]
    doc.spacy = Deferred(lambda d: d.id.upper())
    doc.on_spacy(seen.append)
    assert seen == ["built"] and doc.spacy == "X" and seen == ["built", "X"]


def test_extraction_does_not_import_spacy():
    code = (
        "import sys, extractor\n"
        f"record = extractor.load().extract({TEXT!r})\n"
        "assert record.ok and record.entities, record\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
