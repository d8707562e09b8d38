"""The look shared by every figure: matplotlib settings from one resolved house style.

``theme.figure_style`` resolves the config into a flat dict (fonts, the theme's palette, the
figure's sizes); ``apply_house_style`` turns it into rcParams before a figure is built, so light and
dark figures come from the same scene code.

One visual language, the same in every figure (follow it when adding one):

- Colour names the method, nothing else: the ``l1`` colour is L1 (absolute error, lasso, the L1
  norm, a taxicab distance), the ``l2`` colour is L2. Each line carries its own name beside it, in
  its colour (``direct_labels``): no legend box to decode.
- Solid is the reference state, dashed the state the perturbation makes: a fit without the
  outlier is solid, the same fit with it dashed; a line where it was on the first frame is solid,
  the line now dashed. Dashes mean nothing else (dots: see grey below).
- A band hatched in a method's colour (``band_look``) is that method's measured change: the gap
  between its solid and dashed line, named "a fit's move" or "a line's move" in every key (how far
  the outlier moves it), whose swatch is each hatch between a solid and a dashed edge
  (``BandPairHandler``). "Pull" is a slope, the force behind a move. L1's hatch leans one
  way, L2's the other, with no fill: where two bands overlap both hatches show, and no third colour
  appears.
- A diamond marks L1's current value or solution (the shape of the L1 ball), a disc L2's. Data
  points are plain discs in the ``point`` colour; the outlier is a ring in the ``outlier`` colour,
  so a point under it still shows. A cross marks an unconstrained optimum.
- Grey (``contour``, ``band``) is context: loss contours, the range of the data; dotted grey, the
  line the data were drawn around (keyed by its equation).
- Faint (see-through) is the lesser of two versions of one thing: what an animation has still to
  draw, shown in full from its first frame (``ahead_look``: the weights' staircases, the outlier's
  climb), so that frame already tells where things go; the article's approximate walk beside the
  exact solution (the odds figure).
- L1 is drawn wider and below L2, and L2 carries a halo of the background (``halo``): where they
  coincide, both stay visible and the two colours never blend into a third. Curves that agree
  for long stretches (the sweep's fits) are also drawn a point apart (``side_by_side``).
- Titles state the finding, computed from the measures; the parameters go to the caption.
- Text is at least ``MIN_TEXT_PX`` at 1x (quality.py refuses smaller), and every figure is at most
  ``MAX_WIDTH_PX`` wide at 1x: it is read in a blog column of about 720 CSS px, not shrunk into one.
"""

import itertools
import math
from collections.abc import Sequence

import matplotlib
from matplotlib import patheffects, transforms
from matplotlib.colors import to_rgb
from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

matplotlib.use("Agg")  # headless and deterministic; no figure ever opens a window

HOUSE_RC = {
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.linewidth": 0.8,
    "axes.axisbelow": True,
    "axes.titlesize": "medium",
    "figure.titlesize": "large",
    "legend.frameon": True,
    "legend.framealpha": 0.9,
    "legend.fontsize": "small",
    # A key's swatches: long and tall enough that a hatch shows its lean and a dash its gaps.
    "legend.handlelength": 2.5,
    "legend.handleheight": 1.0,
    # Reproducible vector output: text stays text, ids do not change between runs.
    "svg.fonttype": "none",
    "svg.hashsalt": "l1l2figures",
    "path.simplify": False,
}

# L1 and L2 markers differ in shape as well as colour: the L1 diamond (the shape of the L1 ball) is
# larger and drawn below the L2 disc, so where the two coincide both stay visible.
MARKERS = {"l1": "D", "l2": "o"}
MARKER_SCALE = {"l1": 1.5, "l2": 1.0}
MARKER_RIM_PT = 1.5  # the background's rim round L2's disc
# L1 curves are drawn this much wider than L2 curves, and below them: where the curves coincide,
# the L1 colour shows on both sides of the L2 line instead of disappearing under it.
LINE_SCALE = {"l1": 2.0, "l2": 1.0}
LINE_ORDER = {"l1": 2.0, "l2": 2.1}  # zorder: L2 above L1, both above the grid and bands
PATH_LINE_WIDTH = 1.2  # coefficient paths: ten thin lines in one colour, which must stay apart
# The zero lines lie above the grid (zorder 1.5) and under every curve (2): a coefficient or a
# weight at exactly 0 shows in its own colour instead of disappearing under the axis.
ZERO_LINE = {"linewidth": 0.8, "zorder": 1.6}
# An outlier is a thick ring: a point under it still shows, and it differs from points in shape.
# It lies above every curve (LINE_ORDER) too: a fit passing through it does not hide it.
OUTLIER_MARKER = {"marker": "o", "fillstyle": "none", "markeredgewidth": 2.5, "zorder": 2.5}


