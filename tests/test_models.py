"""The fits against an independent scikit-learn fit, and the lesson the figure teaches."""

import numpy as np
import pytest
from sklearn.ensemble import GradientBoostingRegressor

from l1l2figures.maths import models
from l1l2figures.maths.datasets import outlier_sweep_data
from l1l2figures.maths.models import outlier_fits


@pytest.fixture(scope="module")
def data(default_config):
    return outlier_sweep_data(default_config["outlier_sweep"])


@pytest.fixture(scope="module")
def gbr(default_config):
    return default_config["outlier_sweep"]["gbr"]


def independent_fit(x, y, loss, gbr, x_new):
    model = GradientBoostingRegressor(
        loss=loss,
        n_estimators=gbr["n_estimators"],
        learning_rate=gbr["learning_rate"],
        max_depth=gbr["max_depth"],
        random_state=0,
    )
    return model.fit(np.c_[x], y).predict(np.c_[x_new])


@pytest.mark.parametrize("loss, sklearn_loss", [("l1", "absolute_error"), ("l2", "squared_error")])
def test_fits_equal_an_independent_fit(data, gbr, loss, sklearn_loss):
    [fits] = outlier_fits(data, gbr, "grid_outlier_x")
    grid = data["prediction_x"]
    expected_without = independent_fit(data["base_x"], data["base_y"], sklearn_loss, gbr, grid)
    np.testing.assert_array_equal(fits[f"{loss}_without"], expected_without)
    for i, outlier_x in enumerate(data["grid_outlier_x"]):
        x = [*data["base_x"], outlier_x]
        y = [*data["base_y"], data["outlier_y"]]
        expected_with = independent_fit(x, y, sklearn_loss, gbr, grid)
        np.testing.assert_array_equal(fits[f"{loss}_with"][i], expected_with)


def test_fits_without_the_outlier_are_one_curve_each(data, gbr):
    [fits] = outlier_fits(data, gbr, "sweep_outlier_x")
    n_frames, n_grid = len(data["sweep_outlier_x"]), len(data["prediction_x"])
    assert fits["l1_without"].shape == fits["l2_without"].shape == (n_grid,)
    assert fits["l1_with"].shape == fits["l2_with"].shape == (n_frames, n_grid)


def test_fits_without_the_outlier_are_made_once_for_every_set_of_positions(data, gbr, monkeypatch):
    calls = []
    real_fit = models.fit_predict
    monkeypatch.setattr(models, "fit_predict", lambda *a: calls.append(a) or real_fit(*a))
    sweep, grid = outlier_fits(data, gbr, "sweep_outlier_x", "grid_outlier_x")
    n_with = len(data["sweep_outlier_x"]) + len(data["grid_outlier_x"])
    assert len(calls) == 2 * (1 + n_with)  # L1 and L2: one fit without, one per position
    for loss in ("l1", "l2"):
        assert sweep[f"{loss}_without"] is grid[f"{loss}_without"]


def test_predictions_are_step_functions(data, gbr):
    """Boosted trees are piecewise constant: few distinct values, many repeats."""
    [fits] = outlier_fits(data, gbr, "grid_outlier_x")
    for curve in (fits["l1_without"], fits["l2_without"], *fits["l1_with"]):
        assert len(np.unique(curve)) <= len(data["base_x"]) + 1


def shift(data, gbr, outlier_x, loss):
    [fits] = outlier_fits({**data, "at": [outlier_x]}, gbr, "at")
    return np.abs(fits[f"{loss}_with"][0] - fits[f"{loss}_without"]).mean()


def test_l2_is_more_stable_with_the_outlier_in_the_middle(data, gbr):
    middle = np.mean(data["base_x"][1:3])
    assert shift(data, gbr, middle, "l2") < 0.5 * shift(data, gbr, middle, "l1")


@pytest.mark.parametrize("side", [0, -1])
def test_far_outliers_move_both_fits(data, gbr, side):
    far = data["sweep_outlier_x"][side]
    assert shift(data, gbr, far, "l1") > 0.5
    assert shift(data, gbr, far, "l2") > 0.5
