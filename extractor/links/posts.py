"""What a linked post says beyond its title: acting or former, when, and where it serves.

Read from the position's own words and the few words around it:
- status: "и.о."/"врио"/"исполняющий обязанности" make it acting, "бывший"/"экс-"/"был"
  former (lexicons/post_status.tsv); the title is the post without them;
- period: "в 2012–2015 годах", "с 2012 по 2015 год" in its sentence ("2012..2015"), or
  the year of a former post ("в 2014 году");
- the place served: one named in the post ("губернатор Смоленской области", "глава РТ"),
  a place adjective before it ("смоленский губернатор"), "по <place>" after it
  ("руководитель управления Росреестра по Смоленской области"), the document's region
  when the post names a region without saying which ("министр экономики области"), and
  Россия for a federal post (lexicons/federal_posts.txt) in a document about Russia.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Document, Token
from ..entities.positions import PositionLexicon
from ..lexicons import read_lexicon, read_table
from ..morph import fold
from ..records import Entity

WINDOW = 40  # characters before a position read for its status
TITLE_WORDS = {row["word"]: row["kind"] for _, row in read_table("post_titles.tsv", ("word", "kind"), 2)}
GENERIC_REGION = {w for w, kind in TITLE_WORDS.items() if kind == "region"}  # lemmas: "глава региона"
BODY_ROLES = ("head", "generic")  # org_types.tsv: the words that name a body, not a unit of one
LINKS = {"PREP", "CONJ"}  # "председатель комитета по бюджету", "министр информации и печати"
BY_PLACE = re.compile(r"^\s+по\s+$")  # "управления Росреестра по Смоленской области"
RANGE = re.compile(
    r"(?:\b[вс]\s+)?(\d{4})\s*(?:[–—-]|\s+по\s+)\s*(\d{4})(?:\s*(?:гг?\.|годах|годы|год|года))?|\((\d{4})\s*[–—-]\s*(\d{4})\)"
)
YEAR = re.compile(r"\bв\s+(\d{4})\s+году\b")


def _phrase_pattern(words: str) -> str:
    return r"\s+".join(re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words.split())


@dataclass
class Status:
    title: str
    acting: bool = False
    former: bool = False


@dataclass
class PostWords:
    before: re.Pattern[str]  # a status phrase at the end of the text before a position
    statuses: dict[str, str]  # folded phrase (its * kept) → acting | former
    leading: re.Pattern[str]  # a status phrase at the start of a title
    federal: set[str]
    territorial: set[str]  # heads of posts a place adjective before them names the place of
    heads: PositionLexicon  # the posts a title may name after its head ("заместитель министра")
    bodies: set[str]  # lemmas of the words that name a body: the title ends before them
    body_modifiers: set[str]  # org_types.tsv modifiers: "парламентского комитета" is a committee
    head_posts: set[str]  # titles of the head of a region, city or state: one post per person
    occupations: set[str]  # heads of professions and plain jobs: no posts
    held: set[str]  # nouns whose genitive post is the one held ("пост президента")

    @classmethod
    def load(cls) -> "PostWords":
        rows = [(row["words"], row["status"]) for _, row in read_table("post_status.tsv", ("words", "status"), 2)]
        for words, status in rows:
            if status not in ("acting", "former"):
                raise ValueError(f"post_status.tsv: unknown status {status!r} of {words!r}")
        rows.sort(key=lambda r: -len(r[0]))  # longest first: "временно исполняющий обязанности"
        types = [row for _, row in read_table("org_types.tsv", ("words", "type", "role"), 3)]
        alternatives = "|".join(f"(?P<s{n}>{_phrase_pattern(w)})" for n, (w, _) in enumerate(rows))
        return cls(
            re.compile(rf"(?:^|(?<=[\s(«\"—–,]))(?:{alternatives})\s*-?\s*$", re.IGNORECASE),
            {f"s{n}": status for n, (_, status) in enumerate(rows)},
            re.compile(rf"^(?:{alternatives})(?:\s+|-)", re.IGNORECASE),
            {fold(t) for t in read_lexicon("federal_posts.txt")},
            {fold(t) for t in read_lexicon("territorial_posts.txt")},
            PositionLexicon.load(),
            {
                fold(row["words"]) for row in types
                if row["role"] in BODY_ROLES and " " not in row["words"] and TITLE_WORDS.get(fold(row["words"])) != "keep"
            },
            {fold(row["words"]) for row in types if row["role"] == "modifier"},
            {fold(t) for t in read_lexicon("head_posts.txt")},
            {fold(t) for t in read_lexicon("occupations.txt")},
            {fold(t) for t in read_lexicon("held_posts.txt")},
        )

    def status(self, doc: Document, pos: Entity, title: str) -> Status:
        """"врио губернатора" → губернатор, acting; "бывший мэр" → мэр, former."""
        out = Status(title)
        while (m := self.leading.match(out.title)) is not None and m.end() < len(out.title):
            setattr(out, self.statuses[m.lastgroup or ""], True)
            rest = out.title[m.end() :]
            out.title = _nominative_first(doc, pos, rest)
        sentence = doc.sentences[doc.sentence_at(pos.start)] if doc.sentences else (0, len(doc.text))
        before = doc.text[max(sentence[0], pos.start - WINDOW) : pos.start]
        if (m := self.before.search(before)) is not None:
            setattr(out, self.statuses[m.lastgroup or ""], True)
        return out

    def title(self, doc: Document, pos: Entity, inner: list[Entity]) -> str:
        """The normal form of a post without the place or body it serves and without the words
        left dangling by them: "председатель районного Совета депутатов" → "председатель",
        "генеральный директор крупнейшей компании ОАО «Кузбассуголь»" → "генеральный директор".
        The complement is kept as written in the normal form, so its words are counted from the end."""
        tokens = doc.tokens_in(pos.start, pos.end)
        head = next((k for k, t in enumerate(tokens) if self.heads.head_of(t) is not None), None)
        if head is None:
            return pos.normal
        kept = self._kept(tokens[head + 1 :], {e.start for e in inner})
        after = [(m.start() + tokens[head].end, m.group()) for m in re.finditer(r"\S+", doc.text[tokens[head].end : pos.end])]
        words = pos.normal.split()
        if len(words) <= len(after):
            return pos.normal
        lead, tail = words[: len(words) - len(after)], words[len(words) - len(after) :]
        # a capitalised common noun in lower case ("Председателя Правительства"), "ЦК" as it is
        return " ".join(lead + [w.lower() if w[1:].islower() else w for (start, _), w in zip(after, tail) if start in kept])

    def is_occupation(self, doc: Document, pos: Entity) -> bool:
        """Whether the position is a profession or a plain job ("предприниматель", "телеведущая"), no post."""
        head = next((h for t in doc.tokens_in(pos.start, pos.end) if (h := self.heads.head_of(t)) is not None), None)
        return head in self.occupations

    def _kept(self, tokens: list[Token], cuts: set[int]) -> set[int]:
        """Start offsets of the complement tokens a title keeps: up to a place or body (an entity
        starting at one of `cuts`, a body word, a capitalised name, a quote), less the adjectives,
        prepositions and conjunctions left at its end. After "по" the rest is the post's subject."""
        kept: set[int] = set()
        pending: list[int] = []
        free = False  # after "по": "председатель комитета по бюджету"
        for k, tok in enumerate(tokens):
            word, kind = fold(tok.lemma), TITLE_WORDS.get(fold(tok.lemma))
            titled = self.heads.head_of(tok) is not None or kind == "keep"  # a post, a body of the title
            stays = titled or word in self.heads.units
            if tok.start in cuts and not titled or not (tok.text[:1].isalnum() or tok.text in (",", "-")):
                break  # a place or body named: "совета ветеранов", not "Председателя Правительства"
            if not free and not stays and (kind in ("region", "place") or word in self.bodies or tok.text[:1].isupper()):
                break
            level = None if free else self._level(word, kind, next((t for t in tokens[k + 1 :] if t.text[:1].isalnum()), None))
            if level == "cut":
                break
            if level == "drop":
                continue  # "регионального правительства", "парламентского комитета": the body stays, its kind goes
            if tok.text[:1].isalnum() and (tok.tag.startswith("NOUN") or titled):  # "заместитель командующего"
                kept.update(pending + [tok.start])
                pending = []
            else:
                pending.append(tok.start)
                free = free or (word == "по" and bool(kept))
        return kept

    def _level(self, word: str, kind: str | None, following: Token | None) -> str | None:
        """An adjective of a body's level or kind before the noun `following`: "drop" it before a
        kept body or unit, "cut" the title at a level ("городского совета"), else None."""
        if kind != "level" and word not in self.body_modifiers:
            return None
        then = fold(following.lemma) if following is not None else ""
        if TITLE_WORDS.get(then) == "keep" or (kind != "level" and then in self.heads.units):
            return "drop"
        return "cut" if kind == "level" else None

    def is_federal(self, title: str) -> bool:
        return fold(title) in self.federal

    def is_territorial(self, doc: Document, pos: Entity) -> bool:
        """Whether the post's head serves a place ("губернатор", not "писатель")."""
        head = next((t for t in doc.tokens_in(pos.start, pos.end) if t.tag.startswith("NOUN")), None)
        return head is not None and fold(head.lemma) in self.territorial


