"""The outlier sweep: four points on a noisy line, one outlier, four gradient-boosting fits.

Green is L1 loss (absolute error), drawn wide and below; red is L2 loss (squared error), drawn
narrow on top, so where the two coincide both show. A solid curve is fitted without the outlier, a
dashed one with it, so the gap between a colour's two curves is the outlier's pull. Curves are
drawn as the models' step functions: boosted trees are piecewise constant. The outlier is a ring, so
a point under it still shows; its position is written in the corner, clear of the data.
"""

import math
from collections.abc import Callable

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from l1l2figures.rendering.style import OUTLIER_MARKER, decimals_to_tell_apart, line_look, number

# The outlier's position is written in the lower right corner, below every curve and point.
LABEL_POSITION = (0.98, 0.03)  # axes fraction
STEP = "steps-mid"  # a step function sampled on a grid: jumps halfway between samples

LEGEND_LABELS = {
    ("l1", "without"): "L1 loss, fitted without the outlier",
    ("l1", "with"): "L1 loss, fitted with the outlier",
    ("l2", "without"): "L2 loss, fitted without the outlier",
    ("l2", "with"): "L2 loss, fitted with the outlier",
}
LOSSES = ("l1", "l2")  # drawing and legend order
# A legend's line sample shows this many dash periods of the widest dashed curve (dash, gap, dash):
# shorter, the wide L1 dashed key reads as a short solid one.
DASH_PERIODS_IN_LEGEND = 1.5


def legend_handle_length(style: dict) -> float:
    """The legend's line-sample length, in font sizes (matplotlib's handlelength), for this style."""
    widest = max(line_look(loss, style)["linewidth"] for loss in LOSSES)
    dash_period = sum(matplotlib.rcParams["lines.dashed_pattern"]) * widest  # points
    font = FontProperties(size=matplotlib.rcParams["legend.fontsize"]).get_size_in_points()
    return max(
        matplotlib.rcParams["legend.handlelength"], DASH_PERIODS_IN_LEGEND * dash_period / font
    )


class OutlierPanel:
    """One axes of the experiment; ``show`` moves the outlier and its two dashed fits.

    ``limits`` holds the axes' ``x_limits`` and ``y_limits`` (a config slice or section).
    """

    def __init__(
        self, ax: Axes, data: dict, fits: dict[str, np.ndarray], style: dict, limits: dict
    ):
        self.outlier_y = data["outlier_y"]
        self.grid = fits["prediction_x"]
        self.x_format = f".{decimals_to_tell_apart(fits['outlier_x'].tolist())}f"
        ax.set(xlim=limits["x_limits"], ylim=limits["y_limits"], xlabel="x", ylabel="y")
        self.with_outlier = {}
        for loss in LOSSES:
            look = line_look(loss, style) | {"drawstyle": STEP}
            ax.plot(
                self.grid,
                fits[f"{loss}_without"],
                "-",
                label=LEGEND_LABELS[loss, "without"],
                **look,
            )
            (self.with_outlier[loss],) = ax.plot(
                [], [], "--", label=LEGEND_LABELS[loss, "with"], **look
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
            label=f"outlier (y = {number(self.outlier_y, 'g')})",
            **OUTLIER_MARKER,
        )
        self.label = ax.text(*LABEL_POSITION, "", transform=ax.transAxes, ha="right", va="bottom")

    def show(self, outlier_x: float, curves_with: dict[str, np.ndarray]) -> list[Artist]:
        """Move the outlier and its fits; return what changed and what is drawn above it."""
        self.outlier.set_data([outlier_x], [self.outlier_y])
        self.label.set_text(f"outlier at x = {number(outlier_x, self.x_format)}")
        for loss, line in self.with_outlier.items():
            line.set_data(self.grid, curves_with[loss])
        # The base points do not move, but they are drawn above the moving curves.
        return [*self.with_outlier.values(), self.base_points, self.outlier, self.label]


def _frame(fits: dict[str, np.ndarray], i: int) -> tuple[float, dict[str, np.ndarray]]:
    return fits["outlier_x"][i], {loss: fits[f"{loss}_with"][i] for loss in LOSSES}


def animation_scene(
    data: dict, fits: dict[str, np.ndarray], style: dict, limits: dict
) -> tuple[Figure, Callable[[int], list[Artist]]]:
    """The animation's figure and ``update(i)``, which shows frame i of the sweep."""
    fig, ax = plt.subplots(figsize=style["size_in"], dpi=style["dpi"], layout="constrained")
    fig.suptitle("Stability: gradient boosting with L1 and L2 loss while an outlier moves")
    panel = OutlierPanel(ax, data, fits, style, limits)
    ax.legend(loc="upper left", handlelength=legend_handle_length(style))

    def update(i: int) -> list[Artist]:
        return panel.show(*_frame(fits, i))

    return fig, update


def grid_figure(
    data: dict, fits: dict[str, np.ndarray], style: dict, limits: dict, columns: int
) -> Figure:
    """All outlier positions at once, one panel each (the original's static 3 x 3 layout)."""
    n_panels = len(fits["outlier_x"])
    rows = math.ceil(n_panels / columns)
    fig, axes = plt.subplots(
        rows,
        columns,
        figsize=style["grid_size_in"],
        dpi=style["dpi"],
        layout="constrained",
        squeeze=False,
    )
    fig.suptitle("Stability: gradient boosting with L1 and L2 loss, one panel per outlier position")
    for i, ax in enumerate(axes.flat):
        if i >= n_panels:
            ax.set_axis_off()
            continue
        OutlierPanel(ax, data, fits, style, limits).show(*_frame(fits, i))
    fig.legend(
        *axes.flat[0].get_legend_handles_labels(),
        loc="outside lower center",
        ncols=2,
        handlelength=legend_handle_length(style),
    )
    return fig
