"""Outlier sweep, static version: every outlier position in its own panel, as one PNG."""

from l1l2figures.encode import write_pngs
from l1l2figures.files import load_arrays, read_json
from l1l2figures.jobs import job_log
from l1l2figures.scenes.outlier_sweep import grid_figure
from l1l2figures.style import apply_house_style

job_log(snakemake)
apply_house_style(snakemake.params.style)
fig = grid_figure(
    read_json(snakemake.input.data),
    load_arrays(snakemake.input.fits),
    snakemake.params.style,
    snakemake.params.scene,
    snakemake.params.scene["grid_columns"],
)
write_pngs(fig, snakemake.output.png, snakemake.output.png2x)
