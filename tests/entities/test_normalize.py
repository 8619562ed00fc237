"""Normal forms in the nominative: table-driven, on the shared analyser."""
from __future__ import annotations

import pytest

from extractor.document import Token
from extractor.morph import Morph
from extractor.entities.normalize import Normalizer


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer(Morph.load())


def tokens(text: str) -> list[Token]:
    from razdel import tokenize

    return [Token(t.text, t.start, t.stop, 0) for t in tokenize(text)]


@pytest.mark.parametrize(
    "kind, text, normal",
    [
        ("PER", "Вячеславом Володиным", "Вячеслав Володин"),
        ("PER", "Василия Анохина", "Василий Анохин"),
        ("PER", "Анны Ахматовой", "Анна Ахматова"),
        ("PER", "Игорю Сергеенко", "Игорь Сергеенко"),
        ("PER", "Андрей СМИРНОВ", "Андрей Смирнов"),
        ("PER", "Василием Челенко", "Василий Челенко"),
        ("PER", "Юлии Тимошенко", "Юлия Тимошенко"),
        ("PER", "Мусы Мусаева", "Муса Мусаев"),  # pymorphy3 reads "Мусаева" as a woman's first name
        ("PER", "Мусаев", "Мусаев"),  # … and "Мусаев" as the genitive plural of "Мусай"
        ("PER", "Марину Ковтун", "Марина Ковтун"),  # a man's surname would read "Ковтуну"
        ("PER", "Аслан Масхадов", "Аслан Масхадов"),
        ("PER", "Александром Худилайненом", "Александр Худилайнен"),  # surnames pymorphy3 does not know
        ("PER", "Рубена Бельтрана", "Рубен Бельтран"),
        ("PER", "Николая Крана", "Николай Кран"),
        ("PER", "Алексея Лебедя", "Алексей Лебедь"),
        ("PER", "Евгением Мамаевым", "Евгений Мамаев"),
        ("PER", "Нырковой", "Ныркова"),
        ("PER", "Харуки Мураками", "Харуки Мураками"),  # foreign names in -и do not decline
        ("PER", "Наиле Аскер-заде", "Наила Аскер-заде"),
        ("PER", "Сергей Донской", "Сергей Донской"),
        ("PER", "С.Н. Пешперова", "С.Н. Пешперова"),  # initials alone: as written, when it may be a nominative
        ("PER", "О.А. Каранов", "О.А. Каранов"),
        ("PER", "Андрея Воробьева", "Андрей Воробьев"),  # no ё where the text writes е
        ("PER", "Нетаньяху", "Нетаньяху"),
        ("PER", "Юрию Долгорукому", "Юрий Долгорукий"),
        ("PER", "Пушкину", "Пушкин"),
        ("PER", "Кристину", "Кристина"),
        ("PER", "Ширшиной", "Ширшина"),
        ("PER", "Идрисова", "Идрисова"),  # nothing else known: as written
        ("PER", "Карл Габсбург-Лотарингский", "Карл Габсбург-Лотарингский"),  # the capital after the hyphen kept
        ("LOC", "Смоленской области", "Смоленская область"),
        ("LOC", "Нижнем Новгороде", "Нижний Новгород"),
        ("LOC", "Бежицком районе", "Бежицкий район"),
        ("LOC", "Соединённых Штатах", "Соединённые Штаты"),
        ("ORG", "Совета Парламентского Собрания Союза Белоруссии и России", "Совет Парламентского Собрания Союза Белоруссии и России"),
        ("ORG", "Государственной думы", "Государственная дума"),
        ("ORG", "МВД", "МВД"),
        ("ORG", "ООО «Ромашка»", "ООО «Ромашка»"),
        ("POSITION", "министрами здравоохранения", "министр здравоохранения"),
        ("POSITION", "председатели нижних палат парламентов", "председатель нижней палаты парламента"),
        ("POSITION", "губернатора Смоленской области", "губернатор Смоленской области"),
        ("POSITION", "генеральным директором", "генеральный директор"),
    ],
)
def test_normal_form(normalizer: Normalizer, kind: str, text: str, normal: str) -> None:
    assert normalizer.normal(kind, tokens(text)) == normal


def stage_normals(morph, text: str, entities: list[tuple[str, str, str]]) -> list[str]:
    from support import hand_document

    from extractor.entities.normalize import Normalize

    doc = hand_document(morph, text, entities)
    Normalize(Normalizer(morph))([doc])
    return [e.normal for e in doc.entities if e.type == "PER"]


def test_a_bare_surname_takes_the_reading_the_full_name_settles(morph) -> None:
    text = "Кирсан Илюмжинов снова стал главой Калмыкии. Илюмжинова поддержали фракции."
    assert stage_normals(morph, text, [("PER", "Кирсан Илюмжинов", ""), ("PER", "Илюмжинова", "")]) == ["Кирсан Илюмжинов", "Илюмжинов"]
    alone = "Илюмжинова поддержали фракции."
    assert stage_normals(morph, alone, [("PER", "Илюмжинова", "")]) == ["Илюмжинова"]  # nothing settles it: as written


def test_the_post_before_a_name_gives_its_case(morph) -> None:
    text = "Он сменил губернатора Свердловской области Евгения Куйвашева."
    entities = [("POSITION", "губернатора Свердловской области", "губернатор Свердловской области"), ("PER", "Евгения Куйвашева", "")]
    assert stage_normals(morph, text, entities) == ["Евгений Куйвашев"]
    text = "Ансамбль поздравил заместитель министра культуры Республики Алтай С.Н. Пешперова."
    entities = [("POSITION", "заместитель министра культуры Республики Алтай", "заместитель министра культуры Республики Алтай"),
                ("PER", "С.Н. Пешперова", "")]
    assert stage_normals(morph, text, entities) == ["С.Н. Пешперова"]


def test_a_span_of_two_surnames_is_cut_in_two(morph) -> None:
    text = "Несколько лет до отставки Наздратенко Дубинин работал вице-губернатором."
    assert stage_normals(morph, text, [("PER", "Наздратенко Дубинин", "")]) == ["Наздратенко", "Дубинин"]
    text = "Ее поддержала Анна Петрова."
    assert stage_normals(morph, text, [("PER", "Анна Петрова", "")]) == ["Анна Петрова"]
