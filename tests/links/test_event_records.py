"""Event records: an event of the headline named again in the lead is one event."""
from __future__ import annotations


def events(pipeline, text):
    return pipeline.extract(text).events


def test_a_headline_session_repeated_in_the_lead_is_one_event(pipeline):
    text = ("Заседание Совета Федерации прошло в Москве\n\n"
            "В Москве прошло заседание Совета Федерации, которое провела Валентина Матвиенко. "
            "На заседании выступил Сергей Лавров.\n")
    (session,) = events(pipeline, text)
    # the lead's mention is the record: its sentence tells the details
    assert (session.id, session.type, session.text) == ("E1", "session", "заседание Совета Федерации")
    assert session.start == text.index("заседание Совета")
    assert session.place == "Москва"
    # the lead's organizers, and "На заседании …" still refers back to it
    assert [(p.name, p.role) for p in session.participants] == [
        ("Совет Федерации", "organizer"), ("Валентина Матвиенко", "organizer"), ("Сергей Лавров", "participant"),
    ]


def test_two_sessions_of_different_bodies_stay_two(pipeline):
    text = ("Заседание Совета Федерации прошло в Москве\n\n"
            "Вчера в Москве прошло заседание Государственной думы, которое провёл Вячеслав Володин.\n")
    assert [e.normal.lower() for e in events(pipeline, text)] == [
        "заседание совета федерации", "заседание государственной думы",
    ]


def test_two_forums_with_different_names_stay_two(pipeline):
    text = ("В Казани открылся форум «Россия — исламский мир»\n\n"
            "В Казани открылся международный форум «Россия — Африка», его посетил Рустам Минниханов.\n")
    assert [e.type for e in events(pipeline, text)] == ["forum", "forum"]


def test_the_longer_name_in_the_lead_is_the_same_forum(pipeline):
    text = ("В Казани открылся форум «Россия — исламский мир»\n\n"
            "В Казани открылся международный форум «Россия — исламский мир». Форум посетил Рустам Минниханов.\n")
    (forum,) = events(pipeline, text)
    assert forum.text == "международный форум «Россия — исламский мир»"
    assert [p.name for p in forum.participants] == ["Рустам Минниханов"]


def test_a_one_word_event_is_not_merged(pipeline):
    # "умер" says too little to be sure of: the same verb may be two deaths
    text = "Умер Иван Петров\n\nВчера в Москве на 90-м году жизни умер актёр Иван Петров, сообщили его близкие.\n"
    assert [e.id for e in events(pipeline, text)] == ["E1", "E2"]


def test_a_different_place_keeps_two_events_apart(pipeline):
    text = ("Заседание Совета Федерации прошло в Москве\n\n"
            "В Казани прошло выездное заседание Совета Федерации, которое провела Валентина Матвиенко.\n")
    assert [e.place for e in events(pipeline, text)] == ["Москва", "Казань"]


def test_the_headline_participants_join_the_lead_event(pipeline):
    text = ("Владимир Путин провёл заседание Совета безопасности\n\n"
            "Заседание Совета безопасности прошло в Кремле. Обсуждались вопросы обороны.\n")
    sessions = [e for e in events(pipeline, text) if e.type == "session"]
    assert len(sessions) == 1
    assert sessions[0].start == text.index("Заседание Совета безопасности\u0020прошло")
    assert "Владимир Путин" in {p.name for p in sessions[0].participants}


def test_a_first_line_with_a_full_stop_is_no_headline(pipeline):
    text = ("Заседание Совета Федерации прошло в Москве.\n\n"
            "В Москве прошло заседание Совета Федерации, которое провела Валентина Матвиенко.\n")
    assert len(events(pipeline, text)) == 2


def test_seed_snippets_count_each_event_once(seed, seed_text):
    # "Брянские футболистки выиграли турнир «Тургенев Cup»" (headline) and the lead repeating it
    tournaments = [e for e in seed.events if "Тургенев Cup" in e.text]
    assert [e.text for e in tournaments] == ["турнир «Тургенев Cup»", "футбольный турнир «Тургенев Cup»"]
    assert tournaments[0].start > seed_text.index("Брянские футболистки выиграли турнир «Тургенев Cup» в Орле")
    assert tournaments[0].place == "Орёл"
    assert len([e for e in seed.events if e.text == "межрегиональном турнире"]) == 1
    assert [e.id for e in seed.events] == [f"E{n}" for n in range(1, len(seed.events) + 1)]
    assert [e.start for e in seed.events] == sorted(e.start for e in seed.events)
