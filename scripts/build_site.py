"""The blog bundle: copy the figures' assets into site/ and write the snippets and the gallery."""

from pathlib import Path

from l1l2figures.pipeline.files import read_json
from l1l2figures.pipeline.jobs import job_log
from l1l2figures.pipeline.site import build_site

log = job_log(snakemake)
written = build_site(
    site_dir=Path(snakemake.output[0]).parent,  # site/index.html comes first
    catalogue=snakemake.params.catalogue,
    words_files=dict(zip(snakemake.params.catalogue, snakemake.input.words, strict=True)),
    durations_ms={
        figure: read_json(path)["durations_ms"]
        for figure, path in zip(snakemake.params.animations, snakemake.input.pacing, strict=True)
    },
    results=snakemake.params.results,
    config=snakemake.params.config,
    reads=snakemake.params.reads,
    project_dir=snakemake.params.project_dir,
)
log.info("wrote %d files", len(written))
