"""Shared, expensive fixtures: the pipeline is loaded once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "sample" / "smolensk_belarus.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def pipeline():
    import extractor

    return extractor.load()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed(pipeline, seed_text):
    return pipeline.extract(seed_text, id="seed")


@pytest.fixture(scope="session")
def morph():
    from extractor.morph import Morph

    return Morph.load()
