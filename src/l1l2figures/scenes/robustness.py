"""Robustness: straight lines fitted with L1 and L2 loss while one point rises far above the rest.

The L2 (least-squares) line is dragged up by the point, more the further it goes, because squared
errors grow quadratically. The L1 (least absolute deviations) line stays where it was once the point
is above it: only the sign of its error counts, not its size. Each line is named at its right end,
in its colour; the rising point is a ring named "outlier", and its residual to each line is a stem
in that line's colour; the line the points lie around is dotted grey. As in every figure, solid is
the reference (each line where it was on the first frame), dashed the line now, and the band hatched
between them each line's move: L2's grows with the point, L1's stays empty. Beside the plot, a
column per line draws why: every point's pull on it, stacked up for the points above it and down
for those below, in balance wherever the line sits. On L2 a point pulls by its residual, so the
outlier's block grows and the line moves until the others match it; on L1 every point pulls by ±1,
the outlier no harder than any. The title gives how far each line moved, measured at the outlier's
x from the first frame to the last. The axes cover the points, the point and both lines over the
whole sweep, whichever way the point moves.
"""

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from l1l2figures.maths.influence import balanced_pulls
from l1l2figures.rendering.pacing import Moments
from l1l2figures.rendering.style import (
    AHEAD_ALPHA,
    BAND_PAIR_HANDLER,
    LABEL_FONT,
    OUTLIER_MARKER,
    ahead_look,
    band_look,
    decimals_to_tell_apart,
    end_label,
    follow,
    line_look,
    number,
    stem_look,
    zero_line_look,
)
from l1l2figures.words import ROUND_OFF, value_of
from l1l2figures.words.robustness import MOVE_DECIMALS

LOSSES = ("l1", "l2")
NAMES = {"l1": "L1", "l2": "L2"}
# The outlier's name, this far above its ring, or below it when the lines run above the ring.
OUTLIER_LABEL_OFFSET_PT = 10
LINES_SIDE_OFFSET = 2.5  # times that, when the name is on the side the lines run towards
# Within this fraction of the plot's height from its top (bottom), the name goes beside the ring.
EDGE_ROOM = 0.2
NAME_WIDTH = 0.12  # the name's width and offset, as a fraction of the plot's: room needed beside
AMONG_LINES = 0.05  # within this fraction of the plot's height from the lines, the ring is on them
SHOWN_MOVE = 0.05  # a line's move in the title is shown to one decimal: smaller ones are "less"
# Room beyond what is drawn, each side, as a fraction of its span: for the outlier's name above or
# below its ring.
AXES_MARGIN = 0.12
FLAT_SPAN = 1.0  # the span given to values that do not vary (a flat line, a point that stays)
PULL_WIDTH_RATIO = 0.15  # each column of pulls' width, as a fraction of the plot's
# Each loss's pull per point, under its column: L1's is the slope of |r|, L2's of r²/2.
INFLUENCE_NAMES = {"l1": "pull\n= sign r", "l2": "pull\n= r"}
KEY_COLUMNS = 3
STACK_ROOM = 1.3  # a column's pull axis, as a multiple of its tallest stack: room for the totals
BLOCK_HALF_WIDTH = 0.6  # of a block, on a column's x axis from −1 to 1
BLOCK_EDGE_PT = 1.0  # the background's line between blocks: each point's pull its own block
MIN_SEPARATED_PX = 4  # a block no taller than this is drawn without that line
# The stacks' totals: L1's counts of ±1 (and the points on the line's parts), L2's to the decimals
# the lines' moves print with.
TOTAL_FORMATS = {"l1": ".3g", "l2": f".{MOVE_DECIMALS}f"}
# The line the points were drawn around, dotted grey over the fits (which lie close to it):
# thinner than any fit, under the points and the outlier.
TRUTH_LOOK = {"linestyle": ":", "linewidth": 2.0, "zorder": 2.2}
OUTLIER_WAY = "the outlier's way (faint)"  # its whole climb or fall, drawn from the first frame


def line_equation(slope: float, intercept: float) -> str:
    """The points' line as a reader writes it: "y = 1.5x + 2", "y = 2x − 1"."""
    sign = "−" if intercept < 0 else "+"
    return f"y = {number(slope, 'g')}x {sign} {number(abs(intercept), 'g')}"


