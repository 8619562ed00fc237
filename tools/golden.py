"""Golden output: the whole pipeline's records on fixed inputs, kept in tests/golden/.

    python -m tools.golden diff      # how today's output differs from the golden files
    python -m tools.golden update    # accept today's output, after an intended change

Each golden file holds one corpus: the bundled sample (`corpora/sample/`) and the first
documents of NEREL dev (`../shared/data/nerel/dev`, skipped where it is absent). A record
is written one item a line (`<doc id>\t<field>\t<JSON>`), so that a changed entity, fact or
official is one changed line in a diff; `tests/test_golden.py` compares and prints the diff.
"""
from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
NEREL_DEV_DOCS = 12  # a slice: enough variety, a golden file small enough to read


@dataclass(frozen=True)
class Corpus:
    name: str
    base: Path  # sources are written relative to it, so the file does not depend on the checkout
    folder: Path
    limit: int | None = None

    @property
    def golden(self) -> Path:
        return GOLDEN / f"{self.name}.txt"

    def files(self) -> list[Path]:
        return sorted(self.folder.glob("*.txt"))[: self.limit]


CORPORA = (
    Corpus("sample", ROOT, ROOT / "corpora" / "sample"),
    Corpus("nerel_dev", ROOT.parent / "shared" / "data", ROOT.parent / "shared" / "data" / "nerel" / "dev", NEREL_DEV_DOCS),
)


def render(record: dict[str, Any]) -> Iterator[str]:
    """One line for the record's own fields, one per item of each list of objects."""
    doc = record["id"]
    head = {key: value for key, value in record.items() if not _is_items(value)}
    yield f"{doc}\trecord\t{_dumps(head)}"
    for key, value in record.items():
        if _is_items(value):
            for item in value:
                yield f"{doc}\t{key}\t{_dumps(item)}"


def _is_items(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], dict)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def output(corpus: Corpus, pipeline: Any) -> list[str]:
    """Today's golden lines for a corpus, read as `extract` reads files."""
    from extractor.io.read import read_file

    docs = []
    for path in corpus.files():
        doc = read_file(path)
        doc.source = path.relative_to(corpus.base).as_posix()
        docs.append(doc)
    return [line for record in pipeline.extract_many(docs) for line in render(record.to_dict())]


def diff(expected: Iterable[str], actual: Iterable[str], name: str, context: int = 0, limit: int = 200) -> list[str]:
    lines = list(difflib.unified_diff(list(expected), list(actual), f"golden/{name}", f"today/{name}", n=context, lineterm=""))
    return lines[:limit] + ([f"... {len(lines) - limit} more diff lines"] if len(lines) > limit else [])


def available() -> list[Corpus]:
    return [c for c in CORPORA if c.folder.is_dir()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.golden", description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("diff", "update"))
    args = parser.parse_args(argv)

    import extractor

    pipeline = extractor.load()
    changed = 0
    for corpus in available():
        lines = output(corpus, pipeline)
        old = corpus.golden.read_text(encoding="utf-8").splitlines() if corpus.golden.exists() else []
        if args.action == "update":
            corpus.golden.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
            print(f"{corpus.golden.relative_to(ROOT)}: {len(lines)} lines ({len(corpus.files())} documents)")
            continue
        delta = diff(old, lines, corpus.name, limit=10**9)
        changed += bool(delta)
        print("\n".join(delta) if delta else f"{corpus.name}: identical")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
