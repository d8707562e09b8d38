"""Computational difficulty: the lasso is found by iterating, ridge by one linear solve.

Both are placed by the work they take, on one axis: passes over the data (maths/solvers.py counts
each method's multiply-adds), so ridge's one solve is not drawn as if it cost nothing. Top, one
measure for both: the relative distance to a solution found independently, for the lasso after
each sweep of coordinate descent (a tick per sweep) and for ridge after its one solve (a large
disc; no line: it would read as ridge iterating). Faint beside ridge, the same sweeps costed on
X'X, formed as ridge forms it: the lasso's cost depends on how it sweeps, its iterating does not.
A grey line at ridge's work runs through both panels: how far the lasso has come for the same
work. Each name is placed where it meets no curve, whatever the config. A distance at
round-off (its digits a machine's BLAS) is drawn at one level inside a grey band named
"round-off", which the lasso's sweeps approach. Bottom, the ten lasso coefficients of the diabetes
data after each sweep: they settle, some on exactly 0, each marked with L1's diamond at the sweep
from which it stays there. The title is measured.
"""

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import transforms
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import NullLocator

from l1l2figures.rendering.style import (
    LABEL_FONT,
    PATH_LINE_WIDTH,
    POINTS_PER_INCH,
    TITLE_CHARS,
    ahead_look,
    marker_look,
    meets,
    number,
    power_of_ten,
    zero_line_look,
)
from l1l2figures.words import ROUND_OFF, count, given, measured, passes

DISTANCE_HEADROOM = 10  # the distance axis reaches this factor beyond its extremes
LABEL_INSET = 0.03  # axes fraction: the band's name, this far in from the right
HEIGHT_RATIOS = [3, 2]  # the distance panel, then the coefficients
RIDGE_MARKER_SCALE = 2.0  # ridge's one solve is the point of the figure: a large disc
SWEEP_TICK_SCALE = 1.0  # a tick across the lasso's curve after each sweep, as tall as a marker
# At most this many ticks: more would merge into a band; then a tick marks every so many sweeps.
MAX_SWEEP_TICKS = 60
LABEL_OFFSET_PT = 10  # between a marker and the words beside it
# The work axes reach this share of their span beyond 0 and the last sweep: a disc or tick at
# either end is whole, however long the lasso takes.
WORK_MARGIN = 0.02
# Ridge's work is at most this share of the work axes' span: room right of its disc for its words,
# and left of the band's and the zeros' names.
RIDGE_SHARE = 0.25
# Where a distance under ROUND_OFF is drawn, inside the round-off band: the same on every machine.
ROUND_OFF_LEVEL = ROUND_OFF / DISTANCE_HEADROOM
# The axis' bottom, the band's: three decades under that level leave room for the band's name.
ROUND_OFF_FLOOR = ROUND_OFF_LEVEL / DISTANCE_HEADROOM**3
TICK_DECADES = 3  # between the distance axis' ticks, from ROUND_OFF up to 1
# The coefficients' axis is linear within this share of the largest |coefficient| around 0 and
# logarithmic beyond: a coefficient that settles near 0 stays apart from one exactly at 0.
LINEAR_SHARE = 1e-3
# Where the lassos' names may end (axes fraction), just above the round-off band: right first.
NAMES_RIGHT_ENDS = (1 - LABEL_INSET, 0.8, 0.65)
ZERO_ROOM = 2  # times that width: the coefficients' axis reaches at least this far either side of 0