def _nominative_first(doc: Document, pos: Entity, rest: str) -> str:
    """The title after a status word, its first word in the nominative ("губернатора
    области" → "губернатор области"): the lemma of that token."""
    first = rest.split()[0] if rest.split() else rest
    tok = next((t for t in doc.tokens_in(pos.start, pos.end) if t.text.lower() == first.lower()), None)
    return (tok.lemma + rest[len(first) :]) if tok is not None and tok.tag.startswith("NOUN") else rest


def period(doc: Document, pos: Entity, former: bool) -> str | None:
    """"в 2012–2015 годах" in the position's sentence, nearest to it, as "2012..2015"; a
    former post's "в 2014 году" as "2014"."""
    if not doc.sentences:
        return None
    start, end = doc.sentences[doc.sentence_at(pos.start)]
    text = doc.text[start:end]
    spans = []
    for m in RANGE.finditer(text):
        low, high = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if low <= high:
            spans.append((m.start() + start, f"{low}..{high}"))
    if not spans and former:
        spans = [(m.start() + start, m.group(1)) for m in YEAR.finditer(text)]
    return min(spans, key=lambda s: abs(s[0] - pos.start))[1] if spans else None


def served_place(
    doc: Document, pos: Entity, inner: list[Entity], by_end: dict[int, Entity], by_start: dict[int, Entity], territorial: bool
) -> Entity | None:
    """The place a post names: inside it, a place adjective just before it ("смоленский
    губернатор", for a `territorial` post only), "по <place>" after it. `by_end`/`by_start`:
    the document's LOC entities by their end and start offsets."""
    inside = next((e for e in inner if e.type == "LOC"), None)
    if inside is not None:
        return inside
    r = doc.token_range(pos.start, pos.end)
    prev = doc.tokens[r.start - 1] if r.start > 0 else None
    if territorial and prev is not None and prev.tag.startswith("ADJF") and prev.sent == doc.tokens[r.start].sent:
        ent = by_end.get(prev.end)
        if ent is not None and ent.start == prev.start:
            return ent
    if r.stop + 1 < len(doc.tokens) and doc.tokens[r.stop].text.lower() == "по":
        return by_start.get(doc.tokens[r.stop + 1].start)
    return None


def names_generic_region(doc: Document, pos: Entity) -> bool:
    """"глава региона", "министр экономики области": a region named but not which."""
    tokens = doc.tokens_in(pos.start, pos.end)
    return any(fold(t.lemma) in GENERIC_REGION for t in tokens[1:])
