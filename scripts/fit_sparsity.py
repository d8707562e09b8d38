"""Sparsity, stage 2: the constrained solutions in every frame, and the lasso and ridge paths."""

from l1l2figures.files import read_json, write_json
from l1l2figures.jobs import job_log
from l1l2figures.models import coefficient_paths
from l1l2figures.sparsity import solutions

log = job_log(snakemake)
data = read_json(snakemake.input.data)
fits = {
    "solutions": solutions(snakemake.params.problem, data["centres"]),
    **coefficient_paths(data["lasso_alphas"], data["ridge_alphas"]),
}
write_json(snakemake.output[0], fits)
on_axis = sum(0.0 in record["l1"] for record in fits["solutions"])
log.info("L1 solution on an axis in %d of %d frames", on_axis, len(fits["solutions"]))