def solvers_lesson(result: dict) -> str:
    """The title, two lines: ridge's one solve, at its measured accuracy (said as round-off, not by
    digits that differ between machines), and its work; then the lasso's sweeps, to the tolerance
    it settled to (or stopped short of), and their work, on the data and on X'X."""
    work = result["lasso_work"]
    sweeps = count(len(work) - 1, "sweep")
    if result["settled"]:
        lasso = f"{sweeps} to a tolerance of {given(result['tolerance'])}"  # as the config says it
    else:
        lasso = f"stopped unsettled after {sweeps}"
    ridge = (
        f"Ridge: one linear solve, {off_by(result['ridge_distance'])} "
        f"({passes(result['ridge_work'])} over the data);"
    )
    lasso = f"the lasso iterates: {lasso}"
    cost = f"({passes(work[-1])}, {measured(result['gram_lasso_work'][-1])} on X'X)"
    # the cost on a line of its own where the two would not fit on one
    joint = " " if len(lasso) + 1 + len(cost) <= TITLE_CHARS else "\n"
    return f"{ridge}\n{lasso}{joint}{cost}"


def off_by(distance: float) -> str:
    """ "off by 10⁻¹¹" (in the axis' notation), or "at round-off" for a distance below ROUND_OFF."""
    return "at round-off" if abs(distance) < ROUND_OFF else f"off by {power_of_ten(distance)}"


def drawn_distance(distance):
    """A distance as drawn: one under ROUND_OFF at ROUND_OFF_LEVEL."""
    distance = np.asarray(distance, dtype=float)
    return np.where(np.abs(distance) < ROUND_OFF, ROUND_OFF_LEVEL, distance)


def zero_landings(history: np.ndarray) -> np.ndarray:
    """For each coefficient that ends at exactly 0, the first sweep from which it stays there."""
    ends_at_zero = history[-1] == 0.0
    # Counted from the end: how many sweeps in a row each coefficient has been exactly 0.
    still_zero = np.cumprod(history[::-1] == 0.0, axis=0).sum(axis=0)
    return (len(history) - still_zero)[ends_at_zero]


def per_tick(sweeps: int) -> str:
    """ "per sweep", or "every 25 sweeps" where ticks are thinned (``sweeps_per_tick``)."""
    every = sweeps_per_tick(sweeps)
    return "per sweep" if every == 1 else f"every {every} sweeps"


def sweeps_per_tick(sweeps: int) -> int:
    """Every how many sweeps the lasso's curve carries a tick: every one, up to MAX_SWEEP_TICKS."""
    return max(1, math.ceil(sweeps / MAX_SWEEP_TICKS))


def name_lassos(ax, curves: list, ridge_name: Text, sweeps: int, style: dict) -> None:
    """Each lasso curve's name, in its colour, in the first of a few places clear of both curves
    and of the other names (``place_clear``). First the faint curve, nearly upright at ridge's
    work, whose places are fewest: right of its foot, above it or below it, else right of it just
    above the round-off band, else right of its middle. Then the lasso on the data: upper right,
    where the curves have fallen by then (they fall left to right), else just above the band,
    else halfway up on the right. ``curves``: the lasso's line on the data, then the faint one."""
    _, on_gram = curves
    ax.figure.draw_without_rendering()  # the layout, so that the words' extents are final
    name = {"color": style["l1_color"], **LABEL_FONT}
    gram_x, gram_y = on_gram.get_data()
    beside = transforms.offset_copy(ax.transData, ax.figure, x=LABEL_OFFSET_PT, units="points")
    above_band = ROUND_OFF * DISTANCE_HEADROOM
    middle = len(gram_x) // 2
    faint = ax.text(0, 0, f"faint: the same {count(sweeps, 'sweep')} on X'X", **name)
    place_clear(
        faint,
        [
            (gram_x[-1], "left", gram_y[-1], beside, "bottom"),
            (gram_x[-1], "left", gram_y[-1], beside, "top"),
            (gram_x[-1], "left", above_band, beside, "bottom"),
            (gram_x[middle], "left", gram_y[middle], beside, "center"),
        ],
        [*curves, ridge_name],
        style,
    )
    right = 1 - LABEL_INSET
    lasso = ax.text(0, 0, f"lasso: a tick {per_tick(sweeps)}", **name)
    place_clear(
        lasso,
        [
            (right, "right", right, ax.transAxes, "top"),
            *(
                (end, "right", above_band, ax.get_yaxis_transform(), "bottom")
                for end in NAMES_RIGHT_ENDS
            ),
            (right, "right", 0.5, ax.transAxes, "center"),
        ],
        [*curves, ridge_name, faint],
        style,
    )


