"""The L1-L2 gradient animation: how hard each penalty pulls a weight to 0, and where it ends.

Left, the slopes of the penalties against w: L1's pull sign(w) keeps its size however small w gets,
L2's pull 2w fades with w, and below |w| = 1/2 (shaded) L1's is the stronger. At w = 0, where |w|
has a corner, L1's slope is any value from -1 to 1 (its subgradient): the segment joining the two
branches, where L1's diamond sits once the weight is 0; where L2's weight ends too near 0 for its
dot to show beside that diamond, an inset magnifies w around 0. Right, the distance |w| of each
weight from 0 after each step, as a staircase on a log scale: L2's steps, each multiplying w by the
same factor, all fall by the same height, and 0 is below every power of 10. Exactly 0 is drawn on a
floor of its own under the log range, so a weight at 0 sits clearly below one that is only small,
however small.
Each whole staircase is drawn faint from the first frame, so that frame already shows where both
weights go; the bold staircase draws over it step by step.
Both weights start at the same w0 and move with the same learning rate. Each weight's name and value
ride beside the lines, at one precision; "0" is printed only for an exact 0. The animation holds
where L1 reaches 0, and its poster is that frame.
"""

import math
from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.offsetbox import AnnotationBbox, TextArea

from l1l2figures.maths.regularization import (
    SLOPES,
    descent_lesson,
    first_zero,
    flips_sign_from,
    l2_step,
    weight_readout,
)
from l1l2figures.rendering.pacing import Moments
from l1l2figures.rendering.style import (
    LABEL_FONT,
    LABEL_PAD_PT,
    POINTS_PER_INCH,
    ahead_look,
    direct_labels,
    end_label,
    follow,
    halo,
    line_look,
    marker_look,
    meets,
    number,
    zero_line_look,
)
from l1l2figures.rendering.zero_floor import draw_floor_axis, log_axis

CURVE_POINTS = 401  # samples of the slope curves across the w axis
HEADROOM = 1.08  # axis limits leave this much room around the largest value drawn
# ... and this much (of the largest value) left of step 0, so a marker there is whole.
FOOTROOM = 0.08
LOSSES = ("l1", "l2")
NAMES = {"l1": "L1", "l2": "L2"}
# How L1's step treats 0, said in the steps panel's title.
METHODS = {
    "proximal": "L1's (proximal) steps stop at 0",
    "subgradient": "L1's (subgradient) steps can cross 0",
}
# L2's pull 2|w| is below L1's 1 for |w| under this: shaded (grey, context) in the slopes panel.
L1_PULLS_HARDER_BELOW = 0.5
L1_PULLS_HARDER_NOTE = "L1 pulls\nharder here"

PATH_WIDTH_RATIO = 1.6  # the steps panel's width, as a multiple of the slopes panel's
STEP_LABEL = (0.97, 0.97)  # axes fraction, upper right of the steps panel
SUBGRADIENT_NOTE = "at w = 0,\nany slope\nin [−1, 1]"
# Where L2's last weight is within this fraction of the w axis' half-width of 0, its dot would sit
# on L1's diamond: an inset (ZOOM_BOUNDS, axes fraction, upper left, where no curve runs) then
# shows w from −ZOOM to ZOOM times that weight, and the slopes from ZOOM_SLOPES.
MARKER_SPAN = 0.08
ZOOM = 3.0
ZOOM_ROOM = 1.25  # the inset's half-width over L2's weight where L1 lands: its dot stays whole
ZOOM_BOUNDS = (0.05, 0.6, 0.34, 0.24)
ZOOM_SLOPES = (-1.6, 1.6)
ZOOM_SCALE = 0.6  # the inset's lines and markers, as a fraction of the panel's


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


def keep_room(ax, text: str, at: tuple[float, float]) -> None:
    """Room right of ``ax`` for ``text`` beside the point ``at``: the layout is made once, on one
    frame, and a readout that grows later ("L2 ≈0, not 0") would be cut off by the figure's edge.
    An unseen box of the text's size, not a text: nothing a reader sees is added."""
    box = TextArea(text, textprops={"color": "none", **LABEL_FONT})
    ax.add_artist(
        AnnotationBbox(
            box,
            at,
            xybox=(LABEL_PAD_PT, 0),
            boxcoords="offset points",
            box_alignment=(0, 0.5),
            frameon=False,
            pad=0,
            annotation_clip=False,
        )
    )


def ceiling(value: float) -> float:
    """``value`` rounded up to one significant digit: a width a reader can read (0.034 is 0.04)."""
    power = 10.0 ** math.floor(math.log10(value))
    return math.ceil(value / power) * power


