"""Sparsity, stage 1: the loss's centre in every frame and the regularization strengths."""

from l1l2figures.files import write_json
from l1l2figures.grids import sparsity_data
from l1l2figures.jobs import job_log

log = job_log(snakemake)
data = sparsity_data(snakemake.params.grid)
write_json(snakemake.output[0], data)
log.info("%d centres, %d alphas per path", len(data["centres"]), len(data["lasso_alphas"]))