def line_at(record: dict, loss: str, x: float) -> float:
    slope, intercept = record[loss]
    return slope * x + intercept


def moves(fits: list[dict], x: float, i: int = -1) -> dict[str, float]:
    """How far each line moved at ``x`` from the first frame to frame ``i`` (the last by default;
    up is positive)."""
    return {loss: line_at(fits[i], loss, x) - line_at(fits[0], loss, x) for loss in LOSSES}


def move_size(move: float) -> str | None:
    """How far a line moved, as the figure prints it: None for a move too small to print (never
    "0.0": under SHOWN_MOVE, its words say so), else its size to MOVE_DECIMALS."""
    return None if abs(move) < SHOWN_MOVE else f"{abs(move):.{MOVE_DECIMALS}f}"


def moved_so_far(fits: list[dict], x: float, i: int) -> str:
    """Each line's move at the point's x from the first frame to frame ``i``, as the title
    measures it over the whole sweep: "moved at x = 8 so far: L2 +2.3, L1 0"."""

    def value(move: float) -> str:
        if move == 0:
            return "0"
        size = move_size(move)
        return f"{'+' if move > 0 else '−'}{size}" if size else f"less than {SHOWN_MOVE:g}"

    moved = moves(fits, x, i)
    return f"moved at x = {number(x, 'g')} so far: " + ", ".join(
        f"{NAMES[loss]} {value(moved[loss])}" for loss in ("l2", "l1")
    )


def robustness_lesson(fits: list[dict], x: float) -> str:
    """The title: how far each line moved at the point's x, measured."""

    def part(loss: str, move: float) -> str:
        if move == 0:
            return f"{NAMES[loss]} stays put"
        size = move_size(move)
        way = f"{'up' if move > 0 else 'down'} {size}" if size else f"less than {SHOWN_MOVE:g}"
        return f"{NAMES[loss]} moves {way}"

    moved = moves(fits, x)
    rise = fits[-1]["outlier_rise"] - fits[0]["outlier_rise"]
    # "As": the moves are over the whole sweep, which the first frame has not shown yet. "At x":
    # a line's move is measured at the point's x; a turning line moves by other amounts elsewhere.
    if rise:
        way = f"As the outlier {'rises' if rise > 0 else 'falls'} {number(abs(rise), 'g')},"
    else:
        way = "The outlier stays at its height:"
    at = f"at x = {number(x, 'g')}"
    return f"{way} {part('l2', moved['l2'])} {at} and {part('l1', moved['l1'])}"


def height_text(rise: float, line: str, spec: str) -> str:
    """Where the outlier is, as on the frame: "outlier 3.0 above y = 1.5x + 2", "... below ...",
    "outlier on y = 1.5x + 2"."""
    if number(rise, spec) == number(0.0, spec):
        return f"outlier on {line}"
    return f"outlier {number(abs(rise), spec)} {'above' if rise > 0 else 'below'} {line}"


def padded(values, margin: float = AXES_MARGIN) -> tuple[float, float]:
    """The range of ``values`` widened by ``margin`` of its span each side."""
    low, high = min(values), max(values)
    pad = margin * ((high - low) or FLAT_SPAN)
    return low - pad, high + pad


def axes_limits(data: dict, fits: list[dict]) -> tuple[tuple[float, float], tuple[float, float]]:
    """x and y limits holding every point, the outlier and both lines (drawn across the x limits)
    in every frame: the lines are straight, so their ends at the x limits bound them."""
    x_limits = padded([*data["base_x"], data["outlier_x"]])
    ends = [line_at(record, loss, x) for record in fits for loss in LOSSES for x in x_limits]
    return x_limits, padded([*data["base_y"], *data["outlier_y"], *ends])


def key_moments(fits: list[dict]) -> tuple[Moments, int]:
    """Where the L1 line last moves (after it, the point's height no longer counts for L1), and
    the last frame, the poster: the point at the end of its way, each line's whole move drawn, the
    lesson at a glance (held as such, not only for the loop's end pause)."""
    last = len(fits) - 1
    changes = [i for i in range(1, len(fits)) if fits[i]["l1"] != fits[i - 1]["l1"]]
    moments = [(changes[-1], "the L1 line moves for the last time")] if changes else []
    if not changes or changes[-1] != last:
        moments.append((last, "the point at the end of its way: each line's whole move"))
    return moments, last


