"""The look shared by every figure: matplotlib settings from one resolved house style.

``theme.figure_style`` resolves the config into a flat dict (fonts, the theme's palette, the
figure's sizes); ``apply_house_style`` turns it into rcParams before a figure is built, so light and
dark figures come from the same scene code. The constants here are the shapes that carry the L1/L2
distinction without colour.
"""

import itertools
import math

import matplotlib

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
    # Reproducible vector output: text stays text, ids do not change between runs.
    "svg.fonttype": "none",
    "svg.hashsalt": "l1l2figures",
    "path.simplify": False,
}

# L1 and L2 markers differ in shape as well as colour: the L1 diamond (the shape of the L1 ball) is
# larger and drawn below the L2 disc, so where the two coincide both stay visible.
MARKERS = {"l1": "D", "l2": "o"}
MARKER_SCALE = {"l1": 1.5, "l2": 1.0}
# L1 curves are drawn this much wider than L2 curves, and below them: where the curves coincide,
# the L1 colour shows on both sides of the L2 line instead of disappearing under it.
LINE_SCALE = {"l1": 2.0, "l2": 1.0}
LINE_ORDER = {"l1": 2.0, "l2": 2.1}  # zorder: L2 above L1, both above the grid and bands
PATH_LINE_WIDTH = 1.2  # coefficient paths: ten thin lines in one colour, which must stay apart
# The zero lines lie above the grid (zorder 1.5) and under every curve (2): a coefficient or a
# weight at exactly 0 shows in its own colour instead of disappearing under the axis.
ZERO_LINE = {"linewidth": 0.8, "zorder": 1.6}
# An outlier is a thick ring: a point under it still shows, and it differs from points in shape.
OUTLIER_MARKER = {"marker": "o", "fillstyle": "none", "markeredgewidth": 2.5}


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


def line_look(loss: str, style: dict) -> dict:
    """Keyword arguments of an L1 or L2 curve: its colour, width and layer."""
    return {
        "color": style[f"{loss}_color"],
        "linewidth": style["line_width"] * LINE_SCALE[loss],
        "zorder": LINE_ORDER[loss],
    }


def zero_line_look(style: dict) -> dict:
    """Keyword arguments of a line at 0 (axhline, axvline)."""
    return {"color": style["axis_color"], **ZERO_LINE}


def marker_look(loss: str, style: dict) -> dict:
    """Keyword arguments of an L1 or L2 marker: shape, colour and size."""
    return {
        "marker": MARKERS[loss],
        "linestyle": "none",
        "color": style[f"{loss}_color"],
        "markersize": style["marker_size"] * MARKER_SCALE[loss],
    }


def number(value: float, spec: str) -> str:
    """``value`` formatted by ``spec``, never as a negative zero ("-0.0" reads as a different value)."""
    text = format(value, spec)
    return format(0.0, spec) if float(text) == 0 else text


def decimals_to_tell_apart(values) -> int:
    """The fewest decimals (at least one) that print any two neighbouring values differently, so
    a label that follows them changes on every frame and never shows needless digits."""
    steps = [b - a for a, b in itertools.pairwise(sorted(values)) if b > a]
    return max(1, math.ceil(-math.log10(min(steps)))) if steps else 1
