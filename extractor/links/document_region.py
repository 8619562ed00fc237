"""The document's main region: the federal subject its article is about, or the country
when it names no region.

The votes are those of `geo/subject.py`, counted in the article: its places (a Russian
city for its region) and its officials. The region with the most votes wins, a tie going
to the one named first. When no region has a vote, the country does, by the same count.
Neither: no region.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..document import Document
from ..geo.data import Place
from ..geo.subject import PlaceVotes


@dataclass
class DocumentRegion(PlaceVotes):
    name = "document_region"
    requires = frozenset({"entities.places", "entities.normal", "officials", "tokens"})
    provides = frozenset({"region"})

    def __call__(self, docs: list[Document]) -> None:
        for doc in docs:
            doc.region = self.region(doc)

    def region(self, doc: Document) -> Place | None:
        return self.winner(self.votes(doc))
