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
