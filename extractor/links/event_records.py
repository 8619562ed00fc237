"""Events: one record per event named in the text, with its type, place, date and
who took part.

Built from the EVENT entities (events.py) once persons and role mentions are linked:
- a bare "мероприятие", "встреча", "заседание" (no complement) after an event of the
  same scope refers back to the last such event (a gathering, for all but
  "мероприятие") instead of opening a new one ("В мероприятии также приняли
  участие …"), so its sentence adds participants to it;
- participants: the persons named or meant (by a role, a pronoun) in the event's
  sentences, and the organisations there outside the event phrase; an organisation
  in the phrase ("заседание Совета …") and the persons after a verb of holding
  ("которое провели …", `lexicons/event_roles.tsv`) are its organizers;
- place: a place after "в"/"во"/"на" in the event's sentence ("в Могилёве"), the
  first after the event phrase, else the last before it;
- date: the date in the event's sentence nearest to the phrase, already resolved
  against the document date by the dates stage. No date in the sentence, no date:
  the publication date is not assumed to be the event's.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..document import Document, scope, top_level
from ..grammars.words import OPENING_QUOTES
from ..lexicons import read_table
from ..morph import fold
from ..records import Entity, Event, Participant, Span

PLACE_PREPOSITIONS = {"в", "во", "на"}
# a "встреча" may refer back to a session or a forum, not to an opening; "мероприятие" to anything
GATHERINGS = frozenset({"meeting", "session", "forum", "talks", "visit"})


@dataclass
class EventRoles:
    organizer_verbs: set[str]
    anaphors: set[str]

    @classmethod
    def load(cls) -> "EventRoles":
        rows = [(row["role"], row["lemma"]) for _, row in read_table("event_roles.tsv", ("role", "lemma"), 2)]
        return cls({fold(w) for role, w in rows if role == "organizer"}, {fold(w) for role, w in rows if role == "anaphor"})


class EventRecords:
    name = "event_records"
    requires: frozenset[str] = frozenset({"blocks", "entities.events", "entities.normal", "entities.roles", "persons.references", "sentences", "text", "tokens"})
    provides: frozenset[str] = frozenset({"events"})

    def __init__(self, roles: EventRoles, types: dict[str, str]) -> None:
        self.roles = roles
        self.types = types  # head lemma → event type (events.EventLexicon.types)

    def __call__(self, docs: list[Document]) -> None:
        for doc in docs:
            doc.events = self.events(doc)

    def events(self, doc: Document) -> list[Event]:
        persons = {p.id: p for p in doc.persons}
        here = self._by_sentence(doc)  # sentence → its entities: every lookup stays within one sentence
        pronouns: dict[int, list[tuple[Span, str]]] = {}
        for p in doc.persons:
            for span in p.pronoun_mentions:
                pronouns.setdefault(doc.sentence_at(span[0]), []).append((span, p.id))
        out: list[Event] = []
        latest: dict[tuple[str, bool], Event] = {}  # (scope, a gathering?) → the event last named
        for ent in self._heads_and_anaphors(doc):
            sent = doc.sentence_at(ent.start)
            sentence, ents = doc.sentences[sent], here.get(sent, [])
            antecedent = self._antecedent(latest, ent) if self._is_anaphor(doc, ent) else None
            if antecedent is not None:  # "мероприятие": back to that event
                self._add(antecedent.participants, self._participants(doc, ent, ents, pronouns.get(sent, []), persons))
                continue
            if ent.type != "EVENT":
                continue
            date, place = self._date(ent, ents), self._place(doc, ent, ents)
            event = Event(
                id=f"E{len(out) + 1}", type=ent.subtype or "other", text=ent.text, start=ent.start, end=ent.end,
                normal=ent.normal,
                date=date.value if date else None, date_span=(date.start, date.end) if date else None,
                place=place.normal if place else None, place_code=place.code if place else None,
                place_span=(place.start, place.end) if place else None,
                participants=self._participants(doc, ent, ents, pronouns.get(sent, []), persons),
                sentence=sentence, block=ent.block,
            )
            out.append(event)
            latest[(scope(event.block), False)] = event
            if event.type in GATHERINGS:
                latest[(scope(event.block), True)] = event
        return out

    @staticmethod
    def _by_sentence(doc: Document) -> dict[int, list[Entity]]:
        out: dict[int, list[Entity]] = {}
        for ent in doc.entities:
            out.setdefault(doc.sentence_at(ent.start), []).append(ent)
        return out

    def _antecedent(self, latest: dict[tuple[str, bool], Event], anaphor: Entity) -> Event | None:
        """The last event of the anaphor's scope; for all but "мероприятие", the last gathering."""
        return latest.get((scope(anaphor.block), fold(anaphor.normal) in self.types))

    def _heads_and_anaphors(self, doc: Document) -> list[Entity]:
        """EVENT entities and, as pseudo-entities of type "ANAPHOR", the anaphoric nouns
        outside them ("мероприятие"), in text order."""
        events = [e for e in doc.entities if e.type == "EVENT"]
        covered = {k for e in events for k in doc.token_range(e.start, e.end)}
        anaphors = [
            Entity("ANAPHOR", t.text, t.start, t.end, t.lemma, doc.block_at(t.start).id)
            for k, t in enumerate(doc.tokens) if k not in covered and fold(t.lemma) in self.roles.anaphors
        ]
        return sorted(events + anaphors, key=lambda e: e.start)

    def _is_anaphor(self, doc: Document, ent: Entity) -> bool:
        """A bare "мероприятие" outside events, or an event phrase that is a bare anaphoric noun."""
        return ent.type != "EVENT" or (
            len(doc.token_range(ent.start, ent.end)) == 1 and fold(ent.normal) in self.roles.anaphors
        )

    def _participants(
        self, doc: Document, event: Entity, ents: list[Entity], pronouns: list[tuple[Span, str]], persons: dict,
    ) -> list[Participant]:
        """Persons (named, by role, by pronoun) and organisations of the sentence (`ents`), organizers first."""
        organizer_from = self._organizer_verb(doc, event)
        inside = [e for e in ents if event.start <= e.start and e.end <= event.end]
        rivals = [e for e in ents if e.type == "EVENT" and e is not event]
        found: list[Participant] = []
        for ent in top_level(ents + inside):
            if any(_distance(ent, other) < _distance(ent, event) for other in rivals):
                continue  # "X arrested after the attack on Y": each person goes to the nearest event
            role = "organizer" if organizer_from is not None and ent.start >= organizer_from else "participant"
            if ent.person and ent.type in ("PER", "POSITION"):
                person = persons[ent.person]
                found.append(Participant("person", person.name, (ent.start, ent.end), role, person.id))
            elif ent.type == "ORG":
                found.append(Participant("organization", ent.normal, (ent.start, ent.end), role))
            elif ent.type == "EVENT" and ent is event:
                for org in (e for e in inside if e.type == "ORG" and not _quoted(doc, e)):  # "заседание Совета": its holder
                    found.append(Participant("organization", org.normal, (org.start, org.end), "organizer"))
        for span, pid in pronouns:
            found.append(Participant("person", persons[pid].name, span, "participant", pid))
        return self._add([], found)

    @staticmethod
    def _add(into: list[Participant], found: list[Participant]) -> list[Participant]:
        """One participant per person or body; an organizer stays one; organizers first."""
        for new in found:
            key = new.person_id or new.name
            old = next((p for p in into if (p.person_id or p.name) == key), None)
            if old is None:
                into.append(new)
            elif new.role == "organizer":
                old.role = "organizer"
        into.sort(key=lambda p: p.role != "organizer")  # stable: text order within each role
        return into

    def _organizer_verb(self, doc: Document, event: Entity) -> int | None:
        """Offset of a verb of holding after the event in its sentence ("…, которое провели")."""
        k = doc.token_range(event.end, len(doc.text)).start
        sent = doc.tokens[k - 1].sent if k else 0
        while k < len(doc.tokens) and doc.tokens[k].sent == sent:
            if fold(doc.tokens[k].lemma) in self.roles.organizer_verbs:
                return doc.tokens[k].start
            k += 1
        return None

    @staticmethod
    def _place(doc: Document, event: Entity, ents: list[Entity]) -> Entity | None:
        candidates = [
            e for e in top_level(ents)
            if e.type == "LOC" and not (event.start <= e.start < event.end) and _after_preposition(doc, e)
        ]
        after = [e for e in candidates if e.start >= event.end]
        return after[0] if after else (candidates[-1] if candidates else None)

    @staticmethod
    def _date(event: Entity, ents: list[Entity]) -> Entity | None:
        dates = [e for e in ents if e.type == "DATE" and e.value]
        return min(dates, key=lambda e: abs(e.start - event.start)) if dates else None


def _distance(a: Entity, b: Entity) -> int:
    return max(a.start - b.end, b.start - a.end, 0)


def _quoted(doc: Document, ent: Entity) -> bool:
    """An event's own name ("форум «Россия — исламский мир»") is no organisation of it."""
    return doc.text[max(ent.start - 1, 0) : ent.start] in OPENING_QUOTES


def _after_preposition(doc: Document, ent: Entity) -> bool:
    k = doc.token_range(ent.start, ent.end).start
    return k > 0 and doc.tokens[k - 1].text.lower() in PLACE_PREPOSITIONS
