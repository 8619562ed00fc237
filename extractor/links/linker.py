"""Who holds which position: person–position links scored by a small trained linear model.

Candidates: every top-level POSITION with every person of its scope named in the same sentence
or in the `CONTEXT` sentences before it — biographies name a person once and go on with "с 2013
года он был главой …". Each candidate is described by cheap named features (order, distance,
what lies between, which hand rule links the two, the position's case and head word, how
salient the person is) and scored by logistic regression trained on the WORKS_AS pairs of
NEREL train (`python -m tools.train`, see models/README.md). Weights and manifest live in
the repository's `models/works_as/`, installed as `extractor/models/works_as/`; scoring is a dictionary look-up per feature, no numpy.
"""
from __future__ import annotations

import json
import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..document import Document, Token
from ..records import Entity, Person

CONTEXT = 3  # earlier sentences whose persons a position may refer to ("Он был …")
# The repository's models/ folder is the package `extractor.models` (pyproject package-dir),
# so the same name finds it in a checkout, an editable install and a wheel.
WORKS_AS = Path(str(resources.files("extractor.models").joinpath("works_as")))
FORMAT = 1  # the layout of weights.json and manifest.json this code reads; a model of another is refused

# what may lie between a person and a position, as signature symbols
PUNCT = {",": ",", "—": "—", "–": "—", "-": "—", ":": ":", ";": ";", "(": "(", ")": ")",
         "«": '"', "»": '"', '"': '"', "“": '"', "”": '"', "„": '"'}
GAP_WORDS = {"и", "а", "но", "или", "который", "также", "как", "его", "её", "их", "он", "она"}
CHAIN = {"POSITION", "ORG", "LOC", ",", "и", "—", "(", ")"}  # "X, министр …, экс-глава …"
VERB_TAGS = ("VERB", "INFN", "PRTF", "PRTS", "GRND")
PRONOUNS = {"он", "она", "они"}  # lemmas: "его", "ему", "ей" are their forms
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2")
NAME_TAGS = ("Name", "Surn", "Patr")

Hit = tuple[Entity, Entity, str]  # (position, person mention, rule) linked by a hand rule


@dataclass
class Pair:
    """A candidate link and what the model sees of it."""

    position: Entity
    person: Person
    mention: Entity  # the mention described: the nearest in the sentence, else the latest before
    rule: str | None  # the hand rule that links them, if one does
    features: list[str] = field(default_factory=list)


@dataclass
class Span:
    """An entity located in the token stream."""

    ent: Entity
    first: int  # token range [first, last)
    last: int
    sent: int


def bucket(n: int, edges: tuple[int, ...] = (0, 1, 2, 3, 5, 8, 13, 21)) -> str:
    """The largest edge not above n: distances matter on a log scale."""
    return str(edges[max(bisect_right(edges, n) - 1, 0)])


def case_of(tok: Token) -> str:
    return next((c for c in CASES if c in tok.tag), "-")


def gender(tokens: list[Token]) -> str | None:
    """A person's gender from the name parts that have one ("Светлана", not "Мутарика")."""
    for t in tokens:
        if any(n in t.tag for n in NAME_TAGS) and "ms-f" not in t.tag:
            for g in ("femn", "masc"):
                if g in t.tag:
                    return g
    return None


