"""Events: the phrases that name what happened ("заседании Совета", "выборах", "скончался").

EVENT entities: a head from `lexicons/events_nerel.txt` (nouns and verbs that
head NEREL train EVENT spans more often than not) or `lexicons/events.txt` (events
of business news too rare in NEREL: "встреча", "форум"), the lower-case adjectives
before a noun head ("президентских выборах") and its genitive complement
("чемпионата мира"). The entity's `subtype` is the event type of its head
(`lexicons/event_types.tsv`). The records with place, date and participants are
built from these entities later, in event_records.py.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..document import Document, Token, complement_end
from ..lexicons import read_lexicon, read_table
from ..morph import Morph, fold
from .normalize import Normalizer
from ..records import Entity

MAX_COMPLEMENT = 3
MAX_QUOTED = 12  # tokens of a quoted name after the head: "форум «Россия — исламский мир»"
NOUN_TAGS = ("NOUN",)


@dataclass
class EventLexicon:
    heads: set[str]
    types: dict[str, str]  # head lemma → event type

    @classmethod
    def load(cls) -> "EventLexicon":
        heads = {fold(w) for name in ("events_nerel.txt", "events.txt") for w in read_lexicon(name)}
        types = {row["head"]: row["type"] for _, row in read_table("event_types.tsv", ("head", "type"), 2)}
        return cls(heads, {fold(head): kind for head, kind in types.items()})


class Events:
    name = "events"
    requires: frozenset[str] = frozenset({"blocks", "entities.places", "sentences", "text", "tokens"})
    provides: frozenset[str] = frozenset({"entities.events"})

    def __init__(self, lexicon: EventLexicon, morph: Morph, normalizer: Normalizer) -> None:
        self.lexicon = lexicon
        self.morph = morph
        self.normalizer = normalizer

    def __call__(self, docs: list[Document]) -> None:
        for doc in docs:
            self.find(doc)

    def find(self, doc: Document) -> None:
        owner, keys = doc.token_owners(), doc.lemma_keys()
        i = 0
        while i < len(doc.tokens):
            tok = doc.tokens[i]
            if owner[i] is not None or not tok.text[:1].isalpha() or keys[i] not in self.lexicon.heads \
                    or tok.tag.startswith("PRTF"):  # "число погибших", "пострадавших": people, not events
                i += 1
                continue
            first, last = i, i + 1
            if tok.tag.startswith(NOUN_TAGS):  # verbs stand alone ("скончался")
                while first > 0 and doc.tokens[first - 1].sent == tok.sent and "ADJF" in doc.tokens[first - 1].tag \
                        and doc.tokens[first - 1].text[:1].islower() and owner[first - 1] is None:
                    first -= 1
                last = self._quoted_name(doc, self._complement(doc, i + 1, owner))
            start, end = doc.tokens[first].start, doc.tokens[last - 1].end
            entity = Entity("EVENT", doc.text[start:end], start, end, normal="", block=doc.block_at(start).id,
                            subtype=self.lexicon.types.get(keys[i], "other"), source="rules")
            # a verb's normal form is its infinitive ("скончался" → "скончаться")
            noun = tok.tag.startswith(NOUN_TAGS)
            entity.normal = self.normalizer.normal("EVENT", doc.tokens[first:last]) if noun else tok.lemma
            doc.entities.append(entity)
            i = last

    @staticmethod
    def _quoted_name(doc: Document, last: int) -> int:
        """Past the event's name in «quotes» right after it, when the quote closes in its sentence."""
        if last >= len(doc.tokens) or doc.tokens[last].text != "«":
            return last
        sent = doc.tokens[last].sent
        for k in range(last + 1, min(last + MAX_QUOTED, len(doc.tokens))):
            if doc.tokens[k].sent != sent:
                break
            if doc.tokens[k].text == "»":
                return k + 1
        return last

    def _complement(self, doc: Document, i: int, owner: list[Entity | None]) -> int:
        """"чемпионата мира", "выборы президента России": genitive words and whole places or bodies."""
        last = complement_end(doc, i, doc.sentence_end(i - 1), MAX_COMPLEMENT, self._genitive, owner)
        while last > i and "ADJF" in doc.tokens[last - 1].tag:
            last -= 1  # "победителей конкурсного": an adjective without its noun
        return last

    def _genitive(self, tok: Token) -> bool:
        if not tok.text[:1].isalpha() or tok.tag.split(",")[0] not in ("NOUN", "ADJF"):
            return False
        return any(p.tag.case == "gent" for p in self.morph.parse(tok.text) if p.tag.POS in ("NOUN", "ADJF"))
