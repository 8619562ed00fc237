"""How the pool cuts its input into chunks: consecutive, in order, the last ones tapering off."""
from __future__ import annotations

import pytest

from extractor.run.pool import TAPER_DOCS, _chunks


@pytest.mark.parametrize("count, size, jobs", [(746, 32, 2), (10, 32, 2), (5, 3, 2), (100, 1, 2), (0, 32, 2), (1000, 32, 4), (746, 32, 1)])
def test_every_item_once_in_order_never_over_size(count, size, jobs):
    chunks = list(_chunks(iter(range(count)), size, jobs))
    assert [i for chunk in chunks for i, _ in chunk] == list(range(count))
    assert all(0 < len(chunk) <= size for chunk in chunks)


def test_one_job_gets_full_chunks():
    assert [len(c) for c in _chunks(range(70), 32, 1)] == [32, 32, 6]


def test_several_jobs_taper_off_at_the_end():
    sizes = [len(c) for c in _chunks(range(746), 32, 2)]
    assert sizes[:16] == [32] * 16  # full chunks while 128 or more are left
    assert sizes[16:] == sorted(sizes[16:], reverse=True)  # then ever smaller ones,
    assert sizes[-2] == TAPER_DOCS  # down to the smallest (the very last holds what remains)
    assert len(sizes) - 16 > 8
