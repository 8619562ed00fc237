"""Extract facts: numbers found by the recognisers, read in their sentence and document.

Runs after locations and dates are known: a fact's period comes from the dates of its
sentence or of the heading, lead or paragraph above it (`period.py`), whether it is a
change from its words (`change.py`), its regions from the places (`regions.py`).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from ..document import Document
from ..geo.data import Place
from ..geo.gazetteer import Gazetteer
from ..entities.normalize import Normalizer
from ..records import Fact
from .change import ChangeLexicon, ChangeReader
from .context import ContextReader, IndicatorMention, clause_bounds
from .indicator import SyntaxIndicators, load_links
from .period import Periods
from .recognize import NumberMatch, NumberRecognizer
from .regions import DocumentPlaces, Position, RegionReader
from .syntax import Parser, Tree
from .units import CountedNoun, load_abbreviations, quantity_head

PLACE_KINDS = ("region", "country", "city")
# characters of its sentence read on either side of a number: a table pasted as one
# "sentence" holds thousands of numbers, and reading all of it for each was quadratic
READ_WINDOW = 600

T = TypeVar("T")


def inside(offset: int, matches: list[NumberMatch], starts: list[int]) -> bool:
    """Whether `offset` falls in a number expression ("на 10 тысяч населения" names no indicator)."""
    k = bisect_right(starts, offset) - 1
    return k >= 0 and offset < matches[k].end


def within(items: list[T], starts: list[int], start: int, end: int) -> list[T]:
    """The items (entities, mentions: sorted by start) that start inside [start, end)."""
    return items[bisect_left(starts, start) : bisect_left(starts, end)]


class Around(NamedTuple):
    """What is read around a number before any parse."""

    sent: int
    sentence: tuple[int, int]
    window: tuple[int, int]  # the characters of its sentence read (READ_WINDOW)
    clause: tuple[int, int]
    lexical: IndicatorMention | None  # the lexicon's indicator mention for it (`Facts._indicator`)


@dataclass
class Numbers:
    """A document's numbers and what `Facts.read` read around each."""

    matches: list[NumberMatch]
    starts: list[int]
    places: dict[int, int]  # LOC start -> end
    around: list[Around] = field(default_factory=list)
    mentions: dict[int, list[IndicatorMention]] = field(default_factory=dict)  # per sentence (`Facts._mentions`)

    def numeric(self, offset: int) -> bool:
        return inside(offset, self.matches, self.starts)


