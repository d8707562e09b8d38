"""A finished figure from results/ into figures/, once checked whole, replacing the previous one in
a single rename."""

from l1l2figures.pipeline.files import publish
from l1l2figures.pipeline.integrity import check_whole
from l1l2figures.pipeline.jobs import job_log

log = job_log(snakemake)
check_whole(snakemake.input.finished, snakemake.params.durations_ms)
publish(snakemake.input.finished, snakemake.output[0])
log.info("published %s", snakemake.output[0])
