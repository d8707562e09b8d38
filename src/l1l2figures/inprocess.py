"""Any animation built in one process from its config section, without Snakemake.

For notebooks, the benchmark's baseline and the tests; the pipeline itself splits the same steps
into jobs that hand their results over in files.
"""

from collections.abc import Callable

from matplotlib.artist import Artist
from matplotlib.figure import Figure

from l1l2figures.grids import outlier_sweep_data, robustness_data, sparsity_data
from l1l2figures.models import coefficient_paths, outlier_fits, robustness_fits
from l1l2figures.regularization import gradient_descent
from l1l2figures.scenes import l1_l2_gradient, outlier_sweep, robustness, sparsity
from l1l2figures.sparsity import solutions
from l1l2figures.style import apply_house_style
from l1l2figures.theme import LIGHT, figure_style

Scene = tuple[Figure, Callable[[int], list[Artist]]]


def _outlier_sweep(section: dict, style: dict) -> Scene:
    data = outlier_sweep_data(section)
    [fits] = outlier_fits(data, section["gbr"], "sweep_outlier_x")
    return outlier_sweep.animation_scene(data, fits, style, section)


def _l1_l2_gradient(section: dict, style: dict) -> Scene:
    descent = gradient_descent(section)
    return l1_l2_gradient.animation_scene(descent, section["w_limits"], style)


def _robustness(section: dict, style: dict) -> Scene:
    data = robustness_data(section)
    return robustness.animation_scene(data, robustness_fits(data), style, section)


def _sparsity(section: dict, style: dict) -> Scene:
    grid = sparsity_data(section)
    fits = {
        "solutions": solutions(section, grid["centres"]),
        **coefficient_paths(grid["lasso_alphas"], grid["ridge_alphas"]),
    }
    return sparsity.animation_scene(fits, section, style)


BUILDERS = {
    "outlier_sweep": _outlier_sweep,
    "l1_l2_gradient": _l1_l2_gradient,
    "robustness": _robustness,
    "sparsity": _sparsity,
}


def animation_scene(figure: str, config: dict, theme: str = LIGHT) -> Scene:
    """The figure and ``update(i)`` of an animation in a theme, from the whole (validated) config."""
    style = figure_style(config, figure, theme)
    apply_house_style(style)
    return BUILDERS[figure](config[figure], style)
