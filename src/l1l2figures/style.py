"""The look shared by every figure: one place for fonts, sizes and the rendering settings.

Colours are per figure (each figure's ``style:`` section in config/config.yaml); everything else a
figure's look depends on is set here, once, before any figure is built.
"""

import matplotlib

matplotlib.use("Agg")  # headless and deterministic; no figure ever opens a window

HOUSE_RC = {
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.8,
    "axes.axisbelow": True,
    "axes.titlesize": "medium",
    "figure.titlesize": "large",
    "figure.facecolor": "white",
    "legend.frameon": True,
    "legend.framealpha": 0.9,
    "legend.fontsize": "small",
    # Reproducible vector output: text stays text, ids do not change between runs.
    "svg.fonttype": "none",
    "svg.hashsalt": "l1l2figures",
    "path.simplify": False,
}


def apply_house_style(shared: dict) -> None:
    """Set matplotlib's rcParams to the house look; ``shared`` is the config's ``style`` section."""
    matplotlib.rcParams.update(HOUSE_RC)
    matplotlib.rcParams["font.family"] = shared["font_family"]
    matplotlib.rcParams["font.size"] = shared["font_size"]
