"""The seed article end to end: what the foundation issue says it must show."""
from __future__ import annotations


def entities(record, type_, kind="article"):
    blocks = {b.id: b.kind for b in record.blocks}
    return [e for e in record.entities if e.type == type_ and blocks[e.block] == kind]


def test_offsets_point_into_the_original(seed, seed_text):
    for ent in seed.entities:
        assert seed_text[ent.start : ent.end] == ent.text
    for official in seed.officials:
        for start, end in official.person_spans:
            assert seed_text[start:end].strip()


def test_six_officials_of_the_article_in_the_nominative(seed):
    article = {b.id for b in seed.blocks if b.kind == "article"}
    names = {o.person for o in seed.officials if o.block in article}
    assert names == {
        "Вячеслав Володин", "Игорь Сергеенко", "Дмитрий Мезенцев",
        "Михаил Мурашко", "Александр Ходжаев", "Василий Анохин",
    }


def test_anokhin_is_governor_of_smolensk_oblast_with_every_mention_linked(seed, seed_text):
    (anokhin,) = [o for o in seed.officials if o.person == "Василий Анохин"]
    assert anokhin.position == "губернатор"
    assert (anokhin.region, anokhin.region_code) == ("Смоленская область", "RU-SMO")
    assert len(anokhin.person_spans) == 3
    assert all("Анохин" in seed_text[s:e] for s, e in anokhin.person_spans)


def test_shared_positions_and_expansions(seed):
    by_person = {o.person: o.position for o in seed.officials}
    assert by_person["Михаил Мурашко"] == by_person["Александр Ходжаев"] == "министр здравоохранения"
    assert by_person["Вячеслав Володин"].startswith("председатель")
    assert by_person["Дмитрий Мезенцев"].startswith("государственный секретарь")


def test_smolensk_region_by_every_name(seed):
    locs = {e.text: e for e in entities(seed, "LOC")}
    for text in ("Смоленщине", "Смоленской области"):
        assert (locs[text].normal, locs[text].subtype, locs[text].code) == ("Смоленская область", "region", "RU-SMO")


def test_cities_and_one_belarus(seed):
    locs = entities(seed, "LOC")
    cities = {e.normal for e in locs if e.subtype == "city"}
    assert {"Могилёв", "Минск", "Смоленск"} <= cities
    belarus = {e.normal for e in locs if e.text in ("Белоруссии", "Республикой Беларусь", "Белоруссией")}
    assert belarus == {"Белоруссия"}
    assert all(e.code == "BY" for e in locs if e.normal == "Белоруссия")


def test_bryansk_snippets_stay_in_their_own_blocks(seed):
    related = [b for b in seed.blocks if b.kind == "related"]
    assert len(related) == 6
    article = {b.id for b in seed.blocks if b.kind == "article"}
    for ent in seed.entities:
        if "Брян" in ent.text or ent.text in ("Богомаз", "Александр Богомаз"):
            assert ent.block not in article
    (bogomaz,) = [o for o in seed.officials if o.person == "Александр Богомаз"]
    assert bogomaz.block.startswith("related-")
    assert bogomaz.region == "Брянская область"


def test_blocks_tile_the_text(seed, seed_text):
    assert seed.blocks[0].start == 0 and seed.blocks[-1].end == len(seed_text)
    for a, b in zip(seed.blocks, seed.blocks[1:]):
        assert a.end == b.start


def test_credits_are_not_the_article(seed):
    (smirnov,) = [e for e in seed.entities if e.type == "PER" and e.normal == "Андрей Смирнов"]
    assert smirnov.block.startswith("credits-")


def test_record_matches_the_schema(seed):
    jsonschema = __import__("pytest").importorskip("jsonschema")
    import json

    from extractor.records import load_schema

    jsonschema.validate(json.loads(json.dumps(seed.to_dict())), load_schema())


def test_the_meeting_is_an_event_of_the_article(seed) -> None:
    events = [e for e in entities(seed, "EVENT") if e.text.startswith("заседании")]
    assert [e.normal for e in events] == ["заседание Совета Парламентского Собрания Союза Белоруссии и России"]
