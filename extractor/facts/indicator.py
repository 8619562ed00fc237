"""The indicator a number is grammatically attached to, read from its dependency tree.

The lexicon path (context.py) finds indicator heads from a closed list; this one walks the
tree of the number's sentence (facts/syntax.py): number → its unit → the noun that governs
it ("зарплата до 90 тысяч рублей", "тиражом 5 тысяч экземпляров"), through amount nouns
("штраф в размере 2 млн рублей"), or the subject of the verb the number is the object of
("выручка превысила 40 млрд рублей"), or the object of a change verb ("лечение уменьшило
опухоль на 75%"). The walk climbs through another number ("на 1% - до 71,38 тысячи рублей")
and a comparative ("в два раза дороже"). The phrase around the head is built as the lexicon
path builds it: agreeing adjectives before, the genitive complement after, a conjoined noun
("молоко и молочная продукция подорожали").
"""
from __future__ import annotations

from collections.abc import Callable

from ..document import Document
from ..grammars.words import MONTH_FORMS
from ..lexicons import read_table
from ..morph import fold
from .context import ContextReader, IndicatorMention
from .syntax import Tree

MAX_STEPS = 4  # heads climbed from the number: amount nouns and conjoined verbs in between
SUBJECTS = ("nsubj", "nsubj:pass")
VERB_TAGS = ("VERB", "INFN", "PRTS", "PRTF", "GRND")
CLIMB = ("conj", "xcomp", "advcl", "acl", "parataxis")  # "вырос на 2% и составил …": the first verb's subject
MONTHS = {forms[0] for forms in MONTH_FORMS.values()}  # "за июль - на 23%": when, not what
SCOPES = {"для"}  # "для пенсионеров – 3712 рублей": for whom, not what


def load_links() -> dict[str, str]:
    return {row["word"]: row["role"] for _, row in read_table("indicator_links.tsv", ("word", "role"), 2)}


