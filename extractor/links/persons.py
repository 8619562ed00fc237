"""Persons: the PER mentions of a document merged into one person each (full names first,
so that a bare surname finds its person), with ids in text order. Their role and pronoun
mentions are linked later, by `references.py`.

A mention joins the person of its surname unless both write a first name and the two
differ; an initial agrees with a name it begins ("В.П. Трушкоков", "Виктор Трушкоков").
A first name and patronymic without a surname ("Артур Павлович") joins the one person of
that first name. The surname's case and gender were settled against the document's other
mentions by the Normalize stage ("Илюмжинова" beside "Кирсан Илюмжинов" is "Илюмжинов").
"""
from __future__ import annotations

import re

from ..document import Document, scope
from ..morph import fold
from ..records import Entity, Person

PATRONYMIC_ENDINGS = ("вич", "вна", "ична", "инична")
GLUED_INITIALS = re.compile(r"^((?:[А-ЯЁA-Z]\.)+)(\w{2}.*)$")  # "С.Воробьев": no space after the initials


def name_words(normal: str) -> list[str]:
    """The words of a normal name, initials glued to the surname set apart ("С.", "Воробьев")."""
    out = []
    for word in normal.split():
        glued = GLUED_INITIALS.match(word)
        out.extend(glued.groups() if glued else (word,))
    return out


def is_initials(word: str) -> bool:
    """"В.", "В.П.": letters each followed by a dot."""
    return len(word) >= 2 and word.endswith(".") and all(len(part) == 1 for part in word[:-1].split("."))


def same_first_name(a: str, b: str) -> bool:
    """Equal names, or an initial and a name it begins ("В.П." and "Виктор")."""
    a, b = fold(a), fold(b)
    if is_initials(a) or is_initials(b):
        return a[0] == b[0]
    return a == b


def is_name_and_patronymic(words: list[str]) -> bool:
    return len(words) == 2 and not is_initials(words[0]) and fold(words[1]).endswith(PATRONYMIC_ENDINGS)


def _order(ent: Entity) -> tuple[int, bool, bool]:
    """Full names first, written-out first names before initials (the person's name is the
    fullest the text writes), a first name and patronymic once the surnames have persons."""
    words = name_words(ent.normal)
    return -len(words), is_name_and_patronymic(words), bool(words) and is_initials(words[0])


def link_persons(doc: Document) -> list[Person]:
    persons: list[Person] = []
    by_surname: dict[tuple[str, str], list[Person]] = {}
    mentions = sorted((e for e in doc.entities if e.type == "PER"), key=_order)
    for ent in mentions:  # full names first, so that a bare surname finds its person
        words = name_words(ent.normal)
        person = _find(ent, words, persons, by_surname)
        if person is None:
            person = Person(f"P{len(persons) + 1}", ent.normal, block=ent.block)
            persons.append(person)
            by_surname.setdefault((scope(ent.block), fold(words[-1]) if words else ""), []).append(person)
        person.mentions.append((ent.start, ent.end))
        ent.person = person.id
    persons.sort(key=lambda p: min(p.mentions))
    renumber = {p.id: f"P{n}" for n, p in enumerate(persons, 1)}  # ids in text order
    for person in persons:
        person.id = renumber[person.id]
        person.mentions.sort()
    for ent in mentions:
        ent.person = renumber[ent.person or ""]
    return persons


def _find(ent: Entity, words: list[str], persons: list[Person], by_surname: dict[tuple[str, str], list[Person]]) -> Person | None:
    """The person already seen that this mention names, if any."""
    where = scope(ent.block)
    if is_name_and_patronymic(words):
        named = [p for p in persons if scope(p.block) == where and len(name_words(p.name)) > 1
                 and not is_name_and_patronymic(name_words(p.name)) and same_first_name(name_words(p.name)[0], words[0])]
        if len(named) == 1:
            return named[0]
    for person in by_surname.get((where, fold(words[-1]) if words else ""), []):
        name = name_words(person.name)
        if len(words) == 1 or len(name) == 1 or same_first_name(name[0], words[0]):
            return person
    return None
