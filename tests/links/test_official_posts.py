"""Where an official serves, in which body, and whether the post is acting, former, when."""
from __future__ import annotations

import pytest


def officials(pipeline, text):
    return {o.person: o for o in pipeline.extract(text).officials}


def test_region_from_the_complement_an_abbreviation_and_an_adjective(pipeline):
    found = officials(pipeline, "Министр экономики Татарстана Иван Петров, прокурор НСО Пётр Сидоров и "
                                "смоленский губернатор Василий Анохин встретились.")
    assert (found["Иван Петров"].position, found["Иван Петров"].region) == ("министр экономики", "Республика Татарстан")
    assert found["Пётр Сидоров"].region_code == "RU-NVS"
    assert (found["Василий Анохин"].position, found["Василий Анохин"].region) == ("губернатор", "Смоленская область")


def test_a_city_gives_its_region_and_is_kept(pipeline):
    mayor = officials(pipeline, "Мэр Томска Иван Кляйн открыл мост.")["Иван Кляйн"]
    assert (mayor.region, mayor.region_code, mayor.city, mayor.country_code) == ("Томская область", "RU-TOM", "Томск", "RU")


def test_a_region_named_but_not_which_is_the_documents(pipeline):
    text = "В Смоленской области прошёл форум. Министр экономики области Иван Петров рассказал о планах."
    minister = officials(pipeline, text)["Иван Петров"]
    assert (minister.position, minister.region) == ("министр экономики", "Смоленская область")


def test_by_place_after_the_post(pipeline):
    head = officials(pipeline, "Руководитель управления Росреестра по Смоленской области Иван Петров выступил.")["Иван Петров"]
    assert (head.organization, head.organization_type, head.region) == ("Росреестр", "government", "Смоленская область")


def test_federal_posts_serve_russia_in_a_document_about_russia(pipeline):
    text = "В Смоленской области побывали вице-премьер Марат Хуснуллин и министр здравоохранения Иван Петров."
    found = officials(pipeline, text)
    assert found["Марат Хуснуллин"].country_code == "RU"
    assert found["Иван Петров"].country_code is None  # every region has one: no guess
    abroad = officials(pipeline, "В Париже прошли переговоры. Вице-премьер Жан Дюпон выступил.")
    assert all(o.country_code is None for o in abroad.values())


def test_adjacent_bodies_read_as_one_typed_body(pipeline):
    head = officials(pipeline, "Он встретился с руководителем Приокского управления Ростехнадзора Василием Челенко.")
    assert (head["Василий Челенко"].organization, head["Василий Челенко"].organization_type) == (
        "Приокское управление Ростехнадзора", "government")


@pytest.mark.parametrize(
    ("text", "person", "position", "acting", "former"),
    [
        ("Врио губернатора Курской области Александр Хинштейн выступил.", "Александр Хинштейн", "губернатор", True, False),
        ("Исполняющий обязанности министра финансов Иван Петров приехал.", "Иван Петров", "министр финансов", True, False),
        ("Бывший мэр Москвы Юрий Лужков выступил.", "Юрий Лужков", "мэр", False, True),
        ("Экс-мэр Екатеринбурга Евгений Ройзман выступил.", "Евгений Ройзман", "мэр", False, True),
        ("Мэр Томска Иван Кляйн открыл мост.", "Иван Кляйн", "мэр", False, False),
    ],
)
def test_acting_and_former_posts_keep_the_post_without_them(pipeline, text, person, position, acting, former):
    official = officials(pipeline, text)[person]
    assert (official.position, official.acting, official.former) == (position, acting, former)


def test_period_of_a_post(pipeline):
    text = "Евгений Ройзман в 2013–2018 годах был мэром Екатеринбурга."
    (official,) = pipeline.extract(text).officials
    assert (official.former, official.period) == (True, "2013..2018")


def test_abbreviated_titles_are_spelled_out(pipeline):
    found = officials(pipeline, "Замглавы Минфина Алексей Моисеев и замгубернатора Иван Петров приехали.")
    assert found["Алексей Моисеев"].position == "заместитель главы"
    assert found["Иван Петров"].position == "заместитель губернатора"


def test_a_shared_plural_post_is_each_holders_in_the_singular(pipeline):
    found = officials(pipeline, "Заседание провели председатели нижних палат парламентов Вячеслав Володин и Игорь Сергеенко. "
                                "Пришли министры иностранных дел Сергей Лавров и Максим Рыженков.")
    # the title without the body it serves ("председатель", the chamber being the body)
    assert {found[n].position for n in ("Вячеслав Володин", "Игорь Сергеенко")} == {"председатель"}
    assert found["Сергей Лавров"].position == "министр иностранных дел"  # a plural kept plural (lexicons/plural_complements.txt)


def test_seed_one_official_per_person_with_every_later_mention(seed):
    rows = [(o.person, o.position) for o in seed.officials]
    assert len(rows) == len(set(rows))
    (anokhin,) = [o for o in seed.officials if o.person == "Василий Анохин"]
    assert (anokhin.position, anokhin.region, anokhin.country) == ("губернатор", "Смоленская область", "Россия")
    person = next(p for p in seed.persons if p.id == anokhin.person_id)
    assert set(person.role_mentions) <= set(anokhin.position_spans) and len(anokhin.position_spans) >= 3
    ministers = [o for o in seed.officials if o.position == "министр здравоохранения"]
    assert len(ministers) == 2 and all(o.country is None for o in ministers)
    chairs = {o.person: o.position for o in seed.officials if o.person in ("Вячеслав Володин", "Игорь Сергеенко")}
    assert set(chairs.values()) == {"председатель"}


def test_a_place_adjective_names_the_place_of_a_post_that_serves_one(pipeline):
    found = officials(pipeline, "Британский премьер-министр Борис Джонсон встретился с японским тренером Харуки Мураками.")
    assert found["Борис Джонсон"].country_code == "GB"
    assert found["Харуки Мураками"].country_code is None  # where he is from, not what he serves
