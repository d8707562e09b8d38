"""The outlier sweep: four points on a noisy line, one outlier, four gradient-boosting fits.

The lesson is the move: how far the outlier drags each loss's fit from where it was without it. Each
loss's solid curve is its fit without the outlier, the dashed one its fit with it, and the band
between them, hatched in the loss's colour, is its move (the two losses' hatches lean opposite ways,
so where the bands overlap both show). A gauge beside the plot shows each loss's mean move at this
position, and a sentence measured from the same numbers says which is moved further and how many
times as far. Under the plot, sharing its x, each loss's mean move is a step curve against the
outlier's x, drawn up to the current position over the whole curve faint, with the points' x range
shaded: the title's count, drawn (L1's curve above L2's where L1's fit is moved further, a grey tick
where both are moved about as far), and how the move changes as the outlier passes the points.
Fits are the models' step functions (boosted trees are piecewise constant). The outlier is a
ring, so a point under it still shows. The animation holds where a fit changes shape (a tree split
moves) and opens on the position that shows the lesson.
"""

import math
from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from l1l2figures.maths.stability import (
    CLOSEST_NOTE,
    NAMES,
    SAME_MOVE_FACTOR,
    closest_moves,
    contrast_note,
    experiment_note,
    large_jumps,
    move_floor,
    move_sentence,
    moved_further,
    passed_point,
    shape_changes,
    stability,
    strongest_contrast,
    sweep_lesson,
)
from l1l2figures.rendering.pacing import Moments
from l1l2figures.rendering.style import (
    BAND_PAIR_HANDLER,
    LABEL_FONT,
    OUTLIER_MARKER,
    ahead_look,
    band_look,
    direct_labels,
    halo,
    line_look,
    marker_look,
    number,
    side_by_side,
    zero_line_look,
)
from l1l2figures.words import ROUND_OFF, count
from l1l2figures.words.outlier_sweep import (
    boosting,
    boosting_text,
    position_decimals,
    starts_note,
)

STEP = "steps-mid"  # a step function sampled on a grid: jumps halfway between samples
LOSSES = ("l1", "l2")  # drawing order: L1 wide below, L2 narrow above
GAUGE_WIDTH_RATIO = 0.25  # the gauge's width, as a fraction of the plot's
GAUGE_HEADROOM = 1.3  # the gauge's scale reaches this times the largest move, for its value labels
GAUGE_TICKS = 3  # at most this many on its own axis: a scale, not a grid to read values off
BAR_WIDTH = 0.6
VALUE_PAD_PT = 3  # between a bar's top and its value
# Significant digits of each bar's value: the ratio the sentence prints is theirs, and two would
# make it differ from the measured moves' (1.5 / 0.33 is 4.5; the moves' is 4.7).
GAUGE_DIGITS = 3
KEY_COLUMN_SPACING = 1.0  # font sizes between the key's five entries: one row in 720 px
KEY_TITLE_GAP = 1.0  # font sizes between the key's title, a note, and its entries (0.5 by default)
# The grid's panels are a third of the animation's width: at its line widths, an L1 fit with the
# outlier would cover the one without, and the move's hatch between them.
GRID_LINE_SCALE = 0.5
# The dashed fits with the outlier lie above both solid fits without it: where L1's fit with the
# outlier comes close to L2's without, the solid line would hide the dashed one; a dashed line
# above leaves the solid one showing between its dashes.
WITH_OUTLIER_LIFT = 0.2
MOVES_HEIGHT_RATIO = 0.35  # the move curves' height, as a fraction of the plot's
MOVES_HEADROOM = 1.35  # their axis reaches this times the largest move: room for the band's name
# The grid's move panel: this many panel rows tall up to GRID_MOVES_ROWS rows of panels, and the
# same share of the height under more rows (its markers and the band's name keep their room).
GRID_MOVES_HEIGHT = 0.55
GRID_MOVES_ROWS = 3
# Each grid panel's own gauge: its two moves as bars, on one scale for every panel, in the panel's
# top-left corner (axes fraction: x, y, width, height), above the fits' left ends.
PANEL_GAUGE_BOUNDS = (0.03, 0.6, 0.14, 0.37)
MOVES_FOOTROOM = 0.12  # of the top, below 0: a marker on a small move is drawn whole
BAND_LABEL_Y = 0.97  # axes fraction: the band's name at the top of the band, above the curves
CURRENT_MARKER_SCALE = 0.6  # the move curves' markers, in a short panel
MOVES_TITLE = "each fit's mean move, by the outlier's x"
# the grid's key to its panels' bars, which have no words of their own in a panel that small; no
# longer than the line under it, clear of the tick's key on its right
GRID_MOVES_TITLE = f"{MOVES_TITLE} (the panels' bars)"
SAME_TICK_SIZE = 12  # points: a tick at 0 under each position where both are moved about as far
SAME_TICK_WIDTH = 1.5  # times the line width: a tick seen at a glance, not a hairline
SAME_TICK_ORDER = 1.7  # above the zero line (1.6), under the curves: a curve near 0 stays whole
# the rule said where it is drawn: a position is ticked while the larger move is under 1.1 times
# the other
SAME_MOVE_KEY = f"about as far (<{SAME_MOVE_FACTOR:g}×)"


