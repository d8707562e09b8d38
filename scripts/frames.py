"""An animation's frames drawn with its catalogue draw function; what the job's rule asks for is
written: render the frames of a render job, gate the figure-quality gate's findings, sheet a
contact sheet, frame one frame."""

from l1l2figures.pipeline.calls import run
from l1l2figures.pipeline.jobs import job_log
from l1l2figures.pipeline.products import read_products
from l1l2figures.rendering.animate import render_frames, write_contact_sheet, write_frame
from l1l2figures.rendering.style import apply_house_style

job_log(snakemake)
if snakemake.rule == "gate":
    # Imported here: only quality jobs pay for the colour-vision models.
    from l1l2figures.rendering.quality import check_quality as write
else:
    write = {"render": render_frames, "sheet": write_contact_sheet, "frame": write_frame}[
        snakemake.rule
    ]
params = snakemake.params
apply_house_style(params.style)
values = read_products(snakemake.input, params.draw["reads"])
values |= {"config": params.scene, "style": params.style}
fig, update = run(params.draw["function"], params.draw["args"], values)
write(fig, update, params.frames, snakemake.output[0])
