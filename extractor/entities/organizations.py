"""Organisations: what kind of body each ORG is, whose it is, and the canonical name
of a well-known one.

slovnet finds organisations but says nothing about them. For each ORG entity this
stage sets `subtype` (government, legislature, court, company, sports …), `code`
(the ISO 3166-1 code of the body's country) and, for a well-known body, `normal`
(its canonical name: "Госдумы" → "Государственная дума", "Минздрава Белоруссии" →
"Министерство здравоохранения Белоруссии").

The kind comes from the words of the name, read through three data files in
lexicons/: a known body (bodies.tsv) or a typing word (org_types.tsv: heads such
as "суд" and "ООО", units such as "пресс-служба" that take the kind of the body
they belong to, vague words such as "союз" made precise by a modifier such as
"футбольный"). The country comes from a place named in the span (the locations
stage has already added those nested in organisations), else the known body,
else a country adjective ("Итальянский суд"). Only the entity's own tokens are
read: a few dictionary lookups per ORG entity, nothing over the whole text.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import takewhile

from ..document import Document, Token
from ..geo.data import Place, load_regions
from ..geo.gazetteer import Gazetteer, name_words
from ..grammars.words import QUOTES
from ..lexicons import read_table
from ..morph import Morph, fold
from ..records import ORG_SUBTYPES, Entity

ROLES = ("head", "part", "generic", "modifier")
SEVERAL_STATES = "-"  # bodies.tsv country of a body of several states
DASHES = set("-–—")  # one key for "стран — экспортёров" and "стран - экспортеров"
REGION_ADJECTIVE_KINDS = {"область", "край"}  # "Смоленская область" → "смоленский" is Russian
DESCRIPTOR_ROLES = ("head", "generic")  # "компания «X»"; not a unit: "пресс-служба «Газпрома»" is Газпром's
MAX_DESCRIPTOR_ADJECTIVES = 2
ADJECTIVE_TAGS = ("ADJF", "PRTF")


@dataclass(frozen=True)
class Body:
    """A well-known body from bodies.tsv."""

    name: str  # canonical name
    type: str
    country: str | None  # ISO alpha-2; SEVERAL_STATES; None when a place must say whose


@dataclass(frozen=True)
class Word:
    """A typing word of org_types.tsv."""

    type: str | None
    role: str  # one of ROLES


@dataclass(frozen=True)
class Hit:
    """A typing word or known body found at tokens [start, end) of a name."""

    start: int
    end: int
    type: str | None
    role: str
    body: Body | None = None


@dataclass(frozen=True)
class OrgInfo:
    type: str | None
    country: str | None
    normal: str | None  # canonical name when it is a known body


def _cells(name: str, columns: tuple[str, ...]) -> list[tuple[int, tuple[str, ...]]]:
    """The rows of a lexicon table as tuples of its cells; the first two must be filled."""
    return [(number, tuple(row.values())) for number, row in read_table(name, columns, 2)]


def _checked_type(value: str, where: str) -> str | None:
    if value == "-":
        return None
    if value not in ORG_SUBTYPES:
        raise ValueError(f"{where}: unknown organisation type {value!r}")
    return value


@dataclass
class OrgLexicon:
    bodies: dict[str, Body]  # lemma key or folded surface -> body
    words: dict[str, Word]  # lemma key -> typing word
    adjectives: dict[str, str]  # adjective lemma -> country code
    body_words: int = 1  # the longest key, in words
    type_words: int = 1

    @classmethod
    def load(cls, morph: Morph, regions: Sequence[Place] | None = None) -> "OrgLexicon":
        lexicon = cls({}, {}, {})
        for _, (name, kind, country, aliases) in _cells("bodies.tsv", ("name", "type", "country", "aliases")):
            body = Body(name, _checked_type(kind, f"bodies.tsv: {name}") or "other", country or None)
            for alias in [name, *(a.strip() for a in aliases.split("|") if a.strip())]:
                words = name_words(alias)
                lexicon.body_words = max(lexicon.body_words, len(words))
                for key in (phrase_key(morph, words), fold(" ".join(words))):
                    lexicon.bodies.setdefault(key, body)
        for _, (phrase, kind, role) in _cells("org_types.tsv", ("words", "type", "role")):
            if role not in ROLES:
                raise ValueError(f"org_types.tsv: unknown role {role!r} of {phrase!r}")
            words = name_words(phrase)
            lexicon.type_words = max(lexicon.type_words, len(words))
            lexicon.words.setdefault(phrase_key(morph, words), Word(_checked_type(kind, f"org_types.tsv: {phrase}"), role))
        for _, (code, adjectives) in _cells("country_adjectives.tsv", ("code", "adjectives")):
            for adjective in adjectives.split("|"):
                lexicon.adjectives[phrase_key(morph, [adjective])] = code
        for region in regions if regions is not None else load_regions():
            words = name_words(region.name)
            if region.subtype in REGION_ADJECTIVE_KINDS and len(words) == 2:
                lexicon.adjectives.setdefault(phrase_key(morph, words[:1]), "RU")
        return lexicon

    # -- reading one name ----------------------------------------------------------

    def hits(self, lemmas: Sequence[str], surface: Sequence[str]) -> list[Hit]:
        """Known bodies and typing words of a name, left to right, longest first."""
        out: list[Hit] = []
        i, n = 0, len(lemmas)
        while i < n:
            hit = self._body_at(lemmas, surface, i) or self._word_at(lemmas, i)
            if hit is None:
                i += 1
                continue
            out.append(hit)
            i = hit.end
        return out

    def _body_at(self, lemmas: Sequence[str], surface: Sequence[str], i: int) -> Hit | None:
        for size in range(min(self.body_words, len(lemmas) - i), 0, -1):
            body = self.bodies.get(" ".join(lemmas[i : i + size])) or self.bodies.get(" ".join(surface[i : i + size]))
            if body:
                return Hit(i, i + size, body.type, "head", body)
        return None

    def _word_at(self, lemmas: Sequence[str], i: int) -> Hit | None:
        for size in range(min(self.type_words, len(lemmas) - i), 0, -1):
            word = self.words.get(" ".join(lemmas[i : i + size]))
            if word is not None:
                return Hit(i, i + size, word.type, word.role)
        return None


def deciding(hits: Sequence[Hit]) -> Hit | None:
    """The hit that gives the kind: the first head; a unit takes the kind of the body
    after it; a vague word takes the kind of a modifier anywhere in the name."""
    modifier = next((h for h in hits if h.role == "modifier"), None)
    unit = None
    for hit in hits:
        if hit.role == "head":
            return hit
        if hit.role == "generic":
            return modifier or hit
        if hit.role == "part":
            unit = unit or hit
    return modifier or unit


def nested(ent: Entity, places: Sequence[Entity], starts: Sequence[int]) -> list[Entity]:
    """The places inside an entity's span, not the whole span (sorted `places`, their `starts`)."""
    after = takewhile(lambda p: p.start < ent.end, places[bisect_left(starts, ent.start) :])
    return [p for p in after if p.end <= ent.end and p.end - p.start < ent.end - ent.start]


