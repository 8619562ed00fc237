"""What a number measures, when, where, and whether it is a change.

The recognisers find and normalise the numbers; this module reads the sentence
around each one:
- indicator: the nearest indicator phrase before the number in its sentence
  (a head noun from `lexicons/indicators.txt` and its genitive complement), or
  one named by a verb ("экспортировал семян льна" → "экспорт семян льна"); a
  pronoun subject ("он увеличился на 32%") takes the indicator named before it;
- clause bounds, which `change.py` (change, comparison) and `period.py` (period,
  base period) read too; `regions.py` reads the places.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Document, Token, complement_end
from ..morph import Morph, fold
from ..entities.normalize import Normalizer, join
from ..lexicons import read_lexicon, read_table

MAX_COMPLEMENT = 6
PRONOUNS = {"он", "она", "оно", "они"}
CLOSED = {"PREP", "CONJ", "PRCL", "INTJ", "NPRO", "VERB", "INFN", "PRTS", "ADVB", "GRND"}
PLACE_PREPOSITIONS = {"в", "во", "из", "на"}  # "экспорт товаров в Белоруссию", "инвестиции в основной капитал"
OBJECT_PREPOSITIONS = {"по"}  # "недоимка по налогам"
# nouns that end an indicator rather than extend it: time ("в 2023 году"), amount ("на сумму")
NOT_OBJECTS = {
    "год", "месяц", "квартал", "полугодие", "неделя", "день", "период", "раз",
    "сумма", "размер", "уровень", "сравнение", "территория", "цена", "среднее", "число", "район", "город",
}
TRADE_FLOWS = {"экспорт", "импорт", "поставка", "товарооборот", "торговля", "вывоз", "ввоз", "экспортировать", "импортировать", "поставить"}
CLAUSE_BREAK = re.compile(r"[,;:()«»\"]|\s[—–-]\s")


@dataclass
class IndicatorMention:
    start: int  # where this sentence names it (for a pronoun: the pronoun)
    end: int
    normal: str
    span: tuple[int, int]  # where the indicator phrase itself stands (a pronoun's antecedent)
    weak: bool = False  # governed by a preposition ("на территории района", "на уровне"): rarely what is measured


@dataclass
class ContextLexicon:
    heads: set[str]
    verbs: dict[str, str]
    change: list[tuple[str, str]]  # (stem, direction)
    _directions: dict[str, str | None] = field(default_factory=dict, repr=False)  # by word: read many times each

    @classmethod
    def load(cls) -> "ContextLexicon":
        verbs = {row["verb"]: row["indicator"] for _, row in read_table("indicator_verbs.tsv", ("verb", "indicator"), 2)}
        change = [(row["stem"], row["direction"]) for _, row in read_table("change_words.tsv", ("direction", "stem"), 2)]
        return cls({fold(w) for w in read_lexicon("indicators.txt")}, verbs, change)

    def direction(self, word: str) -> str | None:
        try:
            return self._directions[word]
        except KeyError:
            if len(self._directions) >= 100_000:
                self._directions.clear()  # bounded memory on huge, varied inputs
            folded = fold(word)
            found = self._directions[word] = next((d for stem, d in self.change if folded.startswith(stem)), None)
            return found


class ContextReader:
    def __init__(self, lexicon: ContextLexicon, morph: Morph, normalizer: Normalizer) -> None:
        self.lexicon = lexicon
        self.morph = morph
        self.normalizer = normalizer

    # -- indicators ---------------------------------------------------------------

    def indicators(
        self, doc: Document, first: int, last: int, previous: IndicatorMention | None, places: dict[int, int]
    ) -> list[IndicatorMention]:
        """Indicator mentions among tokens[first:last] (one sentence), in text order;
        `places` maps the start offset of each location to its end."""
        out: list[IndicatorMention] = []
        i = first
        while i < last:
            tok = doc.tokens[i]
            lemma = fold(tok.lemma)
            if tok.text[:1].isalpha() and (lemma in self.lexicon.heads or tok.text in self.lexicon.heads):
                end = self._complement(doc, i + 1, last, places)
                start = self._modifiers(doc, i, first)
                words = [t.text for t in doc.tokens[start:end]]
                normal = join(doc.tokens[start:end], self.normalizer.phrase(words, singular=True))
                span = (doc.tokens[start].start, doc.tokens[end - 1].end)
                weak = start > first and doc.tokens[start - 1].tag.startswith("PREP")
                out.append(IndicatorMention(*span, _lower_first(normal), span, weak))
                i = end
                continue
            head = self.lexicon.verbs.get(lemma)
            if head:  # "экспортировал семян льна" → "экспорт семян льна"
                end = self._complement(doc, i + 1, last, places)
                tail = join(doc.tokens[i + 1 : end], [t.text for t in doc.tokens[i + 1 : end]]) if end > i + 1 else ""
                span = (tok.start, doc.tokens[end - 1].end)
                out.append(IndicatorMention(*span, (head + " " + tail).strip(), span))
                i = end
                continue
            if tok.text.lower() in PRONOUNS and previous is not None:
                out.append(IndicatorMention(tok.start, tok.end, previous.normal, previous.span))
            if out:
                previous = out[-1]
            i += 1
        return out

    def _modifiers(self, doc: Document, head: int, first: int) -> int:
        """Adjectives before the head ("стартовая цена"); capitalised only at the sentence start."""
        start = head
        while start > first and "ADJF" in doc.tokens[start - 1].tag:
            if doc.tokens[start - 1].text[:1].isupper() and start - 1 != first:
                break
            start -= 1
        return start

    def _complement(self, doc: Document, i: int, last: int, places: dict[int, int]) -> int:
        return complement_end(doc, i, last, MAX_COMPLEMENT, self._genitive, extend=lambda k: self._construction(doc, i, k, last, places))

    def _construction(self, doc: Document, i: int, k: int, last: int, places: dict[int, int]) -> int | None:
        """Where a prepositional object or a coordinated genitive that begins at token `k` of
        the complement beginning at `i` ends (`k`: the complement ends before it), or None."""
        word = fold(doc.tokens[k].text)
        if word in PLACE_PREPOSITIONS and k + 1 < last:
            place_end = places.get(doc.tokens[k + 1].start)
            if place_end is not None:
                if fold(doc.tokens[i - 1].lemma) not in TRADE_FLOWS:
                    return k  # a place is part of a trade flow ("экспорт в Белоруссию"), not of other indicators
                return doc.token_range(doc.tokens[k + 1].start, place_end).stop
            object_end = self._object(doc, k + 1, last)
            if object_end:  # "инвестиции в основной капитал"
                return object_end
        if word in OBJECT_PREPOSITIONS and k + 1 < last:
            object_end = self._object(doc, k + 1, last)
            if object_end:  # "недоимка по налогам", "мощность по переработке"
                return object_end
        if doc.tokens[k].text == "и" and k > i and k + 1 < last and self._genitive(doc.tokens[k + 1]):
            return k + 1  # "производство хлеба и хлебобулочных изделий"
        return None

    def _genitive(self, tok: Token) -> bool:
        return tok.text[:1].isalpha() and tok.tag.split(",")[0] not in CLOSED and "gent" in self._cases(tok.text)

    def _object(self, doc: Document, i: int, last: int) -> int | None:
        """End of a short noun phrase (adjectives + a common noun) after a preposition,
        or None: not a number, a date or a name."""
        end = i
        while end < last and end - i < 3 and "ADJF" in doc.tokens[end].tag and doc.tokens[end].text[:1].islower():
            end += 1
        if end < last and doc.tokens[end].tag.startswith("NOUN") and doc.tokens[end].text[:1].islower():
            if fold(doc.tokens[end].lemma) not in NOT_OBJECTS:
                return end + 1
        return None

    def _cases(self, word: str) -> set[str]:
        return {str(p.tag.case) for p in self.morph.parse(word) if p.tag.POS in ("NOUN", "ADJF", "PRTF")}


def clause_bounds(text: str, sent_start: int, sent_end: int, start: int, end: int) -> tuple[int, int]:
    left = sent_start
    for match in CLAUSE_BREAK.finditer(text, sent_start, start):
        left = match.end()
    right_match = CLAUSE_BREAK.search(text, end, sent_end)
    return left, right_match.start() if right_match else sent_end


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text if first.isupper() and len(first) > 1 else text[:1].lower() + text[1:]
