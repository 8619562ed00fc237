"""Run: the command line (cli), the extract command (extract), worker processes (pool), the resume
journal (journal), the progress line and totals (progress), the Dask client (cluster).

    from extractor.run import extract_many

    if __name__ == "__main__":                           # in a script: workers import it again
        for record in extract_many(texts, jobs=2): ...   # worker processes, records in input order
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..document import Document, as_documents
from ..records import DocumentRecord


def extract_many(items: Iterable[str | Document], jobs: int = 0, **options: Any) -> Iterator[DocumentRecord]:
    """`Pipeline.extract_many` in `jobs` worker processes (0: one per CPU), each loading the
    pipeline once; the same records, in input order. `options`: with_tokens, with_text, date.

    The workers are spawned: each imports the main module again, so a script must make the
    call under `if __name__ == "__main__":`; without it, `WorkerError` says so at once.
    Texts are taken as they are: an empty one gives a record with nothing in it, as
    `Pipeline.extract_many` does (the command line's readers make it an error record)."""
    from .pool import Options, extract_many_parallel

    return extract_many_parallel(as_documents(items), jobs=jobs, options=Options(**options))
