"""Locations: gazetteer typing and normalisation, and the places inside other names.

slovnet finds locations but neither types nor normalises them, and it never
finds the location inside an organisation or a position ("Банка России",
"премьер-министр Австралии"). A longest-match scan of the gazetteer over the
tokens adds those nested places, and every location the NER found is looked up
to get its kind, canonical name and ISO code. A place adjective ("смоленский
губернатор", "американское посольство") is a LOC of its own, as NEREL marks it,
with the place it names; an abbreviation that stands for several places ("РБ")
is the one the document names elsewhere.
"""
from __future__ import annotations

import re

from collections import Counter

from ..document import Document
from ..geo.data import Place
from ..geo.gazetteer import Gazetteer
from ..morph import fold
from ..records import Entity

# -- data: how a location that is not in the gazetteer is typed, by the lemmas it contains
SUBTYPE_WORDS: dict[str, str] = {
    "район": "district", "округ": "district", "микрорайон": "district", "поселение": "district",
    "область": "region", "край": "region", "республика": "region", "автономный": "region",
    "город": "city", "село": "city", "посёлок": "city", "поселок": "city", "деревня": "city",
    "станица": "city", "хутор": "city", "аул": "city", "пгт": "city", "г.": "city",
    "государство": "country", "королевство": "country", "федерация": "country", "княжество": "country",
}
# words that may start a place name in lower case ("республики Беларусь")
GENERIC_START = {"республика", "город", "область", "край", "округ", "королевство", "федерация"}
# leading words that are not part of the place's own name ("город Смоленск" is Смоленск)
DROP_FIRST = {"город", "г", "г.", "село", "посёлок", "поселок", "деревня", "станица"}

ADJECTIVE_TAGS = ("ADJF",)
_CAPITAL = re.compile(r"^[A-ZА-ЯЁ]")


def subtype_of(lemmas: list[str]) -> str:
    for lemma in lemmas:
        if lemma in SUBTYPE_WORDS:
            return SUBTYPE_WORDS[lemma]
    return "other"


def apply_place(entity: Entity, place: Place) -> None:
    entity.type = "LOC"
    entity.subtype = place.kind
    entity.code = place.code
    entity.normal = place.name