class Context:
    """What a document offers to the features of all its candidates, computed once."""

    def __init__(self, doc: Document, ents: list[Entity], persons: list[Person], scope: Callable[[str], str]) -> None:
        self.doc = doc
        self.scope = scope
        self.spans = {id(e): self._span(e) for e in doc.entities if e.type == "PER"}
        self.spans.update((id(e), self._span(e)) for e in ents if id(e) not in self.spans)
        self.top = [self.spans[id(e)] for e in ents]
        self.owner: list[Span | None] = [None] * len(doc.tokens)  # the top-level entity over each token
        for span in self.top:
            for i in range(span.first, span.last):
                self.owner[i] = span
        self.persons = {p.id: p for p in persons}
        self.mentions: dict[str, list[Span]] = {}
        for e in doc.entities:
            if e.type == "PER" and e.person in self.persons:
                self.mentions.setdefault(e.person, []).append(self.spans[id(e)])
        self.sent_persons: Counter[int] = Counter()
        for spans in self.mentions.values():
            spans.sort(key=lambda s: s.first)
            self.sent_persons.update({s.sent for s in spans})
        self.count = {pid: len(spans) for pid, spans in self.mentions.items()}
        # per sentence, the persons' mentions in it; per person, its mentions' first tokens: so
        # that a position looks only at its own sentences (a 10 MB text names thousands)
        self.order = {pid: n for n, pid in enumerate(self.mentions)}
        self.by_sentence: dict[int, list[tuple[str, Span]]] = {}
        for pid, spans in self.mentions.items():
            for span in spans:
                self.by_sentence.setdefault(span.sent, []).append((pid, span))
        self.firsts = {pid: [s.first for s in spans] for pid, spans in self.mentions.items()}
        self._verbs: dict[int, tuple[list[int], list[str | None]]] = {}  # per sentence, read once
        by_scope: dict[str, list[str]] = {}
        for pid in self.mentions:
            by_scope.setdefault(scope(self.persons[pid].block), []).append(pid)
        # the person an article is about: named most often, and first among equals
        self.salient = {s: min(ids, key=lambda i: (-self.count[i], self.mentions[i][0].first)) for s, ids in by_scope.items()}
        self.first_named = {s: min(ids, key=lambda i: self.mentions[i][0].first) for s, ids in by_scope.items()}

    def _span(self, e: Entity) -> Span:
        doc = self.doc
        r = doc.token_range(e.start, e.end)
        first = r.start if r.stop > r.start else max(r.start - 1, 0)  # starts inside a token: that token
        return Span(e, first, max(r.stop, first + 1), doc.tokens[first].sent if doc.tokens else 0)

    def head(self, pos: Span) -> Token:
        """A position's head: its first noun ("первый заместитель министра")."""
        toks = self.doc.tokens[pos.first : pos.last]
        return next((t for t in toks if t.tag.startswith("NOUN")), toks[0])

    def sentence_start(self, span: Span) -> int:
        """Index of the first token of the span's sentence (by bisection: a sentence may hold thousands)."""
        return self.doc.token_range(*self.doc.sentences[span.sent]).start if self.doc.sentences else 0

    def verbs(self, sent: int, start: int) -> tuple[list[int], list[str | None]]:
        """The singular past-tense verbs of sentence `sent`, which starts at token `start`:
        their token indices and genders."""
        if sent not in self._verbs:
            toks = self.doc.tokens
            at: list[int] = []
            genders: list[str | None] = []
            for i in range(start, len(toks)):
                t = toks[i]
                if t.sent != sent:
                    break
                if t.tag.startswith(("VERB", "PRTS")) and ("past" in t.tag or t.tag.startswith("PRTS")) and "sing" in t.tag:
                    at.append(i)
                    genders.append("femn" if "femn" in t.tag else "masc" if "masc" in t.tag else None)
            self._verbs[sent] = at, genders
        return self._verbs[sent]


def candidates(ctx: Context, hits: list[Hit]) -> list[Pair]:
    """Every (position, person) pair the model scores, with its features."""
    rules = {(id(pos), per.person): rule for pos, per, rule in hits}
    ruled_positions = {id(pos) for pos, _, _ in hits}
    ruled_persons = {per.person for _, per, _ in hits}
    ruled_titles = {(per.person, ctx.head(ctx.spans[id(pos)]).lemma) for pos, per, _ in hits}
    out: list[Pair] = []
    for pos in ctx.top:
        if pos.ent.type != "POSITION":
            continue
        view = Position.of(ctx, pos)
        for pid, rank in _recent(ctx, pos).items():
            mention = _mention(ctx, pid, pos)
            rule = rules.get((id(pos.ent), pid))
            pair = Pair(pos.ent, ctx.persons[pid], mention.ent, rule)
            pair.features = features(ctx, view, mention, rank, rule)
            if rule is None:  # what the hand rules say about either side elsewhere
                if id(pos.ent) in ruled_positions:
                    pair.features.append("position_ruled_elsewhere")
                if pid in ruled_persons:
                    pair.features.append("person_ruled_elsewhere")
                if (pid, view.head.lemma) in ruled_titles:
                    pair.features.append("same_title_ruled_elsewhere")
            out.append(pair)
    return out