# A layer of the background around L2's lines: it separates them from the L1 line below.
HALO_PT = 0.4
# Where L1 and L2 curves coincide for long stretches (fits that agree), L1 is drawn this far
# below and L2 above their values, so a band of each shows (as the Manhattan paths are parted).
SIDE_BY_SIDE_PT = {"l1": -1.0, "l2": 1.0}
# A residual (a point's vertical distance to a fitted line) is a stem in the line's colour, as
# wide as this in either theme; one point's stems to the L1 and L2 lines stand this far left and
# right of it, parted as the Manhattan paths are, so both show whole with the background between.
STEM_WIDTH_PT = 3.0
STEM_OFFSET_PT = {"l1": -3.0, "l2": 3.0}
# A method's approximate answer is its colour seen through, beside the exact answer in full. Seen
# through over a dark background, a colour darkens towards the greys there, so it is less so.
FAINT_ALPHA = 0.45
FAINT_ALPHA_ON_DARK = 0.7
AHEAD_ALPHA = 0.35  # what an animation has still to draw, faint from its first frame
AHEAD_ALPHA_ON_DARK = 0.6  # the same over a dark background, where 0.35 all but vanishes
AHEAD_WIDTH = 0.5  # of the line's own width
# A method's measured change: hatches leaning opposite ways, so two overlapping bands stay two.
BAND_HATCH = {"l1": "///", "l2": "\\\\\\"}
# A band's edges in a key's swatch: thinner than the lines, so that half a swatch holds two dashes
BAND_EDGE_PT = 1.5
BAND_EDGE_DASHES = (3, 1.5)
BAND_SWATCH_HEIGHT = 1.5  # times a key's row: room for the hatch between the edges
MIN_TEXT_PX = 12  # the smallest text at 1x (in a 720 px column, nothing is scaled down)
MAX_WIDTH_PX = 800  # the widest figure at 1x
LABEL_PAD_PT = 4  # between a line's end and its direct label
LABEL_GAP = 1.3  # direct labels' centres at least this many font sizes apart
# Names in a line's colour are large bold text (WCAG's 14 pt bold), which needs a contrast of 3:1
# against the background, as the line itself does, where normal text needs 4.5:1.
LABEL_FONT = {"fontsize": 14, "fontweight": "bold"}
POINTS_PER_INCH = 72  # font sizes, line widths and pads are in points; figure sizes in inches
TITLE_CHARS = 78  # at most this many characters on a title line: within 720 px at its size


def apply_house_style(style: dict) -> None:
    """Set matplotlib's rcParams to the house look; ``style`` is ``theme.figure_style(...)``."""
    text, background = style["text_color"], style["background_color"]
    matplotlib.rcParams.update(HOUSE_RC)
    matplotlib.rcParams.update(
        {
            "font.family": [style["font_family"], style["generic_font_family"]],
            "font.size": style["font_size"],
            "text.color": text,
            "axes.labelcolor": text,
            "axes.titlecolor": text,
            "xtick.color": text,
            "ytick.color": text,
            "axes.edgecolor": text,
            "axes.facecolor": background,
            "figure.facecolor": background,
            "savefig.facecolor": background,
            "legend.facecolor": background,
            "legend.edgecolor": style["grid_color"],
            "legend.labelcolor": text,
            "grid.color": style["grid_color"],
        }
    )


def on_dark(style: dict) -> bool:
    """Is this theme's background dark?"""
    return sum(to_rgb(style["background_color"])) / 3 < 0.5


def faint_alpha(style: dict) -> float:
    """How see-through a faint shade is over this theme's background."""
    return FAINT_ALPHA_ON_DARK if on_dark(style) else FAINT_ALPHA


