"""A still figure drawn with its catalogue draw function: a PNG and its @2x twin, after an
accessible SVG for rule svg."""

from l1l2figures.pipeline.calls import run
from l1l2figures.pipeline.jobs import job_log
from l1l2figures.pipeline.products import read_products
from l1l2figures.rendering.encode import write_pngs, write_svg
from l1l2figures.rendering.style import apply_house_style

job_log(snakemake)
params = snakemake.params
apply_house_style(params.style)
values = read_products(snakemake.input, params.draw["reads"])
values |= {"config": params.scene, "style": params.style}
fig = run(params.draw["function"], params.draw["args"], values)
if snakemake.rule == "svg":
    title, description = run(params.describe["function"], params.describe["args"], values)
    write_svg(fig, snakemake.output.svg, title, description)
write_pngs(fig, snakemake.output.png, snakemake.output.png2x)