def _recent(ctx: Context, pos: Span) -> dict[str, int]:
    """Persons of the position's scope named in its sentence or the CONTEXT sentences before,
    ranked by recency: rank 0 was named last before it; those named only after it come last."""
    scope = ctx.scope(pos.ent.block)
    last_seen: dict[str, int] = {}
    for sent in range(pos.sent - CONTEXT, pos.sent + 1):
        for pid, span in ctx.by_sentence.get(sent, ()):
            if ctx.scope(ctx.persons[pid].block) == scope:
                last_seen[pid] = max(last_seen.get(pid, -1), span.first if span.first < pos.first else -1)
    ranked = sorted(last_seen, key=lambda p: (-last_seen[p], ctx.order[p]))
    return {pid: rank for rank, pid in enumerate(ranked)}


def _mention(ctx: Context, pid: str, pos: Span) -> Span:
    """The mention that speaks for a person: the nearest in the position's sentence, else the last before."""
    spans = ctx.mentions[pid]
    same = [s for p, s in ctx.by_sentence.get(pos.sent, ()) if p == pid]
    if same:
        return min(same, key=lambda s: s.first - pos.last if s.first >= pos.last else pos.first - s.last)
    before = bisect_left(ctx.firsts[pid], pos.first)  # spans are sorted by their first token
    return spans[before - 1] if before else spans[0]


@dataclass
class Position:
    """What the features of a position's candidates share, computed once per position."""

    span: Span
    head: Token
    case: str
    prev: str  # lemma of the token before it in its sentence, "<s>" at the start
    sentence_start: int  # token index
    verb_gender: str | None
    features: list[str]

    @classmethod
    def of(cls, ctx: Context, pos: Span) -> Position:
        toks = ctx.doc.tokens
        head = ctx.head(pos)
        case = case_of(head)
        prev = toks[pos.first - 1].lemma if pos.first and toks[pos.first - 1].sent == pos.sent else "<s>"
        nxt = toks[pos.last].lemma if pos.last < len(toks) and toks[pos.last].sent == pos.sent else "</s>"
        f = [f"case={case}", f"head={head.lemma}", f"prev={prev}", f"next={nxt}",
             f"sent_persons={min(ctx.sent_persons[pos.sent], 3)}"]
        if "plur" in head.tag:
            f.append("plur")
        if pos.ent.text[:1].isupper() and prev != "<s>":
            f.append("cap")
        start = ctx.sentence_start(pos)
        return cls(pos, head, case, prev, start, _verb_gender(ctx, pos, start), f)


def features(ctx: Context, view: Position, m: Span, rank: int, rule: str | None) -> list[str]:
    toks = ctx.doc.tokens
    pos = view.span
    pid = m.ent.person or ""
    scope = ctx.scope(pos.ent.block)
    sd = pos.sent - m.sent
    per_prev = toks[m.first - 1].lemma if m.first and toks[m.first - 1].sent == m.sent else "<s>"
    f = view.features + [
        f"rule={rule}", f"sd={min(sd, 3)}" if sd >= 0 else "sd=after", f"rank={min(rank, 3)}",
        f"per_prev={per_prev}", f"per_words={min(len(m.ent.normal.split()), 3)}",
        f"per_case={case_of(toks[m.last - 1])}", f"mentions={bucket(ctx.count[pid])}",
    ]
    pg = gender(toks[m.first : m.last])
    if pg and view.verb_gender:
        f.append(f"gender={'same' if pg == view.verb_gender else 'other'}")
    if ctx.salient.get(scope) == pid:
        f.append("salient")
    if ctx.first_named.get(scope) == pid:
        f.append("first_person")
    if sd == 0:
        return f + _same_sentence(ctx, pos, m, view.case)
    return f + _across_sentences(ctx, view, m, rank, f"sd={min(sd, 3)}" if sd > 0 else "sd=after")


def _across_sentences(ctx: Context, view: Position, m: Span, rank: int, sd: str) -> list[str]:
    """"С 2013 года он был главой «Газпром-медиа»": the person was named sentences before."""
    pos = view.span
    f = [f"{sd}|rank={min(rank, 3)}", f"{sd}|case={view.case}", f"{sd}|persons={min(ctx.sent_persons[pos.sent], 2)}",
         f"{sd}|prev={view.prev}", f"{sd}|prev={view.prev}|case={view.case}"]
    if any(t.lemma in PRONOUNS for t in ctx.doc.tokens[view.sentence_start : pos.first]):
        f.append(f"{sd}|pronoun")
    if ctx.salient.get(ctx.scope(pos.ent.block)) == m.ent.person:
        f.append(f"{sd}|salient")
    return f


