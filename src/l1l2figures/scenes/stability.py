"""Stability, quantified: how far each fit moves as the outlier of the sweep moves.

Left, how far the outlier pulls each fit away from the fit without it; right, how much each fit
jumps between two neighbouring outlier positions (not divided by the step: a tree fit is
discontinuous, so a rate would scale with the number of frames). Both are means over the
prediction grid, whose x range the titles give. The band marks the x range of the other points.
L1 is drawn wide and below, L2 narrow on top, so where they coincide both show.
"""

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from l1l2figures.rendering.style import line_look, number

NAMES = {"l1": "L1 loss", "l2": "L2 loss"}


def stability_figure(measures: dict, base_x: list[float], style: dict) -> Figure:
    fig, (shift_ax, jump_ax) = plt.subplots(
        1, 2, figsize=style["size_in"], dpi=style["dpi"], layout="constrained"
    )
    fig.suptitle("Stability: how much gradient boosting's fit moves as the outlier moves")
    low, high = (number(v, "g") for v in measures["mean_over_x"])
    shift_ax.set(
        title=f"pull of the outlier: mean |with − without| over x in [{low}, {high}]",
        xlabel="outlier x",
        ylabel="mean shift",
    )
    jump_ax.set(
        title=f"jump between neighbouring positions: mean over x in [{low}, {high}]",
        xlabel="outlier x (midway between the two positions)",
        ylabel="mean |change|",
    )
    for loss, name in NAMES.items():
        look = line_look(loss, style) | {"label": name}
        shift_ax.plot(measures["outlier_x"], measures[f"{loss}_shift"], **look)
        jump_ax.plot(measures["midpoint_x"], measures[f"{loss}_jump"], **look)
    for ax in (shift_ax, jump_ax):
        ax.axvspan(
            min(base_x),
            max(base_x),
            color=style["band_color"],
            linewidth=0,
            label="x range of the points",
        )
        ax.set_ylim(bottom=0)
    fig.legend(*shift_ax.get_legend_handles_labels(), loc="outside lower center", ncols=3)
    return fig
