"""Sparsity: the L1 diamond's corners give exact zeros, the L2 disc gives none.

Left, least squares restricted to the diamond |b1| + |b2| <= t (green) and to the disc
b1² + b2² <= t² (red): the loss's contours are ellipses round its centre (x), and each solution is
where the smallest contour touches its region (the dashed contour through it). As the centre
moves, the L1 solution sticks to a corner, with one coefficient exactly 0, for whole stretches (in
between it slides along an edge); the L2 solution slides round the circle. The solutions' values
are written above the picture, clear of the contours. Right, the same on real data: lasso
coefficients reach exactly 0 one after another as the penalty grows; ridge coefficients shrink as a
whole (some change sign or grow for a while) and none stays at 0.
"""

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Polygon

from l1l2figures.maths.sparsity import loss
from l1l2figures.rendering.style import PATH_LINE_WIDTH, marker_look, zero_line_look

ELLIPSE_POINTS = 241  # samples of each contour ellipse
GREY_LEVELS = (0.25, 1.0)  # loss values of the grey contours
NAMES = {"l1": "L1", "l2": "L2"}


def _unit_ellipse(matrix) -> np.ndarray:
    """Points u with u' A u = 1 (2 x ELLIPSE_POINTS): scaled and shifted to draw any contour."""
    eigenvalues, eigenvectors = np.linalg.eigh(np.asarray(matrix, float))
    angle = np.linspace(0, 2 * np.pi, ELLIPSE_POINTS)
    circle = np.vstack([np.cos(angle), np.sin(angle)])
    return eigenvectors @ (circle / np.sqrt(eigenvalues)[:, None])


def _coefficients_text(name: str, b: list[float]) -> str:
    zeros = [f"b{k + 1}" for k, v in enumerate(b) if v == 0.0]
    exact = f": {' and '.join(zeros)} exactly 0" if zeros else ""
    return f"{name}: b = ({b[0]:.2f}, {b[1]:.2f}){exact}"


def animation_scene(
    fits: dict, params: dict, style: dict
) -> tuple[Figure, Callable[[int], list[Artist]]]:
    """The animation's figure and ``update(i)``, which shows the loss centred on frame i's centre."""
    budget, matrix = params["budget"], params["loss_matrix"]
    unit = _unit_ellipse(matrix)
    color = {"l1": style["l1_color"], "l2": style["l2_color"]}
    fig, (region_ax, lasso_ax, ridge_ax) = plt.subplots(
        1, 3, figsize=style["size_in"], dpi=style["dpi"], layout="constrained"
    )
    fig.suptitle(
        "Sparsity: the L1 solution sticks to corners, where a coefficient is exactly 0, "
        "for whole stretches"
    )

    region_ax.set(
        xlim=params["beta_limits"], ylim=params["beta_limits"], aspect="equal", xlabel="b1"
    )
    region_ax.set_ylabel("b2")
    region_title = "least squares in the diamond and the disc"
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
    grey = [
        region_ax.plot([], [], color=style["contour_color"], linewidth=1)[0] for _ in GREY_LEVELS
    ]
    touching, solution = {}, {}
    for loss_name in NAMES:
        look = {"color": color[loss_name], "linewidth": style["line_width"]}
        (touching[loss_name],) = region_ax.plot([], [], "--", **look)
        (solution[loss_name],) = region_ax.plot([], [], **marker_look(loss_name, style))
    (centre,) = region_ax.plot(
        [], [], "x", color=style["text_color"], markersize=style["marker_size"]
    )
    # The solutions' values go in the title, above the axes: inside, the contours would cross them.
    values = region_ax.title

    for ax, name, title in (
        (lasso_ax, "lasso", "lasso (L1): coefficients reach exactly 0"),
        (ridge_ax, "ridge", "ridge (L2): the norm shrinks, none stays 0"),
    ):
        loss_name = "l1" if name == "lasso" else "l2"
        log_alpha = np.log10(fits[f"{name}_alphas"])
        ax.plot(log_alpha, fits[name], color=color[loss_name], linewidth=PATH_LINE_WIDTH)
        ax.axhline(0, **zero_line_look(style))
        ax.set(title=title, xlabel="log10 alpha (penalty strength)", ylabel="coefficient")
    ridge_ax.sharey(lasso_ax)

    def contour(c, level) -> tuple[np.ndarray, np.ndarray]:
        points = np.asarray(c)[:, None] + np.sqrt(level) * unit
        return points[0], points[1]

    def update(i: int) -> list[Artist]:
        record = fits["solutions"][i]
        c = record["centre"]
        for line, level in zip(grey, GREY_LEVELS, strict=True):
            line.set_data(*contour(c, level))
        for loss_name in NAMES:
            b = record[loss_name]
            touching[loss_name].set_data(*contour(c, loss(b, c, matrix)))
            solution[loss_name].set_data([b[0]], [b[1]])
        values.set_text(
            "\n".join(
                [region_title]
                + [_coefficients_text(name, record[loss_name]) for loss_name, name in NAMES.items()]
            )
        )
        centre.set_data([c[0]], [c[1]])
        return [*grey, *touching.values(), *solution.values(), centre, values]

    return fig, update
