"""Stability measures against independent fits, and the lesson the figure teaches."""

import numpy as np
import pytest
from sklearn.ensemble import GradientBoostingRegressor

from l1l2figures.catalogue import CATALOGUE
from l1l2figures.maths.datasets import outlier_sweep_data
from l1l2figures.maths.models import outlier_fits
from l1l2figures.maths.stability import stability
from l1l2figures.pipeline.dependencies import library_modules

LOSS_NAMES = {"l1": "absolute_error", "l2": "squared_error"}


@pytest.fixture(scope="module")
def sweep(default_config):
    section = default_config["outlier_sweep"]
    data = outlier_sweep_data(section)
    return data, section["gbr"], stability(outlier_fits(data, section["gbr"], "sweep_outlier_x")[0])


def predict(data, gbr, loss, outlier_x=None):
    x, y = list(data["base_x"]), list(data["base_y"])
    if outlier_x is not None:
        x, y = [*x, outlier_x], [*y, data["outlier_y"]]
    model = GradientBoostingRegressor(loss=LOSS_NAMES[loss], random_state=0, **gbr)
    return model.fit(np.c_[x], y).predict(np.c_[data["prediction_x"]])


@pytest.mark.parametrize("loss", ["l1", "l2"])
@pytest.mark.parametrize("i", [0, 17, 30, 58])
def test_measures_equal_a_recomputation_from_independent_fits(sweep, loss, i):
    data, gbr, measures = sweep
    xs = data["sweep_outlier_x"]
    without = predict(data, gbr, loss)
    here, there = predict(data, gbr, loss, xs[i]), predict(data, gbr, loss, xs[i + 1])
    assert measures[f"{loss}_shift"][i] == pytest.approx(np.abs(here - without).mean(), rel=1e-12)
    change = np.abs(there - here).mean()
    assert measures[f"{loss}_jump"][i] == pytest.approx(change, rel=1e-12)


def test_among_the_points_l2_is_pulled_less_than_l1(sweep):
    data, _, measures = sweep
    inside = [
        i
        for i, x in enumerate(measures["outlier_x"])
        if min(data["base_x"]) < x < max(data["base_x"])
    ]
    assert len(inside) > 10
    assert all(measures["l2_shift"][i] < measures["l1_shift"][i] for i in inside)
    # README.md and report/outlier_sweep.rst: "pulled two to five times as far" by default.
    ratios = [measures["l1_shift"][i] / measures["l2_shift"][i] for i in inside]
    assert 2 <= min(ratios) and max(ratios) <= 5


def test_far_from_the_points_both_fits_are_pulled_and_barely_change(sweep):
    data, _, measures = sweep
    outside = [
        i
        for i, x in enumerate(measures["outlier_x"][:-1])
        if x + 1 < min(data["base_x"]) or x - 1 > max(data["base_x"])
    ]
    assert outside
    for loss in ("l1", "l2"):
        assert all(measures[f"{loss}_shift"][i] > 0.5 for i in outside)
        assert all(measures[f"{loss}_jump"][i] < 0.05 for i in outside)


def test_the_jumps_where_the_outlier_crosses_each_point_are_as_the_captions_say(sweep):
    # README.md and report/stability.rst: with the default settings, both fits jump about as much
    # at the first point, the L1 fit more at the inner points, and the L2 fit more at the last.
    data, _, measures = sweep
    midpoints = np.array(measures["midpoint_x"])
    l1, l2 = np.array(measures["l1_jump"]), np.array(measures["l2_jump"])
    crossings = [int(np.abs(midpoints - x).argmin()) for x in data["base_x"]]
    first, *inner, last = crossings
    assert l1[first] == pytest.approx(l2[first], rel=0.1)
    assert all(l1[i] > 1.5 * l2[i] for i in inner)
    assert l2[last] > 1.1 * l1[last]
    assert l1[crossings[2]] > 3 * l2[crossings[2]]  # "over three times as much at 6"


def test_stability_reuses_the_sweep_fits_and_never_refits():
    entry = CATALOGUE["stability"]
    assert entry.fit.reads == {"fits": ("outlier_sweep", "fit")}
    for call in (entry.fit, entry.draw):
        assert "models" not in library_modules(functions=(call.function,))
