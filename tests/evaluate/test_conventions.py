"""A corpus's conventions applied to our predictions before scoring (evaluate/conventions.py)."""
from __future__ import annotations

from extractor.evaluate.conventions import is_place_adjective, without_place_adjectives
from extractor.evaluate.corpora import Span
from extractor.evaluate.score import Prediction


def test_a_place_adjective_is_one_adjective_that_is_no_geographical_name() -> None:
    assert is_place_adjective("белорусскими") and is_place_adjective("Брянские")
    assert not is_place_adjective("Грозный")  # a city
    assert not any(map(is_place_adjective, ("РФ", "Нижний Новгород", "Россия", "США")))


def test_only_loc_adjectives_leave_the_prediction() -> None:
    text = "белорусскими партнёрами в Минске"
    pred = Prediction(spans=[Span("LOC", 0, 12), Span("LOC", 26, 32), Span("ORG", 0, 12)])
    assert without_place_adjectives(text, pred).spans == [Span("LOC", 26, 32), Span("ORG", 0, 12)]
