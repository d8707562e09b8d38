# Teaching figures about the L1 and L2 norms. `snakemake --cores 4` builds every figure in figures/.
# The figures are listed in src/l1l2figures/catalogue.py; rules/ holds the stages they share;
# config/config.yaml holds every tunable.

import sys
from pathlib import Path

from snakemake.exceptions import WorkflowError
from snakemake.utils import min_version

# The project's own library, here and in every job, whatever copy of the package is installed: an
# edit under src/ reruns the jobs that use it, and they run it.
sys.path.insert(0, str(Path(workflow.basedir, "src").resolve()))

from l1l2figures.pipeline.jobs import (
    jobs_follow_this_process,
    record_interrupts,
    run_jobs_on,
)

run_jobs_on(sys.path[0])
jobs_follow_this_process()

from l1l2figures.pipeline.configuration import (
    check_interpreter_path,
    checked_config,
    merged_over,
    read_yaml,
)
from l1l2figures.errors import ConfigError, SetupError

min_version("9.0")


report: "report/workflow.rst"


# What would make every job fail, or a bad config, stops the run here, before any job starts or
# any file changes, with one line per problem. Raised again from the Snakefile itself, the message
# is printed without a traceback.
# config/config.yaml is read here rather than by a `configfile:` directive: a YAML error then
# names its line (Snakemake's message names none), and it is read once, by libyaml (Snakemake's
# reader takes 40 ms more of every run). What the command line gives (--configfile, --config) is
# already in `config`, and is merged over it as `configfile:` would merge it.
try:
    check_interpreter_path(sys.executable)
    config.update(
        checked_config(
            merged_over(read_yaml("config/config.yaml"), config),
            Path(workflow.basedir) / "config" / "schema.yaml",
        )
    )
except (SetupError, ConfigError) as problem:
    raise type(problem)(str(problem)) from None


# Snakemake's log handler swallows a KeyboardInterrupt raised while it writes a line, and the run
# then goes on as if Ctrl-C had never been pressed. A run that got one never reports success, so
# `snakemake && publish` cannot publish after an interrupt.
interrupts = record_interrupts()


onerror:
    mark_failed_publications()


onsuccess:
    if interrupts:
        raise WorkflowError(
            "interrupted (Ctrl-C): the run went on, but does not count as a success"
        )


include: "rules/common.smk"
include: "rules/compute.smk"
include: "rules/animations.smk"
include: "rules/stills.smk"
include: "rules/publish.smk"
include: "rules/readme_pictures.smk"
include: "rules/site.smk"


# Every finished figure of the catalogue (src/l1l2figures/catalogue.py), and the report captions
# its words stage writes.
rule all:
    input:
        FIGURES,
        [LAYOUT.caption(figure) for figure in CATALOGUE],


# The figure-quality gate on every figure, on every frame of an animation, in every theme.
rule quality:
    input:
        expand(LAYOUT.quality("{figure}", "{theme}"), figure=CATALOGUE, theme=THEMES),


# A quick look at every animation without encoding it: preview/<figure>/light/sheet.png
# (and preview/<figure>/<theme>/frame_<index>.png for any one frame).
rule contact_sheets:
    input:
        [LAYOUT.sheet(figure, "light") for figure in ANIMATIONS],


# Short targets, one per figure of the catalogue, so that an author names a figure rather than
# its files: `snakemake --cores 4 contact_sheet_<figure>` (an animation's contact sheet) and
# `snakemake --cores 4 draft_<figure> --config draft=true` (the figure as a quick draft).
for short_figure in ANIMATIONS:

    rule:
        name:
            f"contact_sheet_{short_figure}"
        input:
            LAYOUT.sheet(short_figure, "light"),


for short_figure in CATALOGUE:

    rule:
        name:
            f"draft_{short_figure}"
        input:
            draft_files(short_figure),


# A format dropped from `formats` leaves its old file in figures/, no longer rebuilt: say so.
for path in stale_animation_files():
    print(
        f"Note: {path} is out of date and no longer rebuilt (its format is not in `formats`); "
        "delete it, or add the format back",
        file=sys.stderr,
    )
