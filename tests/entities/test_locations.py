"""Places written as adjectives and abbreviations are LOC entities with their canonical place."""
from __future__ import annotations


def locs(rec):
    return {e.text: (e.normal, e.subtype, e.code) for e in rec.entities if e.type == "LOC"}


def test_place_adjectives_are_places_also_inside_posts_and_bodies(pipeline):
    rec = pipeline.extract("Смоленский губернатор посетил американское посольство, а подмосковные власти "
                           "встретили белорусскую делегацию и петербургских студентов.")
    found = locs(rec)
    assert found["Смоленский"] == ("Смоленская область", "region", "RU-SMO")
    assert found["американское"] == ("США", "country", "US")
    assert found["подмосковные"] == ("Московская область", "region", "RU-MOS")
    assert found["белорусскую"] == ("Белоруссия", "country", "BY")
    assert found["петербургских"][0] == "Санкт-Петербург"


def test_adjectives_derived_from_cities_and_republics(pipeline):
    found = locs(pipeline.extract("Томские учёные и татарстанские аграрии приехали к лондонским партнёрам."))
    assert found["Томские"][0] == "Томская область"  # the region before the city
    assert found["татарстанские"][0] == "Республика Татарстан"
    assert found["лондонским"][:2] == ("Лондон", "city")


def test_words_that_only_look_derived_are_no_places(pipeline):
    found = locs(pipeline.extract("Мы дружим с братской республикой, королевский дворец и славянский базар открыты."))
    assert not {"братской", "королевский", "славянский"} & set(found)


def test_abbreviations_are_places(pipeline):
    found = locs(pipeline.extract("Глава РТ и прокурор НСО встретились с депутатами ХМАО."))
    assert found["РТ"][0] == "Республика Татарстан"
    assert found["НСО"][0] == "Новосибирская область"
    assert found["ХМАО"][0] == "Ханты-Мансийский автономный округ — Югра"


def test_an_ambiguous_abbreviation_is_the_place_the_document_names(pipeline):
    bashkiria = locs(pipeline.extract("В Уфе глава РБ выступил перед жителями Башкортостана."))
    belarus = locs(pipeline.extract("В Минске президент РБ принял гостей."))
    assert bashkiria["РБ"][0] == "Республика Башкортостан"
    assert belarus["РБ"][:3] == ("Белоруссия", "country", "BY")


def test_gazetteer_derives_adjectives_from_names(morph):
    from extractor.geo.gazetteer import Gazetteer, adjective_guesses

    assert "смоленский" in adjective_guesses("Смоленск") and "казанский" in adjective_guesses("Казань")
    gazetteer = Gazetteer.load(morph)
    assert gazetteer.adjective("смоленский").name == "Смоленская область"
    assert gazetteer.adjective("московский").kind == "city"  # the data list wins over the derived region
    assert gazetteer.adjective("средний") is None  # "Средний Урал" is an alias, not a name
