# Teaching figures about the L1 and L2 norms. `snakemake --cores 4` builds every figure in figures/.
# Each figure's rules live in rules/<figure>.smk; config/config.yaml holds every tunable.

import threading

from snakemake.exceptions import WorkflowError
from snakemake.utils import min_version, validate

from l1l2figures.configuration import ANIMATIONS, check_config, parse_numbers
from l1l2figures.jobs import record_interrupts

min_version("9.0")


report: "report/workflow.rst"


configfile: "config/config.yaml"


# A bad value stops the run here, naming the key, before any job starts or any file changes.
config.update(parse_numbers(config))
validate(config, "config/schema.yaml")
check_config(config)


# Snakemake's log handler swallows a KeyboardInterrupt raised while it writes a line, and the run
# then goes on as if Ctrl-C had never been pressed. A run that got one never reports success, so
# `snakemake && publish` cannot publish after an interrupt.
interrupts = record_interrupts()


onsuccess:
    # Snakemake's job-rate limiter leaves a one-second threading.Timer whose only task is to wake
    # the scheduler again; once the run has succeeded nobody waits for it, but Python would, at exit.
    for timer in threading.enumerate():
        if isinstance(timer, threading.Timer):
            timer.cancel()
    if interrupts:
        raise WorkflowError(
            "interrupted (Ctrl-C): the run went on, but does not count as a success"
        )


include: "rules/common.smk"
include: "rules/outlier_sweep.smk"
include: "rules/l1_l2_gradient.smk"
include: "rules/manhattan_distance.smk"
include: "rules/robustness.smk"
include: "rules/stability.smk"
include: "rules/sparsity.smk"
include: "rules/solvers.smk"
include: "rules/previews.smk"


rule all:
    input:
        [animation_files(figure) for figure in ANIMATIONS],
        "figures/outlier_sweep_grid.png",
        "figures/manhattan_distance.svg",
        "figures/manhattan_distance.png",
        "figures/stability.png",
        "figures/solvers.png",
