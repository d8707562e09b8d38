"""A figure's words stage: its measures (its catalogue words function, on the products it reads),
its words made from them in the colours of the themes it is given (words.json) and, for rule
words, its report caption (caption.rst)."""

from pathlib import Path

from l1l2figures.pipeline.calls import run
from l1l2figures.pipeline.files import atomic_path, write_json
from l1l2figures.pipeline.jobs import job_log
from l1l2figures.pipeline.products import read_products
from l1l2figures.words.figures import caption, figure_words

log = job_log(snakemake)
params = snakemake.params
call = params.call
values = read_products(snakemake.input, call["reads"])
measures = run(call["function"], call["args"], {**values, "config": params.config})
words = figure_words(snakemake.wildcards.figure, measures, params.styles, params.name)
write_json(snakemake.output.words, words)
if snakemake.rule == "words":
    with atomic_path(snakemake.output.caption) as tmp:
        tmp.write_text(caption(words, Path(snakemake.input.caption).read_text()))
log.info("%s: %s", snakemake.wildcards.figure, words["title"])
