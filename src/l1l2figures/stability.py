"""Stability, measured on the outlier sweep's fits: how much each fitted curve moves.

Two numbers per outlier position, each a mean over the prediction grid:
- shift: how far the outlier pulled the fit, |fit with the outlier - fit without it|;
- sensitivity: how much the fit changes when the outlier moves sideways, |change between two
  neighbouring positions| per unit of x. An unstable fit jumps as the outlier moves.
"""

import numpy as np

LOSSES = ("l1", "l2")


def stability(fits: dict[str, np.ndarray]) -> dict[str, list[float]]:
    """Shift per outlier position and sensitivity between neighbouring positions, per loss."""
    outlier_x = fits["outlier_x"]
    result = {"outlier_x": outlier_x.tolist(), "midpoint_x": _midpoints(outlier_x).tolist()}
    for loss in LOSSES:
        with_outlier = fits[f"{loss}_with"]
        shift = np.abs(with_outlier - fits[f"{loss}_without"]).mean(axis=1)
        change = np.abs(np.diff(with_outlier, axis=0)).mean(axis=1) / np.diff(outlier_x)
        result[f"{loss}_shift"] = shift.tolist()
        result[f"{loss}_sensitivity"] = change.tolist()
    return result


def _midpoints(x: np.ndarray) -> np.ndarray:
    return (x[1:] + x[:-1]) / 2
