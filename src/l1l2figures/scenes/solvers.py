"""Computational difficulty: the lasso is found by iterating, ridge by one linear solve.

Left, the ten lasso coefficients of the diabetes data after each sweep of coordinate descent: they
settle, some on exactly 0, after a number of sweeps the title gives. Right, one measure for both:
the relative distance to a solution found independently (solvers.py says how), for the lasso after
each sweep and for ridge after its single solve.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from l1l2figures.rendering.style import PATH_LINE_WIDTH, marker_look, zero_line_look

LEGEND_HEADROOM = 100  # the distance axis ends this factor above 1 (the start): room for the legend


def solvers_figure(result: dict, style: dict) -> Figure:
    history = np.array(result["lasso_history"])
    sweeps = np.arange(len(history))
    zeros = int(np.sum(history[-1] == 0.0))
    fig, (path_ax, gap_ax) = plt.subplots(
        1, 2, figsize=style["size_in"], dpi=style["dpi"], layout="constrained"
    )
    fig.suptitle("Computational difficulty: ridge is one linear solve, the lasso an iteration")

    path_ax.plot(sweeps, history, color=style["l1_color"], linewidth=PATH_LINE_WIDTH)
    path_ax.axhline(0, **zero_line_look(style))
    path_ax.set(
        title=f"lasso by coordinate descent: {len(history) - 1} sweeps, {zeros} coefficients exactly 0",
        xlabel="sweep",
        ylabel="coefficient",
    )

    # The start (all zeros) is at distance 1; the sweeps after it show the convergence.
    gap_ax.semilogy(
        sweeps,
        result["lasso_distance"],
        color=style["l1_color"],
        linewidth=style["line_width"],
        label=f"lasso (α = {result['lasso_alpha']:g}): one sweep at a time",
    )
    gap_ax.semilogy(
        [1],
        [result["ridge_distance"]],
        label=f"ridge (α = {result['ridge_alpha']:g}): one linear solve",
        **marker_look("l2", style),
    )
    gap_ax.set(
        title="relative distance to an independently converged solution",
        xlabel="sweep (lasso) or solve (ridge)",
        ylabel="|b − b*| / |b*|",
    )
    gap_ax.set_ylim(top=LEGEND_HEADROOM)
    gap_ax.legend(loc="upper right")
    return fig
