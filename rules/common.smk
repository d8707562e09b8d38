# Helpers that every figure's rules share: paths, config slices, the themed style, and the
# declarations of the figures (animation(), still_figure()) that rules/animation.smk and `all` read.

import json
import os

from snakemake.exceptions import WorkflowError

from l1l2figures.configuration import check_site_video, frame_size_px
from l1l2figures.files import write_if_changed
from l1l2figures.formats import ANIMATION_FORMATS
from l1l2figures.grids import chunks, evenly_spaced, frame_durations
from l1l2figures.theme import figure_style, theme_names

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


wildcard_constraints:
    theme="|".join(THEMES),
    chunk=r"\d+",
    index=r"\d+",


def pick(section, *keys):
    """The slice of a config section that a rule uses, as its params.

    Snakemake reruns a job when its params change, so each rule carries exactly what it reads;
    a tweak elsewhere in the config leaves it alone. Key names stay in the slice's repr.
    """
    return {key: section[key] for key in keys}


def library(*modules):
    """Paths of the library modules a rule's script imports (files.py and jobs.py always).

    Declared as inputs, because Snakemake's code trigger only sees the script itself: editing a
    module reruns exactly the rules that use it.
    """
    names = sorted({"files", "jobs", *modules})
    return [project_path("src", "l1l2figures", f"{name}.py") for name in names]


def project_path(*parts):
    """A file of the project, relative to the working directory: Snakemake records inputs by
    path, so a moved or copied project stays built."""
    return os.path.relpath(os.path.join(workflow.basedir, *parts))


def themed_style(figure):
    """params: the resolved look of ``figure`` in the job's theme (at draft dpi in a draft)."""

    def style(wildcards):
        resolved = figure_style(config, figure, wildcards.theme)
        if DRAFT:
            resolved["dpi"] = resolved["dpi"] * config["drafting"]["dpi_scale"]
        return resolved

    return style


def frame_size(figure):
    """params: [width, height] in pixels of ``figure``'s frames in the job's theme, which every
    reader of its frames checks."""
    style = themed_style(figure)
    return lambda wildcards: frame_size_px(style(wildcards))


def frame_indices(section):
    """The frames an animation shows: all of them, or an evenly spaced few in a draft."""
    if DRAFT:
        return evenly_spaced(section["n_frames"], config["drafting"]["frames"])
    return list(range(section["n_frames"]))


def published(*names):
    """The finished figures ``names`` (file names) in figures/, or drafts/figures/ in a draft."""
    return [f"{PUBLISHED}/{name}" for name in names]


# Every finished figure, as the rule files declare it (what `all` builds). The blog bundle also
# reads STILLS: {figure: the extensions it is rendered in}.
FIGURES = []
STILLS = {}


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


def still_figure(figure, *extensions):
    """Declare a figure rendered as a still (render_<figure> writes it in each theme)."""
    STILLS[figure] = extensions
    FIGURES.extend(published(*(f"{figure}.{extension}" for extension in extensions)))


# A draft is a GIF only: quick to encode, and any frame size will do.
DRAFT_FORMATS = ["gif"]


def animation_files(figure):
    """The published animation, one file per format in config["formats"]."""
    formats = DRAFT_FORMATS if DRAFT else config["formats"]
    return published(*(f"{figure}.{extension}" for extension in formats))


# The animations, declared by the rule files with animation(); rules/animation.smk gives each one
# the rules that every animation shares.
ANIMATIONS = {}


def animation(figure, section, scene, modules, inputs, category):
    """Declare an animation: scripts/render_<figure>.py draws its frames.

    ``section`` is its config section; ``scene`` the config keys its picture reads (the script's
    params.scene, beside the themed params.style); ``modules`` the library modules the script
    imports besides the frame loop and the style; ``inputs`` the files it reads, by name;
    ``category`` its heading in the Snakemake report.
    """
    shown = frame_indices(section)
    ANIMATIONS[figure] = dict(
        section=section,
        scene=scene,
        modules=modules,
        inputs=inputs,
        category=category,
        shown=shown,
        frame_jobs=chunks(shown, section["frames_per_job"]),
        durations_ms=frame_durations(
            len(shown), section["frame_duration_ms"], section["end_pause_ms"]
        ),
    )
    FIGURES.extend(animation_files(figure))


def poster_frame(spec):
    """(render job, frame index) of an animation's poster: the frame at ``poster_at`` of the way
    through (0 the first, 1 the last), or in a draft the nearest frame the draft shows.
    """
    section = spec["section"]
    wanted = round(section["poster_at"] * (section["n_frames"] - 1))
    index = min(spec["shown"], key=lambda shown: abs(shown - wanted))
    job = next(i for i, frames in enumerate(spec["frame_jobs"]) if index in frames)
    return job, index


def frames_of_job(frame_jobs):
    """params.frames of a render job: the frames of its chunk."""
    return lambda wildcards: frame_jobs[int(wildcards.chunk)]


def one_frame(figure, n_frames):
    """params.frames of a still: the one frame its file name asks for, if the animation has it."""

    def frames(wildcards):
        index = int(wildcards.index)
        if index >= n_frames:
            raise ValueError(
                f"{figure} has frames 0 to {n_frames - 1}; there is no frame {index}"
            )
        return [index]

    return frames


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


def frame_times(wildcards):
    """params: an animation's frame times in ms, which each of its encodings must show for; None
    for a still."""
    spec = ANIMATIONS.get(wildcards.name)
    return spec and spec["durations_ms"]


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

    def slice_file(wildcards):
        values = {
            name: value(wildcards) if callable(value) else value
            for name, value in rule.params.items()
        }
        folder = f"{DRAFTS if draft_job else ''}{CONFIG_SLICES}/{rule.name}"
        path = os.path.join(folder, "-".join(map(str, wildcards)), "params.json")
        if workflow.executor_plugin is None or workflow.dryrun:
            # A plan changes nothing: a slice not written yet is left out of it.
            return path if os.path.exists(path) else []
        write_if_changed(path, json.dumps(values, indent=1, sort_keys=True) + "\n")
        return path

    return slice_file
