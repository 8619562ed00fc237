"""Periods as first and last days."""
from __future__ import annotations

import datetime as dt

import pytest

from extractor.io.periods import bounds

D = dt.date


@pytest.mark.parametrize("period, expected", [
    ("2023", (D(2023, 1, 1), D(2023, 12, 31))),
    ("2024-02", (D(2024, 2, 1), D(2024, 2, 29))),
    ("2024-09-25", (D(2024, 9, 25), D(2024, 9, 25))),
    ("2024-Q3", (D(2024, 7, 1), D(2024, 9, 30))),
    ("2024-H1", (D(2024, 1, 1), D(2024, 6, 30))),
    ("2013-WI", (D(2013, 12, 1), D(2014, 2, 28))),
    ("2020-W15", (D(2020, 4, 6), D(2020, 4, 12))),
    ("198X", (D(1980, 1, 1), D(1989, 12, 31))),
    ("2021..2023", (D(2021, 1, 1), D(2023, 12, 31))),
    ("2024-01..2024-08", (D(2024, 1, 1), D(2024, 8, 31))),
])
def test_a_period_has_its_first_and_last_day(period, expected):
    assert bounds(period) == expected


@pytest.mark.parametrize("period", [None, "", "XXXX", "XXXX-02", "PAST_REF", "2024-02-30", "2024-13", "2023..2021", "около года"])
def test_what_names_no_stretch_of_time_has_no_bounds(period):
    assert bounds(period) is None
