"""Highlighting: every span is drawn over exactly its text, with its label, nesting and
crossing included; text and labels are escaped; blocks and kinds select what is shown.

The HTML is read back with a small parser that knows ipymarkup's line markup: a marked
chunk holds one underline per span over it (its depth given by the padding) and, where
a span starts, that span's label (at the matching depth).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

import pytest
from IPython.lib.pretty import pretty

from extractor.integrations.highlight import (
    COLORS, Highlight, Markup, entity_label, event_label, fact_label, highlight, official_label, spans,
)
from extractor.records import Block, DocumentRecord, Entity, Fact

PX = re.compile(r"(?<![\w-])(padding-bottom|bottom): (-?\d+)px")


@dataclass
class Drawn:
    """The HTML read back: the visible text and, per character, its underlines (colour, depth)."""

    text: str = ""
    lines: list[set[tuple[str, int]]] = field(default_factory=list)
    labels: list[tuple[int, int, str]] = field(default_factory=list)  # (chunk start, depth, label)

    def span(self, start: int, label: str) -> tuple[int, str] | None:
        """The span labelled `label` at `start`: where its underline ends in `text`, and its colour."""
        depths = [d for s, d, text in self.labels if s == start and text == label]
        if len(depths) != 1:
            return None
        color, depth = next(m for m in self.lines[start] if m[1] == depths[0])
        end = start + 1
        while end < len(self.text) and (color, depth) in self.lines[end] and not self.starts(end, depth):
            end += 1
        return end, color

    def starts(self, position: int, depth: int) -> bool:
        return any(s == position and d == depth for s, d, _ in self.labels)


class Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.drawn = Drawn()
        self.stack: list[tuple[str, object]] = []
        self.chunk = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        style = dict(attrs).get("style") or ""
        px = dict(PX.findall(style))
        if "position: relative" in style:
            self.chunk = len(self.drawn.text)
            self.stack.append(("chunk", None))
        elif "border-bottom" in style:
            color = re.search(r"solid (#\w+)", style).group(1)
            self.stack.append(("line", (color, int(px["padding-bottom"]))))
        elif "position: absolute" in style:
            self.drawn.labels.append((self.chunk, -int(px["bottom"]), ""))
            self.stack.append(("label", None))
        else:
            self.stack.append((tag, None))

    def handle_endtag(self, tag: str) -> None:
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] == "label":
            start, depth, text = self.drawn.labels[-1]
            self.drawn.labels[-1] = (start, depth, text + data)
            return
        lines = {value for kind, value in self.stack if kind == "line"}
        self.drawn.text += data
        self.drawn.lines += [lines] * len(data)


def read(html: str) -> Drawn:
    reader = Reader()
    reader.feed(html)
    return reader.drawn


def visible(text: str) -> str:
    return re.sub(r"[\n\r]", "", text)  # line markup puts each line in its own <div>


def assert_drawn(drawn: Drawn, text: str, marks: list[Highlight]) -> None:
    for m in marks:
        start = len(visible(text[: m.start]))
        where = drawn.span(start, m.label)
        assert where is not None, f"no label {m.label!r} at {m.start}"
        end, color = where
        assert drawn.text[start:end] == visible(text[m.start:m.end]), m
        assert color == COLORS[m.color].line.value, m


def entity(type_: str, text: str, whole: str, subtype: str | None = None, value: str | None = None) -> Entity:
    start = whole.index(text)
    return Entity(type_, text, start, start + len(text), text, "article-1", subtype=subtype, value=value)


def fact(text: str, whole: str, **fields) -> Fact:
    start = whole.index(text)
    values = dict(kind="money", value=1.0, unit="RUB", qualifier=None, change=None, indicator=None,
                  indicator_span=None, period=None, regions=[], sentence=(0, len(whole)), block="article-1")
    return Fact(text=text, start=start, end=start + len(text), **(values | fields))


def record(text: str, entities: Sequence[Entity] = (), facts: Sequence[Fact] = ()) -> DocumentRecord:
    blocks = [Block("article-1", "article", 0, len(text))]
    return DocumentRecord(id="t", source=None, text_length=len(text), blocks=blocks,
                          entities=list(entities), facts=list(facts), text=text)


# -- the seed article ------------------------------------------------------------------


def test_every_entity_is_drawn_over_its_own_text(seed, seed_text) -> None:
    html = highlight(seed, seed_text, kinds=("entities",))
    drawn = read(html)
    assert drawn.text == visible(seed_text)  # nothing lost, nothing repeated
    marks = spans(seed, ("entities",))
    assert len(marks) == len({(e.start, e.end, entity_label(e)) for e in seed.entities})
    assert_drawn(drawn, seed_text, marks)
    for e in seed.entities:
        start = len(visible(seed_text[: e.start]))
        end, _ = drawn.span(start, entity_label(e))
        assert drawn.text[start:end] == visible(e.text)


def test_facts_officials_and_events_carry_their_labels(seed, seed_text) -> None:
    kinds = ("entities", "facts", "officials", "events")
    html = highlight(seed, seed_text, kinds=kinds)
    assert seed.facts and seed.officials
    for f in seed.facts:
        assert escape(fact_label(f)) in html
    assert "official: губернатор, Смоленская область" in {official_label(o) for o in seed.officials}
    assert all(escape(event_label(e)) in html for e in seed.events)
    assert_drawn(read(html), seed_text, spans(seed, kinds))


def test_a_block_kind_shows_only_those_blocks(seed, seed_text) -> None:
    html = highlight(seed, seed_text, kinds=("entities", "officials"), block="article")
    shown = read(html).text
    article = "".join(visible(seed_text[b.start:b.end]) for b in seed.blocks if b.kind == "article")
    assert shown == article
    assert "Брянская область" not in html  # Богомаз is governor in a "Читайте также" snippet
    assert "official: губернатор, Смоленская область" in html
    assert read(highlight(seed, seed_text, block="article-1")).text == visible(seed_text[0:seed.blocks[0].end])


# -- by hand -----------------------------------------------------------------------------


def test_nested_and_crossing_spans_are_drawn_once_each() -> None:
    text = "Губернатор Смоленской области Василий Анохин сообщил"
    position = entity("POSITION", "Губернатор Смоленской области", text)
    region = entity("LOC", "Смоленской области", text, subtype="region")
    person = entity("PER", "Василий Анохин", text)
    crossing = fact("области Василий", text, kind="count", value=2.0, unit="человек")
    rec = record(text, [position, region, person], [crossing])
    drawn = read(highlight(rec))
    assert drawn.text == text
    assert_drawn(drawn, text, spans(rec))
    assert [m.label for m in spans(rec)] == ["POSITION", "LOC:region", "count 2 человек", "PER"]


def test_labels_of_facts() -> None:
    text = "около $270 млн, на 32% больше, от 3 до 5 тыс. рублей"
    about = fact("около $270 млн", text, value=270e6, unit="USD", qualifier="approx")
    up = fact("на 32% больше", text, kind="percent", value=32.0, unit="%", change="increase")
    between = fact("от 3 до 5 тыс. рублей", text, value=3000.0, low=3000.0, high=5000.0)
    assert [fact_label(f) for f in (about, up, between)] == [
        "money ~270000000 USD", "percent +32 %", "money 3000..5000 RUB"]
    assert fact_label(fact("1,5 т", text + "1,5 т", kind="quantity", value=1.5, unit="т")) == "quantity 1.5 т"


def test_text_and_labels_are_escaped() -> None:
    text = "Компания <b>A & B</b> потеряла менее 5 млн"
    company = entity("ORG", "<b>A & B</b>", text, subtype="company")
    loss = fact("менее 5 млн", text, value=5e6, qualifier="less_than")
    html = highlight(record(text, [company], [loss]))
    assert "<b>" not in html and "A & B" not in html
    assert "&lt;b&gt;A &amp; B&lt;/b&gt;" in html
    assert "money &lt;5000000 RUB" in html and "money <5000000" not in html
    assert_drawn(read(html), text, spans(record(text, [company], [loss])))


def test_markup_is_a_string_that_jupyter_renders() -> None:
    text = "Москва"
    html = highlight(record(text, [entity("LOC", "Москва", text, subtype="city")]))
    assert isinstance(html, Markup) and isinstance(html, str)
    assert html._repr_html_() == str(html) and "LOC:city" in html
    assert pretty(html) == f"<Markup: {len(html)} characters of HTML>"  # the HTML is not shown twice


def test_mistakes_are_reported() -> None:
    rec = record("Москва")
    with pytest.raises(ValueError, match="characters"):
        highlight(rec, "Москва!")
    with pytest.raises(ValueError, match="unknown kinds"):
        highlight(rec, kinds=("entity",))
    rec.text = None
    with pytest.raises(ValueError, match="no text"):
        highlight(rec)
