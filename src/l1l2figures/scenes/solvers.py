"""Computational difficulty: the lasso is found by iterating, ridge by one linear solve.

Left, the ten lasso coefficients of the diabetes data after each sweep of coordinate descent: they
settle, some on exactly 0, after a number of sweeps the title gives. Right, how far each sweep
still is from where the lasso settles, against ridge's single solve, exact up to rounding.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

PATH_LINE_WIDTH = 1.2


def solvers_figure(result: dict, style: dict) -> Figure:
    history = np.array(result["lasso_history"])
    sweeps = np.arange(len(history))
    final = history[-1]
    zeros = int(np.sum(final == 0.0))
    fig, (path_ax, gap_ax) = plt.subplots(
        1, 2, figsize=style["size_in"], dpi=style["dpi"], layout="constrained"
    )
    fig.suptitle("Computational difficulty: ridge is one linear solve, the lasso an iteration")

    path_ax.plot(sweeps, history, color=style["l1_color"], linewidth=PATH_LINE_WIDTH)
    path_ax.axhline(0, color=style["axis_color"], linewidth=0.8)
    path_ax.set(
        title=f"lasso by coordinate descent: {len(history) - 1} sweeps, {zeros} coefficients exactly 0",
        xlabel="sweep",
        ylabel="coefficient",
    )

    # Distance to where the lasso settles; the last sweep's is 0 and has no place on a log axis.
    gap = np.linalg.norm(history[:-1] - final, axis=1) / np.linalg.norm(final)
    gap_ax.semilogy(
        sweeps[:-1],
        gap,
        color=style["l1_color"],
        linewidth=style["line_width"],
        label=f"lasso (α = {result['lasso_alpha']:g}): one sweep at a time",
    )
    gap_ax.semilogy(
        [1],
        [result["ridge_relative_residual"]],
        "o",
        color=style["l2_color"],
        markersize=style["marker_size"],
        label=f"ridge (α = {result['ridge_alpha']:g}): one linear solve, exact to rounding",
    )
    gap_ax.set(
        title="relative distance from the solution",
        xlabel="sweep (lasso) or solve (ridge)",
        ylabel="relative error",
    )
    gap_ax.legend(loc="lower right")
    return fig