def ahead_alpha(style: dict) -> float:
    """How see-through a line is that an animation has still to draw, over this theme's
    background."""
    return AHEAD_ALPHA_ON_DARK if on_dark(style) else AHEAD_ALPHA


def line_look(loss: str, style: dict) -> dict:
    """Keyword arguments of an L1 or L2 curve: its colour, width and layer."""
    return {
        "color": style[f"{loss}_color"],
        "linewidth": style["line_width"] * LINE_SCALE[loss],
        "zorder": LINE_ORDER[loss],
    }


def halo(style: dict, linewidth: float) -> list:
    """Path effects drawing a line over a band of the background, ``HALO_PT`` wider each side."""
    return [
        patheffects.withStroke(
            linewidth=linewidth + 2 * HALO_PT, foreground=style["background_color"]
        )
    ]


def side_by_side(ax, loss: str):
    """The transform that draws a curve of ``loss`` in ``ax`` SIDE_BY_SIDE_PT off its values."""
    # Diagonally: the flats and the risers of step functions part, and so do vertical segments.
    shift = SIDE_BY_SIDE_PT[loss]
    return transforms.offset_copy(ax.transData, ax.figure, x=shift, y=shift, units="points")


def stem_look(ax, loss: str, style: dict) -> dict:
    """Keyword arguments of a residual stem of ``loss`` in ``ax``: its colour, width and place."""
    return {
        "color": style[f"{loss}_color"],
        "linewidth": STEM_WIDTH_PT,
        "solid_capstyle": "butt",
        "transform": transforms.offset_copy(
            ax.transData, ax.figure, x=STEM_OFFSET_PT[loss], units="points"
        ),
    }


def spread(positions: Sequence[float], min_gap: float) -> list[float]:
    """``positions`` moved apart as little as possible so that neighbours are ``min_gap`` apart,
    in the same order (labels at the ends of lines that end close together)."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [float(positions[i]) for i in order]
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + min_gap)
    overshoot = (placed[-1] - max(positions)) / 2 if placed else 0.0
    result = [0.0] * len(positions)
    for k, i in enumerate(order):
        result[i] = placed[k] - max(overshoot, 0.0)
    return result


def direct_labels(ax, ends: dict[str, tuple[float, float, str]]) -> list:
    """Name lines at their right ends, outside the axes, each in its line's colour.

    ``ends`` maps a label to (x, y) of the line's end, in data coordinates, and its colour. Labels
    that would touch are spread apart vertically (measured before the layout shrinks the axes a
    little: hence the margin in ``LABEL_GAP``).
    """
    labels = []
    for label, (_, _, color) in ends.items():
        labels.append(end_label(ax, color))
        labels[-1].set_text(label)
    follow(labels, [(x, y) for x, y, _ in ends.values()])
    return labels


def end_label(ax, color: str):
    """A label beside a line's end, outside the axes' right edge; ``follow`` places it."""
    return ax.annotate(
        "",
        (0, 0),
        xytext=(LABEL_PAD_PT, 0),
        textcoords="offset points",
        color=color,
        va="center",
        ha="left",
        annotation_clip=False,
        **LABEL_FONT,
    )


LINE_SPACING = 1.2  # matplotlib's: a text's lines are this many font sizes apart


def meets(box, artist) -> bool:
    """Whether a line's path (as drawn: a staircase's steps too) or a text's extent enters ``box``
    (in pixels)."""
    if isinstance(artist, Text):
        return box.overlaps(artist.get_window_extent())
    return artist.get_path().transformed(artist.get_transform()).intersects_bbox(box, filled=False)


def follow(labels: Sequence, ends: Sequence[tuple[float, float]]) -> None:
    """Move each label of ``end_label`` beside its line's end (x, y), spread apart where the ends
    are close. Called on each frame, once the layout is done."""
    ax = labels[0].axes
    to_px = ax.transData.transform
    ends_px = [to_px(end)[1] for end in ends]
    # the tallest label's height in lines: each line after the first adds matplotlib's spacing
    lines = 1 + max(label.get_text().count("\n") for label in labels) * LINE_SPACING
    spaced = spread(
        ends_px, lines * LABEL_FONT["fontsize"] * ax.figure.dpi / POINTS_PER_INCH * LABEL_GAP
    )
    for label, end, end_px, y_px in zip(labels, ends, ends_px, spaced, strict=True):
        label.xy = end
        label.xyann = (LABEL_PAD_PT, (y_px - end_px) * POINTS_PER_INCH / ax.figure.dpi)


def ahead_look(color: str, line_width: float, style: dict) -> dict:
    """A line of the lesser of two versions, faint and thin: what an animation has still to draw
    (under what it has drawn), or the other region a map shows beside its own."""
    return {"color": color, "linewidth": line_width * AHEAD_WIDTH, "alpha": ahead_alpha(style)}


def band_look(loss: str, style: dict) -> dict:
    """Keyword arguments of a band of ``loss``'s measured change (``fill_between``, ``Patch``)."""
    return {
        "facecolor": "none",
        "edgecolor": style[f"{loss}_color"],
        "hatch": BAND_HATCH[loss],
        "linewidth": 0,
    }


