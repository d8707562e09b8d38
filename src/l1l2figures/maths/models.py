"""The fitted models (scikit-learn): gradient boosting and straight lines, with L1 and L2 loss.

Each function imports the part of scikit-learn it uses, when called: a job then loads only what its
fits need (each of ensemble, linear_model and datasets adds 0.05-0.1 s of CPU to scikit-learn's own
0.9 s), and a module that imports this one for its plain numpy helpers loads no scikit-learn.
"""

import math

import numpy as np

from l1l2figures.errors import ConfigError
from l1l2figures.maths.rounding import rounded_up

# scikit-learn's names of the two losses (older releases called them 'lad' and 'ls').
LOSSES = {"l1": "absolute_error", "l2": "squared_error"}

# Fixed for reproducibility. With one feature and no subsampling the trees do not depend on it.
RANDOM_STATE = 0


def fit_predict(x, y, loss: str, gbr: dict, x_new) -> np.ndarray:
    """Fit a GradientBoostingRegressor with ``loss`` ('l1' or 'l2') on (x, y); predict at x_new."""
    from sklearn.ensemble import GradientBoostingRegressor

    model = GradientBoostingRegressor(loss=LOSSES[loss], random_state=RANDOM_STATE, **gbr)
    model.fit(np.reshape(x, (-1, 1)), y)
    return model.predict(np.reshape(x_new, (-1, 1)))


def outlier_fits(data: dict, gbr: dict, *positions: str) -> list[dict[str, np.ndarray]]:
    """For each key of ``positions``: L1 and L2 fits without the outlier and with it at each
    x position listed in ``data[key]``.

    The fits without the outlier depend on no position, so they are computed once for all keys.
    Every curve is the model's prediction on ``data['prediction_x']``.
    """
    x, y, grid = data["base_x"], data["base_y"], data["prediction_x"]
    without = {loss: fit_predict(x, y, loss, gbr, grid) for loss in LOSSES}
    all_fits = []
    for key in positions:
        outlier_x = np.asarray(data[key])
        fits = {"prediction_x": np.asarray(grid), "outlier_x": outlier_x}
        for loss in LOSSES:
            fits[f"{loss}_without"] = without[loss]
            fits[f"{loss}_with"] = np.array(
                [
                    fit_predict([*x, ox], [*y, data["outlier_y"]], loss, gbr, grid)
                    for ox in outlier_x
                ]
            )
        all_fits.append(fits)
    return all_fits


def sweep_fits(data: dict, gbr: dict) -> dict[str, np.ndarray]:
    """The outlier sweep's fits: the outlier at each frame's x position."""
    [fits] = outlier_fits(data, gbr, "sweep_outlier_x")
    return fits


def grid_fits(data: dict, gbr: dict) -> dict[str, np.ndarray]:
    """The outlier sweep grid's fits: the outlier at each panel's x position."""
    [fits] = outlier_fits(data, gbr, "grid_outlier_x")
    return fits


# What the outlier sweep's fit jobs may cost. n_frames * prediction_points: its fitted curves
# (16 bytes each in fits.npz).
MAX_PREDICTION_VALUES = 1_000_000
# Trees its fit jobs grow: an L1 and an L2 model per frame and grid panel. A tree takes 1-4 ms
# here, so the jobs stay within the 10 minutes the Slurm profile asks for.
MAX_FITTED_TREES = 100_000


def check_sweep_costs(sweep: dict, path: str) -> None:
    """Refuse an outlier sweep whose fitted values or trees would exceed what a job may use."""
    problems = []
    values = sweep["n_frames"] * sweep["prediction_points"]
    if values > MAX_PREDICTION_VALUES:
        problems.append(
            f"{path}: n_frames {sweep['n_frames']} * prediction_points "
            f"{sweep['prediction_points']} = {values:,} fitted values per loss, more than "
            f"{MAX_PREDICTION_VALUES:,}; use fewer prediction_points (a few per pixel of width "
            "is all a curve can show)"
        )
    trees = 2 * (sweep["n_frames"] + sweep["grid_panels"]) * sweep["gbr"]["n_estimators"]
    if trees > MAX_FITTED_TREES:
        problems.append(
            f"{path}: 2 losses * (n_frames {sweep['n_frames']} + grid_panels "
            f"{sweep['grid_panels']}) * gbr.n_estimators {sweep['gbr']['n_estimators']} = "
            f"{trees:,} trees to fit, more than {MAX_FITTED_TREES:,}; use fewer n_estimators "
            "(on a handful of points a few dozen already fit them exactly) or fewer n_frames"
        )
    if problems:
        raise ConfigError("\n".join(problems))


