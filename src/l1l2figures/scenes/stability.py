"""Stability, quantified: how far each fit moves as the outlier of the sweep moves, and what a jump
looks like.

Top, each fit's move: how far the outlier drags each fit from the fit without it (the band of the
sweep figure, as a mean over the prediction grid). Under it, the sweep's state track: a cell per
position in the colour of the fit moved further there, grey where both moved about as far (the
title's count, drawn). Then the jumps: how much each fit changes between two neighbouring outlier
positions, drawn as stems (a tree fit jumps, it does not slide: a line joining the jumps would draw
slopes that are not there), marked with the method's marker where a fit changes shape. Both are
means over the prediction grid. The grey band, named on the figure, marks the x range of the sweep's
points (all but the outlier): the only grey that is not an axis or a track cell. Last, the fits
themselves on either side of the largest jump, drawn as the sweep draws them (its key, under them):
the step a tree's split takes there is the jump the stems measure. The titles are measured.
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
    largest_jump,
    move_sentence,
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
    stem_look,
    zero_line_look,
)
from l1l2figures.scenes.outlier_sweep import (
    GRID_LINE_SCALE,
    TRACK_HEIGHT_RATIO,
    OutlierPanel,
    StateTrack,
    add_key,
)
from l1l2figures.words import count

BAND_LABEL_Y = 0.97  # axes fraction: the band's name at the top of the band, above the curves
BAND_LABEL_ROOM = 1.35  # the move axis reaches this times its automatic top: room for the name
FOOTROOM = 0.06  # of the jump axis' height, below 0
MARKER_ROOM = 1.08  # the jump axis reaches this times its automatic top
# The stems' tips are this much of the method's marker: L1's and L2's tips, as far apart as their
# stems (STEM_OFFSET_PT), then touch without covering each other.
TIP_SCALE = 0.75
# The move, the track, the jumps, then the fits either side of the largest jump. The track twice
# the sweep's share of height: here it lies between two plots, not under one.
PANEL_HEIGHTS = (0.9, 2 * TRACK_HEIGHT_RATIO, 0.7, 1.4)
# Below the lowest and above the highest value in the fits' panels, as a fraction of their span: a
# point there is drawn whole in panels this short.
FITS_MARGIN = 0.12
POINTER_GAP_PT = 10  # the pointer to the fits drawn below, right of the largest jump's tips
KEY_MARKER_SCALE = 0.7  # the key's markers smaller than the stems' tips: a key, not data


def stability_figure(
    measures: dict, data: dict, fits: dict[str, np.ndarray], style: dict
) -> Figure:
    base_x = data["base_x"]
    fig = plt.figure(figsize=style["size_in"], dpi=style["dpi"], layout="constrained")
    grid = fig.add_gridspec(4, 2, height_ratios=PANEL_HEIGHTS)
    shift_ax = fig.add_subplot(grid[0, :])
    track_ax = fig.add_subplot(grid[1, :], sharex=shift_ax)
    jump_ax = fig.add_subplot(grid[2, :], sharex=shift_ax)
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
        f"each fit's move: mean |with − without the outlier| over x in [{low}, {high}]",
        loc="left",
    )
    shift_ax.set_ylabel("mean move")
    x = np.asarray(measures["outlier_x"])
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
    for loss in NAMES:
        look = line_look(loss, style)
        if loss == "l2":
            look["path_effects"] = halo(style, look["linewidth"])
        # steps, not slopes: a fit's move changes where a tree split moves, in between it holds
        shift_ax.plot(
            x, measures[f"{loss}_shift"], drawstyle="steps-mid", label=f"{NAMES[loss]} move", **look
        )
        # L1's stems left of the midpoint between two positions, L2's right, a few points apart
        apart = stem_look(jump_ax, loss, style)["transform"]
        stems = np.asarray(measures["midpoint_x"])
        jumps = np.asarray(measures[f"{loss}_jump"])
        jump_ax.vlines(
            stems, 0, jumps, color=look["color"], linewidth=style["line_width"], transform=apart
        )
        marked = [i for i in range(len(jumps)) if i + 1 in changes]
        tip = marker_look(loss, style) | {"markersize": TIP_SCALE * style["marker_size"]}
        jump_ax.plot(stems[marked], jumps[marked], transform=apart, **tip)
    direct_labels(
        shift_ax,
        {
            NAMES[loss]: (x[-1], measures[f"{loss}_shift"][-1], style[f"{loss}_color"])
            for loss in NAMES
        },
    )
    shift_ax.set_ylim(0, BAND_LABEL_ROOM * shift_ax.get_ylim()[1])
    # Room below 0 and above the largest jump for the markers: a marker there is whole. (Stems
    # drawn off their values, by points, are not counted by matplotlib's autoscaling.)
    largest = max(max(measures[f"{loss}_jump"]) for loss in NAMES)
    top = MARKER_ROOM * (largest or jump_ax.get_ylim()[1])  # no jump at all: the automatic axis
    jump_ax.set_ylim(-FOOTROOM * top, top)
    # the largest jump's stems point to the fits drawn below them
    step = largest_jump(measures)
    jump_ax.annotate(
        "this jump, drawn below",
        (measures["midpoint_x"][step], largest),
        xytext=(POINTER_GAP_PT, 0),
        textcoords="offset points",
        va="center",
        fontsize="small",
        color=style["text_color"],
    )
    draw_jump(fig, grid[3, :], step, measures, data, fits, style)
    return fig


def draw_jump(fig, cell, step: int, measures: dict, data: dict, fits: dict, style: dict) -> None:
    """The fits either side of the jump ``step``, each drawn as the sweep's grid draws a position,
    under the sweep's key (titled with what the sweep tests)."""
    before, after = step, step + 1
    grid_x = fits["prediction_x"]
    curves = {i: {loss: fits[f"{loss}_with"][i] for loss in NAMES} for i in (before, after)}
    # y covers the points, the outlier and every curve drawn, with room for a point's marker
    shown = np.concatenate(
        [data["base_y"], [data["outlier_y"]]]
        + [fits[f"{loss}_without"] for loss in NAMES]
        + [curve for at in curves.values() for curve in at.values()]
    )
    margin = FITS_MARGIN * np.ptp(shown)
    limits = {
        "x_limits": [grid_x[0], grid_x[-1]],
        "y_limits": [shown.min() - margin, shown.max() + margin],
    }
    panel_style = style | {"line_width": style["line_width"] * GRID_LINE_SCALE}
    axes = cell.subgridspec(1, 2).subplots(sharey=True)
    heading = {before: "before the largest jump", after: "one position on"}
    for ax, i in zip(axes, (before, after), strict=True):
        panel = OutlierPanel(ax, data, fits, panel_style, limits)
        panel.show(fits["outlier_x"][i], curves[i])
        panel.position.set_visible(False)  # the title says where the outlier is
        at = number(fits["outlier_x"][i], panel.x_format)
        moved = move_sentence(measures["l1_shift"][i], measures["l2_shift"][i])
        ax.set_title(f"{heading[i]}: outlier at x = {at}\n{moved}", fontsize="small")
    axes[1].set_ylabel("")
    add_key(fig, panel_style, data, title=experiment_note(data["outlier_y"], data["base_y"]))
    # The names are spread apart by their distance on screen: measured once the layout has made
    # these short panels as short as they will be.
    fig.draw_without_rendering()
    panel.name_lines(style)
