"""The still of an animation: the frame that shows its lesson, as a small PNG (the video's poster).

Which frame its pacing says: the scene's key moment, or the config's ``poster_at``.
"""

from l1l2figures.pipeline.jobs import job_log, job_spec

log = job_log(snakemake)

from pathlib import Path

from l1l2figures.arrays import frame_name, read_frame
from l1l2figures.files import read_json
from l1l2figures.rendering.encode import write_poster

name = frame_name(read_json(snakemake.input.pacing)["poster"])
[frame] = [Path(d) / name for d in snakemake.input.frames if (Path(d) / name).exists()]
write_poster(read_frame(frame, job_spec(snakemake)["size"]), snakemake.output[0])
log.info("wrote %s from %s", snakemake.output[0], frame)
