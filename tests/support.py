"""Helpers shared by test modules (fixtures live in conftest.py)."""
from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

from extractor.document import Document

ROOT = Path(__file__).resolve().parent.parent


def kill_after_first_record(command: list[str], out: Path, timeout: float = 60) -> int:
    """Start `command`, SIGKILL it once `out` holds a record, and return the records written."""
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 1:
            break
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return out.read_bytes().count(b"\n")


def hand_document(morph, text: str, entities: list[tuple[str, str, str]] = ()) -> Document:
    """A document taken through the text stages only (clean, blocks, segment: no NER, no
    models beyond the analyser), with entities given by hand as (type, surface, normal), each
    at its first occurrence after the previous one: enough to test one later stage alone, as
    spaCy's tests build a Doc by hand."""
    import spacy

    from extractor.records import Entity
    from extractor.text.blocks import Blocks
    from extractor.text.clean import Clean
    from extractor.text.segment import Segment

    doc = Document(id="hand", text=text)
    for stage in (Clean(), Blocks(), Segment(morph, spacy.blank("ru").vocab)):
        stage([doc])
    pos = 0
    for kind, surface, normal in entities:
        start = text.index(surface, pos)
        doc.entities.append(Entity(kind, surface, start, start + len(surface), normal=normal, block=doc.block_at(start).id))
        pos = start
    return doc
