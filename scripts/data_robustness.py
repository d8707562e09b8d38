"""Robustness, stage 1: the points and the outlier's height in every frame."""

from l1l2figures.files import write_json
from l1l2figures.grids import robustness_data
from l1l2figures.jobs import job_log

log = job_log(snakemake)
data = robustness_data(snakemake.params.dataset)
write_json(snakemake.output[0], data)
log.info("%d points, the outlier rises over %d frames", len(data["base_x"]), len(data["outlier_y"]))
