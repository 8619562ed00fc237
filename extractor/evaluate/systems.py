"""Systems under evaluation, each a ``System``: list of texts -> list of ``Prediction``.

Heavy models are loaded when a factory is called, not at import, so that the time measured
by ``report.evaluate`` is processing time only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from extractor.evaluate.corpora import Span
from extractor.evaluate.score import PAIRS, PredPair, Prediction, System

NATASHA_TYPES = ("PER", "LOC", "ORG")


# --- natasha baseline ---------------------------------------------------------------------------


def natasha_system() -> System:
    """natasha's standard news pipeline (segment, morph, syntax, NER, normalise); PER/LOC/ORG spans, no pairs."""
    from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    embedding = NewsEmbedding()
    segmenter, morph_vocab = Segmenter(), MorphVocab()
    morph_tagger, syntax_parser = NewsMorphTagger(embedding), NewsSyntaxParser(embedding)
    ner_tagger = NewsNERTagger(embedding)

    def predict(text: str) -> Prediction:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph_tagger)
        doc.parse_syntax(syntax_parser)
        doc.tag_ner(ner_tagger)
        spans = []
        for span in doc.spans:
            # Normalising does not change offsets; it is kept so the timing is that of the full pipeline.
            span.normalize(morph_vocab)
            if span.type in NATASHA_TYPES:
                spans.append(Span(span.type, span.start, span.stop))
        return Prediction(spans=spans)

    def run(texts: list[str]) -> list[Prediction]:
        return [predict(text) for text in texts]

    return run


# --- our extractor ------------------------------------------------------------------------------


def _type_name(kind: Any) -> str:
    # Accept plain strings and Enum members alike.
    return str(getattr(kind, "value", kind))


def _offsets(span: Any) -> tuple[int, int]:
    return int(span[0]), int(span[1])


def _record_pairs(record: Any) -> list[PredPair]:
    pairs = []
    for official in getattr(record, "officials", None) or []:
        persons = [_offsets(s) for s in getattr(official, "person_spans", None) or []]
        position = getattr(official, "position_span", None)
        # A pair needs both sides; an official without a position cannot match a WORKS_AS pair.
        # One pair per mention of the post (an official names each of them in position_spans).
        for span in getattr(official, "position_spans", None) or ([position] if position is not None else []):
            if persons:
                pairs.append((persons, _offsets(span)))
    for person in getattr(record, "persons", None) or []:  # professions: a person's, no official's
        for span in getattr(person, "occupation_spans", None) or []:
            pairs.append(([_offsets(s) for s in person.mentions], _offsets(span)))
    return pairs


def _event_relations(record: Any) -> dict[str, list[PredPair]]:
    """(participant, event), (event, place), (event, date); a person participant with all
    its mentions (names, roles, pronouns), any of which may match the gold argument."""
    spans_of = {
        p.id: [_offsets(s) for s in (*p.mentions, *getattr(p, "role_mentions", ()), *getattr(p, "pronoun_mentions", ()))]
        for p in getattr(record, "persons", None) or []
    }
    out: dict[str, list[PredPair]] = {"EVENT_PARTICIPANT": [], "EVENT_PLACE": [], "EVENT_DATE": []}
    for event in getattr(record, "events", None) or []:
        span = (int(event.start), int(event.end))
        for p in event.participants:
            out["EVENT_PARTICIPANT"].append((spans_of.get(p.person_id or "", [_offsets(p.span)]), span))
        if event.place_span:
            out["EVENT_PLACE"].append(([span], _offsets(event.place_span)))
        if event.date_span:
            out["EVENT_DATE"].append(([span], _offsets(event.date_span)))
    return out


# numeric fact kinds as NEREL's entity types
FACT_TYPES = {"money": "MONEY", "percent": "PERCENT", "count": "NUMBER", "quantity": "NUMBER", "ratio": "NUMBER"}


def record_to_prediction(record: Any) -> Prediction:
    """Duck-typed: ``record.entities`` (``.type/.start/.end``), ``record.facts``
    (``.kind/.start/.end``, scored as MONEY / PERCENT / NUMBER) and ``record.officials``."""
    spans = [Span(_type_name(e.type), int(e.start), int(e.end)) for e in getattr(record, "entities", None) or []]
    spans += [Span(FACT_TYPES[f.kind], int(f.start), int(f.end)) for f in getattr(record, "facts", None) or [] if f.kind in FACT_TYPES]
    return Prediction(spans=spans, relations={PAIRS: _record_pairs(record), **_event_relations(record)})


def extractor_system(pipeline: Any) -> System:
    """Wrap our pipeline: anything with ``extract_many(texts) -> Iterator[record]``, one record per text."""

    def run(texts: Iterable[str]) -> list[Prediction]:
        texts = list(texts)
        preds = [record_to_prediction(r) for r in pipeline.extract_many(texts)]
        if len(preds) != len(texts):
            raise ValueError(f"pipeline returned {len(preds)} records for {len(texts)} texts")
        return preds

    return run