def near_zero(slope_ax, ws: dict[str, np.ndarray], landed: int | None, style: dict):
    """An inset that magnifies the slopes panel around w = 0, where L2's last weight would sit on
    L1's diamond at the panel's scale (within MARKER_SPAN of the w axis), so that the reader sees
    L2's weight beside 0, not on it: from where L1 lands (held, the poster) to ZOOM times nearer 0
    at the end (``landed``: the step L1 reaches 0, if it does); None when the panel tells them
    apart itself."""
    last = abs(float(ws["l2"][-1]))
    half = max(abs(v) for v in slope_ax.get_xlim())
    if not 0 < last < MARKER_SPAN * half:
        return None
    held = abs(float(ws["l2"][landed])) if landed is not None else last
    width = ceiling(max(ZOOM * last, ZOOM_ROOM * held))
    zoom = slope_ax.inset_axes(ZOOM_BOUNDS, xlim=(-width, width), ylim=ZOOM_SLOPES)
    w = np.linspace(-width, width, CURVE_POINTS)
    look = {loss: line_look(loss, style) for loss in LOSSES}
    for loss in LOSSES:
        look[loss]["linewidth"] *= ZOOM_SCALE
    zoom.plot(w, np.where(w < 0, -1.0, np.where(w > 0, 1.0, np.nan)), **look["l1"])
    zoom.plot([0, 0], [-1, 1], **look["l1"])
    zoom.plot(w, SLOPES["l2"](w), **look["l2"])
    zoom.axhline(0, **zero_line_look(style))
    zoom.set_xticks([-width, 0, width], [])
    zoom.set_yticks([])
    # Named by its range, not joined to 0 by lines: they would cross the L1 step, and the box they
    # start from would be a few pixels wide.
    zoom.set_xlabel(f"w ±{number(width, 'g')}", fontsize="small", labelpad=2)
    return zoom


def floor_note(l1: list[float], descent: dict, step_size: float) -> tuple[int | None, str]:
    """What L1's run does at 0, from the step it starts: it lands there (with the plain
    subgradient step only because w0 is a whole number of steps, which is said), or it crosses 0
    at every step, which a log scale of |w| cannot draw; (None, "") when it does neither."""
    landed, flips = first_zero(l1), flips_sign_from(l1)
    if landed is not None:
        note = f"exactly 0 from step {landed}"
        if descent["l1_step"] == "subgradient":
            note += f":\n|w0| is {landed} steps of {step_size:g}"
        return landed, note
    if flips is not None:
        return flips, f"w flips sign at every\nstep from step {flips}"
    return None, ""


