"""An animation's poster at twice its dpi (poster@2x.png, the 2x of the site's srcset): the frame
its pacing chose as poster, drawn again with its catalogue draw function at that dpi, as a still's
@2x twin is drawn, and stored as the 1x poster is."""

from l1l2figures.pipeline.jobs import job_log, job_products, job_spec

log = job_log(snakemake)

from l1l2figures.files import read_json
from l1l2figures.pipeline.build import draw
from l1l2figures.rendering.animate import frames
from l1l2figures.rendering.encode import write_poster

spec = job_spec(snakemake)
fig, update = draw(
    spec["draw"], job_products(snakemake, spec["draw"]), spec["config"], spec["style"]
)
poster = read_json(snakemake.input.pacing)["poster"]
[(_, pixels)] = frames(fig, update, [poster])
write_poster(pixels, snakemake.output[0])
log.info("wrote %s: frame %d at dpi %s", snakemake.output[0], poster, spec["style"]["dpi"])
