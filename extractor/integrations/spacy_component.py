"""The extractor as a spaCy component, "ru_fact_extractor".

    nlp = spacy.blank("ru")
    nlp.add_pipe("ru_fact_extractor")        # found through the package's `spacy_factories` entry point
    doc = nlp(text)
    doc.ents, doc.spans["entities"]          # outermost entities / all of them, nested included
    doc._.facts, doc._.officials, doc._.events, doc._.persons   # the record's lists, as JSON objects
    doc._.record                             # the whole DocumentRecord (typed dataclasses)
    span._.normal                            # an entity's normal form ("Смоленская область")
    token.lemma_, token.pos_, token.morph    # pymorphy3's lemma and its tag in UD terms

The record is kept in `doc.user_data` as its JSON object (`DocumentRecord.to_dict()`), and
the normal forms as span extension values there too, so a Doc round-trips through
`Doc.to_bytes`, `DocBin(store_user_data=True)` and `spacy apply`; a pipeline saved with
`nlp.to_disk` loads with `spacy.load` in a fresh process (the component has no state of its
own: it loads the extractor's models when it is made). The extractor runs on `doc.text` with
its own tokens; spaCy's tokens get the lemma and part of speech of the extractor's token over
the same characters, where there is one.
"""
from __future__ import annotations

import json
import string
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..document import Document
from ..io.write import dumps, record_from_dict
from ..text.spacy_view import add_entities

RECORD = "ru_fact_extractor"  # the key of the record in doc.user_data
LISTS = ("entities", "persons", "officials", "facts", "events")


def _record_list(name: str) -> Any:
    return lambda doc: doc.user_data.get(RECORD, {}).get(name, [])


def _record(doc: Doc) -> Any:
    data = doc.user_data.get(RECORD)
    return record_from_dict(data) if data is not None else None


def _extensions() -> None:
    """The custom attributes; getters read the record, so they survive serialisation."""
    for name in LISTS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=_record_list(name))
    if not Doc.has_extension("record"):
        Doc.set_extension("record", getter=_record)
    if not Span.has_extension("normal"):
        Span.set_extension("normal", default=None)


def pos_of(text: str, tag: str) -> tuple[str, dict[str, str]]:
    """The UD part of speech and features of an OpenCorpora tag (spaCy's own mapping);
    tokens pymorphy3 did not tag: punctuation, numbers, symbols."""
    from spacy.lang.ru.lemmatizer import oc2ud

    if tag:
        return oc2ud(tag)
    if text.isdigit():
        return "NUM", {}
    if all(ch in string.punctuation or not ch.isalnum() for ch in text):
        return "PUNCT", {}
    return "X", {}


class FactExtractor:
    """Runs the extractor on a spaCy Doc's text and puts what it found on the Doc."""

    def __init__(self, rules_only: bool = False) -> None:
        from .. import load

        _extensions()
        self.pipeline = load(rules_only=rules_only)

    def __call__(self, sdoc: Doc) -> Doc:
        (doc,) = self.pipeline.process([Document(id="doc", text=sdoc.text)])
        record = self.pipeline.record(doc)
        self._tokens(sdoc, doc)
        add_entities(sdoc, record.entities)
        for ent in record.entities:
            span = sdoc.char_span(ent.start, ent.end, alignment_mode="expand")
            if span is not None:
                span._.normal = ent.normal
        sdoc.user_data[RECORD] = json.loads(dumps(record))  # the JSON object itself: lists, not tuples
        return sdoc

    @staticmethod
    def _tokens(sdoc: Doc, doc: Document) -> None:
        ours = {(t.start, t.end): t for t in doc.tokens}
        for token in sdoc:
            found = ours.get((token.idx, token.idx + len(token.text)))
            if found is None:
                continue
            pos, features = pos_of(found.text, found.tag)
            token.lemma_ = found.lemma
            token.pos_ = pos
            token.set_morph("|".join(f"{k}={v}" for k, v in sorted(features.items())) or None)


@Language.factory("ru_fact_extractor", default_config={"rules_only": False})
def make_component(nlp: Language, name: str, rules_only: bool = False) -> FactExtractor:
    """The factory spaCy calls (registered when this module is imported, which spaCy does
    through the `spacy_factories` entry point)."""
    return FactExtractor(rules_only=rules_only)
