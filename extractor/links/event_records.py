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
  the publication date is not assumed to be the event's;
- headline and lead: an event of the headline (the first line of the article or of a
  "Читайте также" snippet) named again in the lead (the first sentences of the first
  paragraph of prose after it) is one event: same type, and the same normal form or the
  same head with the complement words of one all in the other; a one-word event
  ("умер", "арестовали") is not merged; a different place or date keeps them apart. The
  record is the lead's (its span, text, sentence, block: the sentence that tells the
  details): it takes the headline's place and date when it has none, and the
  participants of both. (The headline's span is not kept: `Event` has no field for a
  second mention.)
"""
from __future__ import annotations

from dataclasses import dataclass

from ..document import Document, scope, top_level
from ..grammars.words import OPENING_QUOTES
from ..lexicons import read_table
from ..morph import fold
from ..records import Entity, Event, Participant, Span
from ..text.blocks import TIMESTAMP, iter_lines

PLACE_PREPOSITIONS = {"в", "во", "на"}
# a "встреча" may refer back to a session or a forum, not to an opening; "мероприятие" to anything
GATHERINGS = frozenset({"meeting", "session", "forum", "talks", "visit"})
MAX_HEADLINE = 200  # characters: a longer first line is prose, not a headline
MIN_LEAD_LINE = 80  # characters: a longer line after the headline is prose
MIN_LEAD_WORDS = 6  # a shorter sentence is a caption ("Облачение кардиналов.", "Папа Римский Бенедикт XVI.")
SENTENCE_ENDS = ".!?…»\""
LEAD_SENTENCES = 2  # of the lead paragraph
HEADLINE_ENDS = ".;:,"  # a headline has no full stop; a caption or a sentence does


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
        return self._merge_headlines(doc, out)

    # -- headline and lead --------------------------------------------------------

    def _merge_headlines(self, doc: Document, events: list[Event]) -> list[Event]:
        """Fold each headline event into the lead event that repeats it; ids renumbered in text order."""
        gone: set[int] = set()
        for headline, lead in self._headlines_and_leads(doc):
            first = [e for e in events if headline[0] <= e.start < headline[1]]
            then = [e for e in events if lead[0] <= e.start < lead[1]]
            for event in first:
                match = next((e for e in then if id(e) not in gone and self._same_event(doc, event, e)), None)
                if match is not None:
                    _fold(match, event)
                    gone.add(id(event))
        out = [e for e in events if id(e) not in gone]
        for n, event in enumerate(out, 1):
            event.id = f"E{n}"
        return out

    @staticmethod
    def _headlines_and_leads(doc: Document) -> list[tuple[Span, Span]]:
        """(headline, lead) of the article and of each snippet: the headline is the first line
        of the scope (a timestamp skipped), short and with no full stop; the lead, the first
        `LEAD_SENTENCES` sentences of the first line of prose after it (captions skipped)."""
        scopes: dict[str, list[Span]] = {}  # scope → its lines of text
        for start, end in iter_lines(doc.text):
            line, block = doc.text[start:end].strip(), doc.block_at(start)
            if line and block.kind in ("article", "related") and not TIMESTAMP.match(line):
                scopes.setdefault(scope(block.id), []).append((start, end))
        out: list[tuple[Span, Span]] = []
        for lines in scopes.values():
            headline, title = lines[0], doc.text[lines[0][0] : lines[0][1]].strip()
            if len(title) > MAX_HEADLINE or title[-1] in HEADLINE_ENDS:
                continue
            prose = next((line for line in lines[1:] if _prose(doc.text[line[0] : line[1]].strip())), None)
            if prose is None:
                continue
            first = doc.sentence_at(prose[0])
            last = min(doc.sentence_at(prose[1] - 1), first + LEAD_SENTENCES - 1)
            out.append((headline, (prose[0], min(doc.sentences[last][1], prose[1]))))
        return out

    def _same_event(self, doc: Document, a: Event, b: Event) -> bool:
        """The same gathering named twice: same type, and the same normal form, or the same
        head with the words of one complement all in the other ("турнир «Тургенев Cup»",
        "футбольный турнир «Тургенев Cup»"; not "форум «А»", "форум «Б»"). A one-word phrase
        ("умер", "арестовали") says too little to be sure of, and a different place or date
        never is the same event."""
        if a.type != b.type or (a.place and b.place and a.place != b.place) or (a.date and b.date and a.date != b.date):
            return False
        (head_a, rest_a), (head_b, rest_b) = self._head(doc, a), self._head(doc, b)
        if not (rest_a and rest_b):
            return False
        nested = bool(rest_a & rest_b) and (rest_a <= rest_b or rest_b <= rest_a)
        return fold(a.normal) == fold(b.normal) or (head_a == head_b and nested)

    def _head(self, doc: Document, event: Event) -> tuple[str, set[str]]:
        """The head lemma of an event phrase and the lemmas of its other words (not "и", "в")."""
        words = [
            fold(t.lemma or t.text) for t in doc.tokens_in(event.start, event.end)
            if t.text[:1].isalnum() and (len(t.text) > 2 or t.text.isdigit() or t.text.isupper())
        ]
        if not words:
            return fold(event.normal), set()
        head = next((w for w in words if w in self.types), words[0])
        return head, set(words) - {head}

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
        keys = doc.lemma_keys()
        anaphors = [
            Entity("ANAPHOR", t.text, t.start, t.end, t.lemma, doc.block_at(t.start).id)
            for k, t in enumerate(doc.tokens) if keys[k] in self.roles.anaphors and k not in covered
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
        keys = doc.lemma_keys()
        while k < len(doc.tokens) and doc.tokens[k].sent == sent:
            if keys[k] in self.roles.organizer_verbs:
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


def _prose(line: str) -> bool:
    """A line of the article's text, not a photo caption ("Коптский крест", "Боб Дилан на рок-фестивале …")."""
    return len(line) > MIN_LEAD_LINE or (line[-1] in SENTENCE_ENDS and len(line.split()) >= MIN_LEAD_WORDS)


def _fold(into: Event, other: Event) -> None:
    """`other` is another mention of `into`: its place and date where `into` has none, and its participants."""
    if into.place is None and other.place is not None:
        into.place, into.place_code, into.place_span = other.place, other.place_code, other.place_span
    if into.date is None and other.date is not None:
        into.date, into.date_span = other.date, other.date_span
    EventRecords._add(into.participants, other.participants)


def _distance(a: Entity, b: Entity) -> int:
    return max(a.start - b.end, b.start - a.end, 0)


def _quoted(doc: Document, ent: Entity) -> bool:
    """An event's own name ("форум «Россия — исламский мир»") is no organisation of it."""
    return doc.text[max(ent.start - 1, 0) : ent.start] in OPENING_QUOTES


def _after_preposition(doc: Document, ent: Entity) -> bool:
    k = doc.token_range(ent.start, ent.end).start
    return k > 0 and doc.tokens[k - 1].text.lower() in PLACE_PREPOSITIONS
