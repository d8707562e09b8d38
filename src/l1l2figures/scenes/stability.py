"""Stability, quantified: how far each fit moves as the outlier of the sweep moves, and what a jump
looks like.

Top, each fit's move: how far the outlier drags each fit from the fit without it (the band of the
sweep figure, as a mean over the prediction grid), the sweep's own move curves, with a grey tick
under each position where both are moved about as far (its heading's count, drawn). Then the jumps:
how much each fit changes between two neighbouring outlier positions, drawn as stems (a tree fit
jumps, it does not slide: a line joining the jumps would draw slopes that are not there), marked
with the method's marker where a fit changes shape. Both are means over the prediction grid. The
grey band, named on the figure, marks the x range of the sweep's points (all but the outlier): the
only grey fill that is not an axis. Last, the two measures drawn on the fits, as the sweep draws
them (its key under them): a move where one fit is moved furthest beyond the other, and the largest
jump, with the fits one position earlier faint. The titles are measured; the headline is the
figure's own finding, which fit jumps more where the outlier passes a point (the sweep's title
already says how far it moves each), and the jumps' panel sums them.
"""

import textwrap

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import transforms
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D

from l1l2figures.maths.stability import (
    NAMES,
    SHAPE_CHANGE_FACTOR,
    crossing_lesson,
    crossings,
    drawn_jumps,
    experiment_note,
    large_jumps,
    largest_jump,
    move_sentence,
    strongest_contrast,
    sweep_lesson,
    total_jumps,
)
from l1l2figures.rendering.style import (
    TITLE_CHARS,
    ahead_alpha,
    direct_labels,
    line_look,
    marker_look,
    number,
    zero_line_look,
)
from l1l2figures.scenes.outlier_sweep import (
    GRID_LINE_SCALE,
    MoveCurves,
    OutlierPanel,
    add_key,
)
from l1l2figures.words import told_apart
from l1l2figures.words.outlier_sweep import position_decimals

# The moves' heading in lines of at most this many characters: clear of the tick's key on their
# right (the line defining a move under them has 64).
MOVES_HEADING_CHARS = 70
FOOTROOM = 0.06  # of the jump axis' height, below 0
# The jump axis reaches this times the largest jump: its tip is whole, and the key fits above it
# (a key beside the title would collide with it).
KEY_ROOM = 1.55
# The moves, the jumps, then a move and a jump drawn on the fits.
PANEL_HEIGHTS = (0.9, 0.8, 1.4)
# Below the lowest and above the highest value in the fits' panels, as a fraction of their span: a
# point there is drawn whole in panels this short.
FITS_MARGIN = 0.12
POINTER_GAP_PT = 10  # the pointer to the fits drawn below, right of the largest jump's tips
# A step's stems: L1's (the wider) left of the step's midpoint, L2's right, a gap between them.
STEM_SHIFT_PT = {"l1": -3.0, "l2": 3.0}
# The stems' tips, smaller than the fits' markers: two jumps of a step about as tall would otherwise
# hide one tip under the other.
TIP_SCALE = 0.7
POINT_DOT_SCALE = 0.6  # the points' x under the jumps: a point's disc, smaller than the stems' tips
# what a stem's tip means: its other stems are drawn too, without one
SHAPE_CHANGE_KEY = f"a fit changes shape (jump over {SHAPE_CHANGE_FACTOR:g}× the median)"
KEY_MARKER_SCALE = 0.7  # the key's markers smaller than the stems' tips: a key, not data


def fitted_lines(text: str, width: int) -> str:
    """``text`` broken where it breaks (after a clause) if every line fits in ``width`` characters;
    otherwise wrapped whole into as few lines, of lengths as even as they can be, so that no word
    or two is left on a line of its own."""
    if max(len(line) for line in text.splitlines()) <= width:
        return text
    words = " ".join(text.splitlines())
    n_lines = len(textwrap.wrap(words, width))
    while width > 1 and len(textwrap.wrap(words, width - 1)) == n_lines:
        width -= 1
    return textwrap.fill(words, width)


