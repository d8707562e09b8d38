"""Why L1 gives zeros, by the odds: where random losses' minima lie, and how often each region
puts a coefficient at zero.

Top two rows, one map per family (columns) and region (rows: the L1 diamond, then the L2 disc):
each loss's unconstrained minimum is a dot, in the region's colour when the article's boundary
walk gives its constrained minimum a zero coefficient, muted when not; a ring marks the dots where
the exact minimum has no zero (the walk snapped onto a corner; L1 only). Both regions are drawn
on every map. Shaded, on the symmetric maps alone (round losses, where the shapes are exact): on
the L1 row the cones beyond the diamond's corners, every minimum in which has its L1 minimum on
the corner; on the L2 row the thin wedges round the axes where the walk snaps onto an axis point
(exactly, only minima on an axis itself give an L2 zero). A legend row under the maps says what a
dot, its colour, a ring and the shading mean. Bottom, the shares: for each family, L1 and L2 by
the walk (lighter) and exactly (full colour, a zero drawn as a stub), with the article's published
share marked on the walk's bars. The title is the words' (exact shares first), measured.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon

from l1l2figures.maths.sparsity_odds import FAMILIES, NORMS, PUBLISHED, SIDES, shares
from l1l2figures.rendering.style import SHADE_ALPHA, zero_line_look
from l1l2figures.words.sparsity_odds import headline, percent

ROUND_FAMILY = "symmetric"  # its losses are round: the regions drawn are exact for it alone
FAMILY_NAMES = {"symmetric": "symmetric", "general": "general", "one_weak": "one weak feature"}
REGION_NAMES = {"l1": "L1 diamond", "l2": "L2 disc"}
HEIGHT_RATIOS = [1, 1, 0.22, 0.85]  # the two rows of maps, their legend, then the shares
BAR_WIDTH = 0.2  # of a family's unit on the shares' x axis: four bars side by side
BAR_OFFSETS = (-1.5, -0.5, 0.5, 1.5)  # in bar widths: L1 walk, L1 exact, L2 walk, L2 exact
WALK_ALPHA = 0.45  # the article's walk: the method's colour, lighter than the exact bar's
SHARE_HEADROOM = 1.3  # the shares' axis reaches this factor above the largest bar or mark
LABEL_PAD_PT = 2  # between a bar's top (or its published mark) and its number
RING_SCALE = 2.5  # a ring round a dot, this many dot sizes across
CIRCLE_STEPS = 361  # points of the disc's outline
STUB_WIDTH = 3  # a zero-height bar is drawn as a line this many line widths thick
# the maps' ticks: 0 and this fraction of the limit each way, to one significant figure
TICK_FRACTION = 0.5


def corner_cones(t: float, limit: float) -> list[np.ndarray]:
    """Beyond each corner of the diamond, the centres whose round loss has its L1 minimum on that
    corner: the corner plus the normal cone, between the normals of its two edges (to the edge of
    the map)."""
    reach = limit - t
    cone = np.array([[t, 0.0], [limit, reach], [limit, -reach]])
    return quarter_turns(cone)


def quarter_turns(shape: np.ndarray) -> list[np.ndarray]:
    """``shape`` and its turns by 90, 180 and 270 degrees about the origin."""
    rotation = np.array([[0, -1], [1, 0]])
    return [shape @ np.linalg.matrix_power(rotation, k).T for k in range(SIDES)]


def snap_wedges(t: float, limit: float, n_points: int) -> list[np.ndarray]:
    """Round the positive b1 axis and its turns, the angles within half a walk step of the axis:
    there the walk's nearest point to a round loss's minimum is the axis point."""
    half_step = (np.pi / 2) / (n_points // SIDES - 1) / 2
    far = limit * np.sqrt(2)
    wedge = np.array(
        [
            [0.0, 0.0],
            far * np.array([np.cos(half_step), np.sin(half_step)]),
            far * np.array([np.cos(half_step), -np.sin(half_step)]),
        ]
    )
    return quarter_turns(wedge)


def draw_map(ax, found: dict, name: str, norm: str, params: dict, style: dict) -> None:
    t, limit = params["region_size"], params["centre_limit"]
    colour = style[f"{norm}_color"]
    regions = (
        []
        if name != ROUND_FAMILY
        else corner_cones(t, limit)
        if norm == "l1"
        else snap_wedges(t, limit, params["boundary_points"])
    )
    for region in regions:
        ax.add_patch(Polygon(region, color=colour, alpha=SHADE_ALPHA, linewidth=0, zorder=1))
    ax.axhline(0, **zero_line_look(style))
    ax.axvline(0, **zero_line_look(style))
    centres = found[f"{name}_{norm}_centres"]
    zero = found[f"{name}_{norm}_walk_zero"]
    # Rings on L1 only: the exact L2 minimum never has a zero, so every L2 dot would carry one.
    snapped = zero & ~found[f"{name}_{norm}_exact_zero"] if norm == "l1" else zero & False
    size = style["marker_size"] ** 2
    ax.scatter(*centres[~zero].T, s=size, color=style["grid_color"], linewidths=0, zorder=2)
    ax.scatter(*centres[zero].T, s=size, color=colour, linewidths=0, zorder=2.1)
    ax.scatter(
        *centres[snapped].T,
        s=size * RING_SCALE**2,
        facecolors="none",
        edgecolors=style["text_color"],
        linewidths=style["line_width"] / 2,
        zorder=2.2,
    )
    diamond = t * np.array([[1, 0], [0, 1], [-1, 0], [0, -1], [1, 0]], float)
    ax.plot(*diamond.T, color=style["l1_color"], linewidth=style["line_width"], zorder=3)
    angles = np.linspace(0, 2 * np.pi, CIRCLE_STEPS)
    ax.plot(
        t * np.cos(angles),
        t * np.sin(angles),
        color=style["l2_color"],
        linewidth=style["line_width"],
        zorder=3.1,
    )
    ax.set(xlim=(-limit, limit), ylim=(-limit, limit), aspect="equal")
    step = float(f"{TICK_FRACTION * limit:.1g}")  # at most the limit: the ticks stay inside
    ax.set_xticks([-step, 0, step])
    ax.set_yticks([-step, 0, step])
    ax.grid(False)


def draw_shares(ax, found: dict, style: dict) -> None:
    walk, exact = shares(found, "walk_zero"), shares(found, "exact_zero")
    positions = np.arange(len(FAMILIES))
    tops = []
    bars = [(norm, source) for norm in NORMS for source in (walk, exact)]
    for offset, (norm, source) in zip(BAR_OFFSETS, bars, strict=True):
        x = positions + offset * BAR_WIDTH
        heights = [source[name][norm] for name in FAMILIES]
        alpha = WALK_ALPHA if source is walk else 1.0
        colour = style[f"{norm}_color"]
        ax.bar(x, heights, BAR_WIDTH, color=colour, alpha=alpha, linewidth=0)
        empty = [xi for xi, h in zip(x, heights, strict=True) if h == 0]
        ax.hlines(
            [0] * len(empty),
            np.array(empty) - BAR_WIDTH / 2,
            np.array(empty) + BAR_WIDTH / 2,
            color=colour,
            alpha=alpha,
            linewidth=STUB_WIDTH * style["line_width"],
            clip_on=False,
            zorder=3,
        )
        published = [PUBLISHED[name][norm] for name in FAMILIES] if source is walk else heights
        for xi, h, p in zip(x, heights, published, strict=True):
            top = max(h, p)
            tops.append(top)
            ax.annotate(
                percent(h),
                (xi, top),
                xytext=(0, LABEL_PAD_PT + STUB_WIDTH * style["line_width"] / 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize="small",
                fontweight="normal" if source is walk else "bold",
                color=style["text_color"],
            )
        if source is walk:
            ax.hlines(
                published,
                x - BAR_WIDTH / 2,
                x + BAR_WIDTH / 2,
                color=style["text_color"],
                linewidth=style["line_width"],
                zorder=3,
            )
    ax.set_xticks(positions, [FAMILY_NAMES[name] for name in FAMILIES])
    ax.set(ylabel="% with a zero", ylim=(0, SHARE_HEADROOM * max(tops)))
    ax.legend(
        handles=[
            Patch(color=style["l1_color"], label="exact"),
            Patch(color=style["l1_color"], alpha=WALK_ALPHA, label="the article's walk"),
            Line2D(
                [], [], color=style["text_color"], linewidth=style["line_width"], label="published"
            ),
        ],
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=3,
        fontsize="small",
        frameon=False,
    )
    ax.grid(axis="x", visible=False)


def map_legend(ax, style: dict) -> None:
    """One row under the maps: what a dot, its colour, a ring and the shading mean."""
    size = style["marker_size"] * 2
    dot = {"marker": "o", "linestyle": "none", "markersize": size, "markeredgewidth": 0}
    handles = [
        tuple(Line2D([], [], color=style[f"{norm}_color"], **dot) for norm in NORMS),
        Line2D([], [], color=style["grid_color"], **dot),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markersize=size * RING_SCALE,
            markerfacecolor="none",
            markeredgecolor=style["text_color"],
            markeredgewidth=style["line_width"] / 2,
        ),
        tuple(
            Patch(color=style[f"{norm}_color"], alpha=SHADE_ALPHA, linewidth=0) for norm in NORMS
        ),
    ]
    labels = [
        "coloured: the walk's minimum has a 0",
        "muted: no 0",
        "ring: the walk's 0, not exact",
        "shaded: corner cones, axis wedges",
    ]
    ax.axis("off")
    ax.legend(
        handles,
        labels,
        handler_map={tuple: HandlerTuple(ndivide=None, pad=0.2)},
        loc="center",
        ncols=2,
        fontsize="small",
        title="a dot: one loss's unconstrained minimum",
        title_fontsize="small",
        frameon=False,
        handletextpad=0.3,
        columnspacing=1.0,
    )


def odds_figure(found: dict, params: dict, style: dict) -> Figure:
    fig = plt.figure(figsize=style["size_in"], dpi=style["dpi"], layout="constrained")
    grid = fig.add_gridspec(len(HEIGHT_RATIOS), len(FAMILIES), height_ratios=HEIGHT_RATIOS)
    title = headline(shares(found, "walk_zero"), shares(found, "exact_zero"))
    # the words' one-line title, on two lines at its semicolon to fit the picture's width
    fig.suptitle(title.replace("; ", ";\n", 1) if title else "Sparsity by the odds")
    for row, norm in enumerate(NORMS):
        for column, name in enumerate(FAMILIES):
            ax = fig.add_subplot(grid[row, column])
            draw_map(ax, found, name, norm, params, style)
            if row == 0:
                ax.set_title(FAMILY_NAMES[name])
            if column == 0:
                ax.set_ylabel(f"{REGION_NAMES[norm]}: b2")
            else:
                ax.tick_params(labelleft=False)
            if row == len(NORMS) - 1:
                ax.set_xlabel("b1")
            else:
                ax.tick_params(labelbottom=False)
    map_legend(fig.add_subplot(grid[2, :]), style)
    draw_shares(fig.add_subplot(grid[3, :]), found, style)
    return fig