def check_sweep_limits(sweep: dict, path: str) -> None:
    """Refuse axes that leave out what the sweep draws: the outlier's every position and height,
    and the points, with all the noise they may have."""
    (x_low, x_high), (y_low, y_high) = sweep["x_limits"], sweep["y_limits"]
    line = [sweep["line_slope"] * x + sweep["line_intercept"] for x in sweep["base_x"]]
    noise = sweep["noise_half_width"]
    drawn = {
        "x": {
            "outlier_x_range": sweep["outlier_x_range"],
            "base_x": [min(sweep["base_x"]), max(sweep["base_x"])],
        },
        "y": {
            "outlier_y": [sweep["outlier_y"]] * 2,
            # every key that places the points' band is named: any of them may be the one to change
            "the line (line_slope, line_intercept) ± noise_half_width at base_x": [
                min(line) - noise,
                max(line) + noise,
            ],
        },
    }
    problems = [
        f"{path}: {name} reaches {number:g}, outside {axis}_limits [{low:g}, {high:g}]: it would "
        f"be drawn off the plot; widen {axis}_limits"
        for axis, (low, high) in (("x", (x_low, x_high)), ("y", (y_low, y_high)))
        for name, values in drawn[axis].items()
        for number in sorted(set(values))
        if not low <= number <= high
    ]
    if problems:
        raise ConfigError("\n".join(problems))


# The width a grid panel needs, in inches of grid_size_in: the default's 3 columns of 7.2 in. In
# narrower panels the fits' lines lie over one another and a panel's title outgrows its panel.
MIN_GRID_COLUMN_IN = 2.4
# The height a row of grid panels needs, in inches of grid_size_in: the default's 8.4 in holds 4
# rows (3 drawn). In shorter rows the points near the y limits are cut by the panel's edge.
MIN_GRID_ROW_IN = 2.1


def check_grid_layout(sweep: dict, path: str) -> None:
    """Refuse more grid columns than the grid's width gives room for, and more panels than its
    height gives rows for."""
    columns = min(sweep["grid_columns"], sweep["grid_panels"])
    width, height = sweep["style"]["grid_size_in"]
    fitting = max(1, math.floor(round(width / MIN_GRID_COLUMN_IN, 9)))
    if columns > fitting:
        raise ConfigError(
            f"{path}.grid_columns = {sweep['grid_columns']}: {columns} panels side by side in the "
            f"grid's {width:g} in (style.grid_size_in) are {width / columns:.2g} in wide each, "
            f"narrower than the {MIN_GRID_COLUMN_IN:g} in a panel needs to keep its fits apart "
            f"and its title whole; use at most {fitting} grid_columns"
        )
    rows = math.ceil(sweep["grid_panels"] / columns)
    fitting_rows = max(1, math.floor(round(height / MIN_GRID_ROW_IN, 9)))
    if rows > fitting_rows:
        raise ConfigError(
            f"{path}.grid_panels = {sweep['grid_panels']}: {rows} rows of {columns} panels in the "
            f"grid's {height:g} in (style.grid_size_in) are {height / rows:.2g} in tall each, "
            f"shorter than the {MIN_GRID_ROW_IN:g} in a row needs to show its points whole; use "
            f"at most {fitting_rows * columns} grid_panels in {columns} grid_columns"
        )


# How far boosting must take its fits from the flat start (the mean for L2, the median for L1)
# toward the points, as a fraction of the way: below it the fitted curves hardly move from a flat
# line, whatever the outlier does, and the figures would show nothing about the losses.
MIN_BOOSTED_FRACTION = 0.1


