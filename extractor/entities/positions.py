"""Positions: "губернатор Смоленской области", "министры здравоохранения", "Президент России".

A position phrase is an optional modifier, a head from the lexicon, and the
genitive complement after it, places and organisations included: that is how
NEREL marks PROFESSION, and the complement is where an official's region or
body is named.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Document, Token, complement_end
from ..lexicons import read_lexicon, read_table
from ..morph import Morph, fold
from .normalize import Normalizer, join
from ..records import Entity

MAX_COMPLEMENT = 6  # tokens after the head; longer genitive chains are rarely one title
PREFIXES = ("экс-", "вице-")  # "экс-президент" is a president for the lexicon
CLOSED_CLASSES = {"PREP", "CONJ", "PRCL", "INTJ", "NPRO"}
# a participle used as a noun ("нападающего", "заведующая"): pymorphy3 gives the verb as its
# lemma, so the lexicon is asked for its masculine nominative ("нападающий")
SUBSTANTIVE = re.compile(r"(?<=[ую]щ|[ая]щ)(?:ий|его|ему|им|ем|ие|их|ими|ая|ей|ую)$")
UNIT_ROLES = ("part", "generic")  # org_types.tsv: a unit of a body, a vague kind of one
SUBJECT_WORDS = {"NOUN", "ADJF", "PRTF"}  # of "по развитию туризма, спорта и молодёжной политике"
NEEDS_COMPLEMENT = {"глава", "член", "представитель", "руководитель"}  # "глава" alone is a chapter
MISSING = object()  # not yet asked (None: asked, no position)
MAX_REMEMBERED = 200_000  # lemmas whose head is remembered: bounded memory on huge, varied inputs


@dataclass
class PositionLexicon:
    heads: dict[str, str | None]  # folded lemma -> expansion of a contracted form
    modifiers: set[str]
    statuses: tuple[str, ...] = ()  # post_status.tsv stems: "Бывший" opening a sentence is no part of the post
    units: frozenset[str] = frozenset()  # org_types.tsv units and vague bodies: "комитет по бюджету"
    _heads_of: dict[str, str | None] = field(default_factory=dict, repr=False)  # lemma -> `head`

    @classmethod
    def load(cls) -> "PositionLexicon":
        heads: dict[str, str | None] = {}
        for line in read_lexicon("positions.txt") + read_lexicon("professions_nerel.txt"):
            lemma, _, expansion = line.partition("=")
            heads.setdefault(fold(lemma.strip()), expansion.strip() or None)
        statuses = tuple(fold(row["words"]).rstrip("*") for _, row in read_table("post_status.tsv", ("words", "status"), 2))
        units = frozenset(
            fold(row["words"]) for _, row in read_table("org_types.tsv", ("words", "type", "role"), 3)
            if row["role"] in UNIT_ROLES and " " not in row["words"]
        )
        return cls(heads, {fold(w) for w in read_lexicon("position_modifiers.txt")}, statuses, units)

    def head_of(self, tok: Token) -> str | None:
        """The lexicon head a token stands for, a participle used as a noun included ("нападающего")."""
        head = self.head(tok.lemma)
        if head is None and tok.tag.startswith(("PRTF", "ADJF")) and SUBSTANTIVE.search(tok.text.lower()):
            head = self.head(SUBSTANTIVE.sub("ий", tok.text.lower()))
        return head

    def status(self, word: str) -> bool:
        return fold(word).startswith(self.statuses)

    def head(self, lemma: str) -> str | None:
        """The lexicon head a lemma stands for, prefixes removed; None if not a position
        (remembered: every token of every document is asked)."""
        found = self._heads_of.get(lemma, MISSING)
        if found is MISSING:
            if len(self._heads_of) >= MAX_REMEMBERED:
                self._heads_of.clear()
            found = self._heads_of[lemma] = self._lookup(fold(lemma))
        return found

    def _lookup(self, key: str) -> str | None:
        if key in self.heads:
            return key
        for prefix in PREFIXES:
            if key.startswith(prefix) and key[len(prefix) :] in self.heads:
                return key[len(prefix) :]
        first = key.split("-", 1)[0]  # "врач-реаниматолог" is a doctor
        return first if first != key and first in self.heads else None


class Positions:
    name = "positions"
    requires: frozenset[str] = frozenset({"blocks", "entities.places", "sentences", "text", "tokens"})
    provides: frozenset[str] = frozenset({"entities.positions"})

    def __init__(self, lexicon: PositionLexicon, morph: Morph, normalizer: Normalizer) -> None:
        self.lexicon = lexicon
        self.morph = morph
        self.normalizer = normalizer

    def __call__(self, docs: list[Document]) -> None:
        for doc in docs:
            self.find(doc)

    def find(self, doc: Document) -> None:
        owner = doc.token_owners(keep="ORG")
        i = 0
        while i < len(doc.tokens):
            tok = doc.tokens[i]
            head = self._head(doc, i) if tok.text[:1].isalpha() else None
            if head is None or owner[i] is not None:
                i += 1
                continue
            first = self._left(doc, i)
            last = self._right(doc, i, owner)
            if head in NEEDS_COMPLEMENT and last == i + 1:
                i += 1
                continue
            tokens = doc.tokens[first:last]
            start, end = tokens[0].start, tokens[-1].end
            entity = Entity("POSITION", doc.text[start:end], start, end, normal="", block=doc.block_at(start).id)
            substantive = tok.tag.startswith(("PRTF", "ADJF"))  # "ведущего", "учёного": no noun to lead
            entity.normal = self._substantive_normal(tokens, i - first) if substantive else self.normal(tokens, head, i - first)
            entity.source = "rules"
            doc.entities.append(entity)
            i = last

    def _head(self, doc: Document, i: int) -> str | None:
        tok = doc.tokens[i]
        if not tok.tag.startswith(("PRTF", "ADJF")):
            return self.lexicon.head(tok.lemma)
        head = self.lexicon.head(tok.lemma)
        if head is not None:  # "учёный", "ведущий": a noun only when no noun follows that it agrees with
            return None if self._modifies_next(doc, i) else head
        return self._substantive(doc, i)

    def _substantive(self, doc: Document, i: int) -> str | None:
        """The lexicon head of an adjective or participle used as a noun: "нападающий
        «Спартака»", "ведущий телепрограммы" — but not "ведущих компаний", where it agrees
        with the noun after it."""
        tok = doc.tokens[i]
        if not SUBSTANTIVE.search(tok.text.lower()):
            return None
        head = self.lexicon.head(SUBSTANTIVE.sub("ий", tok.text.lower()))
        return None if head is None or self._modifies_next(doc, i) else head

    def _modifies_next(self, doc: Document, i: int) -> bool:
        if i + 1 >= len(doc.tokens):
            return False
        tag = self.morph.best(doc.tokens[i].text).tag
        return any(
            p.tag.POS == "NOUN" and p.tag.case == tag.case and p.tag.number == tag.number
            and (tag.number == "plur" or p.tag.gender == tag.gender or "ms-f" in p.tag)
            for p in self.morph.parse(doc.tokens[i + 1].text)
        )

    def _left(self, doc: Document, i: int) -> int:
        first = i
        while first > 0 and doc.tokens[first - 1].sent == doc.tokens[i].sent:
            prev = doc.tokens[first - 1]
            opens = first == 1 or doc.tokens[first - 2].sent != prev.sent  # "Первый заместитель …" opens a sentence
            if (prev.text[:1].islower() or opens and not self.lexicon.status(prev.text)) and fold(prev.lemma) in self.lexicon.modifiers:
                first -= 1
            elif prev.text in "-–" and first > 1 and fold(doc.tokens[first - 2].lemma) in self.lexicon.modifiers:
                first -= 2  # "экс - президент" split by a stray space
            else:
                break
        return first

    def _right(self, doc: Document, i: int, owner: list[Entity | None]) -> int:
        """End (exclusive) of the genitive complement after the head at `i`."""
        last = complement_end(
            doc, i + 1, doc.sentence_end(i), MAX_COMPLEMENT, self._genitive, owner,
            lambda k: self._quoted(doc, k) or self._coordinated(doc, i, k, owner) or self._subject(doc, i, k, owner),
        )
        while last > i + 1 and not (doc.tokens[last - 1].text[:1].isalnum() or doc.tokens[last - 1].text == "»"):
            last -= 1
        return last

    def _coordinated(self, doc: Document, i: int, k: int, owner: list[Entity | None]) -> int | None:
        """"министр информации [и печати]": a second lower-case genitive noun joined by "и" to the
        complement of the head at `i` (not a post of its own: "губернатора и мэра")."""
        if k <= i + 1 or k + 1 >= len(doc.tokens) or doc.tokens[k].text != "и" or owner[k + 1] is not None:
            return None
        tok = doc.tokens[k + 1]
        noun = tok.text[:1].islower() and tok.tag.startswith("NOUN") and "gent" in tok.tag
        return k + 2 if noun and self.lexicon.head(tok.lemma) is None and tok.sent == doc.tokens[i].sent else None

    def _subject(self, doc: Document, i: int, k: int, owner: list[Entity | None]) -> int | None:
        """"председатель комитета [по развитию туризма, спорта и молодёжной политике]": what a unit
        of a body (lexicons/org_types.tsv) in the complement of the head at `i` deals with."""
        if k <= i + 1 or doc.tokens[k].text != "по" or fold(doc.tokens[k - 1].lemma) not in self.lexicon.units:
            return None
        end, last_word = k + 1, None
        while end < len(doc.tokens) and end - k <= 2 * MAX_COMPLEMENT and owner[end] is None and doc.tokens[end].sent == doc.tokens[i].sent:
            tok = doc.tokens[end]
            if tok.text[:1].isalpha() and tok.text[:1].islower() and self.morph.best(tok.text).tag.POS in SUBJECT_WORDS:
                last_word = end
            elif tok.text not in (",", "и"):
                break
            end += 1
        return None if last_word is None else last_word + 1

    @staticmethod
    def _quoted(doc: Document, k: int) -> int | None:
        """A quoted name taken whole: "председатель Совета директоров «Башинформа»"."""
        if doc.tokens[k].text != "«":
            return None
        close = next((j for j in range(k + 1, min(k + MAX_COMPLEMENT, len(doc.tokens))) if doc.tokens[j].text == "»"), None)
        return k if close is None else close + 1

    def _genitive(self, tok: Token) -> bool:
        if not tok.text[:1].isalpha():
            return False
        parses = self.morph.parse(tok.text)
        if parses[0].tag.POS in CLOSED_CLASSES:
            return False  # "губернатор с", "спортсменов из": a preposition ends the title
        return any(p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF", "PRTF") for p in parses)

    def _substantive_normal(self, tokens: list[Token], head: int) -> str:
        """"Ведущего телепрограммы" → "ведущий телепрограммы": the participle is the head,
        so it alone goes to the nominative (the noun phrase rules would pick the noun after it)."""
        parse = self.morph.best(tokens[head].text)
        words = [t.text for t in tokens]
        words[head] = (self.morph.inflect(parse, {"nomn", "sing"}) or words[head]).lower()
        return join(tokens, words)

    def _agreeing(self, words: list[str], head: Token) -> list[str]:
        """Modifiers the normal form left in another case or number ("первых" of "двух первых
        вице-губернаторов") in the nominative singular of the head's gender."""
        out = []
        for word in words:
            parse = self.morph.best(word)
            if parse.tag.POS in ("ADJF", "PRTF") and (parse.tag.case != "nomn" or parse.tag.number != "sing"):
                gender = self.morph.best(head.lemma).tag.gender or "masc"
                word = (self.morph.inflect(parse, {"nomn", "sing", gender}) or word).lower()
            out.append(word)
        return out

    def normal(self, tokens: list[Token], head: str, at: int | None = None) -> str:
        """The nominative singular; `at`: the head's index among the tokens."""
        text = self.normalizer.normal("POSITION", tokens, at)
        if at:  # "первых вице-губернатора" → "первый вице-губернатор": the modifiers agree with the head
            words = text.split()
            text = " ".join([*self._agreeing(words[:at], tokens[at]), *words[at:]]) if len(words) > at else text
        expansion = self.lexicon.heads.get(head)
        if expansion:
            text = text.replace(head, expansion, 1) if head in fold(text) else text
        return text
