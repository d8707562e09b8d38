# The workflow's side of the catalogue (src/l1l2figures/catalogue.py): the lookup functions the
# shared rules take their inputs from. Where a file lives is pipeline.layout's to say; what a job
# reads from the config and the catalogue is its spec (below).

import functools
import os
from pathlib import Path

from snakemake.exceptions import WorkflowError
from snakemake.logging import logger

from l1l2figures.catalogue import (
    ANIMATIONS,
    CATALOGUE,
    STILLS,
    with_stage,
)
from l1l2figures.files import OUT_OF_DATE, same_bytes
from l1l2figures.pipeline.captions import Caption
from l1l2figures.pipeline.configuration import check_site_video
from l1l2figures.pipeline.dependencies import library_modules, module_file
from l1l2figures.pipeline.embeds import site_outputs
from l1l2figures.pipeline.layout import DRAFTS, Layout
from l1l2figures.pipeline.specs import (
    Specs,
    site_catalogue,
    digest,
    job_key,
    job_name,
    parse_job_key,
    write_spec,
)
from l1l2figures.rendering.formats import ANIMATION_FORMATS
from l1l2figures.rendering.theme import theme_names

DRAFT = config["draft"]
LAYOUT = Layout(draft=DRAFT)
THEMES = theme_names(config)
# figures/ holds the light variants; the others (dark) go only into the blog bundle.
PUBLISHED_THEME = THEMES[0]
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


def products_of(stage):
    """Input function (unpack): the files a job of ``stage`` reads, by the names its call uses."""

    def products(wildcards):
        call = CATALOGUE[wildcards.figure].stage(stage)
        reads = call.reads if call else {}
        return {
            name: LAYOUT.product(figure, read, CATALOGUE[figure].stage(read).suffix)
            for name, (figure, read) in reads.items()
        }

    return products


# --- What each job reads from the config and the catalogue: its spec ---
#
# A job's spec is a small JSON file, an input of the job, named by the digest of its content
# (LAYOUT.spec): a tweak gives the job a spec it has not had, which rule spec writes, and the job
# reruns because an input is new. Only the jobs whose spec changed rerun; a job's reason names a
# file, not the values before and after; and whether a job is current does not depend on
# Snakemake's records in .snakemake/ (a copy without dot-folders, or `rm -rf .snakemake`).


# {rule: the spec of one of its jobs, from its wildcards} (pipeline.specs). A rule listed there
# has its job's spec among its inputs (`spec=spec_of(rule)`).
SPECS = Specs(config, project_dir=project_path())


# The rules whose jobs a draft shares with the finished figures.
SHARED = {"data", "fit", "words", "theme_words"}


def spec_of(rule_name):
    """Input function: the spec file of a job of ``rule_name``."""

    def spec_file(wildcards):
        drafted = DRAFT and rule_name not in SHARED
        spec = SPECS(rule_name, wildcards)
        return LAYOUT.spec(job_key(rule_name, wildcards), digest(spec), drafted)

    return spec_file


def write_job_spec(path, log, job):
    """Rule spec: write the spec of ``job`` (a job key) at ``path``, and say in one line per key
    what changed since the job's last spec, in the log and on the terminal."""
    changed = write_spec(path, SPECS(*parse_job_key(job)))
    said = f"{job_name(job)}: {', '.join(changed)} changed\n" if changed else ""
    with open(log, "w") as stream:
        stream.write(said)
    if said:
        # through Snakemake's logger: spec jobs run in threads (the profile), and its handler
        # keeps each line whole among the other jobs' lines
        logger.info(said.rstrip("\n"))


def figure_files(figure):
    """The published files of ``figure``: an animation in each format, a still in its own."""
    formats = FORMATS if figure in ANIMATIONS else CATALOGUE[figure].formats
    return [LAYOUT.published(f"{figure}.{extension}") for extension in formats]


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
        LAYOUT.published(f"{figure}.{extension}")
        for figure in ANIMATIONS
        for extension in ANIMATION_FORMATS
    ]
    return [
        path for path in every_format if path not in FIGURES and os.path.exists(path)
    ]


def category(wildcards):
    """The figure's heading in the Snakemake report."""
    return CATALOGUE[wildcards.figure].category


def caption(wildcards):
    """params: the figure's caption, made by its words stage, which report/figure.rst renders
    in the report."""
    return Caption(LAYOUT.caption(wildcards.figure))


def all_frames(wildcards):
    """The frame folders of every render job of an animation, in the job's theme."""
    return [
        LAYOUT.frames(wildcards.figure, wildcards.theme, chunk)
        for chunk in range(len(SPECS.frame_jobs(wildcards.figure)))
    ]


def published_pacing(wildcards):
    """input of publish: an animation's pacing, which its encoding is checked against before it
    is published; nothing for a still."""
    return LAYOUT.pacing(wildcards.name) if wildcards.name in ANIMATIONS else []


def checked_for_video(wildcards):
    """No input: refuses, before any job runs, frame sizes that the bundle's video cannot take.

    The bundle always encodes video, whatever `formats` says; an input function runs only when the
    run's targets include the bundle.
    """
    check_site_video(config, DRAFT)
    return []


def mark_failed_publications():
    """After a failed run: a published file that Snakemake restored (update()) is dated now, as if
    current; date it back to the epoch, so that the next run publishes it again. A figure is out
    of date where its bytes are not those of the result it publishes; the bundle, where its job
    left no receipt."""
    for figure in CATALOGUE:
        for path in figure_files(figure):
            source = LAYOUT.encoding(
                Path(path).stem, PUBLISHED_THEME, Path(path).suffix[1:]
            )
            if os.path.exists(path) and not same_bytes(path, source):
                os.utime(path, OUT_OF_DATE)
    if not os.path.exists(LAYOUT.receipt("site")):
        for path in site_outputs(LAYOUT, site_catalogue()):
            if os.path.exists(path):
                os.utime(path, OUT_OF_DATE)
