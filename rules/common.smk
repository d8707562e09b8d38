# The workflow's side of the catalogue (src/l1l2figures/catalogue.py): where each stage's files
# are, and the lookup functions the shared rules take their inputs and params from. The one place
# that maps the figures' files to rules.

import functools
import inspect
import json
import os
import sys

from snakemake.exceptions import WorkflowError
from snakemake.iocontainers import Params

from l1l2figures.catalogue import (
    ANIMATIONS,
    CATALOGUE,
    STILLS,
    stage_config,
    with_stage,
)
from l1l2figures.pipeline.captions import Caption
from l1l2figures.pipeline.configuration import check_site_video, frame_size_px
from l1l2figures.pipeline.dependencies import library_modules, module_file
from l1l2figures.pipeline.files import write_if_changed
from l1l2figures.pipeline.params import changed_keys, shown
from l1l2figures.rendering.formats import ANIMATION_FORMATS, HIGH_DENSITY_SCALE
from l1l2figures.rendering.frame_plan import chunks, evenly_spaced
from l1l2figures.rendering.theme import figure_style, theme_names
from l1l2figures.words import words_style

DRAFT = config["draft"]
# Frames, encodings, finished figures, previews, quality reports and logs of a draft live apart
# under drafts/, so a draft never replaces a finished one; data and fits are the same for both
# and are shared.
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
    return [os.path.relpath(module_file(module)) for module in sorted(modules)]


def library_of(stage, script):
    """Input function: the modules a job of ``stage`` imports, for its figure."""

    def modules(wildcards):
        call = CATALOGUE[wildcards.figure].stage(stage)
        return library(script, *([call.function] if call else []))

    return modules


def product(figure, stage):
    """The file of ``figure``'s data or fit stage."""
    suffix = CATALOGUE[figure].stage(stage).suffix
    return f"results/{figure}/{PRODUCT_NAMES[stage]}.{suffix}"


def products_of(stage):
    """Input function (unpack): the files a job of ``stage`` reads, by the names its call uses."""

    def products(wildcards):
        call = CATALOGUE[wildcards.figure].stage(stage)
        return {
            name: product(*source)
            for name, source in (call.reads if call else {}).items()
        }

    return products


def call_of(stage):
    """params: what a job of ``stage`` calls, as the catalogue says (an edit to it reruns the job)."""

    def call(wildcards):
        entry = CATALOGUE[wildcards.figure].stage(stage)
        if entry is None:  # an optional stage (moments) the figure does without
            return None
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


def high_density_style(wildcards):
    """params: the job's themed style at HIGH_DENSITY_SCALE times its dpi (a 2x poster)."""
    resolved = themed_style(wildcards)
    resolved["dpi"] = resolved["dpi"] * HIGH_DENSITY_SCALE
    return resolved


def words_styles(wildcards):
    """params: the colours of the figure in every theme that its words may name."""
    figure_section = CATALOGUE[wildcards.figure].section
    return {
        theme: words_style(figure_style(config, figure_section, theme))
        for theme in THEMES
    }


def words_of(figure):
    """The words of ``figure`` (its words stage's words.json)."""
    return f"results/{figure}/words.json"


def caption(wildcards):
    """params: the figure's caption, made by its words stage, which report/figure.rst renders
    in the report."""
    return Caption(f"results/{wildcards.figure}/caption.rst")


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


def all_frames(wildcards):
    """The frame folders of every render job of an animation, in the job's theme."""
    return [
        frames_dir(wildcards.figure, chunk, wildcards.theme)
        for chunk in range(len(frame_jobs(wildcards.figure)))
    ]


def poster_override(figure):
    """The frame index ``poster_at`` picks (0 the first, 1 the last), or None: the scene's own
    poster, a key moment that shows its lesson."""
    poster_at = section(figure).get("poster_at")
    return (
        None
        if poster_at is None
        else round(poster_at * (section(figure)["n_frames"] - 1))
    )


def pacing_file(figure):
    """An animation's pacing, as its pace job writes it: each frame's time, which each of its
    encodings must show for, and its poster frame."""
    return f"{RENDERED}/{figure}/pacing.json"


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


def draft_files(figure):
    """Input function of draft_<figure>: the figure's draft files, or (without draft=true, which
    sets every path of the run) a one-line error that gives the command."""

    def files(wildcards):
        if not DRAFT:
            raise WorkflowError(
                f"a draft is made in draft mode: snakemake --cores 4 draft_{figure} "
                "--config draft=true (the targets first: --config takes every word after it)"
            )
        return figure_files(figure)

    return files


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


