"""Sparsity: the L1 diamond's corners give exact zeros, the L2 disc gives none.

The main panel is the constraint picture (Hastie, Tibshirani and Friedman's Figure 3.11): least
squares restricted to the diamond |b1| + |b2| <= t (L1) and to the disc b1² + b2² <= t² (L2). The
loss's contours are grey ellipses round its centre (the cross); each solution (diamond for L1, disc
for L2) is where the smallest contour touches its region (the thin contour through it, in its
method's colour). As the centre moves, the L1 solution sits on a corner, one coefficient exactly 0,
for whole stretches; the L2 solution slides round the circle. The centre's path is a dot per frame,
in L1's colour where L1's solution has an exact 0: the title's count, drawn. The readout above the
picture keeps one layout on every frame. Beside it, smaller, the same on real data: lasso and ridge
coefficient paths of the diabetes data against the size of b (as a fraction of its largest on the
path, each in its own norm), a common axis for both, each method's marker on the zero line where a
coefficient reaches or leaves exactly 0. Along the bottom, each solution's smaller |coefficient|
against the centre's angle, on a log scale with exactly 0 on a floor below it: where L2's solution
is a hundredth from an axis, its disc sits on L1's diamond in the picture, and the strip still
draws one on the floor and the other above it. The animation holds where the L1 solution reaches
or leaves a corner, and its poster is a frame with L1 on a corner and L2 far from any axis.
"""

import math
from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Polygon

from l1l2figures.maths.sparsity import (
    axis_crossings,
    corner_contrast,
    loss,
    sparsity_lesson,
    zero_changes,
    zero_coefficients,
    zero_ends,
)
from l1l2figures.rendering.pacing import Moments
from l1l2figures.rendering.style import (
    LABEL_FONT,
    PATH_LINE_WIDTH,
    ahead_look,
    line_look,
    marker_look,
    number,
    zero_line_look,
)
from l1l2figures.rendering.zero_floor import draw_floor_axis, log_axis
from l1l2figures.words import count

ELLIPSE_POINTS = 241  # samples of each contour ellipse
GREY_LEVELS = (0.25, 1.0)  # loss values of the grey contours
CONTOUR_WIDTH = 1.2  # contours are context: thinner than the regions they touch
# The contour through each solution: L1's wide enough to show a band either side of L2's when
# both solutions lie on the same level.
TOUCHING_WIDTH = {"l1": 3.0, "l2": CONTOUR_WIDTH}
NAMES = {"l1": "L1", "l2": "L2"}
PATH_METHODS = {"l1": "lasso", "l2": "ridge"}
NORM_ORDER = {"l1": 1, "l2": 2}  # each path's size, in its own method's norm
SUBSCRIPTS = {1: "₁", 2: "₂"}  # a norm's order as the axis label writes it
# Each region's name, in budgets from the origin, opposite the middle of the centre's arc: inside
# the diamond and outside the disc ((0.25, 0.25) and (0.95, 0.95) budgets on the diagonal).
REGION_LABEL_DISTANCES = {"l1": 0.25 * math.sqrt(2), "l2": 0.95 * math.sqrt(2)}
KEY_COLUMNS = 3  # the key's entries, in two rows: one is too wide for the figure
TRACK_MARKER_SIZE = 4  # the centre's path: a small dot per frame, under the contours
MARK_SYMBOLS = {"D": "\N{BLACK DIAMOND}", "o": "\N{BLACK CIRCLE}"}  # a marker, in words
PATH_MARKER_SCALE = 0.6  # a path's marks at exactly 0: smaller than the picture's solutions
PATHS_WIDTH_RATIO = 0.66  # the path panels' width, as a fraction of the constraint picture's
# Under the figure, each solution's smaller |coefficient| frame by frame on a log scale with exact
# 0 on a floor of its own: where L2's solution comes within a few pixels of an axis, its disc sits
# on L1's diamond in the picture, and only this strip draws the one at 0 and the other not.
ZERO_STRIP_RATIO = 0.55  # its height and the key's, as a fraction of the rest's
ZERO_STRIP_TITLE = "each solution's smaller |b1|, |b2|, log scale"
# What a tick on the floor means, said only when one is drawn: not an exact 0 on any frame.
CROSSING_NOTE = "; a tick on 0: a coefficient changes sign there"
STRIP_X_PAD = 0.02  # of the angles' span, either side
# the log axis' gap above its floor and its margins, in decades spanned: wider than the gradient's
# taller panel needs, for the same room in pixels (labels clear of the floor's "0", markers whole)
STRIP_FLOOR_GAP, STRIP_MARGIN = 0.45, 0.25
CROSSING_TICK_SIZE = 10  # points: a tick across the strip's floor where a solution crosses 0