def place_floor_note(note, ax, break_mark, stairs: list, flips: bool, marker_pt: float) -> None:
    """Keep the note on the floor left of its step if it is clear of the axis's break mark and
    tick labels there; for a weight that flips sign (it never comes down to the floor), else right
    of the step, if it is clear of both staircases (``stairs``: their lines as drawn) by a marker's
    half-width (``marker_pt``: markers ride on them); else say nothing there."""
    fig = ax.figure
    fig.draw_without_rendering()  # the layout, which says where the note is
    beside = [break_mark, *ax.get_yticklabels()]
    # extents: the break mark is a marker, whose path is a single point
    if not any(note.get_window_extent().overlaps(a.get_window_extent()) for a in beside):
        return
    if flips:
        x, y = note.xyann
        note.set(ha="left", position=(-x, y))
        fig.draw_without_rendering()
        box = note.get_window_extent().padded(marker_pt / 2 * fig.dpi / POINTS_PER_INCH)
        crossed = any(meets(box, stair) for stair in stairs)
        if box.x1 <= ax.get_window_extent().x1 and not crossed:
            return
    note.set_text("")


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
        title="each penalty's slope",
        xlabel="w",
        ylabel="slope: sign(w) for L1, 2w for L2",
        xlim=w_limits,
        ylim=(-HEADROOM * 2 * w_max, HEADROOM * 2 * w_max),
    )
    slope_ax.axhline(0, **zero_line_look(style))
    slope_ax.axvspan(
        -L1_PULLS_HARDER_BELOW, L1_PULLS_HARDER_BELOW, color=style["band_color"], linewidth=0
    )
    slope_ax.annotate(
        L1_PULLS_HARDER_NOTE,
        (0, 1),
        xycoords=("data", "axes fraction"),
        xytext=(0, -LABEL_PAD_PT),
        textcoords="offset points",
        ha="center",
        va="top",
        color=style["text_color"],
    )
    # sign(w) jumps at 0: two branches, no line across the jump ...
    branches = np.where(w < 0, -1.0, np.where(w > 0, 1.0, np.nan))
    l1_look = line_look("l1", style)
    slope_ax.plot(w, branches, label="L1 slope", **l1_look)
    # ... and at 0 itself, where |w| has a corner, every slope from -1 to 1 (the subgradient).
    slope_ax.plot([0, 0], [-1, 1], label="L1 slope at 0", **l1_look)
    # Named below its lower end, right of it, clear of a diamond there: L2's line is above 0 on
    # that side and L1's is at +1.
    diamond = marker_look("l1", style)["markersize"]
    slope_ax.annotate(
        SUBGRADIENT_NOTE,
        (0, -1),
        xytext=(diamond, -LABEL_PAD_PT),
        textcoords="offset points",
        ha="left",
        va="top",
        color=style["text_color"],
    )
    slope_ax.plot(w, SLOPES["l2"](w), label="L2 slope", **line_look("l2", style))
    direct_labels(
        slope_ax,
        {
            NAMES["l1"]: (w[-1], branches[-1], style["l1_color"]),
            NAMES["l2"]: (w[-1], SLOPES["l2"](w[-1]), style["l2_color"]),
        },
    )

    zero_at = first_zero(ws["l1"].tolist())
    zoom = near_zero(slope_ax, ws, zero_at, style)

    distance = {loss: np.abs(ws[loss]) for loss in LOSSES}
    l1_step_size = descent["learning_rate"] * descent["lam"]
    # An L2 step is linear in w: the step from w = 1 is the factor every step multiplies w by.
    l2_factor = l2_step(1.0, descent["learning_rate"], descent["lam"])
    axis = log_axis(distance)
    drawn = axis["heights"]
    path_ax.set(
        title=f"|w| on a log scale; {METHODS[descent['l1_step']]}",
        # Each L1 step moves w by learning_rate * lam at most: equal steps that the log scale
        # draws ever longer as |w| shrinks.
        xlabel=f"step: L1 moves w by ≤ {l1_step_size:g}, L2 multiplies it by "
        f"{number(l2_factor, 'g')}\n(the log scale draws equal L1 steps longer near 0)",
        xlim=(-FOOTROOM * steps[-1], HEADROOM * steps[-1]),
    )
    break_mark = draw_floor_axis(path_ax, axis, style)
    right = path_ax.get_xlim()[1]  # the weights' readouts ride outside the right edge

    slope_marker, zoom_marker, path_line, path_marker, value, stairs = {}, {}, {}, {}, {}, {}
    for loss in LOSSES:
        look = line_look(loss, style)
        markers = marker_look(loss, style)
        if loss == "l2":  # above L1's: a halo keeps the L1 staircase in view
            look["path_effects"] = halo(style, look["linewidth"])
        (slope_marker[loss],) = slope_ax.plot([], [], **markers)
        if zoom:
            small = markers["markersize"] * ZOOM_SCALE
            (zoom_marker[loss],) = zoom.plot([], [], **(markers | {"markersize": small}))
        # The whole staircase, faint, from the first frame: the reader sees at once where each
        # weight goes, and the bold one drawing over it shows how. Drawn after the floor's line
        # and before its own staircase: over the one, under the other.
        (stairs[loss],) = path_ax.plot(
            steps,
            drawn[loss],
            drawstyle="steps-post",
            **ahead_look(look["color"], look["linewidth"], style),
        )
        # A staircase: each drop is one step. On the log scale L2's steps, which each multiply w
        # by the same factor, drop alike; L1's, each the same size, drop further as w shrinks.
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
        keep_room(
            path_ax, max((readout(loss, w) for w in ws[loss]), key=len), (right, axis["floor"])
        )
    step_label = path_ax.text(*STEP_LABEL, "", ha="right", va="top", transform=path_ax.transAxes)
    # Named on the floor, just left of where L1 lands or starts to cross 0 at every step: clear of
    # the diamond and of the lines above, which never come down to the floor before that step.
    # Where the run gets there too early to leave room left of it, a landing is said by the "0"
    # tick and L1's readout alone (right of it the diamond rides the floor); a sign flip, right of
    # it (``place_floor_note``).
    note_at, note = floor_note(ws["l1"].tolist(), descent, l1_step_size)
    zero_note = path_ax.annotate(
        note,
        (note_at or 0, axis["floor"]),
        xytext=(-diamond, LABEL_PAD_PT),
        textcoords="offset points",
        ha="right",
        va="bottom",
        color=style["text_color"],
    )
    flips = note_at is not None and zero_at is None
    place_floor_note(zero_note, path_ax, break_mark, list(stairs.values()), flips, diamond)

    def update(i: int) -> list[Artist]:
        for loss in LOSSES:
            w_now = ws[loss][i]
            slope_marker[loss].set_data([w_now], [SLOPES[loss](w_now)])
            if zoom:
                zoom_marker[loss].set_data([w_now], [SLOPES[loss](w_now)])
            path_line[loss].set_data(steps[: i + 1], drawn[loss][: i + 1])
            path_marker[loss].set_data([steps[i]], [drawn[loss][i]])
            value[loss].set_text(readout(loss, w_now))
        # L2's first: where the two are level (the first frame), L1's name goes above, where
        # it is on every later frame
        order = LOSSES[::-1]
        follow([value[loss] for loss in order], [(right, drawn[loss][i]) for loss in order])
        step_label.set_text(f"step {steps[i]}")
        zero_note.set_visible(note_at is not None and i >= note_at)
        # Bottom to top: lines, then markers, L1 (larger) below L2 so both show where they meet.
        moving = [path_line, slope_marker, zoom_marker, path_marker, value]  # no zoom: none
        return [artist[loss] for artist in moving for loss in LOSSES if loss in artist] + [
            step_label,
            zero_note,
        ]

    return fig, update