def block_look(colour, on_line: bool, separator, tall: bool = True) -> dict:
    """A pull's block: solid, with a separator's edge; a point on the L1 line's faint inside an
    outline of its colour, which shows in either theme (a faint fill alone nearly vanishes on a
    dark background)."""
    if on_line:
        return {
            "facecolor": to_rgba(colour, AHEAD_ALPHA),
            "edgecolor": colour,
            "linewidth": BLOCK_EDGE_PT,
        }
    return {"facecolor": colour, "edgecolor": separator, "linewidth": BLOCK_EDGE_PT if tall else 0}


class BalancePanel:
    """Beside the plot, a column per line: every point's pull on it, stacked up from 0 for the
    points above the line and down from 0 for those below (``balanced_pulls``). A fitted line sits
    where the two stacks are equally tall. On L2 a point pulls by its residual r, so the outlier's
    block grows as it rises and the line moves until the others' pulls down match it; on L1 every
    point pulls by ±1, the outlier no harder than any other, so nothing needs to move. The
    outlier's block is in its colour at its stack's end; the points on the L1 line, which pull
    anywhere in [−1, 1], are faint blocks of what keeps the line where it is."""

    def __init__(self, axes: dict[str, Axes], pulls: list[dict], height_scale: float, style: dict):
        """``height_scale``: the points' largest height (at least 1), which the pulls' round-off
        is relative to."""
        self.axes, self.pulls = axes, pulls
        self.separator = style["background_color"]
        self.blocks, self.colours, self.totals = {}, {}, {}
        # One scale for both columns: L2's stack grows with the point while L1's stays as tall
        # (on scales of their own, the two would look alike).
        tallest = max(
            max(p[p > 0].sum(), -p[p < 0].sum())
            for p in (f[loss]["pull"] for f in pulls for loss in axes)
        )
        if tallest <= ROUND_OFF * height_scale:  # every point on the lines: no pull to draw
            tallest = FLAT_SPAN
        first, *others = axes.values()
        for ax in others:
            ax.sharey(first)
            ax.tick_params(labelleft=False)  # the first column's scale holds for it
        first.set_ylim(-tallest * STACK_ROOM, tallest * STACK_ROOM)
        for loss, ax in axes.items():
            look = line_look(loss, style)
            ax.set(xlim=(-1, 1), xticks=[])
            ax.axhline(0, **zero_line_look(style))
            ax.set_title(NAMES[loss], color=look["color"], **LABEL_FONT)
            ax.set_xlabel(INFLUENCE_NAMES[loss])
            n = len(pulls[0][loss]["pull"])
            self.colours[loss] = [look["color"]] * (n - 1) + [style["outlier_color"]]
            self.blocks[loss] = [
                Rectangle((-BLOCK_HALF_WIDTH, 0), 2 * BLOCK_HALF_WIDTH, 0)
                for _ in self.colours[loss]
            ]
            for block in self.blocks[loss]:
                ax.add_patch(block)
            self.totals[loss] = {
                way: ax.text(
                    0, y, "", ha="center", va=va, color=style["text_color"], fontsize="small"
                )
                for way, y, va in (("up", 1, "top"), ("down", 0, "bottom"))
            }
            for text in self.totals[loss].values():
                text.set_transform(ax.get_xaxis_transform())
            ax.grid(visible=False)
        axes["l2"].set_ylabel(
            "each point's pull, stacked up + and\ndown −: a line rests where they match"
        )

    def show(self, i: int) -> list[Artist]:
        for loss in LOSSES:
            pull, on_line = self.pulls[i][loss]["pull"], self.pulls[i][loss]["on_line"]
            # each side's stack: the other points, those on the line, then the outlier outermost
            order = sorted(range(len(pull)), key=lambda k: (k == len(pull) - 1, on_line[k]))
            # a block shorter than its separators is drawn without them, so that it shows
            ax = self.axes[loss]
            px_per_pull = abs(ax.transData.transform((0, 1))[1] - ax.transData.transform((0, 0))[1])
            reach = {1: 0.0, -1: 0.0}
            for k in order:
                side = 1 if pull[k] >= 0 else -1
                block = self.blocks[loss][k]
                block.set_y(reach[side])
                block.set_height(pull[k])
                tall = abs(pull[k]) * px_per_pull > MIN_SEPARATED_PX
                block.set(**block_look(self.colours[loss][k], on_line[k], self.separator, tall))
                reach[side] += pull[k]
            for way, total in (("up", reach[1]), ("down", reach[-1])):
                text = number(total, TOTAL_FORMATS[loss])
                signed = total > 0 and value_of(text) != 0  # "+37.8", never "+0.0"
                self.totals[loss][way].set_text(f"+{text}" if signed else text)
        return [
            *(block for loss in LOSSES for block in self.blocks[loss]),
            *(text for loss in LOSSES for text in self.totals[loss].values()),
        ]


