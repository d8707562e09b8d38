"""Solvers, stage 1: every sweep of the lasso's coordinate descent, and ridge's single solve."""

from l1l2figures.files import write_json
from l1l2figures.jobs import job_log
from l1l2figures.solvers import solver_comparison

log = job_log(snakemake)
result = solver_comparison(snakemake.params.solvers)
write_json(snakemake.output[0], result)
log.info(
    "lasso settled after %d sweeps; ridge at relative distance %.1e from the reference",
    len(result["lasso_history"]) - 1,
    result["ridge_distance"],
)
