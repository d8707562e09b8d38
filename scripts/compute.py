"""A figure's data or fit stage (the job's rule): its catalogue function on the config slice and
the files it reads, its product written by its file format."""

from pathlib import Path

from l1l2figures.pipeline.calls import run
from l1l2figures.pipeline.jobs import job_log
from l1l2figures.pipeline.products import WRITERS, read_products

log = job_log(snakemake)
call = snakemake.params.call
values = read_products(snakemake.input, call["reads"])
product = run(call["function"], call["args"], {**values, "config": snakemake.params.config})
output = snakemake.output[0]
WRITERS[Path(output).suffix](output, product)
log.info("wrote %s with %s", output, call["function"])
