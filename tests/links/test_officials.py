"""Officials: the country each serves, from the place or the body in the position."""
from __future__ import annotations


def test_country_from_region_body_and_city(pipeline):
    text = ("Председатель Госдумы Вячеслав Володин и министр здравоохранения Белоруссии Александр Ходжаев "
            "встретились в Минске. Мэр Минска Владимир Кухарев приветствовал гостей.")
    by_person = {o.person: o for o in pipeline.extract(text).officials}
    volodin, khodzhaev, kukharev = (by_person[n] for n in ("Вячеслав Володин", "Александр Ходжаев", "Владимир Кухарев"))
    assert (volodin.organization, volodin.country_code) == ("Государственная дума", "RU")
    assert (khodzhaev.region, khodzhaev.country, khodzhaev.country_code) == ("Белоруссия", "Белоруссия", "BY")
    assert (kukharev.region, kukharev.country_code) == ("Минск", "BY")


def test_seed_governor_serves_russia_and_the_state_secretary_the_union_state(seed):
    by_person = {o.person: o for o in seed.officials}
    assert (by_person["Василий Анохин"].country, by_person["Василий Анохин"].country_code) == ("Россия", "RU")
    assert by_person["Дмитрий Мезенцев"].organization == "Союзное государство"
    # the text does not say which chamber each chair leads: no country is made up
    assert by_person["Вячеслав Володин"].country is None


def test_participles_used_as_nouns_are_positions(pipeline):
    by_person = {o.person: o.position for o in pipeline.extract(
        "Нападающий «Спартака» Александр Соболев забил гол. Ведущего телепрограммы Андрея Малахова поздравили."
    ).officials}
    assert by_person == {"Александр Соболев": "нападающий", "Андрей Малахов": "ведущий телепрограммы"}


def test_a_participle_before_its_noun_is_no_position(pipeline):
    rec = pipeline.extract("Акции ведущих компаний выросли.")
    assert not [e for e in rec.entities if e.type == "POSITION"]
