"""The blog bundle: copy the figures' assets into site/ and write the snippets and the gallery."""

from l1l2figures.pipeline.jobs import job_log, job_spec

log = job_log(snakemake)

from l1l2figures.files import read_json, write_receipt
from l1l2figures.pipeline.layout import ANIMATED, Layout
from l1l2figures.pipeline.site import build_site

spec = job_spec(snakemake)
layout = Layout(draft=spec["draft"])
# A still's formats come back from JSON as a list.
catalogue = {
    name: kind if kind == ANIMATED else tuple(kind) for name, kind in spec["catalogue"].items()
}
written = build_site(
    site_dir=layout.site,
    catalogue=catalogue,
    words_files={figure: layout.words(figure) for figure in catalogue},
    pacings={
        figure: read_json(layout.pacing(figure))
        for figure, kind in catalogue.items()
        if kind == ANIMATED
    },
    shown=spec["shown"],
    layout=layout,
    config=spec["config"],
    reads={figure: set(read) for figure, read in spec["reads"].items()},
    project_dir=spec["project_dir"],
)
write_receipt(snakemake.output.receipt, written)
log.info("wrote %d files", len(written))