class Facts:
    name = "facts"
    batched = True  # the sentences that need a parse, of all the documents of a batch, in one call
    requires: frozenset[str] = frozenset(
        {"blocks", "clean", "date", "date.inferred", "entities.dates", "entities.places", "sentences", "text", "tokens", "year"}
    )
    provides: frozenset[str] = frozenset({"facts"})

    def __init__(
        self, recognizer: NumberRecognizer, reader: ContextReader, normalizer: Normalizer, gazetteer: Gazetteer,
        places: Sequence[Place] | None = None,
    ) -> None:
        self.recognizer = recognizer
        self.reader = reader
        self.normalizer = normalizer
        self.gazetteer = gazetteer
        self.parser = Parser()  # the syntax model loads on the first sentence it parses
        self.syntax = SyntaxIndicators(reader, load_links())
        self.counted = CountedNoun(reader.morph, load_abbreviations())
        self.changes = ChangeReader(reader.lexicon.direction, reader.morph, ChangeLexicon.load())
        self.places = RegionReader(gazetteer, places)  # `places`: the gazetteer's, read once by the caller

    def __call__(self, docs: list[Document]) -> None:
        read = [self.read(doc) for doc in docs]
        for doc, numbers, trees in zip(docs, read, self.parse_ahead(docs, read)):
            doc.facts = self.extract(doc, numbers, trees)

    def read(self, doc: Document) -> Numbers:
        """The document's numbers, each with its sentence, clause and lexicon mention."""
        matches = self.recognizer.find(doc.clean)
        numbers = Numbers(matches, [x.start for x in matches], {e.start: e.end for e in doc.entities if e.type == "LOC"})
        mention_starts: dict[int, list[int]] = {}
        for m in matches:
            sent = doc.sentence_at(m.start)
            s_start, s_end = doc.sentences[sent] if doc.sentences else (0, len(doc.text))
            lo, hi = max(s_start, m.start - READ_WINDOW), min(s_end, m.end + READ_WINDOW)
            mentions = self._mentions(doc, sent, numbers.places, numbers.mentions)
            if sent not in mention_starts:
                mention_starts[sent] = [x.start for x in mentions]
            nearby = within(mentions, mention_starts[sent], lo, hi)
            clause = clause_bounds(doc.clean, lo, hi, m.start, m.end)
            lexical = self._indicator([x for x in nearby if not numbers.numeric(x.start)], m, clause)
            numbers.around.append(Around(sent, (s_start, s_end), (lo, hi), clause, lexical))
        return numbers

    def parse_ahead(self, docs: list[Document], read: list[Numbers]) -> list[dict[int, Tree | None]]:
        """The trees of the sentences whose numbers may need one (`_combine`: no lexicon mention
        in the number's clause), every document's in one call: a call's fixed cost is most of a
        short sentence's parse."""
        todo = [
            (k, sent) for k, (doc, numbers) in enumerate(zip(docs, read)) if doc.sentences
            for sent in sorted({a.sent for a in numbers.around if a.lexical is None or a.lexical.start < a.clause[0]})
        ]
        sentences = []
        for k, sent in todo:
            first, last = self._tokens(docs[k], sent)
            sentences.append((first, [t.text for t in docs[k].tokens[first:last]]))
        trees: list[dict[int, Tree | None]] = [{} for _ in docs]
        for (k, sent), tree in zip(todo, self.parser.parse(sentences) if sentences else []):
            trees[k][sent] = tree
        return trees

    def extract(self, doc: Document, numbers: Numbers, trees: dict[int, Tree | None]) -> list[Fact]:
        matches, match_starts, places = numbers.matches, numbers.starts, numbers.places
        if not matches:
            return []
        locs = sorted((e for e in doc.entities if e.type == "LOC" and e.subtype in PLACE_KINDS), key=lambda e: e.start)
        loc_starts = [e.start for e in locs]
        periods, document_places = Periods(doc), DocumentPlaces.of(doc, self.places.voters)
        as_of = doc.date.isoformat() if doc.date else (str(doc.year) if doc.year else None)
        facts: list[Fact] = []
        groups: dict[tuple[int, int], str] = {}  # indicator span -> group id

        previous_end = 0
        for m, (sent, (s_start, s_end), (lo, hi), clause, lexical) in zip(matches, numbers.around):
            indicator = self._combine(lexical, lambda: self._attached(doc, m, sent, trees, places, numbers.numeric), clause)
            group = groups.setdefault(indicator.span, f"G{len(groups) + 1}") if indicator else None
            end = len(doc.text[: m.noun[0]].rstrip()) if m.noun and self._elided(doc, m) else m.end
            unit, unit_head = self._unit(doc, m)
            near = within(locs, loc_starts, lo, hi)
            block = doc.block_at(m.start).id
            reading = self.changes.read(
                doc.clean, (lo, hi), clause, (m.start, m.end), m.kind, max(previous_end, lo), [(e.start, e.end) for e in near]
            )
            # a figure of a period (money, a share, a measured indicator, a change), not a bare count
            counted = indicator is not None or reading.change is not None or m.kind in ("money", "percent")
            period, base = periods.of(clause[0], (m.start, m.end), (lo, hi), block, counted)
            previous_end = m.end
            facts.append(
                Fact(
                    kind=m.kind,
                    text=doc.text[m.start : end],
                    start=m.start,
                    end=end,
                    value=abs(m.value) if reading.signed else m.value,  # "-11%": a decrease of 11
                    unit=unit,
                    qualifier=m.qualifier,
                    change=reading.change,
                    indicator=indicator.normal if indicator else None,
                    indicator_span=indicator.span if indicator else None,
                    period=period,
                    regions=self.places.regions(
                        doc, doc.clean, near, (indicator.start, indicator.end) if indicator else None,
                        Position((lo, hi), clause, (m.start, m.end), [(x.start, x.end) for x in within(matches, match_starts, lo, hi)]),
                        document_places,
                    ),
                    sentence=(s_start, s_end),
                    block=block,
                    group=group,
                    low=m.low,
                    high=m.high,
                    unit_head=unit_head,
                    as_of=as_of,
                    base_period=base if reading.change or reading.comparison else None,
                    comparison=reading.comparison,
                )
            )
        return facts

    def _mentions(self, doc: Document, sent: int, places: dict[int, int], cache: dict[int, list[IndicatorMention]]) -> list[IndicatorMention]:
        """Indicator mentions of a sentence; the previous sentence's last one resolves a
        pronoun ("Товарооборот растёт. За год он увеличился на 5%")."""
        if sent not in cache:
            if sent > 0 and sent - 1 not in cache:  # one sentence back is enough: no recursion
                cache[sent - 1] = self.reader.indicators(doc, *self._tokens(doc, sent - 1), None, places)
            previous = cache[sent - 1][-1:] if sent > 0 else []
            cache[sent] = self.reader.indicators(doc, *self._tokens(doc, sent), previous[0] if previous else None, places)
        return cache[sent]

    @staticmethod
    def _tokens(doc: Document, sent: int) -> tuple[int, int]:
        span = doc.token_range(*doc.sentences[sent]) if doc.sentences else range(len(doc.tokens))
        return span.start, span.stop

    @staticmethod
    def _indicator(mentions: list[IndicatorMention], m: NumberMatch, clause: tuple[int, int]) -> IndicatorMention | None:
        """The nearest mention before the number, else the first after it in its clause;
        never one governed by a preposition ("на территории области")."""
        before = [x for x in mentions if x.end <= m.start]
        after = [x for x in mentions if m.end <= x.start < clause[1]]
        return next((x for x in before[::-1] + after if not x.weak), None)

    @staticmethod
    def _combine(
        lexical: IndicatorMention | None, attached: Callable[[], IndicatorMention | None], clause: tuple[int, int]
    ) -> IndicatorMention | None:
        """The lexicon's mention when it stands in the number's clause, else the noun the
        number is attached to (parsed only then), else the lexicon's from further away. An
        attached noun before the lexicon's is a parse that climbed too far, unless the lexicon's
        stands in a clause of its own ("объем средств, направленных на … затрат, увеличился")."""
        if lexical is not None and lexical.start >= clause[0]:
            return lexical
        found = attached()
        if found is None or (lexical is not None and found.end <= lexical.start and not lexical.nested):
            return lexical
        return found

    def _attached(
        self,
        doc: Document,
        m: NumberMatch,
        sent: int,
        trees: dict[int, Tree | None],
        places: dict[int, int],
        numeric: Callable[[int], bool],
    ) -> IndicatorMention | None:
        """The indicator the number is grammatically attached to, in its sentence's tree (parsed
        ahead with the batch's, `parse_ahead`: most sentences need none, the lexicon names one)."""
        if not doc.sentences:
            return None
        number = doc.token_range(m.start, m.end)
        first = self._tokens(doc, sent)[0]
        while True:
            listed, item = self.reader.listed(doc, number.start, first, numeric)
            if not listed or item is not None:
                break  # "колбасные изделия - на 8,7%": a list item names it
            # "…, для пенсионеров - 2139 рублей": the item names only a scope, the list's first figure it
            previous = self.reader.previous_number(doc, number.start, first, numeric)
            if previous is None:
                return None
            number = previous
        if item is not None:
            return item
        tree = trees.get(sent)
        if tree is None:
            return None
        # a count's subject is mostly who has or does it ("клуб выиграл 5 матчей"): counts take a noun only
        return self.syntax.mention(doc, tree, number.start, number.stop, places, numeric, subjects=m.kind != "count")

    @staticmethod
    def _elided(doc: Document, m: NumberMatch) -> bool:
        """"62 представляют Европу": a verb after the number, the counted noun is elided
        (the count grammar reads shapes and knows only verbs in "-ли")."""
        tokens = doc.tokens_in(*m.noun) if m.kind == "count" and m.noun else []
        return bool(tokens) and tokens[0].tag.startswith(("VERB", "INFN", "GRND"))

    def _unit(self, doc: Document, m: NumberMatch) -> tuple[str | None, str | None]:
        """The unit and its head noun: a count's counted noun (None after an elided one)."""
        if m.kind == "quantity":
            return m.unit, quantity_head(m.unit, self.reader.morph)
        if m.kind != "count":
            return m.unit, None
        if m.noun is None:  # no noun: none, or the people a collective counts ("шестерых": человек)
            return m.unit, m.unit
        tokens = doc.tokens_in(*m.noun)
        if not tokens:
            return m.unit, quantity_head(m.unit, self.reader.morph)
        if self._elided(doc, m):
            return None, None
        return self.counted.phrase(tokens)
