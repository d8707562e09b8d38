"""The figures' datasets, from their config slices: the points and one record per frame."""

import numpy as np


def line(x, params: dict):
    """y = line_slope * x + line_intercept."""
    return params["line_slope"] * x + params["line_intercept"]


def noisy_line(x: np.ndarray, params: dict) -> np.ndarray:
    """Points on ``line`` plus uniform noise in (-noise_half_width, noise_half_width).

    The noise comes from a generator seeded with ``seed``: the same config gives the same points.
    """
    rng = np.random.default_rng(params["seed"])
    half_width = params["noise_half_width"]
    return line(x, params) + rng.uniform(-half_width, half_width, x.size)


def outlier_sweep_data(params: dict) -> dict:
    """The base points, the outlier's height and its x position in each frame and grid panel."""
    x = np.asarray(params["base_x"], dtype=float)
    start, stop = params["outlier_x_range"]
    return {
        "base_x": x.tolist(),
        "base_y": noisy_line(x, params).tolist(),
        "outlier_y": float(params["outlier_y"]),
        "sweep_outlier_x": np.linspace(start, stop, params["n_frames"]).tolist(),
        "grid_outlier_x": np.linspace(start, stop, params["grid_panels"]).tolist(),
        "prediction_x": np.linspace(*params["x_limits"], params["prediction_points"]).tolist(),
    }


def robustness_data(params: dict) -> dict:
    """Points on a noisy line, and one extra point whose height rises frame by frame.

    ``outlier_rise`` is how far above the line the extra point starts and ends.
    """
    x = np.linspace(*params["x_range"], params["n_points"])
    rise = np.linspace(*params["outlier_rise"], params["n_frames"])
    return {
        "base_x": x.tolist(),
        "base_y": noisy_line(x, params).tolist(),
        "outlier_x": float(params["outlier_x"]),
        "outlier_y": (line(params["outlier_x"], params) + rise).tolist(),
        "outlier_rise": rise.tolist(),
    }


def centre_arc(params: dict) -> np.ndarray:
    """The loss's centre in each frame, (n_frames, 2): along an arc round the origin."""
    angles = np.radians(np.linspace(*params["centre_angles_deg"], params["n_frames"]))
    radius = params["centre_radius"]
    return np.c_[radius * np.cos(angles), radius * np.sin(angles)]


def sparsity_data(params: dict) -> dict:
    """The loss's centre in each frame (``centre_arc``) and the alpha grids."""
    return {
        "centres": centre_arc(params).tolist(),
        "lasso_alphas": np.logspace(*params["lasso_alphas_log10"], params["n_alphas"]).tolist(),
        "ridge_alphas": np.logspace(*params["ridge_alphas_log10"], params["n_alphas"]).tolist(),
    }
