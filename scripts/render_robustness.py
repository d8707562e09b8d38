"""Robustness, stage 3: draw this job's frames of the animation as PNG files."""

from l1l2figures.animate import render_frames
from l1l2figures.files import read_json
from l1l2figures.jobs import job_log
from l1l2figures.scenes.robustness import animation_scene
from l1l2figures.style import apply_house_style

job_log(snakemake)
apply_house_style(snakemake.params.style)
fig, update = animation_scene(
    read_json(snakemake.input.data),
    read_json(snakemake.input.fits),
    snakemake.params.style,
    snakemake.params.limits,
)
render_frames(fig, update, snakemake.params.frames, snakemake.output[0])
