"""A figure's data or fit stage: its catalogue function on its config slice and the products it
reads, its product written in its file format."""

from l1l2figures.pipeline.jobs import job_log, job_products, job_spec

log = job_log(snakemake)

from l1l2figures.pipeline.build import compute, write_product

spec = job_spec(snakemake)
product = compute(spec["call"], job_products(snakemake, spec["call"]), spec["config"])
write_product(snakemake.output[0], product)
log.info("wrote %s with %s", snakemake.output[0], spec["call"]["function"])
