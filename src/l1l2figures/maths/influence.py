"""The robustness figure's pull columns: each point's influence on each fitted line.

Apart from ``models`` (which fits with scikit-learn): the render jobs draw the panel and import
only what they draw with.
"""

import numpy as np

LOSSES = ("l1", "l2")


def residuals(record: dict, x, y) -> dict:
    """The residuals r of the points at ``x``, ``y`` to each line of a ``robustness_fits`` record:
    each height minus the line's there."""
    y = np.asarray(y)
    return {loss: y - (record[loss][0] * np.asarray(x) + record[loss][1]) for loss in LOSSES}


def slopes(r: dict) -> dict:
    """Each loss's slope at the residuals ``r`` ({loss: r}): a point's pull on that line. For L1,
    |r| has the slope sign(r): 1 above the line and −1 below it, however far the point is. For L2,
    r²/2 (the squared error halved, minimised by the same line) has the slope r itself."""
    return {"l1": np.sign(r["l1"]), "l2": r["l2"]}


# A residual within this fraction of the points' height span from 0 is a point on the line: the
# L1 fit passes through points, up to the solver's round-off.
ON_LINE = 1e-9


def balanced_pulls(record: dict, x, y) -> dict[str, dict[str, np.ndarray]]:
    """Each point's pull on each line (``slopes``), the points at ``x``, ``y`` (the outlier last):
    {loss: {"pull": ..., "on_line": ...}}. At a fitted line the pulls add up to 0, and so do the
    pulls times x (else raising the line, or tilting it, would lower the loss). For L2 that holds
    as computed. For L1 a point on the line may pull anywhere in [−1, 1]: its pull is what makes
    both sums 0 (at the L1 minimum it lies within ±1)."""
    x = np.asarray(x, float)
    r = residuals(record, x, y)
    pulls = slopes(r)
    on_line = np.abs(r["l1"]) <= ON_LINE * (np.ptp(y) or 1.0)
    l1 = np.where(on_line, 0.0, pulls["l1"])
    if on_line.any():
        sums = np.array([l1.sum(), (l1 * x).sum()])
        weights = np.vstack([np.ones(on_line.sum()), x[on_line]])
        l1[on_line] = np.linalg.lstsq(weights, -sums, rcond=None)[0]
    return {
        "l1": {"pull": l1, "on_line": on_line},
        "l2": {"pull": np.asarray(pulls["l2"], float), "on_line": np.zeros(len(l1), bool)},
    }
