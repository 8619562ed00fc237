"""Normalise: the nominative form of every entity.

Persons: each name part is inflected to the nominative in the gender and case
that the parts agree on ("Василия Анохина" → "Василий Анохин", not the feminine
"Анохина"). Other names are noun phrases: the adjectives before the head noun
and the head go to the nominative, the rest (genitive complements, quoted
names) stays as written ("Совета Парламентского Собрания" → "Совет
Парламентского Собрания").
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from ..document import Document, Token
from ..grammars.words import QUOTES
from ..lexicons import read_lexicon
from ..morph import Morph, fold, restore_case
from ..records import Entity

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
SURNAME_ADJ = ("ский", "цкий", "ской", "цкой")  # "Бежицком районе": pymorphy3 knows only the surname
MAX_CACHED = 100_000  # normal forms kept by the Normalize stage


def gender_ok(tag: Any, gender: str | None) -> bool:
    """Whether a parse may be of `gender`; common-gender surnames ("Сергеенко") always are.
    (pymorphy3 raises when a tag attribute is compared to a grammeme of another kind.)"""
    return gender is None or tag.gender is None or str(tag.gender) == gender or "ms-f" in tag


def is_acronym(word: str) -> bool:
    return word.isupper() and len(word) <= 6 or any(ch.isdigit() for ch in word)


class Normalizer:
    def __init__(self, morph: Morph) -> None:
        self.morph = morph
        self.plural_complements = {fold(w) for w in read_lexicon("plural_complements.txt")}

    # -- persons --------------------------------------------------------------

    def person(self, words: list[str]) -> list[str]:
        parses = [self.morph.person_parses(w) if w[:1].isalpha() else [] for w in words]
        gender = self._gender(parses)
        case = self._person_case(parses, gender)
        out = []
        for word, options in zip(words, parses):
            chosen = [p for p in options if p.tag.case == case and gender_ok(p.tag, gender)]
            form = self.morph.inflect(chosen[0], {"nomn", "sing"}) if chosen and case else None
            out.append(restore_case(form, word) if form else _title(word))
        return out

    def _gender(self, parses: list[list[Any]]) -> str | None:
        votes: Counter[str] = Counter()
        for options in parses:
            for p in options:
                if str(p.tag.gender) in ("masc", "femn") and ("Name" in p.tag or "Patr" in p.tag):
                    votes[str(p.tag.gender)] += p.score
        return votes.most_common(1)[0][0] if votes else None

    def _person_case(self, parses: list[list[Any]], gender: str | None) -> str | None:
        votes: Counter[str] = Counter()
        for options in parses:
            seen = {p.tag.case for p in options if gender_ok(p.tag, gender)}
            votes.update(seen)
        if not votes:
            return None
        best = max(votes.values())
        return next(c for c in CASES if votes.get(c) == best)  # ties: the nominative first

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


def _title(word: str) -> str:
    return word.capitalize() if word.isupper() and len(word) > 4 else word


def join(tokens: list[Token], forms: list[str]) -> str:
    """Join word forms with one space where the text had any whitespace between them."""
    out = forms[0] if forms else ""
    for prev, tok, form in zip(tokens, tokens[1:], forms[1:]):
        out += (" " if tok.start > prev.end else "") + form
    return out


class Normalize:
    name = "normalize"
    requires: frozenset[str] = frozenset({"entities.dates", "entities.events", "entities.organizations", "entities.places", "entities.positions", "tokens"})
    provides: frozenset[str] = frozenset({"entities.normal"})

    def __init__(self, normalizer: Normalizer) -> None:
        self.normalizer = normalizer
        self.cache: dict[tuple[str, str], str] = {}  # (type, text) → normal: names repeat across documents

    def __call__(self, docs: list[Document]) -> None:
        for doc in docs:
            for ent in doc.entities:
                if not ent.normal:
                    ent.normal = self.normal(doc, ent)

    def normal(self, doc: Document, ent: Entity) -> str:
        """The same text is split into the same tokens, so its normal form is the same."""
        key = (ent.type, ent.text)
        found = self.cache.get(key)
        if found is None:
            if len(self.cache) >= MAX_CACHED:
                self.cache.clear()
            found = self.cache[key] = self.normalizer.normal(ent.type, doc.tokens_in(ent.start, ent.end)) or ent.text
        return found
