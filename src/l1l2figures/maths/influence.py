"""The robustness figure's pull panel: each point's influence on each fitted line.

Apart from ``models`` (which fits with scikit-learn): the render jobs draw the panel and import
only what they draw with.
"""

import numpy as np

LOSSES = ("l1", "l2")


def residuals(record: dict, x, y=None) -> dict:
    """The residual r of the point(s) at ``x``, ``y`` to each line of a ``robustness_fits``
    record: a height minus the line's there. ``y``: the outlier's height by default."""
    y = record["outlier_y"] if y is None else np.asarray(y)
    return {loss: y - (record[loss][0] * np.asarray(x) + record[loss][1]) for loss in LOSSES}


def slopes(r: dict) -> dict:
    """Each loss's slope at the residuals ``r`` ({loss: r}): a point's pull on that line. For L1,
    |r| has the slope sign(r): 1 above the line and −1 below it, however far the point is. For L2,
    r²/2 (the squared error halved, minimised by the same line) has the slope r itself."""
    return {"l1": np.sign(r["l1"]), "l2": r["l2"]}


def influences(record: dict, x: float) -> dict[str, float]:
    """The outlier's pull on each line (``slopes`` at its ``residuals``), the outlier at ``x``."""
    return {loss: float(pull) for loss, pull in slopes(residuals(record, x)).items()}
