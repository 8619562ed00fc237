"""Officials: the country each serves, from the place or the body in the position."""
from __future__ import annotations


def test_country_from_region_body_and_city(pipeline):
    text = ("Председатель Госдумы Вячеслав Володин и министр здравоохранения Белоруссии Александр Ходжаев "
            "встретились в Минске. Мэр Минска Владимир Кухарев приветствовал гостей.")
    by_person = {o.person: o for o in pipeline.extract(text).officials}
    volodin, khodzhaev, kukharev = (by_person[n] for n in ("Вячеслав Володин", "Александр Ходжаев", "Владимир Кухарев"))
    assert (volodin.organization, volodin.country_code) == ("Государственная дума", "RU")
    assert (khodzhaev.region, khodzhaev.country, khodzhaev.country_code) == ("Белоруссия", "Белоруссия", "BY")
    # a foreign city is the city served, with no federal subject to name as the region
    assert (kukharev.region, kukharev.city, kukharev.country_code) == (None, "Минск", "BY")


def test_seed_governor_serves_russia_and_the_state_secretary_the_union_state(seed):
    by_person = {o.person: o for o in seed.officials}
    assert (by_person["Василий Анохин"].country, by_person["Василий Анохин"].country_code) == ("Россия", "RU")
    assert by_person["Дмитрий Мезенцев"].organization == "Союзное государство"
    # the text does not say which chamber each chair leads: no country is made up
    assert by_person["Вячеслав Володин"].country is None


def test_participles_used_as_nouns_are_positions(pipeline):
    by_person = {o.person: o.position for o in pipeline.extract(
        "Нападающий «Спартака» Александр Соболев забил гол. Ведущего телепрограммы Андрея Малахова поздравили."
    ).officials}
    assert by_person == {"Александр Соболев": "нападающий"}  # a host is a profession (lexicons/occupations.txt)


def test_a_participle_before_its_noun_is_no_position(pipeline):
    rec = pipeline.extract("Акции ведущих компаний выросли.")
    assert not [e for e in rec.entities if e.type == "POSITION"]


GOVERNOR = "Губернатор Смоленской области Василий Анохин провёл совещание. "


def test_one_official_per_person_and_post_however_often_named(pipeline):
    """A page repeating one sentence: one official, its every position mention in position_spans,
    and an output that grows linearly with the page (each mention used to copy every span)."""
    from extractor.io.write import dumps

    sizes = {}
    for n in (100, 200):
        rec = pipeline.extract(GOVERNOR * n)
        (official,) = rec.officials
        positions = [(e.start, e.end) for e in rec.entities if e.type == "POSITION"]
        assert official.person == "Василий Анохин" and official.position == "губернатор"
        assert official.position_spans == positions and len(positions) == n
        assert official.position_span == positions[0]
        assert len(official.person_spans) == n
        sizes[n] = len(dumps(rec))
    assert sizes[200] < 2.1 * sizes[100]


def test_other_posts_and_other_persons_stay_officials_of_their_own(pipeline):
    text = ("Прокурор Чеченской Республики Иван Петров выступил. Прокурор Костромской области Иван Петров уехал. "
            "Прокурор Чеченской Республики Иван Петров вернулся. Губернатор Смоленской области Василий Анохин провёл совещание.")
    rec = pipeline.extract(text)
    posts = sorted((o.person, o.region, len(o.position_spans)) for o in rec.officials)
    assert posts == [("Василий Анохин", "Смоленская область", 1), ("Иван Петров", "Костромская область", 1),
                     ("Иван Петров", "Чеченская Республика", 2)]


def test_position_spans_survive_json_and_records_without_them():
    from extractor.records import Official

    old = Official("Василий Анохин", "P1", "губернатор", None, None, None, [(30, 44)], (0, 29), "article-1", "model")
    assert old.position_spans == [(0, 29)]
    read = Official("Василий Анохин", "P1", "губернатор", None, None, None, [(30, 44)], (0, 29), "article-1", "model",
                    position_spans=[[0, 29], [64, 93]])
    assert read.position_spans == [(0, 29), (64, 93)]


def test_evaluation_pairs_one_per_position_mention():
    """Merging mentions into one official changes no person–position pair the evaluation sees."""
    from types import SimpleNamespace

    from extractor.evaluate.systems import _record_pairs
    from extractor.records import Official

    official = Official("Василий Анохин", "P1", "губернатор", None, None, None, [(30, 44)], (0, 29), "article-1", "model",
                        position_spans=[(0, 29), (64, 93)])
    assert _record_pairs(SimpleNamespace(officials=[official])) == [([(30, 44)], (0, 29)), ([(30, 44)], (64, 93))]
