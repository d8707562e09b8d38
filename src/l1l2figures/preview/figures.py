"""The live preview's view of the figures, all asked of the build's own modules: the catalogue
says which there are, ``pipeline.specs`` what each job is, ``pipeline.layout`` where its files are
and ``pipeline.build`` how a product is computed and a figure drawn.

Keys are content digests: a product's of its job's spec, the keys of the products it reads and its
code; a figure's of its specs in every theme, its products' keys and its code. The workflow's file
of a product is read instead of computed where the workflow says it is current (``stale``).

Besides the catalogue (which imports none of the functions it names), the library is imported when
a figure is drawn, not here: after an edit the preview drops it from ``sys.modules``, and a module
that does not import (a syntax error) fails only the figures that use it.
"""

import functools
import hashlib
import importlib
from pathlib import Path
from types import SimpleNamespace

from l1l2figures.catalogue import ANIMATIONS, CATALOGUE

LIBRARY = Path(__file__).resolve().parents[1]  # src/l1l2figures
# The config file Snakemake always reads; --configfile files are merged over it.
BASE_CONFIG = "config/config.yaml"
SCHEMA = "config/schema.yaml"
# What a product's job runs besides its function's modules, and a sheet besides its scene's.
PRODUCT_MODULES = ("pipeline/build",)
SHEET_MODULES = ("pipeline/build", "rendering/animate")
FIGURES = list(CATALOGUE)


def _library(name: str):
    return importlib.import_module(f"l1l2figures.{name}")


def load_config(configfile: str) -> dict:
    """The checked config ``snakemake --configfile <configfile>`` runs with (raises ConfigError)."""
    extra = [] if Path(configfile).resolve() == Path(BASE_CONFIG).resolve() else [configfile]
    return _library("pipeline.configuration").check_files(extra, base=BASE_CONFIG, schema=SCHEMA)


def themes(config: dict) -> list[str]:
    return _library("rendering.theme").theme_names(config)


def animated(figure: str) -> bool:
    return figure in ANIMATIONS


def n_frames(config: dict, figure: str) -> int:
    return config[CATALOGUE[figure].section]["n_frames"] if animated(figure) else 0


def layout(config: dict):
    return _library("pipeline.layout").Layout(draft=config["draft"])


# Kept until the next save of a module: the preview then imports this module afresh.
@functools.cache
def modules(functions: tuple[str, ...], extra: tuple[str, ...]) -> tuple[Path, ...]:
    """The files of every library module that ``functions`` (as the catalogue names them) and the
    modules ``extra`` import, directly or not."""
    dependencies = _library("pipeline.dependencies")
    files = [dependencies.module_file(module) for module in extra]
    found = dependencies.library_modules(*files, functions=functions) | set(extra)
    return tuple(dependencies.module_file(module) for module in sorted(found))


@functools.cache
def code_digest(functions: tuple[str, ...], extra: tuple[str, ...] = ()) -> str:
    """A digest of the source of those modules: an edit to any of them changes it."""
    sha = hashlib.sha256()
    for path in modules(functions, extra):
        sha.update(path.read_bytes())
    return sha.hexdigest()


# --- products: what the figures' data and fit stages make ---


def products_read(figure: str, stage: str = "draw") -> dict[str, tuple[str, str]]:
    """{name: (figure, stage)}: the products a stage reads."""
    return CATALOGUE[figure].stage(stage).reads


def job(figure: str, stage: str) -> tuple[str, dict]:
    """The rule and wildcards of the job that makes a product (rules/compute.smk)."""
    suffix = {"suffix": CATALOGUE[figure].fit.suffix} if stage == "fit" else {}
    return stage, {"figure": figure, **suffix}


def product_spec(config: dict, figure: str, stage: str) -> dict:
    rule, wildcards = job(figure, stage)
    return _library("pipeline.specs").Specs(config)(rule, SimpleNamespace(**wildcards))


