"""Link the mentions without a name: "губернатор", "глава региона" and a sentence-initial
"Он"/"Она" that mean a person already named.

Runs after the officials stage, which knows who holds which post. A role-only
mention (a POSITION entity that no rule linked to a name) refers to a person of the
same scope (the article, or one related snippet) named before it whose post has the
same title, or a title of the same group in `lexicons/role_synonyms.txt`
("глава региона" = "губернатор"). It is linked only when exactly one person fits:
two ministers make "министр" ambiguous, and an ambiguous mention stays unlinked.
A pronoun that opens a sentence refers to the one person of its gender named (or
meant by a role) in the sentence before. Linked mentions land in the person's
`role_mentions` / `pronoun_mentions`, and the POSITION entity gets the person's id.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from ..document import Document, scope
from ..grammars.words import OPENING_QUOTES
from ..lexicons import read_lexicon
from ..morph import Morph, fold
from ..records import Entity, Person

PRONOUNS = {"он": "masc", "она": "femn"}  # nominative only: "его"/"ее" are as often possessive


@dataclass
class RoleSynonyms:
    group: dict[str, int]  # folded title → its group

    @classmethod
    def load(cls) -> "RoleSynonyms":
        group: dict[str, int] = {}
        for n, line in enumerate(read_lexicon("role_synonyms.txt")):
            for title in line.split("="):
                group[fold(title.strip())] = n
        return cls(group)

    def post_keys(self, held: str) -> set[str]:
        """Keys under which a held post is found: each leading run of its words ("министр",
        "министр здравоохранения": a bare head names the fuller post) and its synonym group."""
        words = fold(held).split()
        keys = {" ".join(words[:n]) for n in range(1, len(words) + 1)}
        for title in (" ".join(words), words[0] if words else ""):
            if title in self.group:
                keys.add(f"={self.group[title]}")
        return keys

    def mention_keys(self, mention: str) -> set[str]:
        """"губернатор" finds "губернатор …"; "глава региона" finds the group of "губернатор"."""
        key = fold(mention)
        return {key} | ({f"={self.group[key]}"} if key in self.group else set())


class References:
    name = "references"
    requires: frozenset[str] = frozenset({"entities.persons", "officials", "sentences", "text", "tokens"})
    provides: frozenset[str] = frozenset({"entities.roles", "persons.references"})

    def __init__(self, synonyms: RoleSynonyms, morph: Morph) -> None:
        self.synonyms = synonyms
        self.morph = morph

    def __call__(self, docs: list[Document]) -> None:
        for doc in docs:
            self.mark_official_positions(doc)
            self.link_roles(doc)
            self.link_pronouns(doc)

    @staticmethod
    def mark_official_positions(doc: Document) -> None:
        """A position linked to exactly one person by the officials stage carries that person."""
        holders: dict[tuple[int, int], set[str]] = {}
        for off in doc.officials:
            for span in off.position_spans:
                holders.setdefault(span, set()).add(off.person_id)
        for ent in doc.entities:
            ids = holders.get((ent.start, ent.end)) if ent.type == "POSITION" else None
            if ids and len(ids) == 1:
                ent.person = next(iter(ids))

    def link_roles(self, doc: Document) -> None:
        normals = {(e.start, e.end): e.normal for e in doc.entities if e.type == "POSITION"}
        holders: dict[tuple[str, str], set[str]] = {}  # (scope, post key) → ids of the persons holding it
        persons = {p.id: p for p in doc.persons}
        for off in doc.officials:
            where = scope(persons[off.person_id].block)
            # the spans of one official share their normal form: the first speaks for all
            for held in (off.position, normals.get(off.position_span, "")):
                for key in self.synonyms.post_keys(held):
                    holders.setdefault((where, key), set()).add(off.person_id)
        for person in doc.persons:  # the professions links/officials.py keeps off the officials
            for span in person.occupation_spans:
                for key in self.synonyms.post_keys(normals.get(span, "")):
                    holders.setdefault((scope(person.block), key), set()).add(person.id)
        linked_spans = {span for off in doc.officials for span in off.position_spans}
        linked_spans |= {span for p in doc.persons for span in p.occupation_spans}
        for ent in sorted(doc.entities, key=lambda e: e.start):
            if ent.type != "POSITION" or ent.person or (ent.start, ent.end) in linked_spans or not self._one_person(doc, ent):
                continue
            ids = set().union(*(holders.get((scope(ent.block), k), set()) for k in self.synonyms.mention_keys(ent.normal)))
            fits = [persons[pid] for pid in ids if persons[pid].mentions[0][0] < ent.start]  # mentions are sorted
            if len(fits) == 1:
                ent.person = fits[0].id
                fits[0].role_mentions.append((ent.start, ent.end))
                self.add_to_official(doc, fits[0], ent, normals)

    def add_to_official(self, doc: Document, person: Person, ent: Entity, normals: dict[tuple[int, int], str]) -> None:
        """The role mention is one more mention of the post it names: "губернатор", "глава
        региона" join the governor's official (the first of the person's posts it fits), a
        profession the person's occupation_spans. `normals`: the POSITION entities' by span."""
        keys = self.synonyms.mention_keys(ent.normal)
        for off in doc.officials:
            if off.person_id == person.id and keys & self.synonyms.post_keys(off.position):
                off.position_spans = sorted({*off.position_spans, (ent.start, ent.end)})
                return
        if any(keys & self.synonyms.post_keys(normals.get(span, "")) for span in person.occupation_spans):
            person.occupation_spans = sorted({*person.occupation_spans, (ent.start, ent.end)})  # "музыкант" again

    @staticmethod
    def _one_person(doc: Document, ent: Entity) -> bool:
        """"писатели", "композиторов" mean many; «Доктор Лиза» is a title, not a role."""
        head = next((t for t in doc.tokens_in(ent.start, ent.end) if t.tag.startswith("NOUN")), None)
        return head is not None and "plur" not in head.tag and doc.text[max(ent.start - 1, 0) : ent.start] not in OPENING_QUOTES

    def link_pronouns(self, doc: Document) -> None:
        if len(doc.sentences) < 2:
            return
        mentions = self._person_mentions(doc)
        starts = [start for start, _ in mentions]
        persons = {p.id: p for p in doc.persons}
        linked: set[tuple[int, int]] = set()  # the pronouns linked so far
        first_token = {t.sent: t for t in reversed(doc.tokens)}  # the first token of each sentence
        for sent, tok in sorted(first_token.items()):
            gender = PRONOUNS.get(tok.text.lower()) if tok.text[:1].isupper() else None
            if gender is None or sent == 0:
                continue
            prev_start, prev_end = doc.sentences[sent - 1]
            here = scope(doc.block_at(tok.start).id)
            ids = {
                pid for start, pid in mentions[bisect_left(starts, prev_start) : bisect_left(starts, prev_end)]
                if scope(doc.block_at(start).id) == here
            }
            fits = [pid for pid in ids if self.gender(persons[pid]) in (gender, None)]
            rival = any(  # "… он был задержан … Он отсидел": the previous "он" may be someone unnamed
                PRONOUNS.get(t.text.lower()) == gender and (t.start, t.end) not in linked
                for t in doc.tokens_in(prev_start, prev_end)
            )
            if len(fits) == 1 and not rival:
                persons[fits[0]].pronoun_mentions.append((tok.start, tok.end))
                linked.add((tok.start, tok.end))

    @staticmethod
    def _person_mentions(doc: Document) -> list[tuple[int, str]]:
        return sorted((e.start, e.person) for e in doc.entities if e.person and e.type in ("PER", "POSITION"))

    def gender(self, person: Person) -> str | None:
        """From the first name ("Василий" → masc); a lone surname tells nothing sure."""
        words = person.name.split()
        if len(words) < 2:
            return None
        for p in self.morph.parse(words[0]):
            if "Name" in p.tag and str(p.tag.gender) in ("masc", "femn"):
                return str(p.tag.gender)
        return None
