"""The working state of one document as it flows through the pipeline.

Each stage fills the fields it declares in `provides`; the pipeline checks,
when it is built, that every field a stage `requires` was provided earlier.
A field is written by one stage; a later stage that adds to it or refines it
names an aspect of it (`ASPECTS`), which is then its own.
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from typing import Any

from .geo.data import Place
from .morph import fold
from .records import Block, Entity, ErrorInfo, Event, Fact, Official, Person, Span


@dataclass
class Token:
    """A razdel token: the hot path works on these, the spaCy Doc is built from them."""

    text: str
    start: int
    end: int
    sent: int  # index of its sentence
    lemma: str = ""
    tag: str = ""  # OpenCorpora tag of the most probable parse


class Deferred:
    """A document field built on its first read (the spaCy Doc, which most runs never read):
    `make(doc)` builds it, then each of `then` is applied to it in order."""

    def __init__(self, make: Callable[[Document], Any]) -> None:
        self.make = make
        self.then: list[Callable[[Any], None]] = []

    def build(self, doc: Document) -> Any:
        value = self.make(doc)
        for step in self.then:
            step(value)
        return value


@dataclass
class Document:
    id: str
    text: str  # exactly as decoded from the input
    source: str | None = None
    encoding: str | None = None
    date: dt.date | None = None  # publication date when known: resolves relative dates
    date_source: str | None = None  # "given", or "inferred" from the article's own dates
    year: int | None = None  # the year of `date`, or the inferred year when only it is known

    clean: str = ""  # same length as `text`: offsets stay valid
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    _spacy: Any = field(default=None, repr=False, compare=False)  # the `spacy` property's Doc, or its `Deferred`
    entities: list[Entity] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    region: Place | None = None  # the main region (or country) of the article: links/document_region.py
    errors: list[ErrorInfo] = field(default_factory=list)
    failed: bool = False  # a stage raised: later stages skip the document
    _starts: list[int] = field(default_factory=list, repr=False)  # token starts, for bisection
    _block_starts: list[int] = field(default_factory=list, repr=False)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    _keys: list[str] = field(default_factory=list, repr=False)  # `lemma_keys`

    @property
    def spacy(self) -> Any:
        """The spacy.tokens.Doc over `text`, built on first read (text/spacy_view.py)."""
        if isinstance(self._spacy, Deferred):
            self._spacy = self._spacy.build(self)
        return self._spacy

    @spacy.setter
    def spacy(self, value: Any) -> None:
        self._spacy = value

    def on_spacy(self, step: Callable[[Any], None]) -> None:
        """Apply `step` to the spaCy Doc: when it is built, or now if it is already."""
        if isinstance(self._spacy, Deferred):
            self._spacy.then.append(step)
        else:
            step(self.spacy)

    def token_range(self, start: int, end: int) -> range:
        """Indices of the tokens that start inside [start, end), found by bisection."""
        if len(self._starts) != len(self.tokens):
            self._starts = [t.start for t in self.tokens]
        return range(bisect_left(self._starts, start), bisect_left(self._starts, end))

    def lemma_keys(self) -> list[str]:
        """Each token's folded lemma (`morph.fold`), the key lexicons look words up by: folded
        once per document, not once per stage that scans every token."""
        if len(self._keys) != len(self.tokens):
            self._keys = [fold(t.lemma) for t in self.tokens]
        return self._keys

    def token_owners(self, keep: str | None = None) -> list[Entity | None]:
        """The entity over each token (a later entity wins, except over one of type
        `keep`: an organisation keeps the place nested in it)."""
        owners: list[Entity | None] = [None] * len(self.tokens)
        for ent in self.entities:
            for k in self.token_range(ent.start, ent.end):
                current = owners[k]
                if current is None or current.type != keep:
                    owners[k] = ent
        return owners

    def tokens_in(self, start: int, end: int) -> list[Token]:
        span = self.token_range(start, end)
        return self.tokens[span.start : span.stop]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding `offset` (the last one starting at or before it)."""
        if len(self._sentence_starts) != len(self.sentences):
            self._sentence_starts = [s for s, _ in self.sentences]
        return max(bisect_right(self._sentence_starts, offset) - 1, 0)

    def sentence_end(self, k: int) -> int:
        """Index just past the last token of token `k`'s sentence."""
        start, end = self.sentences[self.tokens[k].sent]
        return self.token_range(start, end).stop

    def block_at(self, offset: int) -> Block:
        """The block holding `offset` (the blocks tile the text in order)."""
        if len(self._block_starts) != len(self.blocks):
            self._block_starts = [b.start for b in self.blocks]
        return self.blocks[max(bisect_right(self._block_starts, offset) - 1, 0)]


