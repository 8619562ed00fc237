"""Where an official serves, completed from the post's own words (links/bodies.py)."""
from __future__ import annotations

import pytest

from extractor.geo.data import load_regions
from extractor.lexicons import read_table


def officials(pipeline, text: str) -> dict[str, object]:
    return {o.person: o for o in pipeline.extract(text).officials}


def where(official) -> tuple:
    return official.organization, official.region, official.country


@pytest.fixture(scope="module")
def bodies(pipeline):
    officials_stage = next(s for s in pipeline.stages if s.name == "officials")
    return officials_stage.bodies


@pytest.mark.parametrize("name, genitive", [
    ("Республика Алтай", "Республики Алтай"),
    ("Чеченская Республика", "Чеченской Республики"),
    ("Кемеровская область — Кузбасс", "Кемеровской области — Кузбасса"),
    ("Республика Северная Осетия — Алания", "Республики Северная Осетия — Алания"),
    ("Ханты-Мансийский автономный округ — Югра", "Ханты-Мансийского автономного округа — Югры"),
    ("Санкт-Петербург", "Санкт-Петербурга"),
    ("Россия", "России"),
    ("Владивосток", "Владивостока"),
])
def test_places_are_spelt_in_the_genitive(bodies, name, genitive):
    assert bodies.genitive(name) == genitive


def test_every_region_has_one_legislature():
    regions = {r.name for r in load_regions()}
    rows = [row["region"] for _, row in read_table("regional_legislatures.tsv", ("region", "legislature", "aliases"), 2)]
    assert sorted(rows) == sorted(regions)


def test_the_body_a_post_names_in_the_documents_region(pipeline):
    text = ("В Мурманской области прошли выборы. Губернатор Мурманской области Марина Ковтун выступила. "
            "Вице-спикер облдумы Игорь Чернышенко сообщил о заседании. "
            "Секретарь областного избиркома Татьяна Ныркова подвела итоги.")
    by_person = officials(pipeline, text)
    assert where(by_person["Игорь Чернышенко"]) == ("Мурманская областная Дума", "Мурманская область", "Россия")
    assert where(by_person["Татьяна Ныркова"]) == ("Избирательная комиссия Мурманской области", "Мурманская область", "Россия")


def test_a_bare_governor_serves_the_documents_region(pipeline):
    text = ("Во Владимирской области подвели итоги выборов. Во Владимире 73% избирателей отдали голоса "
            "за действующего губернатора Николая Виноградова.")
    assert where(officials(pipeline, text)["Николай Виноградов"]) == (None, "Владимирская область", "Россия")


def test_federal_posts_serve_russia_and_name_their_ministry(pipeline):
    text = ("Министр финансов РФ Антон Силуанов выступил в Москве. Депутат Госдумы Валерий Язев с ним согласился. "
            "Президент Владимир Путин подписал указ.")
    by_person = officials(pipeline, text)
    assert where(by_person["Антон Силуанов"]) == ("Министерство финансов России", "Россия", "Россия")
    assert where(by_person["Валерий Язев"]) == ("Государственная дума", "Россия", "Россия")
    assert by_person["Владимир Путин"].region == "Россия"


def test_a_city_council_takes_the_documents_city(pipeline):
    text = ("Мэр Петрозаводска Галина Ширшина наложила вето. В Петрозаводске это решение обсуждают. "
            "Председатель городского совета Геннадий Боднарчук считает, что оснований для вето нет.")
    chair = officials(pipeline, text)["Геннадий Боднарчук"]
    assert where(chair) == ("Петрозаводский городской совет", "Республика Карелия", "Россия")
    assert chair.city == "Петрозаводск"


def test_a_district_is_no_region(pipeline):
    text = "В ДТП погибла глава администрации Колпинского района Петербурга Лариса Гладышева."
    head = officials(pipeline, text)["Лариса Гладышева"]
    assert where(head) == ("Администрация Колпинского района", "Санкт-Петербург", "Россия")


def test_a_parliament_is_its_regions_legislature(pipeline):
    text = "Председатель парламента Калмыкии Игорь Кичиков огласил постановление."
    assert where(officials(pipeline, text)["Игорь Кичиков"]) == (
        "Народный Хурал Республики Калмыкия", "Республика Калмыкия", "Россия")


def test_a_body_written_with_its_place_keeps_it(pipeline):
    text = "В среду глава Минприроды России Сергей Донской объявил об открытии месторождения."
    assert officials(pipeline, text)["Сергей Донской"].organization == "Министерство природных ресурсов и экологии России"


def test_a_short_name_is_the_documents_regional_legislature(pipeline):
    text = ("В Горно-Алтайске прошла сессия. Республика Алтай утвердила бюджет. "
            "Председатель Госсобрания Владимир Тюлентин открыл заседание.")
    assert where(officials(pipeline, text)["Владимир Тюлентин"]) == (
        "Государственное Собрание — Эл Курултай Республики Алтай", "Республика Алтай", "Россия")


def test_a_body_of_another_state_keeps_its_own_place(pipeline):
    text = "Министр иностранных дел Франции Жан-Ив Ле Дриан прибыл в Москву."
    minister = next(iter(officials(pipeline, text).values()))
    assert where(minister) == ("Министерство иностранных дел Франции", "Франция", "Франция")


def test_a_post_placed_by_the_document_joins_the_same_post_placed_by_its_words():
    from extractor.links.bodies import merge_covered
    from extractor.records import Official

    def official(span, region, organization=None):
        return Official("Илюхин", "P1", "губернатор", organization, region, None, [(0, 6)], span, "article-1", "model",
                        position_spans=[span])

    named, bare, other = official((10, 20), "Камчатский край"), official((30, 40), None), official((50, 60), "Чукотский автономный округ")
    assert merge_covered([bare, named]) == [named] and named.position_spans == [(10, 20), (30, 40)]
    # a post of two places stays two; a bare one cannot say which it joins
    alone = official((70, 80), None)
    assert merge_covered([named, other, alone]) == [named, other, alone]
