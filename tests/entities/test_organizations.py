"""Organisations: kind, country and canonical name of ORG entities (extractor/organizations.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.document import Document
from extractor.geo.data import load_countries
from extractor.entities.organizations import Organizations, OrgLexicon, phrase_key
from extractor.lexicons import read_table
from extractor.records import ORG_SUBTYPES, Entity, load_schema

GOLD = Path(__file__).resolve().parents[1] / "data" / "org_types.jsonl"


def _rows(name: str, *columns: str) -> list[tuple[str, ...]]:
    return [tuple(row.values()) for _, row in read_table(name, columns, 2)]


@pytest.fixture(scope="module")
def stages():
    """The stages up to this one, without the NER: each test names its organisation."""
    import spacy

    from extractor.text.blocks import Blocks
    from extractor.text.clean import Clean
    from extractor.geo.gazetteer import Gazetteer
    from extractor.entities.locations import Locations
    from extractor.morph import Morph
    from extractor.text.segment import Segment

    morph = Morph.load()
    gazetteer = Gazetteer.load(morph)
    return [Clean(), Blocks(), Segment(morph, spacy.blank("ru").vocab), Locations(gazetteer),
            Organizations(OrgLexicon.load(morph), gazetteer)]


def organization(stages, text: str, start: int, end: int) -> Entity:
    """The ORG entity at [start, end) of `text` after the stages ran, as if the NER had found it."""
    doc = Document(id="test", text=text)
    for stage in stages:
        if stage.name == "locations":
            doc.entities.append(Entity("ORG", text[start:end], start, end, "", doc.block_at(start).id))
        stage([doc])
    return next(e for e in doc.entities if e.type == "ORG")


def named(stages, text: str, name: str) -> Entity:
    start = text.index(name)
    return organization(stages, text, start, start + len(name))


# -- kinds ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Решение принял Верховный суд Испании.", "Верховный суд Испании", "court"),
        ("Заседание Законодательного собрания Кировской области.", "Законодательного собрания Кировской области", "legislature"),
        ("Он работает в ООО «Ромашка».", "ООО «Ромашка»", "company"),
        ("Игрок перешёл в ФК «Торпедо».", "ФК «Торпедо»", "sports"),
        ("Об этом сообщила пресс-служба МВД.", "пресс-служба МВД", "government"),
        ("Он возглавил комитет Госдумы по обороне.", "комитет Госдумы по обороне", "legislature"),
        ("Он вошёл в совет директоров банка «Открытие».", "совет директоров банка «Открытие»", "bank"),
        ("Чемпион Всемирного боксёрского совета.", "Всемирного боксёрского совета", "sports"),
        ("Членом Союза писателей России он стал рано.", "Союза писателей России", "public"),
        ("Он окончил Московский авиационный институт.", "Московский авиационный институт", "education"),
        ("Спектакль Театра сатиры.", "Театра сатиры", "culture"),
        ("Он вступил в Коммунистическую партию.", "Коммунистическую партию", "party"),
        ("Прихожане Смоленской епархии.", "Смоленской епархии", "religious"),
        ("Учения Сухопутных войск.", "Сухопутных войск", "military"),
        ("Приговор вынес Пресненский суд.", "Пресненский суд", "court"),
        ("Иск против Газпрома.", "Газпрома", "company"),
        ("Сообщает газета «Вечерний Смоленск».", "Вечерний Смоленск", "media"),
        ("Сделку проверяет компания Group-IB.", "Group-IB", "company"),
    ],
)
def test_kind_from_the_words_of_the_name_or_just_before_it(stages, text, name, kind):
    assert named(stages, text, name).subtype == kind


def test_a_name_without_typing_words_stays_untyped(stages):
    ent = named(stages, "Мы встретились у «Рогов и копыт».", "Рогов и копыт")
    assert (ent.subtype, ent.code) == (None, None)


def test_a_unit_of_an_unnamed_body_stays_untyped(stages):
    assert named(stages, "Об этом сообщила пресс-служба.", "пресс-служба").subtype is None


# -- countries -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Заявление МИД России.", "МИД России", "RU"),
        ("Заявление МИД Франции.", "МИД Франции", "FR"),
        ("Решение правительства Смоленской области.", "правительства Смоленской области", "RU"),
        ("Депутаты Национального собрания Республики Беларусь.", "Национального собрания Республики Беларусь", "BY"),
        ("Мэрия Парижа объявила конкурс.", "Мэрия Парижа", "FR"),
        ("Итальянский суд приговорил его.", "Итальянский суд", "IT"),
        ("Контракт с белорусской компанией «Гомсельмаш».", "Гомсельмаш", "BY"),
        ("Он играет за британскую группу The Prodigy.", "The Prodigy", "GB"),
        ("Депутаты Смоленской областной думы.", "Смоленской областной думы", "RU"),
        ("Сообщили в Роскомнадзоре.", "Роскомнадзоре", "RU"),
        ("Цитату приводит украинский Forbes.", "украинский Forbes", "UA"),
        ("Решение ЦБ Турции.", "ЦБ Турции", "TR"),
    ],
)
def test_country_from_a_nested_place_an_adjective_or_the_known_body(stages, text, name, code):
    assert named(stages, text, name).code == code


def test_a_body_of_several_states_has_no_country(stages):
    ent = named(stages, "Сессия Парламентского собрания Союза Беларуси и России.", "Парламентского собрания Союза Беларуси и России")
    assert (ent.subtype, ent.code, ent.normal) == ("legislature", None, "Парламентское собрание Союза Беларуси и России")


def test_a_generic_body_without_a_place_has_no_country(stages):
    assert named(stages, "Об этом сообщили в Минздраве.", "Минздраве").code is None


# -- canonical names -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "name", "normal"),
    [
        ("Депутаты Госдумы приняли закон.", "Госдумы", "Государственная дума"),
        ("Депутаты Государственной Думы приняли закон.", "Государственной Думы", "Государственная дума"),
        ("Закон одобрил Совфед.", "Совфед", "Совет Федерации"),
        ("Закон одобрен Советом Федерации.", "Советом Федерации", "Совет Федерации"),
        ("Об этом сообщили в Минздраве.", "Минздраве", "Министерство здравоохранения"),
        ("Письмо Минздрава Белоруссии.", "Минздрава Белоруссии", "Министерство здравоохранения Белоруссии"),
        ("Заявление МИД России.", "МИД России", "Министерство иностранных дел России"),
        ("Решение ЦБ.", "ЦБ", "Банк России"),
        ("Тарифы РЖД вырастут.", "РЖД", "Российские железные дороги"),
        ("Акции «Газпрома» подорожали.", "Газпрома", "Газпром"),
        ("Отчёт Федеральной налоговой службы (ФНС).", "Федеральной налоговой службы (ФНС)", "Федеральная налоговая служба"),
        ("Штаб-квартира ООН в Нью-Йорке.", "ООН", "Организация Объединённых Наций"),
        ("Саммит Союзного государства.", "Союзного государства", "Союзное государство"),
    ],
)
def test_known_bodies_get_their_canonical_name(stages, text, name, normal):
    assert named(stages, text, name).normal == normal


def test_a_foreign_place_does_not_join_a_national_body_name(stages):
    ent = named(stages, "Решение ЦБ Турции.", "ЦБ Турции")
    assert (ent.subtype, ent.normal) == ("bank", "")  # left to the normalize stage: not "Банк России Турции"


# -- data files ---------------------------------------------------------------------------

def test_data_files_use_known_types_and_countries():
    codes = {c.code for c in load_countries()}
    for name, kind, country, _ in _rows("bodies.tsv", "name", "type", "country", "aliases"):
        assert kind in ORG_SUBTYPES, name
        assert country in codes | {"", "-"}, name
    for phrase, kind, role in _rows("org_types.tsv", "words", "type", "role"):
        assert kind in (*ORG_SUBTYPES, "-") and role in ("head", "part", "generic", "modifier"), phrase
    assert {code for code, _ in _rows("country_adjectives.tsv", "code", "adjectives")} <= codes


def test_no_alias_names_two_bodies(stages):
    lexicon = stages[-1].lexicon
    morph = stages[2].morph
    from extractor.geo.gazetteer import name_words

    for name, _, _, aliases in _rows("bodies.tsv", "name", "type", "country", "aliases"):
        for alias in [name, *filter(None, aliases.split("|"))]:
            assert lexicon.bodies[phrase_key(morph, name_words(alias))].name == name, alias


def test_org_subtypes_are_in_the_schema():
    enum = load_schema()["properties"]["entities"]["items"]["properties"]["subtype"]["enum"]
    assert set(ORG_SUBTYPES) <= set(enum)


# -- the gold set -------------------------------------------------------------------------

def test_gold_set_typing_and_country_accuracy(stages):
    """tests/data/org_types.jsonl: NEREL dev ORG mentions typed by hand (see tests/data/README.md)."""
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    typed = correct = with_code = right_code = 0
    for item in gold:
        start = item["start"]
        ent = organization(stages, item["context"], start, start + len(item["text"]))
        typed += ent.subtype is not None
        correct += ent.subtype == item["type"]
        with_code += ent.code is not None
        right_code += ent.code is not None and ent.code == item["country"]
    print(f"org types: {typed}/{len(gold)} typed, {correct}/{typed} right; countries {right_code}/{with_code} right")
    assert len(gold) >= 150
    assert typed / len(gold) >= 0.65  # coverage
    assert correct / typed >= 0.9  # precision of the kinds given
    assert right_code / with_code >= 0.95  # precision of the countries given
    assert right_code / sum(item["country"] is not None for item in gold) >= 0.25  # most names say no country


# -- the seed article (full pipeline) -----------------------------------------------------

def test_seed_organizations(seed):
    orgs = {e.text: e for e in seed.entities if e.type == "ORG"}
    council = orgs["Совета Парламентского Собрания Союза Белоруссии и России"]
    assert (council.subtype, council.code) == ("legislature", None)  # a body of the Union, not of one state
    assert (orgs["Ростехнадзора"].subtype, orgs["Ростехнадзора"].code, orgs["Ростехнадзора"].normal) == ("government", "RU", "Ростехнадзор")
    assert (orgs["Госавтоинспекции"].subtype, orgs["Госавтоинспекции"].normal) == ("government", "Госавтоинспекция")
    assert all(e.subtype in (*ORG_SUBTYPES, None) for e in orgs.values())
