"""Normalise: the nominative form of every entity.

Persons: each name part is inflected to the nominative in the gender and case
that the parts agree on ("Василия Анохина" → "Василий Анохин", not the feminine
"Анохина"; person_names.py); where the words leave it open, the document's other
mentions of the surname and the post before the name decide. PER spans that hold
two names, or a place before initials, are re-cut first (ner.split_persons). Other names are noun phrases: the adjectives before the head noun
and the head go to the nominative, the rest (genitive complements, quoted
names) stays as written ("Совета Парламентского Собрания" → "Совет
Парламентского Собрания").
"""
from __future__ import annotations

from typing import Any

from ..document import Document, Token
from ..grammars.words import QUOTES
from ..lexicons import read_lexicon
from ..morph import Morph, fold, restore_case
from ..records import Entity
from .ner import split_persons
from .person_names import NameMorph, Reading, choose, settled

SURNAME_ADJ = ("ский", "цкий", "ской", "цкой")  # "Бежицком районе": pymorphy3 knows only the surname
MAX_CACHED = 100_000  # normal forms kept by the Normalize stage


def gender_ok(tag: Any, gender: str | None) -> bool:
    """Whether a parse may be of `gender`; common-gender words always are.
    (pymorphy3 raises when a tag attribute is compared to a grammeme of another kind.)"""
    return gender is None or tag.gender is None or str(tag.gender) == gender or "ms-f" in tag


def is_acronym(word: str) -> bool:
    return word.isupper() and len(word) <= 6 or any(ch.isdigit() for ch in word)


class Normalizer:
    def __init__(self, morph: Morph) -> None:
        self.morph = morph
        self.names = NameMorph(morph)
        self.plural_complements = {fold(w) for w in read_lexicon("plural_complements.txt")}

    # -- persons --------------------------------------------------------------

    def person(self, words: list[str], hint: frozenset[str] = frozenset()) -> list[str]:
        return list(choose(self.names.readings(words), hint).forms)

    def case_hint(self, position: list[Token]) -> frozenset[str]:
        """The cases a name written right after a post may be in: those of the post's first
        word, which the name stands in apposition to ("губернатора … Евгения Куйвашева")."""
        if not position or not position[0].text[:1].isalpha():
            return frozenset()
        return frozenset(str(p.tag.case) for p in self.morph.parse(position[0].text)
                         if p.tag.POS in ("NOUN", "ADJF", "PRTF") and p.tag.number == "sing" and p.tag.case)

    # -- noun phrases -----------------------------------------------------------

    def phrase(self, words: list[str], singular: bool = False, head: int | None = None) -> list[str]:
        """Nominative of a noun phrase; `singular` also makes it singular (positions); `head`:
        the head word when the caller knows it ("Главой Калмыкии": not the adjective "главый")."""
        head = self._head(words) if head is None else head
        head_parse = None if head is None else self._head_parse(words, head)
        if head is None or head_parse is None:
            return list(words)
        number = "sing" if singular or "Sgtm" in head_parse.tag else head_parse.tag.number or "sing"
        if "Pltm" in head_parse.tag:
            number = "plur"
        out = list(words)
        form = self.morph.inflect(head_parse, {"nomn", number})
        if form:
            out[head] = restore_case(form, words[head])
        gender = str(head_parse.tag.gender) if number == "sing" and head_parse.tag.gender else None
        for i in range(head):
            adj = self._agreeing(words[i], head_parse)
            if adj is None:
                continue
            grammemes = {"nomn", number} | ({gender} if gender in ("masc", "femn", "neut") else set())
            if "anim" in adj.tag or "inan" in adj.tag:
                grammemes.add("inan")
            form = self.morph.inflect(adj, grammemes) or self.morph.inflect(adj, {"nomn", number})
            if form:
                out[i] = restore_case(form, words[i])
        if singular and head_parse.tag.number == "plur":
            self._singular_complement(out, head + 1)
        return out

    def _singular_complement(self, out: list[str], first: int) -> None:
        """"председатели нижних палат парламентов" → "… нижней палаты парламента": a post named
        in the plural is each holder's in the singular, its lower-case genitive plural
        complement too (nouns first, then the adjectives before each, agreeing with it)."""
        end = first
        while end < len(out) and out[end][:1].isalpha() and out[end][:1].islower():
            end += 1
        nouns: dict[int, Any] = {}
        for i in range(first, end):
            noun = next((p for p in self.morph.parse(out[i]) if p.tag.POS == "NOUN" and p.tag.case == "gent"
                         and p.tag.number == "plur" and "Pltm" not in p.tag), None)
            if noun is not None and fold(noun.normal_form) not in self.plural_complements:
                nouns[i] = noun
        for i, noun in nouns.items():
            out[i] = self.morph.inflect(noun, {"gent", "sing"}) or out[i]
            k = i - 1
            while k >= first and k not in nouns:
                adj = next((p for p in self.morph.parse(out[k]) if p.tag.POS in ("ADJF", "PRTF")
                            and p.tag.case == "gent" and p.tag.number == "plur"), None)
                if adj is None:
                    break
                gender = self.morph.best(out[i]).tag.gender
                out[k] = self.morph.inflect(adj, {"gent", "sing", str(gender)} if gender else {"gent", "sing"}) or out[k]
                k -= 1

    def _head(self, words: list[str]) -> int | None:
        """The first noun, if only adjectives (or nothing) come before it."""
        for i, word in enumerate(words):
            if word in QUOTES or is_acronym(word) or not word[:1].isalpha():
                return None
            if i + 1 < len(words) and self._modifies(word, words[i + 1]):
                continue  # "Бежицком районе": an adjective reading that agrees with the next noun
            best = self.morph.best(word)
            if best.tag.POS == "NOUN":
                return i
            if best.tag.POS not in ("ADJF", "PRTF", "NUMR") and "Apro" not in best.tag:
                # unknown capitalised words (foreign names) count as nouns
                return i if "UNKN" in best.tag or "LATN" in best.tag else None
        return None

    def _modifies(self, word: str, next_word: str) -> bool:
        if not next_word[:1].isalpha():
            return False
        return any(self._agreeing(word, noun) is not None for noun in self.morph.parse(next_word) if noun.tag.POS == "NOUN")

    def _head_parse(self, words: list[str], head: int) -> Any:
        nouns = [p for p in self.morph.parse(words[head]) if p.tag.POS == "NOUN"]
        if not nouns:
            return None
        if head == 0:
            return nouns[0]
        for noun in nouns:  # the first reading the adjective before it agrees with
            if self._agreeing(words[head - 1], noun) is not None:
                return noun
        return nouns[0]

    def _agreeing(self, word: str, noun: Any) -> Any:
        for p in self.morph.parse(word):
            adjective = p.tag.POS in ("ADJF", "PRTF") or ("Surn" in p.tag and p.normal_form.endswith(SURNAME_ADJ))
            if not adjective or p.tag.case != noun.tag.case:
                continue
            if p.tag.number != noun.tag.number and not ("Sgtm" in noun.tag or "Pltm" in noun.tag):
                continue
            if noun.tag.number == "sing" and p.tag.gender is not None and not gender_ok(noun.tag, str(p.tag.gender)):
                continue
            return p
        return None

    # -- the stage's work ---------------------------------------------------------

    def normal(self, kind: str, tokens: list[Token], head: int | None = None) -> str:
        words = [t.text for t in tokens]
        if kind == "PER":
            return join(tokens, self.person(words))
        if kind == "POSITION":
            text = join(tokens, self.phrase(words, singular=True, head=head))
            return text if is_acronym(words[0]) else text[:1].lower() + text[1:]
        return join(tokens, self.phrase(words))


