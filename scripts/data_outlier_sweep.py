"""Outlier sweep, stage 1: the base points and the outlier's position in every frame and panel."""

from l1l2figures.files import write_json
from l1l2figures.grids import outlier_sweep_data
from l1l2figures.jobs import job_log

log = job_log(snakemake)
data = outlier_sweep_data(snakemake.params.dataset)
write_json(snakemake.output[0], data)
log.info("base points y = %s", [round(y, 2) for y in data["base_y"]])
