"""The still of an animation: the frame that shows its lesson, as a small PNG (the video's poster)."""

from pathlib import Path

from l1l2figures.pipeline.files import frame_name, read_frame
from l1l2figures.pipeline.jobs import job_log
from l1l2figures.rendering.encode import write_poster

log = job_log(snakemake)
frame = Path(snakemake.input.frames) / frame_name(snakemake.params.frame)
write_poster(read_frame(frame, snakemake.params.size), snakemake.output[0])
log.info("wrote %s from %s", snakemake.output[0], frame)
