"""Scaling bench, its corpus: N documents assembled from the shared corpora, written as files.

    docs = assemble(Path("../shared/data"), 10_000)   # BenchError when there is nothing to take
    write_corpus(docs, folder)                          # NNNNN_<kind>_<origin>.txt, in order
    stats = corpus_stats(docs)                          # for the table

The corpus is assembled from the shared corpora (`../shared/data`), deterministically:

1. distinct documents: NEREL train and dev, factRuEval devset, RuREBus train (the .txt
   members of its zips), each list sorted by name, in that order; texts seen before are
   skipped. When fewer than N are wanted, an evenly spaced sample keeps the proportions;
2. derived documents, when more are needed: each distinct document cut into groups of
   consecutive paragraphs of at least MIN_CHARS characters (a paragraph ends at a blank
   line or at a line break after . ! ? … : ;), each group an exact substring of its
   document; only documents giving two groups or more count. An evenly spaced sample
   again when there are more groups than needed;
3. repeated documents, only when 1 and 2 together fall short: the list so far, cycled.

`write_corpus` writes the documents, one file each, as `NNNNN_<kind>_<origin>.txt`
(zero-padded, so `extract` reads them in that order).
"""
from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from tools.bench import BenchError, utf8_len

MIN_CHARS = 300  # a derived document holds at least this many characters
SOURCES = ("NEREL train+dev", "factRuEval devset", "RuREBus train")
# A paragraph ends at a blank line, or at a line break after sentence-final punctuation
# (RuREBus breaks lines inside sentences, so a bare line break is no paragraph end).
PARAGRAPH_END = re.compile(r"(?<=[.!?…:;])[ \t]*\r?\n|\r?\n[ \t]*\r?\n")

T = TypeVar("T")


# --- corpus ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Doc:
    origin: str  # where the text comes from: "nerel/dev/598266_text", "…#p3" for a paragraph group
    source: str  # one of SOURCES
    text: str
    kind: str = "distinct"  # distinct | derived | repeated


def read_utf8(data: bytes) -> str:
    return data.decode("utf-8-sig", errors="replace")


def shared_documents(data: Path) -> Iterator[Doc]:
    """Every document of the shared corpora, in a fixed order (sources, then names)."""
    for split in ("train", "dev"):
        for path in sorted((data / "nerel" / split).glob("*.txt")):
            yield Doc(f"nerel/{split}/{path.stem}", SOURCES[0], read_utf8(path.read_bytes()))
    for path in sorted((data / "factrueval" / "devset").glob("*.txt")):
        yield Doc(f"factrueval/{path.stem}", SOURCES[1], read_utf8(path.read_bytes()))
    for archive in sorted((data / "rurebus").glob("train_part_*.zip")):
        with zipfile.ZipFile(archive) as zf:
            for name in sorted(n for n in zf.namelist() if n.endswith(".txt")):
                yield Doc(f"rurebus/{Path(name).stem}", SOURCES[2], read_utf8(zf.read(name)))


def distinct(docs: Iterator[Doc]) -> list[Doc]:
    """Non-empty texts, each once (the first document that has it)."""
    seen: set[str] = set()
    found = []
    for doc in docs:
        if doc.text.strip() and doc.text not in seen:
            seen.add(doc.text)
            found.append(doc)
    return found


def paragraph_groups(text: str, min_chars: int = MIN_CHARS) -> list[str]:
    """Consecutive paragraphs grouped to at least `min_chars` characters each (a short tail
    joins the last group); exact substrings of `text`. Empty for a text giving one group."""
    spans, start = [], 0  # (begin, end) of each group
    for end in PARAGRAPH_END.finditer(text):
        if len(text[start : end.start()].strip()) >= min_chars:
            spans.append((start, end.start()))
            start = end.end()
    tail = text[start:].strip()
    if spans and len(tail) < min_chars:
        spans[-1] = (spans[-1][0], len(text))
    elif tail:
        spans.append((start, len(text)))
    groups = [text[a:b].strip() for a, b in spans]
    return groups if len(groups) > 1 else []


def spread(items: Sequence[T], k: int) -> list[T]:
    """`k` items evenly spaced over `items`, in order (all of them when k >= len)."""
    n = len(items)
    return list(items) if k >= n else [items[i * n // k] for i in range(k)]


def assemble(data: Path, n: int, min_chars: int = MIN_CHARS) -> list[Doc]:
    """N documents: distinct ones, then derived ones, then repeated ones (see the module doc)."""
    if n < 1:
        raise BenchError(f"--docs must be at least 1, got {n}")
    if not data.is_dir():
        raise BenchError(f"shared data folder not found: {data}")
    originals = distinct(shared_documents(data))
    if not originals:
        raise BenchError(f"no documents under {data} (nerel/, factrueval/devset/, rurebus/)")
    docs = spread(originals, n)
    if len(docs) < n:
        seen = {d.text for d in docs}
        pool = []
        for doc in originals:
            for i, group in enumerate(paragraph_groups(doc.text, min_chars), 1):
                if group not in seen:
                    seen.add(group)
                    pool.append(Doc(f"{doc.origin}#p{i}", doc.source, group, "derived"))
        docs += spread(pool, n - len(docs))
    base = len(docs)
    docs += [Doc(d.origin, d.source, d.text, "repeated") for d in (docs[i % base] for i in range(n - base))]
    return docs


def file_name(index: int, doc: Doc, width: int) -> str:
    origin = re.sub(r"[^\w.-]+", "-", doc.origin)
    return f"{index:0{width}d}_{doc.kind}_{origin}.txt"


def write_corpus(docs: list[Doc], folder: Path) -> list[Path]:
    """One UTF-8 .txt per document; the zero-padded names fix the order extract reads them in."""
    folder.mkdir(parents=True, exist_ok=True)
    width = max(5, len(str(len(docs))))
    paths = []
    for i, doc in enumerate(docs, 1):
        path = folder / file_name(i, doc, width)
        path.write_bytes(doc.text.encode("utf-8"))
        paths.append(path)
    return paths


@dataclass
class CorpusStats:
    docs: int
    bytes: int
    kinds: dict[str, int]  # distinct / derived / repeated → documents
    sources: dict[str, int]  # distinct documents per shared corpus
    min_chars: int = MIN_CHARS

    @property
    def mb(self) -> float:
        return self.bytes / 1e6


def corpus_stats(docs: list[Doc], min_chars: int = MIN_CHARS) -> CorpusStats:
    kinds = Counter(d.kind for d in docs)
    return CorpusStats(
        docs=len(docs),
        bytes=sum(utf8_len(d.text) for d in docs),
        kinds={k: kinds.get(k, 0) for k in ("distinct", "derived", "repeated")},
        sources=dict(Counter(d.source for d in docs if d.kind == "distinct")),
        min_chars=min_chars,
    )
