"""Stability, quantified: how far each fit moves as the outlier of the sweep moves.

Left, how far the outlier pulls each fit away from the fit without it; right, how much each fit
changes when the outlier moves a little to the side. The band marks the x range of the other points.
Where the outlier sits among them, the L2 fit hardly moves and the L1 fit jumps: L2 is more stable.
"""

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

NAMES = {"l1": "L1 loss", "l2": "L2 loss"}
BAND_ALPHA = 0.12  # the shaded x range of the base points


def stability_figure(measures: dict, base_x: list[float], style: dict) -> Figure:
    fig, (shift_ax, change_ax) = plt.subplots(
        1, 2, figsize=style["size_in"], dpi=style["dpi"], layout="constrained"
    )
    fig.suptitle("Stability: how much gradient boosting's fit moves as the outlier moves")
    shift_ax.set(
        title="pull of the outlier: mean |with - without|", xlabel="outlier x", ylabel="mean shift"
    )
    change_ax.set(
        title="change when the outlier moves sideways",
        xlabel="outlier x",
        ylabel="mean |change| per unit of x",
    )
    color = {"l1": style["l1_color"], "l2": style["l2_color"]}
    for loss, name in NAMES.items():
        look = {"color": color[loss], "linewidth": style["line_width"], "label": name}
        shift_ax.plot(measures["outlier_x"], measures[f"{loss}_shift"], **look)
        change_ax.plot(measures["midpoint_x"], measures[f"{loss}_sensitivity"], **look)
    for ax in (shift_ax, change_ax):
        ax.axvspan(min(base_x), max(base_x), color="grey", alpha=BAND_ALPHA, linewidth=0)
        ax.set_ylim(bottom=0)
        ax.legend(loc="best", title="grey: x range of the points")
    return fig
