"""The extractor as a spaCy component: `nlp.add_pipe("ru_fact_extractor")` after `register_component()`."""
from __future__ import annotations

from typing import Any

from ..text.spacy_view import add_entities


def register_component() -> None:
    """Register the spaCy factory "ru_fact_extractor": any Russian spaCy pipeline can
    `nlp.add_pipe("ru_fact_extractor")`; it runs the extractor on `doc.text`, sets
    the entity spans and puts the whole record in `doc.user_data["record"]`."""
    from spacy.language import Language

    if "ru_fact_extractor" in Language.factories:
        return

    @Language.factory("ru_fact_extractor")
    def make_component(nlp: Any, name: str) -> Any:
        from .. import load

        pipeline = load()

        def component(sdoc: Any) -> Any:
            record = pipeline.extract(sdoc.text)
            add_entities(sdoc, record.entities)
            sdoc.user_data["record"] = record
            return sdoc

        return component
