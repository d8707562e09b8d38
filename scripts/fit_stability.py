"""Stability, stage 1: how far each of the outlier sweep's fits moves, per outlier position."""

from l1l2figures.files import load_arrays, write_json
from l1l2figures.jobs import job_log
from l1l2figures.stability import stability

log = job_log(snakemake)
measures = stability(load_arrays(snakemake.input.fits))
write_json(snakemake.output[0], measures)
log.info(
    "largest shift: L1 %.2f, L2 %.2f",
    max(measures["l1_shift"]),
    max(measures["l2_shift"]),
)
