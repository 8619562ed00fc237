"""Run: the command line (cli), the extract command (extract), worker processes (pool), the resume
journal (journal), the progress line and totals (progress), the Dask client (cluster).

    from extractor.run import extract_many
    for record in extract_many(texts, jobs=2): ...   # worker processes, records in input order
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..document import Document, as_documents
from ..records import DocumentRecord


def extract_many(items: Iterable[str | Document], jobs: int = 0, **options: Any) -> Iterator[DocumentRecord]:
    """`Pipeline.extract_many` in `jobs` worker processes (0: one per CPU), each loading the
    pipeline once; the same records, in input order. `options`: with_tokens, with_text, date."""
    from .pool import Options, extract_many_parallel

    return extract_many_parallel(as_documents(items), jobs=jobs, options=Options(**options))
