"""The person–position model: its files, its scoring, its candidates and its training command."""
from __future__ import annotations

import json
import math

import pytest

from extractor.document import Document
from extractor.evaluate.corpora import GoldDoc, Span
from extractor.links.linker import WORKS_AS, Context, LinkModel, Pair, candidates
from extractor.document import scope, top_level
from extractor.links.officials import Officials, rule_links
from extractor.records import Entity, Person
from tools.train import Example, fit, label, main

LESIN = "Михаил Лесин родился в 1958 году в Москве. С 2013 года по январь 2015 года он был главой «Газпром-медиа»."
TWO_MINISTERS = "Министр финансов Антон Силуанов встретился с Алексеем Кудриным. Кудрин, бывший министр финансов, рассказал о планах."


def pairs_of(pipeline, text: str):
    doc = pipeline.process([Document(id="t", text=text)])[0]
    ents = top_level(doc.entities)
    hits = [(c.position, c.person, c.rule) for c in rule_links(doc, ents)]
    return doc, candidates(Context(doc, ents, doc.persons, scope), hits)


# --- the shipped model -----------------------------------------------------------------------


def test_shipped_model_and_its_manifest_agree():
    model = LinkModel.load()
    manifest = json.loads((WORKS_AS / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["name"] == "works_as" and manifest["version"]
    assert manifest["features"] == len(model.weights) > 100
    assert manifest["threshold"] == model.threshold
    assert manifest["size_bytes"] == (WORKS_AS / "weights.json").stat().st_size
    assert manifest["training_data"]["documents"] > 500 and "NEREL train" in manifest["training_data"]["corpus"]
    assert manifest["command"].startswith("python -m tools.train")
    dev = manifest["nerel_dev"]
    assert dev["model"]["overlap"]["f1"] > dev["rules_only"]["overlap"]["f1"]


def test_a_missing_model_says_where_it_belongs(tmp_path):
    with pytest.raises(FileNotFoundError, match="models/works_as"):
        LinkModel.load(tmp_path)


def test_probability_is_the_logistic_of_the_summed_weights(tmp_path):
    model = LinkModel({"a": 1.5, "b": -0.5}, bias=-1.0, threshold=0.5, manifest={"name": "t"})
    assert model.probability(["a", "b", "unknown"]) == pytest.approx(1 / (1 + math.exp(0.0)))
    assert model.probability(["a"]) == pytest.approx(1 / (1 + math.exp(-0.5)))
    model.save(tmp_path)
    again = LinkModel.load(tmp_path)
    assert (again.weights, again.bias, again.threshold) == (model.weights, model.bias, model.threshold)


# --- candidates and decisions ----------------------------------------------------------------


def test_candidates_carry_the_rule_and_the_order(pipeline):
    _, pairs = pairs_of(pipeline, TWO_MINISTERS)
    by = {(p.person.name, p.position.text): p for p in pairs}
    first = by["Антон Силуанов", "Министр финансов"]
    assert first.rule == "position_then_name" and "pos<per" in first.features
    second = by["Алексей Кудрин", "бывший министр финансов"]
    assert second.rule == "name_then_position" and "per<pos|gap=," in second.features
    # the other minister of the first sentence is a candidate too, and loses
    assert ("Алексей Кудрин", "Министр финансов") in by


def test_the_model_keeps_the_plain_links_and_rejects_the_crossed_ones(pipeline):
    doc = pipeline.process([Document(id="t", text=TWO_MINISTERS)])[0]
    assert {(o.person, doc.text[slice(*o.position_span)], o.rule) for o in doc.officials} == {
        ("Антон Силуанов", "Министр финансов", "model+position_then_name"),
        ("Алексей Кудрин", "бывший министр финансов", "model+name_then_position"),
    }


def test_a_position_refers_back_to_the_person_of_the_previous_sentence(pipeline):
    doc, pairs = pairs_of(pipeline, LESIN)
    (pair,) = pairs
    assert pair.person.name == "Михаил Лесин" and pair.rule is None
    assert {"sd=1", "sd=1|pronoun", "sd=1|rank=0"} <= set(pair.features)
    (official,) = doc.officials
    assert (official.person, official.rule) == ("Михаил Лесин", "model")
    assert doc.text[slice(*official.position_span)] == "главой «Газпром-медиа»"


def test_without_a_model_the_rules_alone_decide(pipeline):
    doc = pipeline.process([Document(id="t", text=LESIN + " " + TWO_MINISTERS)])[0]
    Officials(None)([doc])
    assert {o.rule for o in doc.officials} == {"position_then_name", "name_then_position"}
    assert "Михаил Лесин" not in {o.person for o in doc.officials}


# --- training --------------------------------------------------------------------------------


def toy_pair(features: list[str]) -> Pair:
    ent = Entity("POSITION", "x", 0, 1, "x", "article-1")
    return Pair(ent, Person("P1", "X"), ent, None, features)


def test_fit_learns_the_separating_feature_and_is_deterministic():
    gold = GoldDoc("g", "", [])
    pairs = [toy_pair(["good", f"noise{i % 3}"]) for i in range(20)] + [toy_pair(["bad", f"noise{i % 3}"]) for i in range(20)]
    examples = [Example(gold, Document("d", ""), pairs, [True] * 20 + [False] * 20)]
    model = fit(examples)
    assert model.weights["good"] > 0 > model.weights["bad"]
    assert model.probability(["good", "noise1"]) > 0.8 > 0.2 > model.probability(["bad", "noise1"])
    assert fit(examples).weights == model.weights


def test_labels_match_gold_pairs_by_overlap():
    person = Person("P1", "Михаил Лесин", mentions=[(0, 12), (60, 65)])
    position = Entity("POSITION", "главой", 70, 76, "глава", "article-1")
    pair = toy_pair([])
    pair.person, pair.position = person, position
    gold = GoldDoc("g", "", [], {"PAIRS": [(Span("PER", 60, 62), Span("POSITION", 70, 90))]})
    assert label(pair, gold)
    other = GoldDoc("g", "", [], {"PAIRS": [(Span("PER", 20, 30), Span("POSITION", 70, 90))]})
    assert not label(pair, other)


SENTENCES = [
    ("Губернатор Смоленской области Василий Анохин провёл совещание.", "Василий Анохин", "Губернатор Смоленской области"),
    ("Министр здравоохранения Михаил Мурашко посетил больницу.", "Михаил Мурашко", "Министр здравоохранения"),
    ("Вячеслав Володин, председатель Государственной думы, выступил с речью.", "Вячеслав Володин", "председатель Государственной думы"),
    ("Мэр Москвы Сергей Собянин открыл станцию метро.", "Сергей Собянин", "Мэр Москвы"),
    ("Президент Франции Эмманюэль Макрон прибыл в Берлин.", "Эмманюэль Макрон", "Президент Франции"),
]


def test_the_training_command_writes_a_loadable_model(tmp_path, pipeline, monkeypatch):
    corpus = tmp_path / "train"
    corpus.mkdir()
    for n, (text, person, position) in enumerate(SENTENCES):
        p, q = text.index(person), text.index(position)
        (corpus / f"{n}.txt").write_text(text, encoding="utf-8")
        (corpus / f"{n}.ann").write_text(
            f"T1\tPERSON {p} {p + len(person)}\t{person}\nT2\tPROFESSION {q} {q + len(position)}\t{position}\n"
            "R1\tWORKS_AS Arg1:T1 Arg2:T2\n", encoding="utf-8")
    import extractor

    monkeypatch.setattr(extractor, "load", lambda **_: pipeline)  # the loaded session pipeline
    assert main([str(corpus), "-o", str(tmp_path / "model")]) == 0
    model = LinkModel.load(tmp_path / "model")
    assert model.manifest["training_data"]["documents"] == 5
    assert model.manifest["training_data"]["gold_pairs"] == 5
    assert 0 < model.threshold < 1 and model.weights
    assert "nerel_dev" not in model.manifest
