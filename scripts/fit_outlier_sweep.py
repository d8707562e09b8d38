"""Outlier sweep, stage 2: L1 and L2 gradient boosting without the outlier and at each position."""

from l1l2figures.files import read_json, save_arrays
from l1l2figures.jobs import job_log
from l1l2figures.models import outlier_fits

log = job_log(snakemake)
data = read_json(snakemake.input.data)
for positions, path in [
    ("sweep_outlier_x", snakemake.output.sweep),
    ("grid_outlier_x", snakemake.output.grid),
]:
    save_arrays(path, outlier_fits(data, snakemake.params.gbr, positions))
    log.info("fitted %d outlier positions (%s)", len(data[positions]), positions)
