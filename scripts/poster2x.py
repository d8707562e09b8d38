"""An animation's poster at twice its dpi (poster@2x.png, the 2x of the site's srcset): the frame
its pacing chose as poster, drawn again with its catalogue draw function at that dpi, as a still's
@2x twin is drawn, and stored as the 1x poster is."""

from l1l2figures.pipeline.calls import run
from l1l2figures.pipeline.files import read_json
from l1l2figures.pipeline.jobs import job_log
from l1l2figures.pipeline.products import read_products
from l1l2figures.rendering.animate import frames
from l1l2figures.rendering.encode import write_poster
from l1l2figures.rendering.style import apply_house_style

log = job_log(snakemake)
params = snakemake.params
apply_house_style(params.style)
values = read_products(snakemake.input, params.draw["reads"])
values |= {"config": params.scene, "style": params.style}
fig, update = run(params.draw["function"], params.draw["args"], values)
poster = read_json(snakemake.input.pacing)["poster"]
[(_, pixels)] = frames(fig, update, [poster])
write_poster(pixels, snakemake.output[0])
log.info("wrote %s: frame %d at dpi %s", snakemake.output[0], poster, params.style["dpi"])
