"""Taxicab geometry: several shortest taxicab paths of equal length, and one shorter straight line.

City blocks are grey squares and the streets run between them. Each coloured path drives along the
streets from one dot to the other; the straight line (the L2 distance, by default in L2's colour)
flies across the blocks. Each length is written on its line, in the line's colour (one label per
distinct taxicab length, on the longest street of the first path of that length, with how many
paths share it); a key without a box names the lines by what they are, not by colour. Paths that
share a street are drawn side by side, each shifted a little across the diagonal, so none hides
another. The figure keeps its width and takes the height the city's shape needs, up to the
style's height, so no band of background runs above and below a wide city or beside a square one.
"""

import math

import matplotlib.patheffects as path_effects
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.legend_handler import HandlerTuple
from matplotlib.patches import Rectangle

from l1l2figures.rendering.style import LABEL_FONT, POINTS_PER_INCH

STREET_HALF_WIDTH = 0.16  # of a block: the space between two blocks is a street
MARGIN = 0.5  # blocks of empty space around the city
OUTLINE_PT = 1.5  # extra width of the dark edge drawn under each path
LENGTH_PAD_PT = 6  # between a line and the length written beside it
TEXT_HALO_PT = 3  # a rim of the background around a length, so it reads over blocks and streets
EDGE_PAD_PT = 12  # between the figure's left and right edges and what is drawn
FIT_PASSES = 4  # layouts asked while the height settles (it does by the third)


def city_figure(city: dict, style: dict) -> Figure:
    width, height = city["blocks"]
    # a label beside a path on the city's edge keeps clear of the figure's edge
    layout = ConstrainedLayoutEngine(w_pad=EDGE_PAD_PT / POINTS_PER_INCH)
    fig, ax = plt.subplots(figsize=style["size_in"], dpi=style["dpi"], layout=layout)
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
    text_halo = [
        path_effects.Stroke(linewidth=TEXT_HALO_PT, foreground=style["background_color"]),
        path_effects.Normal(),
    ]
    paths = city["paths"]
    hues = style["hues"]  # a path's colour is a word (the config's, and the SVG's text) or a colour
    drawn, labelled = [], set()
    centre = (width / 2, height / 2)
    for k, path in enumerate(paths.values()):
        # Shift across the diagonal (+x, -y): paths on the same street, vertical or horizontal,
        # part.
        shift = (k - (len(paths) - 1) / 2) * style["path_offset"]
        drawn += ax.plot(
            [x + shift for x, _ in path["points"]],
            [y - shift for _, y in path["points"]],
            color=hues.get(path["color"], path["color"]),
            linewidth=style["line_width"],
            solid_joinstyle="miter",
            path_effects=outline,
        )
        if path["length"] not in labelled:
            labelled.add(path["length"])
            text = length_text(city, path["length"])
            # A length shared by several paths belongs to none: in the text's colour.
            shared = paths_of_length(city, path["length"]) > 1
            color = style["text_color"] if shared else drawn[-1].get_color()
            write_length(ax, drawn[-1], text, centre, text_halo, color)
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
    if not on_street:  # on one street, the path's label is this line's length too
        write_along(ax, straight, straight_text(city), text_halo)
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
        [paths_key(city), f"straight line (L2): {straight_key(city)} blocks, the shortest"],
        handler_map={tuple: HandlerTuple(ndivide=None)},
        loc="outside lower center",
        frameon=False,
    )
    fit_height(fig, ax)
    return fig


def fit_height(fig: Figure, ax) -> None:
    """Give ``fig`` the height at which ``ax`` (at equal aspect) fills the width constrained
    layout leaves it, but no more than the height it has: the titles and the key keep their
    place, the band of background beside or around the city goes."""
    largest_in = fig.get_size_inches()[1]
    # A layout places the axes' title over the city as drawn, inside its slot: once the slot is
    # trimmed, the title needs a margin of its own, so the layout is asked again.
    for _ in range(FIT_PASSES):
        fig.draw_without_rendering()
        width_in, height_in = fig.get_size_inches()
        slot, drawn = ax.get_position(original=True), ax.get_position()
        # the city's height at the slot's full width, against the slot's height
        city_height_in = slot.width * width_in * drawn.height * height_in / (drawn.width * width_in)
        wanted_px = math.floor(
            min(largest_in, height_in + city_height_in - slot.height * height_in) * fig.dpi
        )
        if wanted_px == round(height_in * fig.dpi):
            return
        fig.set_size_inches(width_in, wanted_px / fig.dpi)  # in whole pixels, as every figure