def _unit_ellipse(matrix) -> np.ndarray:
    """Points u with u' A u = 1 (2 x ELLIPSE_POINTS): scaled and shifted to draw any contour."""
    eigenvalues, eigenvectors = np.linalg.eigh(np.asarray(matrix, float))
    angle = np.linspace(0, 2 * np.pi, ELLIPSE_POINTS)
    circle = np.vstack([np.cos(angle), np.sin(angle)])
    return eigenvectors @ (circle / np.sqrt(eigenvalues)[:, None])


def readout(name: str, b: list[float]) -> str:
    """One solution in the same layout on every frame, its exact zeros named."""
    zeros = zero_coefficients(b)
    exact = " and ".join(f"b{k + 1}" for k in zeros) + " exactly 0" if zeros else "no exact 0"
    b1, b2 = (coefficient_text(v) for v in b)
    return f"{name}: b = ({b1}, {b2}), {exact}"


def coefficient_text(value: float) -> str:
    """A coefficient to 2 decimals (an exact −0.0 as +0.00, never −0.00); one that is not 0 but
    would print as 0.00, to its first significant digit (+0.003): "+0.00" beside "no exact 0"
    reads as a contradiction."""
    if value != 0 and round(value, 2) == 0:
        return number(value, f"+.{-math.floor(math.log10(abs(value)))}f")
    return number(value, "+.2f")


def path_size(coefficients: np.ndarray, order: int) -> np.ndarray:
    """Each row's norm, as a fraction of the largest on the path (0 all shrunk, 1 the largest)."""
    norms = np.linalg.norm(coefficients, ord=order, axis=1)
    return norms / norms.max()


def zero_note(coefficients: np.ndarray, ends: np.ndarray, marker: str, method: str) -> str:
    """The panel title's second line: what its marks at 0 (``ends``: the rows that have one, from
    ``zero_ends``) are, or that it has none; for ridge, also why its paths still meet at the left
    (``method``: the panel's)."""
    if ends.size:
        return f"{marker} reaches or leaves exactly 0"
    if (coefficients == 0.0).any():  # only whole columns of zeros: no ends
        columns = int((coefficients == 0.0).all(axis=0).sum())
        return f"{count(columns, 'coefficient')} exactly 0 all along"
    none = f"no exact 0 at any of {len(coefficients)} penalties"
    # Ridge shrinks every coefficient by a factor that reaches 0 only at an infinite penalty.
    return f"{none};\nall meet at 0 only as α → ∞" if method == "ridge" else none


def key_moments(fits: dict) -> tuple[Moments, int]:
    """Where the L1 solution reaches or leaves a corner; the poster shows it on one."""
    records = fits["solutions"]
    moments = [
        (i, "L1 reaches a corner" if zero_coefficients(records[i]["l1"]) else "L1 leaves a corner")
        for i in zero_changes(records)
    ]
    return moments, corner_contrast(records)


def track_looks(style: dict) -> dict[str, dict]:
    """The centre's path, a dot per frame: in L1's colour where L1's solution has an exact 0,
    grey (context) where it has none, with a ring in L2's colour where L2's has one."""
    dot = {"marker": "o", "linestyle": "none", "markersize": TRACK_MARKER_SIZE}
    return {
        "l1": dot | {"color": style["l1_color"]},
        "none": dot | {"color": style["contour_color"]},
        "l2": dot
        | {"markerfacecolor": "none", "markeredgecolor": style["l2_color"]}
        | {"markersize": 2 * TRACK_MARKER_SIZE},
    }


def key_handles(style: dict, l2_zeros: bool) -> tuple[list[Artist], list[str]]:
    """The key to the picture's shapes; the regions are named on the picture itself. The ring of
    an L2 zero on the centre's path is keyed only when ``l2_zeros``: when the path has one."""
    cross = {"marker": "x", "linestyle": "none", "markersize": style["marker_size"]}
    contour = {"color": style["contour_color"], "linewidth": CONTOUR_WIDTH}
    track = track_looks(style)
    handles = [
        Line2D([], [], **marker_look("l1", style)),
        Line2D([], [], **marker_look("l2", style)),
        Line2D([], [], color=style["text_color"], **cross),
        (Line2D([], [], **track["l1"]), Line2D([], [], **track["none"])),
        Line2D([], [], **contour),
        tuple(
            Line2D([], [], color=style[f"{name}_color"], linewidth=TOUCHING_WIDTH[name])
            for name in NAMES
        ),
    ]
    # Filled column by column: each solution, then the centre and its path, then the contours.
    labels = [
        "L1 solution",
        "L2 solution",
        "the loss's centre",
        "centre's path: L1 has an exact 0 / none",
        "loss contours",
        "contour at each solution",
    ]
    if l2_zeros:
        handles.append(Line2D([], [], **track["l2"]))
        labels.append("L2 has a 0")
    return handles, labels


