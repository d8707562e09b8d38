"""The L1-L2 gradient animation: the two norms, their slopes, and what gradient descent does.

Left, the norms |w| (L1) and w² (L2); middle, their slopes sign(w) and 2w, the size of each gradient
step; right, the weight against the step number. Both weights start at the same w0 and move with the
same learning rate: L1's step keeps its size and lands the weight on exactly 0, L2's step shrinks with
w, so its weight only approaches 0.
"""

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from l1l2figures.maths.regularization import NORMS, SLOPES
from l1l2figures.rendering.style import line_look, marker_look, zero_line_look

CURVE_POINTS = 401  # samples of the norm and slope curves across the w axis
HEADROOM = 1.08  # axis limits leave this much room around the largest value drawn
# ... and this much (of the largest value) below 0 and left of step 0, so a marker there is whole.
FOOTROOM = 0.08
LINEAR_BELOW = 1e-3  # |w| below which the w-per-step axis is linear (log above): 0 sits on it
LOG_HEADROOM = 2.2  # room above the largest w on that log axis, so a marker there is whole
LOSSES = ("l1", "l2")
NAMES = {"l1": "L1", "l2": "L2"}
NORM_LABELS = {"l1": "|w|", "l2": "w²"}
SLOPE_LABELS = {"l1": "sign(w)", "l2": "2w"}
METHODS = {
    "proximal": "L1 by proximal steps (soft-thresholding)",
    "subgradient": "L1 by plain subgradient steps",
}


def _curve(ax, w: np.ndarray, y: np.ndarray, color: str, style: dict, label: str) -> None:
    ax.plot(w, y, color=color, linewidth=style["line_width"], label=label)


def _marker(ax, loss: str, style: dict):
    (marker,) = ax.plot([], [], **marker_look(loss, style))
    return marker


def _weight_text(loss: str, ws: np.ndarray, i: int) -> str:
    """The weight after step i and how far that step moved it, e.g. "L2: w = 0.6974, moved
    0.0387"."""
    value = "0 exactly" if ws[i] == 0.0 else f"{ws[i]:.4g}"
    step = f", moved {abs(ws[i] - ws[i - 1]):.3g}" if i else ""
    return f"{NAMES[loss]}: w = {value}{step}"


def animation_scene(
    descent: dict, w_limits, style: dict
) -> tuple[Figure, Callable[[int], list[Artist]]]:
    """The animation's figure and ``update(i)``, which shows the weights after step i."""
    frames = descent["frames"]
    steps = np.array([f["step"] for f in frames])
    ws = {loss: np.array([f[loss] for f in frames]) for loss in LOSSES}
    color = {"l1": style["l1_color"], "l2": style["l2_color"]}

    fig, (norm_ax, slope_ax, path_ax) = plt.subplots(
        1, 3, figsize=style["size_in"], dpi=style["dpi"], layout="constrained"
    )
    fig.suptitle(
        f"Gradient descent on the L1 and L2 penalties: learning rate {descent['learning_rate']:g}, "
        f"λ = {descent['lam']:g}, {METHODS[descent['l1_step']]}"
    )

    w = np.linspace(*w_limits, CURVE_POINTS)
    w_max = max(abs(v) for v in w_limits)
    norm_top = HEADROOM * w_max**2
    norm_ax.set(
        title="the penalties", xlabel="w", xlim=w_limits, ylim=(-FOOTROOM * norm_top, norm_top)
    )
    slope_ax.set(
        title="their slopes: how hard each step pulls w to 0",
        xlabel="w",
        xlim=w_limits,
        ylim=(-HEADROOM * 2 * w_max, HEADROOM * 2 * w_max),
    )
    for loss in LOSSES:
        _curve(norm_ax, w, NORMS[loss](w), color[loss], style, NORM_LABELS[loss])
    # sign(w) jumps at 0; drawn as two branches, with its subgradients [-1, 1] at 0 dotted.
    positive = np.where(w > 0, 1.0, np.nan)
    _curve(slope_ax, w, np.where(w < 0, -1.0, positive), color["l1"], style, SLOPE_LABELS["l1"])
    slope_ax.plot([0, 0], [-1, 1], ":", color=color["l1"], linewidth=style["line_width"])
    _curve(slope_ax, w, SLOPES["l2"](w), color["l2"], style, SLOPE_LABELS["l2"])
    for ax in (norm_ax, slope_ax):
        ax.legend(loc="upper center")

    # On a linear axis the L2 weight looks as if it reached 0 too: above LINEAR_BELOW the w axis is
    # logarithmic, so each tenth of the way to 0 takes as much room; below it, linear down to 0.
    path_ax.set_yscale("symlog", linthresh=LINEAR_BELOW)
    w_low = min(0.0, *ws["l1"], *ws["l2"])
    w_high = max(0.0, *ws["l1"], *ws["l2"])
    path_ax.set(
        title=f"w at each step (log scale above {LINEAR_BELOW:g})",
        xlabel="step",
        xlim=(-FOOTROOM * steps[-1], HEADROOM * steps[-1]),
        ylim=(LOG_HEADROOM * w_low - LINEAR_BELOW, LOG_HEADROOM * w_high),
    )
    path_ax.axhline(0, **zero_line_look(style))

    norm_marker, slope_marker, path_line, path_marker, label = {}, {}, {}, {}, {}
    for row, loss in enumerate(LOSSES):
        norm_marker[loss] = _marker(norm_ax, loss, style)
        slope_marker[loss] = _marker(slope_ax, loss, style)
        (path_line[loss],) = path_ax.plot([], [], **line_look(loss, style))
        path_marker[loss] = _marker(path_ax, loss, style)
        # In the text colour: L1 and L2 colours are for lines, too light for text.
        # Lower left: on the log axis both weights stay high above it until late in the run.
        # Small enough to end before the L1 weight's fall to 0 late in the run.
        label[loss] = path_ax.text(
            0.03, 0.46 - 0.09 * row, "", ha="left", fontsize="small", transform=path_ax.transAxes
        )
    step_label = path_ax.text(
        0.03, 0.28, "", ha="left", fontsize="small", transform=path_ax.transAxes
    )

    def update(i: int) -> list[Artist]:
        for loss in LOSSES:
            w_now = ws[loss][i]
            norm_marker[loss].set_data([w_now], [NORMS[loss](w_now)])
            slope_marker[loss].set_data([w_now], [SLOPES[loss](w_now)])
            path_line[loss].set_data(steps[: i + 1], ws[loss][: i + 1])
            path_marker[loss].set_data([steps[i]], [w_now])
            label[loss].set_text(_weight_text(loss, ws[loss], i))
        step_label.set_text(f"after {steps[i]} steps" if steps[i] != 1 else "after 1 step")
        # Bottom to top: lines, then markers, L1 (larger) below L2 so both show where they meet.
        moving = [path_line, norm_marker, slope_marker, path_marker, label]
        return [artist[loss] for artist in moving for loss in LOSSES] + [step_label]

    return fig, update
