"""Clean: a same-length view of the text for the recognisers.

Offsets must point into the text as decoded, so cleaning never inserts or
deletes a character: it only replaces exotic spaces and control characters by a
plain space, which the segmenter and the regex grammars then handle as usual.
"""
from __future__ import annotations

import re

from ..document import Document

# no-break, thin, figure, narrow and other Unicode spaces, zero-width characters,
# and C0/C1 controls other than line breaks; form feed and vertical tab count as breaks
_SPACES = re.compile(
    "[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff\t"
    "\x00-\x08\x0e-\x1f\x7f-\x9f\u2028\u2029]"
)
_BREAKS = re.compile("[\x0b\x0c\r]")


def clean_text(text: str) -> str:
    cleaned = _BREAKS.sub("\n", _SPACES.sub(" ", text))
    assert len(cleaned) == len(text)
    return cleaned


class Clean:
    name = "clean"
    requires: frozenset[str] = frozenset({"text"})
    provides: frozenset[str] = frozenset({"clean"})

    def __call__(self, docs: list[Document]) -> None:
        for doc in docs:
            doc.clean = clean_text(doc.text)
