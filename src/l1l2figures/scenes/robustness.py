"""Robustness: straight lines fitted with L1 and L2 loss while one point rises far above the rest.

The L2 (least-squares) line is dragged up by the point, more the further it goes, because squared
errors grow quadratically. The L1 (least absolute deviations) line stays where it was: once the
point is above the line, only the sign of its error counts, not its size.
"""

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from l1l2figures.rendering.style import OUTLIER_MARKER, decimals_to_tell_apart, line_look, number

LABELS = {"l1": "L1 loss (least absolute deviations)", "l2": "L2 loss (least squares)"}


def line_equation(slope: float, intercept: float) -> str:
    """The points' line as a reader writes it: "y = 1.5x + 2", "y = 2x − 1"."""
    sign = "−" if intercept < 0 else "+"
    return f"y = {number(slope, 'g')}x {sign} {number(abs(intercept), 'g')}"


def animation_scene(
    data: dict, fits: list[dict], style: dict, scene: dict
) -> tuple[Figure, Callable[[int], list[Artist]]]:
    """The animation's figure and ``update(i)``, which shows the outlier's i-th height.

    ``scene``: the axis limits and the line the points lie on, which the outlier rises above.
    """
    fig, ax = plt.subplots(figsize=style["size_in"], dpi=style["dpi"], layout="constrained")
    fig.suptitle("Robustness: one point rises; the L2 line follows it, the L1 line does not")
    ax.set(xlim=scene["x_limits"], ylim=scene["y_limits"], xlabel="x", ylabel="y")
    marker = {"linestyle": "none", "markersize": style["marker_size"]}
    (points,) = ax.plot(data["base_x"], data["base_y"], "o", color=style["point_color"], **marker)
    xs = np.array(scene["x_limits"])
    points_line = line_equation(scene["line_slope"], scene["line_intercept"])
    rise_format = f".{decimals_to_tell_apart([record['outlier_rise'] for record in fits])}f"
    lines = {
        loss: ax.plot([], [], label=LABELS[loss], **line_look(loss, style))[0] for loss in LABELS
    }
    (outlier,) = ax.plot(
        [],
        [],
        color=style["outlier_color"],
        label="the outlier, rising",
        **marker,
        **OUTLIER_MARKER,
    )
    ax.legend(loc="upper left")
    slopes = ax.text(0.98, 0.03, "", transform=ax.transAxes, ha="right", va="bottom")

    def update(i: int) -> list[Artist]:
        record = fits[i]
        for loss, line in lines.items():
            slope, intercept = record[loss]
            line.set_data(xs, slope * xs + intercept)
        outlier.set_data([data["outlier_x"]], [record["outlier_y"]])
        slopes.set_text(
            f"outlier {number(record['outlier_rise'], rise_format)} above {points_line}\n"
            f"slope: L1 {record['l1'][0]:.2f}, L2 {record['l2'][0]:.2f}"
        )
        # The points do not move, but they are drawn above the moving lines.
        return [*lines.values(), points, outlier, slopes]

    return fig, update