def as_documents(items: Iterable[str | Document]) -> Iterator[Document]:
    """Documents as they are, plain strings as documents with ids "1", "2", … by position."""
    return (item if isinstance(item, Document) else Document(id=str(n), text=item) for n, item in enumerate(items, 1))


def scope(block_id: str) -> str:
    """Where a mention may find its antecedents: the article as a whole, or its own
    "Читайте также" snippet (`related-N`), which is about something else."""
    return block_id if block_id.startswith("related") else "article"


def top_level(entities: list[Entity]) -> list[Entity]:
    """Outermost entities in text order: a place inside a position is part of it."""
    out: list[Entity] = []
    for ent in sorted(entities, key=lambda e: (e.start, -e.end)):
        if not out or ent.start >= out[-1].end:
            out.append(ent)
    return out


def complement_end(
    doc: Document, start: int, stop: int, limit: int, genitive: Callable[[Token], bool],
    whole: list[Entity | None] | None = None, extend: Callable[[int], int | None] | None = None,
) -> int:
    """End (token index, exclusive) of the genitive complement that begins at token `start`
    ("председатель [Совета директоров]", "выборы [президента России]"): genitive words, at
    most `limit` tokens of them, never at or past `stop`. `whole`, the entity over each token:
    a place or body that begins here is taken whole. `extend(k)`: a construction of the
    caller's that begins at token k (a quoted name, "в + place") — where it ends, `k` itself
    to end the complement there, or None when there is none."""
    end = start
    while end < stop and end - start < limit:
        if extend is not None and (to := extend(end)) is not None:
            if to <= end:
                break
            end = to
            continue
        ent = whole[end] if whole is not None else None
        if ent is not None:
            if ent.type not in ("LOC", "ORG") or ent.start != doc.tokens[end].start:
                break
            end = doc.token_range(ent.start, ent.end).stop
            continue
        if not genitive(doc.tokens[end]):
            break
        end += 1
    return end


FIELDS: frozenset[str] = frozenset(f.name for f in fields(Document) if not f.name.startswith("_")) | {"spacy"}  # a property
INPUTS: frozenset[str] = frozenset({"id", "text", "source", "encoding", "date"})  # given by the reader

#: what a stage adds to a field another stage wrote, by name (stages declare these in `provides`)
ASPECTS: dict[str, str] = {
    "entities.places": "LOC entities typed (country, region, city, district) with canonical names and codes; places nested in organisations and positions added",
    "entities.organizations": "ORG entities typed with their country and the canonical names of known bodies; known bodies NER called places made organisations",
    "entities.dates": "DATE entities with their TIMEX3 values as normal forms",
    "entities.positions": "POSITION entities with their normal forms",
    "entities.events": "EVENT entities with their normal forms",
    "entities.normal": "every entity with a normal form: those the earlier stages left without one filled in",
    "entities.persons": "PER entities with the id of their merged person",
    "entities.roles": "POSITION entities with the id of the person a role mention names",
    "persons.references": "persons with their role and pronoun mentions",
    "date.inferred": "the publication date inferred from the article when none was given",
    "spacy.entities": "the spaCy Doc's `ents` and `spans['entities']` (set when the Doc is built)",
}
