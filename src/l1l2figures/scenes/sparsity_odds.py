"""Why L1 gives zeros, by the odds: where random losses' minima lie, and how often each region
puts a coefficient at zero.

Top two rows, one map per family (columns) and region (rows: the L1 diamond, then the L2 disc):
each loss's unconstrained minimum is a dot, in the region's full colour when the exact constrained
minimum has a zero coefficient; small and faint (see-through) when only the article's boundary
walk gives it one (the walk snapped onto a corner or an axis point), small and muted when neither
does: the same full and faint as the shares' bars. Each map draws its row's region, and the other
one faint.
Outlined, on the symmetric maps alone (round losses, where the shapes are exact): on the L1 row the
cones beyond the diamond's corners, every minimum in which has its L1 minimum on the corner; on the
L2 row the thin wedges round the axes where the walk snaps onto an axis point. A legend row under
the maps says what a dot, its shades and the outlines mean. Bottom, the shares: for each family, L1
and L2 (named under each pair) by the walk (faint) and exactly (full colour; a zero is no bar, only
its "0" on the axis), with the article's published share marked on the walk's bars. The title is
the words' (exact shares first), measured.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon

from l1l2figures.maths.sparsity_odds import FAMILIES, NORMS, PUBLISHED, SIDES, shares
from l1l2figures.rendering.style import (
    LABEL_FONT,
    ahead_look,
    faint_alpha,
    number,
    zero_line_look,
)
from l1l2figures.words.sparsity_odds import headline, percent

ROUND_FAMILY = "symmetric"  # its losses are round: the regions drawn are exact for it alone
FAMILY_NAMES = {"symmetric": "symmetric", "general": "general", "one_weak": "one weak feature"}
REGION_NAMES = {"l1": "L1 diamond", "l2": "L2 disc"}
HEIGHT_RATIOS = [1, 1, 0.22, 0.85]  # the two rows of maps, their legend, then the shares
BAR_WIDTH = 0.2  # of a family's unit on the shares' x axis: four bars side by side
PUBLISHED_WIDTH = 1.25 * BAR_WIDTH  # the published share's mark on a walk's bar
NEITHER_DOT_SCALE = 0.6  # a loss with no zero: its dot's diameter, as a fraction of the others'
BAR_OFFSETS = (-1.5, -0.5, 0.5, 1.5)  # in bar widths: L1 walk, L1 exact, L2 walk, L2 exact
SHARE_HEADROOM = 1.3  # the shares' axis reaches this factor above the largest bar or mark
# between a bar's top (or its published mark, clear of its thickness) and its number
LABEL_PAD_PT = 4
CIRCLE_STEPS = 361  # points of the disc's outline
FAMILY_LABEL_PAD_PT = 20  # the family's name below the L1 and L2 names of its bars
# the regions' outlines over the dots (zorder 2) on the L1 row, under them on the L2 row
OUTLINE_ZORDER = {"l1": 2.5, "l2": 1.9}
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
    there the walk's nearest point to a round loss's minimum is the axis point. From the disc's
    edge out: inside it no minimum is drawn, and the four wedges' edges would meet there as a
    thick cross."""
    half_step = (np.pi / 2) / (n_points // SIDES - 1) / 2
    edge = np.array([np.cos(half_step), np.sin(half_step)])
    far = limit * np.sqrt(2)
    flip = np.array([1.0, -1.0])
    wedge = np.array([t * edge, far * edge, far * edge * flip, t * edge * flip])
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
    # Outlined: under 5000 dots a shaded shape would not show. The cones' outlines lie over the
    # dots, whose colour changes at them; the wedges are so thin that their outlines would cover
    # the very dots they hold, so those lie under the dots.
    for region in regions:
        ax.add_patch(
            Polygon(
                region,
                fill=False,
                edgecolor=style["text_color"],
                linewidth=style["line_width"] / 2,
                zorder=OUTLINE_ZORDER[norm],
            )
        )
    ax.axhline(0, **zero_line_look(style))
    ax.axvline(0, **zero_line_look(style))
    centres = found[f"{name}_{norm}_centres"]
    exact = found[f"{name}_{norm}_exact_zero"]
    walk_only = found[f"{name}_{norm}_walk_zero"] & ~exact
    # One layer in the losses' own (random) order: drawn kind by kind, the last kind would cover
    # the others where dots overlap and look more common than it is.
    colours = np.tile(to_rgba(style["grid_color"]), (len(centres), 1))
    colours[walk_only] = to_rgba(colour, faint_alpha(style))
    colours[exact] = to_rgba(colour)
    # Only an exact zero is a full-size dot: the kinds differ in size too, not in colour alone, and
    # the walk's zeros alone (an artefact of its snapping) never outweigh the exact ones on a map.
    sizes = np.full(len(centres), (NEITHER_DOT_SCALE * style["marker_size"]) ** 2)
    sizes[exact] = style["marker_size"] ** 2
    ax.scatter(*centres.T, c=colours, s=sizes, linewidths=0, zorder=2)
    # the row's own region in full, the other one faint beside it, for comparison
    looks = {
        region: {"color": style[f"{region}_color"], "linewidth": style["line_width"]}
        if region == norm
        else ahead_look(style[f"{region}_color"], style["line_width"], style)
        for region in NORMS
    }
    diamond = t * np.array([[1, 0], [0, 1], [-1, 0], [0, -1], [1, 0]], float)
    ax.plot(*diamond.T, zorder=3, **looks["l1"])
    angles = np.linspace(0, 2 * np.pi, CIRCLE_STEPS)
    ax.plot(t * np.cos(angles), t * np.sin(angles), zorder=3.1, **looks["l2"])
    ax.set(xlim=(-limit, limit), ylim=(-limit, limit), aspect="equal")
    step = float(f"{TICK_FRACTION * limit:.1g}")  # at most the limit: the ticks stay inside
    ax.set_xticks([-step, 0, step])
    ax.set_yticks([-step, 0, step])
    ax.grid(False)


def draw_shares(ax, found: dict, boundary_points: int, style: dict) -> None:
    walk, exact = shares(found, "walk_zero"), shares(found, "exact_zero")
    positions = np.arange(len(FAMILIES))
    tops = []
    bars = [(norm, source) for norm in NORMS for source in (walk, exact)]
    for offset, (norm, source) in zip(BAR_OFFSETS, bars, strict=True):
        x = positions + offset * BAR_WIDTH
        heights = [source[name][norm] for name in FAMILIES]
        alpha = faint_alpha(style) if source is walk else 1.0
        colour = style[f"{norm}_color"]
        ax.bar(x, heights, BAR_WIDTH, color=colour, alpha=alpha, linewidth=0)
        published = [PUBLISHED[name][norm] for name in FAMILIES] if source is walk else heights
        for xi, h, p in zip(x, heights, published, strict=True):
            top = max(h, p)
            tops.append(top)
            ax.annotate(
                percent(h),
                (xi, top),
                xytext=(0, LABEL_PAD_PT),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize="small",
                fontweight="normal" if source is walk else "bold",
                color=style["text_color"],
            )
        if source is walk:
            # wider than its bar, so that a mark level with the bar's top still shows as one
            ax.hlines(
                published,
                x - PUBLISHED_WIDTH / 2,
                x + PUBLISHED_WIDTH / 2,
                color=style["text_color"],
                linewidth=style["line_width"],
                zorder=3,
            )
    ax.set_xticks(positions, [FAMILY_NAMES[name] for name in FAMILIES])
    # each pair of bars named in its colour, the family's name under the pairs
    pair_norms = {
        x: norm
        for norm, (left, right) in zip(NORMS, (BAR_OFFSETS[:2], BAR_OFFSETS[2:]), strict=True)
        for x in positions + (left + right) / 2 * BAR_WIDTH
    }
    pair_x = sorted(pair_norms)
    ax.set_xticks(pair_x, [pair_norms[x].upper() for x in pair_x], minor=True)
    for label, x in zip(ax.get_xticklabels(minor=True), pair_x, strict=True):
        label.set(color=style[f"{pair_norms[x]}_color"], **LABEL_FONT)  # large: colour on paper
    ax.tick_params(axis="x", which="both", length=0)
    ax.tick_params(axis="x", which="major", pad=FAMILY_LABEL_PAD_PT)
    ax.set(ylabel="% with a zero", ylim=(0, SHARE_HEADROOM * max(tops)))
    # each shade in both methods' colours, as the bars are drawn; bold numbers are the exact
    ax.legend(
        handles=[  # in the bars' order
            tuple(Patch(color=style[f"{norm}_color"], alpha=faint_alpha(style)) for norm in NORMS),
            tuple(Patch(color=style[f"{norm}_color"]) for norm in NORMS),
            Line2D([], [], color=style["text_color"], linewidth=style["line_width"]),
        ],
        labels=[
            f"Parr's walk: best of {boundary_points} boundary points",
            "exact (bold numbers)",
            "as Parr published",
        ],
        handler_map={tuple: HandlerTuple(ndivide=None)},
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=3,
        fontsize="small",
        frameon=False,
    )
    ax.grid(axis="x", visible=False)


def map_legend(ax, found: dict, params: dict, style: dict) -> None:
    """One row under the maps: what a dot, its shades and the outlines mean, in the shares' terms
    (full colour exact, faint the article's walk). A shade shows the colours of the regions whose
    maps draw it, and a shade no map draws is left out: the key promises no dot that is not
    there."""
    size = style["marker_size"] * 2
    dot = {"marker": "o", "linestyle": "none", "markersize": size, "markeredgewidth": 0}

    def drawn(norm: str, kind: str) -> bool:
        """Does a map of ``norm`` draw a dot of ``kind`` ("exact", "walk" alone or "neither")?"""
        for name in FAMILIES:
            exact = found[f"{name}_{norm}_exact_zero"]
            walk = found[f"{name}_{norm}_walk_zero"]
            shown = {"exact": exact, "walk": walk & ~exact, "neither": ~(walk | exact)}[kind]
            if shown.any():
                return True
        return False

    small = dot | {"markersize": NEITHER_DOT_SCALE * size}

    def dots(kind: str, alpha: float, look: dict) -> tuple:
        return tuple(
            Line2D([], [], color=style[f"{norm}_color"], alpha=alpha, **look)
            for norm in NORMS
            if drawn(norm, kind)
        )

    any_neither = any(drawn(norm, "neither") for norm in NORMS)
    neither = (Line2D([], [], color=style["grid_color"], **small),) if any_neither else ()
    rows = [
        (dots("exact", 1.0, dot), "exact minimum has a 0"),
        (dots("walk", faint_alpha(style), small), "only the walk's has a 0"),
        (neither, "neither has a 0"),
        (
            Patch(fill=False, edgecolor=style["text_color"], linewidth=style["line_width"] / 2),
            "symmetric: corner cones, axis wedges",
        ),
    ]
    # an empty tuple of dots: no map draws that shade
    handles, labels = zip(*[(handle, label) for handle, label in rows if handle], strict=True)
    limit = number(params["centre_limit"], "g")
    ax.axis("off")
    ax.legend(
        handles,
        labels,
        handler_map={tuple: HandlerTuple(ndivide=None, pad=0.2)},
        loc="center",
        ncols=2,
        fontsize="small",
        # the maps are not paired dot for dot: each region and family has its own random losses
        title=(
            f"a dot: one random loss's unconstrained minimum, in [−{limit}, {limit}]² outside the"
            f" region\n({losses_per_map(found)} per map, drawn anew for each)"
        ),
        title_fontsize="small",
        frameon=False,
        handletextpad=0.3,
        columnspacing=1.0,
    )


def losses_per_map(found: dict) -> str:
    """How many losses each map draws: one count, or the smallest and largest."""
    counts = sorted(
        {found[f"{name}_{norm}_exact_zero"].size for name in FAMILIES for norm in NORMS}
    )
    return str(counts[0]) if len(counts) == 1 else f"{counts[0]}–{counts[-1]}"


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
    map_legend(fig.add_subplot(grid[2, :]), found, params, style)
    draw_shares(fig.add_subplot(grid[3, :]), found, params["boundary_points"], style)
    return fig