def key_handles(style: dict, data: dict) -> tuple[list[Artist], list[str]]:
    """The key to the line styles, in the text colour: it names no loss (the lines do). The move's
    swatch is both losses' hatches side by side, each as its band is drawn."""
    neutral = {"color": style["text_color"], "linewidth": style["line_width"]}
    ring = {"color": style["outlier_color"], "markersize": style["marker_size"], **OUTLIER_MARKER}
    points = {"color": style["point_color"], "markersize": style["marker_size"]}
    return [
        Line2D([], [], linestyle="-", **neutral),
        Line2D([], [], linestyle="--", **neutral),
        tuple(Patch(**band_look(loss, style)) for loss in LOSSES),
        Line2D([], [], linestyle="none", **ring),
        Line2D([], [], linestyle="none", marker="o", **points),
    ], [
        "fit without the outlier",
        "fit with it",
        "a fit's move",
        f"outlier (y = {number(data['outlier_y'], 'g')})",
        f"the {len(data['base_x'])} points",
    ]


def add_key(fig: Figure, style: dict, data: dict, title: str | None = None) -> None:
    fig.legend(
        *key_handles(style, data),
        loc="outside lower center",
        ncols=5,
        columnspacing=KEY_COLUMN_SPACING,
        labelspacing=KEY_TITLE_GAP,  # the key has one row: this only parts it from its title
        frameon=False,
        title=title,
        title_fontsize="small",
        handler_map={tuple: BAND_PAIR_HANDLER},
    )


def key_title(data: dict, gbr: dict) -> str:
    """Over the key: what the sweep tests, and why the fits move as they do: each starts from a
    constant that the outlier shifts, and a few small boosting steps take it only so far from
    there (``gbr``: the config's)."""
    lead, (l1_start, l2_start) = starts_note(data["base_y"], data["outlier_y"])
    return "\n".join(
        [
            experiment_note(data["outlier_y"], data["base_y"]),
            f"{' '.join(lead)} {l1_start};",
            f"{l2_start}; {boosting_text(boosting(gbr))}",
        ]
    )


