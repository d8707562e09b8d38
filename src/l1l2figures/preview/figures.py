"""The live preview's one view of the figures: which there are, the config slice and the library
modules each depends on, and how to draw each in this process, all read from the catalogue
(``l1l2figures.catalogue``). Like ``pipeline.inprocess``, but the products of the data and fit
stages are kept between saves (``pipeline.inprocess`` makes them again on every call).

A product is computed here with its catalogue call, as a data or fit job computes it, then passed
through its file format in memory (JSON, .npz), so the scene gets what a job reads from
``results/`` and draws the same pixels. Where Snakemake says the file under ``results/`` is
current, it is read instead (``read_inputs``).

Besides the catalogue (which imports none of the functions it names), the library is imported when
a figure is drawn, not here: after an edit the preview drops it from ``sys.modules``, and a module
that does not import (a syntax error) fails only the figures that use it.
"""

import functools
import importlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from l1l2figures.catalogue import ANIMATION, CATALOGUE, CONFIG, STYLE, stage_config

LIBRARY = Path(__file__).resolve().parents[1]  # src/l1l2figures
# The config file Snakemake always reads; --configfile files are merged over it.
BASE_CONFIG = "config/config.yaml"
SCHEMA = "config/schema.yaml"
# The file each data or fit stage writes, results/<figure>/<name>.<suffix> (rules/common.smk).
PRODUCT_NAMES = {"data": "data", "fit": "fits"}
# What drawing a contact sheet takes besides the scene's own modules.
SHEET_MODULES = ("rendering/animate",)


def _library(name: str):
    return importlib.import_module(f"l1l2figures.{name}")


def load_config(configfile: str) -> dict:
    """The checked config ``snakemake --configfile <configfile>`` runs with (raises ConfigError)."""
    extra = [] if Path(configfile).resolve() == Path(BASE_CONFIG).resolve() else [configfile]
    return _library("pipeline.configuration").check_files(extra, base=BASE_CONFIG, schema=SCHEMA)


def themes(config: dict) -> list[str]:
    return _library("rendering.theme").theme_names(config)


# Kept until the next save of a module: the preview then imports this module afresh.
@functools.cache
def source(functions: tuple[str, ...], *modules: str) -> tuple[str, ...]:
    """The source text of every library module that ``functions`` (as the catalogue names them)
    and ``modules`` import, directly or not: an edit to any of them changes it."""
    dependencies = _library("pipeline.dependencies")
    files = [dependencies.module_file(module) for module in modules]
    found = dependencies.library_modules(*files, functions=functions) | set(modules)
    return tuple(
        dependencies.module_file(module).read_text(encoding="utf-8") for module in sorted(found)
    )


# --- Inputs: the products of the figures' data and fit stages, as results/ holds them ---


@dataclass(frozen=True)
class Product:
    """The product of a figure's data or fit stage."""

    figure: str
    stage: str

    @property
    def call(self):
        return CATALOGUE[self.figure].stage(self.stage)

    @property
    def files(self) -> dict[str, str]:
        return {self.stage: f"results/{self.figure}/{PRODUCT_NAMES[self.stage]}.{self.call.suffix}"}


def _name(figure: str, stage: str) -> str:
    return f"{figure}/{stage}"


INPUTS = {
    _name(figure, stage): Product(figure, stage)
    for figure, entry in CATALOGUE.items()
    for stage in PRODUCT_NAMES
    if entry.stage(stage)
}


def _stored(value, suffix: str):
    """``value`` as a job reads it back from a file with ``suffix`` (JSON: lists, not tuples or
    arrays; .npz: arrays of the dtypes saved)."""
    if suffix == "json":
        return json.loads(json.dumps(value))
    buffer = io.BytesIO()
    np.savez(buffer, **value)
    buffer.seek(0)
    with np.load(buffer) as npz:
        return {key: npz[key] for key in npz.files}


def computed_inputs(name: str, config: dict, upstream: Callable[[str], object]):
    """The product ``name`` computed in this process, as its file would hold it."""
    product = INPUTS[name]
    call = product.call
    values = {read: upstream(_name(*source)) for read, source in call.reads.items()}
    values[CONFIG] = stage_config(config, product.figure, product.stage)
    made = _library("pipeline.calls").run(call.function, call.args, values)
    return _stored(made, call.suffix)


def read_inputs(name: str):
    """The product ``name`` read from its file under results/."""
    [path] = INPUTS[name].files.values()
    return _library("pipeline.products").READERS[Path(path).suffix](path)


def inputs_slice(name: str, config: dict) -> str:
    """What the product ``name`` is computed from: its config keys, those of the products it
    reads, and their code."""
    product = INPUTS[name]
    call = product.call
    return json.dumps(
        [
            stage_config(config, product.figure, product.stage),
            *(inputs_slice(_name(*source), config) for source in call.reads.values()),
            *source((call.function,)),
        ],
        sort_keys=True,
    )


# --- Figures: what the preview draws ---


@dataclass(frozen=True)
class FigureSpec:
    """A catalogue figure as the preview shows it: an animation's contact sheet and frames, or a
    still. ``inputs``: the products its drawing reads."""

    name: str

    @property
    def entry(self):
        return CATALOGUE[self.name]

    @property
    def animated(self) -> bool:
        return self.entry.kind == ANIMATION

    @property
    def style_of(self) -> str:
        return self.entry.section

    @property
    def inputs(self) -> tuple[str, ...]:
        return tuple(_name(*source) for source in self.entry.draw.reads.values())


FIGURES = [FigureSpec(name) for name in CATALOGUE]
ANIMATIONS = [figure.name for figure in FIGURES if figure.animated]


def figure_slice(figure: FigureSpec, config: dict) -> str:
    """Everything a figure's pictures depend on: its products' slices, the keys its drawing reads,
    its style in every theme, the frames of a sheet, and its code."""
    theme = _library("rendering.theme")
    return json.dumps(
        [
            *(inputs_slice(name, config) for name in figure.inputs),
            stage_config(config, figure.name, "draw"),
            [theme.figure_style(config, figure.style_of, name) for name in themes(config)],
            config["preview"]["frames"] if figure.animated else None,
            *source((figure.entry.draw.function,), *(SHEET_MODULES if figure.animated else ())),
        ],
        sort_keys=True,
    )


def styled(figure: FigureSpec, config: dict, theme: str) -> dict:
    """The figure's style in ``theme``, applied to matplotlib's defaults as a job does."""
    style = _library("rendering.theme").figure_style(config, figure.style_of, theme)
    _library("rendering.style").apply_house_style(style)
    return style


def draw(figure: FigureSpec, inputs: dict, config: dict, theme: str):
    """An animation's (figure, update) or a still's figure, in ``theme``."""
    style = styled(figure, config, theme)
    call = figure.entry.draw
    values = {read: inputs[_name(*source)] for read, source in call.reads.items()}
    values |= {CONFIG: stage_config(config, figure.name, "draw"), STYLE: style}
    return _library("pipeline.calls").run(call.function, call.args, values)


def sheet_frames(config: dict, figure: FigureSpec) -> list[int]:
    """The frames a contact sheet shows (rules/animations.smk's sheet rule)."""
    return _library("rendering.frame_plan").evenly_spaced(
        config[figure.name]["n_frames"], config["preview"]["frames"]
    )


def sheet_path(figure: str, theme: str) -> Path:
    """The contact sheet ``snakemake preview/<figure>/<theme>/sheet.png`` writes."""
    return Path("preview", figure, theme, "sheet.png")
