"""Robustness, stage 2: the L1 and L2 straight lines in every frame."""

from l1l2figures.files import read_json, write_json
from l1l2figures.jobs import job_log
from l1l2figures.models import robustness_fits

log = job_log(snakemake)
fits = robustness_fits(read_json(snakemake.input.data))
write_json(snakemake.output[0], fits)
log.info(
    "slopes first -> last frame: L1 %.3f -> %.3f, L2 %.3f -> %.3f",
    fits[0]["l1"][0],
    fits[-1]["l1"][0],
    fits[0]["l2"][0],
    fits[-1]["l2"][0],
)
