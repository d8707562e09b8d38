"""The fitted models (scikit-learn): gradient boosting and straight lines, with L1 and L2 loss."""

import numpy as np
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.linear_model import LinearRegression, QuantileRegressor

# scikit-learn's names of the two losses (older releases called them 'lad' and 'ls').
LOSSES = {"l1": "absolute_error", "l2": "squared_error"}

# Fixed for reproducibility. With one feature and no subsampling the trees do not depend on it.
RANDOM_STATE = 0


def fit_predict(x, y, loss: str, gbr: dict, x_new) -> np.ndarray:
    """Fit a GradientBoostingRegressor with ``loss`` ('l1' or 'l2') on (x, y); predict at x_new."""
    model = GradientBoostingRegressor(loss=LOSSES[loss], random_state=RANDOM_STATE, **gbr)
    model.fit(np.reshape(x, (-1, 1)), y)
    return model.predict(np.reshape(x_new, (-1, 1)))


def outlier_fits(data: dict, gbr: dict, positions: str) -> dict[str, np.ndarray]:
    """L1 and L2 fits without the outlier and with it at each of ``data[positions]``.

    The fits without the outlier do not depend on its position, so they are computed once.
    Every curve is the model's prediction on ``data['prediction_x']``.
    """
    x, y, grid = data["base_x"], data["base_y"], data["prediction_x"]
    outlier_x = np.asarray(data[positions])
    fits = {"prediction_x": np.asarray(grid), "outlier_x": outlier_x}
    for loss in LOSSES:
        without = fit_predict(x, y, loss, gbr, grid)
        with_outlier = np.array(
            [fit_predict([*x, ox], [*y, data["outlier_y"]], loss, gbr, grid) for ox in outlier_x]
        )
        fits[f"{loss}_without"] = without
        fits[f"{loss}_with"] = with_outlier
    return fits


def line_fits(x, y) -> dict[str, list[float]]:
    """[slope, intercept] of the straight line with the least absolute (L1) or squared (L2) error.

    The L1 line is the median regression: quantile 0.5 without a penalty, solved exactly as a
    linear program (HiGHS).
    """
    features = np.reshape(x, (-1, 1))
    l1 = QuantileRegressor(quantile=0.5, alpha=0.0, solver="highs").fit(features, y)
    l2 = LinearRegression().fit(features, y)
    return {loss: [float(m.coef_[0]), float(m.intercept_)] for loss, m in (("l1", l1), ("l2", l2))}


def robustness_fits(data: dict) -> list[dict]:
    """One record per frame: the outlier's height and the L1 and L2 lines fitted with it."""
    records = []
    for outlier_y, rise in zip(data["outlier_y"], data["outlier_rise"], strict=True):
        x = [*data["base_x"], data["outlier_x"]]
        y = [*data["base_y"], outlier_y]
        records.append({"outlier_y": outlier_y, "outlier_rise": rise, **line_fits(x, y)})
    return records