def stability_figure(
    measures: dict, data: dict, fits: dict[str, np.ndarray], style: dict
) -> Figure:
    base_x = data["base_x"]
    fig = plt.figure(figsize=style["size_in"], dpi=style["dpi"], layout="constrained")
    grid = fig.add_gridspec(3, 2, height_ratios=PANEL_HEIGHTS)
    shift_ax = fig.add_subplot(grid[0, :])
    jump_ax = fig.add_subplot(grid[1, :], sharex=shift_ax)
    # both halves of stability, each drawn by a panel: how far the fits move (the sweep's own
    # curves), how much they jump
    # The figure's own lesson leads: how suddenly each fit moves where the outlier passes a point
    # (the sweep's title already says how far); how far heads the moves' panel.
    far = sweep_lesson(measures["l1_shift"], measures["l2_shift"], line_break="\n")
    heading = fitted_lines(f"{far[0].lower()}{far[1:]}", MOVES_HEADING_CHARS)
    moves = MoveCurves(shift_ax, measures, style, base_x, animated=False, heading=heading)
    shift_ax.set_ylabel("mean move")
    x_format = f".{position_decimals(measures['outlier_x'], base_x)}f"
    step = largest_jump(measures)
    positions = tuple(number(measures["outlier_x"][i], x_format) for i in (step, step + 1))
    passed = crossing_lesson(crossings(base_x, measures), line_break="\n")
    headline = fitted_lines(f"{passed[0].upper()}{passed[1:]}" if passed else far, TITLE_CHARS)
    fig.suptitle(headline, wrap=True)  # wrap: a last guard against running off the edges
    # A jump is the fit's own change, not its move's: the move curve's risers are not stems.
    total = told_apart(list(total_jumps(measures).values()))
    jump_ax.set_title(
        "each fit's jump as the outlier steps (how much the fit itself changes)\n"
        f"summed over the sweep: L1 {total[0]}, L2 {total[1]}",
        loc="left",
        fontsize="small",  # as the moves' title above
    )
    # the points' x under the jumps (where the outlier passes a point, the trees split anew), and
    # the key inside, above the tallest stem (KEY_ROOM)
    dot = {"marker": "o", "linestyle": "none", "color": style["point_color"]}
    dot["markersize"] = POINT_DOT_SCALE * style["marker_size"]
    (points,) = jump_ax.plot(base_x, np.zeros(len(base_x)), clip_on=False, **dot)
    tips = tuple(Line2D([], [], **marker_look(loss, style)) for loss in NAMES)
    jump_ax.legend(
        [tips, points],
        [SHAPE_CHANGE_KEY, "a point's x"],
        handler_map={tuple: HandlerTuple(ndivide=None)},
        loc="upper left",
        ncols=2,
        frameon=False,
        fontsize="small",
        borderaxespad=0.2,
        markerscale=KEY_MARKER_SCALE,
    )
    jump_ax.set(xlabel="outlier x", ylabel="mean |jump|")
    jump_ax.axvspan(min(base_x), max(base_x), color=style["band_color"], linewidth=0)
    jump_ax.axhline(0, **zero_line_look(style))
    large, drawn = large_jumps(measures), drawn_jumps(measures)
    stems = np.asarray(measures["midpoint_x"])
    # Room below 0 and above the largest jump for the markers: a marker there is whole. (Stems
    # drawn off their values, by points, are not counted by matplotlib's autoscaling.)
    largest = max(max(measures[f"{loss}_jump"]) for loss in NAMES)
    top = KEY_ROOM * largest if largest else 1.0  # no jump at all: a unit axis
    for loss in NAMES:
        jumps = np.asarray(measures[f"{loss}_jump"])
        # Both stems of a step side by side (STEM_SHIFT_PT): they read as one step, and both show.
        apart = transforms.offset_copy(
            jump_ax.transData, fig, x=STEM_SHIFT_PT[loss], units="points"
        )
        shown = drawn[loss]
        jump_ax.vlines(stems[shown], 0, jumps[shown], transform=apart, **line_look(loss, style))
        tipped = large[loss]
        tip = marker_look(loss, style)
        tip["markersize"] *= TIP_SCALE
        jump_ax.plot(stems[tipped], jumps[tipped], transform=apart, **tip)
    jump_ax.set_ylim(-FOOTROOM * top, top)
    # the largest jump's stems point to the fits drawn below them
    jump_ax.annotate(
        "this jump, drawn below",
        (stems[step], max(measures[f"{loss}_jump"][step] for loss in NAMES)),
        xytext=(POINTER_GAP_PT, 0),
        textcoords="offset points",
        va="center",
        fontsize="small",
        color=style["text_color"],
    )
    fits_ax = draw_fits(fig, grid[2, :], step, positions, measures, data, fits, style)
    # Each move named at its right end (the sweep may run either way), once the layout is done:
    # the names are spread apart by their distance on screen.
    fig.draw_without_rendering()
    moves.name_curves(style)
    ends = {loss: (fits["prediction_x"][-1], fits[f"{loss}_without"][-1]) for loss in NAMES}
    direct_labels(fits_ax, {NAMES[loss]: (*ends[loss], style[f"{loss}_color"]) for loss in NAMES})
    return fig


