"""L1-L2 gradient, stage 1: both gradient-descent runs, one record per frame."""

from l1l2figures.files import write_json
from l1l2figures.jobs import job_log
from l1l2figures.regularization import first_zero, gradient_descent

log = job_log(snakemake)
descent = gradient_descent(snakemake.params.descent)
write_json(snakemake.output[0], descent)
last = descent["frames"][-1]
log.info(
    "L1 weight first exactly 0 at step %s; after step %d: L1 %r, L2 %r",
    first_zero([f["l1"] for f in descent["frames"]]),
    last["step"],
    last["l1"],
    last["l2"],
)
