"""Readers for the gold corpora: NEREL (brat standoff) and factRuEval-2016 (devset format).

Both readers return character offsets into the ``.txt`` decoded as UTF-8 with ``newline=''``,
i.e. plain Python ``str`` offsets with no newline translation (verified on the full NEREL
dev/train and factRuEval devset: every annotated text matches ``text[start:end]``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# NEREL entity type -> our type; unlisted NEREL types (AGE, FACILITY, ...) are dropped.
NEREL_TYPES: dict[str, str] = {
    "PERSON": "PER",
    "ORGANIZATION": "ORG",
    "COUNTRY": "LOC",
    "STATE_OR_PROVINCE": "LOC",
    "CITY": "LOC",
    "DISTRICT": "LOC",
    "LOCATION": "LOC",
    "PROFESSION": "POSITION",
    "EVENT": "EVENT",
    "DATE": "DATE",
    "MONEY": "MONEY",
    "PERCENT": "PERCENT",
    "NUMBER": "NUMBER",
}

# factRuEval mention type -> our type; Project, Facility etc. are dropped.
FACTRUEVAL_TYPES: dict[str, str] = {
    "Person": "PER",
    "Org": "ORG",
    "Location": "LOC",
    "LocOrg": "LOC",
}

# The types each corpus annotates, i.e. the only ones it is fair to score on it.
CORPUS_TYPES: dict[str, tuple[str, ...]] = {
    "nerel": ("PER", "ORG", "LOC", "POSITION", "EVENT", "DATE", "MONEY", "PERCENT", "NUMBER"),
    "factrueval": ("PER", "ORG", "LOC"),
}
# Relations scored as (side with many mentions, single side) pairs: row name -> (NEREL
# relation types, our types of Arg1, our types of Arg2). The first side of a predicted pair
# may list several spans (all mentions of a person), the second is one span.
RELATIONS: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {
    "PAIRS": (frozenset({"WORKS_AS"}), frozenset({"PER"}), frozenset({"POSITION"})),  # person - position
    "EVENT_PARTICIPANT": (  # participant - event
        frozenset({"PARTICIPANT_IN", "ORGANIZES"}), frozenset({"PER", "POSITION", "ORG", "LOC"}), frozenset({"EVENT"}),
    ),
    "EVENT_PLACE": (frozenset({"TAKES_PLACE_IN"}), frozenset({"EVENT"}), frozenset({"LOC"})),  # event - place
    "EVENT_DATE": (frozenset({"POINT_IN_TIME"}), frozenset({"EVENT"}), frozenset({"DATE"})),  # event - date
}
CORPUS_RELATIONS: dict[str, tuple[str, ...]] = {"nerel": tuple(RELATIONS), "factrueval": ()}
# corpora whose guidelines mark places by name only: a place adjective ("российский",
# "смоленских"), a LOC of ours, is not theirs to score (NEREL marks most of them as places)
UNMARKED_PLACE_ADJECTIVES = frozenset({"factrueval"})


@dataclass(frozen=True)
class Span:
    type: str
    start: int
    end: int


@dataclass
class GoldDoc:
    id: str
    text: str
    spans: list[Span]
    # relation row (RELATIONS) -> its (Arg1, Arg2) pairs; NEREL only, empty for factRuEval
    relations: dict[str, list[tuple[Span, Span]]] = field(default_factory=dict)

    @property
    def pairs(self) -> list[tuple[Span, Span]]:
        """WORKS_AS (person, position) pairs."""
        return self.relations.get("PAIRS", [])


def _read_text(path: Path) -> str:
    # newline='' keeps '\r\n' as two characters, which is what standoff offsets count.
    with path.open(encoding="utf-8", newline="") as f:
        return f.read()


def _lines(path: Path) -> list[str]:
    # Not str.splitlines(): it would also split on U+2028/U+0085 that may occur inside entity text.
    return [line.rstrip("\r") for line in _read_text(path).split("\n")]


def _unique(items: list) -> list:
    """Drop duplicates, keeping first-seen order (e.g. CITY and LOCATION on one span both become LOC)."""
    return list(dict.fromkeys(items))


# --- NEREL / brat -------------------------------------------------------------------------------


def _parse_brat_offsets(offsets: str) -> tuple[int, int]:
    """'10 15' or, for discontinuous entities, '10 15;20 25' -> (min start, max end)."""
    bounds = [tuple(int(x) for x in frag.split()) for frag in offsets.split(";")]
    return min(b[0] for b in bounds), max(b[1] for b in bounds)


def _parse_brat_entity(line: str) -> tuple[str, str, int, int] | None:
    """'T1<TAB>TYPE START END<TAB>text' -> (id, brat type, start, end); None if malformed."""
    parts = line.split("\t")
    if len(parts) < 2:
        return None
    kind, _, offsets = parts[1].partition(" ")
    try:
        start, end = _parse_brat_offsets(offsets)
    except ValueError:
        return None
    return parts[0], kind, start, end


def _parse_brat_relation(line: str) -> tuple[str, str, str] | None:
    """'R1<TAB>WORKS_AS Arg1:T5 Arg2:T7' -> (type, arg1 id, arg2 id); None if malformed."""
    parts = line.split("\t")
    if len(parts) < 2:
        return None
    fields = parts[1].split()
    args = dict(f.split(":", 1) for f in fields[1:] if ":" in f)
    if not fields or "Arg1" not in args or "Arg2" not in args:
        return None
    return fields[0], args["Arg1"], args["Arg2"]


def _read_brat_doc(txt: Path, ann: Path) -> GoldDoc:
    text = _read_text(txt)
    entities: dict[str, Span] = {}
    links: list[tuple[str, str, str]] = []
    for line in _lines(ann):
        # Only T (entities) and R (relations) matter; N/#/A lines and the odd stray line are skipped.
        if line.startswith("T") and (ent := _parse_brat_entity(line)):
            tid, kind, start, end = ent
            if kind in NEREL_TYPES:
                entities[tid] = Span(NEREL_TYPES[kind], start, end)
        elif line.startswith("R") and (rel := _parse_brat_relation(line)):
            links.append(rel)
    relations = {
        row: _unique([
            (entities[a], entities[b]) for kind, a, b in links
            if kind in kinds and a in entities and b in entities and entities[a].type in first and entities[b].type in second
        ])
        for row, (kinds, first, second) in RELATIONS.items()
    }
    return GoldDoc(id=txt.stem, text=text, spans=_unique(list(entities.values())), relations=relations)


def read_brat(folder: Path) -> list[GoldDoc]:
    """Read every ``NNN.txt`` + ``NNN.ann`` pair in ``folder`` (sorted by name)."""
    folder = Path(folder)
    docs = []
    for ann in sorted(folder.glob("*.ann")):
        txt = ann.with_suffix(".txt")
        if not txt.exists():
            raise FileNotFoundError(f"{ann} has no matching {txt.name}")
        docs.append(_read_brat_doc(txt, ann))
    return docs


# --- factRuEval-2016 ----------------------------------------------------------------------------


def _read_factrueval_spans(path: Path) -> dict[str, tuple[int, int]]:
    """'.spans' lines: 'id type start length first_token n_tokens # ...' -> {id: (start, end)}."""
    spans = {}
    for line in _lines(path):
        fields = line.partition("#")[0].split()
        if len(fields) >= 4:
            start = int(fields[2])
            spans[fields[0]] = (start, start + int(fields[3]))
    return spans


def _read_factrueval_objects(path: Path) -> list[tuple[str, list[str]]]:
    """'.objects' lines: 'id type span_id span_id ... # text' -> [(type, span ids)]."""
    objects = []
    for line in _lines(path):
        fields = line.partition("#")[0].split()
        if len(fields) >= 3:
            objects.append((fields[1], fields[2:]))
    return objects


# Opening/closing marks a mention hull may leave unbalanced.
_BRACKETS = (("«", "»"), ("„", "“"), ("“", "”"), ('"', '"'), ("(", ")"))


def _is_open(fragment: str, opening: str, closing: str) -> bool:
    if opening == closing:
        return fragment.count(opening) % 2 == 1
    return fragment.count(opening) > fragment.count(closing)


def _close_brackets(text: str, start: int, end: int) -> int:
    """Extend ``end`` over a closing quote/bracket that the hull opened but did not close.

    The name span of 'партии «Яблоко»' excludes the quotes while the descriptor span precedes
    the opening one, so the plain hull is 'партии «Яблоко' (~3% of devset mentions).
    """
    for opening, closing in _BRACKETS:
        if _is_open(text[start:end], opening, closing) and text[end : end + 1] == closing:
            end += 1
    return end


def _read_factrueval_doc(txt: Path) -> GoldDoc:
    text = _read_text(txt)
    spans = _read_factrueval_spans(txt.with_suffix(".spans"))
    mentions = []
    for kind, span_ids in _read_factrueval_objects(txt.with_suffix(".objects")):
        bounds = [spans[s] for s in span_ids if s in spans]
        if kind in FACTRUEVAL_TYPES and bounds:
            # A mention is the hull of its spans ("мэрии Москвы" = org_descr + loc_name).
            start, end = min(b[0] for b in bounds), max(b[1] for b in bounds)
            mentions.append(Span(FACTRUEVAL_TYPES[kind], start, _close_brackets(text, start, end)))
    return GoldDoc(id=txt.stem, text=text, spans=_unique(mentions))


def read_factrueval(folder: Path) -> list[GoldDoc]:
    """Read every ``book_N.txt`` with its ``.spans`` and ``.objects`` in ``folder`` (sorted by name).

    A mention (object) becomes one span from the min start to the max end of its spans, extended
    over a closing quote/bracket left unbalanced by that hull; types outside PER/ORG/LOC are skipped.
    """
    folder = Path(folder)
    docs = []
    for objects in sorted(folder.glob("*.objects")):
        txt = objects.with_suffix(".txt")
        for needed in (txt, objects.with_suffix(".spans")):
            if not needed.exists():
                raise FileNotFoundError(f"{objects} has no matching {needed.name}")
        docs.append(_read_factrueval_doc(txt))
    return docs


# --- detection ----------------------------------------------------------------------------------


def detect_format(folder: Path) -> str:
    """'nerel' if the folder holds ``.ann`` files, 'factrueval' if ``.objects`` + ``.spans``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise NotADirectoryError(f"corpus folder not found: {folder}")
    if any(folder.glob("*.ann")):
        return "nerel"
    if any(folder.glob("*.objects")) and any(folder.glob("*.spans")):
        return "factrueval"
    raise ValueError(
        f"{folder}: unknown corpus format; expected brat standoff (*.txt + *.ann) "
        f"or factRuEval-2016 (*.txt + *.spans + *.objects)"
    )


def read_corpus(folder: Path) -> tuple[str, list[GoldDoc]]:
    """Detect the format from the files present and read the folder: ("nerel"|"factrueval", docs)."""
    fmt = detect_format(folder)
    docs = read_brat(folder) if fmt == "nerel" else read_factrueval(folder)
    return fmt, docs