class OutlierPanel:
    """One axes of the experiment; ``show`` moves the outlier, its dashed fits and their bands.

    ``limits`` holds the axes' ``x_limits`` and ``y_limits`` (a config slice or section).
    """

    def __init__(
        self, ax: Axes, data: dict, fits: dict[str, np.ndarray], style: dict, limits: dict
    ):
        self.outlier_y = data["outlier_y"]
        self.grid = fits["prediction_x"]
        self.x_format = f".{position_decimals(fits['outlier_x'].tolist(), data['base_x'])}f"
        self.without = {loss: fits[f"{loss}_without"] for loss in LOSSES}
        ax.set(xlim=limits["x_limits"], ylim=limits["y_limits"], xlabel="x", ylabel="y")
        self.move, self.solid, self.with_outlier = {}, {}, {}
        for loss in LOSSES:
            look = line_look(loss, style) | {"drawstyle": STEP, "transform": side_by_side(ax, loss)}
            if loss == "l2":
                look["path_effects"] = halo(style, look["linewidth"])
            self.move[loss] = ax.fill_between(
                self.grid,
                self.without[loss],
                self.without[loss],
                step="mid",
                **band_look(loss, style),
            )
            # Named (no legend shows them): the quality gate names what it finds by them.
            (self.solid[loss],) = ax.plot(
                self.grid, self.without[loss], "-", label=f"{NAMES[loss]} without", **look
            )
            (self.with_outlier[loss],) = ax.plot(
                [],
                [],
                "--",
                label=f"{NAMES[loss]} with the outlier",
                **look | {"zorder": look["zorder"] + WITH_OUTLIER_LIFT},
            )
        marker = {"marker": "o", "linestyle": "none", "markersize": style["marker_size"]}
        (self.base_points,) = ax.plot(
            data["base_x"], data["base_y"], color=style["point_color"], **marker
        )
        (self.outlier,) = ax.plot(
            [],
            [],
            color=style["outlier_color"],
            markersize=style["marker_size"],
            linestyle="none",
            **OUTLIER_MARKER,
        )
        self.ax = ax

    def name_lines(self, style: dict) -> None:
        """Name each loss at the right end of its solid line."""
        right = self.grid[-1]
        direct_labels(
            self.ax,
            {
                NAMES[loss]: (right, self.without[loss][-1], style[f"{loss}_color"])
                for loss in LOSSES
            },
        )

    def show(self, outlier_x: float, curves_with: dict[str, np.ndarray]) -> list[Artist]:
        """Move the outlier and its fits; return what changed and what is drawn above it."""
        self.outlier.set_data([outlier_x], [self.outlier_y])
        lines = []
        for loss in LOSSES:
            self.move[loss].set_data(self.grid, self.without[loss], curves_with[loss])
            self.with_outlier[loss].set_data(self.grid, curves_with[loss])
            lines += [self.solid[loss], self.with_outlier[loss]]
        # The solid curves and base points do not move, but they are drawn above the bands.
        return [
            *self.move.values(),
            *lines,
            self.base_points,
            self.outlier,
        ]


def loss_bars(ax: Axes, heights: list[float], style: dict):
    """A bar per loss, L1's left of L2's, each in its colour, with room at either side."""
    colors = [style[f"{loss}_color"] for loss in LOSSES]
    bars = ax.bar(range(len(LOSSES)), heights, width=BAR_WIDTH, color=colors, linewidth=0)
    ax.set_xlim(-0.6, len(LOSSES) - 0.4)
    return bars


