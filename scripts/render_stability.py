"""Stability, stage 2: the two measures against the outlier's position, as a PNG."""

from l1l2figures.files import atomic_path, read_json
from l1l2figures.jobs import job_log
from l1l2figures.scenes.stability import stability_figure
from l1l2figures.style import apply_house_style

job_log(snakemake)
apply_house_style(snakemake.params.style)
fig = stability_figure(
    read_json(snakemake.input.measures),
    read_json(snakemake.input.data)["base_x"],
    snakemake.params.style,
)
with atomic_path(snakemake.output[0]) as tmp:
    fig.savefig(tmp, format="png")