def add_key(fig: Figure, style: dict, points_line: str) -> None:
    """The key to the line styles, in the text colour: it names no loss (the lines do). The move's
    swatch is both losses' hatches side by side; the dotted line is the points' own, by its
    equation (``points_line``)."""
    neutral = {"color": style["text_color"], "linewidth": style["line_width"]}
    handles = [
        Line2D([], [], linestyle="-", **neutral),
        Line2D([], [], linestyle="--", **neutral),
        tuple(Patch(**band_look(loss, style)) for loss in LOSSES),
        Line2D([], [], color=style["contour_color"], **TRUTH_LOOK),
        Line2D([], [], **ahead_look(style["outlier_color"], style["line_width"], style)),
    ]
    labels = ["line at the first frame", "line now", "a line's move", points_line, OUTLIER_WAY]
    # the columns' blocks: the outlier's, and the points on the L1 line, which pull anywhere
    # from −1 to 1
    handles += [
        Patch(**block_look(style["outlier_color"], False, style["background_color"])),
        Patch(**block_look(style["l1_color"], True, style["background_color"])),
    ]
    labels += ["the outlier's pull", "a point on the L1 line: pull in [−1, 1]"]
    fig.legend(
        handles,
        labels,
        loc="outside lower center",
        ncols=KEY_COLUMNS,
        frameon=False,
        handler_map={tuple: BAND_PAIR_HANDLER},
    )