class MoveGauge:
    """Two bars beside the plot: each loss's mean move at this position, on a fixed scale."""

    def __init__(self, ax: Axes, measures: dict, style: dict):
        self.measures = measures
        largest = max(max(measures[f"{loss}_shift"]) for loss in LOSSES)
        colors = [style[f"{loss}_color"] for loss in LOSSES]
        self.bars = loss_bars(ax, [0, 0], style)
        self.values = [
            ax.annotate(
                "",
                (i, 0),
                xytext=(0, VALUE_PAD_PT),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize="small",  # two values of six characters side by side, apart
            )
            for i in range(len(LOSSES))
        ]
        ax.set_ylim(0, largest * GAUGE_HEADROOM if largest > 0 else 1)
        ax.set_xticks(range(len(LOSSES)), [NAMES[loss] for loss in LOSSES], **LABEL_FONT)
        for tick, color in zip(ax.get_xticklabels(), colors, strict=True):
            tick.set_color(color)
        # The mean is over the whole plotted x range, not the points' span: the title says so.
        low, high = (number(x, "g") for x in measures["mean_over_x"])
        ax.set_title(f"mean move\nacross x in\n[{low}, {high}]")
        ax.grid(visible=False)
        # Its own axis, a few ticks: without one, the bars read on the plot's y scale beside them.
        ax.yaxis.set_major_locator(MaxNLocator(GAUGE_TICKS))
        ax.tick_params(axis="x", length=0)

    def show(self, i: int) -> list[Artist]:
        for bar, value, loss in zip(self.bars, self.values, LOSSES, strict=True):
            move = self.measures[f"{loss}_shift"][i]
            bar.set_height(move)
            value.xy = (bar.get_x() + BAR_WIDTH / 2, move)
            value.set_text(gauge_text(gauge_value(move)))
        return [*self.bars, *self.values]


def panel_gauge(ax: Axes, moves: list[float], largest: float, style: dict) -> Axes:
    """A grid panel's two moves as bars, as the animation's gauge draws them, without its words:
    one scale (``largest``, the grid's largest move) for every panel, so panels compare."""
    gauge = ax.inset_axes(PANEL_GAUGE_BOUNDS)
    loss_bars(gauge, moves, style)
    gauge.set_ylim(0, largest if largest > 0 else 1)
    gauge.set_xticks([])
    gauge.set_yticks([])
    gauge.grid(visible=False)
    gauge.spines["left"].set_visible(False)
    gauge.patch.set_visible(False)  # see-through: whatever a config puts in the corner still shows
    return gauge


def gauge_value(move: float) -> float:
    """A move as the gauge prints it, 0 at round-off: the sentence beside it divides these."""
    return 0.0 if move < ROUND_OFF else float(f"{move:.{GAUGE_DIGITS}g}")


def gauge_text(value: float) -> str:
    """A gauge value at GAUGE_DIGITS significant digits, trailing zeros kept: 1.20 beside 0.959
    (not 1.2), so both bars read to the same precision."""
    if value == 0:
        return "0"
    decimals = max(0, GAUGE_DIGITS - 1 - math.floor(math.log10(value)))
    return f"{value:.{decimals}f}"