def write_length(ax, line, text: str, centre: tuple[float, float], halo: list, color: str) -> None:
    """Write ``text`` beside the longest straight run of ``line``, on its side away from
    ``centre`` (outside the city's paths), in ``color``, with a halo of the background."""
    xs, ys = line.get_xdata(), line.get_ydata()
    runs = list(zip(xs[:-1], ys[:-1], xs[1:], ys[1:], strict=True))
    a, b, c, d = max(runs, key=lambda r: math.hypot(r[2] - r[0], r[3] - r[1]))
    mid = ((a + c) / 2, (b + d) / 2)
    if b == d:  # along a street running across: above or below it
        up = mid[1] >= centre[1]
        offset, align = (
            (0, LENGTH_PAD_PT if up else -LENGTH_PAD_PT),
            {
                "ha": "center",
                "va": "bottom" if up else "top",
            },
        )
    else:  # along a street running up: right or left of it
        right = mid[0] >= centre[0]
        offset, align = (
            (LENGTH_PAD_PT if right else -LENGTH_PAD_PT, 0),
            {
                "ha": "left" if right else "right",
                "va": "center",
            },
        )
    ax.annotate(
        text,
        mid,
        xytext=offset,
        textcoords="offset points",
        color=color,
        path_effects=halo,
        **LABEL_FONT,
        **align,
    )


def write_along(ax, line, text: str, halo: list) -> None:
    """Write ``text`` beside the middle of the straight ``line``, level (a level box stays clear
    of the line), on its lower-right side for a rising line, upper-right for a falling one."""
    (x0, x1), (y0, y1) = line.get_xdata(), line.get_ydata()
    if x1 < x0:
        x0, x1, y0, y1 = x1, x0, y1, y0
    rising = y1 >= y0
    ax.annotate(
        text,
        ((x0 + x1) / 2, (y0 + y1) / 2),
        xytext=(LENGTH_PAD_PT, -LENGTH_PAD_PT if rising else LENGTH_PAD_PT),
        textcoords="offset points",
        ha="left",
        va="top" if rising else "bottom",
        color=line.get_color(),
        path_effects=halo,
        **LABEL_FONT,
    )


def city_lesson(city: dict) -> str:
    """The title: many shortest taxicab paths and one straight line, or, with the dots on one
    street, one shortest path that is the straight line."""
    if city["shortest_path_count"] > 1:
        return "Shortest paths: one straight line (L2), many taxicab paths (L1)"
    return "On one street, the straight line (L2) is the taxicab path (L1)"


def paths_count_text(city: dict) -> str:
    """ "C(12, 6) = 924 different taxicab paths of 12 blocks join the two dots": the count once."""
    n, blocks = city["shortest_path_count"], city["manhattan_distance"]
    right, up = city["moves_right"], city["moves_up"]
    formula = f"C({right + up}, {right}) = {n}"
    if n == 1:
        return f"{formula} taxicab path of {blocks} blocks joins the two dots"
    return f"{formula} different taxicab paths of {blocks} blocks join the two dots"


def paths_of_length(city: dict, length: float) -> int:
    """How many of the drawn paths are ``length`` blocks long."""
    return sum(path["length"] == length for path in city["paths"].values())


def length_text(city: dict, length: float) -> str:
    """A taxicab length as written on the first path of that length: "12 blocks", or, when
    several drawn paths share it, "all 3 paths:" above it, so no path's length goes unsaid."""
    sharing = paths_of_length(city, length)
    blocks = f"{length:g} blocks"
    return blocks if sharing == 1 else f"all {sharing} paths:\n{blocks}"


def straight_text(city: dict) -> str:
    """The straight line's length as written on it: "6√2 ≈ 8.49", or "6" when it is whole."""
    exact = city["euclidean_text"]
    if exact == f"{city['manhattan_distance']}" or "√" not in exact:
        return exact
    return f"{exact} ≈ {city['euclidean_length']:.2f}"


def straight_key(city: dict) -> str:
    """The straight line's length in the key, from its sides: "√(6² + 6²) = 6√2 ≈ 8.49"."""
    right, up = city["moves_right"], city["moves_up"]
    if not right or not up:  # on one street: the straight line is a taxicab path
        return straight_text(city)
    return f"√({right}² + {up}²) = {straight_text(city)}"


def paths_key(city: dict) -> str:
    """The taxicab paths' entry in the key, with their lengths as measured."""
    lengths = sorted({path["length"] for path in city["paths"].values()})
    n = len(city["paths"])
    noun = "taxicab path" if n == 1 else f"{n} taxicab paths"
    if len(lengths) == 1:
        each = "" if n == 1 else " each"
        # every path is a shortest one: its length is the blocks across plus the blocks up
        sum_of_moves = f"{city['moves_right']} + {city['moves_up']} = "
        return f"{noun} (L1): {sum_of_moves}{lengths[0]:g} blocks{each}"
    return f"{noun} (L1): {', '.join(f'{length:g}' for length in lengths)} blocks"
