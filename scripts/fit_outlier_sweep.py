"""Outlier sweep, stage 2: L1 and L2 gradient boosting without the outlier and at each position."""

from l1l2figures.files import read_json, save_arrays
from l1l2figures.jobs import job_log
from l1l2figures.models import outlier_fits

log = job_log(snakemake)
data = read_json(snakemake.input.data)
sweep, grid = outlier_fits(data, snakemake.params.gbr, "sweep_outlier_x", "grid_outlier_x")
save_arrays(snakemake.output.sweep, sweep)
save_arrays(snakemake.output.grid, grid)
log.info("fitted %d + %d outlier positions", len(sweep["outlier_x"]), len(grid["outlier_x"]))
