"""The L1-L2 gradient animation: how hard each penalty pulls a weight to 0, and where it ends.

Left, the slopes of the penalties against w: L1's pull sign(w) keeps its size however small w
gets, L2's pull 2w fades with w. Right, the distance |w| of each weight from 0 after each step, on
a linear scale, drawn as a staircase so every step's size shows: L1's steps are all alike and land
the weight on exactly 0 (marked where it happens), L2's shrink with w and never get there. Both
weights start at the same w0 and move with the same learning rate. Each weight's name and value
ride beside the lines, at one precision; "0" is printed only for an exact 0. The animation holds
where L1 reaches 0, and its poster is that frame.
"""

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.offsetbox import AnnotationBbox, TextArea

from l1l2figures.maths.regularization import SLOPES, descent_lesson, first_zero, weight_readout
from l1l2figures.rendering.pacing import Moments
from l1l2figures.rendering.style import (
    LABEL_FONT,
    LABEL_PAD_PT,
    direct_labels,
    end_label,
    follow,
    halo,
    line_look,
    marker_look,
    zero_line_look,
)

CURVE_POINTS = 401  # samples of the slope curves across the w axis
HEADROOM = 1.08  # axis limits leave this much room around the largest value drawn
# ... and this much (of the largest value) below 0 and left of step 0, so a marker there is whole.
FOOTROOM = 0.08
LOSSES = ("l1", "l2")
NAMES = {"l1": "L1", "l2": "L2"}
METHODS = {"proximal": "soft-thresholding", "subgradient": "subgradient steps"}
PATH_WIDTH_RATIO = 1.6  # the steps panel's width, as a multiple of the slopes panel's
STEP_LABEL = (0.97, 0.97)  # axes fraction, upper right of the steps panel
# Where the "exactly 0" note starts: this many points above the landing point (and a little left,
# so the arrow falls straight), right of the L1 line that comes down to it.
ZERO_NOTE_OFFSET_PT = (-8, 70)
ARROW_GAP_PT = 34  # the arrow stops above the L1 diamond riding along 0 and the readouts


def _weights(descent: dict) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    frames = descent["frames"]
    return np.array([f["step"] for f in frames]), {
        loss: np.array([f[loss] for f in frames]) for loss in LOSSES
    }


def key_moments(descent: dict) -> tuple[Moments, int]:
    """Where L1 first reaches exactly 0 (the poster), or where it first crosses 0; without
    either, the last frame is the poster."""
    _, ws = _weights(descent)
    zero = first_zero(ws["l1"].tolist())
    if zero is not None:
        return [(zero, "L1 reaches exactly 0")], zero
    crossings = np.flatnonzero(np.sign(ws["l1"][1:]) != np.sign(ws["l1"][:-1]))
    if len(crossings):
        first = int(crossings[0]) + 1
        return [(first, "L1 crosses 0")], first
    return [], len(ws["l1"]) - 1


def readout(loss: str, w: float) -> str:
    return f"{NAMES[loss]} {weight_readout(w)}"


def keep_room(ax, text: str, x: float) -> None:
    """Room right of ``ax`` for ``text`` beside x: the layout is made once, on one frame, and a
    readout that grows later ("L2 ≈0, not 0") would be cut off by the figure's edge. An unseen box
    of the text's size, not a text: nothing a reader sees is added."""
    box = TextArea(text, textprops={"color": "none", **LABEL_FONT})
    ax.add_artist(
        AnnotationBbox(
            box,
            (x, 0),
            xybox=(LABEL_PAD_PT, 0),
            boxcoords="offset points",
            box_alignment=(0, 0.5),
            frameon=False,
            pad=0,
            annotation_clip=False,
        )
    )


