"""An animation's frames drawn with its catalogue draw function; what the job's rule asks for is
written: render the frames of a render job, gate the figure-quality gate's findings, sheet a
contact sheet, frame one frame."""

from l1l2figures.pipeline.calls import run
from l1l2figures.pipeline.jobs import job_log
from l1l2figures.pipeline.products import read_products
from l1l2figures.rendering.animate import render_frames, write_contact_sheet, write_frame
from l1l2figures.rendering.style import apply_house_style

job_log(snakemake)
params = snakemake.params
apply_house_style(params.style)
values = read_products(snakemake.input, params.draw["reads"])
values |= {"config": params.scene, "style": params.style}
fig, update = run(params.draw["function"], params.draw["args"], values)
if snakemake.rule == "gate":
    # Imported here: only quality jobs pay for the colour-vision models.
    from l1l2figures.pipeline.files import read_json
    from l1l2figures.rendering.quality import check_quality
    from l1l2figures.words import ALT, DESCRIPTION, TITLE

    said = read_json(snakemake.input.words)
    words = [said[TITLE], said[ALT], said[DESCRIPTION]]
    check_quality(fig, update, params.frames, snakemake.output[0], words)
else:
    write = {"render": render_frames, "sheet": write_contact_sheet, "frame": write_frame}
    write[snakemake.rule](fig, update, params.frames, snakemake.output[0])
