"""Persons: the PER mentions of a document merged into one person each (full names first,
so that a bare surname finds its person), with ids in text order. Their role and pronoun
mentions are linked later, by `references.py`."""
from __future__ import annotations

from ..document import Document, scope
from ..morph import fold
from ..records import Person


def link_persons(doc: Document) -> list[Person]:
    persons: list[Person] = []
    by_surname: dict[tuple[str, str], Person] = {}
    mentions = sorted((e for e in doc.entities if e.type == "PER"), key=lambda e: -len(e.normal.split()))
    for ent in mentions:  # full names first, so that a bare surname finds its person
        words = ent.normal.split()
        key = (scope(ent.block), fold(words[-1]) if words else "")
        person = by_surname.get(key)
        if person is None or (len(words) > 1 and len(person.name.split()) > 1 and fold(person.name.split()[0]) != fold(words[0])):
            person = Person(f"P{len(persons) + 1}", ent.normal, block=ent.block)
            persons.append(person)
            by_surname.setdefault(key, person)
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
