"""The live preview's one view of the figures: which there are, the config slice and the library
modules each depends on, and how to draw each in this process. The only module of the preview that
knows the figures: an adapter over the library, like ``inprocess`` (whose builders recompute every
input on each call, and only for animations: the preview keeps inputs between saves, and draws
stills too). Its tables mirror rules/<figure>.smk; a catalogue of figures would replace them.

A figure's inputs (its data and fits) are computed here as the pipeline's data and fit scripts
compute them, then passed through the same file formats in memory (JSON, .npz), so the scene gets
what a render job reads from ``results/`` and draws the same pixels. Where Snakemake says the files
under ``results/`` are current, they are read instead (``read_inputs``).

Library modules are imported when a figure is drawn, not here: after an edit the preview drops them
from ``sys.modules``, and a module that does not import (a syntax error) fails only the figures
that use it.
"""

import importlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

LIBRARY = Path(__file__).resolve().parents[1]  # src/l1l2figures
# The config file Snakemake always reads; --configfile files are merged over it.
BASE_CONFIG = "config/config.yaml"
SCHEMA = "config/schema.yaml"


def _library(name: str):
    return importlib.import_module(f"l1l2figures.{name.replace('/', '.')}")


def load_config(configfile: str) -> dict:
    """The checked config ``snakemake --configfile <configfile>`` runs with (raises ConfigError)."""
    extra = [] if Path(configfile).resolve() == Path(BASE_CONFIG).resolve() else [configfile]
    return _library("configuration").check_files(extra, base=BASE_CONFIG, schema=SCHEMA)


def themes(config: dict) -> list[str]:
    return _library("theme").theme_names(config)


# --- Inputs: a figure's data and fits, as the data and fit rules write them under results/ ---


@dataclass(frozen=True)
class Inputs:
    """A set of intermediate files: the config section and its keys they are computed from, the
    library modules that compute them, and how: ``compute(section, upstream)`` returns {name:
    value to store}; ``upstream(name)`` gives another set's values."""

    section: str
    keys: tuple[str, ...]
    modules: tuple[str, ...]
    files: dict[str, str]  # name -> path under results/
    compute: Callable[[dict, Callable[[str], dict]], dict]


def pick(section: dict, keys: tuple[str, ...]) -> dict:
    """The keys of a section that a data or fit rule takes as a param (rules/<figure>.smk)."""
    return {key: section[key] for key in keys}


# The params of the data and fit rules, as rules/<figure>.smk picks them.
SWEEP_DATA = (
    "seed",
    "base_x",
    "line_slope",
    "line_intercept",
    "noise_half_width",
    "outlier_y",
    "outlier_x_range",
    "n_frames",
    "grid_panels",
    "x_limits",
    "prediction_points",
)
DESCENT = ("w0", "learning_rate", "lam", "l1_step", "n_frames")
ROBUSTNESS_DATA = (
    "seed",
    "n_points",
    "x_range",
    "line_slope",
    "line_intercept",
    "noise_half_width",
    "outlier_x",
    "outlier_rise",
    "n_frames",
)
SPARSITY_GRID = (
    "centre_radius",
    "centre_angles_deg",
    "n_frames",
    "lasso_alphas_log10",
    "ridge_alphas_log10",
    "n_alphas",
)
SPARSITY_PROBLEM = ("budget", "loss_matrix")
CITY = ("blocks", "start", "end", "paths")
SOLVERS = ("lasso_alpha", "ridge_alpha", "tolerance", "max_sweeps")


def _sweep_inputs(section: dict, upstream) -> dict:
    data = _library("grids").outlier_sweep_data(pick(section, SWEEP_DATA))
    sweep, grid = _library("models").outlier_fits(
        _stored(data, ".json"), section["gbr"], "sweep_outlier_x", "grid_outlier_x"
    )
    return {"data": data, "fits": sweep, "grid_fits": grid}


def _stability_inputs(section: dict, upstream) -> dict:
    return {"measures": _library("stability").stability(upstream("outlier_sweep")["fits"])}


def _gradient_inputs(section: dict, upstream) -> dict:
    return {"fits": _library("regularization").gradient_descent(pick(section, DESCENT))}


def _robustness_inputs(section: dict, upstream) -> dict:
    data = _library("grids").robustness_data(pick(section, ROBUSTNESS_DATA))
    return {"data": data, "fits": _library("models").robustness_fits(_stored(data, ".json"))}


def _sparsity_inputs(section: dict, upstream) -> dict:
    data = _stored(_library("grids").sparsity_data(pick(section, SPARSITY_GRID)), ".json")
    fits = {
        "solutions": _library("sparsity").solutions(
            pick(section, SPARSITY_PROBLEM), data["centres"]
        ),
        **_library("models").coefficient_paths(data["lasso_alphas"], data["ridge_alphas"]),
    }
    return {"data": data, "fits": fits}


