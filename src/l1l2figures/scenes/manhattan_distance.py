"""Taxicab geometry: several shortest taxicab paths of equal length, and one shorter straight line.

City blocks are grey squares and the streets run between them. Each coloured path drives along the
streets from one dot to the other; the straight line (the L2 distance, by default in L2's colour)
flies across the blocks. A key without a box names them by what they are, not by colour. Paths that share a street are drawn side by side, each shifted a little
across the diagonal, so none hides another.
"""

import matplotlib.patheffects as path_effects
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerTuple
from matplotlib.patches import Rectangle

STREET_HALF_WIDTH = 0.16  # of a block: the space between two blocks is a street
MARGIN = 0.5  # blocks of empty space around the city
OUTLINE_PT = 1.5  # extra width of the dark edge drawn under each path


def city_figure(city: dict, style: dict) -> Figure:
    width, height = city["blocks"]
    fig, ax = plt.subplots(figsize=style["size_in"], dpi=style["dpi"], layout="constrained")
    ax.set(xlim=(-MARGIN, width + MARGIN), ylim=(-MARGIN, height + MARGIN), aspect="equal")
    ax.set_axis_off()
    fig.suptitle(city_lesson(city))
    ax.set_title(paths_count_text(city))

    side = 1 - 2 * STREET_HALF_WIDTH
    for i in range(width):
        for j in range(height):
            corner = (i + STREET_HALF_WIDTH, j + STREET_HALF_WIDTH)
            ax.add_patch(Rectangle(corner, side, side, color=style["block_color"], linewidth=0))

    outline = [
        path_effects.Stroke(
            linewidth=style["line_width"] + OUTLINE_PT, foreground=style["outline_color"]
        ),
        path_effects.Normal(),
    ]
    paths = city["paths"]
    hues = style["hues"]  # a path's colour is a word (the config's, and the SVG's text) or a colour
    drawn = []
    for k, path in enumerate(paths.values()):
        # Shift across the diagonal (+x, -y): paths on the same street, vertical or horizontal, part.
        shift = (k - (len(paths) - 1) / 2) * style["path_offset"]
        drawn += ax.plot(
            [x + shift for x, _ in path["points"]],
            [y - shift for _, y in path["points"]],
            color=hues.get(path["color"], path["color"]),
            linewidth=style["line_width"],
            solid_joinstyle="miter",
            path_effects=outline,
        )
    (x0, y0), (x1, y1) = city["start"], city["end"]
    euclidean = style["euclidean_color"]
    # On one street the straight line runs along the taxicab path: dashed, so the path shows.
    on_street = city["shortest_path_count"] == 1
    (straight,) = ax.plot(
        [x0, x1],
        [y0, y1],
        color=hues.get(euclidean, euclidean),
        linewidth=style["line_width"],
        linestyle=(0, (2, 2)) if on_street else "-",
        path_effects=[] if on_street else outline,
    )
    ax.plot(
        [x0, x1],
        [y0, y1],
        "o",
        color=style["endpoint_color"],
        markersize=style["marker_size"],
        zorder=3,
    )
    # A key without a box or colour words: the taxicab paths share one entry, their samples side
    # by side, so each colour is named by what it is.
    fig.legend(
        [tuple(drawn), straight],
        [paths_key(city), f"straight line (L2): {straight_text(city)} blocks, the shortest"],
        handler_map={tuple: HandlerTuple(ndivide=None)},
        loc="outside lower center",
        frameon=False,
    )
    return fig


def city_lesson(city: dict) -> str:
    """The title: many shortest taxicab paths and one straight line, or, with the dots on one
    street, one shortest path that is the straight line."""
    if city["shortest_path_count"] > 1:
        return "Shortest paths: one straight line (L2), many taxicab paths (L1)"
    return "On one street, the straight line (L2) is the taxicab path (L1)"


def paths_count_text(city: dict) -> str:
    """ "924 different taxicab paths of 12 blocks join the two dots: C(12, 6) = 924"."""
    n, blocks = city["shortest_path_count"], city["manhattan_distance"]
    right, up = city["moves_right"], city["moves_up"]
    formula = f"C({right + up}, {right}) = {n}"
    if n == 1:
        return f"1 taxicab path of {blocks} blocks joins the two dots: {formula}"
    return f"{n} different taxicab paths of {blocks} blocks join the two dots: {formula}"


def straight_text(city: dict) -> str:
    """The straight line's length as written on it: "6√2 ≈ 8.49", or "6" when it is whole."""
    exact = city["euclidean_text"]
    if exact == f"{city['manhattan_distance']}" or "√" not in exact:
        return exact
    return f"{exact} ≈ {city['euclidean_length']:.2f}"


def paths_key(city: dict) -> str:
    """The taxicab paths' entry in the key, with their lengths as measured."""
    lengths = sorted({path["length"] for path in city["paths"].values()})
    n = len(city["paths"])
    noun = "taxicab path" if n == 1 else f"{n} taxicab paths"
    if len(lengths) == 1:
        each = "" if n == 1 else " each"
        return f"{noun} (L1): {lengths[0]:g} blocks{each}"
    return f"{noun} (L1): {', '.join(f'{length:g}' for length in lengths)} blocks"