def animation_scene(
    data: dict, fits: list[dict], style: dict, scene: dict
) -> tuple[Figure, Callable[[int], list[Artist]]]:
    """The animation's figure and ``update(i)``, which shows the outlier's i-th height.

    ``scene``: the line the points lie on, which the outlier rises above or falls below.
    """
    fig = plt.figure(figsize=style["size_in"], dpi=style["dpi"], layout="constrained")
    ax, l2_column, l1_column = fig.subplots(1, 3, width_ratios=[1, *[PULL_WIDTH_RATIO] * 2])
    fig.suptitle(robustness_lesson(fits, data["outlier_x"]))
    x_limits, y_limits = axes_limits(data, fits)
    ax.set(xlim=x_limits, ylim=y_limits, xlabel="x (stems: the outlier's residual r to each line)")
    ax.set_ylabel("y")
    marker = {"linestyle": "none", "markersize": style["marker_size"]}
    (points,) = ax.plot(data["base_x"], data["base_y"], "o", color=style["point_color"], **marker)
    xs = np.array(x_limits)
    x_out = data["outlier_x"]
    points_line = line_equation(scene["line_slope"], scene["line_intercept"])
    add_key(fig, style, points_line)
    # The line the points were drawn around, which the outlier's height is measured from: named
    # in the key.
    truth = scene["line_slope"] * xs + scene["line_intercept"]
    (truth_line,) = ax.plot(
        xs, truth, color=style["contour_color"], label="the points' line", **TRUTH_LOOK
    )
    rise_format = f".{decimals_to_tell_apart([record['outlier_rise'] for record in fits])}f"
    starts, start_lines, lines, moves, stems, names = {}, {}, {}, {}, {}, {}
    for loss in LOSSES:
        look = line_look(loss, style)
        start = starts[loss] = line_at(fits[0], loss, xs)
        (start_lines[loss],) = ax.plot(
            xs, start, "-", label=f"{NAMES[loss]} line at the first frame", **look
        )
        moves[loss] = ax.fill_between(xs, start, start, **band_look(loss, style))
        (lines[loss],) = ax.plot([], [], "--", label=f"{NAMES[loss]} line", **look)
        (stems[loss],) = ax.plot(
            [], [], label=f"{NAMES[loss]} residual", **stem_look(ax, loss, style)
        )
        names[loss] = end_label(ax, look["color"])
    # The point's whole climb, faint from the first frame: where it is going is seen at once.
    heights = [record["outlier_y"] for record in fits]
    if min(heights) < max(heights):
        ax.plot(
            [x_out, x_out],
            [min(heights), max(heights)],
            **ahead_look(style["outlier_color"], style["line_width"], style),
        )
    (outlier,) = ax.plot([], [], color=style["outlier_color"], **marker, **OUTLIER_MARKER)
    outlier_name = ax.annotate(
        "outlier",
        (x_out, 0),
        xytext=(0, 0),  # above or below the ring: set on each frame
        textcoords="offset points",
        ha="center",
        color=style["text_color"],
    )
    # Above the plot, clear of whatever the point and the lines cover.
    height = ax.set_title("", loc="left")
    every_x = [*data["base_x"], x_out]  # the outlier last
    pulls = BalancePanel(
        {"l2": l2_column, "l1": l1_column},
        [
            balanced_pulls(record, every_x, [*data["base_y"], record["outlier_y"]])
            for record in fits
        ],
        max(1.0, *np.abs(data["base_y"]), *np.abs(data["outlier_y"])),
        style,
    )

    def update(i: int) -> list[Artist]:
        record = fits[i]
        at_point = {loss: line_at(record, loss, x_out) for loss in LOSSES}
        for loss in LOSSES:
            now = line_at(record, loss, xs)
            lines[loss].set_data(xs, now)
            moves[loss].set_data(xs, starts[loss], now)
            names[loss].set_text(NAMES[loss])
            stems[loss].set_data([x_out, x_out], [record["outlier_y"], at_point[loss]])
        follow(
            [names[loss] for loss in LOSSES],
            [(xs[-1], line_at(record, loss, xs[-1])) for loss in LOSSES],
        )
        outlier.set_data([x_out], [record["outlier_y"]])
        # The name beside the climb, clear of it: on the side of the ring away from the lines
        # (and the stems hanging from them), and to the side where the lines run away from it,
        # if the plot has room there (else further off the ring); level with the ring near the
        # plot's top or bottom edge, clear of the titles, unless the ring is among the lines
        # there: then on the ring's other side, where the plot has room.
        low, high = y_limits
        lines_at = np.mean(list(at_point.values()))
        above = record["outlier_y"] >= lines_at
        height_in_plot = (record["outlier_y"] - low) / (high - low)
        near_edge = height_in_plot > 1 - EDGE_ROOM if above else height_in_plot < EDGE_ROOM
        if near_edge and abs(record["outlier_y"] - lines_at) / (high - low) < AMONG_LINES:
            above, near_edge = not above, False
        rising = np.mean([record[loss][0] for loss in LOSSES]) > 0
        left, right = np.array([x_out - x_limits[0], x_limits[1] - x_out]) / np.ptp(x_limits)
        away = 1 if rising != above else -1  # the side where the lines run away from the name
        side = away if {1: right > EDGE_ROOM, -1: left > NAME_WIDTH}[away] else -away
        if near_edge:
            offset, va = (side * OUTLIER_LABEL_OFFSET_PT, 0), "center"
        else:
            # further off the ring on the lines' side, which they run towards
            rise = OUTLIER_LABEL_OFFSET_PT * (1 if side == away else LINES_SIDE_OFFSET)
            rise = rise if above else -rise
            offset, va = (side * OUTLIER_LABEL_OFFSET_PT / 2, rise), "bottom" if above else "top"
        ha = "left" if side > 0 else "right"
        outlier_name.xy = (x_out, record["outlier_y"])
        outlier_name.xyann = offset
        outlier_name.set_horizontalalignment(ha)
        outlier_name.set_verticalalignment(va)
        height.set_text(
            f"{height_text(record['outlier_rise'], points_line, rise_format)}\n"
            + moved_so_far(fits, x_out, i)
        )
        # The first frame's lines and the points do not move, but they are drawn among the moving
        # ones: each L2 line above both L1 lines (a moving L1 line would otherwise cover the L2
        # line at the first frame where the two coincide), the points above them all.
        return [
            *moves.values(),
            *stems.values(),
            *(line for loss in LOSSES for line in (start_lines[loss], lines[loss])),
            truth_line,
            points,
            outlier,
            outlier_name,
            *names.values(),
            height,
            *pulls.show(i),
        ]

    return fig, update
