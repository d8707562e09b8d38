"""An animation's frames drawn with its catalogue draw function; its spec's task says what is
written: the frames of a render job, the figure-quality gate's findings, a contact sheet, or one
frame."""

from l1l2figures.pipeline.jobs import job_log, job_products, job_spec

job_log(snakemake)

from l1l2figures.pipeline.build import draw
from l1l2figures.rendering.animate import render_frames, write_contact_sheet, write_frame

spec = job_spec(snakemake)
fig, update = draw(
    spec["draw"], job_products(snakemake, spec["draw"]), spec["config"], spec["style"]
)
if spec["task"] == "gate":
    # Imported here: only quality jobs pay for the colour-vision models.
    from l1l2figures.rendering.quality import check_quality
    from l1l2figures.words.colours import said_colour_word_problems

    said = said_colour_word_problems(snakemake.input.words)
    check_quality(fig, update, spec["frames"], snakemake.output[0], said)
else:
    write = {"frames": render_frames, "sheet": write_contact_sheet, "frame": write_frame}
    write[spec["task"]](fig, update, spec["frames"], snakemake.output[0])
