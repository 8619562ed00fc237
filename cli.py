#!/usr/bin/env python3
"""Command line: python cli.py extract | schema | evaluate | bench  (see --help)."""
from extractor.run.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
