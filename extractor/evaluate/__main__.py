"""``python -m extractor.evaluate FOLDER... [--json PATH]``: natasha baseline on gold corpora."""

from __future__ import annotations

import argparse
from pathlib import Path

from extractor.evaluate.report import evaluate_many, render_markdown, to_json
from extractor.evaluate.systems import natasha_system


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folders", nargs="+", type=Path, help="NEREL (brat) or factRuEval corpus folders")
    parser.add_argument("--json", type=Path, help="also write the full report as JSON here")
    args = parser.parse_args(argv)
    report = evaluate_many(args.folders, {"natasha": natasha_system()})
    print(render_markdown(report))
    if args.json:
        args.json.write_text(to_json(report), encoding="utf-8")


if __name__ == "__main__":
    main()