class ZeroStrip:
    """Each solution's smaller |coefficient| against the centre's angle, on a log scale with
    exactly 0 on a floor below it (``rendering.zero_floor``, as the gradient draws |w|): L1's on
    the floor wherever it sits on a corner, L2's above it in every frame where it has no exact 0,
    however near an axis. Drawn faint in full from the first frame, and over in full colour up to
    the current frame, with each solution's marker there."""

    def __init__(self, ax, records: list[dict], angles_deg: list[float], style: dict):
        self.angles = np.linspace(*angles_deg, len(records))
        smallest = {
            name: np.array([min(abs(v) for v in r[name]) for r in records]) for name in NAMES
        }
        axis = log_axis(smallest, STRIP_FLOOR_GAP, STRIP_MARGIN)
        self.heights = axis["heights"]
        pad = STRIP_X_PAD * np.ptp(self.angles)  # a marker at either end is whole
        low, high = self.angles.min() - pad, self.angles.max() + pad
        ax.set(xlim=(low, high), xlabel="centre's angle (°)")
        title = ax.set_title(ZERO_STRIP_TITLE, loc="left", fontsize="small")
        draw_floor_axis(ax, axis, style)
        self.drawn, self.marker, self.ticks = {}, {}, {}
        for name in NAMES:
            look = line_look(name, style)  # L1's wider, under L2's, as in every figure
            ax.plot(
                self.angles,
                self.heights[name],
                **ahead_look(look["color"], look["linewidth"], style),
            )
            (self.drawn[name],) = ax.plot([], [], **look)
            # the picture's own markers, whole: the current frame's place on each line
            (self.marker[name],) = ax.plot([], [], **marker_look(name, style))
            # Between two frames whose coefficient has opposite signs, the solution passes
            # through 0 at one angle, on no frame: a tick on the floor there, where the sampled
            # line dips but cannot reach.
            crossings = axis_crossings([r[name] for r in records], self.angles)
            # over the lines and markers, drawn with the frame: L1's line runs along the floor
            (self.ticks[name],) = ax.plot(
                crossings,
                np.full(len(crossings), axis["floor"]),
                linestyle="none",
                marker="|",
                markersize=CROSSING_TICK_SIZE,
                markeredgewidth=look["linewidth"],
                color=look["color"],
            )
        if any(len(ticks.get_xdata()) for ticks in self.ticks.values()):
            title.set_text(ZERO_STRIP_TITLE + CROSSING_NOTE)

    def show(self, i: int) -> list[Artist]:
        for name in NAMES:
            self.drawn[name].set_data(self.angles[: i + 1], self.heights[name][: i + 1])
            self.marker[name].set_data([self.angles[i]], [self.heights[name][i]])
        return [*self.drawn.values(), *self.marker.values(), *self.ticks.values()]


