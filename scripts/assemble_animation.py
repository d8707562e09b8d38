"""Last stage of every animation: the frames of all render jobs, in frame order, in one format,
each shown for as long as its pacing says."""

from l1l2figures.pipeline.jobs import job_log, job_spec

log = job_log(snakemake)

from pathlib import Path

from l1l2figures.arrays import animation_frames
from l1l2figures.files import read_json
from l1l2figures.rendering.encode import ANIMATION_WRITERS

spec = job_spec(snakemake)
paths = animation_frames(snakemake.input.frames, spec["frames"], spec["size"])
durations_ms = read_json(snakemake.input.pacing)["durations_ms"]
output = snakemake.output[0]
ANIMATION_WRITERS[Path(output).suffix](paths, output, durations_ms)
log.info("wrote %s: %d frames, %d ms", output, len(paths), sum(durations_ms))
