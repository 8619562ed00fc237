"""Officials: one record per person and post, titles without the body or place they serve, no professions."""
from __future__ import annotations

import pytest


def _posts(pipeline, text):
    return {o.person: o.position for o in pipeline.extract(text).officials}


@pytest.mark.parametrize(("text", "title"), [
    ("Председатель районного Совета депутатов Сергей Майхиев выступил.", "председатель"),
    ("Генеральный директор крупнейшей угольной компании ОАО «Кузбассуголь» Дмитрий Мазелин уволен.", "генеральный директор"),
    ('Директор ООО "Паритет" Сергей Тонких заявил.', "директор"),
    ("Председатель парламента Калмыкии Игорь Кичиков сказал.", "председатель"),
    ("Вице-спикер облдумы Игорь Чернышенко сказал.", "вице-спикер"),
    ("Секретарь областного избиркома Татьяна Ныркова сказала.", "секретарь"),
    ("Первый секретарь краевого отделения КПРФ Петр Медведев сказал.", "первый секретарь"),
    ("Губернатор области Андрей Воробьев сказал.", "губернатор"),
    ("Мэр города Юрий Нечаев сказал.", "мэр"),
    ("Начальник Октябрьской железной дороги ОАО «РЖД» Виктор Степанов сказал.", "начальник"),
    # a complement that is part of the post stays: a government, a unit, another post
    ("Заместитель председателя регионального правительства Денис Буцаев сказал.", "заместитель председателя правительства"),
    ("Заместитель министра культуры Светлана Пешперова сказала.", "заместитель министра культуры"),
    ("Руководитель фракции «Единая Россия» Сергей Неверов сказал.", "руководитель фракции"),
    ("Руководитель пресс-службы УВД Мария Шакина сказала.", "руководитель пресс-службы"),
    ("Глава администрации Оренбургской области Алексей Чернышов сказал.", "глава администрации"),
    ("Премьер Хакасии Алексей Лебедь сказал.", "председатель правительства"),
    ("Министр информации и печати Чечни Василий Василенко сказал.", "министр информации и печати"),
    ("Председатель парламентского Комитета по развитию туризма, спорта и молодежной политике Сергей Тимошенский сказал.",
     "председатель комитета по развитию туризма, спорта и молодежной политике"),
    ("По словам заместителя Председателя Правительства Республики Алтай Михаила Маргачева, все пришли.",
     "заместитель председателя правительства"),
    ("Председатель городского совета Иван Петров сказал.", "председатель"),
])
def test_the_title_leaves_out_the_body_and_place_it_serves(pipeline, text, title):
    (found,) = _posts(pipeline, text).values()
    assert found == title


def test_the_titles_of_one_head_of_a_region_are_one_post(pipeline):
    text = ("Глава Калмыкии Кирсан Илюмжинов приехал в Москву. Президент республики Кирсан Илюмжинов встретился с "
            "гостями. Глава региона Кирсан Илюмжинов остался доволен.")
    rec = pipeline.extract(text)
    (official,) = [o for o in rec.officials if o.person == "Кирсан Илюмжинов"]
    assert (official.position, official.region) == ("глава", "Республика Калмыкия")
    assert len(official.position_spans) == 3 and official.position_span == official.position_spans[0]
    (person,) = [p for p in rec.persons if p.id == official.person_id]
    assert person.positions == ["глава"]


def test_the_titles_of_one_mayor_are_one_post_under_the_first(pipeline):
    text = ("Мэр Минусинска Анатолий Кекин ушёл в отпуск. Градоначальник Анатолий Кекин вернулся. "
            "Глава города Анатолий Кекин выступил.")
    posts = [(o.person, o.position, len(o.position_spans)) for o in pipeline.extract(text).officials]
    assert posts == [("Анатолий Кекин", "мэр", 3)]


def test_a_head_of_a_company_is_no_head_of_a_region(pipeline):
    text = "Губернатор Смоленской области Василий Анохин встретился. Президент компании «Ромашка» Василий Анохин уехал."
    posts = sorted(o.position for o in pipeline.extract(text).officials if o.person == "Василий Анохин")
    assert posts == ["губернатор", "президент"]


def test_a_profession_is_no_official_but_still_the_persons(pipeline):
    from extractor.evaluate.systems import _record_pairs

    text = "Предприниматель Олег Наумов и губернатор Оренбургской области Алексей Чернышов подписали договор."
    rec = pipeline.extract(text)
    assert _posts(pipeline, text) == {"Алексей Чернышов": "губернатор"}
    (naumov,) = [p for p in rec.persons if p.name == "Олег Наумов"]
    start = text.index("Предприниматель")
    assert naumov.occupation_spans == [(start, start + len("Предприниматель"))]
    assert "предприниматель" in naumov.positions
    # the person–position pairs scored on NEREL keep the profession
    assert ([tuple(s) for s in naumov.mentions], (start, start + len("Предприниматель"))) in _record_pairs(rec)


def test_a_post_owning_a_message_is_not_the_speakers(pipeline):
    text = ("Минфин готовит предложения для среднесрочного планирования бюджета, в том числе, чтобы обеспечить ресурсами "
            "в последующие годы первоочередные обязательства в связи с исполнением послания президента, заявил министр "
            "финансов РФ Антон Силуанов.")
    posts = [(o.person, o.position) for o in pipeline.extract(text).officials]
    assert posts == [("Антон Силуанов", "министр финансов")]


def test_a_post_named_twice_with_its_place_is_one_official(pipeline):
    text = ("Министр информации и печати Чеченской Республики Василий Василенко сказал. "
            "Министр информации и печати Чечни Василий Василенко добавил.")
    posts = [(o.position, o.region, len(o.position_spans)) for o in pipeline.extract(text).officials]
    assert posts == [("министр информации и печати", "Чеченская Республика", 2)]


def test_a_coordinated_post_is_no_complement(pipeline):
    rec = pipeline.extract("Губернатора и мэра пригласили на совещание.")
    assert [e.text for e in rec.entities if e.type == "POSITION"] == ["Губернатора", "мэра"]


def test_a_counted_post_is_shared_by_the_list_after_a_dash_and_agrees(pipeline):
    text = "В администрации работают два первых вице-губернатора - Виталий Кочуев и Виктор Коростелкин."
    posts = sorted((o.person, o.position) for o in pipeline.extract(text).officials)
    assert posts == [("Виктор Коростелкин", "первый вице-губернатор"), ("Виталий Кочуев", "первый вице-губернатор")]


def test_a_profession_named_again_is_the_same_persons(pipeline):
    text = "Музыкант Евгений Кисин выступил в Ереване. В зале было много гостей из разных городов. Через неделю музыкант уедет в Париж на гастроли."
    rec = pipeline.extract(text)
    (kisin,) = [p for p in rec.persons if p.name == "Евгений Кисин"]
    first, again = text.index("Музыкант"), text.index("музыкант")
    assert kisin.occupation_spans == [(first, first + 8), (again, again + 8)]
    assert {e.person for e in rec.entities if e.type == "POSITION"} == {kisin.id}
    assert not rec.officials
