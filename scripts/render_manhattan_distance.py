"""Manhattan distance, stage 2: the figure as an accessible SVG and a PNG preview."""

from l1l2figures.encode import write_pngs, write_svg
from l1l2figures.files import read_json
from l1l2figures.jobs import job_log
from l1l2figures.scenes.manhattan_distance import city_figure, description
from l1l2figures.style import apply_house_style

job_log(snakemake)
apply_house_style(snakemake.params.style)
geometry = read_json(snakemake.input.city)
fig = city_figure(geometry, snakemake.params.style)
write_svg(fig, snakemake.output.svg, *description(geometry, snakemake.params.style))
write_pngs(fig, snakemake.output.png, snakemake.output.png2x)