class MoveCurves:
    """An axes under the plot, sharing its x: each fit's mean move with the outlier at each
    position of the sweep, a step curve per loss (the title's count, drawn: L1's above L2's where
    the outlier moves it further), over a grey band of the points' x range, with a grey tick under
    each position where both are moved about as far. ``animated``: drawn up to the current
    position over the whole curves faint, with each loss's marker at the current position;
    ``sampled``: a marker at each position, not joined (positions too far apart for a step
    between two to be where a fit changes)."""

    def __init__(
        self,
        ax: Axes,
        measures: dict,
        style: dict,
        base_x: list,
        animated: bool,
        sampled: bool = False,
        heading: str = MOVES_TITLE,
    ):
        self.x = np.asarray(measures["outlier_x"])
        self.moves = {loss: np.asarray(measures[f"{loss}_shift"]) for loss in LOSSES}
        same = [
            moved_further(l1, l2) is None
            for l1, l2 in zip(self.moves["l1"], self.moves["l2"], strict=True)
        ]
        self.same_x = self.x[same]
        # what a move is: said here where no gauge beside the plot says it
        low, high = (number(v, "g") for v in measures["mean_over_x"])
        defined = f"\n(a move: mean |with − without the outlier| over x in [{low}, {high}])"
        ax.set_title(heading + ("" if animated else defined), loc="left", fontsize="small")
        ax.axvspan(min(base_x), max(base_x), color=style["band_color"], linewidth=0)
        ax.text(
            (min(base_x) + max(base_x)) / 2,
            BAND_LABEL_Y,
            f"x range of the {count(len(base_x), 'point')}",
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="top",
            fontsize="small",
            color=style["text_color"],
        )
        ax.axhline(0, **zero_line_look(style))
        self.drawn, self.ahead, self.marker = {}, {}, {}
        for loss in LOSSES:
            look = line_look(loss, style) | {"drawstyle": STEP}
            if loss == "l2":
                look["path_effects"] = halo(style, look["linewidth"])
            marker = marker_look(loss, style)
            marker["markersize"] *= CURRENT_MARKER_SCALE
            if animated:
                ahead = ahead_look(look["color"], look["linewidth"], style)
                (self.ahead[loss],) = ax.plot(self.x, self.moves[loss], drawstyle=STEP, **ahead)
                (self.drawn[loss],) = ax.plot([], [], label=f"{NAMES[loss]} move", **look)
                (self.marker[loss],) = ax.plot([], [], **marker)
            elif sampled:
                ax.plot(self.x, self.moves[loss], label=f"{NAMES[loss]} move", **marker)
            else:
                (self.drawn[loss],) = ax.plot(
                    self.x, self.moves[loss], label=f"{NAMES[loss]} move", **look
                )
            for curve in (self.drawn.get(loss), self.ahead.get(loss)):
                if curve is not None:
                    # Parted as the fits are, where both fits move as far; set once the axes'
                    # limits have taken the curve's own values (an offset is no data).
                    curve.set_transform(side_by_side(ax, loss))
        tick = {
            "marker": "|",
            "linestyle": "none",
            "color": style["contour_color"],
            "markersize": SAME_TICK_SIZE,
            "markeredgewidth": SAME_TICK_WIDTH * style["line_width"],
            "clip_on": False,
            "zorder": SAME_TICK_ORDER,
        }
        (self.same,) = ax.plot(self.same_x, np.zeros(len(self.same_x)), **tick)
        # Unclipped, half below the axis; left out of the layout, which would otherwise make room
        # for it wherever it lies, even with no tick drawn yet.
        self.same.set_in_layout(False)
        largest = max(max(self.moves[loss]) for loss in LOSSES)
        top = MOVES_HEADROOM * largest if largest > 0 else 1
        ax.set_ylim(-MOVES_FOOTROOM * top, top)
        ax.yaxis.set_major_locator(MaxNLocator(GAUGE_TICKS))
        if len(self.same_x):
            ax.legend(
                [self.same],
                [SAME_MOVE_KEY],
                loc="lower right",
                bbox_to_anchor=(1, 1),
                borderaxespad=0,
                frameon=False,
                fontsize="small",
            )
        self.ax = ax

    def name_curves(self, style: dict) -> None:
        """Each curve named at its right end (the sweep may run either way), once the layout is
        done: the names are spread apart by their distance on screen."""
        right = int(np.argmax(self.x))
        # beyond the axes' right edge: clear of the current position's marker at the curves' end
        edge = max(self.x[right], self.ax.get_xlim()[1])
        ends = {loss: (edge, self.moves[loss][right]) for loss in LOSSES}
        direct_labels(
            self.ax, {NAMES[loss]: (*ends[loss], style[f"{loss}_color"]) for loss in LOSSES}
        )

    def show(self, i: int) -> list[Artist]:
        """Up to position ``i`` of the sweep, in whichever direction it runs."""
        seen = slice(0, i + 1)
        for loss in LOSSES:
            self.drawn[loss].set_data(self.x[seen], self.moves[loss][seen])
            self.marker[loss].set_data([self.x[i]], [self.moves[loss][i]])
        ticks = self.same_x[np.isin(self.same_x, self.x[seen])]
        self.same.set_data(ticks, np.zeros(len(ticks)))
        return [*self.drawn.values(), *self.marker.values(), self.same]


