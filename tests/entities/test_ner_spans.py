"""PER spans re-cut into the names they hold (entities/ner.py: person_parts)."""
from __future__ import annotations

import pytest
from razdel import tokenize

from extractor.entities.ner import person_parts
from extractor.entities.person_names import NameMorph


def cut(text: str, names: NameMorph | None = None) -> list[str]:
    tokens = list(tokenize(text))
    checks = (names.is_surname, names.is_name_part) if names else ()
    return [text[tokens[a].start : tokens[b - 1].stop] for a, b in person_parts([t.text for t in tokens], *checks)]


@pytest.fixture(scope="module")
def names(morph) -> NameMorph:
    return NameMorph(morph)


@pytest.mark.parametrize(
    "text, parts",
    [
        ("РА И.В. Коршунов", ["И.В. Коршунов"]),  # a place before initials
        ("Алтая Е.С. Аккожанова", ["Е.С. Аккожанова"]),
        ("А.В. Бердникова В.П. Трушкокову", ["А.В. Бердникова", "В.П. Трушкокову"]),  # two names
        ("Коршунов И.В.", ["Коршунов И.В."]),  # initials after the surname
        ("В.В. Путина", ["В.В. Путина"]),
        ("Иоанн Павел II", ["Иоанн Павел II"]),
    ],
)
def test_cuts_at_initials_need_no_morphology(text: str, parts: list[str]) -> None:
    assert cut(text) == parts


@pytest.mark.parametrize(
    "text, parts",
    [
        ("Наздратенко Дубинин", ["Наздратенко", "Дубинин"]),
        ("Валентина Дубинина Пуликовский", ["Валентина Дубинина", "Пуликовский"]),
        ("Эл Курултай РА", []),  # a body, not a person
        ("Елизавета II", ["Елизавета II"]),
        ("Кэтлин Кеннеди Таунсенд", ["Кэтлин Кеннеди Таунсенд"]),  # foreign names stay whole
        ("Вдова Солженицына", ["Вдова Солженицына"]),
        ("Михаил Евдокимов", ["Михаил Евдокимов"]),
    ],
)
def test_cuts_with_morphology(names: NameMorph, text: str, parts: list[str]) -> None:
    assert cut(text, names) == parts
