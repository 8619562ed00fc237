"""The indicator a number is grammatically attached to, read from its dependency tree.

The lexicon path (context.py) finds indicator heads from a closed list; this one walks the
tree of the number's sentence (facts/syntax.py): number → its unit → the noun that governs
it ("зарплата до 90 тысяч рублей", "тиражом 5 тысяч экземпляров"), through amount nouns
("штраф в размере 2 млн рублей"), or the subject of the verb the number is the object of
("выручка превысила 40 млрд рублей"). The phrase around the head is built as the lexicon
path builds it: agreeing adjectives before, the genitive complement after.
"""
from __future__ import annotations

from collections.abc import Callable

from ..document import Document
from ..entities.normalize import join
from ..lexicons import read_table
from ..morph import fold
from .context import ContextReader, IndicatorMention, _lower_first
from .syntax import Tree

MAX_STEPS = 4  # heads climbed from the number: amount nouns and conjoined verbs in between
SUBJECTS = ("nsubj", "nsubj:pass")
VERB_TAGS = ("VERB", "INFN", "PRTS", "PRTF", "GRND")
CLIMB = ("conj", "xcomp", "advcl", "acl", "parataxis")  # "вырос на 2% и составил …": the first verb's subject


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
        head = self.head(doc, tree, first, last, subjects)
        if head is None or numeric(doc.tokens[head].start):
            return None
        if not subjects and self._adverbial(doc, tree, head):
            return None  # "в офисе 20 столов": where the things are counted, not what is measured
        return self.phrase(doc, head, tree, places)

    def head(self, doc: Document, tree: Tree, first: int, last: int, subjects: bool = True) -> int | None:
        """Token index of the indicator's head noun."""
        node = self._root(tree, first, last)
        if node is None:
            return None
        for _ in range(MAX_STEPS):
            up = tree.head(node)
            if up < 0 or up == node or up not in tree:  # the number heads its clause ("средства бюджета – 8 млн руб.")
                return self._noun(doc, tree, self._child(tree, node, SUBJECTS), first, last)
            tag = doc.tokens[up].tag
            if tag.startswith("NOUN"):
                role = self.links.get(fold(doc.tokens[up].lemma))
                if role == "through":
                    node = up
                    continue
                return self._noun(doc, tree, up, first, last)
            if subjects and (tag.startswith(VERB_TAGS) or tag.startswith("PRED")):
                subject = self._child(tree, up, SUBJECTS)
                if subject is None and tree.rel(up) in CLIMB:
                    node = up
                    continue
                return self._noun(doc, tree, subject, first, last)
            return None
        return None

    @staticmethod
    def _root(tree: Tree, first: int, last: int) -> int | None:
        """The number's token whose head lies outside it (its unit noun, usually)."""
        inside = [i for i in range(first, last) if i in tree]
        return next((i for i in inside if not first <= tree.head(i) < last), None)

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
        if role == "not" or self._agent(doc, tree, node) or "Geox" in tok.tag:
            return None  # a person, a name or a place acts or is where; it is not what is measured
        return node

    def phrase(self, doc: Document, head: int, tree: Tree, places: dict[int, int]) -> IndicatorMention:
        sent_first, sent_last = tree.first, tree.first + len(tree.heads)
        end = self.reader._complement(doc, head + 1, sent_last, places)
        start = self.reader._modifiers(doc, head, sent_first)
        tokens = doc.tokens[start:end]
        normal = join(tokens, self.reader.normalizer.phrase([t.text for t in tokens], singular=True))
        span = (tokens[0].start, tokens[-1].end)
        return IndicatorMention(*span, _lower_first(normal), span)
