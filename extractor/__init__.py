"""Russian fact extractor: entities, officials and numeric facts from Russian news
and business texts.

    >>> import extractor
    >>> nlp = extractor.load()
    >>> record = nlp.extract("Губернатор Смоленской области Василий Анохин …")

Importing the package loads nothing; `load()` is the one explicit load step.
"""
from __future__ import annotations

from .pipeline import Pipeline
from .regex_cache import with_compiled_patterns

__all__ = ["Pipeline", "load"]
__version__ = "0.1.0"


@with_compiled_patterns  # the long grammars compile once per machine, not once per process
def load(with_tokens: bool = False, with_text: bool = False, rules_only: bool = False) -> Pipeline:
    """Build the pipeline: one pymorphy3 analyser, slovnet NER, gazetteer, lexicons, and the
    person–position model of models/works_as (`rules_only`: link officials by the hand rules alone)."""
    from .entities.dates import DateRecognizer, Dates
    from .entities.events import EventLexicon, Events
    from .entities.locations import Locations
    from .entities.ner import NER
    from .entities.normalize import Normalize, Normalizer
    from .entities.organizations import Organizations, OrgLexicon
    from .entities.positions import PositionLexicon, Positions
    from .facts.context import ContextLexicon, ContextReader
    from .facts.extract import Facts
    from .facts.recognize import NumberRecognizer
    from .geo.data import load_places
    from .geo.gazetteer import Gazetteer
    from .links.bodies import Bodies
    from .links.document_region import DocumentRegion
    from .links.event_records import EventRecords, EventRoles
    from .links.linker import LinkModel
    from .links.officials import Countries, Officials
    from .links.references import References, RoleSynonyms
    from .morph import Morph
    from .text.blocks import Blocks
    from .text.clean import Clean
    from .text.segment import Segment
    from .text.spacy_view import SpacyEntities

    morph = Morph.load()
    normalizer = Normalizer(morph)
    places = load_places()  # one reading of the TSVs for the gazetteer, the officials' countries, the document region and the facts' regions
    gazetteer = Gazetteer.load(morph, places)
    event_lexicon = EventLexicon.load()
    stages = [
        Clean(),
        Blocks(),
        Segment(morph),  # its spaCy Docs are built, on spacy.blank("ru")'s vocab, when first read
        NER.load(),
        Locations(gazetteer),
        Organizations(OrgLexicon.load(morph), gazetteer),
        Dates(DateRecognizer()),
        Positions(PositionLexicon.load(), morph, normalizer),
        Events(event_lexicon, morph, normalizer),
        Normalize(normalizer),
        Officials(None if rules_only else LinkModel.load(), Countries.from_places(places), bodies=Bodies.load(gazetteer)),
        DocumentRegion.from_places(places),
        References(RoleSynonyms.load(), morph),
        Facts(NumberRecognizer(), ContextReader(ContextLexicon.load(), morph, normalizer), normalizer, gazetteer, places),
        EventRecords(EventRoles.load(), event_lexicon.types),
        SpacyEntities(),
    ]
    return Pipeline(stages, with_tokens=with_tokens, with_text=with_text)