def backup_or_say_why(backup):
    """Snakemake's backup of an update() output (a published figure, the bundle) before its job
    replaces it, saying in one line why it failed (a full disk) instead of a 40-line traceback.
    """

    def backup_or_raise(path):
        try:
            backup(path)
        except OSError as error:
            raise WorkflowError(
                f"{path}: could not keep a copy of it under .snakemake/backups/ before its job "
                f"replaces it ({error.strerror}); nothing was changed: free some space and run "
                "again"
            ) from None

    return backup_or_raise


def published_pacing(wildcards):
    """input of publish: an animation's pacing, which its encoding is checked against before it
    is published; nothing for a still."""
    return pacing_file(wildcards.name) if wildcards.name in ANIMATIONS else []


def frame_size(wildcards):
    """params: [width, height] in pixels of the figure's frames in the job's theme, which every
    reader of its frames checks."""
    return frame_size_px(themed_style(wildcards))


def checked_for_video(wildcards):
    """No input: refuses, before any job runs, frame sizes that the bundle's video cannot take.

    The bundle always encodes video, whatever `formats` says; an input function runs only when the
    run's targets include the bundle.
    """
    check_site_video(config, DRAFT)
    return []


# Where each rule's config slice is written (rules/config_slices.smk).
CONFIG_SLICES = "results/config"


def config_slice(rule):
    """The input function of ``rule``'s config slice: the job's params, written to
    <results>/config/<rule>/[<wildcard values>/]params.json when they changed.

    One folder per job: Snakemake caches a folder's listing when it first looks in it, and would
    miss a job's slice written after a neighbour's.
    """
    draft_job = DRAFT and str(rule.output[0]).startswith(DRAFTS)
    # The params the rule declares (the makers added after them follow from its inputs).
    declared = dict(rule.params.items())

    def slice_file(wildcards):
        values = {
            name: value(wildcards) if callable(value) else value
            for name, value in declared.items()
        }
        folder = f"{DRAFTS if draft_job else ''}{CONFIG_SLICES}/{rule.name}"
        path = os.path.join(folder, "-".join(map(str, wildcards)), "params.json")
        job = " ".join([rule.name, *(f"{k}={v}" for k, v in wildcards.items())])
        say_changes(path, values, job)
        if workflow.executor_plugin is None or workflow.dryrun:
            # A plan changes nothing: a slice not written yet is left out of it.
            return path if os.path.exists(path) else []
        write_if_changed(path, json.dumps(values, indent=1, sort_keys=True) + "\n")
        return path

    return slice_file


# The config slices whose changes this run has named (an input function runs more than once).
CHANGES_SAID = set()


def say_changes(path, values, job):
    """Name the keys of ``job``'s config slice that changed since ``path`` was written, once per
    run and job, in one line: beside Snakemake's reason (the changed param, as a digest), which
    keys a tweak changed."""
    if path in CHANGES_SAID or not os.path.exists(path):
        return
    with open(path) as written:
        changed = changed_keys(json.load(written), json.loads(json.dumps(values)))
    if changed:
        CHANGES_SAID.add(path)
        print(f"{job}: {', '.join(changed)} changed", file=sys.stderr)


def shown_param(name, value):
    """A param that Snakemake records, prints in a job's reason and lists in the report briefly
    (pipeline.params), with the arguments ``value`` takes: a param that reads the job's input is
    derived from it, and Snakemake does not compare it between runs."""
    if not callable(value):
        return lambda wildcards: shown(name, value)
    if "input" in inspect.signature(value).parameters:
        return lambda wildcards, input: shown(name, value(wildcards, input))
    return lambda wildcards: shown(name, value(wildcards))


def show_params_briefly(workflow_rule):
    """Give ``workflow_rule`` its params as shown_param makes them, in their order."""
    declared = list(workflow_rule.params.items())
    if len(declared) != len(workflow_rule.params):
        raise WorkflowError(
            f"{workflow_rule.name}: every param of a rule must be named"
        )
    # Snakemake has set_params, which adds, and no public way to replace: start afresh.
    workflow_rule._params = Params()
    workflow_rule.set_params(
        **{name: shown_param(name, value) for name, value in declared}
    )


def making_job(path):
    """The job that makes ``path`` (its rule and wildcards, as its log names it), or None for a
    file of the project."""
    for maker in workflow.rules:
        if maker.is_producer(path):
            wildcards = maker.get_wildcards(path)
            return " ".join([maker.name, *(f"{k}={v}" for k, v in wildcards.items())])
    return None


def input_makers(wildcards, input):
    """params: the job that makes each of a job's inputs, which the job's log names beside an
    input it finds damaged."""
    return {path: job for path in input if (job := making_job(path))}
