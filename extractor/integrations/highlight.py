"""Highlight a record's entities, facts, officials and events in its text, for Jupyter.

    from extractor.integrations.highlight import highlight
    highlight(record, text)                       # renders in a notebook cell
    highlight(record, kinds=("entities", "facts", "officials"), block="article")
    html = str(highlight(record, text))          # or save it as a page

Built on ipymarkup's *line* markup (`format_span_line_markup`): it takes character
offsets, which every record carries, so no re-tokenisation is needed, and it draws
overlapping spans as stacked underlines, each with its label — the nested entities of
a record ("губернатор Смоленской области" around "Смоленской области") and a fact
inside an entity included. Its box markup and spaCy displaCy's "ent" style cannot nest
(box markup repeats the text of an inner span), and displaCy's "span" style needs
token indices and joins tokens with spaces, which loses the text's own spacing.
Each line of the text becomes a row of its own (blank lines are not kept).
ipymarkup escapes the text but not the labels, so labels are escaped here. Each call
builds its own palette: ipymarkup's default palette caches colours process-wide.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

try:
    from ipymarkup import format_span_line_markup
    from ipymarkup.palette import BLUE, BROWN, GREEN, GREY, ORANGE, PURPLE, RED, Color, Palette, material
except ImportError as exc:  # an optional part of the package
    raise ImportError("highlighting needs ipymarkup, an optional dependency: pip install 'ru-fact-extractor[notebook]'") from exc

from ..records import DocumentRecord, Entity, Event, Fact, Official

KINDS = ("entities", "facts", "officials", "events")
DEFAULT_KINDS = ("entities", "facts")
TEAL = Color("teal", background=material("Teal", "50"), border=material("Teal", "100"),
             text=material("Teal", "400"), line=material("Teal", "200"))
PINK = Color("pink", background=material("Pink", "50"), border=material("Pink", "100"),
             text=material("Pink", "300"), line=material("Pink", "200"))
# one colour per entity type and per kind of record, so a label's colour says what it is
COLORS: dict[str, Color] = {
    "PER": BLUE, "ORG": GREEN, "LOC": ORANGE, "POSITION": PURPLE, "EVENT": BROWN, "DATE": GREY,
    "facts": RED, "officials": TEAL, "events": PINK,
}
QUALIFIERS = {"approx": "~", "more_than": ">", "less_than": "<", "at_least": "≥", "up_to": "≤"}
CHANGES = {"increase": "+", "decrease": "−"}


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    label: str  # plain text; escaped when rendered
    color: str  # key of COLORS


class Markup(str):
    """HTML that Jupyter renders as such; everywhere else an ordinary string."""

    def _repr_html_(self) -> str:
        return str(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # IPython's text/plain: not the HTML again
        printer.text(f"<Markup: {len(self)} characters of HTML>")


def highlight(
    record: DocumentRecord,
    text: str | None = None,
    kinds: Sequence[str] = DEFAULT_KINDS,
    block: str | None = None,
    width: int = 100,
) -> Markup:
    """The text with the record's spans underlined and labelled.

    `text` defaults to `record.text` (present when extracted with `load(with_text=True)`).
    `block` keeps only the blocks with that id ("article-2") or kind ("article"); each is
    shown on its own. `width` is the line length in characters.
    """
    text = record.text if text is None else text
    if text is None:
        raise ValueError("no text: pass it, or extract with extractor.load(with_text=True)")
    if len(text) != record.text_length:
        raise ValueError(f"the text has {len(text)} characters, the record's {record.text_length}")
    marks = spans(record, kinds)
    html = "".join(_render(text, marks, start, end, width) for start, end in _sections(record, text, block))
    return Markup(html)


def spans(record: DocumentRecord, kinds: Sequence[str] = DEFAULT_KINDS) -> list[Highlight]:
    """What `highlight` draws: labelled spans in text order, each once."""
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kinds {sorted(unknown)}; choose from {KINDS}")
    found: list[Highlight] = []
    if "entities" in kinds:
        found += (Highlight(e.start, e.end, entity_label(e), e.type) for e in record.entities)
    if "facts" in kinds:
        found += (Highlight(f.start, f.end, fact_label(f), "facts") for f in record.facts)
    if "officials" in kinds:
        found += _officials(record.officials)
    if "events" in kinds:
        found += (Highlight(e.start, e.end, event_label(e), "events") for e in record.events)
    unique = dict.fromkeys(m for m in found if m.start < m.end)  # ipymarkup rejects empty spans
    return sorted(unique, key=lambda m: (m.start, -m.end))  # outer spans first: they take the upper line


def entity_label(entity: Entity) -> str:
    """Type and subtype, and a date's value: "PER", "LOC:region", "DATE 2024-09-25"."""
    label = f"{entity.type}:{entity.subtype}" if entity.subtype else entity.type
    return f"{label} {entity.value}" if entity.value else label


def fact_label(fact: Fact) -> str:
    """Kind, normalised value, unit: "money ~270000000 USD", "percent +32 %", "money 3000..5000 RUB"."""
    if fact.low is not None and fact.high is not None:
        value = f"{_number(fact.low)}..{_number(fact.high)}"
    else:
        value = _number(fact.value)
    sign = CHANGES.get(fact.change or "", "") + QUALIFIERS.get(fact.qualifier or "", "")
    return " ".join(part for part in (fact.kind, sign + value, fact.unit) if part)


def official_label(official: Official) -> str:
    """Position and where it is held: "official: губернатор, Смоленская область"."""
    where = official.region or official.organization or official.country
    return f"official: {official.position}, {where}" if where else f"official: {official.position}"


def event_label(event: Event) -> str:
    """Type, date and place: "event:meeting 2024-09-25 Могилёв"."""
    return " ".join(part for part in (f"event:{event.type}", event.date, event.place) if part)


def _officials(officials: Iterable[Official]) -> Iterator[Highlight]:
    # the person's mentions carry the label: one position may be shared ("министры … Мурашко и Ходжаев")
    for official in officials:
        for start, end in official.person_spans:
            yield Highlight(start, end, official_label(official), "officials")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(float(value))  # every digit: 1.5, 0.25


def _sections(record: DocumentRecord, text: str, block: str | None) -> list[tuple[int, int]]:
    if block is None:
        return [(0, len(text))]
    return [(b.start, b.end) for b in record.blocks if block in (b.id, b.kind)]


def _render(text: str, marks: Iterable[Highlight], start: int, end: int, width: int) -> str:
    inside = [m for m in marks if start <= m.start and m.end <= end]
    palette = Palette(list(COLORS.values()))
    for m in inside:
        palette.set(escape(m.label), COLORS[m.color])
    shifted = [(m.start - start, m.end - start, escape(m.label)) for m in inside]
    return "".join(format_span_line_markup(text[start:end], shifted, palette=palette, width=width))