def boosted_fraction(learning_rate: float, n_estimators: int) -> float:
    """The most of the way from the flat start to the points that ``n_estimators`` trees take the
    fit: each tree moves it ``learning_rate`` of the distance still left (trees that fit the
    residuals exactly; a shallower tree moves it less)."""
    return -math.expm1(n_estimators * math.log1p(-learning_rate)) if learning_rate < 1 else 1.0


def min_learning_rate(n_estimators: int) -> float:
    """The smallest learning rate whose ``n_estimators`` trees go MIN_BOOSTED_FRACTION of the way."""
    return -math.expm1(math.log1p(-MIN_BOOSTED_FRACTION) / n_estimators)


def check_boosting(sweep: dict, path: str) -> None:
    """Refuse a learning rate so small that the boosted fits stay a flat line."""
    gbr = sweep["gbr"]
    rate, trees = gbr["learning_rate"], gbr["n_estimators"]
    fraction = boosted_fraction(rate, trees)
    if fraction < MIN_BOOSTED_FRACTION * (1 - 1e-12):  # float noise at the bound is not refused
        raise ConfigError(
            f"{path}.gbr.learning_rate = {rate:g} with n_estimators = {trees} is too small: each "
            f"tree moves the fit by learning_rate times what is left between it and the points, "
            f"so {trees} trees take it at most {fraction:.2g} of the way from a flat line, less "
            f"than {MIN_BOOSTED_FRACTION:g}, and the fits would not show their losses; choose a "
            f"learning_rate of at least {rounded_up(min_learning_rate(trees)):g} or more "
            "n_estimators"
        )


def line_fits(x, y) -> dict[str, list[float]]:
    """[slope, intercept] of the straight line with the least absolute (L1) or squared (L2) error.

    The L1 line is the median regression: quantile 0.5 without a penalty, solved exactly as a
    linear program (HiGHS).
    """
    from sklearn.linear_model import LinearRegression, QuantileRegressor

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


def diabetes() -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's bundled diabetes data (442 patients, 10 features), centred: no intercept."""
    from sklearn.datasets import load_diabetes

    x, y = load_diabetes(return_X_y=True)
    return x - x.mean(axis=0), y - y.mean()


def feature_names() -> list[str]:
    from sklearn.datasets import load_diabetes

    return list(load_diabetes().feature_names)


def ridge_closed_form(x: np.ndarray, y: np.ndarray, alpha: float) -> np.ndarray:
    """The ridge coefficients in one linear solve: (X'X + alpha I) b = X'y."""
    return np.linalg.solve(x.T @ x + alpha * np.eye(x.shape[1]), x.T @ y)


def coefficient_paths(lasso_alphas: list[float], ridge_alphas: list[float]) -> dict:
    """Lasso and ridge coefficients on the diabetes data over their regularization strengths.

    Lasso minimizes |y - Xb|^2 / (2n) + alpha |b|_1; ridge minimizes |y - Xb|^2 + alpha |b|^2,
    so their alphas are on different scales. The lasso's path is exact: LARS finds the alphas where
    a coefficient enters or leaves, and between them the path is linear in alpha. (Coordinate
    descent stops at a tolerance: on these nearly collinear features it was off by 1e-5 even at
    1e-10, which two machines' BLAS turned into different pixels.)
    """
    from sklearn.linear_model import lars_path

    x, y = diabetes()
    knots, _, knot_coefficients = lars_path(x, y, method="lasso")
    alphas = sorted(lasso_alphas, reverse=True)
    # np.interp wants ascending knots; beyond the first knot every coefficient is 0.
    lasso = [
        [float(np.interp(alpha, knots[::-1], row[::-1])) for row in knot_coefficients]
        for alpha in alphas
    ]
    ridge = [ridge_closed_form(x, y, alpha).tolist() for alpha in ridge_alphas]
    return {
        "features": feature_names(),
        "lasso_alphas": alphas,
        "lasso": lasso,  # one row of coefficients per alpha
        "ridge_alphas": list(ridge_alphas),
        "ridge": ridge,
    }
