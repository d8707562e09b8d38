"""L1-L2 gradient, stage 2: draw this job's frames of the animation as PNG files."""

from l1l2figures.animate import render_frames
from l1l2figures.files import read_json
from l1l2figures.jobs import job_log
from l1l2figures.scenes.l1_l2_gradient import animation_scene
from l1l2figures.style import apply_house_style

job_log(snakemake)
apply_house_style(snakemake.params.style)
fig, update = animation_scene(
    read_json(snakemake.input.fits), snakemake.params.w_limits, snakemake.params.style
)
render_frames(fig, update, snakemake.params.frames, snakemake.output[0])