class Locations:
    name = "locations"
    requires: frozenset[str] = frozenset({"blocks", "entities", "text", "tokens"})
    provides: frozenset[str] = frozenset({"entities.places"})

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, docs: list[Document]) -> None:
        for doc in docs:
            self.type_ner_locations(doc)
            self.add_nested(doc)
            self.add_adjectives(doc)
            self.resolve_abbreviations(doc)

    def type_ner_locations(self, doc: Document) -> None:
        for ent in doc.entities:
            if ent.type != "LOC":
                continue
            words = [t.text for t in doc.tokens_in(ent.start, ent.end)]
            place = self.gazetteer.lookup(words)
            if place is None and len(words) > 1 and fold(words[0]) in DROP_FIRST:
                place = self.gazetteer.lookup(words[1:])
            if place is None:
                place = self.adjective_place(doc, ent)
            if place:
                apply_place(ent, place)
            else:
                ent.subtype = subtype_of([fold(t.lemma) for t in doc.tokens_in(ent.start, ent.end)])

    def adjective_place(self, doc: Document, ent: Entity) -> Place | None:
        """"Брянские": a place adjective the NER took for a name; "Смоленский губернатор": a
        place adjective and lower-case words that are no place, cut to the adjective."""
        tokens = doc.tokens_in(ent.start, ent.end)
        place = self.gazetteer.adjective(fold(tokens[0].lemma)) if tokens and tokens[0].tag.startswith(ADJECTIVE_TAGS) else None
        if place is None or len(tokens) == 1:
            return place
        rest = tokens[1:]
        if all(t.text[:1].islower() for t in rest) and subtype_of([fold(t.lemma) for t in rest]) == "other":
            ent.end, ent.text = tokens[0].end, tokens[0].text
            return place
        return None

    def matches(self, doc: Document) -> list[tuple[int, int, Place]]:
        """Longest gazetteer matches as (first token, last token + 1, place)."""
        lemmas = [key if t.text[:1].isalpha() else t.text for t, key in zip(doc.tokens, doc.lemma_keys())]
        out: list[tuple[int, int, Place]] = []
        i, n = 0, len(doc.tokens)
        while i < n:
            tok = doc.tokens[i]
            if not (_CAPITAL.match(tok.text) or lemmas[i] in GENERIC_START):
                i += 1
                continue
            for size in range(min(self.gazetteer.max_words, n - i), 0, -1):
                window = doc.tokens[i : i + size]
                if window[-1].sent != tok.sent or not any(_CAPITAL.match(t.text) for t in window):
                    continue
                if size == 1 and not tok.tag.startswith(("NOUN", "UNKN", "LATN")):
                    continue  # "Того же мнения": a pronoun, not the country
                place = self.gazetteer.lookup_key(" ".join(lemmas[i : i + size])) or self.gazetteer.lookup_key(
                    fold(" ".join(t.text for t in window))
                )
                if place:
                    out.append((i, i + size, place))
                    i += size - 1
                    break
            i += 1
        return out

    def add_nested(self, doc: Document) -> None:
        owner = doc.token_owners()  # the NER entity over each token
        for first, last, place in self.matches(doc):
            start, end = doc.tokens[first].start, doc.tokens[last - 1].end
            covering = {id(e): e for e in owner[first:last] if e is not None}
            if len(covering) > 1:
                continue  # the match crosses two names
            if covering:
                (outer,) = covering.values()
                if (outer.start, outer.end) == (start, end):
                    if outer.type == "ORG" and outer.text in self.gazetteer.abbreviations:
                        apply_place(outer, place)  # "прокурор НСО": the NER's organisation is a place
                    continue  # already typed if a place; an organisation named like a place stays one
                if outer.type in ("PER", "LOC") or not (outer.start <= start and end <= outer.end):
                    continue  # part of a person's name or of a larger place, or crossing a border
            entity = Entity("LOC", doc.text[start:end], start, end, normal=place.name, block=doc.block_at(start).id)
            apply_place(entity, place)
            entity.source = "gazetteer"
            doc.entities.append(entity)

    def add_adjectives(self, doc: Document) -> None:
        """"смоленский губернатор", "американского посольства": a LOC per place adjective,
        also inside an organisation or a position, never inside a person or a place."""
        owner = doc.token_owners()
        for i, tok in enumerate(doc.tokens):
            if not tok.tag.startswith(ADJECTIVE_TAGS) or (place := self.gazetteer.adjective(fold(tok.lemma))) is None:
                continue
            outer = owner[i]
            if outer is not None and (outer.type in ("PER", "LOC") or (outer.start, outer.end) == (tok.start, tok.end)):
                continue
            entity = Entity("LOC", tok.text, tok.start, tok.end, normal=place.name, block=doc.block_at(tok.start).id)
            apply_place(entity, place)
            entity.source = "gazetteer"
            doc.entities.append(entity)

    def resolve_abbreviations(self, doc: Document) -> None:
        """"РБ" is Башкортостан, Бурятия or Белоруссия: the one whose region or country the
        document names most (a city counting for both); none named, the first listed."""
        ambiguous = [e for e in doc.entities if e.type == "LOC" and e.text in self.gazetteer.ambiguous]
        if not ambiguous:
            return
        named: Counter[str] = Counter()
        for ent in doc.entities:
            if ent.type != "LOC" or ent.text in self.gazetteer.ambiguous:
                continue
            place = self.gazetteer.lookup_key(fold(ent.normal))
            named.update(code for code in (ent.code, place.region if place else None, place.country if place else None) if code)
        for ent in ambiguous:
            options = self.gazetteer.ambiguous[ent.text]
            apply_place(ent, max(options, key=lambda p: named[p.code or ""]))  # max keeps the first of equals
