"""Role-only and pronoun mentions linked to the person they mean."""
from __future__ import annotations


def person(record, name):
    (found,) = [p for p in record.persons if p.name == name]
    return found


def test_seed_governor_and_head_of_region_are_anokhin(seed, seed_text):
    anokhin = person(seed, "Василий Анохин")
    roles = [seed_text[s:e] for s, e in anokhin.role_mentions]
    assert roles == ["главы региона", "губернатор"]
    linked = [e for e in seed.entities if e.type == "POSITION" and e.person == anokhin.id]
    assert {e.text for e in linked} >= {"губернатор Смоленской области", "главы региона", "губернатор"}


def test_an_ambiguous_role_stays_unlinked(pipeline):
    text = ("Министры здравоохранения Михаил Мурашко и Александр Ходжаев подписали соглашение. "
            "Министр отметил важность документа.")
    rec = pipeline.extract(text)
    assert all(not p.role_mentions for p in rec.persons)


def test_sentence_initial_pronoun_of_the_one_person_of_its_gender(pipeline):
    text = "Губернатор Тверской области Игорь Руденя посетил завод. Он осмотрел новые цеха."
    rec = pipeline.extract(text)
    rudenya = person(rec, "Игорь Руденя")
    assert [text[s:e] for s, e in rudenya.pronoun_mentions] == ["Он"]


def test_a_pronoun_of_the_other_gender_is_not_linked(pipeline):
    text = "Губернатор Тверской области Игорь Руденя посетил завод. Она осмотрела новые цеха."
    rec = pipeline.extract(text)
    assert all(not p.pronoun_mentions for p in rec.persons)


def test_two_men_make_a_pronoun_ambiguous(pipeline):
    text = "Игорь Руденя встретился с Василием Анохиным. Он рассказал о планах."
    rec = pipeline.extract(text)
    assert all(not p.pronoun_mentions for p in rec.persons)


def test_a_plural_role_means_no_one(pipeline):
    text = "Писатель Дмитрий Быков приехал в Барнаул. Туда же прилетели известные писатели и критики."
    rec = pipeline.extract(text)
    assert person(rec, "Дмитрий Быков").role_mentions == []


def test_an_unnamed_he_before_blocks_the_pronoun(pipeline):
    text = ("В 2005 году он был задержан по подозрению в покушении на Анатолия Чубайса. "
            "Он отсидел три года.")
    rec = pipeline.extract(text)
    assert all(not p.pronoun_mentions for p in rec.persons)