def join(tokens: list[Token], forms: list[str]) -> str:
    """Join word forms with one space where the text had any whitespace between them."""
    out = forms[0] if forms else ""
    for prev, tok, form in zip(tokens, tokens[1:], forms[1:]):
        out += (" " if tok.start > prev.end else "") + form
    return out


class Normalize:
    name = "normalize"
    requires: frozenset[str] = frozenset({"entities.dates", "entities.events", "entities.organizations", "entities.places", "entities.positions", "text", "tokens"})
    provides: frozenset[str] = frozenset({"entities.normal"})

    def __init__(self, normalizer: Normalizer) -> None:
        self.normalizer = normalizer
        self.cache: dict[tuple[str, str], str] = {}  # (type, text) → normal: names repeat across documents
        self.person_cache: dict[str, list[Reading]] = {}  # a PER's text → its readings

    def __call__(self, docs: list[Document]) -> None:
        names = self.normalizer.names
        for doc in docs:
            split_persons(doc, names.is_surname, names.is_name_part)
            self.persons(doc)
            for ent in doc.entities:
                if not ent.normal:
                    ent.normal = self.normal(doc, ent)

    def persons(self, doc: Document) -> None:
        """A name's gender and case, where its words leave them open, are those that read its
        surname as another mention of the document does ("Илюмжинова" beside "Кирсан
        Илюмжинов"), or that fit the post written before it."""
        before = {e.end: e for e in doc.entities if e.type == "POSITION"}
        found: list[tuple[Entity, list[Reading], frozenset[str]]] = []
        for ent in doc.entities:
            if ent.type == "PER" and not ent.normal:
                hint = self.hint(doc, ent, before)
                found.append((ent, self.readings(doc, ent), hint))
        surnames = frozenset(s for _, readings, _ in found if (s := settled(readings)))
        for ent, readings, hint in found:
            reading = choose(readings, hint, surnames)
            ent.normal = join(doc.tokens_in(ent.start, ent.end), list(reading.forms)) or ent.text

    def hint(self, doc: Document, ent: Entity, before: dict[int, Entity]) -> frozenset[str]:
        k = ent.start
        while k > 0 and doc.text[k - 1] in " \t":
            k -= 1
        position = before.get(k) if k < ent.start else None
        return self.normalizer.case_hint(doc.tokens_in(position.start, position.end)) if position else frozenset()

    def readings(self, doc: Document, ent: Entity) -> list[Reading]:
        found = self.person_cache.get(ent.text)
        if found is None:
            if len(self.person_cache) >= MAX_CACHED:
                self.person_cache.clear()
            found = self.person_cache[ent.text] = self.normalizer.names.readings([t.text for t in doc.tokens_in(ent.start, ent.end)])
        return found

    def normal(self, doc: Document, ent: Entity) -> str:
        """The same text is split into the same tokens, so its normal form is the same."""
        key = (ent.type, ent.text)
        found = self.cache.get(key)
        if found is None:
            if len(self.cache) >= MAX_CACHED:
                self.cache.clear()
            found = self.cache[key] = self.normalizer.normal(ent.type, doc.tokens_in(ent.start, ent.end)) or ent.text
        return found