def animation_scene(
    fits: dict, params: dict, style: dict
) -> tuple[Figure, Callable[[int], list[Artist]]]:
    """The animation's figure and ``update(i)``, which shows the loss centred on frame i's
    centre."""
    budget, matrix = params["budget"], params["loss_matrix"]
    unit = _unit_ellipse(matrix)
    color = {"l1": style["l1_color"], "l2": style["l2_color"]}
    fig = plt.figure(figsize=style["size_in"], dpi=style["dpi"], layout="constrained")
    # The strip and the key in a figure of their own, under the picture and the paths: laid out
    # apart, the strip's tick labels do not narrow the columns above.
    top, bottom = fig.subfigures(2, 1, height_ratios=[1, ZERO_STRIP_RATIO])
    grid = top.add_gridspec(2, 2, width_ratios=[1, PATHS_WIDTH_RATIO])
    region_ax = top.add_subplot(grid[:, 0])
    path_axes = {"l1": top.add_subplot(grid[0, 1])}
    path_axes["l2"] = top.add_subplot(grid[1, 1], sharex=path_axes["l1"])
    strip_ax = bottom.add_subplot()  # the figure's width: a column per frame
    records = fits["solutions"]
    fig.suptitle(sparsity_lesson(records))
    # Which frames' solutions have an exact 0: the title's count, drawn on the centre's path.
    has_zero = {name: [bool(zero_coefficients(r[name])) for r in records] for name in NAMES}
    handles, labels = key_handles(style, any(has_zero["l2"]))
    bottom.legend(
        handles,
        labels,
        loc="outside lower center",
        ncols=KEY_COLUMNS,
        frameon=False,
        handler_map={tuple: HandlerTuple(ndivide=None)},
    )

    region_ax.set(
        xlim=params["beta_limits"],
        ylim=params["beta_limits"],
        aspect="equal",
        xlabel="b1",
        ylabel="b2",
    )
    region_ax.axhline(0, **zero_line_look(style))
    region_ax.axvline(0, **zero_line_look(style))
    corners = [(budget, 0), (0, budget), (-budget, 0), (0, -budget)]
    # Outlines only: filled, the two regions would mix their colours where they overlap.
    region_ax.add_patch(
        Polygon(corners, fill=False, edgecolor=color["l1"], linewidth=style["line_width"])
    )
    region_ax.add_patch(
        Circle((0, 0), budget, fill=False, edgecolor=color["l2"], linewidth=style["line_width"])
    )
    # Each region named in its colour: L1 inside the diamond, L2 outside the disc, on the side
    # away from the solutions and contours (opposite the middle of the centre's arc).
    away = np.radians(np.mean(params["centre_angles_deg"]) + 180)
    for name, distance in REGION_LABEL_DISTANCES.items():
        region_ax.text(
            *(budget * distance * np.array([np.cos(away), np.sin(away)])),
            NAMES[name],
            color=color[name],
            ha="center",
            va="center",
            **LABEL_FONT,
        )
    # The title's count, drawn: where the centre goes, and in which frames L1 sits on a corner.
    track = track_looks(style)
    marked = {
        "l1": has_zero["l1"],
        "none": [not zero for zero in has_zero["l1"]],
        "l2": has_zero["l2"],
    }
    for state, marks in marked.items():
        centres = [r["centre"] for r, mark in zip(records, marks, strict=True) if mark]
        if centres:
            region_ax.plot(*np.transpose(centres), **track[state])
    grey = [
        region_ax.plot([], [], color=style["contour_color"], linewidth=CONTOUR_WIDTH)[0]
        for _ in GREY_LEVELS
    ]
    touching, solution = {}, {}
    for name, label in NAMES.items():
        # L1's contour wider and below: where the two touch the same level, both show.
        look = {"color": color[name], "linewidth": TOUCHING_WIDTH[name]}
        (touching[name],) = region_ax.plot([], [], label=f"{label} contour", **look)
        (solution[name],) = region_ax.plot([], [], **marker_look(name, style))
    (centre,) = region_ax.plot(
        [], [], "x", color=style["text_color"], markersize=style["marker_size"]
    )
    # The readout goes in the title, above the axes (left-aligned, so only its end moves):
    # inside, the contours would cross it.
    values = region_ax.set_title("", loc="left")

    for name, ax in path_axes.items():
        coefficients = np.asarray(fits[PATH_METHODS[name]])
        size = path_size(coefficients, NORM_ORDER[name])
        ax.plot(size, coefficients, color=color[name], linewidth=PATH_LINE_WIDTH)
        ax.axhline(0, **zero_line_look(style))
        rows, _ = zero_ends(coefficients)
        mark = marker_look(name, style)
        mark["markersize"] *= PATH_MARKER_SCALE
        ax.plot(size[rows], np.zeros(len(rows)), **mark)
        symbol = MARK_SYMBOLS[mark["marker"]]
        ax.set_title(
            f"{PATH_METHODS[name]} ({NAMES[name]}) on the diabetes data\n"
            + zero_note(coefficients, rows, symbol, PATH_METHODS[name]),
            loc="left",
        )
        ax.set(yticks=[0], ylabel="coefficients")
    path_axes["l1"].tick_params(labelbottom=False)
    # The paths run as b grows: the penalty that makes it grow weakens to the right.
    # each path's size in its own method's norm, named: the two panels measure b differently
    norms = ", ".join(
        f"‖b‖{SUBSCRIPTS[NORM_ORDER[name]]} ({method})" for name, method in PATH_METHODS.items()
    )
    path_axes["l2"].set_xlabel(f"{norms}; 1 = max\n← stronger penalty α")

    strip = ZeroStrip(strip_ax, records, params["centre_angles_deg"], style)

    def contour(c, level) -> tuple[np.ndarray, np.ndarray]:
        points = np.asarray(c)[:, None] + np.sqrt(level) * unit
        return points[0], points[1]

    def update(i: int) -> list[Artist]:
        record = records[i]
        c = record["centre"]
        for line, level in zip(grey, GREY_LEVELS, strict=True):
            line.set_data(*contour(c, level))
        for name in NAMES:
            b = record[name]
            touching[name].set_data(*contour(c, loss(b, c, matrix)))
            solution[name].set_data([b[0]], [b[1]])
        values.set_text("\n".join(readout(NAMES[name], record[name]) for name in NAMES))
        centre.set_data([c[0]], [c[1]])
        return [*grey, *touching.values(), *solution.values(), centre, values, *strip.show(i)]

    return fig, update
