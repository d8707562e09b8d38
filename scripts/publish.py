"""A finished figure from results/ into figures/, once checked whole, replacing the previous one in
a single rename."""

from l1l2figures.pipeline.jobs import job_log

log = job_log(snakemake)

from l1l2figures.files import publish, read_json
from l1l2figures.pipeline.integrity import check_whole

# An animation is checked against the frame times its pacing gave the encoder; a still has none.
pacing = snakemake.input.pacing
check_whole(snakemake.input.finished, read_json(pacing)["durations_ms"] if pacing else None)
publish(snakemake.input.finished, snakemake.output[0])
log.info("published %s", snakemake.output[0])