def animation_scene(
    descent: dict, w_limits, style: dict
) -> tuple[Figure, Callable[[int], list[Artist]]]:
    """The animation's figure and ``update(i)``, which shows the weights after step i."""
    steps, ws = _weights(descent)
    fig, (slope_ax, path_ax) = plt.subplots(
        1,
        2,
        figsize=style["size_in"],
        dpi=style["dpi"],
        layout="constrained",
        width_ratios=[1, PATH_WIDTH_RATIO],
    )
    fig.suptitle(descent_lesson(ws["l1"].tolist(), ws["l2"].tolist()))

    w = np.linspace(*w_limits, CURVE_POINTS)
    w_max = max(abs(v) for v in w_limits)
    slope_ax.set(
        title="the pull of each penalty",
        xlabel="w",
        ylabel="slope: sign(w) for L1, 2w for L2",
        xlim=w_limits,
        ylim=(-HEADROOM * 2 * w_max, HEADROOM * 2 * w_max),
    )
    slope_ax.axhline(0, **zero_line_look(style))
    # sign(w) jumps at 0: two branches, no line across the jump.
    branches = np.where(w < 0, -1.0, np.where(w > 0, 1.0, np.nan))
    slope_ax.plot(w, branches, label="L1 slope", **line_look("l1", style))
    slope_ax.plot(w, SLOPES["l2"](w), label="L2 slope", **line_look("l2", style))
    direct_labels(
        slope_ax,
        {
            NAMES["l1"]: (w[-1], branches[-1], style["l1_color"]),
            NAMES["l2"]: (w[-1], SLOPES["l2"](w[-1]), style["l2_color"]),
        },
    )

    distance = {loss: np.abs(ws[loss]) for loss in LOSSES}
    top = max(distance["l1"].max(), distance["l2"].max())
    path_ax.set(
        title=f"|w| after each step (L1 by {METHODS[descent['l1_step']]})",
        xlabel="step",
        xlim=(-FOOTROOM * steps[-1], HEADROOM * steps[-1]),
        ylim=(-FOOTROOM * top, HEADROOM * top),
    )
    path_ax.axhline(0, **zero_line_look(style))
    right = path_ax.get_xlim()[1]  # the weights' readouts ride outside the right edge

    slope_marker, path_line, path_marker, value = {}, {}, {}, {}
    for loss in LOSSES:
        look = line_look(loss, style)
        markers = marker_look(loss, style)
        if loss == "l2":  # above L1's: a rim of the background keeps the L1 diamond in view
            markers |= {"markeredgecolor": style["background_color"], "markeredgewidth": 1.5}
            look["path_effects"] = halo(style, look["linewidth"])
        (slope_marker[loss],) = slope_ax.plot([], [], **markers)
        # A staircase: each drop is one step, so equal steps and shrinking ones both show.
        (path_line[loss],) = path_ax.plot(
            [],
            [],
            drawstyle="steps-post",
            solid_joinstyle="miter",  # square corners: a staircase, not a string of beads
            label=f"{NAMES[loss]} |w|",
            **look,
        )
        (path_marker[loss],) = path_ax.plot([], [], **markers)
        value[loss] = end_label(path_ax, style[f"{loss}_color"])
        keep_room(path_ax, max((readout(loss, w) for w in ws[loss]), key=len), right)
    step_label = path_ax.text(*STEP_LABEL, "", ha="right", va="top", transform=path_ax.transAxes)
    zero_at = first_zero(ws["l1"].tolist())
    zero_note = path_ax.annotate(
        f"exactly 0\nfrom step {zero_at}" if zero_at is not None else "",
        (zero_at or 0, 0),
        xytext=ZERO_NOTE_OFFSET_PT,
        textcoords="offset points",
        ha="left",
        color=style["text_color"],
        # The arrow stops short of the landing point: the marker and both lines stay clear.
        arrowprops={"arrowstyle": "->", "color": style["text_color"], "shrinkB": ARROW_GAP_PT},
    )

    def update(i: int) -> list[Artist]:
        for loss in LOSSES:
            w_now = ws[loss][i]
            slope_marker[loss].set_data([w_now], [SLOPES[loss](w_now)])
            path_line[loss].set_data(steps[: i + 1], distance[loss][: i + 1])
            path_marker[loss].set_data([steps[i]], [distance[loss][i]])
            value[loss].set_text(readout(loss, w_now))
        follow([value[loss] for loss in LOSSES], [(right, distance[loss][i]) for loss in LOSSES])
        step_label.set_text(f"step {steps[i]}")
        zero_note.set_visible(zero_at is not None and i >= zero_at)
        # Bottom to top: lines, then markers, L1 (larger) below L2 so both show where they meet.
        moving = [path_line, slope_marker, path_marker, value]
        return [artist[loss] for artist in moving for loss in LOSSES] + [step_label, zero_note]

    return fig, update
