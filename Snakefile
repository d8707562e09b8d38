# Teaching figures about the L1 and L2 norms. `snakemake --cores 4` builds every figure in figures/.
# Each figure's rules live in rules/<figure>.smk; config/config.yaml holds every tunable.

import threading

from snakemake.utils import min_version, validate

from l1l2figures.configuration import ANIMATIONS, check_config, parse_numbers

min_version("9.0")


report: "report/workflow.rst"


configfile: "config/config.yaml"


# A bad value stops the run here, naming the key, before any job starts or any file changes.
config.update(parse_numbers(config))
validate(config, "config/schema.yaml")
check_config(config)


# Snakemake's job-rate limiter leaves a one-second threading.Timer whose only task is to wake the
# scheduler again; once the run has succeeded nobody waits for it, but Python would, at exit.
onsuccess:
    for timer in threading.enumerate():
        if isinstance(timer, threading.Timer):
            timer.cancel()


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