def _city_inputs(section: dict, upstream) -> dict:
    return {"city": _library("taxicab").city(pick(section, CITY))}


def _solvers_inputs(section: dict, upstream) -> dict:
    return {"fits": _library("solvers").solver_comparison(pick(section, SOLVERS))}


SWEEP_FILES = {
    "data": "results/outlier_sweep/data.json",
    "fits": "results/outlier_sweep/fits.npz",
    "grid_fits": "results/outlier_sweep/grid_fits.npz",
}
INPUTS = {
    "outlier_sweep": Inputs(
        "outlier_sweep", (*SWEEP_DATA, "gbr"), ("grids", "models"), SWEEP_FILES, _sweep_inputs
    ),
    "stability": Inputs(
        "outlier_sweep",
        (*SWEEP_DATA, "gbr"),
        ("grids", "models", "stability"),
        {"measures": "results/stability/measures.json"},
        _stability_inputs,
    ),
    "l1_l2_gradient": Inputs(
        "l1_l2_gradient",
        DESCENT,
        ("regularization",),
        {"fits": "results/l1_l2_gradient/fits.json"},
        _gradient_inputs,
    ),
    "robustness": Inputs(
        "robustness",
        ROBUSTNESS_DATA,
        ("grids", "models"),
        {"data": "results/robustness/data.json", "fits": "results/robustness/fits.json"},
        _robustness_inputs,
    ),
    "sparsity": Inputs(
        "sparsity",
        (*SPARSITY_GRID, *SPARSITY_PROBLEM),
        ("grids", "models", "sparsity"),
        {"data": "results/sparsity/data.json", "fits": "results/sparsity/fits.json"},
        _sparsity_inputs,
    ),
    "manhattan_distance": Inputs(
        "manhattan_distance",
        CITY,
        ("errors", "taxicab"),
        {"city": "results/manhattan_distance/city.json"},
        _city_inputs,
    ),
    "solvers": Inputs(
        "solvers",
        SOLVERS,
        ("models", "regularization", "solvers"),
        {"fits": "results/solvers/fits.json"},
        _solvers_inputs,
    ),
}


def _stored(value, suffix: str):
    """``value`` as a render job reads it back from a file with ``suffix`` (JSON: lists, not
    tuples or arrays; .npz: arrays of the dtypes saved)."""
    if suffix == ".json":
        return json.loads(json.dumps(value))
    buffer = io.BytesIO()
    np.savez(buffer, **value)
    buffer.seek(0)
    with np.load(buffer) as npz:
        return {key: npz[key] for key in npz.files}


def computed_inputs(name: str, config: dict, upstream: Callable[[str], dict]) -> dict:
    """The inputs ``name`` computed in this process, each as its file would hold it."""
    inputs = INPUTS[name]
    values = inputs.compute(config[inputs.section], upstream)
    return {key: _stored(values[key], Path(inputs.files[key]).suffix) for key in inputs.files}


def read_inputs(name: str) -> dict:
    """The inputs ``name`` read from their files under results/."""
    files = _library("files")
    return {
        key: files.read_json(path) if path.endswith(".json") else files.load_arrays(path)
        for key, path in INPUTS[name].files.items()
    }


def inputs_slice(name: str, config: dict) -> str:
    """What the inputs ``name`` are computed from: their keys of the config, and their code."""
    inputs = INPUTS[name]
    return json.dumps(
        [pick(config[inputs.section], inputs.keys), *map(source, inputs.modules)], sort_keys=True
    )


# --- Figures: what the preview draws ---


@dataclass(frozen=True)
class FigureSpec:
    """A figure of the preview: animations get a contact sheet and frames, stills one picture.

    ``inputs`` names the INPUTS it draws from; ``scene`` its config keys besides its style, in the
    section ``style_of`` (whose ``style`` it is drawn in); ``modules`` the library modules that
    draw it; ``draw(inputs, scene, style)`` returns an animation's (figure, update) or a still's
    figure.
    """

    name: str
    inputs: tuple[str, ...]
    style_of: str
    modules: tuple[str, ...]
    draw: Callable
    animated: bool


def _outlier_sweep(inputs, scene, style):
    sweep = inputs["outlier_sweep"]
    return _library("scenes/outlier_sweep").animation_scene(
        sweep["data"], sweep["fits"], style, scene
    )


def _l1_l2_gradient(inputs, scene, style):
    return _library("scenes/l1_l2_gradient").animation_scene(
        inputs["l1_l2_gradient"]["fits"], scene["w_limits"], style
    )