def shape_change_note(losses: list[str], outlier_x: float, passed: float | None) -> str:
    """What a frame held for a change of shape adds after the outlier's x: that it has just passed a
    point (the one beside it), or sits on a point's x, where its jump is split between two steps;
    and which fit (or both) changed. A tree's splits fall between neighbouring x's: passing a point
    reorders them, and a fit changes shape."""
    which = "both fits" if len(losses) > 1 else f"the {NAMES[losses[0]]} fit"
    if passed is None:
        return f": {which} just changed shape"
    where = "on a point's x" if outlier_x == passed else "past a point"
    return f", {where}: {which} changed shape"


def _frame(fits: dict[str, np.ndarray], i: int) -> tuple[float, dict[str, np.ndarray]]:
    return fits["outlier_x"][i], {loss: fits[f"{loss}_with"][i] for loss in LOSSES}


def key_moments(fits: dict[str, np.ndarray], data: dict) -> tuple[Moments, int]:
    """Where a fit changes shape; the poster, where one loss is moved furthest beyond the other
    (relative to it), the sweep's lesson at a glance; and where the two moves come closest."""
    measures = stability(fits)
    x = measures["outlier_x"]
    x_format = f".{position_decimals(list(x), data['base_x'])}f"  # as the frames' label prints it
    moments = [
        (i, f"a fit changes shape, outlier at x = {number(x[i], x_format)}")
        for i in shape_changes(measures)
    ]
    poster, closest = strongest_contrast(measures), closest_moves(measures)
    held = [(poster, "")]
    if contrast_note(measures, closest) == CLOSEST_NOTE:  # held where the frame says why
        held.append((closest, CLOSEST_NOTE))
    for i, note in held:
        shifts = [measures[f"{loss}_shift"][i] for loss in LOSSES]
        said = f"{move_sentence(*shifts, gauge_value)}{note}"
        moments.append((i, f"{said}, outlier at x = {number(x[i], x_format)}"))
    return sorted(moments), poster


def animation_scene(
    data: dict, fits: dict[str, np.ndarray], style: dict, config: dict
) -> tuple[Figure, Callable[[int], list[Artist]]]:
    """The animation's figure and ``update(i)``, which shows frame i of the sweep (``config``: the
    axes' ``x_limits`` and ``y_limits``, and ``gbr``)."""
    measures = stability(fits)
    fig = plt.figure(figsize=style["size_in"], dpi=style["dpi"], layout="constrained")
    layout = fig.add_gridspec(
        2, 2, width_ratios=[1, GAUGE_WIDTH_RATIO], height_ratios=[1, MOVES_HEIGHT_RATIO]
    )
    ax = fig.add_subplot(layout[0, 0])
    gauge_ax = fig.add_subplot(layout[0, 1])
    moves_ax = fig.add_subplot(layout[1, 0], sharex=ax)
    fig.suptitle(sweep_lesson(measures["l1_shift"], measures["l2_shift"], line_break="\n"))
    panel = OutlierPanel(ax, data, fits, style, config)
    panel.name_lines(style)
    gauge = MoveGauge(gauge_ax, measures, style)
    curves = MoveCurves(moves_ax, measures, style, data["base_x"], animated=True)
    curves.name_curves(style)
    # The curves carry the plot's x axis: the outlier's x there is the plot's x above it.
    moves_ax.set(xlabel=ax.get_xlabel(), ylabel="mean move")
    ax.set_xlabel("")
    ax.tick_params(axis="x", labelbottom=False)
    add_key(fig, style, data, title=key_title(data, config["gbr"]))
    # Where the outlier is and what its position shows, over the plot: outside it, so that no
    # position or height of the outlier covers it. Two lines on every frame: the layout is made
    # on one.
    said = ax.set_title("\n", loc="left")

    # where the animation holds for a change of shape, which fits changed: said under the position
    changed = {}
    for loss, steps in large_jumps(measures).items():
        for step in steps:
            changed.setdefault(step + 1, []).append(loss)
    passed = {i: passed_point(data["base_x"], measures, i) for i in changed}

    def update(i: int) -> list[Artist]:
        outlier_x, curves_with = _frame(fits, i)
        moves = measures["l1_shift"][i], measures["l2_shift"][i]
        where = f"outlier at x = {number(outlier_x, panel.x_format)}"
        if i in changed:
            where += shape_change_note(changed[i], outlier_x, passed[i])
        said.set_text(f"{where}\n{move_sentence(*moves, gauge_value)}{contrast_note(measures, i)}")
        drawn = panel.show(outlier_x, curves_with)
        return [*drawn, said, *gauge.show(i), *curves.show(i)]

    return fig, update


