"""Event records: type, place, date, organizers and participants; anaphoric event nouns."""
from __future__ import annotations

import datetime as dt


def by_type(record, type_):
    return [e for e in record.events if e.type == type_]


def test_seed_meeting_in_mogilev_with_its_participants(seed):
    (session,) = [e for e in seed.events if e.text.startswith("заседании Совета")]
    assert session.type == "session"
    assert session.normal.startswith("заседание Совета Парламентского")
    assert session.place == "Могилёв"
    organizers = [p.name for p in session.participants if p.role == "organizer"]
    assert organizers[0].startswith("Совет Парламентского")
    assert {"Вячеслав Володин", "Игорь Сергеенко"} <= set(organizers)
    # "В мероприятии также приняли участие …" and "представил на встрече … Анохин" refer back to it
    others = {p.name for p in session.participants if p.role == "participant"}
    assert {"Дмитрий Мезенцев", "Михаил Мурашко", "Александр Ходжаев", "Василий Анохин"} <= others
    assert all(p.person_id for p in session.participants if p.kind == "person")


def test_seed_back_references_open_no_new_event(seed, seed_text):
    article = {b.id for b in seed.blocks if b.kind == "article"}
    texts = [e.text for e in seed.events if e.block in article]
    assert not any(t.lower().startswith(("встреч", "мероприят")) for t in texts)
    for event in seed.events:
        assert seed_text[event.start : event.end] == event.text


def test_date_and_place_of_the_sentence(pipeline):
    text = "Вчера в Казани открылся международный форум «Россия — исламский мир». Форум посетил Рустам Минниханов."
    rec = pipeline.extract(text, date=dt.date(2024, 5, 15))
    (forum,) = by_type(rec, "forum")
    assert forum.date == "2024-05-14"
    assert forum.place == "Казань"
    assert [p.name for p in forum.participants] == ["Рустам Минниханов"]


def test_a_first_bare_meeting_is_an_event_of_its_own(pipeline):
    rec = pipeline.extract("Встреча прошла в Минске. На ней присутствовал Александр Лукашенко.")
    (meeting,) = rec.events
    assert (meeting.type, meeting.place) == ("meeting", "Минск")


def test_a_meeting_does_not_refer_back_to_an_opening(pipeline):
    text = ("В Смоленске состоялось открытие нового завода. "
            "Позже прошла встреча губернатора Василия Анохина с инвесторами.")
    rec = pipeline.extract(text)
    assert [e.type for e in rec.events] == ["opening", "meeting"]


def test_events_carry_their_type_as_entity_subtype(seed):
    for ent in seed.entities:
        if ent.type == "EVENT":
            assert ent.subtype is not None
