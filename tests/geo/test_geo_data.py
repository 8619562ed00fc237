"""Integrity of the gazetteer data in extractor/geo/*.tsv."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from extractor.geo.data import Place, load_places


def norm(text: str) -> str:
    return text.lower().replace("ё", "е")


@pytest.fixture(scope="module")
def places() -> list[Place]:
    return load_places()


@pytest.fixture(scope="module")
def gazetteer(morph):
    from extractor.geo.gazetteer import Gazetteer

    return Gazetteer.load(morph)


@pytest.fixture(scope="module")
def countries(places):
    return [p for p in places if p.kind == "country"]


@pytest.fixture(scope="module")
def regions(places):
    return [p for p in places if p.kind == "region"]


@pytest.fixture(scope="module")
def cities(places):
    return [p for p in places if p.kind == "city"]


def find(places, text: str, kind: str) -> Place:
    """The one place of a kind that goes by a name or alias."""
    found = [p for p in places if p.kind == kind and norm(text) in {norm(n) for n in (p.name, *p.aliases)}]
    assert len(found) == 1, (text, kind, found)
    return found[0]


def test_kinds(places):
    assert {p.kind for p in places} == {"country", "region", "city"}


def test_region_codes(regions):
    codes = [r.code for r in regions]
    assert len(regions) == 89
    assert [c for c, n in Counter(codes).items() if n > 1] == []
    assert [c for c in codes if not re.fullmatch(r"RU-[A-Z]+", c or "")] == []
    assert all(r.country == "RU" for r in regions)


def test_country_codes(countries):
    codes = [c.code for c in countries]
    assert [c for c, n in Counter(codes).items() if n > 1] == []
    assert [c for c in codes if not re.fullmatch(r"[A-Z]{2}", c or "")] == []
    assert len(countries) >= 193 + 6


def test_region_capitals_are_cities(regions, cities):
    by_name = {c.name: c for c in cities}
    problems = []
    for region in regions:
        city = by_name.get(region.capital)
        if city is None or city.region != region.code or city.country != "RU":
            problems.append((region.code, region.capital, city))
    assert problems == []


def test_city_regions(regions, countries, cities):
    region_codes = {r.code for r in regions}
    country_codes = {c.code for c in countries}
    assert [c.name for c in cities if c.country not in country_codes] == []
    assert [c.name for c in cities if c.country == "RU" and c.region not in region_codes] == []
    assert [c.name for c in cities if c.country != "RU" and c.region is not None] == []
    assert len([c for c in cities if c.country == "RU"]) >= 170


def test_every_country_has_a_city(countries, cities):
    with_city = {c.country for c in cities}
    assert [c.code for c in countries if c.code not in with_city] == []


@pytest.mark.parametrize("kind", ["country", "region", "city"])
def test_names_and_aliases_unambiguous(places, kind):
    owners: dict[str, set[str]] = defaultdict(set)
    for place in places:
        if place.kind != kind:
            continue
        for text in {norm(t) for t in (place.name, *place.aliases)}:
            owners[text].add(place.name)
    assert {text: sorted(names) for text, names in owners.items() if len(names) > 1} == {}


def test_region_aliases_are_not_countries(regions, countries):
    country_names = {norm(t) for c in countries for t in (c.name, *c.aliases)}
    assert [(r.name, a) for r in regions for a in (r.name, *r.aliases) if norm(a) in country_names] == []


def test_yo_spellings_have_ye_variant(places):
    missing = []
    for place in places:
        texts = {place.name, *place.aliases}
        for text in texts:
            if "ё" in text.lower() and text.replace("ё", "е").replace("Ё", "Е") not in texts:
                missing.append((place.kind, place.name, text))
    assert missing == []


def test_no_stray_whitespace(places):
    bad = [
        (p.kind, p.name, t)
        for p in places
        for t in (p.name, *p.aliases, p.capital or "")
        if t != t.strip() or "  " in t or "\t" in t
    ]
    assert bad == []


def test_specific_places(places):
    smolenshchina = find(places, "Смоленщина", "region")
    assert (smolenshchina.name, smolenshchina.code, smolenshchina.subtype) == (
        "Смоленская область",
        "RU-SMO",
        "область",
    )
    assert smolenshchina.capital == "Смоленск"
    for text in ("Беларусь", "Республика Беларусь", "Белоруссия"):
        belarus = find(places, text, "country")
        assert (belarus.name, belarus.code) == ("Белоруссия", "BY")
    mogilev = find(places, "Могилёв", "city")
    assert (mogilev.name, mogilev.country, mogilev.region) == ("Могилёв", "BY", None)
    assert find(places, "Могилев", "city") is mogilev
    smolensk = find(places, "Смоленск", "city")
    assert (smolensk.country, smolensk.region) == ("RU", "RU-SMO")
    assert find(places, "Питер", "city").name == "Санкт-Петербург"
    assert find(places, "Кузбасс", "region").code == "RU-KEM"
    assert find(places, "Югра", "region").code == "RU-KHM"
    assert find(places, "США", "country").code == "US"
    assert find(places, "Соединенные Штаты Америки", "country").code == "US"
    assert find(places, "Молдова", "country").name == "Молдавия"
    assert find(places, "Кыргызстан", "country").name == "Киргизия"
    for both in ("Москва", "Санкт-Петербург", "Севастополь"):
        assert find(places, both, "city").name == both
        assert find(places, both, "region").subtype == "город федерального значения"


def test_malformed_row_names_file_and_line(tmp_path: Path):
    src = Path(__file__).resolve().parents[2] / "extractor" / "geo"
    for name in ("countries.tsv", "regions.tsv", "cities.tsv"):
        (tmp_path / name).write_text((src / name).read_text(encoding="utf-8"), encoding="utf-8")
    load_places(tmp_path)  # the copy loads
    with (tmp_path / "cities.tsv").open("a", encoding="utf-8") as handle:
        handle.write("Нигдеград\tRU\tRU-SMO\tалиас\tлишнее\n")
    lines = (tmp_path / "cities.tsv").read_text(encoding="utf-8").count("\n")
    with pytest.raises(ValueError, match=rf"cities\.tsv:{lines}\b"):
        load_places(tmp_path)


@pytest.mark.parametrize("word, place", [("Семья", None), ("Льва", None), ("шахта", None), ("Семей", "Семей"), ("Львове", "Львов"), ("Смоленске", "Смоленск")])
def test_a_place_whose_lemma_is_a_common_word_is_found_by_its_own_form_only(gazetteer, word, place):
    """"Семей" (Kazakhstan) parses as "семья": the common word is no place, the name still is."""
    found = gazetteer.lookup([word])
    assert (found.name if found else None) == place