def key(spec, figure: str, stage: str, keys: dict) -> str:
    """The key of what a stage makes: the digest of its ``spec``, the keys of the products it
    reads ({(figure, stage): key}) and its code."""
    extra = SHEET_MODULES if stage == "draw" and animated(figure) else PRODUCT_MODULES
    reads = sorted(keys[source] for source in products_read(figure, stage).values())
    code = code_digest((CATALOGUE[figure].stage(stage).function,), extra)
    return _library("pipeline.specs").digest([spec, reads, code])


def product_file(config: dict, figure: str, stage: str) -> Path:
    return Path(layout(config).product(figure, stage, CATALOGUE[figure].stage(stage).suffix))


def stale(config: dict, figure: str, stage: str, reused: set) -> str | None:
    """Why the workflow's file of the product is not current, or None when it is: its job's spec
    file with today's digest exists, and the file is newer than that, its code and the products it
    reads (which must be current too: ``reused``)."""
    specs = _library("pipeline.specs")
    spec = layout(config).spec(
        specs.job_key(*job(figure, stage)), specs.digest(product_spec(config, figure, stage))
    )
    sources = products_read(figure, stage).values()
    if not Path(spec).is_file():
        return f"no build of this config in results/ ({spec})"
    if not all(source in reused for source in sources):
        return "a product it reads was computed here"
    inputs = [
        spec,
        *modules((CATALOGUE[figure].stage(stage).function,), PRODUCT_MODULES),
        *(product_file(config, *source) for source in sources),
    ]
    made = product_file(config, figure, stage)
    try:
        made_ns = made.stat().st_mtime_ns
        newer = next((path for path in inputs if Path(path).stat().st_mtime_ns > made_ns), None)
    except FileNotFoundError as missing:
        return f"{missing.filename} is missing"
    return f"{made} is older than {newer}" if newer else None


def read_product(config: dict, figure: str, stage: str):
    return _library("pipeline.build").read_product(str(product_file(config, figure, stage)))


def compute_product(config: dict, figure: str, stage: str, made: dict):
    """The product computed in this process from its spec, as its file would hold it, from those
    it reads (``made``: {(figure, stage): product})."""
    build, spec = _library("pipeline.build"), product_spec(config, figure, stage)
    reads = {name: made[source] for name, source in products_read(figure, stage).items()}
    computed = build.compute(spec["call"], reads, spec["config"])
    return build.as_stored(computed, CATALOGUE[figure].stage(stage).suffix)


def product_keys(config: dict, figure: str, stage: str = "draw", keys=None) -> dict:
    """{(figure, stage): key} of every product a stage reads, directly or not, those read first."""
    keys = {} if keys is None else keys
    for source in products_read(figure, stage).values():
        if source not in keys:
            product_keys(config, *source, keys)
            keys[source] = key(product_spec(config, *source), *source, keys)
    return keys


# --- figures: what the preview draws ---


def figure_specs(config: dict, figure: str) -> dict[str, dict]:
    """{theme: the spec of the job that draws the figure's preview}: an animation's contact
    sheet, a still's PNG."""
    rule = "sheet" if animated(figure) else "draw"
    specs = _library("pipeline.specs").Specs(config)
    return {
        theme: specs(rule, SimpleNamespace(figure=figure, theme=theme)) for theme in themes(config)
    }


def draw(figure: str, products: dict, spec: dict):
    """An animation's (figure, update) or a still's figure, as its job draws it from ``spec``
    (``products``: {(figure, stage): product})."""
    reads = {name: products[source] for name, source in products_read(figure).items()}
    return _library("pipeline.build").draw(spec["draw"], reads, spec["config"], spec["style"])


def restyle(spec: dict) -> None:
    """The house style of ``spec`` again, before a frame of its scene is drawn."""
    _library("pipeline.build").styled(spec["style"])


def sheet_file(config: dict, figure: str, theme: str) -> Path:
    return Path(layout(config).sheet(figure, theme))