class SyntaxIndicators:
    def __init__(self, reader: ContextReader, links: dict[str, str]) -> None:
        self.reader = reader
        self.links = links

    def mention(
        self, doc: Document, tree: Tree, first: int, last: int, places: dict[int, int], numeric: Callable[[int], bool],
        subjects: bool = True,
    ) -> IndicatorMention | None:
        """The indicator of the number over tokens[first:last] (in `tree`), or None;
        `numeric(offset)`: whether an offset falls in a number ("4330 рублей" names nothing);
        `subjects`: whether a verb's subject may name it (counts: only a governing noun may)."""
        head = self.head(doc, tree, first, last, subjects, numeric)
        if head is None or numeric(doc.tokens[head].start):
            return None
        if not subjects and self._adverbial(doc, tree, head):
            return None  # "в офисе 20 столов": where the things are counted, not what is measured
        if head >= last and any(t.text in (",", ";") for t in doc.tokens[last:head]):
            return None  # "за $18.7 млн, однако лондонский клуб просит больше": another clause's subject
        if head < first and any(t.text in (":", ";") for t in doc.tokens[head:first]):
            return None  # "… российскими компаниями: количество квот … на 20% меньше": a parse across the colon
        if self._relative(doc, head, first, tree.first):
            return None  # "Объем субсидий, которые госкорпорация получит …, составит 39 млрд рублей"
        return self.phrase(doc, head, tree, places)

    def head(
        self, doc: Document, tree: Tree, first: int, last: int, subjects: bool = True, numeric: Callable[[int], bool] | None = None
    ) -> int | None:
        """Token index of the indicator's head noun; `numeric` as in `mention`: the walk climbs
        through another number ("на 1% - до 71,38 тысячи рублей", "на 0,1% и 0,8%")."""
        node = self._root(tree, first, last)
        if node is None:
            return None
        for _ in range(MAX_STEPS):
            up = tree.head(node)
            if up < 0 or up == node or up not in tree:  # the number heads its clause ("средства бюджета – 8 млн руб.")
                return self._noun(doc, tree, self._child(tree, node, SUBJECTS), first, last)
            if numeric is not None and numeric(doc.tokens[up].start):
                if first <= up < last:
                    return None  # a parse that loops back into the number
                node = up
                continue
            tag = doc.tokens[up].tag
            if tag.startswith(("COMP", "ADJS")) and up == last:  # "проект оказался [в два раза] дороже": its verb
                node = up
                continue
            if tag.startswith("NOUN"):
                role = self.links.get(fold(doc.tokens[up].lemma))
                if role == "through":
                    node = up
                    continue
                return self._noun(doc, tree, up, first, last)
            if (subjects or self.links.get(fold(doc.tokens[up].lemma)) == "level") and tag.startswith(VERB_TAGS + ("PRED",)):
                found = self._argument(doc, tree, up, node, first, last, numeric)
                if found is None and tree.rel(up) in CLIMB and self._child(tree, up, SUBJECTS) is None:
                    node = up
                    continue
                return found
            return None
        return None

    def _argument(
        self, doc: Document, tree: Tree, verb: int, node: int, first: int, last: int, numeric: Callable[[int], bool] | None
    ) -> int | None:
        """What a verb says changed or amounted to: the object of a change verb when the number
        is not it ("лечение уменьшило опухоль на 75%"), else its nearest subject that can name
        an indicator ("акции компании упали на 7%", past an agent subject further away)."""
        changes = self.reader.lexicon.direction(doc.tokens[verb].text) is not None
        for obj in (c for c in tree.children(verb) if changes and tree.rel(c) == "obj" and c != node):
            if numeric is None or not numeric(doc.tokens[obj].start):
                found = self._noun(doc, tree, obj, first, last)
                if found is not None:
                    return found
        subjects = sorted((c for c in tree.children(verb) if tree.rel(c) in SUBJECTS), key=lambda c: abs(c - verb))
        return next((h for h in (self._noun(doc, tree, c, first, last) for c in subjects) if h is not None), None)

    @staticmethod
    def _root(tree: Tree, first: int, last: int) -> int | None:
        """The number's token whose head lies outside it (its unit noun, usually)."""
        inside = [i for i in range(first, last) if i in tree]
        return next((i for i in inside if not first <= tree.head(i) < last), None)

    @staticmethod
    def _relative(doc: Document, head: int, number: int, sent_first: int) -> bool:
        """Whether the head stands in a relative clause ("…, которые госкорпорация получит, …")
        that closes before the number."""
        k = head
        while k > sent_first and doc.tokens[k - 1].text != ",":
            k -= 1
        if k == sent_first or fold(doc.tokens[k].lemma) != "который":
            return False
        return any(t.text == "," for t in doc.tokens[head + 1 : number])

    @staticmethod
    def _agent(doc: Document, tree: Tree, node: int) -> bool:
        """A person or a name: animate ("судья назначил штраф"), or capitalised inside the sentence."""
        tok = doc.tokens[node]
        return "anim" in tok.tag.split(",") or (tok.text[:1].isupper() and node != tree.first)

    @classmethod
    def _adverbial(cls, doc: Document, tree: Tree, node: int) -> bool:
        """A noun in the prepositional case after its preposition ("в офисе", "на складе")."""
        cases = set(doc.tokens[node].tag.replace(" ", ",").split(","))
        return cls._child(tree, node, ("case",)) is not None and bool({"loct", "loc2"} & cases)

    @staticmethod
    def _child(tree: Tree, node: int, rels: tuple[str, ...]) -> int | None:
        return next((c for c in tree.children(node) if tree.rel(c) in rels), None)

    def _noun(self, doc: Document, tree: Tree, node: int | None, first: int, last: int) -> int | None:
        """`node` if it is a common noun that can name an indicator; a change noun gives its complement."""
        if node is None or first <= node < last:
            return None
        tok = doc.tokens[node]
        if not tok.tag.startswith("NOUN") or not tok.text[:1].isalpha():
            return None
        role = self.links.get(fold(tok.lemma))
        if role == "complement":
            nmod = self._child(tree, node, ("nmod",))
            return self._noun(doc, tree, nmod, first, last) if nmod is not None and nmod > node else None
        if role == "not" or self._agent(doc, tree, node) or "Geox" in tok.tag or fold(tok.lemma) in MONTHS:
            return None  # a person, a name or a place acts or is where, a month is when; none is what is measured
        if any(tree.rel(c) == "case" and fold(doc.tokens[c].text) in SCOPES for c in tree.children(node)):
            return None
        return node

    def phrase(self, doc: Document, head: int, tree: Tree, places: dict[int, int]) -> IndicatorMention:
        sent_first, sent_last = tree.first, tree.first + len(tree.heads)
        end = self._conjunct(doc, tree, head, self.reader.complement(doc, head + 1, sent_last, places, names=True), places)
        start = self.reader.modifiers(doc, head, sent_first)
        span = (doc.tokens[start].start, doc.tokens[end - 1].end)
        return IndicatorMention(*span, self.reader.normal(doc, start, head, end), span)

    def _conjunct(self, doc: Document, tree: Tree, head: int, end: int, places: dict[int, int]) -> int:
        """The end of the phrase past a conjoined noun ("молоко и молочная продукция подорожали"),
        or `end`: the two are what the number measures together."""
        if end >= tree.first + len(tree.heads) or doc.tokens[end].text != "и":
            return end
        conj = next((c for c in tree.children(head) if tree.rel(c) == "conj" and end < c <= end + 3), None)
        if conj is None or not doc.tokens[conj].tag.startswith("NOUN") or any("ADJF" not in t.tag for t in doc.tokens[end + 1 : conj]):
            return end
        return self.reader.complement(doc, conj + 1, tree.first + len(tree.heads), places, names=True)
