"""The still of an animation: its chosen frame as a small PNG (the video's poster)."""

from l1l2figures.encode import frame_paths, write_poster
from l1l2figures.jobs import job_log

log = job_log(snakemake)
paths = frame_paths(snakemake.input.frames)
index = snakemake.params.poster_frame  # checked against n_frames before any job ran
write_poster(paths[index], snakemake.output[0])
log.info("wrote %s: frame %s of %d", snakemake.output[0], paths[index].name, len(paths))
