"""Stability, measured on the outlier sweep's fits: how much each fitted curve moves.

Two numbers per outlier position, each a mean over the prediction grid:
- shift: how far the outlier pulled the fit, |fit with the outlier - fit without it|;
- jump: how much the fit changes between two neighbouring outlier positions, |change|. A tree fit
  is discontinuous in the outlier's position, so the jump is not divided by the step: that would
  make its spikes scale with 1 / step, i.e. with n_frames.
"""

import numpy as np

LOSSES = ("l1", "l2")


def stability(fits: dict[str, np.ndarray]) -> dict[str, list[float]]:
    """Shift per outlier position and jump between neighbouring positions, per loss, and the x
    range of the prediction grid the means are taken over."""
    outlier_x = fits["outlier_x"]
    grid = fits["prediction_x"]
    result = {
        "outlier_x": outlier_x.tolist(),
        "midpoint_x": _midpoints(outlier_x).tolist(),
        "mean_over_x": [float(grid.min()), float(grid.max())],
    }
    for loss in LOSSES:
        with_outlier = fits[f"{loss}_with"]
        shift = np.abs(with_outlier - fits[f"{loss}_without"]).mean(axis=1)
        jump = np.abs(np.diff(with_outlier, axis=0)).mean(axis=1)
        result[f"{loss}_shift"] = shift.tolist()
        result[f"{loss}_jump"] = jump.tolist()
    return result


def _midpoints(x: np.ndarray) -> np.ndarray:
    return (x[1:] + x[:-1]) / 2
