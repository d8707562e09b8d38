# Helpers shared by every figure's rules.

import os

from l1l2figures.grids import chunks, frame_durations
from l1l2figures.theme import figure_style


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


def frame_chunks(section):
    """The frame ranges of a figure's render jobs: ``frames_per_job`` frames each."""
    return chunks(section["n_frames"], section["frames_per_job"])


def frame_dirs(figure):
    """The frame directories of an animation's render jobs, in frame order."""
    n_jobs = len(frame_chunks(config[figure]))
    return expand(f"results/{figure}/frames/{{chunk}}", chunk=range(n_jobs))


def animation_files(figure):
    """figures/<figure>.<format> for each format in config["formats"]."""
    return expand(f"figures/{figure}.{{format}}", format=config["formats"])


def animation_durations(section):
    """Each frame's display time in ms, with the pause on the last frame."""
    return frame_durations(
        section["n_frames"], section["frame_duration_ms"], section["end_pause_ms"]
    )
