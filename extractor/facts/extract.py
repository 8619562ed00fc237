"""Extract facts: numbers found by the recognisers, read in their sentence.

Runs after locations and dates are known: a fact's period comes from the dates
of its sentence, its regions from the places.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from typing import TypeVar

from ..document import Document
from ..geo.gazetteer import Gazetteer
from ..morph import fold
from ..entities.normalize import Normalizer, join
from ..records import Entity, Fact
from .context import ContextReader, IndicatorMention, clause_bounds, period
from .indicator import SyntaxIndicators, load_links
from .recognize import NumberMatch, NumberRecognizer
from .syntax import Parser, Tree
from .units import CountedNoun, load_abbreviations, quantity_head

PLACE_KINDS = ("region", "country")
HOME_WORDS = {"регион", "область", "край", "республика"}  # "the region" of the article
REGION_WORDS = ("область", "край", "республика")  # "смоленских товаров" names Смоленская область
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


def main_region(doc: Document) -> str | None:
    """The region the article is about: the one its article blocks name most (twice at least)."""
    kinds = {b.id: b.kind for b in doc.blocks}
    counts = Counter(e.normal for e in doc.entities if e.type == "LOC" and e.subtype == "region" and kinds.get(e.block) == "article")
    best = counts.most_common(1)
    return best[0][0] if best and best[0][1] >= 2 else None


class Facts:
    name = "facts"
    requires: frozenset[str] = frozenset({"blocks", "clean", "entities.dates", "entities.places", "sentences", "text", "tokens", "year"})
    provides: frozenset[str] = frozenset({"facts"})

    def __init__(self, recognizer: NumberRecognizer, reader: ContextReader, normalizer: Normalizer, gazetteer: Gazetteer) -> None:
        self.recognizer = recognizer
        self.reader = reader
        self.normalizer = normalizer
        self.gazetteer = gazetteer
        self.parser = Parser()  # the syntax model loads on the first sentence it parses
        self.syntax = SyntaxIndicators(reader, load_links())
        self.counted = CountedNoun(reader.morph, load_abbreviations())

    def __call__(self, docs: list[Document]) -> None:
        for doc in docs:
            doc.facts = self.extract(doc)

    def extract(self, doc: Document) -> list[Fact]:
        matches = self.recognizer.find(doc.clean)
        if not matches:
            return []
        places = {e.start: e.end for e in doc.entities if e.type == "LOC"}
        dates = sorted((e for e in doc.entities if e.type == "DATE"), key=lambda e: e.start)
        locs = sorted((e for e in doc.entities if e.type == "LOC" and e.subtype in PLACE_KINDS), key=lambda e: e.start)
        date_starts, loc_starts = [d.start for d in dates], [e.start for e in locs]
        home = main_region(doc)
        match_starts = [x.start for x in matches]
        facts: list[Fact] = []
        groups: dict[tuple[int, int], str] = {}  # indicator span -> group id
        cache: dict[int, list[IndicatorMention]] = {}
        trees: dict[int, Tree | None] = {}
        mention_starts: dict[int, list[int]] = {}

        def numeric(offset: int) -> bool:
            return inside(offset, matches, match_starts)

        for m in matches:
            sent = doc.sentence_at(m.start)
            s_start, s_end = doc.sentences[sent] if doc.sentences else (0, len(doc.text))
            lo, hi = max(s_start, m.start - READ_WINDOW), min(s_end, m.end + READ_WINDOW)
            mentions = self._mentions(doc, sent, places, cache)
            if sent not in mention_starts:
                mention_starts[sent] = [x.start for x in mentions]
            nearby = within(mentions, mention_starts[sent], lo, hi)
            clause = clause_bounds(doc.clean, lo, hi, m.start, m.end)
            lexical = self._indicator([x for x in nearby if not inside(x.start, matches, match_starts)], m, clause)
            indicator = self._combine(lexical, lambda: self._attached(doc, m, sent, trees, places, numeric), clause)
            in_sentence = within(dates, date_starts, lo, hi)
            group = groups.setdefault(indicator.span, f"G{len(groups) + 1}") if indicator else None
            end = len(doc.text[: m.noun[0]].rstrip()) if m.noun and self._elided(doc, m) else m.end
            unit, unit_head = self._unit(doc, m)
            facts.append(
                Fact(
                    kind=m.kind,
                    text=doc.text[m.start : end],
                    start=m.start,
                    end=end,
                    value=m.value,
                    unit=unit,
                    qualifier=m.qualifier,
                    change=self.reader.change(doc.clean, clause[0], m.start, m.end, m.kind, clause[1]),
                    indicator=indicator.normal if indicator else None,
                    indicator_span=indicator.span if indicator else None,
                    period=period(doc.clean, clause[0], m.start, in_sentence, doc.year),
                    regions=self._regions(doc, within(locs, loc_starts, lo, hi), indicator)
                    or self._home(doc, lo, hi, home),
                    sentence=(s_start, s_end),
                    block=doc.block_at(m.start).id,
                    group=group,
                    low=m.low,
                    high=m.high,
                    unit_head=unit_head,
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
        number is attached to (parsed only then), else the lexicon's from further away."""
        if lexical is not None and lexical.start >= clause[0]:
            return lexical
        return attached() or lexical

    def _attached(
        self,
        doc: Document,
        m: NumberMatch,
        sent: int,
        trees: dict[int, Tree | None],
        places: dict[int, int],
        numeric: Callable[[int], bool],
    ) -> IndicatorMention | None:
        """The indicator the number is grammatically attached to; its sentence is parsed on the
        first number of it that needs a tree (most sentences never do: the lexicon names one)."""
        if not doc.sentences:
            return None
        if sent not in trees:
            first, last = self._tokens(doc, sent)
            trees[sent] = self.parser.parse([(first, [t.text for t in doc.tokens[first:last]])])[0]
        tree = trees.get(sent)
        if tree is None:
            return None
        number = doc.token_range(m.start, m.end)
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
        if m.kind != "count" or m.noun is None:
            return m.unit, None
        tokens = doc.tokens_in(*m.noun)
        if not tokens:
            return m.unit, quantity_head(m.unit, self.reader.morph)
        if self._elided(doc, m):
            return None, None
        return self.counted.phrase(tokens)

    @staticmethod
    def _home(doc: Document, start: int, end: int, home: str | None) -> list[str]:
        """"регион экспортировал …": a sentence that speaks of "the region" without naming
        it means the region the article is about."""
        if home and any(fold(t.lemma) in HOME_WORDS for t in doc.tokens_in(start, end)):
            return [home]
        return []

    def _regions(self, doc: Document, locs: list[Entity], indicator: IndicatorMention | None) -> list[str]:
        """The places named in the sentence (`locs`) and in the indicator's adjectives."""
        names = [e.normal for e in locs]
        if indicator is not None:  # "экспорт смоленских товаров": the region's adjective
            for tok in doc.tokens_in(indicator.start, indicator.end):
                if "ADJF" in tok.tag:
                    for word in REGION_WORDS:
                        place = self.gazetteer.lookup_key(f"{fold(tok.lemma)} {word}")
                        if place is not None:
                            names.append(place.name)
                            break
        return list(dict.fromkeys(names))
