"""Gazetteer lookup: phrases of any case form to canonical places.

Names and aliases from the TSV files are keyed by their folded lemmas, with the
same `Morph` the pipeline uses, so "Смоленской области", "Смоленская область"
and "Смоленщине" reach the same region.

Places are also named by adjectives ("смоленский губернатор", "американское
посольство") and abbreviations ("глава РТ"). Adjectives come from
lexicons/country_adjectives.tsv, from the names themselves ("Смоленская область" →
"смоленский", "Томск" → "томский", "Татарстан" → "татарстанский": a suffix rule,
kept only when pymorphy3's dictionary knows the adjective) and from
geo/place_adjectives.tsv (irregular ones, and derived words that are no place).
Abbreviations come from geo/abbreviations.tsv; one that stands for several places
("РБ": Башкортостан, Бурятия or Белоруссия) is left for the document to decide.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..lexicons import read_table
from ..morph import Morph, fold
from .data import Place, load_abbreviations, load_adjectives, load_places

# when one key names several places, the first kind listed wins:
# "Москва" is both a city and a federal subject, and news means the city
KIND_PRIORITY = ("country", "city", "region")
# an adjective names the region before the city: "смоленский губернатор" is the region's
ADJECTIVE_PRIORITY = ("country", "region", "city")
REGION_ADJECTIVE_KINDS = {"область", "край", "автономный округ", "автономная область"}
PROPER_GRAMMEMES = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad")  # a lemma with these is a proper name


def name_words(name: str) -> list[str]:
    from razdel import tokenize

    return [t.text for t in tokenize(name)]


def variants(place: Place) -> list[str]:
    """The names a place goes by; "Кемеровская область — Кузбасс" also as its two halves."""
    out = [place.name, *place.aliases]
    for name in list(out):
        for dash in (" — ", " – ", " - "):
            if dash in name:
                out.extend(part.strip() for part in name.split(dash))
    return out


def adjective_guesses(name: str) -> list[str]:
    """Adjectives a one-word name may give: "Смоленск" → "смоленский", "Казань" →
    "казанский", "Чувашия" → "чувашский", "Пенза" → "пензенский"."""
    w = fold(name)
    if w.endswith(("ск", "цк")):
        return [w + "ий"]
    if w.endswith("ия"):
        return [w[:-2] + "ский", w[:-2] + "ийский"]
    if w[-1:] in "аяьйоеы":
        return [w[:-1] + "ский", w[:-1] + "инский", w[:-1] + "енский"]
    return [w + "ский"]


def first_by_name(places: Sequence[Place]) -> dict[str, Place]:
    """Canonical name → place, the first of a name kept (places in KIND_PRIORITY order)."""
    out: dict[str, Place] = {}
    for place in places:
        out.setdefault(place.name, place)
    return out


@dataclass
class Gazetteer:
    morph: Morph
    index: dict[str, Place] = field(default_factory=dict)
    max_words: int = 1
    adjectives: dict[str, Place] = field(default_factory=dict)  # folded adjective lemma → place
    ambiguous: dict[str, tuple[Place, ...]] = field(default_factory=dict)  # abbreviation → its places, default first
    abbreviations: set[str] = field(default_factory=set)  # as written in abbreviations.tsv

    @classmethod
    def load(cls, morph: Morph, places: Sequence[Place] | None = None) -> "Gazetteer":
        gazetteer = cls(morph)
        ordered = sorted(places if places is not None else load_places(), key=lambda p: KIND_PRIORITY.index(p.kind))
        for place in ordered:
            for name in variants(place):
                words = name_words(name)
                gazetteer.max_words = max(gazetteer.max_words, len(words))
                for key in gazetteer.keys(words):
                    gazetteer.index.setdefault(key, place)
        gazetteer.add_abbreviations(ordered)
        gazetteer.add_adjectives(ordered)
        return gazetteer

    def keys(self, words: list[str]) -> tuple[str, ...]:
        """The lookup keys of a place name: its lemmas and its folded form; only the folded
        form where the lemma of a one-word name is a common word ("Семей" → "семья", "Львов"
        → "лев", "Шахты" → "шахта"): the family, the lion and the mine are no places."""
        folded, key = fold(" ".join(words)), self.morph.key(words)
        if key != folded and len(words) == 1 and self._common_word(key):
            return (folded,)
        return key, folded

    def _common_word(self, lemma: str) -> bool:
        return any(
            p.is_known and fold(p.normal_form) == lemma and not any(g in p.tag for g in PROPER_GRAMMEMES)
            for p in self.morph.parse(lemma)
        )

    def add_abbreviations(self, places: Sequence[Place]) -> None:
        by_name = first_by_name(places)
        for abbreviation, names in load_abbreviations():
            found = tuple(by_name[n] for n in names if n in by_name)
            if not found:
                continue
            self.abbreviations.add(abbreviation)
            if len(found) > 1:
                self.ambiguous[abbreviation] = found
            for key in (self.morph.key([abbreviation]), fold(abbreviation)):
                self.index[key] = found[0]

    def add_adjectives(self, places: Sequence[Place]) -> None:
        by_name = first_by_name(places)
        by_code = {p.code: p for p in places if p.kind == "country"}
        blocked: set[str] = set()
        for adjective, name in load_adjectives():
            key = fold(self.morph.lemma(adjective))
            if name is None:
                blocked.add(key)
            elif name in by_name:
                self.adjectives.setdefault(key, by_name[name])
        for _, row in read_table("country_adjectives.tsv", ("code", "adjectives"), 2):
            for adjective in row["adjectives"].split("|"):
                if row["code"] in by_code:
                    self.adjectives.setdefault(fold(self.morph.lemma(adjective.strip())), by_code[row["code"]])
        for place in sorted(places, key=lambda p: ADJECTIVE_PRIORITY.index(p.kind)):
            for adjective in self.derived(place):
                if adjective not in blocked:
                    self.adjectives.setdefault(adjective, place)

    def derived(self, place: Place) -> list[str]:
        """"Смоленская область" → "смоленский"; a one-word name by `adjective_guesses`."""
        if place.kind == "country":
            return []  # country adjectives are irregular: a data list
        out = []
        words = name_words(place.name.split(" — ")[0])  # the name, not an alias: "Средний Урал" is no "средний"
        if place.subtype in REGION_ADJECTIVE_KINDS and len(words) > 1 and self._adjective(words[0]):
            out.append(fold(self.morph.lemma(words[0])))
        for name in variants(place):
            words = name_words(name)
            if len(words) == 1:
                out += [a for a in adjective_guesses(words[0]) if self._known_adjective(a)]
        return out

    def _adjective(self, word: str) -> bool:
        return self.morph.best(word).tag.POS == "ADJF"

    def _known_adjective(self, word: str) -> bool:
        return self.morph.analyzer.word_is_known(word) and any(
            p.tag.POS == "ADJF" and fold(p.normal_form) == word for p in self.morph.parse(word)
        )

    def lookup(self, words: Sequence[str]) -> Place | None:
        """The place a phrase names, by its lemmas or, failing that, its surface form."""
        return self.index.get(self.morph.key(list(words))) or self.index.get(fold(" ".join(words)))

    def lookup_key(self, key: str) -> Place | None:
        return self.index.get(key)

    def adjective(self, lemma: str) -> Place | None:
        """The place an adjective's folded lemma names ("смоленский" → Смоленская область)."""
        return self.adjectives.get(lemma)
