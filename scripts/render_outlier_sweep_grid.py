"""Outlier sweep, static version: every outlier position in its own panel, as one PNG."""

from l1l2figures.files import atomic_path, load_arrays, read_json
from l1l2figures.jobs import job_log
from l1l2figures.scenes.outlier_sweep import grid_figure
from l1l2figures.style import apply_house_style

job_log(snakemake)
apply_house_style(snakemake.params.style)
fig = grid_figure(
    read_json(snakemake.input.data),
    load_arrays(snakemake.input.fits),
    snakemake.params.style,
    snakemake.params.limits,
    snakemake.params.columns,
)
with atomic_path(snakemake.output[0]) as tmp:
    fig.savefig(tmp, format="png")
