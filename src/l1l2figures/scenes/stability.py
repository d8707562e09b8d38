"""Stability, quantified: how far each fit moves as the outlier of the sweep moves.

Top, each fit's move: how far the outlier drags each fit from the fit without it (the band of the
sweep figure, as a mean over the prediction grid), titled with what the sweep tests. Under it, the
sweep's state track: a cell per position in the colour of the fit moved further there, grey where
both moved about as far (the title's count, drawn). Bottom, the jumps: how much each fit changes
between two neighbouring outlier positions, drawn as stems (a tree fit jumps, it does not slide: a
line joining the jumps would draw slopes that are not there), marked with the method's marker where
a fit changes shape. Both are means over the prediction grid. The grey band, named on the figure,
marks the x range of the sweep's points (all but the outlier): the only grey that is not an axis or
a track cell. The title and the jump panel's title are measured.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D

from l1l2figures.maths.stability import (
    NAMES,
    SHAPE_CHANGE_FACTOR,
    experiment_note,
    jump_lesson,
    shape_changes,
    sweep_lesson,
    total_jumps,
)
from l1l2figures.rendering.style import (
    direct_labels,
    halo,
    line_look,
    marker_look,
    number,
    zero_line_look,
)
from l1l2figures.scenes.outlier_sweep import TRACK_HEIGHT_RATIO, StateTrack
from l1l2figures.words import count

BAND_LABEL_Y = 0.97  # axes fraction: the band's name at the top of the band, above the curves
BAND_LABEL_ROOM = 1.35  # the move axis reaches this times its automatic top: room for the name
FOOTROOM = 0.06  # of the jump axis' height, below 0
MARKER_ROOM = 1.08  # the jump axis reaches this times its automatic top
STEM_OFFSET = 0.2  # of a step between positions: L1's stems left of the midpoint, L2's right
# The move panel's title has three lines (what the sweep tests, then what it plots): it gets the
# larger share of the height so its plot stays as tall as the jumps'. Between them, the sweep's
# state track, as thin as under the animation.
# The track twice the sweep's share of height: here it lies between two plots, not under one.
PANEL_HEIGHTS = (1.35, 2 * TRACK_HEIGHT_RATIO, 1)
KEY_MARKER_SCALE = 0.7  # the key's markers smaller than the stems' tips: a key, not data


def stability_figure(measures: dict, data: dict, style: dict) -> Figure:
    base_x = data["base_x"]
    fig = plt.figure(figsize=style["size_in"], dpi=style["dpi"], layout="constrained")
    grid = fig.add_gridspec(3, 1, height_ratios=PANEL_HEIGHTS)
    shift_ax = fig.add_subplot(grid[0])
    track_ax = fig.add_subplot(grid[1], sharex=shift_ax)
    jump_ax = fig.add_subplot(grid[2], sharex=shift_ax)
    # the sweep's own track: which fit moved further at each position, the title's count drawn
    StateTrack(track_ax, shift_ax, measures, style)
    track_ax.tick_params(axis="x", labelbottom=False)
    # both halves of stability, each drawn by a panel: how far the fits move, how much they jump
    fig.suptitle(
        sweep_lesson(measures["l1_shift"], measures["l2_shift"])
        + ";\n"
        + jump_lesson(total_jumps(measures))
    )
    low, high = (number(v, "g") for v in measures["mean_over_x"])
    shift_ax.set_title(
        experiment_note(data["outlier_y"], data["base_y"])
        + f"\neach fit's move: mean |with − without the outlier| over x in [{low}, {high}]"
    )
    shift_ax.set_ylabel("mean move")
    x = np.asarray(measures["outlier_x"])
    midpoints = np.asarray(measures["midpoint_x"])
    step = float(np.median(np.diff(x))) if len(x) > 1 else 1.0
    jump_ax.set_title("each fit's jump as the outlier moves one position", loc="left")
    # the stems' tip markers keyed beside the title, above the stems: a key inside would hide some
    tips = tuple(Line2D([], [], **marker_look(loss, style)) for loss in NAMES)
    jump_ax.legend(
        [tips],
        # both tips where either fit's jump is large: said, so a small stem's tip claims no change
        [f"either fit jumps over {SHAPE_CHANGE_FACTOR:g}× the median"],
        handler_map={tuple: HandlerTuple(ndivide=None)},
        loc="lower right",
        bbox_to_anchor=(1, 1),
        frameon=False,
        fontsize="small",
        borderaxespad=0,
        markerscale=KEY_MARKER_SCALE,
    )
    jump_ax.set(xlabel="outlier x", ylabel="mean |jump|")
    for ax in (shift_ax, jump_ax):
        ax.axvspan(min(base_x), max(base_x), color=style["band_color"], linewidth=0)
        ax.axhline(0, **zero_line_look(style))
    shift_ax.text(
        (min(base_x) + max(base_x)) / 2,
        BAND_LABEL_Y,
        f"x range of\nthe {count(len(base_x), 'point')}",
        transform=shift_ax.get_xaxis_transform(),
        ha="center",
        va="top",
        fontsize="small",
        color=style["text_color"],
    )
    changes = set(shape_changes(measures))
    for sign, loss in zip((-1, 1), NAMES, strict=True):
        look = line_look(loss, style)
        if loss == "l2":
            look["path_effects"] = halo(style, look["linewidth"])
        # steps, not slopes: a fit's move changes where a tree split moves, in between it holds
        shift_ax.plot(
            x, measures[f"{loss}_shift"], drawstyle="steps-mid", label=f"{NAMES[loss]} move", **look
        )
        stems = midpoints + sign * STEM_OFFSET * step
        jumps = np.asarray(measures[f"{loss}_jump"])
        jump_ax.vlines(stems, 0, jumps, color=look["color"], linewidth=style["line_width"])
        marked = [i for i in range(len(jumps)) if i + 1 in changes]
        jump_ax.plot(stems[marked], jumps[marked], **marker_look(loss, style))
    direct_labels(
        shift_ax,
        {
            NAMES[loss]: (x[-1], measures[f"{loss}_shift"][-1], style[f"{loss}_color"])
            for loss in NAMES
        },
    )
    shift_ax.set_ylim(0, BAND_LABEL_ROOM * shift_ax.get_ylim()[1])
    # Room below 0 and above the largest jump for the markers: a marker there is whole.
    top = MARKER_ROOM * jump_ax.get_ylim()[1]
    jump_ax.set_ylim(-FOOTROOM * top, top)
    return fig
