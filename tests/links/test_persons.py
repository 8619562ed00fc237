"""Persons: the PER mentions of a document merged per individual (links/persons.py)."""
from __future__ import annotations

from support import hand_document

from extractor.links.persons import link_persons, same_first_name


def names_and_mentions(morph, text: str, mentions: list[tuple[str, str]]) -> list[tuple[str, int]]:
    doc = hand_document(morph, text, [("PER", surface, normal) for surface, normal in mentions])
    return [(p.name, len(p.mentions)) for p in link_persons(doc)]


def test_an_initial_agrees_with_the_name_it_begins(morph):
    text = "Чествовали В.П. Трушкокова. Родился Виктор Трушкоков в Майме. Трушкоков работал учителем."
    mentions = [("В.П. Трушкокова", "В.П. Трушкоков"), ("Виктор Трушкоков", "Виктор Трушкоков"), ("Трушкоков", "Трушкоков")]
    assert names_and_mentions(morph, text, mentions) == [("Виктор Трушкоков", 3)]
    assert same_first_name("В.П.", "Виктор") and not same_first_name("А.В.", "Виктор")
    text = "Сергей Воробьев выступил. С.Воробьев сказал."  # no space after the initial
    assert names_and_mentions(morph, text, [("Сергей Воробьев", "Сергей Воробьев"), ("С.Воробьев", "С.Воробьев")]) == [("Сергей Воробьев", 2)]


def test_other_first_names_are_other_persons(morph):
    text = "Дмитрий Медведев и Петр Медведев встретились. Медведев сказал."
    mentions = [("Дмитрий Медведев", "Дмитрий Медведев"), ("Петр Медведев", "Петр Медведев"), ("Медведев", "Медведев")]
    assert names_and_mentions(morph, text, mentions) == [("Дмитрий Медведев", 2), ("Петр Медведев", 1)]


def test_a_first_name_and_patronymic_join_the_one_person_of_that_name(morph):
    text = "Выдвинут Артур Кохоев. Артур Павлович – уроженец Горно-Алтайска."
    mentions = [("Артур Кохоев", "Артур Кохоев"), ("Артур Павлович", "Артур Павлович")]
    assert names_and_mentions(morph, text, mentions) == [("Артур Кохоев", 2)]
    text = "Виктору Петровичу исполнилось 95 лет. Родился Виктор Трушкоков в Майме."  # the full name later
    mentions = [("Виктору Петровичу", "Виктор Петрович"), ("Виктор Трушкоков", "Виктор Трушкоков")]
    assert names_and_mentions(morph, text, mentions) == [("Виктор Трушкоков", 2)]
    text = "Выдвинуты Артур Кохоев и Артур Иванов. Артур Павлович – уроженец Горно-Алтайска."
    mentions = [("Артур Кохоев", "Артур Кохоев"), ("Артур Иванов", "Артур Иванов"), ("Артур Павлович", "Артур Павлович")]
    assert len(names_and_mentions(morph, text, mentions)) == 3  # which Артур: left apart
