"""Blocks: split a news page into the article and its furniture.

Pages copied from news sites carry timestamps, photo credits and a "Читайте
также" list of unrelated snippets. Nothing found there may be attributed to the
article, and nothing may be lost, so every character belongs to exactly one
block and every record says which block it came from.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..records import Block

# -- data: line patterns (matched against a stripped line, case-insensitive) ----

MONTHS = r"(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*"
TIME = r"\d{1,2}:\d{2}"

# a line that opens the list of other news: everything after it is furniture
RELATED_MARKER = re.compile(
    r"^(?:читайте|смотрите|читать)\s+(?:также|ещё|еще|по теме)"
    r"|^(?:другие|последние|похожие|популярные|главные|лучшие)\s+(?:новости|материалы|статьи)"
    r"|^новости\s+(?:регионов|партн[её]ров|по теме|компаний)"
    r"|^(?:ещё|еще|материалы|новости|статьи)\s+по\s+теме"
    r"|^рекомендуем$|^популярное$|^в\s+тему$",
    re.IGNORECASE,
)
# a publication stamp: "02.12.2025 18:42", "25 сентября 11:25 Деловые новости", "18:42"
TIMESTAMP = re.compile(
    rf"^(?:\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}(?:,?\s+{TIME})?|\d{{1,2}}\s+{MONTHS}(?:\s+\d{{4}})?(?:\s*(?:г\.|года))?,?\s+{TIME}|{TIME})\b",
    re.IGNORECASE,
)
# photo, author and source credits
CREDITS = re.compile(
    r"^(?:фото|фотограф|видео|иллюстрац|материал[ыа]?\s+подготовил|автор|текст|источник|редактор|"
    r"корреспондент|подготовил[аи]?)[а-я]*\b\s*[:.\-–—]?",
    re.IGNORECASE,
)
MAX_FURNITURE_LINE = 80  # longer lines are prose, whatever they start with


def iter_lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line, the line break included: the lines tile the text."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield start, end
        start = end


def classify(line: str, in_related: bool) -> str:
    """Kind of one stripped, non-empty line; `in_related` once the marker was seen."""
    short = len(line) <= MAX_FURNITURE_LINE
    if in_related:
        if TIMESTAMP.match(line):
            return "related-start"
        return "related"
    if short and RELATED_MARKER.match(line):
        return "marker"
    if short and TIMESTAMP.match(line):
        return "meta"
    if CREDITS.match(line) and len(line) <= 2 * MAX_FURNITURE_LINE:
        return "credits"
    return "article"


def split_blocks(text: str) -> list[Block]:
    spans: list[tuple[str, int, int]] = []  # (kind, start, end) of each non-blank line
    in_related = False
    related = 0
    for start, end in iter_lines(text):
        line = text[start:end].strip()
        if not line:
            continue
        kind = classify(line, in_related)
        if kind == "marker":
            in_related, kind = True, "furniture"
        elif kind == "related-start":
            related += 1
            kind = f"related#{related}"
        elif kind == "related":
            kind = f"related#{related}" if related else "furniture"
        spans.append((kind, start, end))
    return merge(spans, len(text))


def merge(spans: list[tuple[str, int, int]], length: int) -> list[Block]:
    """Merge runs of lines of one kind; blank lines join the block before them."""
    blocks: list[Block] = []
    counts: dict[str, int] = {}
    for kind, start, end in spans:
        if blocks and blocks[-1].kind == kind.split("#")[0] and _same_run(blocks[-1], kind):
            blocks[-1].end = end
            continue
        base = kind.split("#")[0]
        counts[base] = counts.get(base, 0) + 1
        start = 0 if not blocks else start
        if blocks:
            blocks[-1].end = start
        blocks.append(Block(f"{base}-{counts[base]}", base, start, end))
    if not blocks:
        return [Block("article-1", "article", 0, length)]
    blocks[-1].end = length
    return blocks


def _same_run(block: Block, kind: str) -> bool:
    # each related snippet is its own block; other kinds merge with their neighbours
    return "#" not in kind or block.id == "related-" + kind.split("#")[1]


class Blocks:
    name = "blocks"
    requires: frozenset[str] = frozenset({"clean"})
    provides: frozenset[str] = frozenset({"blocks"})

    def __call__(self, docs: list[Document]) -> None:
        for doc in docs:
            doc.blocks = split_blocks(doc.clean)
