"""The spaCy view of a document: tokens, sentences, lemmas and entity spans.

The hot path works on light razdel tokens; the spaCy `Doc` is built from them
so that users get spaCy's API and displaCy rendering over exactly the same
offsets (`doc.spacy.text == doc.text`). It is built on the first read of
`doc.spacy` only (`Document.spacy`, a `Deferred` until then), and spaCy is imported
then: a run that writes records never builds one.

A spaCy `Vocab` keeps every string and lexeme it ever saw, so one shared vocab
grows without bound over a long varied batch. `Vocabulary` hands out the vocab
to build on and swaps it for a fresh one of the same language once its string
store passes `MAX_STRINGS`: a Doc keeps the vocab it was built on, so Docs built
before the swap stay whole (tokens, lemmas, entities, displaCy), and the records,
which never read the spaCy view, do not change.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..document import Document

MAX_STRINGS = 100_000  # strings in the vocab before the next Doc gets a fresh one (~1,000 news articles)


class Vocabulary:
    """The spaCy vocab the next Doc is built on: `vocab` (by default spacy.blank(lang)'s,
    made on first use), then fresh ones like it, each used until its string store holds
    more than `max_strings` strings."""

    def __init__(self, vocab: Any = None, max_strings: int = MAX_STRINGS, lang: str = "ru") -> None:
        self._current = vocab
        self.lang = lang
        self.max_strings = max_strings
        self.renewed = 0  # how many times a fresh vocab replaced a full one

    @property
    def current(self) -> Any:
        if self._current is None:
            import spacy  # only when a Doc is built: the records never need spaCy

            self._current = spacy.blank(self.lang).vocab
        return self._current

    def get(self) -> Any:
        if len(self.current.strings) > self.max_strings:
            self._current = fresh_vocab(self._current)
            self.renewed += 1
        return self._current


def fresh_vocab(like: Any) -> Any:
    """An empty vocab of the same language, as `spacy.blank(lang)` makes it (lexical
    attributes, stop words, norms), without building a whole blank pipeline."""
    from spacy.util import get_lang_class
    from spacy.vocab import create_vocab

    return create_vocab(like.lang, get_lang_class(like.lang).Defaults)


def to_spacy(vocab: Any, doc: Document) -> Any:
    """A spaCy Doc whose text is exactly `doc.text`: a gap of one space becomes the
    previous token's trailing space, any other gap a whitespace token, as spaCy's
    own tokenizer makes them."""
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []
    lemmas: list[str] = []
    starts: list[bool] = []

    def add_gap(gap: str) -> None:
        if words and gap[:1] == " ":
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap), spaces.append(False), lemmas.append(gap), starts.append(not starts)

    pos, last_sent = 0, -1
    for tok in doc.tokens:
        add_gap(doc.text[pos : tok.start])
        words.append(tok.text), spaces.append(False), lemmas.append(tok.lemma), starts.append(tok.sent != last_sent)
        pos, last_sent = tok.end, tok.sent
    add_gap(doc.text[pos:])
    return Doc(vocab, words=words, spaces=spaces, lemmas=lemmas, sent_starts=starts)


class SpacyEntities:
    """Copies the entities into the spaCy Doc: all of them, nested included, in
    `doc.spans["entities"]`, and the outermost non-overlapping ones in `doc.ents`
    (on the Doc's first read, as it is built: see `Document.spacy`)."""

    name = "spacy_entities"
    requires: frozenset[str] = frozenset({"entities.normal", "spacy"})
    provides: frozenset[str] = frozenset({"spacy.entities"})

    def __call__(self, docs: list[Document]) -> None:
        for doc in docs:
            doc.on_spacy(entities_adder(doc.entities))  # when the Doc is built, if it ever is


def entities_adder(entities: list[Any]) -> Callable[[Any], None]:
    return lambda sdoc: add_entities(sdoc, entities)


def add_entities(sdoc: Any, entities: list[Any]) -> None:
    """Set `sdoc.spans["entities"]` (all, nested included) and `sdoc.ents` (the
    outermost, non-overlapping ones) from entity records."""
    from spacy.util import filter_spans

    spans = []
    for ent in entities:
        span = sdoc.char_span(ent.start, ent.end, label=ent.type, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    sdoc.spans["entities"] = spans
    sdoc.ents = filter_spans(spans)
