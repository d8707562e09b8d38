"""Manhattan distance, stage 1: the paths' geometry and the numbers the figure shows."""

from l1l2figures.files import write_json
from l1l2figures.jobs import job_log
from l1l2figures.taxicab import city

log = job_log(snakemake)
geometry = city(snakemake.params.city)  # refuses a path that is not a shortest taxicab path
write_json(snakemake.output[0], geometry)
log.info(
    "path lengths %s; straight line %s; %d shortest taxicab paths",
    {name: p["length"] for name, p in geometry["paths"].items()},
    geometry["euclidean_text"],
    geometry["shortest_path_count"],
)
