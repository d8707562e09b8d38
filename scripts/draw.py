"""A still figure drawn with its catalogue draw function; its spec's task says what is written:
a PNG and its @2x twin, after an accessible SVG for "svg" (its <title> and <desc> from the
figure's words, in the theme's colour words), or the figure-quality gate's findings."""

from l1l2figures.pipeline.jobs import job_log, job_products, job_spec

job_log(snakemake)

from l1l2figures.files import read_json
from l1l2figures.pipeline.build import draw
from l1l2figures.rendering.encode import write_pngs, write_svg
from l1l2figures.words import SVG_DESC, SVG_TITLE

spec = job_spec(snakemake)
fig = draw(spec["draw"], job_products(snakemake, spec["draw"]), spec["config"], spec["style"])
if spec["task"] == "gate":
    # Imported here: only quality jobs pay for the colour-vision models.
    from l1l2figures.rendering.quality import check_quality
    from l1l2figures.words.colours import said_colour_word_problems

    said = said_colour_word_problems(snakemake.input.words)
    check_quality(fig, None, [], snakemake.output[0], said)
else:
    if spec["task"] == "svg":
        words = read_json(snakemake.input.words)["themes"][spec["style"]["theme"]]
        write_svg(fig, snakemake.output.svg, words[SVG_TITLE], words[SVG_DESC])
    write_pngs(fig, snakemake.output.png, snakemake.output.png2x)
