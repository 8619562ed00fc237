"""What a number measures, when, where, and whether it is a change.

The recognisers find and normalise the numbers; this module reads the sentence
around each one:
- indicator: the nearest indicator phrase before the number in its sentence
  (a head noun from `lexicons/indicators.txt` and its genitive complement), or
  one named by a verb ("экспортировал семян льна" → "экспорт семян льна"); a
  pronoun subject ("он увеличился на 32%") takes the indicator named before it, and
  so does a sentence that goes on with the previous one's items ("В том числе …").
  A mention governed by a preposition, the base of a comparison ("выше уровня 2014
  года") or the genitive of another noun ("на душу населения") is weak: skipped;
- list items after a dash (`listed`): "колбасные изделия - на 8,7%" names its own
  indicator, "для пенсионеров - 2139 рублей" only a scope (the list's first figure's);
- clause bounds, which `change.py` (change, comparison) and `period.py` (period,
  base period) read too; `regions.py` reads the places.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..document import Document, Token, complement_end
from ..morph import Morph, fold
from ..entities.normalize import Normalizer, join
from ..lexicons import read_lexicon, read_table

MAX_COMPLEMENT = 12
PRONOUNS = {"он", "она", "оно", "они"}
CLOSED = {"PREP", "CONJ", "PRCL", "INTJ", "NPRO", "VERB", "INFN", "PRTS", "ADVB", "GRND"}
PLACE_PREPOSITIONS = {"в", "во", "из", "на"}  # "экспорт товаров в Белоруссию", "инвестиции в основной капитал"
OBJECT_PREPOSITIONS = {"по", "о", "об", "к"}  # "недоимка по налогам", "объявления об аренде", "надбавка к пенсии"
TRADE_FLOWS = {"экспорт", "импорт", "поставка", "товарооборот", "торговля", "вывоз", "ввоз", "экспортировать", "импортировать", "поставить"}
CONTINUATIONS = (("в", "том", "числе"), ("из", "них"), ("в", "частности"))
# between a governed indicator and its number: "штрафом в размере от", "по цене 200 рублей"
LEADS = {"в", "во", "от", "до", "размере", "сумме", "сумму", "общей", "общую", "порядка"}
RELATIVES = {"который"}  # "продажи которой": a relative clause, not the complement
QUOTES = {'"', "«", "»", "“", "”", "„"}
LATIN = re.compile(r"[A-Z][A-Za-z0-9&.-]*")
DASHES = {"-", "–", "—"}
LIST_BREAKS = {",", ";", ":", "(", ")"} | DASHES
MAX_ITEM = 10  # tokens of a list item before its dash
VERBS = ("VERB", "INFN", "PRTS", "GRND")
CLAUSE_BREAK = re.compile(r"[,;:()«»\"]|\s[—–-]\s")


@dataclass
class IndicatorMention:
    start: int  # where this sentence names it (for a pronoun: the pronoun)
    end: int
    normal: str
    span: tuple[int, int]  # where the indicator phrase itself stands (a pronoun's antecedent)
    weak: bool = False  # governed by a preposition ("на территории района", "на уровне"): rarely what is measured
    nested: bool = False  # in a participle or relative clause ("объем средств, направленных на …, вырос")


@dataclass
class ContextLexicon:
    heads: set[str]
    verbs: dict[str, str]
    change: list[tuple[str, str]]  # (stem, direction)
    # a head that names an indicator only after its adjective ("прожиточный минимум", not "как минимум"):
    # head lemma -> the adjective lemmas that may precede it
    phrases: dict[str, set[str]] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)  # indicator_links.tsv: "размер" through, "доля" share …
    stops: dict[str, str] = field(default_factory=dict)  # indicator_stops.tsv: nouns that end a phrase, by kind
    comparatives: tuple[str, ...] = ()  # stems of comparatives.tsv ("выше", "превыша"): what follows is a base
    _directions: dict[str, str | None] = field(default_factory=dict, repr=False)  # by word: read many times each

    @classmethod
    def load(cls) -> "ContextLexicon":
        verbs = {row["verb"]: row["indicator"] for _, row in read_table("indicator_verbs.tsv", ("verb", "indicator"), 2)}
        change = [(row["stem"], row["direction"]) for _, row in read_table("change_words.tsv", ("direction", "stem"), 2)]
        entries = [fold(w) for w in read_lexicon("indicators.txt")]
        phrases: dict[str, set[str]] = {}
        for modifier, head in (e.rsplit(" ", 1) for e in entries if " " in e):
            phrases.setdefault(head, set()).add(modifier)
        roles = {row["word"]: row["role"] for _, row in read_table("indicator_links.tsv", ("word", "role"), 2)}
        stops = {row["word"]: row["kind"] for _, row in read_table("indicator_stops.tsv", ("word", "kind"), 2)}
        comparatives = tuple(row["stem"] for _, row in read_table("comparatives.tsv", ("direction", "stem"), 2))
        return cls({e for e in entries if " " not in e}, verbs, change, phrases, roles, stops, comparatives)

    def role(self, lemma: str) -> str | None:
        return self.roles.get(fold(lemma))

    def stop(self, lemma: str, kind: str | None = None) -> bool:
        """Whether a noun ends an indicator phrase (of `kind`: "time", "place" …, or any)."""
        found = self.stops.get(fold(lemma))
        return found is not None and (kind is None or found == kind)

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
        if previous is not None and self._continues(doc, first, last):
            out.append(IndicatorMention(doc.tokens[first].start, doc.tokens[first].end, previous.normal, previous.span))
        i, keys = first, doc.lemma_keys()
        while i < last:
            tok = doc.tokens[i]
            lemma = keys[i]
            if tok.text[:1].isalpha() and self._names(doc, i, first, lemma):
                end = self.complement(doc, i + 1, last, places, names=True)
                start = self.modifiers(doc, i, first)
                span = (doc.tokens[start].start, doc.tokens[end - 1].end)
                weak, nested = self._weak(doc, start, i, end, first, last), self._nested(doc, start, first)
                out.append(IndicatorMention(*span, self.normal(doc, start, i, end), span, weak, nested))
                i = end
                continue
            head = self.lexicon.verbs.get(lemma)
            if head:  # "экспортировал семян льна" → "экспорт семян льна"
                end = self.complement(doc, i + 1, last, places)
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

    def _names(self, doc: Document, i: int, first: int, lemma: str) -> bool:
        """Whether token i is an indicator head: a lexicon head, or the head of a lexicon phrase
        after its adjective ("прожиточный минимум")."""
        if lemma in self.lexicon.heads or doc.tokens[i].text in self.lexicon.heads:
            return True
        modifiers = self.lexicon.phrases.get(lemma)
        return bool(modifiers) and i > first and fold(doc.tokens[i - 1].lemma) in modifiers

    @staticmethod
    def _continues(doc: Document, first: int, last: int) -> bool:
        """A sentence that goes on with the items of the previous one ("В том числе для
        пенсионеров – 3712 рублей"): they take its indicator."""
        words = tuple(fold(t.text) for t in doc.tokens[first : min(last, first + 3)])
        return any(words[: len(opener)] == opener for opener in CONTINUATIONS)

    def _weak(self, doc: Document, start: int, head: int, end: int, first: int, last: int) -> bool:
        """A mention that is rarely what the number measures: governed by a preposition ("на
        территории района", "на уровне"), unless the number follows it ("со штрафом в размере
        2 млн рублей"); the base of a comparison ("выше уровня 2014 года"); the genitive of a
        noun that names no indicator ("на душу населения", "департамент защиты населения")."""
        while start > first and "ADJF" in doc.tokens[start - 1].tag:
            start -= 1  # "в том числе": the word that governs the phrase
        if start == first:
            return False
        before = doc.tokens[start - 1]
        if before.tag.startswith("PREP"):
            amount = self.lexicon.role(doc.tokens[head].lemma) == "through"
            return amount or end > head + 1 or not self._leads_to_number(doc, before, head, last)
        if self._comparative(before) or (before.tag.startswith("ADVB") and start - 2 >= first and self._comparative(doc.tokens[start - 2])):
            return True
        return self._dependent(doc, start, head, first)

    def _comparative(self, tok: Token) -> bool:
        return tok.tag.startswith("COMP") or fold(tok.text).startswith(self.lexicon.comparatives)

    def _nested(self, doc: Document, start: int, first: int) -> bool:
        """Whether the clause the mention stands in opens with a participle or "который" after a comma."""
        k = start
        while k > first and doc.tokens[k - 1].text != ",":
            k -= 1
        opening = doc.tokens[k]
        return k > first and ("PRTF" in opening.tag or fold(opening.lemma) in RELATIVES)

    def _dependent(self, doc: Document, start: int, head: int, first: int) -> bool:
        """Whether the mention is the genitive of a noun before it that names no indicator, no
        change, no amount and no complex preposition ("в качестве компенсации"), nor the unit
        of a number ("2 млрд долларов инвестиций")."""
        before = doc.tokens[start - 1]
        noun = fold(before.lemma)
        if not (before.tag.startswith("NOUN") and before.text[:1].islower() and "gent" in doc.tokens[head].tag):
            return False
        if noun in self.lexicon.heads or self.lexicon.role(noun) == "through" or self.lexicon.stop(noun) or self.lexicon.direction(before.text):
            return False  # "рост цен": the change of the indicator
        return not any(t.text[:1].isdigit() or t.tag.startswith("NUMR") for t in doc.tokens[max(first, start - 3) : start - 1])

    def _leads_to_number(self, doc: Document, prep: Token, head: int, last: int) -> bool:
        """Whether a number, not a year, follows a governed mention with no complement: past
        amount words ("штрафом в размере от 2 млн"), or right after a "в"/"на"/"по" phrase not in the
        accusative ("в количестве 73 штук", "по цене 200 рублей"; not "в число 21 региона",
        "с помощью 700 камер")."""
        direct = fold(prep.text) in ("в", "во", "на", "по") and bool(self._cases(doc.tokens[head].text) & {"loct", "loc2", "datv"})
        for k in range(head + 1, min(last, head + 5)):
            tok = doc.tokens[k]
            if tok.text[:1].isdigit():
                return (direct or k > head + 1) and not (k + 1 < last and self.lexicon.stop(doc.tokens[k + 1].lemma, "time"))
            if not (fold(tok.text) in LEADS or tok.tag.startswith("ADVB")):
                return False
        return False

    def modifiers(self, doc: Document, head: int, first: int) -> int:
        """Where the agreeing adjectives before the head begin ("стартовая цена"); capitalised
        only at the sentence start; never a pronoun ("эта цена", "которые")."""
        start = head
        while start > first and "ADJF" in doc.tokens[start - 1].tag and not self._pronoun(doc.tokens[start - 1]):
            if doc.tokens[start - 1].text[:1].isupper() and start - 1 != first:
                break
            start -= 1
        return start

    @staticmethod
    def _pronoun(tok: Token) -> bool:
        return "Apro" in tok.tag and fold(tok.lemma) != "самый"  # "самая низкая зарплата" keeps its superlative

    def normal(self, doc: Document, start: int, head: int, end: int) -> str:
        """The lemma phrase of tokens[start:end]: the head in the nominative singular with its
        adjectives agreeing, the words after it copied as written ("затрата операторов связи")."""
        tokens = doc.tokens[start:end]
        words = [t.text for t in tokens]
        # a lexicon head that is an adjective ("заработной платы"): the noun after it
        if "ADJF" in doc.tokens[head].tag:
            head = next((k for k in range(head, end) if doc.tokens[k].tag.startswith("NOUN")), head)
        forms = self.normalizer.phrase(words, singular=True, head=head - start)
        return _lower_first(join(tokens, forms[: head - start + 1] + words[head - start + 1 :]))

    def complement(self, doc: Document, i: int, last: int, places: dict[int, int], names: bool = False) -> int:
        """End of the complement of the head before token `i`: genitives, prepositional objects;
        `names`: the head is a noun, a name after it is its owner ("стоимость «Южного потока»")."""
        def extend(k: int) -> int | None:
            return (self._name(doc, i, k, last) if names else None) or self._construction(doc, i, k, last, places)

        return complement_end(doc, i, last, MAX_COMPLEMENT, self._genitive, extend=extend)

    def _name(self, doc: Document, i: int, k: int, last: int) -> int | None:
        """End of a name at token `k` that belongs to the noun before it: in quotes or Latin
        ("аудитория "ВКонтакте"", "продажи концерна Volkswagen"); right after the head, only a
        genitive or an undeclined one ("стоимость «Южного потока»", not "продать «Роме»")."""
        tok = doc.tokens[k]
        if LATIN.fullmatch(tok.text):
            return k + 1
        if tok.text not in QUOTES or k + 1 >= last:
            return None
        close = next((j for j in range(k + 2, min(last, k + 6)) if doc.tokens[j].text in QUOTES), None)
        if close is None:
            return None
        cases = self._cases(doc.tokens[k + 1].text)
        return None if k == i and cases and "gent" not in cases else close + 1

    def _construction(self, doc: Document, i: int, k: int, last: int, places: dict[int, int]) -> int | None:
        """Where a prepositional object or a coordinated genitive that begins at token `k` of the
        complement beginning at `i` ends (`k`: the complement ends before it), or None."""
        tok = doc.tokens[k]
        word = fold(tok.text)
        if word in PLACE_PREPOSITIONS and k + 1 < last:
            place_end = places.get(doc.tokens[k + 1].start)
            if place_end is not None:
                if fold(doc.tokens[i - 1].lemma) not in TRADE_FLOWS:
                    return k  # a place is part of a trade flow ("экспорт в Белоруссию"), not of other indicators
                return doc.token_range(doc.tokens[k + 1].start, place_end).stop
            # "инвестиции в основной капитал"; "в сельхоз предприятиях" is where, but "доля … в общем объеме"
            object_end = self._object(doc, k + 1, last, where=word == "на" or self.lexicon.role(doc.tokens[i - 1].lemma) == "share")
            if object_end:
                return object_end
        if word == "за" and k + 2 < last and fold(doc.tokens[k + 1].text) == "счет" and self._genitive(doc.tokens[k + 2]):
            return k + 2  # the source of funds: "инвестиции в основной капитал за счет бюджетных средств"
        if word in OBJECT_PREPOSITIONS and k + 1 < last:
            object_end = self._object(doc, k + 1, last, where=True)
            if object_end:  # "недоимка по налогам", "мощность по переработке", "объявления об аренде"
                return object_end
        if self.lexicon.role(doc.tokens[i - 1].lemma) == "instrumental":
            object_end = self._noun_phrase(doc, k, last, where=True, case="ablt")
            if object_end:  # "обеспеченность жильем", "удовлетворенность населения медицинской помощью"
                return object_end
        if tok.text == "и" and k > i and k + 1 < last and self._genitive(doc.tokens[k + 1]):
            return k + 1  # "производство хлеба и хлебобулочных изделий"
        return None

    def _genitive(self, tok: Token) -> bool:
        return (
            tok.text[:1].isalpha() and tok.tag.split(",")[0] not in CLOSED and fold(tok.lemma) not in RELATIVES
            and "gent" in self._cases(tok.text)
        )

    def _object(self, doc: Document, i: int, last: int, where: bool = False) -> int | None:
        """End of a short noun phrase (adjectives + a common noun, or two joined by "и") after a
        preposition, or None: not a number, a date or a name; with `where` false, not a noun in
        the prepositional case alone ("на подворьях"): that says where, not of what."""
        end = self._noun_phrase(doc, i, last, where)
        if end is not None and end + 1 < last and doc.tokens[end].text == "и":
            return self._noun_phrase(doc, end + 1, last, where) or end  # "по налогам и сборам"
        return end

    def _noun_phrase(self, doc: Document, i: int, last: int, where: bool, case: str | None = None) -> int | None:
        end = i
        while end < last and end - i < 3 and "ADJF" in doc.tokens[end].tag and doc.tokens[end].text[:1].islower():
            end += 1
        if end >= last:
            return None
        noun = doc.tokens[end]
        if not noun.tag.startswith("NOUN") or not noun.text[:1].islower() or (case is None and self.lexicon.stop(noun.lemma)):
            return None
        cases = self._cases(noun.text)
        if (not where and not cases - {"loct", "loc2", "datv"}) or (case is not None and case not in cases):
            return None
        return end + 1

    def _cases(self, word: str) -> set[str]:
        return {str(p.tag.case) for p in self.morph.parse(word) if p.tag.POS in ("NOUN", "ADJF", "PRTF")}

    # -- lists --------------------------------------------------------------------

    @staticmethod
    def previous_number(doc: Document, before: int, first: int, numeric: Callable[[int], bool]) -> range | None:
        """Tokens of the last number that ends before token `before` of the sentence from `first`."""
        k = before - 1
        while k >= first and not numeric(doc.tokens[k].start):
            k -= 1
        if k < first:
            return None
        start = k
        while start > first and numeric(doc.tokens[start - 1].start):
            start -= 1
        return range(start, k + 1)

    def listed(self, doc: Document, number: int, first: int, numeric: Callable[[int], bool]) -> tuple[bool, IndicatorMention | None]:
        """A number that is an item of a list after a dash: "колбасные изделия - на 8,7%" names
        its own indicator: (True, it); "для пенсионеров - 2139 рублей" names only a scope:
        (True, None), it takes the list's; (False, None) for a number that is no such item."""
        k = number - 1
        while k >= first and number - k <= 6 and (doc.tokens[k].tag.startswith(("PREP", "ADVB", "PRCL")) or numeric(doc.tokens[k].start)):
            k -= 1  # "- на 8,7%", "- с 0,37 до 0,42 рубля"
        if k <= first or doc.tokens[k].text not in DASHES or numeric(doc.tokens[k - 1].start):
            return False, None
        dash = k
        while k > first and not self._item_break(doc, k) and dash - k < MAX_ITEM:
            k -= 1
        if k > first and not self._item_break(doc, k):
            return False, None  # too long for an item
        while k < dash and doc.tokens[k].tag.startswith("CONJ"):
            k += 1  # "а для детей"
        if k == dash:
            return False, None
        item = doc.tokens[k:dash]
        if any(t.tag.startswith(VERBS) for t in item):
            return False, None  # a clause of its own ("освоено за счет средств бюджета - 14,2 млн")
        if item[0].tag.startswith("PREP"):
            return True, None
        span = (item[0].start, item[-1].end)
        if LATIN.fullmatch(item[0].text):  # "EBITDA компании - 730 млн"
            return True, IndicatorMention(*span, join(item, [t.text for t in item]), span)
        head = next((j for j, t in enumerate(item, k) if t.tag.startswith("NOUN")), None)
        if head is None or not self._item_head(doc.tokens[head], item[0], head == first):
            return False, None
        start = self.modifiers(doc, head, k)
        # the whole item ("развитие и благоустройство территории - 4,381 млрд", "сообщения через
        # "ВКонтакте" - 0,37 рубля"), up to an adverbial of time ("в период до 2020 года")
        end = next((j for j in range(head + 1, dash) if self._adverbial(doc, j, dash)), dash)
        span = (doc.tokens[start].start, doc.tokens[end - 1].end)
        return True, IndicatorMention(*span, self.normal(doc, start, head, end), span)

    def _adverbial(self, doc: Document, k: int, stop: int) -> bool:
        """Whether a preposition at token k opens a phrase of time, place or scope ("в период")."""
        if not doc.tokens[k].tag.startswith("PREP"):
            return False
        noun = next((t for t in doc.tokens[k + 1 : stop] if "ADJF" not in t.tag), None)
        return noun is not None and self.lexicon.stop(noun.lemma)

    @staticmethod
    def _item_break(doc: Document, k: int) -> bool:
        """Whether a list item may begin at token k: after a punctuation break or a line break."""
        before = doc.tokens[k - 1]
        return before.text in LIST_BREAKS or "\n" in doc.text[before.end : doc.tokens[k].start]

    def _item_head(self, head: Token, opening: Token, initial: bool) -> bool:
        """A list item's head: a common noun that may be nominative (capitalised only as the
        sentence's first word), its item not opening with a genitive (", газа и воды - 30 %"
        goes on the previous item's complement) nor naming a place."""
        if not (initial or head.text[:1].islower()) or any(g in head.tag for g in ("Abbr", "Geox", "Name", "Surn")):
            return False
        if self.lexicon.stop(head.lemma, "time"):  # "2019 год - 225,0 тыс. рублей": when, not what
            return False
        return "nomn" in self._cases(head.text) and self._cases(opening.text) - {"gent", "gen2"} != set()


def clause_bounds(text: str, sent_start: int, sent_end: int, start: int, end: int) -> tuple[int, int]:
    left = sent_start
    for match in CLAUSE_BREAK.finditer(text, sent_start, start):
        left = match.end()
    right_match = CLAUSE_BREAK.search(text, end, sent_end)
    return left, right_match.start() if right_match else sent_end


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text if first.isupper() and len(first) > 1 else text[:1].lower() + text[1:]