def _same_sentence(ctx: Context, pos: Span, m: Span, case: str) -> list[str]:
    toks = ctx.doc.tokens
    order = "pos<per" if pos.first < m.first else "per<pos"
    a, b = (pos.last, m.first) if order == "pos<per" else (m.last, pos.first)
    gap = range(a, max(a, b))
    per_case = case_of(toks[m.last - 1])
    dist = bucket(len(gap))
    f = [order, f"{order}|dist={dist}", f"{order}|case={case}", f"{order}|cases={case},{per_case}"]
    # the gap as a signature: other entities by type, punctuation, a few words, V for verbs, w for the rest
    sig: list[str] = []
    between: Counter[str] = Counter()
    for i in gap:
        t, owner = toks[i], ctx.owner[i]
        if owner is not None and owner is not m and owner is not pos:
            if i == owner.first or i == a:
                sig.append(owner.ent.type)
                between[owner.ent.type] += 1
        elif t.text in PUNCT:
            sig.append(PUNCT[t.text])
        elif t.lemma in GAP_WORDS:
            sig.append(t.lemma)
            f.append(f"gap_word={t.lemma}")
        elif t.tag.startswith(VERB_TAGS):
            sig.append("V")
            f += [f"{order}|gap_verb={t.lemma}", f"{order}|gap_verb={t.lemma}|case={case}"]
        else:
            sig.append("w")
            if t.tag.startswith("PREP"):
                f.append(f"{order}|gap_prep={t.lemma}")
    f += [f"{order}|gap_punct={p}" for p in sorted(set(sig) & set(PUNCT.values()))]
    f += [f"{order}|between_{t}={min(n, 2)}" for t, n in sorted(between.items())]
    signature = " ".join(sig) if len(sig) <= 5 else "long"
    f += [f"{order}|gap={signature}", f"{order}|gap={signature}|agree={per_case == case}",
          f"{order}|dist={dist}|per_between={min(between['PER'], 2)}"]
    if "POSITION" in sig and set(sig) <= CHAIN:
        f.append(f"{order}|position_chain")
    if not between["PER"]:
        f.append(f"{order}|nearest")
    return f


def _verb_gender(ctx: Context, pos: Span, i: int) -> str | None:
    """Gender of the past-tense verb nearest to the position in its sentence, which starts at
    token i ("работала адвокатом")."""
    at, genders = ctx.verbs(pos.sent, i)
    k = bisect_left(at, pos.first)
    near = [j for j in (k - 1, k) if 0 <= j < len(at)]  # the nearest before it and after it
    if not near:
        return None
    return genders[min(near, key=lambda j: abs(at[j] - pos.first))]  # the earlier of two as near


@dataclass
class LinkModel:
    """Logistic regression over named features: P(link) = σ(bias + Σ weights[feature])."""

    weights: dict[str, float]
    bias: float
    threshold: float  # link when P(link) reaches it; tuned by cross-validation on the training set
    manifest: dict = field(default_factory=dict)

    def probability(self, features: Iterable[str]) -> float:
        weight = self.weights.get
        z = self.bias + sum([weight(f, 0.0) for f in features])
        return 1.0 / (1.0 + math.exp(-z))

    def links(self, pair: Pair) -> bool:
        return self.probability(pair.features) >= self.threshold

    @classmethod
    def load(cls, folder: Path = WORKS_AS) -> LinkModel:
        folder = Path(folder)
        if not (folder / "weights.json").is_file():
            raise FileNotFoundError(
                f"no person–position model in {folder}: it ships in the repository's models/works_as/ "
                "(installed as extractor/models/works_as/); rebuild it with `python -m tools.train`"
            )
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise ValueError(
                f"the model in {folder} has format {manifest.get('format')!r}, this code reads format {FORMAT}: "
                "retrain it with `python -m tools.train` or install the matching version of the package"
            )
        data = json.loads((folder / "weights.json").read_text(encoding="utf-8"))
        return cls(data["weights"], data["bias"], data["threshold"], manifest)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        data = {"bias": self.bias, "threshold": self.threshold, "weights": dict(sorted(self.weights.items()))}
        (folder / "weights.json").write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        self.manifest["format"] = FORMAT  # the layout written here
        self.manifest["size_bytes"] = (folder / "weights.json").stat().st_size
        (folder / "manifest.json").write_text(json.dumps(self.manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