class BandPairHandler(HandlerBase):
    """A key's swatch of both losses' bands (a tuple of ``band_look`` patches): each loss's hatch
    between a solid top edge and a dashed bottom one in its colour, as its band lies between its
    solid and dashed lines on the plot. The two stand side by side and touching, each half the
    swatch (a gap between them would leave each too narrow to show its hatch's lean)."""

    def create_artists(
        self, legend, orig_handle, xdescent, ydescent, width, height, fontsize, trans
    ):
        half = width / len(orig_handle)
        middle, tall = height / 2 - ydescent, height * BAND_SWATCH_HEIGHT
        bottom, top = middle - tall / 2, middle + tall / 2
        artists = []
        for k, patch in enumerate(orig_handle):
            left = k * half - xdescent
            color = patch.get_edgecolor()
            hatch = Rectangle(
                (left, bottom), half, tall, facecolor="none", edgecolor=color, linewidth=0
            )
            hatch.set_hatch(patch.get_hatch())
            edges = [
                Line2D([left, left + half], [y, y], color=color, linewidth=BAND_EDGE_PT, **line)
                for y, line in ((top, {}), (bottom, {"dashes": BAND_EDGE_DASHES}))
            ]
            for artist in (hatch, *edges):
                artist.set_transform(trans)
                artists.append(artist)
        return artists


BAND_PAIR_HANDLER = BandPairHandler()


def zero_line_look(style: dict) -> dict:
    """Keyword arguments of a line at 0 (axhline, axvline)."""
    return {"color": style["axis_color"], **ZERO_LINE}


def marker_look(loss: str, style: dict) -> dict:
    """Keyword arguments of an L1 or L2 marker: shape, colour and size. L2's disc, drawn over
    L1's diamond where the two meet, has a rim of the background that keeps the diamond's edge in
    view."""
    look = {
        "marker": MARKERS[loss],
        "linestyle": "none",
        "color": style[f"{loss}_color"],
        "markersize": style["marker_size"] * MARKER_SCALE[loss],
    }
    if loss == "l2":
        look |= {"markeredgecolor": style["background_color"], "markeredgewidth": MARKER_RIM_PT}
    return look


def number(value: float, spec: str) -> str:
    """``value`` formatted by ``spec`` as a reader writes it: never as a negative zero ("-0.0"
    reads as a different value), and with a minus sign (−3.0), not a hyphen, as the tick labels."""
    text = format(value, spec)
    return format(0.0, spec) if float(text) == 0 else text.replace("-", "−")


def power_of_ten(value: float) -> str:
    """``value`` to one significant digit as a log axis labels it, in mathtext: 10^k, or
    m × 10^k when the digit is not 1 ("3e-09" is a program's notation, not a reader's)."""
    mantissa, exponent = f"{value:.0e}".split("e")
    power = f"10^{{{int(exponent)}}}"
    return f"${power}$" if mantissa == "1" else f"${mantissa} \\times {power}$"


def decimals_to_tell_apart(values) -> int:
    """The fewest decimals (at least one) that print any two neighbouring values differently, so
    a label that follows them changes on every frame and never shows needless digits."""
    steps = [b - a for a, b in itertools.pairwise(sorted(values)) if b > a]
    return max(1, math.ceil(-math.log10(min(steps)))) if steps else 1