def token_lemmas(tokens: Sequence[Token]) -> list[str]:
    """Folded lemmas, the keys of the lexicons (punctuation as written, dashes as "-")."""
    return [fold(t.lemma) if t.text[:1].isalpha() else "-" if t.text in DASHES else t.text for t in tokens]


def phrase_key(morph: Morph, words: Sequence[str]) -> str:
    """The lexicon key of a phrase of the data files: what `token_lemmas` gives for it in a text."""
    return " ".join(fold(morph.lemma(w)) if w[:1].isalpha() else "-" if w in DASHES else w for w in words)


def adjective_country(lemmas: Sequence[str], adjectives: dict[str, str]) -> str | None:
    return next((adjectives[lemma] for lemma in lemmas if lemma in adjectives), None)


class Organizations:
    name = "organizations"
    requires: frozenset[str] = frozenset({"entities.places", "text", "tokens"})
    provides: frozenset[str] = frozenset({"entities.organizations"})

    def __init__(self, lexicon: OrgLexicon, gazetteer: Gazetteer) -> None:
        self.lexicon = lexicon
        self.gazetteer = gazetteer

    def __call__(self, docs: list[Document]) -> None:
        for doc in docs:
            places = sorted((e for e in doc.entities if e.type == "LOC"), key=lambda e: e.start)
            starts = [p.start for p in places]
            for ent in doc.entities:
                if ent.type == "LOC" and ent.code is None and self._is_known_body(doc, ent):
                    ent.type = "ORG"  # "Союзного государства": NER's place is a body of several states
                if ent.type != "ORG":
                    continue
                info = self.describe(doc, ent, nested(ent, places, starts))
                ent.subtype, ent.code = info.type, info.country
                if info.normal:
                    ent.normal = info.normal

    def _is_known_body(self, doc: Document, ent: Entity) -> bool:
        tokens = [t for t in doc.tokens_in(ent.start, ent.end) if t.text not in QUOTES]
        hit = deciding(self.lexicon.hits(token_lemmas(tokens), [fold(t.text) for t in tokens])) if tokens else None
        return hit is not None and hit.body is not None and (hit.start, hit.end) == (0, len(tokens))

    def describe(self, doc: Document, ent: Entity, places: list[Entity]) -> OrgInfo:
        """Kind, country and canonical name of one organisation; `places` are the
        gazetteer places nested in it."""
        tokens = [t for t in doc.tokens_in(ent.start, ent.end) if t.text not in QUOTES]
        if not tokens:
            return OrgInfo(None, None, None)
        lemmas = token_lemmas(tokens)
        hit = deciding(self.lexicon.hits(lemmas, [fold(t.text) for t in tokens]))
        if hit and hit.body:
            around = [*lemmas[: hit.start], *lemmas[hit.end :]]
            return self._known(doc, ent, hit.body, (tokens[hit.start].start, tokens[hit.end - 1].end), places, around)
        kind = hit.type if hit else None
        country = self._first_country(places) or adjective_country(lemmas, self.lexicon.adjectives)
        if kind is None or country is None:
            word, adjective = self.descriptor(doc, doc.token_range(ent.start, ent.end).start)
            kind, country = kind or word, country or adjective
        return OrgInfo(kind, country, None)

    def _known(
        self, doc: Document, ent: Entity, body: Body, span: tuple[int, int], places: list[Entity], around: list[str]
    ) -> OrgInfo:
        """A known body at `span` of the name decides its kind; the words `around` it
        may say whose it is ("МВД Украины", "украинский Forbes")."""
        after = [p for p in places if p.start >= span[1]]
        country = None
        if body.country != SEVERAL_STATES:
            country = (self._first_country(after) or adjective_country(around, self.lexicon.adjectives)
                       or body.country or self._first_country(places))
        return OrgInfo(body.type, country, self._canonical(doc, ent, body, span, after))

    def descriptor(self, doc: Document, first: int) -> tuple[str | None, str | None]:
        """Kind and country from the words written just before a bare name starting at
        token `first`: "компания Group-IB", "британской группы The Prodigy", "Лондонский «Арсенал»"."""
        k = first - 1 if first and doc.tokens[first - 1].text in QUOTES else first
        kind = None
        if k and self._same_sentence(doc, k - 1, first):
            word = self.lexicon.words.get(token_lemmas(doc.tokens[k - 1 : k])[0])
            if word is not None and word.role in DESCRIPTOR_ROLES:
                k -= 1
                kind = Hit(k, k + 1, word.type, word.role)
        start = k
        while start > max(k - MAX_DESCRIPTOR_ADJECTIVES, 0) and self._same_sentence(doc, start - 1, first) \
                and doc.tokens[start - 1].tag.startswith(ADJECTIVE_TAGS):
            start -= 1
        lemmas = token_lemmas(doc.tokens[start:k])
        if kind is not None:
            kind = deciding([*self.lexicon.hits(lemmas, [fold(t.text) for t in doc.tokens[start:k]]), kind]) or kind
        return (kind.type if kind else None), adjective_country(lemmas, self.lexicon.adjectives)

    @staticmethod
    def _same_sentence(doc: Document, k: int, first: int) -> bool:
        return k >= 0 and doc.tokens[k].sent == doc.tokens[first].sent

    def _canonical(
        self, doc: Document, ent: Entity, body: Body, span: tuple[int, int], after: list[Entity]
    ) -> str | None:
        """The body's name, with what follows it as written ("Минздрава Белоруссии" →
        "Министерство здравоохранения Белоруссии") when that stays true of the body;
        an abbreviation in brackets after it is dropped ("Федеральной налоговой службы (ФНС)")."""
        start, end = span
        if doc.text[ent.start : start].strip("«»\"“”„' "):
            return None  # words before the body ("Белорусский МИД"): keep the phrase
        rest = doc.text[end : ent.end].split("(")[0].strip("»\"“” ")
        if not rest:
            return body.name
        follows = bool(after) and not doc.text[end : after[0].start].strip("»\"“” ")
        if body.country is None or (follows and self._country(after[0]) == body.country):
            return f"{body.name} {rest}"
        return None

    def _first_country(self, places: Sequence[Entity]) -> str | None:
        return next((c for c in map(self._country, places) if c), None)

    def _country(self, place: Entity) -> str | None:
        """ISO alpha-2 of the country a gazetteer place lies in."""
        if place.subtype == "country":
            return place.code
        if place.subtype == "region" and place.code:
            return place.code.split("-")[0]
        if place.subtype == "city":
            found = self.gazetteer.lookup_key(fold(place.normal))
            return found.country if found else None
        return None

