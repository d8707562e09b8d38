"""The robustness figure's pull panel: the extra point's influence on each fitted line.

Apart from ``models`` (which fits with scikit-learn): the render jobs draw the panel and import
only what they draw with.
"""

import numpy as np


def residuals(record: dict, x: float) -> dict[str, float]:
    """The point's residual r to each line of a ``robustness_fits`` record, the point at ``x``:
    its height minus the line's there."""
    return {
        loss: record["outlier_y"] - (record[loss][0] * x + record[loss][1]) for loss in ("l1", "l2")
    }


def influences(record: dict, x: float) -> dict[str, float]:
    """The point's influence on each line: the slope of the line's loss at the point's residual r
    (``residuals``). For L1, |r| has the slope sign(r): 1 above the line and −1 below it, however
    far the point is. For L2, r²/2 (the squared error halved, minimised by the same line) has the
    slope r itself."""
    r = residuals(record, x)
    return {"l1": float(np.sign(r["l1"])), "l2": r["l2"]}
