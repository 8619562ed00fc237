"""The document's main region: the federal subject its article names most, else the country."""
from __future__ import annotations

import pytest

from extractor.document import Document
from extractor.geo.data import load_places
from extractor.links.document_region import DocumentRegion
from extractor.records import Entity, Official


@pytest.fixture(scope="module")
def stage() -> DocumentRegion:
    return DocumentRegion.from_places(load_places())


def place(normal: str, subtype: str, code: str | None, start: int, block: str = "article-1") -> Entity:
    return Entity("LOC", normal, start, start + len(normal), normal, block, subtype=subtype, code=code)


def official(region: str | None, code: str | None, start: int, block: str = "article-1", country: str | None = "RU") -> Official:
    return Official("Иван Иванов", "P1", "губернатор", None, region, code, [(0, 5)], (start, start + 10), block, "rule",
                    country_code=country)


def region_of(stage: DocumentRegion, entities: list[Entity], officials: list[Official] = ()) -> tuple[str, str] | None:
    doc = Document(id="d", text="", entities=entities, officials=list(officials))
    stage([doc])
    return (doc.region.name, doc.region.code) if doc.region else None


def test_the_region_named_most_wins_and_cities_count_for_their_region(stage) -> None:
    entities = [
        place("Брянская область", "region", "RU-BRY", 0),
        place("Смоленская область", "region", "RU-SMO", 20),
        place("Смоленск", "city", None, 40),
        place("Белоруссия", "country", "BY", 60), place("Белоруссия", "country", "BY", 70), place("Белоруссия", "country", "BY", 80),
    ]
    assert region_of(stage, entities) == ("Смоленская область", "RU-SMO")  # a region before any country


def test_a_tie_goes_to_the_first_named_and_officials_add_their_region(stage) -> None:
    entities = [place("Орловская область", "region", "RU-ORL", 50), place("Курская область", "region", "RU-KRS", 10)]
    assert region_of(stage, entities) == ("Курская область", "RU-KRS")
    assert region_of(stage, entities, [official("Орловская область", "RU-ORL", 45)]) == ("Орловская область", "RU-ORL")


def test_snippets_do_not_count(stage) -> None:
    entities = [
        place("Смоленская область", "region", "RU-SMO", 100),
        *(place("Брянская область", "region", "RU-BRY", 200 + k, block="related-1") for k in range(3)),
    ]
    officials = [official("Брянская область", "RU-BRY", 300, block="related-2")]
    assert region_of(stage, entities, officials) == ("Смоленская область", "RU-SMO")
    assert region_of(stage, entities[1:], officials) is None


def test_without_a_region_the_country_foreign_cities_and_officials_countries_count(stage) -> None:
    entities = [place("США", "country", "US", 0), place("Минск", "city", None, 10), place("Белоруссия", "country", "BY", 20)]
    assert region_of(stage, entities) == ("Белоруссия", "BY")
    assert region_of(stage, entities[:1], [official(None, None, 5, country="BY")]) == ("США", "US")  # a tie: the first
    assert region_of(stage, [place("Почепский район", "district", None, 0), place("Европа", "other", None, 9)]) is None


def test_the_seed_is_about_smolensk_region(seed) -> None:
    assert (seed.region, seed.region_code) == ("Смоленская область", "RU-SMO")


def test_country_adjectives_do_not_vote_for_the_documents_country(pipeline):
    rec = pipeline.extract("В Стокгольме вручили премию. Американский певец, американский поэт и американский "
                           "режиссёр приехали в Швецию.")
    assert rec.region == "Швеция"
