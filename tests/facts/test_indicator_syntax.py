"""The indicator a number is attached to in its dependency tree, and the counted noun of a count."""
from __future__ import annotations

import pytest

from extractor.document import Token
from extractor.facts.syntax import Tree


def fact(pipeline, text: str, number: str):
    facts = [f for f in pipeline.extract(text).facts if f.text.startswith(number)]
    assert facts, text
    return facts[0]


@pytest.mark.parametrize(
    ("text", "number", "indicator"),
    [
        ("Суд назначил штраф в размере 2 млн рублей.", "2 млн", "штраф"),  # through "в размере"
        ("Это город с населением в 300 тысяч человек.", "300 тысяч", "население"),
        ("Книга вышла тиражом 5 тысяч экземпляров.", "5 тысяч", "тираж"),
        ("Выручка компании превысила 40 млрд рублей.", "40 млрд", "выручка компании"),  # the verb's subject
        ("Зарплата до 90 тысяч рублей.", "90 тысяч", "зарплата"),
    ],
)
def test_the_noun_or_subject_the_number_is_attached_to(pipeline, text, number, indicator):
    got = fact(pipeline, text, number)
    assert got.indicator == indicator
    assert text[got.indicator_span[0] : got.indicator_span[1]].lower().startswith(indicator.split()[0][:4])


def test_an_agent_subject_is_not_what_is_measured(pipeline):
    # "судья" acts; the number is what he imposed, and no noun names it
    assert fact(pipeline, "Вчера судья Петров взыскал 1 млн рублей.", "1 млн").indicator != "судья"


def test_a_change_noun_gives_its_complement(morph):
    from extractor.entities.normalize import Normalizer
    from extractor.facts.context import ContextLexicon, ContextReader
    from extractor.facts.indicator import SyntaxIndicators, load_links

    words = ["Рост", "выручки", "составил", "5", "%"]
    tags = [str(morph.best(w).tag) for w in words]
    tokens, pos = [], 0
    for w, tag in zip(words, tags):
        tokens.append(Token(w, pos, pos + len(w), 0, morph.lemma(w), tag))
        pos += len(w) + 1

    class Doc:  # the two attributes the walk reads
        pass

    doc = Doc()
    doc.tokens = tokens
    # Рост <-nsubj- составил (root) -obj-> % <-nummod- 5; выручки -nmod-> Рост
    tree = Tree(0, (2, 0, -1, 4, 2), ("nsubj", "nmod", "root", "nummod", "obj"))
    walker = SyntaxIndicators(ContextReader(ContextLexicon.load(), morph, Normalizer(morph)), load_links())
    assert walker.head(doc, tree, 3, 5) == 1  # "выручки", not "Рост"
    # with the subject an agent ("судья"), nothing is named
    agent = Token("судья", 0, 5, 0, "судья", str(morph.best("судья").tag))
    doc.tokens = [agent] + tokens[1:]
    assert walker.head(doc, tree, 3, 5) is None


@pytest.mark.parametrize(
    ("text", "unit", "head"),
    [
        ("В районе работают 5 малых предприятий.", "малое предприятие", "предприятие"),
        ("Наняли 3752 таких специалиста.", "такой специалист", "специалист"),
        ("Открыли три участковые больницы.", "участковая больница", "больница"),
        ("В школе 366 учащихся.", "учащийся", "учащийся"),
        ("Пришли 2059 чел.", "человек", "человек"),
        ("Он отдал 4 ассиста.", "ассист", "ассист"),  # a short-adjective reading first
        ("Открылись 10 крупных.", None, None),  # an adjective is never the unit
    ],
)
def test_counted_noun_agrees_and_has_a_head(pipeline, text, unit, head):
    got = [f for f in pipeline.extract(text).facts if f.kind == "count"]
    assert [(f.unit, f.unit_head) for f in got] == [(unit, head)]


def test_quantity_unit_head(pipeline):
    got = fact(pipeline, "Построено 5 тыс. кв. м жилья.", "5 тыс")
    assert (got.unit, got.unit_head) == ("квадратный метр", "метр")
    assert fact(pipeline, "Выручка составила 5 млн рублей.", "5 млн").unit_head is None
