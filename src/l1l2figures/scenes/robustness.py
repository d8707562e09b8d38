"""Robustness: straight lines fitted with L1 and L2 loss while one point rises far above the rest.

The L2 (least-squares) line is dragged up by the point, more the further it goes, because squared
errors grow quadratically. The L1 (least absolute deviations) line stays where it was once the
point is above it: only the sign of its error counts, not its size. Each line is named at its
right end, in its colour; the rising point is a ring named "outlier", and its residual to each
line is drawn in that line's colour. The title gives how far each line moved, measured at the
outlier's x from the first frame to the last.
"""

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from l1l2figures.rendering.pacing import Moments
from l1l2figures.rendering.style import (
    OUTLIER_MARKER,
    decimals_to_tell_apart,
    end_label,
    follow,
    line_look,
    number,
    side_by_side,
)

LOSSES = ("l1", "l2")
NAMES = {"l1": "L1", "l2": "L2"}
OUTLIER_LABEL_OFFSET_PT = (0, 10)  # the outlier's name, above its ring: the lines run below it
SHOWN_MOVE = 0.05  # a line's move in the title is shown to one decimal: smaller ones are "less"
RESIDUAL_WIDTH = 1.5  # the outlier's residuals: thinner than the lines they hang from


def line_equation(slope: float, intercept: float) -> str:
    """The points' line as a reader writes it: "y = 1.5x + 2", "y = 2x − 1"."""
    sign = "−" if intercept < 0 else "+"
    return f"y = {number(slope, 'g')}x {sign} {number(abs(intercept), 'g')}"


def line_at(record: dict, loss: str, x: float) -> float:
    slope, intercept = record[loss]
    return slope * x + intercept


def moves(fits: list[dict], x: float) -> dict[str, float]:
    """How far each line moved at ``x`` from the first frame to the last (up is positive)."""
    return {loss: line_at(fits[-1], loss, x) - line_at(fits[0], loss, x) for loss in LOSSES}


def robustness_lesson(fits: list[dict], x: float) -> str:
    """The title: how far each line moved under the rising point, measured."""

    def part(loss: str, move: float) -> str:
        if move == 0:
            return f"the {NAMES[loss]} line stays put"
        if abs(move) < SHOWN_MOVE:  # never "moves up 0.0"
            return f"the {NAMES[loss]} line moves less than {SHOWN_MOVE:g}"
        return f"the {NAMES[loss]} line moves {'up' if move > 0 else 'down'} {abs(move):.1f}"

    moved = moves(fits, x)
    rise = fits[-1]["outlier_rise"] - fits[0]["outlier_rise"]
    way = "rises" if rise > 0 else "falls" if rise < 0 else "stays at its height"
    by = f" {number(abs(rise), 'g')}" if rise else ""
    return f"The outlier {way}{by}: {part('l2', moved['l2'])}, {part('l1', moved['l1'])}"


def height_text(rise: float, line: str, spec: str) -> str:
    """Where the outlier is, as on the frame: "outlier 3.0 above y = 1.5x + 2", "... below ...",
    "outlier on y = 1.5x + 2"."""
    if number(rise, spec) == number(0.0, spec):
        return f"outlier on {line}"
    return f"outlier {number(abs(rise), spec)} {'above' if rise > 0 else 'below'} {line}"


def key_moments(fits: list[dict]) -> tuple[Moments, int]:
    """Where the L1 line last moves (after it, the point's height no longer counts for L1);
    the poster is the last frame, the point at its highest."""
    changes = [i for i in range(1, len(fits)) if fits[i]["l1"] != fits[i - 1]["l1"]]
    moments = [(changes[-1], "the L1 line moves for the last time")] if changes else []
    return moments, len(fits) - 1


def animation_scene(
    data: dict, fits: list[dict], style: dict, scene: dict
) -> tuple[Figure, Callable[[int], list[Artist]]]:
    """The animation's figure and ``update(i)``, which shows the outlier's i-th height.

    ``scene``: the axis limits and the line the points lie on, which the outlier rises above.
    """
    fig, ax = plt.subplots(figsize=style["size_in"], dpi=style["dpi"], layout="constrained")
    fig.suptitle(robustness_lesson(fits, data["outlier_x"]))
    ax.set(xlim=scene["x_limits"], ylim=scene["y_limits"], xlabel="x", ylabel="y")
    marker = {"linestyle": "none", "markersize": style["marker_size"]}
    (points,) = ax.plot(data["base_x"], data["base_y"], "o", color=style["point_color"], **marker)
    xs = np.array(scene["x_limits"])
    points_line = line_equation(scene["line_slope"], scene["line_intercept"])
    rise_format = f".{decimals_to_tell_apart([record['outlier_rise'] for record in fits])}f"
    lines, residuals, names = {}, {}, {}
    for loss in LOSSES:
        look = line_look(loss, style)
        (lines[loss],) = ax.plot([], [], label=f"{NAMES[loss]} line", **look)
        # Side by side, L1's left of L2's: on top of each other, the two colours would blend.
        (residuals[loss],) = ax.plot(
            [],
            [],
            color=look["color"],
            linewidth=RESIDUAL_WIDTH,
            solid_capstyle="butt",
            transform=side_by_side(ax, loss),
            label=f"{NAMES[loss]} residual",
        )
        names[loss] = end_label(ax, look["color"])
    (outlier,) = ax.plot([], [], color=style["outlier_color"], **marker, **OUTLIER_MARKER)
    outlier_name = ax.annotate(
        "outlier",
        (data["outlier_x"], 0),
        xytext=OUTLIER_LABEL_OFFSET_PT,
        textcoords="offset points",
        ha="center",
        va="bottom",
        color=style["text_color"],
    )
    slopes = ax.text(0.98, 0.03, "", transform=ax.transAxes, ha="right", va="bottom")
    x_out = data["outlier_x"]

    def update(i: int) -> list[Artist]:
        record = fits[i]
        for loss in LOSSES:
            lines[loss].set_data(xs, line_at(record, loss, xs))
            names[loss].set_text(NAMES[loss])
            residuals[loss].set_data(
                [x_out, x_out], [record["outlier_y"], line_at(record, loss, x_out)]
            )
        follow(
            [names[loss] for loss in LOSSES],
            [(xs[-1], line_at(record, loss, xs[-1])) for loss in LOSSES],
        )
        outlier.set_data([x_out], [record["outlier_y"]])
        outlier_name.xy = (x_out, record["outlier_y"])
        slopes.set_text(
            f"{height_text(record['outlier_rise'], points_line, rise_format)}\n"
            f"slope: L1 {number(record['l1'][0], '.2f')}, L2 {number(record['l2'][0], '.2f')}"
        )
        # The points do not move, but they are drawn above the moving lines.
        return [
            *residuals.values(),
            *lines.values(),
            points,
            outlier,
            outlier_name,
            *names.values(),
            slopes,
        ]

    return fig, update
