"""A still figure drawn with its catalogue draw function: a PNG and its @2x twin, after an
accessible SVG for rule svg (its <title> and <desc> from the figure's words, in the theme's
colour words)."""

from l1l2figures.pipeline.calls import run
from l1l2figures.pipeline.files import read_json
from l1l2figures.pipeline.jobs import job_log
from l1l2figures.pipeline.products import read_products
from l1l2figures.rendering.encode import write_pngs, write_svg
from l1l2figures.rendering.style import apply_house_style
from l1l2figures.words import SVG_DESC, SVG_TITLE

job_log(snakemake)
params = snakemake.params
apply_house_style(params.style)
values = read_products(snakemake.input, params.draw["reads"])
values |= {"config": params.scene, "style": params.style}
fig = run(params.draw["function"], params.draw["args"], values)
if snakemake.rule == "svg":
    words = read_json(snakemake.input.words)["themes"][snakemake.wildcards.theme]
    write_svg(fig, snakemake.output.svg, words[SVG_TITLE], words[SVG_DESC])
write_pngs(fig, snakemake.output.png, snakemake.output.png2x)
