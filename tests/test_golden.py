"""The whole pipeline's output against tests/golden/ (regenerate: python -m tools.golden update)."""
from __future__ import annotations

import pytest

from tools.golden import CORPORA, diff, output


@pytest.mark.parametrize("corpus", CORPORA, ids=[c.name for c in CORPORA])
def test_output_is_golden(pipeline, corpus):
    if not corpus.folder.is_dir():
        pytest.skip(f"{corpus.folder} is not here")
    assert corpus.golden.exists(), "no golden file: python -m tools.golden update"
    expected = corpus.golden.read_text(encoding="utf-8").splitlines()
    delta = diff(expected, output(corpus, pipeline), corpus.name)
    assert not delta, "output differs from the golden file (an intended change: python -m tools.golden update)\n" + "\n".join(delta)
