"""The statistics charts' own number writer agrees with the project's one (common.charts)."""

from __future__ import annotations

import random

import pytest

from smenet.common.charts import svg_number
from smenet.statistics.charts import _n


def test_fast_coordinates_match_svg_number():
    rng = random.Random(15)
    values = [0, 0.0, -0.0, -0.04, 0.05, 0.25, 1.0, 12, -3.5, 240.0, 19.25, 1e6, -123456.789]
    values += [rng.uniform(-1000, 1000) for _ in range(2000)]
    values += [round(rng.uniform(0, 300), 1) for _ in range(500)]
    for value in values:
        assert _n(value) == svg_number(value, 1), value


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_fast_coordinates_refuse_what_svg_number_refuses(bad):
    with pytest.raises(ValueError):
        _n(bad)
