"""Robustness fits against independent computations, and the lesson the figure teaches."""

import numpy as np
import pytest
from scipy.optimize import linprog

from l1l2figures.maths.datasets import robustness_data
from l1l2figures.maths.models import line_fits, robustness_fits


@pytest.fixture(scope="module")
def data(default_config):
    return robustness_data(default_config["robustness"])


def least_absolute_deviations(x, y) -> np.ndarray:
    """[slope, intercept] minimising sum |y - a x - b|, as a linear program of its own.

    Variables: a, b, then u_i, v_i >= 0 with y_i - a x_i - b = u_i - v_i; minimise sum(u + v).
    """
    n = len(x)
    cost = np.r_[0, 0, np.ones(2 * n)]
    equalities = np.c_[np.asarray(x), np.ones(n), np.eye(n), -np.eye(n)]
    bounds = [(None, None)] * 2 + [(0, None)] * (2 * n)
    solution = linprog(cost, A_eq=equalities, b_eq=y, bounds=bounds, method="highs")
    return solution.x[:2]


@pytest.mark.parametrize("frame", [0, 10, -1])
def test_lines_equal_independent_fits(data, frame):
    x = [*data["base_x"], data["outlier_x"]]
    y = [*data["base_y"], data["outlier_y"][frame]]
    fits = line_fits(x, y)
    np.testing.assert_allclose(fits["l1"], least_absolute_deviations(x, y), atol=1e-7)
    np.testing.assert_allclose(fits["l2"], np.polyfit(x, y, 1), rtol=1e-10)


def test_the_l1_line_ignores_how_far_the_point_rises_and_the_l2_line_follows(data):
    fits = [f for f in robustness_fits(data) if f["outlier_rise"] > 0]
    assert all(f["l1"] == fits[0]["l1"] for f in fits)  # the same line, to the last bit
    l2_slopes = np.array([f["l2"][0] for f in fits])
    assert np.all(np.diff(l2_slopes) > 0)
    assert l2_slopes[-1] - l2_slopes[0] > 0.5


def test_the_rising_point_starts_on_the_line_and_rises_as_configured(default_config, data):
    params = default_config["robustness"]
    on_line = params["line_slope"] * params["outlier_x"] + params["line_intercept"]
    rise = np.array(data["outlier_y"]) - on_line
    np.testing.assert_allclose(rise[[0, -1]], params["outlier_rise"], atol=1e-12)
    assert len(rise) == params["n_frames"]