def place_clear(text, places: list, avoid: list, style: dict) -> None:
    """``text`` at the first of ``places`` ((x, ha, y, transform, va)) where it meets none of the
    lines or texts in ``avoid``, or at the first if none is clear."""
    text.set_in_layout(False)  # placed once the layout is made: it must not change it
    fig = text.figure
    # a line's reach beyond its path: half its ticks' height, and a point to spare
    reach_px = (style["marker_size"] * SWEEP_TICK_SCALE / 2 + 1) * fig.dpi / POINTS_PER_INCH
    for x, ha, y, transform, va in [*places, places[0]]:
        text.set(x=x, y=y, ha=ha, va=va, transform=transform)
        box = text.get_window_extent().padded(reach_px)
        if not any(meets(box, other) for other in avoid):
            return


def solvers_figure(result: dict, style: dict) -> Figure:
    history = np.array(result["lasso_history"])
    work = np.array(result["lasso_work"])
    ridge_work = result["ridge_work"]
    span = max(work[-1], ridge_work / RIDGE_SHARE)
    work_limits = (-WORK_MARGIN * span, span * (1 + WORK_MARGIN))
    zeros = int(np.sum(history[-1] == 0.0))
    fig, (gap_ax, path_ax) = plt.subplots(
        2,
        1,
        figsize=style["size_in"],
        dpi=style["dpi"],
        layout="constrained",
        height_ratios=HEIGHT_RATIOS,
        sharex=True,
    )
    fig.suptitle(solvers_lesson(result))

    # The start (all zeros) is at distance 1; the sweeps after it show the convergence. Under
    # ROUND_OFF, a grey band: its digits are a machine's, so what falls there is drawn at one level.
    gap_ax.axhspan(ROUND_OFF_FLOOR, ROUND_OFF, color=style["band_color"])
    gap_ax.annotate(  # at the band's foot, under ridge's name at its level
        f"round-off (under {power_of_ten(ROUND_OFF)})",  # in the axis' own notation, beside it
        (1 - LABEL_INSET, ROUND_OFF_FLOOR),
        xycoords=gap_ax.get_yaxis_transform(),
        xytext=(0, LABEL_OFFSET_PT / 2),
        textcoords="offset points",
        ha="right",
        va="bottom",
        color=style["text_color"],
    )
    # Ridge's work, through both panels: where the lasso stands after as much work (grey: context).
    for ax in (gap_ax, path_ax):
        ax.axvline(ridge_work, color=style["contour_color"], linewidth=PATH_LINE_WIDTH)
    # named on a top axis of its own: a name inside the panel would meet the curves at some configs
    named = gap_ax.secondary_xaxis("top")
    named.set_xticks([ridge_work], ["ridge's work"])
    named.tick_params(length=0)
    named.spines["top"].set_visible(False)
    lasso = drawn_distance(result["lasso_distance"])
    # a tick across the curve after each sweep (or every so many), none at the start
    every = sweeps_per_tick(len(work) - 1)
    sweep_ticks = {
        "color": style["l1_color"],
        "linewidth": style["line_width"],
        "marker": "|",
        "markersize": style["marker_size"] * SWEEP_TICK_SCALE,
        "markeredgewidth": style["line_width"] / 2,
        "markevery": slice(every, None, every),
    }
    (on_data,) = gap_ax.semilogy(work, lasso, **sweep_ticks)
    # The same sweeps on X'X, formed as ridge forms it: faint, the lesser version of the lasso's
    # cost here, and the one that says its cost depends on how it sweeps.
    gram = np.array(result["gram_lasso_work"])
    faint = ahead_look(style["l1_color"], style["line_width"], style)
    (on_gram,) = gap_ax.semilogy(gram, lasso, **sweep_ticks | {"alpha": faint["alpha"]})
    ridge = drawn_distance(result["ridge_distance"])
    # Ridge is one disc at its work and no line: a line across the work would read as iterations.
    ridge_marker = marker_look("l2", style)
    ridge_marker["markersize"] *= RIDGE_MARKER_SCALE
    gap_ax.semilogy([ridge_work], [ridge], **ridge_marker)
    ridge_name = gap_ax.annotate(  # beside its disc; the band under it says what round-off is
        "ridge: one linear solve",
        (ridge_work, ridge),
        xytext=(LABEL_OFFSET_PT * 2, 0),
        textcoords="offset points",
        va="center",
        color=style["l2_color"],
        **LABEL_FONT,
    )
    gap_ax.set(
        # b*: each method's reference, computed another way (maths.solvers); the y label says the
        # distance is relative. The alphas go to the words: on differently scaled objectives,
        # side by side they would invite a comparison they do not support.
        title="distance to a reference solution b*",
        ylabel="‖b − b*‖ / ‖b*‖",
        xlim=work_limits,
    )
    gap_ax.set_ylim(ROUND_OFF_FLOOR, DISTANCE_HEADROOM)
    # No ticks inside the band: what is drawn there is "round-off", not a value to read off.
    gap_ax.set_yticks(10.0 ** np.arange(math.log10(ROUND_OFF), 1, TICK_DECADES))
    gap_ax.yaxis.set_minor_locator(NullLocator())

    path_ax.plot(work, history, color=style["l1_color"], linewidth=PATH_LINE_WIDTH)
    path_ax.axhline(0, **zero_line_look(style))
    largest = np.max(np.abs(history))
    title = "the lasso's coefficients after each sweep"
    if largest > 0:
        title += " (log scale away from 0)"
        linear_to = LINEAR_SHARE * largest
        path_ax.set_yscale("symlog", linthresh=linear_to)
        # 0 and every second power of 10 each way, down from the largest: few enough to read.
        powers = 10.0 ** np.arange(math.floor(math.log10(largest)), math.log10(linear_to), -2)
        ticks = [*-powers, 0, *powers[::-1]]
        path_ax.set_yticks(ticks, [number(tick, "g") for tick in ticks])
        path_ax.yaxis.set_minor_locator(NullLocator())
        # room round 0 either way, where the diamonds sit, though every coefficient keep one sign
        low, high = path_ax.get_ylim()
        room = ZERO_ROOM * linear_to
        path_ax.set_ylim(min(low, -room), max(high, room))
    else:  # every coefficient 0 throughout: a plain axis round it, not one of round-off widths
        path_ax.set_ylim(-1, 1)
        path_ax.set_yticks([0], ["0"])
    n, p = result["samples"], history.shape[1]
    path_ax.set(
        title=title,
        xlabel=f"work: passes over the data (each {n} × {p} multiply-adds)",
        ylabel="coefficient",
    )
    if zeros:
        landings = work[zero_landings(history)]
        path_ax.plot(landings, np.zeros_like(landings), **marker_look("l1", style))
        path_ax.annotate(
            # "on" claims what the run has not shown where it stopped unsettled
            f"\N{BLACK DIAMOND} exactly 0 from there {'on' if result['settled'] else 'to the end'}"
            f" ({zeros} of {history.shape[1]})",
            (work_limits[1], 0),
            xytext=(0, LABEL_OFFSET_PT),
            textcoords="offset points",
            ha="right",
            va="bottom",
            color=style["text_color"],
        )
    if np.isfinite(lasso).any():  # else no distance, no curve to name (the title says why)
        name_lassos(gap_ax, [on_data, on_gram], ridge_name, len(work) - 1, style)
    return fig
