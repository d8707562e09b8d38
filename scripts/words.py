"""A figure's words stage: its measures (its catalogue words function, on the products it reads),
its words made from them in the colours of the themes its spec gives (words.json) and, when the
spec asks, its report caption (caption.rst)."""

from l1l2figures.pipeline.jobs import job_log, job_products, job_spec

log = job_log(snakemake)

from pathlib import Path

from l1l2figures.files import atomic_path, write_json
from l1l2figures.pipeline.build import compute
from l1l2figures.words.figures import caption, figure_words

spec = job_spec(snakemake)
figure = snakemake.wildcards.figure
measures = compute(spec["call"], job_products(snakemake, spec["call"]), spec["config"])
words = figure_words(spec["call"]["function"], measures, spec["styles"], spec["name"])
write_json(snakemake.output.words, words)
if spec["caption"]:
    with atomic_path(snakemake.output.caption) as tmp:
        tmp.write_text(caption(words, Path(snakemake.input.caption).read_text()))
log.info("%s: %s", figure, words["title"])
