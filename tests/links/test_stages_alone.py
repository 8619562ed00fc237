"""Later stages run alone on documents built by hand (tests/support.py: hand_document)."""
from __future__ import annotations

from support import hand_document

from extractor.entities.normalize import Normalize, Normalizer
from extractor.links.officials import Officials

TEXT = "Губернатор Смоленской области Василий Анохин посетил Минск. Анохина встретили в аэропорту."


def test_officials_by_the_hand_rules_alone(morph):
    doc = hand_document(morph, TEXT, [
        ("POSITION", "Губернатор Смоленской области", "губернатор Смоленской области"),
        ("LOC", "Смоленской области", "Смоленская область"),
        ("PER", "Василий Анохин", "Василий Анохин"),
        ("LOC", "Минск", "Минск"),
        ("PER", "Анохина", "Анохин"),
    ])
    Officials(model=None)([doc])
    (person,) = doc.persons
    assert person.name == "Василий Анохин" and len(person.mentions) == 2
    (official,) = doc.officials
    assert (official.person, official.position, official.region) == ("Василий Анохин", "губернатор", "Смоленская область")
    assert official.rule == "position_then_name"


def test_normalize_fills_only_the_normal_forms_left_empty(morph):
    doc = hand_document(morph, TEXT, [("PER", "Василий Анохин", ""), ("PER", "Анохина", "Анохин (given)")])
    Normalize(Normalizer(morph))([doc])
    assert [e.normal for e in doc.entities] == ["Василий Анохин", "Анохин (given)"]