def _robustness(inputs, scene, style):
    robustness = inputs["robustness"]
    return _library("scenes/robustness").animation_scene(
        robustness["data"], robustness["fits"], style, scene
    )


def _sparsity(inputs, scene, style):
    return _library("scenes/sparsity").animation_scene(inputs["sparsity"]["fits"], scene, style)


def _outlier_sweep_grid(inputs, scene, style):
    sweep = inputs["outlier_sweep"]
    return _library("scenes/outlier_sweep").grid_figure(
        sweep["data"], sweep["grid_fits"], style, scene, scene["grid_columns"]
    )


def _manhattan_distance(inputs, scene, style):
    return _library("scenes/manhattan_distance").city_figure(
        inputs["manhattan_distance"]["city"], style
    )


def _stability(inputs, scene, style):
    return _library("scenes/stability").stability_figure(
        inputs["stability"]["measures"], inputs["outlier_sweep"]["data"]["base_x"], style
    )


def _solvers(inputs, scene, style):
    return _library("scenes/solvers").solvers_figure(inputs["solvers"]["fits"], style)


ANIMATION_MODULES = ("files", "style", "theme", "animate")
STILL_MODULES = ("files", "style", "theme", "encode")
FIGURES = [
    FigureSpec(
        "outlier_sweep",
        ("outlier_sweep",),
        "outlier_sweep",
        (*ANIMATION_MODULES, "scenes/outlier_sweep"),
        _outlier_sweep,
        True,
    ),
    FigureSpec(
        "l1_l2_gradient",
        ("l1_l2_gradient",),
        "l1_l2_gradient",
        (*ANIMATION_MODULES, "regularization", "scenes/l1_l2_gradient"),
        _l1_l2_gradient,
        True,
    ),
    FigureSpec(
        "robustness",
        ("robustness",),
        "robustness",
        (*ANIMATION_MODULES, "scenes/robustness"),
        _robustness,
        True,
    ),
    FigureSpec(
        "sparsity",
        ("sparsity",),
        "sparsity",
        (*ANIMATION_MODULES, "sparsity", "scenes/sparsity"),
        _sparsity,
        True,
    ),
    FigureSpec(
        "outlier_sweep_grid",
        ("outlier_sweep",),
        "outlier_sweep",
        (*STILL_MODULES, "scenes/outlier_sweep"),
        _outlier_sweep_grid,
        False,
    ),
    FigureSpec(
        "manhattan_distance",
        ("manhattan_distance",),
        "manhattan_distance",
        (*STILL_MODULES, "scenes/manhattan_distance"),
        _manhattan_distance,
        False,
    ),
    FigureSpec(
        "stability",
        ("stability", "outlier_sweep"),
        "stability",
        (*STILL_MODULES, "scenes/stability"),
        _stability,
        False,
    ),
    FigureSpec(
        "solvers", ("solvers",), "solvers", (*STILL_MODULES, "scenes/solvers"), _solvers, False
    ),
]
ANIMATIONS = [figure.name for figure in FIGURES if figure.animated]


def source(module: str) -> str:
    """The source text of a library module (``scenes/sparsity``), or "" if it is gone."""
    path = LIBRARY / f"{module}.py"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def figure_slice(figure: FigureSpec, config: dict) -> str:
    """Everything a figure's pictures depend on: its inputs' slices, its section (style and
    scene keys), its style resolved in every theme, the frames of a sheet, and its code."""
    theme = _library("theme")
    return json.dumps(
        [
            *(inputs_slice(name, config) for name in figure.inputs),
            config[figure.style_of],
            [theme.figure_style(config, figure.style_of, name) for name in themes(config)],
            config["preview"]["frames"] if figure.animated else None,
            *map(source, figure.modules),
        ],
        sort_keys=True,
    )


def styled(figure: FigureSpec, config: dict, theme: str) -> dict:
    """The figure's style in ``theme``, applied to matplotlib's defaults as a render job does."""
    style = _library("theme").figure_style(config, figure.style_of, theme)
    _library("style").apply_house_style(style)
    return style


def draw(figure: FigureSpec, inputs: dict, config: dict, theme: str):
    """An animation's (figure, update) or a still's figure, in ``theme``."""
    style = styled(figure, config, theme)
    return figure.draw(inputs, config[figure.style_of], style)


def sheet_frames(config: dict, figure: FigureSpec) -> list[int]:
    """The frames a contact sheet shows (rules/animation.smk's preview rule)."""
    return _library("grids").evenly_spaced(
        config[figure.name]["n_frames"], config["preview"]["frames"]
    )


def sheet_path(figure: str, theme: str) -> Path:
    """The contact sheet ``snakemake preview/<figure>/<theme>/sheet.png`` writes."""
    return Path("preview", figure, theme, "sheet.png")
