# The workflow's side of the catalogue (src/l1l2figures/catalogue.py): where each stage's files
# are, and the lookup functions the shared rules take their inputs and params from. The one place
# that maps the figures' files to rules.

import functools
import os

from l1l2figures.catalogue import (
    ANIMATIONS,
    CATALOGUE,
    STILLS,
    stage_config,
    with_stage,
)
from l1l2figures.pipeline.captions import Caption
from l1l2figures.pipeline.dependencies import library_modules
from l1l2figures.rendering.formats import ANIMATION_FORMATS
from l1l2figures.rendering.frame_plan import chunks, evenly_spaced, frame_durations
from l1l2figures.rendering.theme import figure_style, theme_names

DRAFT = config["draft"]
# Frames, encodings, finished figures and their logs of a draft live apart under drafts/, so a draft
# never replaces a finished figure; data and fits are the same for both and are shared.
DRAFTS = "drafts/" if DRAFT else ""
RENDERED = f"{DRAFTS}results"
PUBLISHED = f"{DRAFTS}figures"
THEMES = theme_names(config)
# figures/ holds the light variants; the others (dark) go only into the blog bundle.
PUBLISHED_THEME = THEMES[0]
# The file each data or fit stage writes, by stage: results/<figure>/<name>.<suffix>.
PRODUCT_NAMES = {"data": "data", "fit": "fits"}
# A draft is a GIF only: quick to encode, and any frame size will do.
DRAFT_FORMATS = ["gif"]
FORMATS = DRAFT_FORMATS if DRAFT else config["formats"]


def one_of(names):
    """A wildcard constraint: exactly one of ``names``."""
    return "|".join(names)


wildcard_constraints:
    theme=one_of(THEMES),
    chunk=r"\d+",
    index=r"\d+",


def project_path(*parts):
    """A file of the project, relative to the working directory: Snakemake records inputs by
    path, so a moved or copied project stays built."""
    return os.path.relpath(os.path.join(workflow.basedir, *parts))


@functools.cache  # every job of a rule asks, and the answer only depends on the arguments
def library(script, *functions):
    """The library modules that ``script`` (under scripts/) and the modules of ``functions``
    import, directly or not, as paths: declared as inputs, since Snakemake's code trigger only sees
    the script itself, so that editing a module reruns exactly the jobs that use it."""
    modules = library_modules(project_path("scripts", script), functions=functions)
    return [
        project_path("src", "l1l2figures", f"{module}.py") for module in sorted(modules)
    ]


def library_of(stage, script):
    """Input function: the modules a job of ``stage`` imports, for its figure."""

    def modules(wildcards):
        call = CATALOGUE[wildcards.figure].stage(stage)
        return library(script, call.function)

    return modules


def product(figure, stage):
    """The file of ``figure``'s data or fit stage."""
    suffix = CATALOGUE[figure].stage(stage).suffix
    return f"results/{figure}/{PRODUCT_NAMES[stage]}.{suffix}"


def products_of(stage):
    """Input function (unpack): the files a job of ``stage`` reads, by the names its call uses."""
    return lambda wildcards: {
        name: product(*source)
        for name, source in CATALOGUE[wildcards.figure].stage(stage).reads.items()
    }


def call_of(stage):
    """params: what a job of ``stage`` calls, as the catalogue says (an edit to it reruns the job)."""

    def call(wildcards):
        entry = CATALOGUE[wildcards.figure].stage(stage)
        return {
            "function": entry.function,
            "args": entry.args,
            "reads": sorted(entry.reads),
        }

    return call


def slice_of(stage):
    """params: the config keys a job of ``stage`` reads, for its figure (and no other key: a
    tweak elsewhere in the config leaves it alone)."""
    return lambda wildcards: stage_config(config, wildcards.figure, stage)


def themed_style(wildcards):
    """params: the resolved look of the figure in the job's theme (at draft dpi in a draft)."""
    resolved = figure_style(
        config, CATALOGUE[wildcards.figure].section, wildcards.theme
    )
    if DRAFT:
        resolved["dpi"] = resolved["dpi"] * config["drafting"]["dpi_scale"]
    return resolved


def caption(wildcards):
    """params: the figure's caption file, which report/figure.rst renders in the report."""
    return Caption(project_path("report", f"{wildcards.figure}.rst"))


def category(wildcards):
    """The figure's heading in the Snakemake report."""
    return CATALOGUE[wildcards.figure].category


def section(figure):
    """The config section of ``figure``."""
    return config[CATALOGUE[figure].section]


def shown_frames(figure):
    """The frames an animation shows: all of them, or an evenly spaced few in a draft."""
    n_frames = section(figure)["n_frames"]
    if DRAFT:
        return evenly_spaced(n_frames, config["drafting"]["frames"])
    return list(range(n_frames))


def frame_jobs(figure):
    """The frames of each of an animation's render jobs: chunks of frames_per_job."""
    return chunks(shown_frames(figure), section(figure)["frames_per_job"])


def frames_dir(figure, chunk, theme="{theme}"):
    """Where render job ``chunk`` of an animation writes its frames."""
    return f"{RENDERED}/{figure}/{theme}/frames/{chunk}"


def poster_frame(figure):
    """(render job, frame index) of an animation's poster: the frame at ``poster_at`` of the way
    through (0 the first, 1 the last), or in a draft the nearest frame the draft shows.
    """
    shown = shown_frames(figure)
    wanted = round(section(figure)["poster_at"] * (section(figure)["n_frames"] - 1))
    index = min(shown, key=lambda frame: abs(frame - wanted))
    job = next(i for i, frames in enumerate(frame_jobs(figure)) if index in frames)
    return job, index


def published(*names):
    """The finished figures ``names`` (file names) in figures/, or drafts/figures/ in a draft."""
    return [f"{PUBLISHED}/{name}" for name in names]


def figure_files(figure):
    """The published files of ``figure``: an animation in each format, a still in its own."""
    entry = CATALOGUE[figure]
    formats = FORMATS if entry.name in ANIMATIONS else entry.formats
    return published(*(f"{figure}.{extension}" for extension in formats))


# Every finished figure: what `all` builds.
FIGURES = [path for figure in CATALOGUE for path in figure_files(figure)]


def stale_animation_files():
    """Published animations in a format that is no longer in config["formats"]."""
    every_format = [
        path
        for figure in ANIMATIONS
        for path in published(
            *(f"{figure}.{extension}" for extension in ANIMATION_FORMATS)
        )
    ]
    return [
        path for path in every_format if path not in FIGURES and os.path.exists(path)
    ]


def one_frame(figure, index):
    """The one frame a still's file name asks for, if the animation has it."""
    n_frames = section(figure)["n_frames"]
    if index >= n_frames:
        raise ValueError(
            f"{figure} has frames 0 to {n_frames - 1}; there is no frame {index}"
        )
    return [index]
