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


def crossing_steps(outlier_x: list[float], x: float) -> range | None:
    """The steps (indices into the jumps) over which the outlier first passes ``x``: from the last
    position on one side of it to the first on the other. One step, or two when a position lands
    exactly on ``x`` (the fit's jump is then split between them); None if it never passes."""
    last = None  # the last position not on x
    for j, position in enumerate(outlier_x):
        if position == x:
            continue
        if last is not None and (outlier_x[last] < x) != (position < x):
            return range(last, j)
        last = j
    return None


def crossing_jump(jumps: list[float], steps: range) -> float:
    """A fit's jump as the outlier crosses a point: the sum of its jumps over the steps spanned."""
    return float(sum(jumps[i] for i in steps))


def _midpoints(x: np.ndarray) -> np.ndarray:
    return (x[1:] + x[:-1]) / 2


# Two pulls within this factor of each other are "about as far": a reader cannot tell them apart
# on the gauge, and a ratio of 1.0x would claim more than the measure supports.
SAME_PULL_FACTOR = 1.1
# A jump this many times the sweep's median jump is a change of the fit's shape (a tree split
# moving), not the small drift of a leaf value as the outlier slides.
SHAPE_CHANGE_FACTOR = 5.0
NAMES = {"l1": "L1", "l2": "L2"}


def pulled_further(l1_shift: float, l2_shift: float) -> str | None:
    """The loss whose fit the outlier pulls visibly further ("l1" or "l2"), or None when neither
    is (both within SAME_PULL_FACTOR of each other, or neither pulled at all)."""
    pulls = {"l1": l1_shift, "l2": l2_shift}
    far, near = sorted(pulls, key=pulls.get, reverse=True)
    if pulls[far] == 0:
        return None
    if pulls[near] == 0 or pulls[far] / pulls[near] >= SAME_PULL_FACTOR:
        return far
    return None


def pull_sentence(l1_shift: float, l2_shift: float) -> str:
    """What the two pulls at one outlier position say, e.g. "L1 pulled 4.3× as far as L2"."""
    pulls = {"l1": l1_shift, "l2": l2_shift}
    far = pulled_further(l1_shift, l2_shift)
    if far is None:
        return "neither fit pulled" if max(pulls.values()) == 0 else "L1 and L2 pulled about as far"
    near = "l2" if far == "l1" else "l1"
    if pulls[near] == 0:
        return f"only {NAMES[far]} pulled"
    return f"{NAMES[far]} pulled {pulls[far] / pulls[near]:.1f}× as far as {NAMES[near]}"


def sweep_lesson(l1_shift, l2_shift, shown: str | None = None) -> str:
    """The sweep's finding over every position, as a title: which fit the outlier pulls further,
    by the same rule as each position's ``pull_sentence``. ``shown`` names the positions when they
    are a sample of the sweep (the grid's panels): "Wherever the outlier is" would then speak of
    positions the figure does not show."""
    further = [pulled_further(a, b) for a, b in zip(l1_shift, l2_shift, strict=True)]
    n, l1_further, l2_further = len(further), further.count("l1"), further.count("l2")
    everywhere = (
        "Wherever the outlier is, it" if shown is None else f"In every {shown}, the outlier"
    )
    if l1_further == n:
        return f"{everywhere} pulls the L1 fit further than the L2 fit"
    if l2_further == n:
        return f"{everywhere} pulls the L2 fit further than the L1 fit"
    return (
        f"The outlier pulls the L1 fit further at {l1_further} of {n} {shown or 'position'}s, "
        f"the L2 fit at {l2_further or 'none'}"
    )


def shape_changes(measures: dict) -> list[int]:
    """The positions (frame indices) where a fit has just changed shape: its jump from the
    position before is over ``SHAPE_CHANGE_FACTOR`` times the sweep's median jump."""
    jumps = np.maximum(measures["l1_jump"], measures["l2_jump"])
    if len(jumps) == 0:
        return []
    threshold = SHAPE_CHANGE_FACTOR * np.median(np.r_[measures["l1_jump"], measures["l2_jump"]])
    return [int(i) + 1 for i in np.flatnonzero(jumps > threshold)]


def strongest_contrast(measures: dict) -> int:
    """The position where the loss pulled further over the sweep is pulled furthest beyond the
    other, relative to it: the frame that shows the sweep's lesson best."""
    l1, l2 = np.asarray(measures["l1_shift"]), np.asarray(measures["l2_shift"])
    far, near = (l1, l2) if np.count_nonzero(l1 > l2) >= np.count_nonzero(l2 > l1) else (l2, l1)
    tiny = np.finfo(float).tiny
    return int(np.argmax((far + tiny) / (near + tiny)))
