# Helpers and the rules that every figure shares: the frames and encodings of an animation (one
# definition for all of them), and publishing a finished figure into figures/.

import os

from l1l2figures.configuration import ANIMATION_FORMATS
from l1l2figures.grids import chunks, draft_frames, frame_durations
from l1l2figures.theme import THEMES, figure_style

DRAFT = config["draft"]
# Frames, encodings, finished figures and their logs of a draft live apart under drafts/, so a draft
# never replaces a finished figure; data and fits are the same for both and are shared.
DRAFTS = "drafts/" if DRAFT else ""
RENDERED = f"{DRAFTS}results"
PUBLISHED = f"{DRAFTS}figures"
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
    return [
        os.path.join(workflow.basedir, "src", "l1l2figures", f"{name}.py")
        for name in names
    ]


def themed_style(figure):
    """params: the resolved look of ``figure`` in the job's theme (at draft dpi in a draft)."""

    def style(wildcards):
        resolved = figure_style(config, figure, wildcards.theme)
        if DRAFT:
            resolved["dpi"] = resolved["dpi"] * config["drafting"]["dpi_scale"]
        return resolved

    return style


def frame_indices(section):
    """The frames an animation shows: all of them, or an evenly spaced few in a draft."""
    if DRAFT:
        return draft_frames(section["n_frames"], config["drafting"]["frames"])
    return list(range(section["n_frames"]))


def published(*names):
    """The finished figures ``names`` (file names) in figures/, or drafts/figures/ in a draft."""
    return [f"{PUBLISHED}/{name}" for name in names]


# Every finished figure, declared by the rule files: what `rule all` builds. The blog bundle reads
# ANIMATED (the animations' names) and STILLS ({figure: the extensions it is rendered in}).
FIGURES = []
ANIMATED = []
STILLS = {}


def stale_animation_files():
    """Published animations in a format that is no longer in config["formats"]."""
    every_format = [
        path
        for figure in ANIMATED
        for path in published(*(f"{figure}.{extension}" for extension in ANIMATION_FORMATS))
    ]
    return [path for path in every_format if path not in FIGURES and os.path.exists(path)]


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


def animation(figure, section, scene, modules, inputs, category):
    """Declare the rules every animation shares; scripts/render_<figure>.py draws its frames.

    render_<figure> draws the frames in jobs of ``frames_per_job``, one set per theme;
    preview_<figure> draws a contact sheet of a few frames and still_<figure> any one frame, with
    the same script and nothing encoded; assemble_<figure> encodes the frames, a format per job.
    The script gets params ``scene`` (the config keys its picture reads) and the themed ``style``;
    ``modules`` are the library modules it imports besides the frame loop and the style, and
    ``inputs`` the files it reads, by name.
    """
    ANIMATED.append(figure)
    FIGURES.extend(animation_files(figure))
    shown = frame_indices(section)
    frame_jobs = chunks(shown, section["frames_per_job"])
    frames_dir = f"{RENDERED}/{figure}/{{theme}}/frames"

    def one_frame(wildcards):
        index = int(wildcards.index)
        if index >= section["n_frames"]:
            raise ValueError(
                f"{figure} has frames 0 to {section['n_frames'] - 1}; there is no frame {index}"
            )
        return [index]

    # stage: (its outputs, the frames it draws, the wildcards that name its log)
    drawings = {
        "render": (
            {"frames": directory(f"{frames_dir}/{{chunk}}")},
            lambda wildcards: frame_jobs[int(wildcards.chunk)],
            "{theme}_{chunk}",
        ),
        "preview": (
            {"sheet": f"preview/{figure}/{{theme}}/sheet.png"},
            draft_frames(section["n_frames"], config["preview"]["frames"]),
            "{theme}",
        ),
        "still": (
            {"still": f"preview/{figure}/{{theme}}/frame_{{index}}.png"},
            one_frame,
            "{theme}_{index}",
        ),
    }
    for stage, (drawn, indices, named) in drawings.items():

        rule:
            name:
                f"{stage}_{figure}"
            input:
                library("style", "animate", *modules),
                **inputs,
            output:
                **drawn,
            log:
                f"{DRAFTS}logs/{figure}/{stage}_{named}.log",
            benchmark:
                f"{DRAFTS}benchmarks/{figure}/{stage}_{named}.tsv"
            conda:
                "../environment.yml"
            params:
                frames=indices,
                scene=scene,
                style=themed_style(figure),
            script:
                f"../scripts/render_{figure}.py"

    rule:
        name:
            f"assemble_{figure}"
        input:
            library("encode"),
            frames=expand(
                f"{frames_dir}/{{chunk}}", chunk=range(len(frame_jobs)), allow_missing=True
            ),
        output:
            report(
                f"{RENDERED}/{figure}/{{theme}}/{figure}.{{format}}",
                caption=f"../report/{figure}.rst",
                category=category,
                labels={"theme": "{theme}", "format": "{format}"},
            ),
        log:
            f"{DRAFTS}logs/{figure}/assemble_{{theme}}_{{format}}.log",
        benchmark:
            f"{DRAFTS}benchmarks/{figure}/assemble_{{theme}}_{{format}}.tsv"
        wildcard_constraints:
            format="|".join(ANIMATION_FORMATS),
        conda:
            "../environment.yml"
        params:
            frames=shown,
            durations_ms=frame_durations(
                len(shown), section["frame_duration_ms"], section["end_pause_ms"]
            ),
        script:
            "../scripts/assemble_animation.py"


rule publish:
    """A finished figure into figures/: linked (or copied) beside it, then renamed over it.

    update(): Snakemake keeps the previous figure until the rename replaces it, so whatever fails
    on the way (a render, an encoder, a full disk, a signal) the last good figure stays.
    """
    input:
        library(),
        finished=f"{RENDERED}/{{name}}/{PUBLISHED_THEME}/{{name}}.{{extension}}",
    output:
        update(f"{PUBLISHED}/{{name}}.{{extension}}"),
    log:
        f"{DRAFTS}logs/publish/{{name}}.{{extension}}.log",
    wildcard_constraints:
        name=r"[A-Za-z0-9_]+",
        extension=r"[a-z0-9]+",
    localrule: True
    conda:
        "../environment.yml"
    script:
        "../scripts/publish.py"