def grid_figure(
    data: dict, fits: dict[str, np.ndarray], style: dict, config: dict, columns: int
) -> Figure:
    """Every outlier position of the grid at once, one panel each (the original's 3 x 3 layout),
    each titled with its measured moves."""
    measures = stability(fits)
    n_panels = len(fits["outlier_x"])
    columns = min(columns, n_panels)
    rows = math.ceil(n_panels / columns)
    fig = plt.figure(figsize=style["grid_size_in"], dpi=style["dpi"], layout="constrained")
    moves_height = GRID_MOVES_HEIGHT * max(rows, GRID_MOVES_ROWS) / GRID_MOVES_ROWS
    layout = fig.add_gridspec(2, 1, height_ratios=[rows, moves_height])
    axes = layout[0].subgridspec(rows, columns).subplots(sharex=True, sharey=True, squeeze=False)
    # each panel's two moves side by side under the panels, as the animation draws them
    moves_ax = fig.add_subplot(layout[1])
    moves_ax.set_xlim(config["x_limits"])
    curves = MoveCurves(
        moves_ax,
        measures,
        style,
        data["base_x"],
        animated=False,
        sampled=True,
        heading=GRID_MOVES_TITLE,
    )
    # one scale for every panel's bars, up to the grid's largest move; a move under its floor
    # is a bar too short to compare, of which no ratio is said
    largest = max(max(measures[f"{loss}_shift"]) for loss in LOSSES)
    floor = move_floor(largest)
    lesson = sweep_lesson(
        measures["l1_shift"], measures["l2_shift"], shown="panel", line_break="\n", floor=floor
    )
    fig.suptitle(lesson)
    panel_style = style | {"line_width": style["line_width"] * GRID_LINE_SCALE}
    add_key(fig, panel_style, data, title=key_title(data, config["gbr"]))
    # panels left to right by the outlier's x, whichever way the sweep runs: as the strip under them
    order = np.argsort(fits["outlier_x"], kind="stable")
    for slot, ax in enumerate(axes.flat):
        if slot >= n_panels:
            ax.set_axis_off()
            continue
        i = order[slot]
        panel = OutlierPanel(ax, data, fits, panel_style, config)
        panel.show(*_frame(fits, i))
        x = number(fits["outlier_x"][i], panel.x_format)
        moves = [measures[f"{loss}_shift"][i] for loss in LOSSES]
        said = move_sentence(*moves, floor=floor)
        ax.set_title(f"outlier at x = {x}\n{said}", fontsize="small")
        panel_gauge(ax, moves, largest, style)
        # axes named where their tick labels are, as on any grid of shared axes: beside the first
        # column, under each column's lowest panel (a label for the whole grid sits beside or
        # under no panel when the last row is short)
        below = slot + columns >= n_panels
        ax.tick_params(axis="x", labelbottom=below)
        ax.set(xlabel="x" if below else "", ylabel="y" if slot % columns == 0 else "")
        if slot % columns == columns - 1 or slot == n_panels - 1:
            panel.name_lines(style)
    moves_ax.set(xlabel="the outlier's x", ylabel="mean move")
    fig.draw_without_rendering()
    curves.name_curves(style)
    return fig