def draw_fits(
    fig,
    cell,
    step: int,
    positions: tuple[str, str],
    measures: dict,
    data: dict,
    fits: dict,
    style: dict,
) -> Axes:
    """What the two measures are, drawn on the fits as the sweep draws them (its key under them,
    titled with what the sweep tests): left, a move, where one fit is moved furthest beyond the
    other; right, the jump ``step`` (from and to ``positions``, as the heading prints them), the
    fits one position earlier faint. Returns the left one's
    axes, whose fits without the outlier the figure names once the layout is done (on the right,
    a name would sit beside a faint line as often as beside its own)."""
    moved, before, after = strongest_contrast(measures), step, step + 1
    curves = {i: {loss: fits[f"{loss}_with"][i] for loss in NAMES} for i in (moved, before, after)}
    # y covers the points, the outlier and every curve drawn, with room for a point's marker
    shown = np.concatenate(
        [data["base_y"], [data["outlier_y"]]]
        + [fits[f"{loss}_without"] for loss in NAMES]
        + [curve for at in curves.values() for curve in at.values()]
    )
    margin = FITS_MARGIN * np.ptp(shown)
    limits = {
        "x_limits": [fits["prediction_x"][0], fits["prediction_x"][-1]],
        "y_limits": [shown.min() - margin, shown.max() + margin],
    }
    panel_style = style | {"line_width": style["line_width"] * GRID_LINE_SCALE}
    move_ax, jump_ax = cell.subgridspec(1, 2).subplots(sharey=True)
    move = OutlierPanel(move_ax, data, fits, panel_style, limits)
    move.show(fits["outlier_x"][moved], curves[moved])
    shift = (measures["l1_shift"][moved], measures["l2_shift"][moved])
    at = number(fits["outlier_x"][moved], move.x_format)
    move_ax.set_title(f"a move: outlier at x = {at}\n{move_sentence(*shift)}", fontsize="small")

    jump = OutlierPanel(jump_ax, data, fits, panel_style, limits)
    jump.show(fits["outlier_x"][after], curves[after])
    for loss in NAMES:  # the jump only: not the fit without the outlier, nor the move
        jump.solid[loss].set_visible(False)
        jump.move[loss].set_visible(False)
        # one position earlier: the same dashed line, seen through (as wide: it is a fit too)
        now = jump.with_outlier[loss]
        jump_ax.plot(
            fits["prediction_x"],
            curves[before][loss],
            "--",
            color=now.get_color(),
            linewidth=now.get_linewidth(),
            alpha=ahead_alpha(style),
            drawstyle=now.get_drawstyle(),
            transform=now.get_transform(),
        )
    # The outlier's ring is drawn where it is now only: one step earlier it lay a few pixels
    # away, under this one; the title gives both positions.
    start, end = positions
    printed = told_apart([measures[f"{loss}_jump"][step] for loss in NAMES])
    sizes = ", ".join(f"{NAMES[loss]} {value}" for loss, value in zip(NAMES, printed, strict=True))
    jump_ax.set_title(
        f"a jump: outlier from x = {start} to {end}\nfaint: the fits at {start}\nmean |jump|: {sizes}",
        fontsize="small",
    )
    jump_ax.set_ylabel("")
    add_key(fig, panel_style, data, title=experiment_note(data["outlier_y"], data["base_y"]))
    return move_ax
