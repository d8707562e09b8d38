"""Solvers, stage 2: the coordinate-descent sweeps against the ridge solve, as a PNG."""

from l1l2figures.files import atomic_path, read_json
from l1l2figures.jobs import job_log
from l1l2figures.scenes.solvers import solvers_figure
from l1l2figures.style import apply_house_style

job_log(snakemake)
apply_house_style(snakemake.params.style)
fig = solvers_figure(read_json(snakemake.input.fits), snakemake.params.style)
with atomic_path(snakemake.output[0]) as tmp:
    fig.savefig(tmp, format="png")
