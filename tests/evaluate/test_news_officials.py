"""The news officials gold set (tests/data/news_officials.jsonl) and its scorer (extractor/evaluate/officials.py)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from extractor.evaluate.officials import (
    compatible, head_word, match_doc, norm_org, read_gold, render_officials, same_person, score_officials,
)

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "news_officials.jsonl"
NEWS = ROOT.parent / "shared" / "data" / "news"
KEYS = {"id", "doc", "person", "person_start", "person_end", "position", "acting", "former",
        "organization", "region", "city", "country"}


def official(person: str, position: str, **fields) -> SimpleNamespace:
    return SimpleNamespace(person=person, position=position, organization=fields.get("organization"),
                           region=fields.get("region"), country=fields.get("country"), acting=fields.get("acting"))


# --- the gold file ------------------------------------------------------------------------------


def test_gold_records_are_well_formed() -> None:
    gold = read_gold(GOLD)
    assert len(gold) >= 70 and len({g["doc"] for g in gold}) >= 20
    assert len({g["id"] for g in gold}) == len(gold)
    for g in gold:
        assert set(g) == KEYS, g["id"]
        assert g["id"].split(":")[:3] == ["news", g["doc"], str(g["person_start"])]
        assert isinstance(g["acting"], bool) and isinstance(g["former"], bool)
        assert g["position"] == g["position"].strip().lower() and g["position"], g["id"]
        assert not g["position"].startswith(("и.о.", "врио", "замглавы", "зампред")), g["id"]


def test_regions_are_gazetteer_names() -> None:
    from extractor.geo.data import load_regions

    names = {place.name for place in load_regions()}
    # the one subject that no longer exists (merged into Красноярский край in 2007) is named as in its time
    allowed = names | {"Россия", "Таймырский автономный округ"}
    assert {g["region"] for g in read_gold(GOLD)} - {None} <= allowed


@pytest.mark.skipif(not NEWS.is_dir(), reason="needs ../shared/data/news")
def test_offsets_point_at_the_first_mention() -> None:
    for g in read_gold(GOLD):
        text = (NEWS / f"{g['doc']}.txt").read_text(encoding="utf-8")
        mention = text[g["person_start"]:g["person_end"]]
        surname = g["person"].replace(".", " ").split()[-1]
        # the mention is an inflected form of the name: it holds the surname's stem
        assert surname[: max(4, len(surname) - 2)] in mention, (g["id"], mention)
        assert text.find(surname[: max(4, len(surname) - 2)]) >= g["person_start"], g["id"]  # no earlier mention
        assert not text[g["person_start"] - 1:g["person_start"]].isalpha(), g["id"]  # a whole word
        assert not text[g["person_end"]:g["person_end"] + 1].isalpha(), g["id"]


# --- matching -----------------------------------------------------------------------------------


def test_person_matching() -> None:
    assert same_person("Семён Иванов", "семен иванов")
    assert same_person("С.Н. Пешперова", "Светлана Пешперова")
    assert same_person("Василий Анохин", "Анохин")
    assert not same_person("С.Н. Пешперова", "А.Н. Пешперова")
    assert not same_person("Василий Анохин", "Виктор Анохин")
    assert not same_person("С.Н. Пешперова", "С.Н. Пешперов")


def test_position_compatibility() -> None:
    assert head_word("первый вице-губернатор") == "вице-губернатор"
    assert head_word("генеральный директор") == "директор"
    assert compatible("глава", "президент республики")
    assert compatible("заместитель председателя правительства", "заместитель председателя регионального правительства")
    assert compatible("заместитель", "заместитель губернатора")
    assert not compatible("заместитель генерального директора", "заместитель секретаря")
    assert not compatible("губернатор", "заместитель губернатора")
    assert norm_org("ОАО «ГМК «Норильский никель»") == norm_org('ОАО "ГМК "Норильский никель"')


def test_matching_is_one_to_one_exact_first() -> None:
    gold = [{"person": "Артур Кохоев", "position": "депутат"},
            {"person": "Артур Кохоев", "position": "заместитель министра"}]
    pairs, missed, spurious = match_doc(gold, [official("Артур Кохоев", "заместитель председателя"),
                                               official("Артур Кохоев", "заместитель министра"),
                                               official("Иван Белеков", "депутат")])
    assert [(g["position"], o.position) for g, o in pairs] == [("заместитель министра", "заместитель министра")]
    assert missed == [gold[0]] and [o.person for o in spurious] == ["Артур Кохоев", "Иван Белеков"]


def test_scores_and_field_agreement() -> None:
    gold = [dict(doc="d", person="Алексей Чернышов", position="губернатор", acting=False, former=False,
                 organization=None, region="Оренбургская область", country="Россия"),
            dict(doc="d", person="Олег Наумов", position="депутат", acting=False, former=False,
                 organization="Государственная дума", region="Россия", country="Россия")]
    system = {"d": [official("Алексей Чернышов", "губернатор", region="Оренбургская область", country="Россия"),
                    official("Олег Наумов", "депутат", organization="Государственной думы", country="Россия"),
                    official("Олег Наумов", "предприниматель")]}
    result = score_officials(gold, system, "gold.jsonl")
    assert (result.counts.predicted, result.counts.correct, result.counts.gold) == (3, 2, 2)
    assert result.agree["position"] == 2 and result.agree["region"] == 1 and result.agree["country"] == 2
    assert result.agree["organization"] == 1  # the case differs: not the normal form
    assert result.agree["acting"] == 2  # a missing field reads as false
    table = render_officials(result)
    assert "| extractor | 2 | 3 | 2 | 0.667 | 1.000 | 0.800 |" in table


def test_evaluate_refuses_a_missing_gold_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from extractor.run.cli import main

    assert main(["evaluate", str(tmp_path / "none.jsonl"), "--no-baseline"]) == 2
    assert "none.jsonl" in capsys.readouterr().err


def test_report_carries_the_officials_section() -> None:
    from extractor.evaluate.report import Report, render_markdown, to_json

    gold = [dict(doc="d", person="Иван Белеков", position="депутат", acting=False, former=False,
                 organization="Государственная дума", region="Россия", country="Россия")]
    result = score_officials(gold, {"d": [official("Иван Белеков", "депутат", organization="Госдума")]}, "g.jsonl")
    report = Report(officials=[result])
    assert render_markdown(report).startswith("### officials: g.jsonl (1 docs, 1 officials)")
    data = json.loads(to_json(report))["officials"][0]
    assert (data["precision"], data["recall"]) == (1.0, 1.0)
    assert data["agreement"]["organization"] == {"agree": 0, "share": 0.0}
    assert "officials" not in json.loads(to_json(Report()))
